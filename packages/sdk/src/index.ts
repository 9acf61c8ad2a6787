export { browserPlatform } from './browser-platform.ts';
export { browserStorage } from './browser-storage.ts';
export { createHeadroom } from './create-headroom.ts';
export { decodeClaims } from './decode-claims.ts';
export { leaseLock, leaseLocks } from './lease-lock.ts';
export { createMemoryStorage } from './memory-storage.ts';
export type { ReadableStore, Unsubscribe, WritableStore } from './store.ts';
export type * from './types.ts';
