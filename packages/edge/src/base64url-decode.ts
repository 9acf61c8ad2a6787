// The 6-bit value of a base64url character (RFC 4648 §5), or -1 outside the alphabet.
function sextetOf(code: number): number {
  if (code >= 65 && code <= 90) return code - 65; // A–Z
  if (code >= 97 && code <= 122) return code - 71; // a–z
  if (code >= 48 && code <= 57) return code + 4; // 0–9
  if (code === 45) return 62; // -
  if (code === 95) return 63; // _
  return -1;
}

/**
 * Decodes unpadded base64url, strictly: any character outside the alphabet (`+`, `/`, `=`,
 * whitespace), an impossible length or non-zero padding bits give `undefined`, so every byte
 * string has exactly one accepted spelling. No `Buffer` or `atob`: it runs on every runtime.
 */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let pending = 0;
  let pendingBits = 0;
  let written = 0;
  for (let index = 0; index < text.length; index++) {
    const sextet = sextetOf(text.charCodeAt(index));
    if (sextet < 0) return undefined;
    pending = ((pending << 6) | sextet) & 0xfff;
    pendingBits += 6;
    if (pendingBits >= 8) {
      pendingBits -= 8;
      bytes[written++] = pending >> pendingBits;
      pending &= (1 << pendingBits) - 1;
    }
  }
  return pending === 0 ? bytes : undefined;
}
