import { de, UsageBar } from '@headroom/widgets';
import '@headroom/widgets/forecast';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { Frame, fake } from './fixtures.tsx';

const meta: Meta = { title: 'Widgets/UsageBar forecast' };
export default meta;

const DAY_MS = 86_400_000;
/** The UTC day `days` from now, as the edge writes `reachesOn`. */
const dayIn = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
/** The UTC day `days` after the first of next month (api_calls resets then). */
const afterReset = (days: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1 + days)).toISOString().slice(0, 10);
};

function forecastBar(
  meter: string,
  used: number,
  reachesOn: string | null,
  frame: { locale?: string; messages?: typeof de } = {},
): StoryObj {
  const limit = meter === 'docs' ? 1000 : 100_000;
  return {
    render: () => (
      <Frame
        hr={fake({
          usage: { [meter]: used },
          accountBody: {
            forecasts: reachesOn === null ? {} : { [meter]: { limit, reachesOn, fired: true } },
          },
        })}
        {...frame}
      >
        <UsageBar meter={meter} forecast />
      </Frame>
    ),
  };
}

/** 700 of 1,000 documents, projected to the limit in 14 days: the sentence under the bar is its description. */
export const Projected = forecastBar('docs', 700, dayIn(14));
/** 900 of 1,000, three days left: approaching, CTA and forecast together. */
export const ProjectedSoon = forecastBar('docs', 900, dayIn(3));
/** The same in German: `locale="de"` formats the number and the date, the sentence is German. */
export const ProjectedGerman = forecastBar('docs', 700, dayIn(14), { locale: 'de', messages: de });
/** No projection yet (fewer than 7 days of usage, a flat trend): the line stays reserved and empty. */
export const NoForecastYet = forecastBar('docs', 300, null);
/** A monthly meter whose trend reaches the limit only after its reset: nothing is said. */
export const MonthlyMeterResetsFirst = forecastBar('api_calls', 61_000, afterReset(3));
/** A monthly meter reaching its limit before the reset. */
export const MonthlyMeterBeforeReset = forecastBar('api_calls', 82_000, dayIn(0));
