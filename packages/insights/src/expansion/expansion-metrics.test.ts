// Every expansion metric on a report whose answers were worked out by hand (in the comments).
import { describe, expect, it } from 'vitest';
import type { AdminExpansion, ExpansionSlice } from '../admin-api.ts';
import { adminExpansionSchema } from '../admin-api.ts';
import { expansionCsv } from './expansion-csv.ts';
import { expansionMetrics } from './expansion-metrics.ts';

const DAY_MS = 86_400_000;
const zero: ExpansionSlice = {
  activeAccounts: 0,
  activeUsers: 0,
  invitesSent: 0,
  invitesAccepted: 0,
  pqls: 0,
  pqlsJudged: 0,
  pqlsExpanded: 0,
  expansions: 0,
  csAssisted: 0,
  seatArr: 0,
  usageArr: 0,
  tierArr: 0,
  newArr: 0,
  contractionArr: 0,
  churnArr: 0,
  churnedAccounts: 0,
  startingArr: 0,
  payingAccounts: 0,
};
const week = (monday: string, figures: Partial<ExpansionSlice>) => ({ week: monday, ...zero, ...figures });

// 120 days to 1 May 2026 (since 1 Jan, a Thursday); PQLs fired before 2 March are judged.
const report: AdminExpansion = {
  since: '2026-01-01T00:00:00.000Z',
  until: '2026-05-01T00:00:00.000Z',
  judgedBefore: '2026-03-02T00:00:00.000Z',
  days: 120,
  outcomeDays: 60,
  assistDays: 60,
  total: {
    activeAccounts: 200,
    activeUsers: 1000,
    invitesSent: 400,
    invitesAccepted: 100,
    pqls: 40,
    pqlsJudged: 20,
    pqlsExpanded: 5,
    expansions: 10,
    csAssisted: 7,
    seatArr: 3000,
    usageArr: 1000,
    tierArr: 4000,
    newArr: 2000,
    contractionArr: 500,
    churnArr: 1500,
    churnedAccounts: 2,
    startingArr: 100_000,
    payingAccounts: 50,
  },
  weeks: [
    week('2025-12-29', { activeAccounts: 80, pqls: 4, pqlsJudged: 4, pqlsExpanded: 2 }),
    week('2026-01-05', { activeAccounts: 100, pqls: 5, pqlsJudged: 5, pqlsExpanded: 2 }),
    week('2026-01-12', { activeAccounts: 100, pqls: 6, pqlsJudged: 6, pqlsExpanded: 1 }),
    week('2026-01-19', { activeAccounts: 100, pqls: 8, pqlsJudged: 8, pqlsExpanded: 1 }),
    week('2026-04-27', { activeAccounts: 90, pqls: 3 }),
  ],
  segments: {
    smb: { ...zero, activeAccounts: 150, pqls: 30, startingArr: 40_000, seatArr: 2000, churnArr: 1500 },
    enterprise: { ...zero, activeAccounts: 10, startingArr: 60_000, tierArr: 4000, contractionArr: 500 },
  },
  triggers: [
    {
      triggerId: 'usage_ceiling',
      pqls: 30,
      judged: 15,
      expanded: 4,
      attributed: 4,
      medianMsToExpansion: 5 * DAY_MS,
    },
    {
      triggerId: 'seat_saturation',
      pqls: 12,
      judged: 6,
      expanded: 1,
      attributed: 1,
      medianMsToExpansion: 20 * DAY_MS,
    },
  ],
};

