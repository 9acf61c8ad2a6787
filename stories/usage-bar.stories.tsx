import { UsageBar } from '@headroom/widgets';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { Frame, fake } from './fixtures.tsx';

const meta: Meta = { title: 'Widgets/UsageBar' };
export default meta;

function bar(meter: string, used: number, plan = 'team'): StoryObj {
  return {
    render: () => (
      <Frame hr={fake({ usage: { [meter]: used }, account: { ...fake().$account.get()!, plan } })}>
        <UsageBar meter={meter} />
      </Frame>
    ),
  };
}

/** 0 of 1,000 documents. */
export const Empty = bar('docs', 0);
/** 79 %: still ok, no CTA. */
export const Ok79 = bar('docs', 790);
/** 80 %: approaching, warning icon + text and an upgrade CTA. */
export const Approaching80 = bar('docs', 800);
/** 100 %: limit reached. */
export const AtLimit100 = bar('docs', 1000);
/** 130 %: over the limit, striped bar. */
export const Over130 = bar('docs', 1300);
/** Business has no document limit. */
export const Unlimited = bar('docs', 4200, 'business');
/** A monthly meter shows its reset date and compact numbers. */
export const ResettingMeter = bar('api_calls', 82_000);
