/**
 * Returns `url` when it is safe to render as a link: an absolute `https:` URL or a
 * same-origin relative path (`/billing`, `./x`, `?plan=team`). Everything else —
 * `javascript:`, `data:`, `http:`, protocol-relative `//host`, backslash tricks — is `null`.
 * @example safeUrl('https://billing.example.com/checkout') // 'https://billing.example.com/checkout'
 */
export function safeUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  const trimmed = url.trim();
  // Control characters and whitespace inside a URL are how scheme filters get bypassed.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
  if (trimmed === '' || /[\u0000-\u0020\u007f\\]/.test(trimmed)) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return null;
    }
    return parsed.protocol === 'https:' && parsed.hostname !== '' ? parsed.href : null;
  }
  // Relative: a path, query or fragment on this origin, never `//host` (another origin).
  if (trimmed.startsWith('//')) return null;
  return trimmed;
}
