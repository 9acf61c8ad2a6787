import { describe, expect, it } from 'vitest';
import { safeUrl } from './safe-url.ts';

describe('safeUrl', () => {
  it.each([
    'https://billing.example.com/checkout?plan=team',
    '/billing/upgrade',
    './upgrade',
    '?plan=team',
    '#pricing',
  ])('keeps %s', (url) => expect(safeUrl(url)).not.toBeNull());

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'http://billing.example.com',
    '//evil.example.com/x',
    '/\\evil.example.com',
    'https:/\\evil.example.com',
    'mailto:a@b.c',
    '',
    'https://',
  ])('rejects %s', (url) => expect(safeUrl(url)).toBeNull());

  it('rejects non-strings', () => {
    expect(safeUrl(undefined)).toBeNull();
    expect(safeUrl({ toString: () => 'https://x.example' })).toBeNull();
  });
});
