import {
  de,
  GateWall,
  HeadroomProvider,
  InviteNudge,
  type Messages,
  UpgradePrompt,
  UsageBar,
  UsageSummary,
} from '@headroom/widgets';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { Frame, fake, promptFor } from './fixtures.tsx';

const meta: Meta = { title: 'Widgets/Themes and locales' };
export default meta;

const usage = { seats: 9, api_calls: 82_000, docs: 1300 };

function everything() {
  return (
    <div style={{ display: 'grid', gap: '16px' }}>
      <UpgradePrompt surface="banner" />
      <UsageSummary />
      <GateWall feature="audit_log" />
      <InviteNudge context="share" subject="Q3" onInvite={() => undefined} />
    </div>
  );
}

export const DarkTheme: StoryObj = {
  render: () => (
    <Frame hr={fake({ usage, prompts: { banner: promptFor('banner') } })} theme="dark">
      {everything()}
    </Frame>
  ),
};

/** A host page that is dark (`color-scheme: dark`): `theme="auto"` widgets follow it, whatever the OS. */
export const DarkHostAuto: StoryObj = {
  render: () => (
    <div style={{ colorScheme: 'dark', background: '#0d1117', color: '#e6edf3' }}>
      <Frame hr={fake({ usage, prompts: { banner: promptFor('banner') } })}>
        <div style={{ background: '#0d1117' }}>{everything()}</div>
      </Frame>
    </div>
  ),
};

/** A host that offers both schemes (`color-scheme: light dark`): the widgets follow the OS, as the page does. */
export const LightDarkHostAuto: StoryObj = {
  render: () => (
    <div style={{ colorScheme: 'light dark', background: 'Canvas', color: 'CanvasText', padding: '24px' }}>
      <HeadroomProvider client={fake({ usage, prompts: { banner: promptFor('banner') } })} locale="en-US">
        {everything()}
      </HeadroomProvider>
    </div>
  ),
};

export const German: StoryObj = {
  render: () => (
    <Frame hr={fake({ usage, prompts: { banner: promptFor('banner') } })} locale="de-DE" messages={de}>
      {everything()}
    </Frame>
  ),
};

/** Arabic UI text supplied by the host through `messages`; layout mirrors with dir="rtl". */
const ar: Partial<Messages> = {
  usageOf: '{used} من {limit} {unit}',
  stateApproaching: 'اقتربت من الحد',
  stateAtLimit: 'تم بلوغ الحد',
  stateOver: 'تجاوزت الحد',
  usageValueText: '{used} من {limit} {unit}، {percent}',
  resetsOn: 'يُعاد الضبط {date}',
  summaryTitle: 'الاستخدام في خطة {plan}',
  upgradeTo: 'الترقية إلى {plan}',
  dismiss: 'إغلاق',
  gateTitle: '{feature} جزء من {plan}',
  gateBody: 'قم بالترقية إلى {plan} لاستخدام {feature}.',
  inviteTitle: 'ادعُ زميلًا لمراجعة {subject}',
  inviteBody: 'العمل أسرع مع عين ثانية.',
  inviteLabel: 'البريد الإلكتروني',
  inviteSend: 'إرسال الدعوة',
  notNow: 'ليس الآن',
};

export const RightToLeftArabic: StoryObj = {
  render: () => (
    <Frame
      hr={fake({
        usage,
        prompts: {
          banner: promptFor('banner', {
            title: 'لقد استخدمت {percent} من {meter}',
            body: 'قم بالترقية قبل الوصول إلى الحد.',
            cta: 'الترقية إلى {nextPlan}',
          }),
        },
      })}
      locale="ar-EG"
      messages={ar}
    >
      {everything()}
    </Frame>
  ),
};

export const VeryLongCopy: StoryObj = {
  render: () => (
    <Frame
      hr={fake({
        usage: { api_calls: 99_999 },
        prompts: {
          banner: promptFor('banner', {
            title:
              "You've used {percent} of your {meter} and your team of analysts, engineers and support specialists keeps asking for more headroom every single week",
            body: 'Supercalifragilisticexpialidocious-automations-for-every-workspace-in-your-organisation. Upgrade before you hit the limit so nobody on your team is blocked in the middle of a release, a migration or a quarterly report.',
            cta: 'Upgrade to {nextPlan} and keep every workflow running without interruption',
          }),
        },
      })}
    >
      <div style={{ display: 'grid', gap: '16px', maxWidth: '420px' }}>
        <UpgradePrompt surface="banner" />
        <UsageBar meter="api_calls" />
      </div>
    </Frame>
  ),
};
