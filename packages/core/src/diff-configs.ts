import type { HeadroomConfig } from './config.ts';

/** One difference between two configuration versions, told the way a growth team reads it. */
export interface ConfigChange {
  /** The top-level section it is in. */
  section: keyof HeadroomConfig;
  /** `added` / `removed`: a whole entry (trigger, prompt, variant…) or a field of a kept one. */
  kind: 'added' | 'removed' | 'changed';
  /**
   * Dotted path; items of `triggers` and experiment `variants` are named by id, not index,
   * e.g. `triggers.usage_ceiling.atLeast`, `experiments.usage_copy.variants.momentum.weight`.
   */
  path: string;
  /** The value before; absent when added. */
  before?: unknown;
  /** The value after; absent when removed. */
  after?: unknown;
  /** One line, e.g. `Trigger usage_ceiling: atLeast 0.8 → 0.75`. */
  summary: string;
}

type Entries = Map<string, unknown>;
/** Where the walk is: the path so far, the entry it is in and the field inside that entry. */
interface Place {
  section: keyof HeadroomConfig;
  path: string[];
  label: string;
  field: string[];
}

const SECTION_NAMES: Partial<Record<string, string>> = {
  upgradePath: 'Upgrade path',
  eligibility: 'Eligibility',
  fatigue: 'Fatigue',
  routing: 'Routing',
};
// Collections whose items are named things: a change inside one is told by the item's name.
const ENTRY_NOUNS: Partial<Record<string, string>> = {
  meters: 'Meter',
  plans: 'Plan',
  triggers: 'Trigger',
  prompts: 'Prompt',
  experiments: 'Experiment',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const hasId = (item: unknown): item is { id: string } => isRecord(item) && typeof item.id === 'string';

/** A record, or a list of `{ id }` items keyed by id (so reordering is no change); else null. */
function entriesOf(value: unknown): Entries | null {
  if (isRecord(value)) return new Map(Object.entries(value));
  if (Array.isArray(value) && value.every(hasId)) return new Map(value.map((item) => [item.id, item]));
  return null;
}

const show = (value: unknown) => JSON.stringify(value);

function walk(before: unknown, after: unknown, at: Place, out: ConfigChange[]): void {
  const was = entriesOf(before);
  const now = entriesOf(after);
  // Two lists of plain values, or values of different shapes, compare as wholes.
  const bothLists = Array.isArray(before) === Array.isArray(after);
  if (was === null || now === null || !bothLists) {
    if (show(before) === show(after)) return;
    const field = at.field.join('.');
    out.push({
      section: at.section,
      kind: 'changed',
      path: at.path.join('.'),
      before,
      after,
      summary: `${at.label}: ${field ? `${field} ` : ''}${show(before)} → ${show(after)}`,
    });
    return;
  }
  const last = at.path[at.path.length - 1] ?? '';
  const noun = at.path.length === 1 ? ENTRY_NOUNS[last] : last === 'variants' ? 'variant' : undefined;
  const child = (key: string): Place =>
    noun === undefined
      ? { ...at, path: [...at.path, key], field: [...at.field, key] }
      : {
          ...at,
          path: [...at.path, key],
          label: at.label ? `${at.label}, ${noun} ${key}` : `${noun} ${key}`,
          field: [],
        };
  const whole = (place: Place, kind: 'added' | 'removed', value: unknown): ConfigChange => {
    const field = place.field.join('.');
    const summary =
      noun !== undefined
        ? `${place.label} ${kind}`
        : kind === 'added'
          ? `${place.label}: ${field} set to ${show(value)}`
          : `${place.label}: ${field} removed (was ${show(value)})`;
    const change: ConfigChange = { section: at.section, kind, path: place.path.join('.'), summary };
    if (kind === 'added') change.after = value;
    else change.before = value;
    return change;
  };
  for (const [key, value] of was) {
    if (now.has(key)) walk(value, now.get(key), child(key), out);
    else out.push(whole(child(key), 'removed', value));
  }
  for (const [key, value] of now) {
    if (!was.has(key)) out.push(whole(child(key), 'added', value));
  }
}

/**
 * What changed from one valid configuration to another, in document order: each trigger,
 * threshold, prompt, copy string, experiment variant, fatigue cap and routing rule named.
 * Both sides are parsed configs, so spelling out a default is no change; triggers and
 * variants are matched by id, so reordering them is none either.
 * @example
 * for (const change of diffConfigs(live, draft)) console.log(change.summary);
 */
export function diffConfigs(before: HeadroomConfig, after: HeadroomConfig): ConfigChange[] {
  const out: ConfigChange[] = [];
  const sections = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof HeadroomConfig>;
  for (const section of sections) {
    const label = SECTION_NAMES[section] ?? section;
    walk(
      before[section],
      after[section],
      { section, path: [section], label: ENTRY_NOUNS[section] ? '' : label, field: [] },
      out,
    );
  }
  return out;
}
