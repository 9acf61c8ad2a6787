import { describe, expect, it } from 'vitest';
import { acmeConfig, acmeCopy } from '../test/acme.ts';
import { defineConfig } from './define-config.ts';
import { diffConfigs } from './diff-configs.ts';

type Draft = Record<string, unknown> & {
  triggers: Array<Record<string, unknown>>;
  prompts: Record<string, Record<string, unknown> & { copy?: Record<string, unknown> }>;
  experiments: Record<
    string,
    Record<string, unknown> & { variants: Array<Record<string, unknown> & { copy: Record<string, unknown> }> }
  >;
  fatigue: Record<string, unknown>;
  routing: Record<string, unknown>;
  plans: Record<string, Record<string, unknown> & { limits: Record<string, unknown> }>;
  upgradePath: string[];
};
const edit = (change: (draft: Draft) => void) => {
  const draft = acmeCopy() as Draft;
  change(draft);
  return diffConfigs(acmeConfig, defineConfig(draft));
};

describe('diffConfigs', () => {
  it('finds no change between a config and itself, or a copy that only spells out defaults', () => {
    expect(diffConfigs(acmeConfig, acmeConfig)).toEqual([]);
    expect(
      edit((d) => {
        d.experiments.usage_copy!.coverage = 1;
      }),
    ).toEqual([]);
  });

  it('names a threshold change by trigger id, with both values', () => {
    expect(
      edit((d) => {
        d.triggers[0]!.atLeast = 0.75;
      }),
    ).toEqual([
      {
        section: 'triggers',
        kind: 'changed',
        path: 'triggers.usage_ceiling.atLeast',
        before: 0.8,
        after: 0.75,
        summary: 'Trigger usage_ceiling: atLeast 0.8 → 0.75',
      },
    ]);
  });

  it('matches triggers and variants by id, so reordering them is no change', () => {
    expect(edit((d) => d.triggers.reverse())).toEqual([]);
    expect(edit((d) => d.experiments.usage_copy!.variants.reverse())).toEqual([]);
  });

  it('reports added and removed triggers, prompts and variants as wholes', () => {
    const changes = edit((d) => {
      d.triggers = d.triggers.filter((t) => t.id !== 'collaboration_surge');
      d.triggers.push({
        id: 'surge',
        kind: 'invites_sent',
        atLeast: 8,
        withinDays: 30,
        prompt: 'seat_upgrade',
      });
      d.prompts.toast = { surface: 'toast', copy: { title: 'Hi', cta: 'Go' } };
      d.experiments.usage_copy!.variants.push({ id: 'calm', weight: 10, copy: { title: 'T', cta: 'C' } });
    });
    expect(changes.map((c) => [c.kind, c.path, c.summary])).toEqual([
      ['removed', 'triggers.collaboration_surge', 'Trigger collaboration_surge removed'],
      ['added', 'triggers.surge', 'Trigger surge added'],
      ['added', 'prompts.toast', 'Prompt toast added'],
      ['added', 'experiments.usage_copy.variants.calm', 'Experiment usage_copy, variant calm added'],
    ]);
    expect(changes[1]?.after).toMatchObject({ kind: 'invites_sent', atLeast: 8 });
    expect(changes[0]?.before).toMatchObject({ id: 'collaboration_surge' });
  });

  it('names copy, weight, fatigue, routing, plan and upgrade path changes in their own words', () => {
    const changes = edit((d) => {
      d.prompts.seat_upgrade!.copy!.cta = 'Add people';
      d.experiments.usage_copy!.variants[1]!.weight = 25;
      d.fatigue.maxPromptsPerWeek = 2;
      d.routing.csAtAcv = 25_000;
      d.routing.csNeeds = ['invoice'];
      d.plans.team!.limits.docs = 2000;
      d.upgradePath = ['free', 'business', 'enterprise'];
    });
    expect(changes.map((c) => c.summary)).toEqual([
      'Plan team: limits.docs 1000 → 2000',
      'Upgrade path: ["free","team","business","enterprise"] → ["free","business","enterprise"]',
      'Prompt seat_upgrade: copy.cta "Add seats" → "Add people"',
      'Experiment usage_copy, variant momentum: weight 50 → 25',
      'Fatigue: maxPromptsPerWeek 3 → 2',
      'Routing: csAtAcv 20000 → 25000',
      'Routing: csNeeds ["invoice","multi_year","custom_sla","security_review"] → ["invoice"]',
    ]);
    expect(changes.map((c) => c.section)).toEqual([
      'plans',
      'upgradePath',
      'prompts',
      'experiments',
      'fatigue',
      'routing',
      'routing',
    ]);
  });

  it('reports a field that appears or disappears inside a kept entry', () => {
    const changes = edit((d) => {
      d.prompts.seat_upgrade!.plan = 'business';
      delete d.prompts.seat_upgrade!.copy!.body;
    });
    expect(changes).toEqual([
      {
        section: 'prompts',
        kind: 'removed',
        path: 'prompts.seat_upgrade.copy.body',
        before: 'Add seats so everyone on your team can join.',
        summary:
          'Prompt seat_upgrade: copy.body removed (was "Add seats so everyone on your team can join.")',
      },
      {
        section: 'prompts',
        kind: 'added',
        path: 'prompts.seat_upgrade.plan',
        after: 'business',
        summary: 'Prompt seat_upgrade: plan set to "business"',
      },
    ]);
  });
});
