import { describe, expect, inject, it } from 'vitest';
import { createPostgresStorage } from '../../src/index.ts';
import { edgeSuite } from '../suite/edge-suite.ts';
import { serverTruthSuite } from '../suite/server-truth-suite.ts';

const url = inject('pgUrl');

edgeSuite('Postgres', () => createPostgresStorage(url, { max: 4 }));
serverTruthSuite('Postgres', () => createPostgresStorage(url, { max: 4 }));

describe('Postgres storage', () => {
  it('lets several instances start at once (migrations take a lock) and share one store', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStorage(url, { max: 2 })));
    try {
      const [a, b] = stores;
      const id = '0190a3a0-0000-7000-8000-000000000001';
      const row = {
        id,
        accountId: 'shared',
        userId: null,
        type: 'custom' as const,
        ts: Date.now(),
        receivedAt: Date.now(),
        source: 'server' as const,
        payload: { id, type: 'custom' as const, name: 'x', ts: Date.now() },
      };
      const [first, second] = await Promise.all([a?.insertEvents([row]), b?.insertEvents([row])]);
      expect((first?.size ?? 0) + (second?.size ?? 0)).toBe(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
