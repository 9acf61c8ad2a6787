import { describe, expect, it } from 'vitest';
import { coalesceInserts } from './coalesce-inserts.ts';
import { type StoredEvent, storedEventKey } from './storage.ts';

const row = (id: string) => ({ id, accountId: 'acct', source: 'browser' }) as StoredEvent;
const idOf = (key: string) => key.split('|')[2];

describe('coalesceInserts', () => {
  it('merges batches that arrive during an insert and tells each caller its own new ids', async () => {
    const statements: string[][] = [];
    const stored = new Set<string>(['old']);
    const insert = coalesceInserts(async (rows) => {
      statements.push(rows.map((r) => r.id));
      await new Promise((r) => setTimeout(r, 5));
      const added = new Set<string>();
      for (const r of rows) {
        if (stored.has(r.id)) continue;
        stored.add(r.id);
        added.add(storedEventKey(r));
      }
      return added;
    });
    const [a, b, c, d] = await Promise.all([
      insert([row('a1'), row('a2')]),
      insert([row('b1'), row('old')]),
      insert([row('c1'), row('b1')]),
      insert([]),
    ]);
    expect(statements).toEqual([
      ['a1', 'a2'],
      ['b1', 'old', 'c1', 'b1'],
    ]);
    expect([...(a ?? [])].map(idOf)).toEqual(['a1', 'a2']);
    expect([...(b ?? [])].map(idOf)).toEqual(['b1']);
    expect([...(c ?? [])].map(idOf)).toEqual(['c1']);
    expect(d?.size).toBe(0);
  });

  it('rejects every caller of a failed statement and keeps serving the next ones', async () => {
    let fail = true;
    const insert = coalesceInserts(async (rows) => {
      await new Promise((r) => setTimeout(r, 1));
      if (fail) throw new Error('disk full');
      return new Set(rows.map(storedEventKey));
    });
    await expect(insert([row('x')])).rejects.toThrow('disk full');
    fail = false;
    expect([...(await insert([row('y')]))].map(idOf)).toEqual(['y']);
  });
});
