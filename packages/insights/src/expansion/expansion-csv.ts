import type { ExpansionMetrics, ExpansionSliceMetrics } from './expansion-metrics.ts';

const COLUMNS: readonly (keyof ExpansionSliceMetrics)[] = [
  'days',
  'activeAccounts',
  'activeUsers',
  'invitesSent',
  'invitesAccepted',
  'invitesPerActiveUserPerMonth',
  'acceptanceRate',
  'kFactor',
  'pqls',
  'pqlRate',
  'pqlsJudged',
  'pqlsExpanded',
  'pqlConversion',
  'expansions',
  'avgExpansionAcv',
  'expansionMrr',
  'csAssisted',
  'csAssistedShare',
  'startingArr',
  'seatArr',
  'usageArr',
  'tierArr',
  'newArr',
  'contractionArr',
  'churnArr',
  'churnedAccounts',
  'nrr',
  'nrrFromSeat',
  'nrrFromUsage',
  'nrrFromTier',
  'contractionDrag',
  'grossChurnDrag',
];

// Numbers as they are (empty when unknown); text quoted when it holds a comma, quote or newline,
// and a leading = + - @ neutralised so a spreadsheet never runs it as a formula.
const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The expansion metrics as CSV: one row for the window, one per segment, one per week
 * (`slice`, `key`, then every slice metric), for a spreadsheet.
 */
export function expansionCsv(metrics: ExpansionMetrics): string {
  const row = (slice: string, key: string, m: ExpansionSliceMetrics) =>
    [slice, key, ...COLUMNS.map((c) => m[c])].map(cell).join(',');
  return `${[
    ['slice', 'key', ...COLUMNS].join(','),
    row('window', `${metrics.since.slice(0, 10)}..${metrics.until.slice(0, 10)}`, metrics.total),
    ...Object.entries(metrics.segments).map(([segment, m]) => row('segment', segment, m)),
    ...metrics.weeks.map((w) => row('week', w.week, w)),
  ].join('\n')}\n`;
}
