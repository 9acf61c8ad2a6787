/** The URL when it is `https:` or same-origin; otherwise null (never render `javascript:` links). */
export function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url, window.location.origin);
    if (parsed.origin === window.location.origin || parsed.protocol === 'https:') return parsed.href;
  } catch {
    // Not a URL at all.
  }
  return null;
}
