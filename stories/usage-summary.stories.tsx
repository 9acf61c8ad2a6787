import { UsageSummary } from '@headroom/widgets';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { Frame, fake } from './fixtures.tsx';

const meta: Meta = { title: 'Widgets/UsageSummary' };
export default meta;

/** Every meter of the Team plan. */
export const TeamPlan: StoryObj = {
  render: () => (
    <Frame hr={fake({ usage: { seats: 9, api_calls: 82_000, docs: 310 } })}>
      <UsageSummary />
    </Frame>
  ),
};
