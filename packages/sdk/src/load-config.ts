import type { HeadroomConfig } from '@headroom/core';
import { parseConfig } from './parse-config.ts';
import type { WritableStore } from './store.ts';
import type { Platform } from './types.ts';

/**
 * `GET /v1/config` with ETag revalidation. The last good config is cached in storage and
 * set in `$config` first, so an offline start still has one; a 304 keeps it.
 */
export async function loadConfig(
  platform: Pick<Platform, 'fetch' | 'storage'>,
  endpoint: string,
  $config: WritableStore<HeadroomConfig | null>,
): Promise<void> {
  const key = `hr:config:${endpoint}`;
  let cached: { etag?: string | null; config?: unknown } = {};
  try {
    cached = JSON.parse((await platform.storage.get(key)) ?? '{}');
  } catch {}
  const fromCache = parseConfig(cached.config);
  if (fromCache) $config.set(fromCache);
  const res = await platform.fetch(`${endpoint}/v1/config`, {
    headers: fromCache && cached.etag ? { 'if-none-match': cached.etag } : {},
  });
  if (res.status === 304 && fromCache) return;
  if (!res.ok) throw res.status;
  // parseConfig() hands back the document itself, so it is what gets cached.
  const config = parseConfig(await res.json());
  if (!config) throw 'invalid';
  $config.set(config);
  await platform.storage.set(
    key,
    // A missing ETag is stored as null, which sends no If-None-Match either.
    JSON.stringify({ etag: res.headers.get('etag'), config }),
  );
}
