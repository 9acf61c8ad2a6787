import { GateWall, UpgradePrompt, UsageBar, useHeadroom, useMeter, useStatus } from '@headroom/react';

/** A billing page: the SDK's widgets, plus a line of the host's own UI from a hook. */
export function Billing() {
  const hr = useHeadroom();
  const seats = useMeter('seats');
  const status = useStatus();
  return (
    <main>
      <UpgradePrompt surface="banner" />
      <h1>Billing</h1>
      <p data-testid="seat-count">
        {seats.limit === null ? `${seats.used} seats` : `${seats.used} / ${seats.limit} seats`} ({status})
      </p>
      <button type="button" onClick={() => hr?.meter('seats').add(1)}>
        Add a teammate
      </button>
      <UsageBar meter="seats" />
      <UsageBar meter="docs" />
      <GateWall feature="sso">
        <p>SSO settings</p>
      </GateWall>
    </main>
  );
}
