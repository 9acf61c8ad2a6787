import { describe, expect, it } from 'vitest';
import { meterState } from './meter-state.ts';

describe('meterState', () => {
  it.each([
    [0, 'ok', 0],
    [79, 'ok', 0.79],
    [79.9, 'ok', 0.799],
    [80, 'approaching', 0.8],
    [99, 'approaching', 0.99],
    [100, 'at_limit', 1],
    [130, 'over', 1.3],
  ] as const)('%s of 100 is %s', (used, state, ratio) => {
    const result = meterState({ used, limit: 100 });
    expect(result.state).toBe(state);
    expect(result.ratio).toBeCloseTo(ratio, 12);
    expect(result.limit).toBe(100);
  });

  it('treats a ratio that rounds just under 80 % in binary as 80 %', () => {
    // 2.4 / 3 is 0.7999999999999999 in floating point.
    expect(meterState({ used: 2.4, limit: 3 }).state).toBe('approaching');
  });

  it('is always ok when unlimited, with ratio 0 and limit null', () => {
    expect(meterState({ used: 1e9, limit: null })).toEqual({ used: 1e9, limit: null, ratio: 0, state: 'ok' });
    expect(meterState({ used: 5, limit: undefined }).limit).toBeNull();
  });

  it('treats a zero limit as reached, and any use of it as over', () => {
    expect(meterState({ used: 0, limit: 0 }).state).toBe('at_limit');
    expect(meterState({ used: 1, limit: 0 }).state).toBe('over');
  });

  it('clamps garbage usage to 0 instead of producing NaN', () => {
    expect(meterState({ used: Number.NaN, limit: 10 })).toMatchObject({ used: 0, ratio: 0, state: 'ok' });
    expect(meterState({ used: -4, limit: 10 }).used).toBe(0);
  });
});
