import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Sent with every console answer. The console holds an admin token: no other site may frame it
 * (clickjacking), sniff a file into another type, or learn its URLs from a Referer. It talks to
 * an edge endpoint the user types in, so `connect-src` allows any http(s) origin.
 */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const answer = (body: BodyInit | null, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { ...headers, ...CONSOLE_SECURITY_HEADERS } });

async function fileOrNull(path: string): Promise<Buffer | null> {
  try {
    return (await stat(path)).isFile() ? await readFile(path) : null;
  } catch {
    return null;
  }
}

/**
 * Serves a built single-page app (the growth console) under `prefix`: files as they are,
 * anything else falls back to `index.html` so client-side routes work on reload.
 */
export function createConsoleStatic(
  root: string,
  prefix = '/console',
): (request: Request) => Promise<Response> {
  const base = normalize(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return answer('method not allowed', 405, { allow: 'GET, HEAD' });
    }
    const { pathname } = new URL(request.url);
    if (pathname === prefix) return answer(null, 308, { location: `${prefix}/` });
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length + 1));
    } catch {
      return answer('bad path', 400);
    }
    const target = normalize(join(base, relative));
    // Never outside the folder, whatever `..` or encoded separators the path holds.
    const inside = target === base || target.startsWith(base.endsWith(sep) ? base : base + sep);
    let body = inside && relative !== '' ? await fileOrNull(target) : null;
    let type = TYPES[extname(target)] ?? 'application/octet-stream';
    let cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (body === null) {
      if (extname(relative) !== '' && relative !== '') return answer('not found', 404);
      body = await fileOrNull(join(base, 'index.html'));
      if (body === null) return answer('console not built', 404);
      type = TYPES['.html'] ?? 'text/html';
      cache = 'no-cache';
    }
    return answer(request.method === 'HEAD' ? null : new Uint8Array(body), 200, {
      'content-type': type,
      'cache-control': cache,
    });
  };
}
