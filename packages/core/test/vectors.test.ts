// Runs the shared vectors in test/vectors against core. The SDK and the edge run the same
// files (see test/vectors/README.md), so every runtime agrees on rules and buckets.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { eligibilitySchema } from '../src/config-schema.ts';
import {
  type AssignableExperiment,
  assignVariant,
  checkEligibility,
  decideRoute,
  evaluateTriggers,
  type HeadroomConfig,
  hash32,
  isEligible,
  type RouteInput,
  type TriggerConfig,
  type TriggerSnapshot,
} from '../src/index.ts';
import { type FactsCase, snapshotOf } from './account-facts.ts';
import { acmeConfig } from './acme.ts';
import accountFacts from './vectors/account-facts.json' with { type: 'json' };
import assignment from './vectors/assignment.json' with { type: 'json' };
import eligibility from './vectors/eligibility.json' with { type: 'json' };
import routing from './vectors/routing.json' with { type: 'json' };
import triggers from './vectors/triggers.json' with { type: 'json' };

type TriggerCase = {
  name: string;
  now: string;
  snapshot: TriggerSnapshot;
  triggers?: TriggerConfig[];
  expected: Array<{ id: string; fired: boolean; value: number }>;
};
type EligibilityCase = {
  name: string;
  now: string;
  claims: Parameters<typeof checkEligibility>[0];
  eligibility?: Partial<HeadroomConfig['eligibility']>;
  expected: ReturnType<typeof checkEligibility>;
};
type RoutingCase = {
  name: string;
  input: RouteInput;
  routing?: Partial<HeadroomConfig['routing']>;
  expected: ReturnType<typeof decideRoute>;
};

describe('trigger vectors', () => {
  it.each((triggers.cases as TriggerCase[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const config = c.triggers ? { ...acmeConfig, triggers: c.triggers } : acmeConfig;
    const results = evaluateTriggers(c.snapshot, config, Date.parse(c.now));
    for (const expected of c.expected) {
      const result = results.find((r) => r.id === expected.id);
      expect(result?.fired, `${expected.id}.fired`).toBe(expected.fired);
      expect(result?.value, `${expected.id}.value`).toBeCloseTo(expected.value, 9);
    }
  });
});

describe('account facts vectors', () => {
  it.each((accountFacts.cases as FactsCase[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const fired = evaluateTriggers(snapshotOf(c), acmeConfig, Date.parse(c.now))
      .filter((r) => r.fired)
      .map((r) => r.id)
      .sort();
    expect(fired).toEqual(c.expected.fired);
  });
});

describe('eligibility vectors', () => {
  it.each((eligibility.cases as EligibilityCase[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    // Parsed as defineConfig parses it: a single threshold becomes one per segment.
    const config = {
      eligibility: z.parse(eligibilitySchema, { ...acmeConfig.eligibility, ...c.eligibility }),
    };
    expect(checkEligibility(c.claims, config, Date.parse(c.now))).toEqual(c.expected);
    // The verdict the browser uses (without the reasons) is the same.
    expect(isEligible(c.claims, config, Date.parse(c.now))).toBe(c.expected.eligible);
  });
});

describe('routing vectors', () => {
  it.each((routing.cases as RoutingCase[]).map((c) => [c.name, c] as const))('%s', (_, c) => {
    const policy = { plans: acmeConfig.plans, routing: { ...acmeConfig.routing, ...c.routing } };
    expect(decideRoute(c.input, policy)).toEqual(c.expected);
  });
});

describe('assignment vectors', () => {
  it.each(assignment.hashes.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(hash32(c.input)).toBe(c.hash32);
  });
  it.each(assignment.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { variantId, bucket, enrolled } = assignVariant(c.experiment as AssignableExperiment, c.unitId);
    expect({ variantId, bucket, enrolled }).toEqual(c.expected);
  });
});
