import {
  type AccountClaims,
  assignVariant,
  DAY_MS,
  epochDay,
  type HeadroomConfig,
  isEligible,
  meterLimit,
  type PromptConfig,
  planIncludes,
  type Surface,
  type TriggerResult,
} from '@headroom/core';
import type { Ledger } from './create-ledger.ts';
import { unitOf } from './experiments.ts';
import {
  GATE_HIT,
  type MarkKind,
  NUDGE_SHOWN,
  PROMPT_CLICKED,
  PROMPT_DISMISSED,
  PROMPT_SHOWN,
} from './ledger-kinds.ts';
import type { ActivePrompt, PromptContext } from './types.ts';

export interface PromptInputs {
  config: HeadroomConfig;
  claims: AccountClaims;
  triggers: readonly TriggerResult[];
  /** Current usage per meter. */
  meters: Readonly<Record<string, number>>;
  /** The account's gated-feature hits per epoch day (all users), for tier prompts. */
  gateHits?: ReadonlyArray<{ day: number; feature: string }> | undefined;
  ledger: Pick<Ledger, 'list' | 'countOf'>;
  /**
   * The prompt each surface of this page shows now. It keeps its place after a click (the card
   * shows the upgrade's outcome); a modal seen on another page in the last 24 h stays closed.
   */
  onPage?: ReadonlyMap<Surface, { get(): { id: string } | null }>;
  now: number;
}

/** Whether a prompt (or nudge) is snoozed by its last dismissal or retired by repeated ones. */
export function dismissedOut(
  config: HeadroomConfig,
  ledger: Pick<Ledger, 'countOf'>,
  kind: MarkKind,
  key: string,
  now: number,
): boolean {
  const { fatigue } = config;
  return (
    ledger.countOf(kind, key, now - fatigue.snoozeDays * DAY_MS) > 0 ||
    ledger.countOf(kind, key, now - fatigue.retireDays * DAY_MS) >= fatigue.retireAfterDismissals
  );
}

/** Prompts and invite nudges counted against the weekly cap. */
export function shownThisWeek(ledger: Pick<Ledger, 'countOf'>, now: number): number {
  return (
    ledger.countOf(PROMPT_SHOWN, undefined, now - 7 * DAY_MS) +
    ledger.countOf(NUDGE_SHOWN, undefined, now - 7 * DAY_MS)
  );
}

/**
 * Decides which prompt each surface shows now: the account must be eligible; each fired
 * trigger asks for its prompt; snoozed (dismissed, or its CTA clicked) and retired prompts drop
 * out; then, lowest priority first, a prompt already on screen in the last 24 h keeps its
 * place while a new one needs room under the weekly and daily-modal caps; a modal keeps its
 * place only on the page it opened on. At most one prompt per surface.
 *
 * Pure: computing a prompt logs nothing. The exposure is logged by `prompts.shown()`, and a
 * capped prompt is never returned, so caps cannot log (or bias) an exposure.
 */
