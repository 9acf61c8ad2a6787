// Issue #20, item 1: a usage bar with `forecast` shows the edge's projected limit day ("At this
// rate you'll reach 1,000 documents around Jan 24") as the bar's accessible description, in a
// line reserved before it arrives; never past a monthly meter's reset, never without a projection.
import { screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { account, config } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import './forecast.ts';
import { de, UsageBar } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

// 10 Jan 2027, 15:30 UTC: api_calls (monthly) resets on 1 Feb.
const NOW = Date.UTC(2027, 0, 10, 15, 30);

const client = (
  forecasts: Record<string, unknown> | undefined,
  usage: Record<string, number> = { docs: 700, api_calls: 60_000 },
  plan = 'team',
) =>
  createFakeHeadroom({
    config,
    account: account(plan),
    usage,
    accountBody: forecasts && { accountId: 'acct_1', forecasts },
  });

const docsIn14Days = { docs: { limit: 1000, reachesOn: '2027-01-24', fired: true } };

/** The forecast line and the progressbar's description, as a screen reader gets them. */
function look(container: HTMLElement) {
  const bar = screen.getByRole('progressbar');
  const describedBy = bar.getAttribute('aria-describedby');
  const line = container.querySelector('[part=forecast]');
  return {
    text: line?.textContent ?? null,
    description: describedBy ? (container.querySelector(`[id="${describedBy}"]`)?.textContent ?? null) : null,
    describesTheLine: describedBy !== null && describedBy === line?.id,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('UsageBar forecast', () => {
  it('says when the meter reaches its limit, as the bar’s accessible description', () => {
    const { container } = renderWith(client(docsIn14Days), <UsageBar meter="docs" forecast />);
    const sentence = "At this rate you'll reach 1,000 documents around Jan 24";
    expect(look(container)).toEqual({ text: sentence, description: sentence, describesTheLine: true });
  });

  it('in German: the sentence, the number and the date', () => {
    const { container } = renderWith(client(docsIn14Days), <UsageBar meter="docs" forecast />, {
      locale: 'de',
      messages: de,
    });
    expect(look(container).description).toBe(
      'Bei diesem Tempo erreichen Sie 1.000 documents etwa am 24. Jan.',
    );
  });

  it('in British English the day comes first; messages.usageForecast overrides the copy', () => {
    const { container } = renderWith(client(docsIn14Days), <UsageBar meter="docs" forecast />, {
      locale: 'en-GB',
      messages: { usageForecast: 'Full on {date} ({limit} {unit})' },
    });
    expect(look(container).text).toBe('Full on 24 Jan (1,000 documents)');
  });

  it('keeps the line (empty, still the description) when there is no projection', () => {
    // No answer yet, or the edge had too little data / a flat trend: no entry for the meter.
    for (const forecasts of [undefined, {}]) {
      const { container } = renderWith(client(forecasts), <UsageBar meter="docs" forecast />);
      expect(look(container)).toEqual({ text: '', description: '', describesTheLine: true });
      document.body.innerHTML = '';
    }
  });

  it('without `forecast` there is no line and no description', () => {
    const { container } = renderWith(client(docsIn14Days), <UsageBar meter="docs" />);
    expect(container.querySelector('[part=forecast]')).toBeNull();
    expect(screen.getByRole('progressbar').hasAttribute('aria-describedby')).toBe(false);
  });

  it('a monthly meter is projected up to its reset, not on or past it', () => {
    const at = (reachesOn: string) => client({ api_calls: { limit: 100_000, reachesOn, fired: false } });
    const before = renderWith(at('2027-01-31'), <UsageBar meter="api_calls" forecast />);
    // The bar's notation: compact from 100,000, like "60K of 100K calls" above it.
    expect(look(before.container).text).toBe("At this rate you'll reach 100K calls around Jan 31");
    document.body.innerHTML = '';
    for (const reachesOn of ['2027-02-01', '2027-02-15']) {
      const after = renderWith(at(reachesOn), <UsageBar meter="api_calls" forecast />);
      expect(look(after.container).text).toBe('');
      document.body.innerHTML = '';
    }
  });

  it('says nothing for a meter already at its limit, another plan’s limit, or a day already past', () => {
    const cases = [
      client(docsIn14Days, { docs: 1000 }),
      // The plan changed since the edge projected: Free's limit is 50, not 1,000.
      client(docsIn14Days, { docs: 40 }, 'free'),
      client({ docs: { limit: 1000, reachesOn: '2027-01-09', fired: true } }),
    ];
    for (const hr of cases) {
      const { container } = renderWith(hr, <UsageBar meter="docs" forecast />);
      expect(container.querySelector('[part=forecast]')?.textContent).toBe('');
      document.body.innerHTML = '';
    }
  });
});
