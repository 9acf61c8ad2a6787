import {
  DAY_MS,
  type HeadroomConfig,
  meterLimit,
  nextPlan,
  planIncludes,
  type Segment,
} from '@headroom/core';
import type { AccountRecord, BacktestRecord, Expansion } from '../backtest/backtest-types.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * How an account behaves, planted so a backtest has known answers: `grower` crosses 80 % of its
 * API calls and usually expands 5–40 days later; `explorer` hits 3+ gated features within days
 * and often expands; `collaborator` sends a burst of invites and sometimes expands; `crowded`
 * sits at ≥ 90 % of its seats and rarely expands; `steady` stays well inside its limits.
 */
export type Archetype = 'grower' | 'explorer' | 'collaborator' | 'crowded' | 'steady';

export interface SampleOptions {
  accounts: number;
  /** @default 7 */
  seed?: number;
  /** First day, ISO. @default '2025-01-01' */
  start?: string;
  /** @default 365 */
  days?: number;
}

export interface SampleAccount {
  id: string;
  archetype: Archetype;
  /** Day index the planted behaviour starts. */
  onsetDay: number;
  /** Day index of the expansion; `null` when it never expands. */
  expansionDay: number | null;
  initial: AccountRecord;
}

export interface Sample {
  accounts: SampleAccount[];
  expansions: Expansion[];
  /** Every event and account record, in time order per day; lazily generated, re-iterable. */
  records(): Generator<BacktestRecord>;
}

const SHARES: ReadonlyArray<[Archetype, number, number]> = [
  // archetype, share of accounts, chance it expands after onset
  ['grower', 0.25, 0.9],
  ['explorer', 0.08, 0.75],
  ['collaborator', 0.06, 0.6],
  ['crowded', 0.1, 0.05],
  ['steady', 0.51, 0.02],
];
const FEATURES = ['comments', 'version_history', 'sso', 'audit_log', 'automations', 'scim', 'data_residency'];

/**
 * A realistic, seeded synthetic dataset (accounts with segments and plans, usage, gate hits,
 * invites and expansions) in which the trigger→expansion relationships are planted, so the
 * backtest's answers are known in advance.
 * @example
 * const sample = generateSample({ accounts: 2000 }, config);
 * await backtest(config, sample.records(), sample.expansions);
 */
export function generateSample(
  options: SampleOptions,
  config: Pick<HeadroomConfig, 'plans' | 'upgradePath'>,
): Sample {
  const random = seededRandom(options.seed ?? 7);
  const startDay = Math.floor(Date.parse(options.start ?? '2025-01-01') / DAY_MS);
  const days = options.days ?? 365;
  const plans = config.upgradePath.filter((p) => meterLimit(config, p, 'seats') !== null).slice(0, 3);
  const accounts: SampleAccount[] = [];
  const expansions: Expansion[] = [];
  for (let n = 0; n < options.accounts; n++) {
    const id = `acct_${String(n + 1).padStart(5, '0')}`;
    let roll = random.next();
    let [archetype, , expandChance] = SHARES[SHARES.length - 1]!;
    for (const [a, share, chance] of SHARES) {
      if (roll < share) {
        [archetype, expandChance] = [a, chance];
        break;
      }
      roll -= share;
    }
    const segment: Segment = random.chance(0.6) ? 'smb' : random.chance(0.75) ? 'mid_market' : 'enterprise';
    const plan = random.chance(0.4) ? plans[0]! : random.chance(0.75) ? plans[1]! : plans[2]!;
    const activatedDay = startDay - random.int(60, 400);
    const onsetDay = archetype === 'steady' ? random.int(0, days - 1) : random.int(20, days - 60);
    const expands = random.chance(expandChance);
    const lag = archetype === 'steady' ? 0 : random.int(5, 40);
    const expansionDay = expands && onsetDay + lag < days ? onsetDay + lag : null;
    const initial: AccountRecord = {
      type: 'account',
      accountId: id,
      ts: startDay * DAY_MS,
      plan,
      segment,
      seats: meterLimit(config, plan, 'seats') ?? 10,
      activatedAt: new Date(activatedDay * DAY_MS).toISOString().slice(0, 10),
      health: random.chance(0.9) ? random.int(75, 100) : random.int(40, 74),
      churnRisk: random.chance(0.03),
    };
    accounts.push({ id, archetype, onsetDay, expansionDay, initial });
    if (expansionDay !== null) {
      expansions.push({
        accountId: id,
        ts: (startDay + expansionDay) * DAY_MS + 15 * 3_600_000,
        plan: nextPlan(config, plan) ?? plan,
      });
    }
  }
  return {
    accounts,
    expansions,
    records: () => records(accounts, config, options.seed ?? 7, startDay, days),
  };
}