export function selectPrompts(input: PromptInputs): Partial<Record<Surface, ActivePrompt>> {
  const { config, claims, ledger, now } = input;
  const { fatigue } = config;
  /**
   * The raw values the prompt's copy is filled with, from the trigger that fired. `nextPlan` is
   * the plan the CTA upgrades to, so it must deliver what the copy promises: the prompt's own
   * `plan` when configured; for a meter trigger, the first plan with more room for that meter;
   * for a gate trigger, the plan that unlocks the shown feature; otherwise the next plan.
   */
  const context = (trigger: TriggerResult): PromptContext => {
    const path = config.upgradePath;
    const current = path.indexOf(claims.plan);
    // The plans above the current one (an unknown plan has none).
    const higher = current < 0 ? [] : path.slice(current + 1);
    const explicit = config.prompts[trigger.prompt as string]?.plan;
    // The first plan above the current one that passes `test`.
    const above = (test: (plan: string) => boolean) => explicit ?? higher.find(test) ?? null;
    const ctx: PromptContext = {
      plan: claims.plan,
      nextPlan: above(() => true),
      feature: ledger.list(GATE_HIT).pop()?.[2],
    };
    // The rule's fields whatever its kind: a meter_ratio has `meters`, a meter_sustained or an
    // invites_sent `meter`.
    const rule: { kind?: string; meters?: string[]; meter?: string; withinDays?: number } = Object(
      config.triggers.find((t) => t.id === trigger.id),
    );
    const { kind } = rule;
    let best = -1;
    // An `invites_sent` rule may name the meter its copy talks about ("{used} of {limit} seats").
    for (const meter of rule.meter ? [rule.meter] : (rule.meters ?? [])) {
      const limit = meterLimit(config, claims.plan, meter, claims.seats);
      const used = input.meters[meter] ?? 0;
      const ratio = limit === null ? 0 : limit > 0 ? used / limit : 1;
      if (ratio > best) {
        best = ratio;
        // The first plan with more room (unlimited counts as more).
        const next =
          (limit !== null && above((p) => (meterLimit(config, p, meter) ?? Infinity) > limit)) ||
          ctx.nextPlan;
        ctx.meter = meter;
        ctx.used = used;
        ctx.limit = limit;
        ctx.ratio = ratio;
        ctx.nextPlan = next;
        // Plan names are never empty, so this is null or the next plan's limit.
        ctx.nextLimit = (next && meterLimit(config, next, meter)) as number | null;
      }
    }
    if (kind === 'gate_distinct' || kind === 'gate_intent') {
      // Of the features hit in the trigger's window (this user's, newest first, then the whole
      // account's), show the one the lowest plan unlocks: that upgrade is the cheapest true
      // promise, and a tie keeps the feature the user reached for last. Features the plan
      // already has, or no plan unlocks, are skipped; if none is left the defaults above stay.
      const start = epochDay(now) - (rule.withinDays as number); // the window core counts: (start, today]
      let rank = path.length;
      for (const feature of [
        ...ledger
          .list(GATE_HIT, (start + 1) * DAY_MS)
          .map((m) => m[2])
          .reverse(),
        ...(input.gateHits ?? []).filter((h) => h.day > start).map((h) => h.feature),
      ]) {
        const plan = planIncludes(config, claims.plan, feature)
          ? null
          : above((p) => planIncludes(config, p, feature));
        if (plan !== null && path.indexOf(plan) < rank) {
          rank = path.indexOf(plan);
          ctx.feature = feature;
          ctx.nextPlan = plan;
        }
      }
    }
    if (kind === 'gate_distinct' || kind === 'invites_sent') ctx.count = trigger.value;
    return ctx;
  };
  const out: Partial<Record<Surface, ActivePrompt>> = {};
  if (!isEligible(claims, config, now)) return out;
  const shownToday = ledger.list(PROMPT_SHOWN, now - DAY_MS);
  const onScreen = new Set(shownToday.map((m) => m[2]));
  let room = fatigue.maxPromptsPerWeek - shownThisWeek(ledger, now);
  let modals = fatigue.maxModalsPerDay - shownToday.filter((m) => m[3] === 1).length;
  const promptOf = (t: TriggerResult) => config.prompts[t.prompt as string] as PromptConfig;
  for (const trigger of input.triggers
    .filter((t) => t.fired && t.prompt !== undefined && promptOf(t) !== undefined)
    .sort((a, b) => promptOf(a).priority - promptOf(b).priority)) {
    const id = trigger.prompt as string;
    const prompt = promptOf(trigger);
    const surface = prompt.surface;
    // A prompt lives on one surface, so a taken surface also covers two triggers asking for it.
    if (out[surface]) continue;
    const here = input.onPage?.get(surface)?.get()?.id === id;
    if (
      dismissedOut(config, ledger, PROMPT_DISMISSED, id, now) ||
      (!here &&
        ledger.countOf(
          PROMPT_CLICKED,
          id,
          now - (fatigue.snoozeAfterClickDays ?? fatigue.snoozeDays) * DAY_MS,
        ))
    )
      continue;
    if (!onScreen.has(id) || (surface === 'modal' && !here)) {
      if (room <= 0 || (surface === 'modal' && modals <= 0)) continue;
      room--;
      if (surface === 'modal') modals--;
    }
    const active: ActivePrompt = {
      id,
      surface,
      trigger,
      copy: prompt.copy ?? { title: '', cta: '' },
      context: context(trigger),
    };
    const experimentId = prompt.experiment;
    const experiment = experimentId && config.experiments[experimentId];
    if (experiment) {
      const assignment = assignVariant({ ...experiment, id: experimentId }, unitOf(experiment, claims));
      const variant = experiment.variants.find((v) => v.id === assignment.variantId);
      if (variant) {
        active.copy = variant.copy;
        active.experiment = assignment;
      }
    }
    out[surface] = active;
  }
  return out;
}
