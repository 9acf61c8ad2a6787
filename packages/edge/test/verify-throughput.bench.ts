// Account-token verification throughput, before (jose's jwtVerify + the claims schema, the
// code this package ran until the WebCrypto rewrite) and after (verifyAccountToken). Every
// call verifies from scratch: the edge's per-token cache is not in the way. Run with
// `npx vitest bench --run --project edge packages/edge/test/verify-throughput.bench.ts`;
// vitest prints ops/s per row and how many times faster the first is.
import { bench, describe } from 'vitest';
import { importTokenKey, verifyAccountToken } from '../src/verify-account-token.ts';
import { claimsFor, NOW, SECRET, tokenFor } from './helpers.ts';
import { joseVerifyAccountToken } from './jose-reference.ts';

const key = await importTokenKey(SECRET);
const genuine = await tokenFor(claimsFor('acct_bench', { usage: { seats: 9, api_calls: 1200 } }));
const forged = `${genuine.slice(0, -4)}AAAA`;
const options = { time: 3000, warmupTime: 500 };

describe('genuine token', () => {
  bench(
    'jose jwtVerify + claims schema (before)',
    () => joseVerifyAccountToken(genuine, key, NOW).then(),
    options,
  );
  bench(
    'verifyAccountToken on WebCrypto (after)',
    () => verifyAccountToken(genuine, key, NOW).then(),
    options,
  );
});

describe('forged signature (refused)', () => {
  bench(
    'jose jwtVerify + claims schema (before)',
    () => joseVerifyAccountToken(forged, key, NOW).catch(() => undefined),
    options,
  );
  bench(
    'verifyAccountToken on WebCrypto (after)',
    () => verifyAccountToken(forged, key, NOW).catch(() => undefined),
    options,
  );
});
