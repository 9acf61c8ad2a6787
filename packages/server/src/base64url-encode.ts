const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Encodes bytes as unpadded base64url (RFC 4648 §5), the alphabet of JWT segments. Written
 * out rather than through `Buffer`, so it runs on every runtime with no Node API.
 */
export function encodeBase64url(bytes: Uint8Array): string {
  let text = '';
  for (let offset = 0; offset < bytes.length; offset += 3) {
    const group = ((bytes[offset] ?? 0) << 16) | ((bytes[offset + 1] ?? 0) << 8) | (bytes[offset + 2] ?? 0);
    // 3 bytes make 4 characters; a final 1 or 2 bytes make 2 or 3 (no `=` padding).
    const characters = Math.min(4, Math.ceil(((bytes.length - offset) * 4) / 3));
    for (let index = 0; index < characters; index++) {
      text += ALPHABET.charAt((group >> (18 - 6 * index)) & 63);
    }
  }
  return text;
}
