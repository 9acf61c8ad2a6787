import { DAY_MS } from '@headroom/core';
import type { MarkKind } from './ledger-kinds.ts';
import { readList, updateList } from './stored-list.ts';
import type { Platform } from './types.ts';

type Journal = ReturnType<NonNullable<Platform['journal']>>;

/**
 * One remembered fact: `[ts, kind, key, value?]`, kinds as in ledger-kinds.ts (a `value` only
 * on a shown modal). Stored marks of a kind no longer written (`p`) are kept until they age out.
 */
export type Mark = [ts: number, kind: string, key: string, value?: number];

export interface Ledger {
  mark(kind: MarkKind, key: string, value?: number): void;
  /** Marks of a kind at or after `since`. */
  list(kind: MarkKind, since?: number): Mark[];
  /** How many marks of a kind (and key, when given) are at or after `since`. */
  countOf(kind: MarkKind, key?: string, since?: number): number;
  /** Adds a mark unless one of the kind and key is at or after `since`; true when added. */
  once(kind: MarkKind, key: string, since?: number, value?: number): boolean;
  /** Reads storage and merges what other tabs wrote. */
  load(): Promise<void>;
  /** Writes now (waits for any scheduled write). */
  save(): Promise<void>;
  /**
   * Copies the marks not yet in storage to the platform's synchronous journal: the page is
   * unloading, and the write `save` starts may never finish.
   */
  stash(): void;
}

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
  let seen = new Map<string, Mark>();
  // biome-ignore lint/correctness/noUnusedVariables: read by `timer ??=` below
  let timer: unknown;
  let writing: Promise<void> = Promise.resolve();
  // Marks added since the last write that reached storage (appended only, so a finished write
  // drops as many as there were when it began), and where they go while the page unloads.
  let unsaved: Mark[] = [];
  let journalKey = '';
  // Runs `op` on the journal (known once the first load has the key); a platform without one,
  // or a journal that throws (a sandboxed iframe, quota), is no journal.
  const journal = (op: (j: Journal, k: string) => unknown): unknown => {
    try {
      return journalKey && op(platform.journal!(), journalKey);
    } catch {
      return undefined;
    }
  };
  // The journal's marks: [] when there is none; merge skips what is not a mark.
  const journaled = (): unknown[] =>
    ([] as unknown[]).concat(journal((j, k) => JSON.parse(j.getItem(k) || '[]')) ?? []);
  const id = (m: Mark) => `${m[0]}|${m[1]}|${m[2]}`;
  // Adds a mark (a value only when it is a number); true when it changed what the ledger knows.
  const put = (ts: number, kind: string, k: string, value?: unknown): boolean => {
    const mark: Mark = typeof value === 'number' ? [ts, kind, k, value] : [ts, kind, k];
    if (seen.has(id(mark))) return false;
    seen.set(id(mark), mark);
    marks.push(mark);
    return true;
  };

  // Merges stored marks (another tab's, or an older page's), skipping malformed ones.
  const merge = (more: unknown[]): boolean => {
    let changed = false;
    for (const [ts, kind, k, value] of more.filter(Array.isArray))
      if (
        typeof ts === 'number' &&
        typeof kind === 'string' &&
        typeof k === 'string' &&
        put(ts, kind, k, value)
      )
        changed = true;
    if (changed) marks.sort((a, b) => a[0] - b[0]);
    return changed;
  };

  // One write at a time. The chain never rejects, so a write that storage refused does not
  // stop the next one.
  const save = () =>
    (writing = writing
      .then(async () => {
        const pending = unsaved.length;
        await updateList(platform, await key, (stored) => {
          merge(stored);
          // Marks are kept for 400 days, at most the newest 5,000.
          const cutoff = platform.now() - 400 * DAY_MS;
          marks = marks.filter((m) => m[0] >= cutoff).slice(-5000);
          seen = new Map(marks.map((m) => [id(m), m]));
          return marks;
        });
        unsaved = unsaved.slice(pending);
        onSaved();
      })
      .catch(() => undefined));

  const list = (kind: string, since = -Infinity) => marks.filter((m) => m[1] === kind && m[0] >= since);
  // Without a key, every mark's own key matches.
  const countOf = (kind: string, k?: string, since?: number) =>
    list(kind, since).filter((m) => (k ?? m[2]) === m[2]).length;
  const add = (kind: string, k: string, value?: number) => {
    if (!put(platform.now(), kind, k, value)) return;
    unsaved.push(marks[marks.length - 1]!);
    onChange();
    timer ??= platform.setTimeout(() => {
      timer = undefined;
      void save();
    }, 0);
  };
  return {
    mark: add,
    list,
    countOf,
    once(kind, k, since, value) {
      if (countOf(kind, k, since)) return false;
      add(kind, k, value);
      return true;
    },
    async load() {
      const stored = await readList(platform, await key);
      journalKey = `${await key}:journal`;
      // What unloading pages left in the journal is this page's to store (and to stash again
      // if it unloads first).
      const left = journaled();
      journal((j, k) => j.removeItem(k));
      unsaved.push(...(left as Mark[]));
      if (merge(stored.concat(left))) onChange();
      if (left.length) void save();
    },
    save,
    stash() {
      if (unsaved.length) journal((j, k) => j.setItem(k, JSON.stringify(journaled().concat(unsaved))));
    },
  };
}
