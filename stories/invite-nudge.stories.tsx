import { InviteNudge } from '@headroom/widgets';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { userEvent, within } from 'storybook/test';
import { Frame, fake } from './fixtures.tsx';

const meta: Meta = { title: 'Widgets/InviteNudge' };
export default meta;

const nudge = () => (
  <Frame hr={fake()}>
    <InviteNudge
      context="share"
      subject="Q3 launch plan"
      onInvite={() => new Promise((resolve) => setTimeout(() => resolve('inv_1'), 100))}
    />
  </Frame>
);

export const Default: StoryObj = { render: nudge };

export const InvalidEmail: StoryObj = {
  render: nudge,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Email address'), 'ana@');
    await userEvent.click(canvas.getByRole('button', { name: 'Send invite' }));
  },
};

export const Sent: StoryObj = {
  render: nudge,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText('Email address'), 'ana@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Send invite' }));
    await canvas.findByText('Invite sent to ana@example.com.');
  },
};
