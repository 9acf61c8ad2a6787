#!/usr/bin/env node
// `npm run evaluate` (and `npm run demo` until the demo app takes it over): loads a Headroom
// config (default: packages/core/examples/acme.config.json), builds a sample account and
// prints what @headroom/core decides for it — which triggers fire and why, whether the
// account may see prompts, which prompt each surface shows with which experiment variant
// and copy, and which route an upgrade takes.
//
// Usage: node scripts/live-evaluation.mjs [--config FILE] [--now ISO]
// It runs core from source through tsx, so it works on a fresh clone right after install.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const core = await import(join(root, 'packages/core/src/index.ts'));
const {
  assignVariant,
  checkEligibility,
  DAY_MS,
  decideRoute,
  defineConfig,
  evaluateTriggers,
  fillCopy,
  HeadroomConfigError,
  isoDay,
  lintConfig,
  meterLimit,
  meterState,
  nextPlan,
  planUnlocking,
} = core;

const { values: args } = parseArgs({
  options: { config: { type: 'string' }, now: { type: 'string' } },
});
const configPath = resolve(args.config ?? join(root, 'packages/core/examples/acme.config.json'));
const now = args.now ? Date.parse(args.now) : Date.now();
if (Number.isNaN(now)) fail(`--now: "${args.now}" is not a date`);

let config;
try {
  config = defineConfig(JSON.parse(readFileSync(configPath, 'utf8')));
} catch (error) {
  fail(error instanceof HeadroomConfigError ? error.message : `Cannot read ${configPath}: ${error.message}`);
}

// ── The sample account: a Team customer whose team is outgrowing its plan ─────────────
const today = Math.floor(now / DAY_MS);
const ago = (days) => isoDay(today - days);
const account = {
  name: 'Northwind Labs',
  claims: {
    sub: 'acct_northwind',
    uid: 'user_ada',
    plan: 'team',
    acv: 1440, // 10 seats × $144
    segment: 'smb',
    seats: 10,
    activatedAt: new Date(now - 120 * DAY_MS).toISOString(),
    health: 82,
    churnRisk: false,
  },
};
const snapshot = {
  claims: account.claims,
  meters: { seats: 9, api_calls: 82_400, docs: 640 },
  // Seats have been at 8–9 of 10 for the last 11 days: not yet the 14 of seat_pressure.
  meterHistory: {
    seats: [
      { day: ago(40), used: 6 },
      { day: ago(10), used: 8 },
      { day: ago(4), used: 9 },
    ],
  },
  // Teammates reached for three Business features this fortnight.
  gateHits: [
    { day: ago(11), feature: 'sso', count: 2 },
    { day: ago(6), feature: 'audit_log', count: 1 },
    { day: ago(1), feature: 'automations', count: 4 },
    { day: ago(0), feature: 'sso', count: 1 },
  ],
  invites: [
    { day: ago(20), count: 2 },
    { day: ago(3), count: 1 },
  ],
};

// ── Helpers for printing ────────────────────────────────────────────────────────────────
const number = new Intl.NumberFormat('en-US');
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const line = (text = '') => console.log(text);
const heading = (text) => line(`\n${text}\n${'─'.repeat(text.length)}`);
function fail(message) {
  console.error(message);
  process.exit(1);
}
const planName = (id) => (id ? (config.plans[id]?.name ?? id) : '—');
const bar = (ratio) => {
  const filled = Math.min(20, Math.round(Math.min(ratio, 1) * 20));
  return `[${'█'.repeat(filled)}${'·'.repeat(20 - filled)}]`;
};

// ── 1. Account and meters ───────────────────────────────────────────────────────────────
line(`Headroom live evaluation — ${new Date(now).toISOString().slice(0, 16)}Z`);
line(`Config: ${configPath.replace(`${root}/`, '')}`);
const count = (n, one, other) => `${n} ${n === 1 ? one : other}`;
line(
  `        ${count(Object.keys(config.meters).length, 'meter', 'meters')}, ${count(Object.keys(config.plans).length, 'plan', 'plans')}, ${count(config.triggers.length, 'trigger', 'triggers')}, ${count(Object.keys(config.experiments).length, 'experiment', 'experiments')}`,
);
// Valid but probably wrong (an unused prompt, a ratio of 8): said up front, never fatal.
for (const warning of lintConfig(config)) line(`  ⚠ ${warning.path}: ${warning.message}`);

