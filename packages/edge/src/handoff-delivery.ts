import { signWebhookPayload } from '@headroom/server';
import type { LogLine } from './edge-options.ts';
import type { OutboxItem, Storage } from './storage/storage.ts';

/** Options for `createHandoffDelivery`. */
export interface HandoffDeliveryOptions {
  storage: Storage;
  /** Receiver URL (`HEADROOM_HANDOFF_WEBHOOK`); without it handoffs stay pending. */
  webhookUrl?: string | undefined;
  /** HMAC secret for `Headroom-Signature` (`HEADROOM_WEBHOOK_SECRET`). */
  webhookSecret?: string | undefined;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (line: LogLine) => void;
  /** Attempts before a handoff is marked failed. @default 12 */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt. @default 1000 */
  baseDelayMs?: number;
  /** Longest retry delay. @default 900000 (15 min) */
  maxDelayMs?: number;
  /** Per-request timeout. @default 10000 */
  timeoutMs?: number;
}

/** Delivers outbox handoffs to the webhook at least once, with exponential backoff. */
export interface HandoffDelivery {
  /** Delivers every due item now; resolves with how many were delivered. */
  deliverDue(): Promise<number>;
  /** Polls every `intervalMs` until `stop()`. */
  start(intervalMs?: number): void;
  /** Stops polling, waits for the run in flight, then flushes what is due once more. */
  stop(): Promise<void>;
}

/** The last error of a non-2xx answer; a redirect names its target so the operator can fix the URL. */
function deliveryError(response: Response): string {
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    return `HTTP ${response.status} redirect to ${location?.slice(0, 500) ?? '(no Location)'} not followed: the webhook must answer 2xx at the configured URL`;
  }
  // An opaque redirect (browsers' `redirect: 'manual'`) hides status and Location.
  if (response.type === 'opaqueredirect')
    return 'redirect not followed: the webhook must answer 2xx at the configured URL';
  return `HTTP ${response.status}`;
}

/**
 * Creates the outbox worker. Safe with many instances on one Postgres: items are claimed
 * with `FOR UPDATE SKIP LOCKED` and a lease, so each attempt goes out from one instance.
 */
export function createHandoffDelivery(options: HandoffDeliveryOptions): HandoffDelivery {
  const { storage } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const maxAttempts = options.maxAttempts ?? 12;
  const base = options.baseDelayMs ?? 1000;
  const maxDelay = options.maxDelayMs ?? 900_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let running: Promise<number> | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function deliver(item: OutboxItem, url: string): Promise<boolean> {
    const body = JSON.stringify(item.payload);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'headroom-edge',
      'headroom-handoff-id': item.handoffId,
    };
    if (options.webhookSecret) {
      headers['headroom-signature'] = await signWebhookPayload(
        body,
        options.webhookSecret,
        Math.floor(now() / 1000),
      );
    }
    let error: string;
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
        // Following a redirect would re-post the signed body to wherever the Location points
        // (307) or turn it into a body-less GET (301/302) whose 200 would count as delivered.
        redirect: 'manual',
      });
      await response.body?.cancel();
      if (response.ok) {
        await storage.markDelivered(item, now());
        log({
          level: 'info',
          msg: 'handoff delivered',
          handoffId: item.handoffId,
          attempt: item.attempts + 1,
        });
        return true;
      }
      error = deliveryError(response);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    const attempt = item.attempts + 1;
    // Full backoff with jitter in [50 %, 100 %] so a recovering receiver isn't hit in lockstep.
    const delay = Math.min(maxDelay, base * 2 ** (attempt - 1)) * (0.5 + Math.random() * 0.5);
    const retryAt = attempt >= maxAttempts ? null : now() + delay;
    await storage.markFailed(item, error, now(), retryAt);
    log({
      level: 'warn',
      msg: 'handoff delivery failed',
      handoffId: item.handoffId,
      attempt,
      error,
      retryAt,
    });
    return false;
  }

  async function run(): Promise<number> {
    const url = options.webhookUrl;
    if (!url) return 0;
    let delivered = 0;
    for (;;) {
      const items = await storage.claimOutbox(now(), 20, timeoutMs * 3);
      if (items.length === 0) return delivered;
      const results = await Promise.all(items.map((item) => deliver(item, url)));
      delivered += results.filter(Boolean).length;
    }
  }

  const deliverDue = (): Promise<number> => {
    // Single flight: a second caller waits for the run in progress, then runs again so
    // items created meanwhile are not left behind.
    const previous = running ?? Promise.resolve(0);
    const next = previous
      .catch(() => 0)
      .then(run)
      .catch((error: unknown) => {
        log({ level: 'error', msg: 'outbox run failed', error: String(error) });
        return 0;
      })
      .finally(() => {
        if (running === next) running = null;
      });
    running = next;
    return next;
  };

  return {
    deliverDue,
    start(intervalMs = 1000) {
      if (timer !== undefined) return;
      timer = setInterval(() => void deliverDue(), intervalMs);
      timer.unref?.();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await deliverDue();
    },
  };
}
