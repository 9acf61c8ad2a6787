import type { AdminExpansion, ExpansionSlice } from '../admin-api.ts';
import { type Interval, wilsonInterval } from '../stats/wilson-interval.ts';
import { type ExpansionRedFlag, expansionRedFlags } from './expansion-red-flags.ts';

const DAY_MS = 86_400_000;
/** Rates "per month" are per 30 days. */
export const MONTH_DAYS = 30;

/** The segments every breakdown lists, in order, even when empty. */
export const SEGMENTS = ['smb', 'mid_market', 'enterprise', 'unknown'] as const;
export type Segment = (typeof SEGMENTS)[number];

/**
 * What the formula's terms are compared with to name the binding one: the playbook's floor of a
 * healthy motion. PQL rate: 5 % of active accounts a month (the calibration band's 5–15 % of
 * eligible accounts per trigger per quarter, over the usual three triggers); PQL → expansion in
 * 60 days: 35 % (the median band's floor, 35–45 %); expansion ACV: $1,000 per expansion (the
 * floor of the $1,000–$5,000 a mid-market expansion should be worth).
 */
export const EXPANSION_REFERENCES = { pqlRate: 0.05, pqlConversion: 0.35, avgExpansionAcv: 1000 } as const;
export type FormulaTermName = keyof typeof EXPANSION_REFERENCES;

/** The metrics of one slice (the window, a week or a segment); null where the slice has no denominator. */
export interface ExpansionSliceMetrics {
  /** Days the slice spans (a week at the window's edge may be shorter). */
  days: number;
  activeAccounts: number;
  activeUsers: number;
  invitesSent: number;
  invitesAccepted: number;
  /** Invites sent ÷ active users × 30 ÷ days. */
  invitesPerActiveUserPerMonth: number | null;
  /** Invites accepted ÷ invites sent. */
  acceptanceRate: number | null;
  /** Viral coefficient k = invites per active user per month × acceptance rate. */
  kFactor: number | null;
  pqls: number;
  /** PQLs ÷ active accounts × 30 ÷ days: the share of active accounts becoming PQLs a month. */
  pqlRate: number | null;
  pqlsJudged: number;
  pqlsExpanded: number;
  /** Judged PQLs that expanded within the outcome window, with its Wilson 95 % interval. */
  pqlConversion: number | null;
  pqlConversionInterval: Interval | null;
  expansions: number;
  /** Annual amount added per expansion, new accounts' included. */
  avgExpansionAcv: number | null;
  /** Active accounts × PQL rate × PQL → expansion × average expansion ACV ÷ 12. */
  expansionMrr: number | null;
  csAssisted: number;
  /** CS-assisted expansions ÷ expansions. */
  csAssistedShare: number | null;
  startingArr: number;
  seatArr: number;
  usageArr: number;
  tierArr: number;
  newArr: number;
  contractionArr: number;
  churnArr: number;
  churnedAccounts: number;
  /** (starting ARR + seat + usage + tier − contraction − churn) ÷ starting ARR; null without a start. */
  nrr: number | null;
  /** Each source's share of starting ARR (NRR points as a fraction), and the drags. */
  nrrFromSeat: number | null;
  nrrFromUsage: number | null;
  nrrFromTier: number | null;
  contractionDrag: number | null;
  grossChurnDrag: number | null;
}

/** One term of the expansion formula, against its reference. */
export interface FormulaTerm {
  name: FormulaTermName;
  value: number | null;
  reference: number;
  /** value ÷ reference: below 1 the term is under the playbook's floor. */
  ratio: number | null;
}

export interface ExpansionFormula {
  activeAccounts: number;
  terms: FormulaTerm[];
  expansionMrr: number | null;
  /**
   * The term furthest below its reference (lowest ratio): in a product of terms, raising it to
   * its reference moves expansion MRR the most. Null while any term is unknown.
   */
  binding: FormulaTermName | null;
  /** Expansion MRR with the binding term at its reference (null when it is already above). */
  mrrAtReference: number | null;
}

