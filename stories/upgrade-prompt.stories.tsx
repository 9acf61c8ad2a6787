import type { Surface } from '@headroom/core';
import { UpgradePrompt } from '@headroom/widgets';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { userEvent, within } from 'storybook/test';
import { Frame, fake, type Outcome, promptFor, upgradeFor } from './fixtures.tsx';

const meta: Meta = { title: 'Widgets/UpgradePrompt' };
export default meta;

const CTA: Record<Surface, string> = {
  banner: 'Upgrade to Business',
  inline: 'Upgrade to Business',
  toast: 'Upgrade to Business',
  modal: 'See Business',
};

/** A prompt on `surface`; with an outcome, the story clicks the CTA and shows the edge's answer. */
function prompt(surface: Surface, outcome?: Outcome): StoryObj {
  return {
    render: () => (
      <Frame
        hr={fake({
          prompts: { [surface]: promptFor(surface) },
          upgrade: upgradeFor(outcome ?? 'self_serve'),
        })}
      >
        <UpgradePrompt surface={surface} />
      </Frame>
    ),
    ...(outcome
      ? {
          play: async ({ canvasElement }) => {
            await userEvent.click(await within(canvasElement).findByRole('button', { name: CTA[surface] }));
          },
        }
      : {}),
  };
}

export const Banner = prompt('banner');
export const BannerSelfServe = prompt('banner', 'self_serve');
export const BannerWithAssist = prompt('banner', 'self_serve_with_assist');
export const BannerCsAssist = prompt('banner', 'cs_assist');
export const BannerLoading = prompt('banner', 'loading');
export const BannerError = prompt('banner', 'error');

export const Modal = prompt('modal');
export const ModalSelfServe = prompt('modal', 'self_serve');
export const ModalWithAssist = prompt('modal', 'self_serve_with_assist');
export const ModalCsAssist = prompt('modal', 'cs_assist');
export const ModalLoading = prompt('modal', 'loading');
export const ModalError = prompt('modal', 'error');

export const Inline = prompt('inline');
export const InlineSelfServe = prompt('inline', 'self_serve');
export const InlineWithAssist = prompt('inline', 'self_serve_with_assist');
export const InlineCsAssist = prompt('inline', 'cs_assist');
export const InlineLoading = prompt('inline', 'loading');
export const InlineError = prompt('inline', 'error');

export const Toast = prompt('toast');
export const ToastSelfServe = prompt('toast', 'self_serve');
export const ToastWithAssist = prompt('toast', 'self_serve_with_assist');
export const ToastCsAssist = prompt('toast', 'cs_assist');
export const ToastLoading = prompt('toast', 'loading');
export const ToastError = prompt('toast', 'error');

/**
 * Snoozed after a click: on the page where the CTA was clicked the card stays with the route's
 * outcome; on the next page (a reload, another tab) the SDK offers no prompt for
 * `fatigue.snoozeAfterClickDays`, so the same slot renders nothing and takes no space.
 */
export const BannerSnoozedAfterClick: StoryObj = {
  render: () => (
    <div style={{ display: 'grid', gap: '16px' }}>
      <p style={{ margin: 0, font: '600 13px system-ui' }}>This page: clicked, outcome shown</p>
      <Frame
        hr={fake({ prompts: { banner: promptFor('banner') }, upgrade: upgradeFor('self_serve_with_assist') })}
      >
        <UpgradePrompt surface="banner" />
      </Frame>
      <p style={{ margin: 0, font: '600 13px system-ui' }}>Next page: snoozed, nothing rendered</p>
      <Frame hr={fake({ prompts: { banner: null } })}>
        <UpgradePrompt surface="banner" />
      </Frame>
    </div>
  ),
  play: async ({ canvasElement }) => {
    await userEvent.click(await within(canvasElement).findByRole('button', { name: CTA.banner }));
  },
};
