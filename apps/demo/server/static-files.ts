import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves a file from the built app when `pathname` names one inside `root`; returns false
 * otherwise. Hashed assets are cached for a year, HTML is always revalidated.
 */
export function serveStatic(
  root: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  const file = normalize(join(root, decoded));
  // Never serve anything outside the build folder (../ tricks).
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return false;
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  const ext = extname(file);
  const type = TYPES[ext] ?? 'application/octet-stream';
  // Compress text like any production host would, so page-cost figures are realistic.
  const gzip =
    /text|javascript|json|svg/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']));
  res.writeHead(200, {
    'content-type': type,
    'cache-control': decoded.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    vary: 'accept-encoding',
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = createReadStream(file);
  if (gzip) stream.pipe(createGzip()).pipe(res);
  else stream.pipe(res);
  return true;
}
