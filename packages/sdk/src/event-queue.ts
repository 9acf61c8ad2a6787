import { createEventId } from '@headroom/core';
import type { Tokens } from './create-token-source.ts';
import { isNum } from './is-valid.ts';
import { runLocked } from './run-locked.ts';
import { readList, updateList } from './stored-list.ts';
import type { Diagnostics, HeadroomOptions, Platform } from './types.ts';

/** An event as the browser sends it: accountId/userId come from the token at the edge. */
export interface QueuedEvent {
  /**
   * A UUIDv7 of `ts`, stamped when the queue hands the event on (persists or beacons it), so
   * the call that pushed it makes no id; a pushed event that has one keeps it.
   */
  id?: string;
  type: string;
  ts: number;
  [field: string]: unknown;
}

export interface EventQueueOptions {
  platform: Platform;
  /** `POST /v1/events` URL. */
  url: string;
  /** Storage key of this account+user's queue (resolves once the token is known). */
  key: Promise<string>;
  /** The account of the first token: events queued before it was known were tracked under it. */
  firstAccount: Promise<string | undefined>;
  /** The account a token speaks for (undefined when it cannot be read). */
  accountOf: (token: string) => string | undefined;
  /** The current token, the cached one for a beacon, and sending with one refresh after a 401. */
  tokens: Pick<Tokens, 'get' | 'peek' | 'send'>;
  /** False while consent is missing: nothing leaves the browser. */
  canSend: () => boolean;
  tally: (patch: Partial<Record<keyof Diagnostics, number>>, error?: string) => void;
  /** Counts an error (storage refused, corrupt queue, a bug) with where it happened. */
  fail: (where: string, error: unknown) => void;
  /** Events queued, and how many of them wait for a token of the account they were tracked under. */
  setQueued: (n: number, otherAccount?: number) => void;
  /** Whether the last request reached the endpoint. */
  onNetwork: (online: boolean) => void;
}

export interface EventQueue {
  /** Appends an event; O(1), no id, storage or network on this call. */
  push(event: QueuedEvent): void;
  /**
   * Changes each time pushed events are handed on (written to storage, or beaconed): an event
   * pushed since the last change may still be edited in place, later ones may not.
   */
  epoch(): number;
  /** Persists, then sends everything queued (one tab at a time). */
  flush(): Promise<void>;
  /** Best-effort send of the newest events while the page hides or unloads. */
  beacon(): void;
  /** Persists pending events and stops timers. */
  close(): Promise<void>;
}

/**
 * A durable, bounded, batched event queue. Events are appended in memory, persisted
 * asynchronously (coalesced) under a storage lock, and sent by whichever tab holds the send
 * lock, so two tabs never send the same stored event. An event leaves storage only after
 * the endpoint answered for it, so delivery is at least once; the edge dedupes by id.
 */
