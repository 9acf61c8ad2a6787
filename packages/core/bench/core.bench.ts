// `pnpm bench`: figures are printed, never asserted. Budget (DESIGN.md): evaluateTriggers
// with 20 triggers ≤ 50 µs per call, i.e. ≥ 20,000 ops/s.
import { bench, describe } from 'vitest';
import {
  assignVariant,
  createWindow,
  DAY_MS,
  decideRoute,
  evaluateTriggers,
  meterState,
} from '../src/index.ts';
import { baseConfig, config20, config20Edge, NOW, snapshot } from './fixtures.ts';

describe('evaluateTriggers', () => {
  bench('20 triggers, 90 days of history (budget ≤ 50 µs = ≥ 20,000 hz)', () => {
    evaluateTriggers(snapshot, config20, NOW);
  });
  bench(
    '20 triggers incl. 10 edge-only (forecast, events, traits, power users, adoption) (budget ≤ 50 µs)',
    () => {
      evaluateTriggers(snapshot, config20Edge, NOW);
    },
  );
  bench('5 canonical triggers', () => {
    evaluateTriggers(snapshot, baseConfig, NOW);
  });
});

describe('createWindow', () => {
  const window = createWindow({ days: 30 });
  let ts = NOW;
  bench('add (unkeyed)', () => {
    window.add(ts, 1);
    ts += 60_000;
  });
  const keyed = createWindow({ days: 14 });
  let i = 0;
  bench('add (keyed by feature)', () => {
    keyed.add(NOW + (i % 14) * DAY_MS, 1, i % 2 ? 'sso' : 'audit_log');
    i++;
  });
  bench('sum over 30 days', () => {
    window.sum(ts);
  });
});

describe('assignVariant', () => {
  const experiment = { id: 'usage_copy', ...baseConfig.experiments.usage_copy! };
  let n = 0;
  bench('2 variants, new unit each call', () => {
    assignVariant(experiment, `acct_${n++}`);
  });
});

describe('decideRoute / meterState', () => {
  const claims = { acv: 1440, segment: 'smb' as const, seats: 10 };
  bench('decideRoute', () => {
    decideRoute({ plan: 'business', seats: 12, needs: ['invoice'], claims }, baseConfig);
  });
  bench('meterState', () => {
    meterState({ used: 820, limit: 1000 });
  });
});