heading(`Account: ${account.name} (${account.claims.sub})`);
const c = account.claims;
line(
  `Plan ${planName(c.plan)} · segment ${c.segment} · ${c.seats} seats · ACV ${usd.format(c.acv)} · health ${c.health} · activated 120 days ago`,
);
for (const meter of Object.keys(config.meters)) {
  const state = meterState({ used: snapshot.meters[meter] ?? 0, limit: meterLimit(config, c.plan, meter) });
  const of = state.limit === null ? 'unlimited' : `of ${number.format(state.limit)}`;
  const label = config.meters[meter].label.padEnd(10);
  const ratio = state.limit === null ? '' : ` ${percent.format(state.ratio).padStart(4)}`;
  line(`  ${label} ${bar(state.ratio)}${ratio}  ${number.format(state.used)} ${of}  → ${state.state}`);
}

// ── 2. Triggers ─────────────────────────────────────────────────────────────────────────
heading('Triggers');
const results = evaluateTriggers(snapshot, config, now);
for (const result of results) {
  line(`  ${result.fired ? '✔ fires ' : '· quiet '} ${result.id.padEnd(20)} ${result.reason}`);
}
const fired = results.filter((r) => r.fired);
const signals = fired.length;
const escalate = signals >= config.routing.escalateAtSignals;
line(
  `  ${signals} active ${signals === 1 ? 'signal' : 'signals'}: ${
    escalate
      ? `≥ ${config.routing.escalateAtSignals} → sales-led: a person is offered on every upgrade`
      : `below ${config.routing.escalateAtSignals} → product-led: in-product prompts`
  }`,
);

// ── 3. Eligibility ──────────────────────────────────────────────────────────────────────
heading('Eligibility');
const eligibility = checkEligibility(c, config, now);
const minDays = config.eligibility.minDaysSinceActivation[c.segment];
line(
  eligibility.eligible
    ? `  ✔ eligible: activated ${eligibility.daysSinceActivation} days ago (≥ ${minDays} for ${c.segment}), health ${c.health} (≥ ${config.eligibility.minHealth}), no churn risk`
    : `  ✘ not eligible: ${eligibility.reasons.join(', ')}`,
);

// ── 4. Prompts per surface ──────────────────────────────────────────────────────────────
heading('Prompts (one per surface, lowest priority number wins)');
const features = [...new Set(snapshot.gateHits.map((hit) => hit.feature))];
function copyValues(trigger) {
  const next = nextPlan(config, c.plan);
  const values = { plan: planName(c.plan), nextPlan: planName(next) };
  const meters =
    trigger.kind === 'meter_ratio' ? trigger.meters : trigger.meter ? [trigger.meter] : ['seats'];
  // The fullest meter the trigger watches.
  const [meter] = [...meters].sort(
    (a, b) =>
      meterState({ used: snapshot.meters[b] ?? 0, limit: meterLimit(config, c.plan, b) }).ratio -
      meterState({ used: snapshot.meters[a] ?? 0, limit: meterLimit(config, c.plan, a) }).ratio,
  );
  if (meter) {
    const state = meterState({ used: snapshot.meters[meter] ?? 0, limit: meterLimit(config, c.plan, meter) });
    const nextLimit = next ? meterLimit(config, next, meter) : null;
    Object.assign(values, {
      used: number.format(state.used),
      limit: state.limit === null ? 'unlimited' : number.format(state.limit),
      percent: percent.format(state.ratio),
      meter: config.meters[meter].label.toLowerCase(),
      nextLimit: nextLimit === null ? 'unlimited' : number.format(nextLimit),
    });
  }
  if (trigger.kind === 'gate_distinct' || trigger.kind === 'gate_intent') {
    const feature = snapshot.gateHits.at(-1)?.feature ?? '';
    const unlocking = planUnlocking(config, c.plan, feature);
    Object.assign(values, { feature, count: String(features.length), nextPlan: planName(unlocking ?? next) });
  }
  return values;
}

