import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { acmeCopy, acmeInput } from '../test/acme.ts';
import { configJsonSchema } from './config-json-schema.ts';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };

describe('configJsonSchema', () => {
  const schema = configJsonSchema() as Schema;

  it('is a draft 2020-12 object schema whose required keys are the three without defaults', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.required?.sort()).toEqual(['meters', 'plans', 'upgradePath']);
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual([
      'eligibility',
      'experiments',
      'fatigue',
      'meters',
      'plans',
      'prompts',
      'routing',
      'triggers',
      'upgradePath',
    ]);
  });

  it('describes the five trigger kinds, surfaces, routes and defaults', () => {
    const text = JSON.stringify(schema);
    for (const kind of ['meter_ratio', 'meter_sustained', 'gate_distinct', 'gate_intent', 'invites_sent']) {
      expect(text).toContain(`"const":"${kind}"`);
    }
    expect(text).toContain('"enum":["banner","modal","inline","toast"]');
    expect(text).toContain('"enum":["self_serve","self_serve_with_assist","cs_assist"]');
    const properties = schema.properties ?? {};
    const routing = properties.routing as Schema;
    expect(routing.properties?.assistAtAcv).toMatchObject({ type: 'number', minimum: 0, default: 5000 });
    const plan = (properties.plans as Schema).additionalProperties as Schema;
    expect(plan.required).toContain('seatPrice');
  });

  it('is valid JSON Schema that the canonical config conforms to and broken configs do not', () => {
    // Round-trip through an independent JSON Schema reader: zod's own fromJSONSchema.
    const reader = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema);
    expect(reader.safeParse(acmeInput).success).toBe(true);
    const broken = acmeCopy() as { prompts: { seat_upgrade: { surface: string } } };
    broken.prompts.seat_upgrade.surface = 'popup';
    expect(reader.safeParse(broken).success).toBe(false);
    const missing = acmeCopy();
    delete missing.plans;
    expect(reader.safeParse(missing).success).toBe(false);
  });

  it('forbids unknown keys in every object it describes, like defineConfig', () => {
    // Every object schema with named properties must close itself; records stay open by design.
    const open: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const { properties, additionalProperties } = node as Schema;
      if (properties !== undefined && additionalProperties !== false) open.push(path);
      for (const [key, value] of Object.entries(node)) visit(value, `${path}/${key}`);
    };
    visit(schema, '#');
    expect(open).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
    const reader = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema);
    const typo = acmeCopy() as { fatigue: Record<string, unknown> };
    typo.fatigue.maxPromptPerWeek = 3;
    expect(reader.safeParse(typo).success).toBe(false);
  });

  it('describes snoozeAfterClickDays as an optional number of days, at least 0', () => {
    const fatigue = schema.properties?.fatigue as Schema;
    expect(fatigue.required ?? []).not.toContain('snoozeAfterClickDays');
    expect(fatigue.properties?.snoozeAfterClickDays).toMatchObject({ type: 'number', minimum: 0 });
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
