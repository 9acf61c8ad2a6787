import type { ExpansionSliceMetrics, ExpansionTriggerMetrics } from './expansion-metrics.ts';

/** The playbook's red-flag thresholds. */
export const RED_FLAG_THRESHOLDS = {
  /** More than this share of expansions from one trigger: a fragile expansion base. */
  singleTriggerShare: 0.8,
  /** A viral coefficient below this: no compounding seat growth from the product. */
  kFactor: 0.1,
  /** More than this share of expansions CS-assisted: a CS-led motion with a PLG product. */
  csAssistedShare: 0.6,
} as const;

export type RedFlagId = 'single_trigger' | 'low_k_factor' | 'cs_heavy' | 'pql_volume_up_conversion_down';

export interface ExpansionRedFlag {
  id: RedFlagId;
  /** True when the threshold is broken; null when there is not enough data to tell. */
  raised: boolean | null;
  /** The measured value the threshold is compared with (for the PQL trend: the later half's conversion). */
  value: number | null;
  threshold: string;
  message: string;
}

const pct = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)} %`);

/**
 * The four red flags of the PLG expansion playbook, each with the threshold it breaks. The PQL
 * trend compares the judged weeks (every PQL at least the outcome window old) in two halves, the
 * middle week left out when their number is odd: raised when the later half has more PQLs and a
 * lower PQL → expansion conversion.
 */
export function expansionRedFlags(input: {
  total: ExpansionSliceMetrics;
  weeks: (ExpansionSliceMetrics & { week: string; judged: boolean })[];
  triggers: ExpansionTriggerMetrics[];
}): ExpansionRedFlag[] {
  const { total, weeks, triggers } = input;
  const top = triggers.reduce<ExpansionTriggerMetrics | null>(
    (best, t) =>
      t.expansionShare !== null && (best === null || (t.expansionShare ?? 0) > (best.expansionShare ?? 0))
        ? t
        : best,
    null,
  );
  const judged = weeks.filter((w) => w.judged);
  const half = Math.floor(judged.length / 2);
  const sum = (rows: typeof judged) =>
    rows.reduce(
      (s, w) => ({
        pqls: s.pqls + w.pqls,
        judged: s.judged + w.pqlsJudged,
        expanded: s.expanded + w.pqlsExpanded,
      }),
      {
        pqls: 0,
        judged: 0,
        expanded: 0,
      },
    );
  const earlier = sum(judged.slice(0, half));
  const later = sum(judged.slice(judged.length - half));
  const earlierConversion = earlier.judged > 0 ? earlier.expanded / earlier.judged : null;
  const laterConversion = later.judged > 0 ? later.expanded / later.judged : null;
  const trendKnown = half > 0 && earlierConversion !== null && laterConversion !== null;
  return [
    {
      id: 'single_trigger',
      raised: top === null ? null : (top.expansionShare ?? 0) > RED_FLAG_THRESHOLDS.singleTriggerShare,
      value: top?.expansionShare ?? null,
      threshold: '> 80 % of expansions from one trigger',
      message:
        top === null
          ? 'no expanded PQL yet'
          : `${pct(top.expansionShare)} of expanded PQLs came from ${top.triggerId}`,
    },
    {
      id: 'low_k_factor',
      raised: total.kFactor === null ? null : total.kFactor < RED_FLAG_THRESHOLDS.kFactor,
      value: total.kFactor,
      threshold: 'viral coefficient k < 0.1',
      message: total.kFactor === null ? 'no active users' : `k = ${total.kFactor.toFixed(3)}`,
    },
    {
      id: 'cs_heavy',
      raised:
        total.csAssistedShare === null ? null : total.csAssistedShare > RED_FLAG_THRESHOLDS.csAssistedShare,
      value: total.csAssistedShare,
      threshold: '> 60 % of expansions CS-assisted',
      message:
        total.csAssistedShare === null
          ? 'no expansion yet'
          : `${pct(total.csAssistedShare)} of ${total.expansions} expansions had a CS handoff before them`,
    },
    {
      id: 'pql_volume_up_conversion_down',
      raised: trendKnown
        ? later.pqls > earlier.pqls && (laterConversion ?? 0) < (earlierConversion ?? 0)
        : null,
      value: laterConversion,
      threshold: 'PQLs up while PQL → expansion falls (later vs earlier judged weeks)',
      message: trendKnown
        ? `PQLs ${earlier.pqls} → ${later.pqls}, conversion ${pct(earlierConversion)} → ${pct(laterConversion)}`
        : 'fewer than two judged weeks with PQLs',
    },
  ];
}
