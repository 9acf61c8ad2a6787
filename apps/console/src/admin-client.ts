import type { HeadroomConfigInput } from '@headroom/core';
import {
  type AdminBacktest,
  type AdminConfig,
  type AdminExpansion,
  type AdminExperiments,
  type AdminFunnel,
  type AdminHandoffs,
  type AdminHoldouts,
  type AdminImpact,
  type AdminPqls,
  adminConfigSchema,
  adminErrorSchema,
  adminExpansionSchema,
  adminExperimentsSchema,
  adminFunnelSchema,
  adminHandoffsSchema,
  adminHoldoutsSchema,
  adminImpactSchema,
  adminPqlsSchema,
  type BacktestLine,
  readBacktestStream,
} from '@headroom/insights';
import * as z from 'zod/mini';

/** An error answer of the admin API, with every invalid path when the body was rejected. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ReadonlyArray<{ path: string; message: string }> = [],
    /** On 412 to a publish: the version someone else published meanwhile. */
    readonly currentVersion?: number,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

export interface AdminClientOptions {
  /** Origin (and optional base path) of the edge. @default the console's own origin */
  endpoint: string;
  token: string;
  fetch?: typeof fetch;
}

const versionSchema = z.object({ version: z.number() });
const configVersionSchema = z.object({
  version: z.number(),
  config: z.unknown(),
  publishedAt: z.string(),
  note: z.optional(z.string()),
});
/** One stored config version, as `GET /v1/admin/config/versions/N` answers it. */
export type ConfigVersionAnswer = z.output<typeof configVersionSchema>;

/** Typed calls to the edge's admin API; every response is validated. */
export interface AdminClient {
  experiments(): Promise<AdminExperiments>;
  funnel(days: number): Promise<AdminFunnel>;
  /** Trigger holdouts: exposed and held-out arms of each held-out trigger. */
  holdouts(): Promise<AdminHoldouts>;
  /** What the expansion metrics are computed from, over the last `days`. */
  expansion(days: number): Promise<AdminExpansion>;
  handoffs(): Promise<AdminHandoffs>;
  pqls(): Promise<AdminPqls>;
  config(): Promise<AdminConfig>;
  /** One earlier (or the live) version with its config, to compare two. */
  configVersion(version: number): Promise<ConfigVersionAnswer>;
  /**
   * Publishes a new version. With `baseVersion` (the version the edit started from) the edge
   * refuses with 412 (`AdminApiError.currentVersion` set) when someone else published meanwhile.
   */
  publishConfig(
    config: HeadroomConfigInput | unknown,
    note?: string,
    baseVersion?: number,
    /** Publish even though exposed experiments' treatments change (otherwise 409 `mixes_treatments`). */
    acknowledgeMixedTreatments?: boolean,
  ): Promise<{ version: number }>;
  rollback(version: number, baseVersion?: number): Promise<{ version: number }>;
  /** Who would newly see or stop seeing each prompt under the draft, and how PQL routes shift. */
  impact(config: unknown): Promise<AdminImpact>;
  /**
   * Backtests the draft beside the live config over the stored history; `onLine` sees progress.
   * Aborting `signal` closes the response, which stops the run on the edge.
   */
  backtest(
    config: unknown,
    signal: AbortSignal,
    onLine: (line: BacktestLine) => void,
  ): Promise<AdminBacktest>;
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const base = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
  type Init = { method?: string; body?: unknown; ifVersion?: number | undefined; signal?: AbortSignal };
  /** The response when it is OK; otherwise the edge's error as an `AdminApiError`. */
  const send = async (path: string, init: Init): Promise<Response> => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.token}`,
      accept: 'application/json',
    };
    if (init.ifVersion !== undefined) headers['if-match'] = `"hr-config-${init.ifVersion}"`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(new URL(path, base), {
        method: init.method ?? 'GET',
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new AdminApiError(0, 'network_error', `Can't reach ${base} — is the edge running?`);
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      const error = adminErrorSchema.safeParse(body);
      if (error.success) {
        const { code, message, issues } = error.data.error;
        const current = /^"hr-config-(\d+)"$/.exec(response.headers.get('etag') ?? '')?.[1];
        throw new AdminApiError(
          response.status,
          code,
          message,
          issues ?? [],
          response.status === 412 && current !== undefined ? Number(current) : undefined,
        );
      }
      throw new AdminApiError(response.status, 'http_error', `HTTP ${response.status} from ${path}`);
    }
    return response;
  };
  const call = async <T>(
    path: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    init: Init = {},
  ): Promise<T> => {
    const response = await send(path, init);
    const body: unknown = await response.json().catch(() => null);
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new AdminApiError(response.status, 'bad_response', `Unexpected response from ${path}`);
    return parsed.data;
  };
  return {
    experiments: () => call('v1/admin/experiments', adminExperimentsSchema),
    funnel: (days) => call(`v1/admin/funnel?days=${days}`, adminFunnelSchema),
    holdouts: () => call('v1/admin/holdouts', adminHoldoutsSchema),
    expansion: (days) => call(`v1/admin/expansion?days=${days}`, adminExpansionSchema),
    handoffs: () => call('v1/admin/handoffs', adminHandoffsSchema),
    pqls: () => call('v1/admin/pqls', adminPqlsSchema),
    config: () => call('v1/admin/config', adminConfigSchema),
    configVersion: (version) => call(`v1/admin/config/versions/${version}`, configVersionSchema),
    publishConfig: (config, note, baseVersion, acknowledgeMixedTreatments) =>
      call('v1/admin/config', versionSchema, {
        method: 'PUT',
        body: {
          config,
          ...(note ? { note } : {}),
          ...(acknowledgeMixedTreatments ? { acknowledgeMixedTreatments } : {}),
        },
        ifVersion: baseVersion,
      }),
    rollback: (version, baseVersion) =>
      call('v1/admin/config/rollback', versionSchema, {
        method: 'POST',
        body: { version },
        ifVersion: baseVersion,
      }),
    impact: (config) =>
      call('v1/admin/config/impact', adminImpactSchema, { method: 'POST', body: { config } }),
    backtest: async (config, signal, onLine) => {
      const response = await send('v1/admin/backtest', { method: 'POST', body: { config }, signal });
      if (!response.body) throw new AdminApiError(response.status, 'bad_response', 'empty backtest answer');
      return readBacktestStream(response.body, onLine);
    },
  };
}
