import { Redis } from 'ioredis';
import type { SharedLimitStore } from '../shared-limit-store.ts';

// One token bucket per key in a hash: refill since `at`, take `cost` (overdrawn at most one
// burst), expire once it would be full again. Returned as a string: Lua numbers become
// integers on the wire.
const TAKE_SCRIPT = `
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local cost = tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 't', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) / 1000 * rate)
  at = now
end
tokens = math.max(-burst, tokens - cost)
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
return tostring(tokens)
`;

type RedisWithTake = Redis & {
  headroomTake(key: string, burst: number, rate: number, now: number, cost: number): Promise<string>;
};

/** A `SharedLimitStore` on Redis with its connection, which `close()` ends. */
export interface RedisLimitStore extends SharedLimitStore {
  close(): Promise<void>;
}

/**
 * Token buckets in Redis (`HEADROOM_REDIS_URL`), shared by every instance. Commands are
 * auto-pipelined and never queued while disconnected: they fail at once, and the limiter then
 * keeps limiting per instance (fail open, never a 5xx) and logs one warning per outage.
 */
export function createRedisLimitStore(url: string, prefix = 'headroom:rl:'): RedisLimitStore {
  const redis = new Redis(url, {
    enableAutoPipelining: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    keyPrefix: prefix,
    // Keep trying in the background, at most every 5 s.
    retryStrategy: (times) => Math.min(times * 200, 5000),
  }) as RedisWithTake;
  redis.defineCommand('headroomTake', { numberOfKeys: 1, lua: TAKE_SCRIPT });
  // Without a listener ioredis would throw connection errors; the limiter reports the failed
  // commands (one warning per outage), so these are not logged twice.
  redis.on('error', () => {});
  return {
    async take(key, limit, nowMs, cost) {
      return Number(await redis.headroomTake(key, limit.burst, limit.perSecond, nowMs, cost));
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