export interface ExpansionTriggerMetrics {
  triggerId: string;
  pqls: number;
  judged: number;
  expanded: number;
  /** expanded ÷ judged within the outcome window, with its Wilson 95 % interval. */
  conversion: number | null;
  conversionInterval: Interval | null;
  medianDaysToExpansion: number | null;
  /** Its share of the expanded PQLs, each attributed to the account's first PQL trigger. */
  expansionShare: number | null;
}

export interface ExpansionMetrics {
  since: string;
  until: string;
  days: number;
  outcomeDays: number;
  assistDays: number;
  total: ExpansionSliceMetrics;
  formula: ExpansionFormula;
  weeks: (ExpansionSliceMetrics & { week: string; judged: boolean })[];
  segments: Record<Segment, ExpansionSliceMetrics>;
  triggers: ExpansionTriggerMetrics[];
  redFlags: ExpansionRedFlag[];
}

const ratio = (numerator: number, denominator: number) => (denominator > 0 ? numerator / denominator : null);

/** The metrics of one slice of figures spanning `days`. */
export function sliceMetrics(slice: ExpansionSlice, days: number): ExpansionSliceMetrics {
  const perMonth = MONTH_DAYS / days;
  const invitesPerUser = ratio(slice.invitesSent, slice.activeUsers);
  const invitesPerActiveUserPerMonth = invitesPerUser === null ? null : invitesPerUser * perMonth;
  const acceptanceRate = ratio(slice.invitesAccepted, slice.invitesSent);
  const pqlShare = ratio(slice.pqls, slice.activeAccounts);
  const pqlRate = pqlShare === null ? null : pqlShare * perMonth;
  const pqlConversion = ratio(slice.pqlsExpanded, slice.pqlsJudged);
  const avgExpansionAcv = ratio(
    slice.seatArr + slice.usageArr + slice.tierArr + slice.newArr,
    slice.expansions,
  );
  const ofStart = (amount: number) => ratio(amount, slice.startingArr);
  return {
    days,
    activeAccounts: slice.activeAccounts,
    activeUsers: slice.activeUsers,
    invitesSent: slice.invitesSent,
    invitesAccepted: slice.invitesAccepted,
    invitesPerActiveUserPerMonth,
    acceptanceRate,
    kFactor:
      invitesPerActiveUserPerMonth === null ? null : invitesPerActiveUserPerMonth * (acceptanceRate ?? 0),
    pqls: slice.pqls,
    pqlRate,
    pqlsJudged: slice.pqlsJudged,
    pqlsExpanded: slice.pqlsExpanded,
    pqlConversion,
    pqlConversionInterval: slice.pqlsJudged > 0 ? wilsonInterval(slice.pqlsExpanded, slice.pqlsJudged) : null,
    expansions: slice.expansions,
    avgExpansionAcv,
    expansionMrr:
      pqlRate === null || pqlConversion === null || avgExpansionAcv === null
        ? null
        : (slice.activeAccounts * pqlRate * pqlConversion * avgExpansionAcv) / 12,
    csAssisted: slice.csAssisted,
    csAssistedShare: ratio(slice.csAssisted, slice.expansions),
    startingArr: slice.startingArr,
    seatArr: slice.seatArr,
    usageArr: slice.usageArr,
    tierArr: slice.tierArr,
    newArr: slice.newArr,
    contractionArr: slice.contractionArr,
    churnArr: slice.churnArr,
    churnedAccounts: slice.churnedAccounts,
    nrr: ofStart(
      slice.startingArr +
        slice.seatArr +
        slice.usageArr +
        slice.tierArr -
        slice.contractionArr -
        slice.churnArr,
    ),
    nrrFromSeat: ofStart(slice.seatArr),
    nrrFromUsage: ofStart(slice.usageArr),
    nrrFromTier: ofStart(slice.tierArr),
    contractionDrag: ofStart(slice.contractionArr),
    grossChurnDrag: ofStart(slice.churnArr),
  };
}