export function createEventQueue(
  options: Pick<HeadroomOptions, 'maxQueueBytes' | 'batchSize' | 'flushIntervalMs' | 'retry'>,
  o: EventQueueOptions,
): EventQueue {
  const { platform } = o;
  // An option that is not a positive number is reported and gets its default (a NaN interval
  // would spin a timer every few ms).
  const setting = (name: string, value: unknown, fallback: number) => {
    if (value === undefined || (isNum(value) && value > 0)) return value ?? fallback;
    o.fail(name, 'not a positive number');
    return fallback;
  };
  const maxBytes = setting('maxQueueBytes', options.maxQueueBytes, 1_000_000);
  // At most 100, the endpoint's limit: a bigger batch would be refused and its events dropped.
  const batchSize = Math.min(setting('batchSize', options.batchSize, 50), 100);
  const interval = setting('flushIntervalMs', options.flushIntervalMs, 5000);
  const retryBase = setting('retry.baseMs', options.retry?.baseMs, 1000);
  const retryMax = setting('retry.maxMs', options.retry?.maxMs, 60_000);
  let pending: QueuedEvent[] = [];
  let snapshot: QueuedEvent[] = [];
  let persistTimer: unknown;
  let flushTimer: unknown;
  let flushAt = Infinity;
  let chain: Promise<unknown> = Promise.resolve();
  let failures = 0;
  let epoch = 0;
  // Before an event is handed on, it gets its id (the same one ever after). Ids are made in
  // bulk here, off the calling path, so one getRandomValues each costs the caller nothing.
  const stamp = (e: QueuedEvent) => (e.id ??= createEventId(e.ts));

  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  const corrupt = () => o.fail('queue', 'corrupt');
  const json = (token: string, events: QueuedEvent[]) =>
    JSON.stringify({ token, sentAt: platform.now(), events });

  // Read-modify-write of the stored queue; past maxBytes the oldest events are evicted.
  const update = async (change: (list: QueuedEvent[]) => QueuedEvent[]) => {
    snapshot = await updateList<QueuedEvent>(
      platform,
      await o.key,
      (list) => {
        const next = change(list);
        let bytes = JSON.stringify(next).length;
        let cut = 0;
        while (bytes > maxBytes && cut < next.length) bytes -= JSON.stringify(next[cut++]).length + 1;
        if (cut) o.tally({ evicted: cut }, `queue: evicted ${cut}`);
        return next.slice(cut);
      },
      corrupt,
    );
    o.setQueued(snapshot.length + pending.length);
  };

  const persist = () =>
    serial(async () => {
      if (!pending.length) return;
      const taken = pending;
      pending = [];
      epoch++;
      const first = await o.firstAccount;
      // Every stored event names the account it was tracked under, and is only ever sent with
      // a token of that account.
      for (const e of taken) {
        e.accountId ??= first;
        stamp(e);
      }
      try {
        await update((list) => {
          const ids = new Set(list.map((e) => e.id));
          return list.concat(taken.filter((e) => !ids.has(e.id)));
        });
      } catch (error) {
        pending = taken.concat(pending);
        o.fail('queue', error);
      }
    });

  // Timers never fire before a backoff or Retry-After is over.
  let notBefore = 0;
  const schedule = (ms: number) => {
    ms = Math.max(ms, notBefore - platform.now());
    const at = platform.now() + ms;
    if (at >= flushAt) return;
    platform.clearTimeout(flushTimer);
    flushAt = at;
    flushTimer = platform.setTimeout(() => {
      flushAt = Infinity;
      void flush(ms > 0);
    }, ms);
  };

  const backoff = (retryAfterMs = 0) => {
    // Doubles with each failure before this one (counted here), up to retryMax.
    const exp = Math.min(retryMax, retryBase * 2 ** Math.min(failures++, 20));
    // Equal jitter: spreads tabs and clients apart but never retries sooner than half the step.
    return Math.max((exp / 2) * (1 + (platform.random ?? Math.random)()), retryAfterMs);
  };

  // Sends a batch; the ids the endpoint answered for (stored, or refused for good) go into
  // `done`. Resolves how long to wait before the rest may be retried, or undefined.
  const post = async (
    batch: QueuedEvent[],
    done: Set<string | undefined>,
    account?: string,
  ): Promise<number | undefined> => {
    let res: Response | undefined;
    // Over the endpoint's 64 kB body limit with the current token (a refreshed one is as
    // long): split without sending, as after a 413.
    if (batch.length < 2 || json(await o.tokens.get(), batch).length <= 64_000) {
      try {
        // With the current token and, after a 401, once more with a fresh one.
        // A token refreshed after a 401 may speak for another account: these events wait.
        res = await o.tokens.send((token) =>
          o.accountOf(token) === account
            ? platform.fetch(o.url, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: json(token, batch),
              })
            : Promise.reject(account),
        );
      } catch {
        o.onNetwork(false);
        o.tally({ retried: 1 }, 'events: offline');
        return backoff();
      }
      o.onNetwork(true);
    }
    const status = res?.status ?? 413;
    // From here on `res` is set: a batch that was not sent has more than one event.
    if (status === 401 || status === 408 || status === 429 || (status >= 500 && status !== 501)) {
      o.tally({ retried: 1 }, `events: ${status}`);
      return backoff(retryAfter(res!.headers.get('retry-after')));
    }
    // Any other 4xx (413 too large, 400 one event the endpoint refuses) is about the batch's
    // content: halves are sent until the refused events stand alone, and only those are
    // dropped, so one bad event never blocks or loses the ones around it.
    if (status > 399 && status < 500 && batch.length > 1) {
      const half = Math.ceil(batch.length / 2);
      return (await post(batch.slice(0, half), done, account)) ?? post(batch.slice(half), done, account);
    }
    if (res!.ok) {
      const { rejected } = Object(await res!.json().catch(() => 0));
      const n = typeof rejected === 'number' ? Math.min(rejected, batch.length) : 0;
      o.tally({ sent: batch.length - n, dropped: n });
      failures = 0;
    } else o.tally({ dropped: batch.length }, `events: ${status} refused ${batch[0]?.id}`);
    for (const e of batch) done.add(e.id);
    return undefined;
  };

  // One pass at a time in this tab (the cross-tab lock covers other tabs); a flush asked for
  // during a pass runs once after it, for events that arrived meanwhile.
  let tail: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  // A full batch is sent at once; a partial one only when its time is up or on request.
  let partial = false;
  const flush = (all = true): Promise<void> => {
    partial ||= all;
    queued ??= tail = tail.then(pass);
    return queued;
  };

  const pass = async () => {
    // From here on, a flush asked for runs after this pass.
    queued = undefined;
    try {
      await persist();
      if (!o.canSend()) return;
      const key = await o.key;
      const all = partial;
      partial = false;
      let retry: number | undefined;
      const ran = await runLocked(platform, `hr-send:${key}`, async () => {
        for (;;) {
          const account = o.accountOf(await o.tokens.get());
          const list = await readList<QueuedEvent>(platform, key, corrupt);
          // Events of another account are kept (within maxQueueBytes) until its token is back.
          const first = await o.firstAccount;
          // (Events stored before they named their account belong to this queue's first one.)
          const mine = list.filter((e) => (e.accountId ?? first) === account);
          o.setQueued(list.length + pending.length, list.length - mine.length);
          const batch = mine.slice(0, batchSize);
          if (!batch.length || (!all && batch.length < batchSize)) return;
          const done = new Set<string | undefined>();
          retry = await post(batch, done, account);
          if (done.size) await serial(() => update((list) => list.filter((e) => !done.has(e.id))));
          // Timers wait out a backoff or Retry-After; after a success, nothing.
          notBefore = platform.now() + (retry ?? 0);
          if (retry !== undefined) return;
        }
      });
      // Busy lock: another tab is sending and will take our stored events too; look again later.
      if (!ran) retry = interval;
      if (retry !== undefined || pending.length || snapshot.length) schedule(retry ?? interval);
    } catch (error) {
      o.fail('flush', error);
    }
  };

  return {
    push(event) {
      pending.push(event);
      persistTimer ??= platform.setTimeout(() => {
        persistTimer = undefined;
        void persist();
      }, 0);
      schedule(pending.length >= batchSize ? 0 : interval);
    },
    epoch: () => epoch,
    flush,
    beacon() {
      const token = o.tokens.peek();
      if (!o.canSend() || token === undefined) return;
      epoch++;
      void persist();
      const account = o.accountOf(token);
      pending.map(stamp);
      const events = snapshot.concat(pending).filter((e) => (e.accountId ?? account) === account);
      // Newest events are the ones most likely not yet stored; the rest go on the next load.
      for (let n = Math.min(events.length, batchSize * 2); n > 0; n >>= 1) {
        const body = json(token, events.slice(-n));
        // Browsers refuse beacons past 64 kB in flight; stay under 60 kB. A refused beacon (or a
        // platform without one) leaves the events stored, sent on the next load.
        if (body.length <= 60_000) {
          try {
            platform.sendBeacon?.(o.url, body);
          } catch {
            // The page is going away; stored events are sent on the next load.
          }
          return;
        }
      }
    },
    async close() {
      // No timer is set after this: every time is at or after it.
      flushAt = -Infinity;
      platform.clearTimeout(flushTimer);
      platform.clearTimeout(persistTimer);
      await persist();
    },
  };
}

/** Milliseconds from a `Retry-After` header in seconds (what the edge sends); 0 otherwise. */
export function retryAfter(header: string | null): number {
  const seconds = Number(header);
  return seconds > 0 ? seconds * 1000 : 0;
}
