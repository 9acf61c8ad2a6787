/**
 * A UUIDv7 (RFC 9562): 48-bit millisecond timestamp then random bits, so ids sort by time
 * and stay unique across tabs, reloads and retries.
 */
export function createEventId(
  now: number = Date.now(),
  random: (bytes: Uint8Array) => void = fillRandom,
): string {
  const b = new Uint8Array(16);
  random(b);
  // A byte store keeps the integer part mod 256, and halving by 256 is exact, so each byte
  // gets its 8 bits of ⌊ms⌋ with no rounding (NaN and ±Infinity store 0).
  let ms = Math.max(0, now);
  // Bytes 5 down to 0: the timestamp is big-endian.
  for (let i = 6; i--; ) {
    b[i] = ms;
    ms /= 256;
  }
  // In range, so the indexed reads are numbers.
  b[6] = ((b[6] as number) & 0x0f) | 0x70;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  let s = '';
  for (let i = 0; i < 16; i++) {
    // Dashes before bytes 4, 6, 8 and 10: bits 4, 6, 8 and 10 of 0x550.
    if ((0x550 >> i) & 1) s += '-';
    // 256 + a byte has three hex digits; the last two are the byte's, zero-padded.
    s += (256 + (b[i] as number)).toString(16).slice(1);
  }
  return s;
}

// WebCrypto is on every runtime we target; core's lib typings deliberately omit the DOM.
type WebCrypto = { getRandomValues(bytes: Uint8Array): Uint8Array };

function fillRandom(bytes: Uint8Array): void {
  (globalThis as unknown as { crypto: WebCrypto }).crypto.getRandomValues(bytes);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID string (any version). */
export function isEventId(value: string): boolean {
  return UUID.test(value);
}
