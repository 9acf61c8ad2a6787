import { DAY_MS, epochDay } from '@headroom/core';
import { runLocked } from './run-locked.ts';
import type { Platform } from './types.ts';

/**
 * One remembered fact: `[ts, kind, key, value?]`. Kinds: `g` gate hit (feature), `i` invite
 * sent (invite id), `p` daily meter peak (meter, value), `s` prompt shown (prompt id, 1 for a
 * modal), `d` prompt dismissed, `n` / `m` invite nudge shown / dismissed (context),
 * `x` exposure logged (experiment|unit), `t` trigger fired (trigger id). A `p` mark is one
 * per meter per day and merges by max.
 */
export type Mark = [ts: number, kind: string, key: string, value?: number];

export interface Ledger {
  add(kind: string, key: string, value?: number): void;
  /** Marks of a kind at or after `since`. */
  list(kind: string, since?: number): Mark[];
  /** How many marks of a kind (and key, when given) are at or after `since`. */
  count(kind: string, key?: string, since?: number): number;
  /** Reads storage and merges what other tabs wrote. */
  load(): Promise<void>;
  /** Writes now (waits for any scheduled write). */
  save(): Promise<void>;
}

const KEEP_MS = 400 * DAY_MS;
const MAX_MARKS = 5000;

/**
 * Per-user facts that must survive reloads and agree across tabs (fatigue counts, gate-hit
 * and invite history, exposures). Marks are merged as a set union, so two tabs writing at
 * once never lose each other's counts.
 */
export function createLedger(
  platform: Platform,
  key: Promise<string>,
  onChange: () => void,
  onSaved: () => void,
): Ledger {
  let marks: Mark[] = [];
  const seen = new Map<string, Mark>();
  let timer: unknown;
  let writing: Promise<void> = Promise.resolve();
  const id = (m: Mark) => (m[1] === 'p' ? `${epochDay(m[0])}|p|${m[2]}` : `${m[0]}|${m[1]}|${m[2]}`);
  // Adds a mark; true when it changed what the ledger knows.
  const put = (mark: Mark): boolean => {
    const known = seen.get(id(mark));
    if (!known) {
      seen.set(id(mark), mark);
      marks.push(mark);
      return true;
    }
    if (mark[1] !== 'p' || (known[3] ?? 0) >= (mark[3] ?? 0)) return false;
    known[3] = mark[3] ?? 0;
    return true;
  };

  const merge = (more: unknown): boolean => {
    if (!Array.isArray(more)) return false;
    let changed = false;
    for (const m of more) {
      if (
        !Array.isArray(m) ||
        typeof m[0] !== 'number' ||
        typeof m[1] !== 'string' ||
        typeof m[2] !== 'string'
      )
        continue;
      if (put([m[0], m[1], m[2], ...(typeof m[3] === 'number' ? [m[3]] : [])] as Mark)) changed = true;
    }
    if (changed) marks.sort((a, b) => a[0] - b[0]);
    return changed;
  };

  const parse = (raw: string | undefined): unknown => {
    try {
      return raw ? JSON.parse(raw) : [];
    } catch {
      return [];
    }
  };

  const save = () => {
    writing = writing.then(async () => {
      const k = await key;
      await runLocked(
        platform,
        `hr-store:${k}`,
        async () => {
          merge(parse(await platform.storage.get(k)));
          const cutoff = platform.now() - KEEP_MS;
          marks = marks.filter((m) => m[0] >= cutoff).slice(-MAX_MARKS);
          seen.clear();
          for (const m of marks) seen.set(id(m), m);
          await platform.storage.set(k, JSON.stringify(marks));
        },
        true,
      );
      onSaved();
    });
    return writing.catch(() => undefined);
  };

  return {
    add(kind, k, value) {
      const mark: Mark = value === undefined ? [platform.now(), kind, k] : [platform.now(), kind, k, value];
      if (!put(mark)) return;
      onChange();
      if (timer === undefined)
        timer = platform.setTimeout(() => {
          timer = undefined;
          void save();
        }, 0);
    },
    list(kind, since = -Infinity) {
      return marks.filter((m) => m[1] === kind && m[0] >= since);
    },
    count(kind, key, since) {
      return this.list(kind, since).filter((m) => key === undefined || m[2] === key).length;
    },
    async load() {
      const k = await key;
      if (merge(parse(await platform.storage.get(k)))) onChange();
    },
    save,
  };
}
