// `pnpm bench`: figures are printed, never asserted. Account-token verification throughput,
// before (jose's jwtVerify + the claims schema, the code this package ran until the WebCrypto
// rewrite, kept in test/jose-reference.ts) and after (verifyAccountToken). Every call
// verifies from scratch: the edge's per-token cache is not in the way. Alone:
// `npx vitest bench --run --project edge packages/edge/bench/verify-account-token.bench.ts`;
// vitest prints ops/s (hz) per row and how many times faster the quicker one is.
import { bench, describe } from 'vitest';
import { signAccountToken } from '../src/token.ts';
import { importTokenKey, verifyAccountToken } from '../src/verify-account-token.ts';
import { joseVerifyAccountToken } from '../test/jose-reference.ts';

const SECRET = 'bench-secret-that-is-long-enough-for-hs256';
const NOW = Date.UTC(2026, 10, 23, 12);
const claims = {
  sub: 'acct_bench',
  uid: 'user_1',
  plan: 'team',
  acv: 1440,
  segment: 'smb' as const,
  seats: 10,
};
const key = await importTokenKey(SECRET);
const genuine = await signAccountToken({ ...claims, usage: { seats: 9, api_calls: 1200 } }, SECRET, {
  now: NOW / 1000,
});
const forged = `${genuine.slice(0, -4)}AAAA`;
const options = { time: 3000, warmupTime: 500 };

describe('verify a genuine account token', () => {
  bench(
    'jose jwtVerify + claims schema (before)',
    async () => {
      await joseVerifyAccountToken(genuine, key, NOW);
    },
    options,
  );
  bench(
    'verifyAccountToken on WebCrypto (after)',
    async () => {
      await verifyAccountToken(genuine, key, NOW);
    },
    options,
  );
});

describe('refuse a forged signature', () => {
  bench(
    'jose jwtVerify + claims schema (before)',
    async () => {
      await joseVerifyAccountToken(forged, key, NOW).catch(() => undefined);
    },
    options,
  );
  bench(
    'verifyAccountToken on WebCrypto (after)',
    async () => {
      await verifyAccountToken(forged, key, NOW).catch(() => undefined);
    },
    options,
  );
});
