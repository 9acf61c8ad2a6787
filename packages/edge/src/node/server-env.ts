import * as z from 'zod/mini';
import type { ServerLimits } from './server-limits.ts';

const ms = z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(3_600_000)));
const count = z.optional(z.coerce.number().check(z.int(), z.gte(0), z.lte(1_000_000)));
const envSchema = z.object({
  HEADROOM_TRUST_PROXY: z.optional(
    z.union([
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((v) => (v === 'true' ? 1 : 0)),
      ),
      z.coerce.number().check(z.int(), z.gte(0), z.lte(32)),
    ]),
  ),
  HEADROOM_HEADERS_TIMEOUT_MS: ms,
  HEADROOM_REQUEST_TIMEOUT_MS: ms,
  HEADROOM_IDLE_TIMEOUT_MS: ms,
  HEADROOM_KEEP_ALIVE_TIMEOUT_MS: ms,
  HEADROOM_MAX_CONNECTIONS: count,
  HEADROOM_MAX_CONNECTIONS_PER_IP: count,
  HEADROOM_EVENT_RETENTION_DAYS: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(36_500))),
});

/** The Node server's settings from its environment. @throws Error naming each invalid variable */
export function serverSettingsFromEnv(
  env: Record<string, string | undefined>,
): ServerLimits & { trustProxy: number; eventRetentionDays?: number } {
  // An empty variable counts as unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; '),
    );
  }
  const e = parsed.data;
  const limits: ServerLimits & { trustProxy: number; eventRetentionDays?: number } = {
    trustProxy: e.HEADROOM_TRUST_PROXY ?? 0,
  };
  if (e.HEADROOM_EVENT_RETENTION_DAYS !== undefined)
    limits.eventRetentionDays = e.HEADROOM_EVENT_RETENTION_DAYS;
  if (e.HEADROOM_HEADERS_TIMEOUT_MS !== undefined) limits.headersTimeoutMs = e.HEADROOM_HEADERS_TIMEOUT_MS;
  if (e.HEADROOM_REQUEST_TIMEOUT_MS !== undefined) limits.requestTimeoutMs = e.HEADROOM_REQUEST_TIMEOUT_MS;
  if (e.HEADROOM_IDLE_TIMEOUT_MS !== undefined) limits.idleTimeoutMs = e.HEADROOM_IDLE_TIMEOUT_MS;
  if (e.HEADROOM_KEEP_ALIVE_TIMEOUT_MS !== undefined)
    limits.keepAliveTimeoutMs = e.HEADROOM_KEEP_ALIVE_TIMEOUT_MS;
  if (e.HEADROOM_MAX_CONNECTIONS !== undefined) limits.maxConnections = e.HEADROOM_MAX_CONNECTIONS;
  if (e.HEADROOM_MAX_CONNECTIONS_PER_IP !== undefined)
    limits.maxConnectionsPerIp = e.HEADROOM_MAX_CONNECTIONS_PER_IP;
  return limits;
}
