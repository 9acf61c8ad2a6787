// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fakeClient } from '../test/fixtures.ts';
import { GateWall, HeadroomProvider, UpgradePrompt, UsageBar, useMeter, useStatus } from './index.ts';

function Status() {
  const status = useStatus();
  const seats = useMeter('seats');
  return (
    <p>
      {status}: {seats.used}
    </p>
  );
}

describe('server rendering', () => {
  it('renders the elements’ markup without creating a client, and hooks give their fallbacks', () => {
    let created = 0;
    const html = renderToString(
      <HeadroomProvider
        createClient={() => {
          created += 1;
          return fakeClient();
        }}
        locale="en-GB"
      >
        <Status />
        <UpgradePrompt surface="banner" />
        <UsageBar meter="seats" />
        <GateWall feature="sso">
          <p>SSO settings</p>
        </GateWall>
      </HeadroomProvider>,
    );
    expect(created).toBe(0);
    expect(typeof window).toBe('undefined');
    expect(html).toContain('<headroom-usage-bar locale="en-GB" meter="seats"></headroom-usage-bar>');
    expect(html).toContain('<headroom-upgrade-prompt locale="en-GB" surface="banner">');
    // Gated content never reaches the server's HTML: the plan is not known there.
    expect(html).not.toContain('SSO settings');
    expect(html).toMatch(/loading(<!-- -->)?: (<!-- -->)?0/);
  });
});
