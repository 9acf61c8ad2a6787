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
      return new Response('method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    const { pathname } = new URL(request.url);
    if (pathname === prefix) return new Response(null, { status: 308, headers: { location: `${prefix}/` } });
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length + 1));
    } catch {
      return new Response('bad path', { status: 400 });
    }
    const target = normalize(join(base, relative));
    // Never outside the folder, whatever `..` or encoded separators the path holds.
    const inside = target === base || target.startsWith(base.endsWith(sep) ? base : base + sep);
    let body = inside && relative !== '' ? await fileOrNull(target) : null;
    let type = TYPES[extname(target)] ?? 'application/octet-stream';
    let cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (body === null) {
      if (extname(relative) !== '' && relative !== '') return new Response('not found', { status: 404 });
      body = await fileOrNull(join(base, 'index.html'));
      if (body === null) return new Response('console not built', { status: 404 });
      type = TYPES['.html'] ?? 'text/html';
      cache = 'no-cache';
    }
    const headers = {
      'content-type': type,
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