const bySurface = new Map();
if (eligibility.eligible) {
  for (const result of fired) {
    const prompt = result.prompt && config.prompts[result.prompt];
    if (!prompt) continue;
    const current = bySurface.get(prompt.surface);
    if (!current || prompt.priority < current.prompt.priority)
      bySurface.set(prompt.surface, { id: result.prompt, prompt, result });
  }
}
if (bySurface.size === 0) line('  (none: no eligible trigger asks for a prompt)');
for (const [surface, { id, prompt, result }] of bySurface) {
  const trigger = config.triggers.find((t) => t.id === result.id);
  let copy = prompt.copy;
  let variantNote = 'fixed copy';
  if (prompt.experiment) {
    const experiment = { id: prompt.experiment, ...config.experiments[prompt.experiment] };
    const unit = experiment.unit === 'user' ? c.uid : c.sub;
    const assignment = assignVariant(experiment, unit);
    copy = experiment.variants.find((v) => v.id === assignment.variantId)?.copy ?? copy;
    variantNote = `experiment ${experiment.id} → variant "${assignment.variantId}" (bucket ${assignment.bucket}, unit ${experiment.unit} ${unit})`;
  }
  const values = copyValues(trigger);
  line(`  ${surface.padEnd(7)} ${id} (priority ${prompt.priority}, from ${result.id}; ${variantNote})`);
  line(`          title: ${fillCopy(copy.title, values)}`);
  if (copy.body) line(`          body:  ${fillCopy(copy.body, values)}`);
  line(`          cta:   [ ${fillCopy(copy.cta, values)} ]`);
}
const quiet = fired.filter((r) => r.prompt && [...bySurface.values()].every((s) => s.result.id !== r.id));
if (quiet.length > 0)
  line(
    `  (also fired but outranked on their surface: ${quiet.map((r) => `${r.id} → ${r.prompt}`).join(', ')})`,
  );
line(
  `  Fatigue caps: ≤ ${config.fatigue.maxModalsPerDay} modal per day, ≤ ${config.fatigue.maxPromptsPerWeek} prompts per week; a dismissal snoozes ${config.fatigue.snoozeDays} days.`,
);

// ── 5. Upgrade routes ───────────────────────────────────────────────────────────────────
heading('Upgrade routes (ACV, segment, seats come from the signed token, never the browser)');
const requests = [
  { label: `Team, ${c.seats + 2} seats`, input: { plan: 'team', seats: c.seats + 2 } },
  { label: 'Business, 12 seats', input: { plan: 'business', seats: 12 } },
  { label: 'Business, 40 seats', input: { plan: 'business', seats: 40 } },
  { label: 'Business, 60 seats', input: { plan: 'business', seats: 60 } },
  {
    label: 'Business, 12 seats, pays by invoice',
    input: { plan: 'business', seats: 12, needs: ['invoice'] },
  },
  { label: 'Enterprise', input: { plan: 'enterprise' } },
  {
    label: 'Business, 12 seats, as an enterprise account',
    input: { plan: 'business', seats: 12 },
    segment: 'enterprise',
  },
];
const routeName = {
  self_serve: 'self-serve',
  self_serve_with_assist: 'self-serve + assist',
  cs_assist: 'CS handoff',
};
for (const request of requests) {
  if (!config.plans[request.input.plan]) continue;
  const claims = { ...c, segment: request.segment ?? c.segment };
  const decision = decideRoute({ ...request.input, claims, activeSignals: signals }, config);
  const acv = decision.expansionAcv === null ? 'price on request' : `${usd.format(decision.expansionAcv)}/yr`;
  line(
    `  ${request.label.padEnd(44)} +${acv.padEnd(16)} → ${routeName[decision.route].padEnd(19)} (${decision.reasons.join(', ')})`,
  );
  if (decision.route !== 'cs_assist' && config.routing.checkoutUrl) {
    const url = config.routing.checkoutUrl
      .replaceAll('{plan}', encodeURIComponent(request.input.plan))
      .replaceAll('{seats}', String(request.input.seats ?? c.seats))
      .replaceAll('{accountId}', encodeURIComponent(c.sub))
      .replaceAll('{userId}', encodeURIComponent(c.uid));
    line(`  ${''.padEnd(44)}  checkout: ${url}`);
  }
  if (decision.route !== 'self_serve' && config.routing.bookingUrl)
    line(`  ${''.padEnd(44)}  talk to us: ${config.routing.bookingUrl}`);
}
line();
