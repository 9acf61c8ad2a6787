import { GateWall, UsageBar, UsageSummary } from '@headroom/widgets';
import type { FakeHeadroom } from '@headroom/widgets/testing';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { account, Frame, fake } from './fixtures.tsx';

// Issue #17, item 2: what the widgets show when the SDK cannot know the numbers.
const meta: Meta = { title: 'Widgets/Honest states' };
export default meta;

/** A fake client after start-up, without its config (the edge never answered it). */
function noConfig(): FakeHeadroom {
  const hr = fake({ status: 'offline' });
  hr.$config.set(null);
  return hr;
}

/** The edge could not be reached and the token carries no usage: "Usage unavailable", no bar, no 0. */
export const UsageBarUnavailable: StoryObj = {
  render: () => (
    <Frame hr={fake({ status: 'offline' })}>
      <UsageBar meter="docs" />
    </Frame>
  ),
};

/** While the SDK starts: a neutral ellipsis, never a number. */
export const UsageBarLoading: StoryObj = {
  render: () => {
    const hr = fake({ status: 'loading' });
    hr.$config.set(null);
    return (
      <Frame hr={hr}>
        <UsageBar meter="docs" />
      </Frame>
    );
  },
};

/** The edge is unreachable, but the token's `usage` claim is known: its number is shown. */
export const UsageBarFromTokenClaim: StoryObj = {
  render: () => (
    <Frame hr={fake({ status: 'offline', account: { ...account(), usage: { docs: 40 } } })}>
      <UsageBar meter="docs" />
    </Frame>
  ),
};

/** No config after start-up: the summary says so instead of rendering nothing. */
export const UsageSummaryUnavailable: StoryObj = {
  render: () => (
    <Frame hr={noConfig()}>
      <UsageSummary />
    </Frame>
  ),
};

/** Named meters without a config: each says it is unavailable. */
export const UsageSummaryNamedMetersUnavailable: StoryObj = {
  render: () => (
    <Frame hr={noConfig()}>
      <UsageSummary meters={['seats', 'docs']} />
    </Frame>
  ),
};

/** Entitlement unknown (no config): fails open — the content, no paywall — and reports it once to diagnostics. */
export const GateWallUnknown: StoryObj = {
  render: () => (
    <Frame hr={noConfig()}>
      <GateWall feature="audit_log">
        <p style={{ margin: 0 }}>Audit log: 1,204 events this month.</p>
      </GateWall>
    </Frame>
  ),
};
