// Turns an account-facts vector (the events an account's users reported) into what every
// runtime derives from it: the latest usage, daily peaks, and gate hits / invites per day.
import { DAY_MS, type TriggerSnapshot } from '../src/index.ts';

export interface FactEvent {
  daysAgo: number;
  user: string;
  type: 'usage' | 'gate_hit' | 'invite_sent';
  meter?: string;
  value?: number;
  feature?: string;
  hourOffset?: number;
}

export interface FactsCase {
  name: string;
  now: string;
  claims: TriggerSnapshot['claims'] & { plan: string };
  facts: FactEvent[];
  expected: { fired: string[] };
}

/** The time of a fact: noon UTC `daysAgo` days before `now`, plus `hourOffset` hours. */
export const factTime = (now: string, fact: FactEvent): number => {
  const noon = Date.parse(`${now.slice(0, 10)}T12:00:00Z`);
  return noon - fact.daysAgo * DAY_MS + (fact.hourOffset ?? 0) * 3_600_000;
};

/** The account-wide history the facts make: what GET /v1/account returns for them. */
export function historyOf(c: FactsCase) {
  const usage: Record<string, { value: number; at: number }> = {};
  const peaks: Record<string, Record<string, number>> = {};
  const gates: Record<string, number> = {};
  const invites: Record<string, number> = {};
  for (const fact of c.facts) {
    const at = factTime(c.now, fact);
    const day = new Date(at).toISOString().slice(0, 10);
    if (fact.type === 'usage' && fact.meter !== undefined && fact.value !== undefined) {
      const meter = peaks[fact.meter] ?? {};
      peaks[fact.meter] = meter;
      meter[day] = Math.max(meter[day] ?? 0, fact.value);
      if ((usage[fact.meter]?.at ?? -1) <= at) usage[fact.meter] = { value: fact.value, at };
    } else if (fact.type === 'gate_hit')
      gates[`${day}|${fact.feature}`] = (gates[`${day}|${fact.feature}`] ?? 0) + 1;
    else if (fact.type === 'invite_sent') invites[day] = (invites[day] ?? 0) + 1;
  }
  return {
    usage: Object.fromEntries(Object.entries(usage).map(([meter, s]) => [meter, s.value])),
    meterHistory: Object.fromEntries(
      Object.entries(peaks).map(([meter, days]) => [
        meter,
        Object.entries(days)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([day, used]) => ({ day, used })),
      ]),
    ),
    gateHits: Object.entries(gates).map(([key, count]) => {
      const [day = '', feature = ''] = key.split('|');
      return { day, feature, count, mine: 0 };
    }),
    invites: Object.entries(invites).map(([day, sent]) => ({ day, sent, accepted: 0, mine: 0 })),
  };
}

/** The snapshot core evaluates: today's value is the latest sample; earlier days their peaks. */
export function snapshotOf(c: FactsCase): TriggerSnapshot {
  const history = historyOf(c);
  return {
    claims: c.claims,
    meters: history.usage,
    meterHistory: history.meterHistory,
    gateHits: history.gateHits,
    invites: history.invites.map((r) => ({ day: r.day, count: r.sent })),
  };
}
