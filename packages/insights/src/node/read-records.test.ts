import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ReadStats, readExpansions, readRecords } from './read-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'headroom-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('readRecords', () => {
  it('streams NDJSON, skipping invalid lines and counting them', async () => {
    const path = file(
      'events.ndjson',
      [
        '{"type":"usage","meter":"seats","value":3,"accountId":"a","ts":1000}',
        'not json',
        '{"type":"usage","ts":1000}',
        '[1,2]',
        '',
        '{"type":"account","accountId":"a","ts":0,"plan":"team","segment":"galaxy"}',
        '{"type":"gate_hit","feature":"sso","accountId":"a","ts":"2025-01-02T00:00:00Z"}',
      ].join('\n'),
    );
    const stats: ReadStats = { lines: 0, skipped: 0 };
    let bytes = 0;
    const records = await collect(readRecords(path, stats, (b) => (bytes = b)));
    expect(records.map((r) => r.type)).toEqual(['usage', 'gate_hit']);
    expect(records[1]!.ts).toBe(Date.parse('2025-01-02T00:00:00Z'));
    expect(stats).toEqual({ lines: 6, skipped: 4 });
    expect(bytes).toBeGreaterThan(100);
  });

  it('reads CSV with a header, numbers and ISO times', async () => {
    const path = file(
      'events.csv',
      'type,accountId,ts,meter,value,plan,segment,churnRisk\n' +
        'account,a,2025-01-01,,,team,smb,false\n' +
        'usage,a,1735776000000,api_calls,"90000",,,\n',
    );
    const records = await collect(readRecords(path));
    expect(records[0]).toMatchObject({
      type: 'account',
      ts: Date.parse('2025-01-01'),
      plan: 'team',
      churnRisk: false,
    });
    expect(records[1]).toMatchObject({ type: 'usage', meter: 'api_calls', value: 90_000, ts: 1735776000000 });
  });

  it('handles a final line without a newline and lines split across chunks', async () => {
    const long = `{"type":"custom","name":"${'x'.repeat(2_000_000)}","accountId":"a","ts":1}`;
    const path = file('long.ndjson', `${long}\n{"type":"custom","name":"y","accountId":"b","ts":2}`);
    const records = await collect(readRecords(path));
    expect(records.map((r) => r.accountId)).toEqual(['a', 'b']);
  });
});

describe('readExpansions', () => {
  it('reads CSV and NDJSON expansions', async () => {
    const csv = file('exp.csv', 'accountId,ts,plan\nacct_1,2025-03-01T15:00:00.000Z,team\nbad,,\n');
    const stats: ReadStats = { lines: 0, skipped: 0 };
    expect(await readExpansions(csv, stats)).toEqual([
      { accountId: 'acct_1', ts: Date.parse('2025-03-01T15:00:00Z'), plan: 'team' },
    ]);
    expect(stats.skipped).toBe(1);
    const ndjson = file('exp.ndjson', '{"accountId":"x","ts":5,"amount":100}\n');
    expect(await readExpansions(ndjson)).toEqual([{ accountId: 'x', ts: 5, amount: 100 }]);
  });
});

describe('CSV (RFC 4180)', () => {
  it('keeps quotes, doubled quotes, empty fields and a newline inside a quoted field', async () => {
    const path = file(
      'quoted.csv',
      'type,accountId,ts,name,note\r\n' +
        'custom,a,1,"b,c","say ""hi""\nand then, ""bye"""\r\n' +
        'custom,b,2,plain,\r\n',
    );
    const stats: ReadStats = { lines: 0, skipped: 0 };
    const records = await collect(readRecords(path, stats));
    expect(records).toEqual([
      { type: 'custom', accountId: 'a', ts: 1, name: 'b,c', note: 'say "hi"\nand then, "bye"' },
      { type: 'custom', accountId: 'b', ts: 2, name: 'plain' },
    ]);
    expect(stats).toEqual({ lines: 2, skipped: 0 });
  });

  it('answers a malformed file with its name and the line it fails on', async () => {
    const path = file('broken.csv', 'type,accountId,ts\ncustom,a,1\ncustom,"b,2\n');
    await expect(collect(readRecords(path))).rejects.toThrow(/broken\.csv.*line/i);
  });
});
