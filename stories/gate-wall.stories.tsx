import { GateWall } from '@headroom/widgets';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { userEvent, within } from 'storybook/test';
import { account, config, Frame, fake, type Outcome, upgradeFor } from './fixtures.tsx';

const meta: Meta = { title: 'Widgets/GateWall' };
export default meta;

const settings = <p style={{ margin: 0 }}>Audit log: 1,204 events this month.</p>;

/** Team does not include the audit log: the wall names Business and offers the upgrade. */
export const Locked: StoryObj = {
  render: () => (
    <Frame hr={fake()}>
      <GateWall feature="audit_log">{settings}</GateWall>
    </Frame>
  ),
};

/** Business includes it: the gated content renders as is. */
export const Unlocked: StoryObj = {
  render: () => (
    <Frame hr={fake({ account: account('business') })}>
      <GateWall feature="audit_log">{settings}</GateWall>
    </Frame>
  ),
};

/** No plan on the path unlocks the feature: no CTA. */
export const NoPlanUnlocks: StoryObj = {
  render: () => (
    <Frame
      hr={fake({
        config: {
          ...config,
          plans: { ...config.plans, enterprise: { ...config.plans.enterprise!, features: [] } },
        },
      })}
    >
      <GateWall feature="teleport" label="Teleport" />
    </Frame>
  ),
};

/** The wall after its "Upgrade to Business" was clicked: the route's outcome replaces the CTA. */
function afterClick(outcome: Outcome): StoryObj {
  return {
    render: () => (
      <Frame hr={fake({ upgrade: upgradeFor(outcome) })}>
        <GateWall feature="audit_log">{settings}</GateWall>
      </Frame>
    ),
    play: async ({ canvasElement }) => {
      await userEvent.click(
        await within(canvasElement).findByRole('button', { name: 'Upgrade to Business' }),
      );
    },
  };
}

export const LockedAfterClickSelfServe = afterClick('self_serve');
export const LockedAfterClickWithAssist = afterClick('self_serve_with_assist');
export const LockedAfterClickCsAssist = afterClick('cs_assist');
export const LockedAfterClickError = afterClick('error');
