import { placeholdersIn } from './copy-template.ts';
import { didYouMean } from './did-you-mean.ts';

type Issue = { path: PropertyKey[]; message: string };
type Loose = Record<string, unknown>;

// These checks also run when other fields already failed, so they read defensively.
const record = (value: unknown): Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `unknown meter "doc"; did you mean "docs"?` — the id closest to a broken reference. */
const unknownReference = (what: string, name: string, known: Set<string>) => {
  const guess = didYouMean(name, known);
  return `unknown ${what} "${name}"${guess === undefined ? '' : `; did you mean "${guess}"?`}`;
};

const CHECKOUT_PLACEHOLDERS = ['plan', 'seats', 'accountId', 'userId'];
const TRAIT_TESTS = ['atLeast', 'atMost', 'equals', 'withinDays', 'grewBy'];

/** Cross-reference checks a per-field schema cannot express; every problem is reported. */
export function configReferenceIssues(input: unknown): Issue[] {
  const config = record(input);
  const issues: Issue[] = [];
  const meters = new Set(Object.keys(record(config.meters)));
  const plans = new Set(Object.keys(record(config.plans)));
  const prompts = new Set(Object.keys(record(config.prompts)));
  const experiments = new Set(Object.keys(record(config.experiments)));
  const hasPlans = plans.size > 0;

  const path = list(config.upgradePath);
  path.forEach((plan, i) => {
    if (hasPlans && typeof plan === 'string' && !plans.has(plan)) {
      issues.push({ path: ['upgradePath', i], message: unknownReference('plan', plan, plans) });
    }
  });
  if (new Set(path).size !== path.length)
    issues.push({ path: ['upgradePath'], message: 'a plan appears twice' });

  for (const [planId, plan] of Object.entries(record(config.plans))) {
    for (const meter of Object.keys(record(record(plan).limits))) {
      if (!meters.has(meter))
        issues.push({
          path: ['plans', planId, 'limits', meter],
          message: unknownReference('meter', meter, meters),
        });
    }
  }

  const triggerIds = new Set<string>();
  list(config.triggers).forEach((raw, i) => {
    const trigger = record(raw);
    const id = str(trigger.id);
    if (id !== undefined && triggerIds.has(id)) {
      issues.push({ path: ['triggers', i, 'id'], message: `duplicate trigger id "${id}"` });
    }
    if (id !== undefined) triggerIds.add(id);
    const prompt = str(trigger.prompt);
    if (prompt !== undefined && !prompts.has(prompt)) {
      issues.push({ path: ['triggers', i, 'prompt'], message: unknownReference('prompt', prompt, prompts) });
    }
    list(trigger.meters).forEach((meter, j) => {
      if (typeof meter === 'string' && !meters.has(meter)) {
        issues.push({
          path: ['triggers', i, 'meters', j],
          message: unknownReference('meter', meter, meters),
        });
      }
    });
    const meter = str(trigger.meter);
    if (meter !== undefined && !meters.has(meter)) {
      issues.push({ path: ['triggers', i, 'meter'], message: unknownReference('meter', meter, meters) });
    }
    list(trigger.all).forEach((condition, j) => {
      if (!TRAIT_TESTS.some((test) => test in record(condition))) {
        issues.push({
          path: ['triggers', i, 'all', j],
          message: `a trait condition needs ${TRAIT_TESTS.join(', ')}`,
        });
      }
    });
  });

  for (const [promptId, raw] of Object.entries(record(config.prompts))) {
    const prompt = record(raw);
    const experiment = str(prompt.experiment);
    if (experiment !== undefined && !experiments.has(experiment)) {
      issues.push({
        path: ['prompts', promptId, 'experiment'],
        message: unknownReference('experiment', experiment, experiments),
      });
    }
    if (prompt.copy === undefined && prompt.experiment === undefined) {
      issues.push({ path: ['prompts', promptId, 'copy'], message: 'a prompt needs copy or an experiment' });
    }
    const plan = str(prompt.plan);
    if (plan !== undefined && !plans.has(plan)) {
      issues.push({ path: ['prompts', promptId, 'plan'], message: unknownReference('plan', plan, plans) });
    }
  }

  for (const [experimentId, experiment] of Object.entries(record(config.experiments))) {
    const seen = new Set<string>();
    list(record(experiment).variants).forEach((variant, i) => {
      const id = str(record(variant).id);
      if (id === undefined) return;
      if (seen.has(id)) {
        issues.push({
          path: ['experiments', experimentId, 'variants', i, 'id'],
          message: `duplicate variant id "${id}"`,
        });
      }
      seen.add(id);
    });
  }

  const routing = record(config.routing);
  if (
    typeof routing.csAtAcv === 'number' &&
    typeof routing.assistAtAcv === 'number' &&
    routing.csAtAcv < routing.assistAtAcv
  ) {
    issues.push({ path: ['routing', 'csAtAcv'], message: 'must be at least assistAtAcv' });
  }
  const checkoutUrl = str(routing.checkoutUrl);
  for (const name of checkoutUrl === undefined ? [] : placeholdersIn(checkoutUrl)) {
    if (!CHECKOUT_PLACEHOLDERS.includes(name)) {
      issues.push({
        path: ['routing', 'checkoutUrl'],
        message: `unknown placeholder {${name}}; use ${CHECKOUT_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
      });
    }
  }
  return issues;
}
