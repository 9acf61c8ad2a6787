import { GateWall } from '@headroom/widgets';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { account, config, Frame, fake } from './fixtures.tsx';

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
