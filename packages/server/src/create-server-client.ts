import { createEventId } from '@headroom/core';
import * as z from 'zod/mini';
import {
  type AccountTraits,
  accountTraitsBatchSchema,
  accountTraitsSchema,
  type UpsertAccountsResult,
  upsertAccountsResultSchema,
} from './account-traits.ts';
import type { RetryPolicy } from './retry-delay.ts';
import { sendRequest, type Transport } from './send-request.ts';
import { HeadroomEventRejectedError } from './server-errors.ts';
import {
  type ReportResult,
  serverEventsResultSchema,
  type UpgradeReport,
  type UsageReport,
  upgradeReportSchema,
  usageReportSchema,
} from './server-events.ts';

/** Options for `createServerClient`. */
export interface ServerClientOptions {
  /** The edge's base URL, e.g. `https://headroom.example.com`. */
  endpoint: string;
  /** `HEADROOM_SERVER_KEY`: never ship it to a browser. */
  serverKey: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Retries after the first attempt, on network errors, timeouts, 408, 429 and 5xx. @default 3 */
  maxRetries?: number;
  /** First backoff; doubles per retry, with jitter. @default 250 */
  baseDelayMs?: number;
  /** Longest wait between attempts, `Retry-After` included. @default 10000 */
  maxDelayMs?: number;
  /** Per-attempt timeout. @default 10000 */
  timeoutMs?: number;
}

/** A backend's client for the edge's server routes (server key). */
export interface ServerClient {
  /** Reports a meter's authoritative value (`POST /v1/server/events`, type `usage`). */
  reportUsage(report: UsageReport): Promise<ReportResult>;
  /** Reports a completed upgrade from billing: the conversion experiments and the funnel count. */
  reportUpgrade(report: UpgradeReport): Promise<ReportResult>;
  /** Upserts one account's traits, or up to 100 (`POST /v1/server/accounts`); re-evaluates each. */
  upsertAccount(traits: AccountTraits | readonly AccountTraits[]): Promise<UpsertAccountsResult>;
}

const optionsSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }),
  serverKey: z.string().check(z.minLength(1)),
  maxRetries: z.optional(z.int().check(z.gte(0), z.lte(10))),
  baseDelayMs: z.optional(z.number().check(z.gte(0))),
  maxDelayMs: z.optional(z.number().check(z.gte(0))),
  timeoutMs: z.optional(z.number().check(z.gt(0))),
});

function validated<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new TypeError(`invalid ${what}: ${issues.join('; ')}`);
}

/**
 * Creates the server client. Works wherever `fetch` and WebCrypto do (Node 20, Deno, Bun,
 * workers). Every call validates its input before sending, retries transient failures with
 * bounded exponential backoff and jitter (honouring `Retry-After`), and resends the same
 * event id or observation time, so a retry never counts twice.
 * @throws TypeError for invalid options or input; HeadroomApiError, HeadroomNetworkError and
 * HeadroomEventRejectedError from the calls.
 * @example
 * const headroom = createServerClient({ endpoint: process.env.HEADROOM_URL!, serverKey: process.env.HEADROOM_SERVER_KEY! });
 * await headroom.reportUpgrade({ accountId: 'acct_42', plan: 'business', amount: 12_600, seats: 30 });
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  const settings = validated(optionsSchema, options, 'server client options');
  const base = settings.endpoint.replace(/\/+$/, '');
  const retry: RetryPolicy = {
    maxRetries: settings.maxRetries ?? 3,
    baseDelayMs: settings.baseDelayMs ?? 250,
    maxDelayMs: settings.maxDelayMs ?? 10_000,
  };
  const transport: Transport = {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    retry,
    timeoutMs: settings.timeoutMs ?? 10_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: Date.now,
  };
  const post = <T>(path: string, body: unknown, schema: z.ZodMiniType<T>) =>
    sendRequest(
      transport,
      `${base}${path}`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${settings.serverKey}`,
          'content-type': 'application/json',
          'user-agent': 'headroom-server',
        },
        body: JSON.stringify(body),
      },
      schema,
    );

  async function report(
    event: Record<string, unknown> & { id?: string | undefined; ts?: number | undefined },
  ) {
    const ts = event.ts ?? Date.now();
    const id = event.id ?? createEventId(ts);
    const result = await post(
      '/v1/server/events',
      { events: [{ ...event, id, ts }] },
      serverEventsResultSchema,
    );
    const rejection = result.rejections?.[0];
    if (result.rejected > 0 || rejection) {
      throw new HeadroomEventRejectedError(
        rejection?.code ?? 'rejected',
        rejection?.message ?? 'refused by the edge',
        id,
      );
    }
    return { id, duplicate: result.duplicates > 0 };
  }

  return {
    // Async, so invalid input rejects the returned promise rather than throwing at the call.
    reportUsage: async (input) =>
      report({ ...validated(usageReportSchema, input, 'usage report'), type: 'usage' }),
    reportUpgrade: async (input) =>
      report({ ...validated(upgradeReportSchema, input, 'upgrade report'), type: 'upgrade_completed' }),
    async upsertAccount(input) {
      // Stamped once here, so a retried upsert is the same observation, not a newer one.
      const observedAt = Date.now();
      const stamp = (traits: AccountTraits) => ({ observedAt, ...traits });
      const body = Array.isArray(input)
        ? validated(accountTraitsBatchSchema, { accounts: input.map(stamp) }, 'account traits')
        : validated(accountTraitsSchema, stamp(input as AccountTraits), 'account traits');
      return post('/v1/server/accounts', body, upsertAccountsResultSchema);
    },
  };
}