function* records(
  accounts: SampleAccount[],
  config: Pick<HeadroomConfig, 'plans' | 'upgradePath'>,
  seed: number,
  startDay: number,
  days: number,
): Generator<BacktestRecord> {
  const random = seededRandom(seed ^ 0x5eed);
  const id = () => uuid(random.next, random.next);
  const plan = new Map(accounts.map((a) => [a.id, a.initial.plan]));
  const base = new Map(accounts.map((a) => [a.id, 0.15 + random.next() * 0.35])); // steady usage share
  for (const a of accounts) yield a.initial;
  for (let d = 0; d < days; d++) {
    const dayStart = (startDay + d) * DAY_MS;
    const dayOfMonth = new Date(dayStart).getUTCDate();
    for (const a of accounts) {
      const current = plan.get(a.id)!;
      let ts = dayStart + 9 * 3_600_000 + random.int(0, 3_600_000);
      const at = () => (ts += random.int(1000, 600_000));
      const active = a.onsetDay <= d && (a.expansionDay === null || d < a.expansionDay);
      if (a.expansionDay === d) {
        const upgraded = nextPlan(config, current) ?? current;
        plan.set(a.id, upgraded);
        const when = dayStart + 15 * 3_600_000;
        yield {
          ...a.initial,
          ts: when,
          plan: upgraded,
          seats: meterLimit(config, upgraded, 'seats') ?? a.initial.seats ?? 0,
        };
        yield {
          id: id(),
          type: 'upgrade_completed',
          plan: upgraded,
          amount: 1000,
          accountId: a.id,
          ts: when,
          source: 'server',
        };
        continue;
      }
      if (!random.chance(0.7)) continue;
      const calls = meterLimit(config, current, 'api_calls');
      if (calls !== null) {
        // Monthly meter: usage accrues through the month; growers run hot after onset.
        const accrued = (base.get(a.id)! * Math.min(dayOfMonth, 28)) / 28;
        const value = Math.floor(
          calls * (a.archetype === 'grower' && active ? Math.max(0.85, accrued) : accrued),
        );
        yield {
          id: id(),
          type: 'usage',
          meter: 'api_calls',
          value,
          accountId: a.id,
          ts: at(),
          source: 'browser',
        };
      }
      const seatLimit = meterLimit(config, current, 'seats');
      if (seatLimit !== null && random.chance(0.3)) {
        const crowded = a.archetype === 'crowded' && a.onsetDay <= d;
        const value = crowded
          ? Math.max(1, Math.ceil(seatLimit * (0.9 + random.next() * 0.1)))
          : Math.max(1, Math.floor(seatLimit * base.get(a.id)!));
        yield {
          id: id(),
          type: 'usage',
          meter: 'seats',
          value,
          accountId: a.id,
          ts: at(),
          source: 'browser',
        };
      }
      const gated = FEATURES.filter((f) => !planIncludes(config, current, f));
      if (a.archetype === 'explorer' && active && d - a.onsetDay < 6 && gated.length > 0) {
        yield {
          id: id(),
          type: 'gate_hit',
          feature: gated[(d - a.onsetDay) % gated.length]!,
          accountId: a.id,
          ts: at(),
          source: 'browser',
        };
      } else if (gated.length > 0 && random.chance(0.03)) {
        yield {
          id: id(),
          type: 'gate_hit',
          feature: gated[0]!,
          accountId: a.id,
          ts: at(),
          source: 'browser',
        };
      }
      if (a.archetype === 'collaborator' && active && d - a.onsetDay < 10 && (d - a.onsetDay) % 2 === 0) {
        yield { id: id(), type: 'invite_sent', inviteId: id(), accountId: a.id, ts: at(), source: 'browser' };
        yield { id: id(), type: 'invite_sent', inviteId: id(), accountId: a.id, ts: at(), source: 'browser' };
      } else if (random.chance(0.01)) {
        yield { id: id(), type: 'invite_sent', inviteId: id(), accountId: a.id, ts: at(), source: 'browser' };
      }
      if (random.chance(0.2)) {
        yield { id: id(), type: 'custom', name: 'doc_edited', accountId: a.id, ts: at(), source: 'browser' };
      }
    }
  }
}

// A v4-shaped UUID from the seeded source: deterministic ids for a reproducible file.
function uuid(a: () => number, b: () => number): string {
  const hex = (n: number, len: number) =>
    Math.floor(n * 16 ** len)
      .toString(16)
      .padStart(len, '0');
  return `${hex(a(), 8)}-${hex(b(), 4)}-4${hex(a(), 3)}-${(8 + Math.floor(b() * 4)).toString(16)}${hex(a(), 3)}-${hex(b(), 6)}${hex(a(), 6)}`;
}
