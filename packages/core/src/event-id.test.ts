import { describe, expect, it } from 'vitest';
import { createEventId, isEventId } from './event-id.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createEventId', () => {
  it('is a UUIDv7 with the RFC 9562 version and variant bits', () => {
    for (let i = 0; i < 100; i++) expect(createEventId()).toMatch(UUID_V7);
  });

  it('encodes the millisecond timestamp in its first 48 bits', () => {
    const now = Date.UTC(2026, 10, 23, 12, 0, 0, 123);
    const id = createEventId(now);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it('writes the same timestamp bytes as ⌊max(0, now)⌋ mod 2^48, big-endian', () => {
    const reference = (now: number) => {
      let ms = Math.max(0, Math.floor(now));
      let hex = '';
      for (let i = 0; i < 6; i++) {
        hex = (Number.isFinite(ms) ? ms % 256 : 0).toString(16).padStart(2, '0') + hex;
        ms = Math.floor(ms / 256);
      }
      return `${hex.slice(0, 8)}-${hex.slice(8)}`;
    };
    const cases = [
      0,
      0.5,
      1,
      255.999,
      256,
      -1,
      -0.5,
      Number.NaN,
      Infinity,
      -Infinity,
      2 ** 48,
      2 ** 48 + 7,
      2 ** 52 + 3,
    ];
    for (let i = 0; i < 2_000; i++)
      cases.push(Math.random() * 2 ** (i % 53), Math.floor(Math.random() * 2 ** 48));
    for (const now of cases) expect(createEventId(now).slice(0, 13), String(now)).toBe(reference(now));
  });

  it('sorts by time as a plain string', () => {
    const ids = [0, 1, 255, 256, 65_536, 1_700_000_000_000, Date.UTC(2026, 0, 1), 2 ** 47].map((t) =>
      createEventId(t),
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('is unique across 100,000 ids made in the same millisecond', () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 100_000 }, () => createEventId(now)));
    expect(ids.size).toBe(100_000);
  });

  it('uses the injected randomness, so tests can pin ids', () => {
    const zeros = createEventId(0, (bytes) => bytes.fill(0));
    expect(zeros).toBe('00000000-0000-7000-8000-000000000000');
    const ones = createEventId(0, (bytes) => bytes.fill(255));
    expect(ones).toBe('00000000-0000-7fff-bfff-ffffffffffff');
  });
});

describe('isEventId', () => {
  it('accepts canonical UUIDs and nothing else', () => {
    expect(isEventId(createEventId())).toBe(true);
    expect(isEventId('550e8400-e29b-41d4-a716-446655440000')).toBe(true);
    expect(isEventId('550e8400e29b41d4a716446655440000')).toBe(false);
    expect(isEventId('not-a-uuid')).toBe(false);
    expect(isEventId(`${createEventId()}x`)).toBe(false);
  });
});