describe('expansionMetrics', () => {
  const metrics = expansionMetrics(adminExpansionSchema.parse(report));

  it('k-factor: invites per active user per month × acceptance rate', () => {
    // 400 invites ÷ 1,000 active users × 30 ÷ 120 days = 0.1 a month; 100 ÷ 400 accepted = 0.25.
    expect(metrics.total.invitesPerActiveUserPerMonth).toBeCloseTo(0.1, 12);
    expect(metrics.total.acceptanceRate).toBe(0.25);
    expect(metrics.total.kFactor).toBeCloseTo(0.025, 12);
  });

  it('PQL rate per month and PQL → expansion within 60 days with its Wilson interval', () => {
    // 40 PQLs ÷ 200 active accounts × 30 ÷ 120 = 5 % a month; 5 of 20 judged expanded.
    expect(metrics.total.pqlRate).toBeCloseTo(0.05, 12);
    expect(metrics.total.pqlConversion).toBe(0.25);
    // Wilson 95 % for 5 / 20: 0.1119 – 0.4687.
    expect(metrics.total.pqlConversionInterval?.lower).toBeCloseTo(0.1119, 4);
    expect(metrics.total.pqlConversionInterval?.upper).toBeCloseTo(0.4687, 4);
  });

  it('by trigger: conversion, median days to expansion, share of expansions', () => {
    const [usage, seats] = metrics.triggers;
    expect(usage).toMatchObject({ triggerId: 'usage_ceiling', conversion: 4 / 15, medianDaysToExpansion: 5 });
    expect(usage?.expansionShare).toBeCloseTo(0.8, 12);
    expect(seats).toMatchObject({ conversion: 1 / 6, medianDaysToExpansion: 20 });
    expect(seats?.expansionShare).toBeCloseTo(0.2, 12);
  });

  it('the PLG expansion formula and its binding term', () => {
    // Average expansion ACV (3,000 + 1,000 + 4,000 + 2,000) ÷ 10 = 1,000.
    expect(metrics.total.avgExpansionAcv).toBe(1000);
    // 200 × 0.05 × 0.25 × 1,000 ÷ 12 = 208.33 a month.
    expect(metrics.formula.expansionMrr).toBeCloseTo(2500 / 12, 9);
    // PQL rate at its 5 % reference (×1), ACV at $1,000 (×1), conversion 25 % of 35 % (×0.714): binding.
    expect(metrics.formula.terms.map((t) => [t.name, t.ratio])).toEqual([
      ['pqlRate', expect.closeTo(1, 12)],
      ['pqlConversion', expect.closeTo(0.25 / 0.35, 12)],
      ['avgExpansionAcv', 1],
    ]);
    expect(metrics.formula.binding).toBe('pqlConversion');
    // At 35 %: 200 × 0.05 × 0.35 × 1,000 ÷ 12 = 291.67.
    expect(metrics.formula.mrrAtReference).toBeCloseTo(3500 / 12, 9);
  });

  it('NRR by expansion source with contraction and gross churn drag; new ARR kept out', () => {
    // (100,000 + 3,000 + 1,000 + 4,000 − 500 − 1,500) ÷ 100,000; the 2,000 of new ARR is not in it.
    expect(metrics.total.nrr).toBeCloseTo(1.06, 12);
    expect(metrics.total.nrrFromSeat).toBeCloseTo(0.03, 12);
    expect(metrics.total.nrrFromUsage).toBeCloseTo(0.01, 12);
    expect(metrics.total.nrrFromTier).toBeCloseTo(0.04, 12);
    expect(metrics.total.contractionDrag).toBeCloseTo(0.005, 12);
    expect(metrics.total.grossChurnDrag).toBeCloseTo(0.015, 12);
  });

  it('CS-assisted share of expansions', () => {
    expect(metrics.total.csAssistedShare).toBe(0.7);
  });

  it('the four red flags, each with the threshold it breaks', () => {
    const flags = Object.fromEntries(metrics.redFlags.map((f) => [f.id, f]));
    // Exactly 80 % from usage_ceiling does not break "> 80 %".
    expect(flags.single_trigger).toMatchObject({
      raised: false,
      threshold: '> 80 % of expansions from one trigger',
    });
    expect(flags.low_k_factor).toMatchObject({ raised: true, threshold: 'viral coefficient k < 0.1' });
    expect(flags.cs_heavy).toMatchObject({ raised: true, value: 0.7 });
    // Judged weeks: 29 Dec + 5 Jan (9 PQLs, 4 expanded: 44 %) vs 12 + 19 Jan (14 PQLs, 2: 14 %).
    expect(flags.pql_volume_up_conversion_down).toMatchObject({
      raised: true,
      value: 2 / 14,
      message: 'PQLs 9 → 14, conversion 44.4 % → 14.3 %',
    });
    const lopsided = expansionMetrics({
      ...report,
      triggers: report.triggers.map((t) => ({ ...t, attributed: t.triggerId === 'usage_ceiling' ? 9 : 1 })),
    });
    expect(lopsided.redFlags.find((f) => f.id === 'single_trigger')).toMatchObject({
      raised: true,
      value: 0.9,
    });
  });

  it('weekly series: days at the window edges, judged weeks, rates per month', () => {
    expect(metrics.weeks.map((w) => [w.week, w.days, w.judged])).toEqual([
      ['2025-12-29', 4, true], // 1–4 January
      ['2026-01-05', 7, true],
      ['2026-01-12', 7, true],
      ['2026-01-19', 7, true],
      ['2026-04-27', 5, false], // 27 April – 1 May
    ]);
    // 5 PQLs ÷ 100 active accounts × 30 ÷ 7.
    expect(metrics.weeks[1]?.pqlRate).toBeCloseTo((0.05 * 30) / 7, 12);
  });

  it('segment breakdown lists smb, mid_market and enterprise (and unknown), empty ones included', () => {
    expect(Object.keys(metrics.segments)).toEqual(['smb', 'mid_market', 'enterprise', 'unknown']);
    expect(metrics.segments.mid_market).toMatchObject({ activeAccounts: 0, nrr: null, pqlRate: null });
    // smb: (40,000 + 2,000 − 1,500) ÷ 40,000; enterprise: (60,000 + 4,000 − 500) ÷ 60,000.
    expect(metrics.segments.smb.nrr).toBeCloseTo(1.0125, 12);
    expect(metrics.segments.enterprise.nrr).toBeCloseTo(63_500 / 60_000, 12);
    expect(metrics.segments.smb.pqlRate).toBeCloseTo((30 / 150) * 0.25, 12);
  });

  it('no data: every rate unknown, no binding term, no flag raised', () => {
    const none = expansionMetrics({ ...report, total: zero, weeks: [], segments: {}, triggers: [] });
    expect(none.total).toMatchObject({ kFactor: null, pqlRate: null, pqlConversion: null, nrr: null });
    expect(none.formula).toMatchObject({ expansionMrr: null, binding: null });
    expect(none.redFlags.map((f) => f.raised)).toEqual([null, null, null, null]);
  });
});

describe('expansionCsv', () => {
  it('one row for the window, one per segment, one per week, unknown values empty', () => {
    const csv = expansionCsv(expansionMetrics(report));
    const lines = csv.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 1 + 4 + 5);
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, 3)).toEqual(['slice', 'key', 'days']);
    const column = (line: string | undefined, name: string) => line?.split(',')[header.indexOf(name)];
    expect(lines[1]?.startsWith('window,2026-01-01..2026-05-01,120,200,')).toBe(true);
    expect(column(lines[1], 'nrr')).toBe(String(106_000 / 100_000));
    expect(column(lines[3], 'nrr')).toBe(''); // mid_market: no starting ARR
    expect(lines.at(-1)?.startsWith('week,2026-04-27,5,')).toBe(true);
  });
});