/** The PLG expansion formula of a slice, its terms against their references and the binding one. */
export function expansionFormula(
  metrics: ExpansionSliceMetrics,
  references: Record<FormulaTermName, number> = EXPANSION_REFERENCES,
): ExpansionFormula {
  const terms = (['pqlRate', 'pqlConversion', 'avgExpansionAcv'] as const).map((name): FormulaTerm => {
    const value = metrics[name];
    return {
      name,
      value,
      reference: references[name],
      ratio: value === null ? null : value / references[name],
    };
  });
  const known = terms.every((t) => t.ratio !== null);
  const binding = known ? terms.reduce((low, t) => ((t.ratio ?? 0) < (low.ratio ?? 0) ? t : low)) : null;
  return {
    activeAccounts: metrics.activeAccounts,
    terms,
    expansionMrr: metrics.expansionMrr,
    binding: binding?.name ?? null,
    mrrAtReference:
      binding && metrics.expansionMrr !== null && (binding.ratio ?? 0) > 0 && (binding.ratio ?? 0) < 1
        ? metrics.expansionMrr / (binding.ratio ?? 1)
        : null,
  };
}

// Days of the week starting `week` (a UTC Monday) inside [since's day, until's day].
function weekDays(week: string, since: string, until: string): number {
  const start = Date.parse(`${week}T00:00:00Z`);
  const first = Math.max(start, Math.floor(Date.parse(since) / DAY_MS) * DAY_MS);
  const last = Math.min(start + 6 * DAY_MS, Math.floor(Date.parse(until) / DAY_MS) * DAY_MS);
  return Math.max(1, Math.round((last - first) / DAY_MS) + 1);
}

/**
 * Every expansion metric from `GET /v1/admin/expansion`: k-factor and acceptance, PQL rate,
 * PQL → expansion and median time to expansion by trigger, the PLG expansion formula with its
 * binding term, NRR by expansion source with gross churn drag, the CS-assisted share, the red
 * flags, by week and by segment. Pure: the console and `headroom report` both call it.
 * @example expansionMetrics(adminExpansionSchema.parse(await (await fetch(url)).json()))
 */
export function expansionMetrics(report: AdminExpansion): ExpansionMetrics {
  const total = sliceMetrics(report.total, report.days);
  const judgedBefore = Date.parse(report.judgedBefore);
  const weeks = report.weeks.map(({ week, ...slice }) => ({
    week,
    // Every PQL of the week is old enough to judge.
    judged: Date.parse(`${week}T00:00:00Z`) + 7 * DAY_MS <= judgedBefore,
    ...sliceMetrics(slice, weekDays(week, report.since, report.until)),
  }));
  const empty = sliceMetrics(
    Object.fromEntries(Object.keys(report.total).map((k) => [k, 0])) as ExpansionSlice,
    report.days,
  );
  const segments = Object.fromEntries(
    SEGMENTS.map((segment) => {
      const slice = report.segments[segment];
      return [segment, slice ? sliceMetrics(slice, report.days) : empty];
    }),
  ) as Record<Segment, ExpansionSliceMetrics>;
  const attributed = report.triggers.reduce((sum, t) => sum + t.attributed, 0);
  const triggers = report.triggers.map(
    (t): ExpansionTriggerMetrics => ({
      triggerId: t.triggerId,
      pqls: t.pqls,
      judged: t.judged,
      expanded: t.expanded,
      conversion: ratio(t.expanded, t.judged),
      conversionInterval: t.judged > 0 ? wilsonInterval(t.expanded, t.judged) : null,
      medianDaysToExpansion: t.medianMsToExpansion === null ? null : t.medianMsToExpansion / DAY_MS,
      expansionShare: ratio(t.attributed, attributed),
    }),
  );
  return {
    since: report.since,
    until: report.until,
    days: report.days,
    outcomeDays: report.outcomeDays,
    assistDays: report.assistDays,
    total,
    formula: expansionFormula(total),
    weeks,
    segments,
    triggers,
    redFlags: expansionRedFlags({ total, weeks, triggers }),
  };
}
