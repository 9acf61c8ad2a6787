import { EXPANSION_DEFINITIONS } from '../expansion/expansion-definitions.ts';
import {
  type ExpansionMetrics,
  type ExpansionSliceMetrics,
  SEGMENTS,
} from '../expansion/expansion-metrics.ts';
import { formatTable, pct, pctInterval } from './format-table.ts';

const money = (x: number | null) => (x === null ? '—' : `$${Math.round(x).toLocaleString('en-US')}`);
const rate = (x: number | null, digits = 1) => (x === null ? '—' : pct(x, digits));
const points = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} pts`);
const num = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

const TERM_WORDS = {
  pqlRate: 'PQL rate',
  pqlConversion: 'PQL → expansion',
  avgExpansionAcv: 'average expansion ACV',
} as const;

const FLAG_WORDS = { true: 'RAISED', false: 'ok', null: 'n/a' } as const;

const sliceRow = (key: string, m: ExpansionSliceMetrics) => [
  key,
  String(m.activeAccounts),
  num(m.kFactor),
  rate(m.pqlRate),
  m.pqlConversion === null ? '—' : `${rate(m.pqlConversion)} (${m.pqlsExpanded}/${m.pqlsJudged})`,
  m.nrr === null ? '—' : rate(m.nrr),
  points(m.grossChurnDrag),
  rate(m.csAssistedShare),
];

/** `headroom report`'s expansion metrics: every figure, by trigger, segment and week, the red flags. */
export function expansionSection(metrics: ExpansionMetrics): string[] {
  const t = metrics.total;
  const f = metrics.formula;
  const term = (name: keyof typeof TERM_WORDS) => f.terms.find((x) => x.name === name);
  const binding = f.binding === null ? null : term(f.binding);
  const lines = [
    `Expansion metrics since ${metrics.since.slice(0, 10)} (${metrics.days} days; PQLs judged ${metrics.outcomeDays} days after the fire)`,
    `Active: ${t.activeAccounts} accounts, ${t.activeUsers} users`,
    `Viral coefficient k ${num(t.kFactor)} = ${num(t.invitesPerActiveUserPerMonth, 2)} invites per active user per month × ${rate(t.acceptanceRate)} accepted (${t.invitesSent} sent, ${t.invitesAccepted} accepted)`,
    `PQL rate ${rate(t.pqlRate)} of active accounts a month (${t.pqls} PQLs); PQL → expansion within ${metrics.outcomeDays} days ${
      t.pqlConversion === null || t.pqlConversionInterval === null
        ? '— (none judged yet)'
        : `${pctInterval(t.pqlConversion, t.pqlConversionInterval)} (${t.pqlsExpanded} of ${t.pqlsJudged} judged)`
    }`,
    `Expansion formula: ${t.activeAccounts} active accounts × ${rate(t.pqlRate)} PQL rate × ${rate(t.pqlConversion)} PQL → expansion × ${money(t.avgExpansionAcv)} average expansion ACV ÷ 12 = ${money(f.expansionMrr)} expansion MRR a month`,
    binding?.ratio == null
      ? 'Binding term: — (a term is unknown)'
      : `Binding term: ${TERM_WORDS[binding.name]} (${pct(binding.ratio, 0)} of its reference ${
          binding.name === 'avgExpansionAcv' ? money(binding.reference) : pct(binding.reference, 0)
        })${f.mrrAtReference === null ? '' : `; at the reference: ${money(f.mrrAtReference)} a month`}`,
    `NRR ${rate(t.nrr)} = 100% + seat ${points(t.nrrFromSeat)} + usage ${points(t.nrrFromUsage)} + tier ${points(t.nrrFromTier)} − contraction ${points(t.contractionDrag)} − gross churn ${points(t.grossChurnDrag)} (starting ARR ${money(t.startingArr)}; new ARR ${money(t.newArr)}, not in NRR)`,
    `CS-assisted expansions: ${rate(t.csAssistedShare)} (${t.csAssisted} of ${t.expansions})`,
    '',
    'By trigger',
    formatTable(
      ['trigger', 'PQLs', 'PQL → expansion [95% CI]', 'median to expansion', 'share of expansions'],
      metrics.triggers.map((x) => [
        x.triggerId,
        String(x.pqls),
        x.conversion === null || x.conversionInterval === null
          ? '—'
          : `${pctInterval(x.conversion, x.conversionInterval)} (${x.expanded}/${x.judged})`,
        x.medianDaysToExpansion === null ? '—' : `${x.medianDaysToExpansion.toFixed(1)} d`,
        rate(x.expansionShare),
      ]),
    ),
    '',
    'By segment',
    formatTable(
      ['segment', 'active accounts', 'k', 'PQL rate', 'PQL → expansion', 'NRR', 'churn drag', 'CS share'],
      SEGMENTS.map((s) => sliceRow(s, metrics.segments[s])),
    ),
    '',
    'Red flags',
    ...metrics.redFlags.map(
      (flag) =>
        `  ${FLAG_WORDS[String(flag.raised) as keyof typeof FLAG_WORDS].padEnd(6)} ${flag.threshold}: ${flag.message}`,
    ),
    '',
    'Weekly',
    formatTable(
      [
        'week',
        'active accounts',
        'k',
        'PQL rate',
        'PQL → expansion',
        'expansions',
        'expansion ARR',
        'churn ARR',
      ],
      metrics.weeks.map((w) => [
        w.week,
        String(w.activeAccounts),
        num(w.kFactor),
        rate(w.pqlRate),
        w.judged ? rate(w.pqlConversion) : 'pending',
        String(w.expansions),
        money(w.seatArr + w.usageArr + w.tierArr + w.newArr),
        money(w.churnArr),
      ]),
    ),
    '',
    'Expansion definitions:',
    ...Object.entries(EXPANSION_DEFINITIONS).map(([name, meaning]) => `  ${name}: ${meaning}`),
  ];
  return lines;
}
