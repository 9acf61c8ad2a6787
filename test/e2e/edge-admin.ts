import type { DemoEnv } from './demo-env.ts';

/** A stored event as the admin NDJSON export returns it. */
export interface StoredEvent {
  id: string;
  type: string;
  accountId?: string;
  userId?: string;
  name?: string;
  experimentId?: string;
  variantId?: string;
  plan?: string;
  amount?: number;
  source?: string;
  ts: number;
  [key: string]: unknown;
}

/** GET an admin API path on the edge with the admin token. */
export async function admin<T>(env: DemoEnv, path: string): Promise<T> {
  const res = await fetch(`${env.edge}${path}`, { headers: { authorization: `Bearer ${env.adminToken}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every stored event of one account (admin NDJSON export). */
export async function storedEvents(env: DemoEnv, accountId: string): Promise<StoredEvent[]> {
  const since = new Date(Date.now() - 120 * 86_400_000).toISOString();
  const res = await fetch(`${env.edge}/v1/admin/events?since=${encodeURIComponent(since)}&format=ndjson`, {
    headers: { authorization: `Bearer ${env.adminToken}` },
  });
  if (!res.ok) throw new Error(`events: ${res.status} ${await res.text()}`);
  return (await res.text())
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredEvent)
    .filter((event) => event.accountId === accountId);
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
