export { browserPlatform, leaseLock } from './browser-platform.ts';
export { browserStorage, openIndexedDb } from './browser-storage.ts';
export { createHeadroom } from './create-headroom.ts';
export { decodeClaims } from './decode-claims.ts';
export { createMemoryStorage } from './memory-storage.ts';
export type * from './types.ts';
