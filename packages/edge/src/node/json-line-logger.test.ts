import { describe, expect, it } from 'vitest';
import { createJsonLineLogger } from './json-line-logger.ts';

describe('createJsonLineLogger', () => {
  it('writes one JSON line per call, batched per event-loop turn and on flush', async () => {
    const chunks: string[] = [];
    const logger = createJsonLineLogger(
      (c) => chunks.push(c),
      () => Date.UTC(2026, 10, 23),
    );
    logger.log({ level: 'info', msg: 'a', status: 200 });
    logger.log({ level: 'warn', msg: 'b' });
    expect(chunks).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(chunks).toHaveLength(1);
    expect(
      chunks[0]
        ?.trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { time: '2026-11-23T00:00:00.000Z', level: 'info', msg: 'a', status: 200 },
      { time: '2026-11-23T00:00:00.000Z', level: 'warn', msg: 'b' },
    ]);
    logger.log({ level: 'error', msg: 'c' });
    logger.flush();
    expect(chunks).toHaveLength(2);
  });

  it('stamps each line with its own time and keeps a line that carries its own time valid', () => {
    const chunks: string[] = [];
    let t = Date.UTC(2026, 10, 23);
    const logger = createJsonLineLogger(
      (c) => chunks.push(c),
      () => t,
    );
    logger.log({ level: 'info', msg: 'a' });
    t += 1;
    logger.log({ level: 'info', msg: 'b', time: 'own' });
    logger.flush();
    expect(
      chunks
        .join('')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { time: '2026-11-23T00:00:00.000Z', level: 'info', msg: 'a' },
      { time: 'own', level: 'info', msg: 'b' },
    ]);
  });
});
