import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleStatic } from './console-static.ts';

describe('createConsoleStatic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const serve = createConsoleStatic(dir);

  // Any site could frame the console (clickjacking the admin's session) before these headers.
  it.each([
    ['GET', '/console/'],
    ['GET', '/console/funnel'],
    ['GET', '/console/assets/app.js'],
    ['GET', '/console/assets/missing.js'],
    ['GET', '/console'],
    ['POST', '/console/'],
  ])('%s %s carries CSP frame-ancestors none, nosniff and a Referrer-Policy', async (method, path) => {
    const res = await serve(new Request(`http://edge.test${path}`, { method }));
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
