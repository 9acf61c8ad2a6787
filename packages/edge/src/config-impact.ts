import { DAY_MS, decideRoute, type HeadroomConfig, nextPlan, type Route } from '@headroom/core';
import { type AccountEvaluation, evaluateAccount, historyDays } from './evaluate-account.ts';
import type { Storage } from './storage/storage.ts';

/** How many accounts would see one prompt under the live config and under the draft. */
export interface PromptImpact {
  promptId: string;
  /** Eligible accounts with at least one fired trigger showing this prompt, live. */
  live: number;
  draft: number;
  /** Accounts that would start seeing it with the draft. */
  newlySee: number;
  /** Accounts that see it now and would stop with the draft. */
  stopSeeing: number;
}

/** The same per trigger (fired on eligible accounts). */
export interface TriggerImpact {
  triggerId: string;
  live: number;
  draft: number;
  newlyFire: number;
  stopFiring: number;
}

/** What a draft config would change for the accounts the edge knows, evaluated now. */
export interface ConfigImpact {
  /** The live version compared against. */
  liveVersion: number;
  evaluatedAt: string;
  /** Accounts evaluated (every account with facts, up to `maxAccounts`). */
  accounts: number;
  /** More accounts exist than were evaluated. */
  truncated: boolean;
  eligible: { live: number; draft: number };
  prompts: PromptImpact[];
  triggers: TriggerImpact[];
  /**
   * Where current PQLs (eligible, ≥ 1 fired trigger) would be routed asking for the next plan
   * on the upgrade path, under each config; `shifts` counts accounts whose route changes.
   */
  routes: {
    pqls: { live: number; draft: number };
    live: Record<Route, number>;
    draft: Record<Route, number>;
    shifts: { from: Route | 'not_pql'; to: Route | 'not_pql'; accounts: number }[];
  };
}

const emptyRoutes = (): Record<Route, number> => ({ self_serve: 0, self_serve_with_assist: 0, cs_assist: 0 });

/** Prompts an evaluation would show: those of fired triggers, when the account is eligible. */
function promptsShown(evaluation: AccountEvaluation): Set<string> {
  const shown = new Set<string>();
  if (!evaluation.state.eligible) return shown;
  for (const result of evaluation.state.results) if (result.fired && result.prompt) shown.add(result.prompt);
  return shown;
}

function firedIds(evaluation: AccountEvaluation): Set<string> {
  return new Set(evaluation.state.eligible ? evaluation.state.fired : []);
}

/** The route a PQL asking for its next plan would get; `not_pql` when it is not one. */
function pqlRoute(evaluation: AccountEvaluation, config: HeadroomConfig, now: number): Route | 'not_pql' {
  const { state, claims } = evaluation;
  if (!state.eligible || state.fired.length === 0) return 'not_pql';
  const plan = state.plan === null ? null : nextPlan(config, state.plan);
  if (plan === null || claims.segment === undefined || claims.acv === undefined || claims.seats === undefined)
    return 'not_pql';
  try {
    return decideRoute(
      {
        plan,
        claims: { acv: claims.acv, segment: claims.segment, seats: claims.seats },
        pqlAgeDays: state.pqlSince === null ? null : (now - state.pqlSince) / DAY_MS,
        activeSignals: state.fired.length,
      },
      config,
    ).route;
  } catch {
    // A plan the config cannot price for these seats: no route to count.
    return 'not_pql';
  }
}

/** Adds one to `counts[key]`. */
const bump = <K extends string>(counts: Record<K, number>, key: K) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Evaluates every account the edge holds facts for under the live config and the draft, with
 * the same `evaluateAccount` the edge runs on ingest, and counts who would newly see or stop
 * seeing each prompt and how current PQLs' routes would shift. Reads the daily aggregates
 * (`account_facts`, `account_days`) and the stored state, never raw events; accounts are read
 * in pages of 200 and evaluated 8 at a time, so memory holds counts, not accounts.
 */
export async function configImpact(
  storage: Storage,
  live: { config: HeadroomConfig; version: number },
  draft: HeadroomConfig,
  now: number,
  maxAccounts = 50_000,
): Promise<ConfigImpact> {
  if (!storage.accountFacts) throw new Error('this storage cannot list accounts (accountFacts)');
  const since = now - Math.max(historyDays(live.config), historyDays(draft)) * DAY_MS;
  const prompts = new Map<string, PromptImpact>();
  const promptOf = (promptId: string) => {
    let row = prompts.get(promptId);
    if (!row) {
      row = { promptId, live: 0, draft: 0, newlySee: 0, stopSeeing: 0 };
      prompts.set(promptId, row);
    }
    return row;
  };
  const triggers = new Map<string, TriggerImpact>();
  const triggerOf = (triggerId: string) => {
    let row = triggers.get(triggerId);
    if (!row) {
      row = { triggerId, live: 0, draft: 0, newlyFire: 0, stopFiring: 0 };
      triggers.set(triggerId, row);
    }
    return row;
  };
  // Every prompt and trigger of either config is listed, also when no account is affected.
  for (const id of new Set([...Object.keys(live.config.prompts), ...Object.keys(draft.prompts)]))
    promptOf(id);
  for (const t of [...live.config.triggers, ...draft.triggers]) triggerOf(t.id);
  const eligible = { live: 0, draft: 0 };
  const routes = { pqls: { live: 0, draft: 0 }, live: emptyRoutes(), draft: emptyRoutes() };
  const shifts = new Map<string, number>();
  let accounts = 0;
  let truncated = false;

  const compare = <T>(
    before: Set<string>,
    after: Set<string>,
    row: (id: string) => T & { live: number; draft: number },
    onNew: (r: T) => void,
    onGone: (r: T) => void,
  ) => {
    for (const id of before) {
      row(id).live++;
      if (!after.has(id)) onGone(row(id));
    }
    for (const id of after) {
      row(id).draft++;
      if (!before.has(id)) onNew(row(id));
    }
  };

  let after = '';
  for (;;) {
    const page = await storage.accountFacts(after, 200);
    if (page.length === 0) break;
    after = page[page.length - 1]!.accountId;
    let rows = page;
    if (accounts + rows.length > maxAccounts) {
      rows = rows.slice(0, maxAccounts - accounts);
      truncated = true;
    }
    for (let i = 0; i < rows.length; i += 8) {
      await Promise.all(
        rows.slice(i, i + 8).map(async ({ accountId }) => {
          const [inputs, previous] = await Promise.all([
            storage.accountInputs(accountId, since),
            storage.accountState(accountId),
          ]);
          const before = evaluateAccount(accountId, live.config, live.version, inputs, previous, now);
          const next = evaluateAccount(accountId, draft, live.version + 1, inputs, previous, now);
          if (before.state.eligible) eligible.live++;
          if (next.state.eligible) eligible.draft++;
          compare(
            promptsShown(before),
            promptsShown(next),
            promptOf,
            (r) => r.newlySee++,
            (r) => r.stopSeeing++,
          );
          compare(
            firedIds(before),
            firedIds(next),
            triggerOf,
            (r) => r.newlyFire++,
            (r) => r.stopFiring++,
          );
          const from = pqlRoute(before, live.config, now);
          const to = pqlRoute(next, draft, now);
          if (from !== 'not_pql') {
            routes.pqls.live++;
            bump(routes.live, from);
          }
          if (to !== 'not_pql') {
            routes.pqls.draft++;
            bump(routes.draft, to);
          }
          if (from !== to) shifts.set(`${from}>${to}`, (shifts.get(`${from}>${to}`) ?? 0) + 1);
        }),
      );
    }
    accounts += rows.length;
    if (truncated || page.length < 200) break;
  }
  return {
    liveVersion: live.version,
    evaluatedAt: new Date(now).toISOString(),
    accounts,
    truncated,
    eligible,
    prompts: [...prompts.values()],
    triggers: [...triggers.values()],
    routes: {
      ...routes,
      shifts: [...shifts]
        .map(([key, count]) => {
          const [from, to] = key.split('>') as [Route | 'not_pql', Route | 'not_pql'];
          return { from, to, accounts: count };
        })
        .sort((a, b) => b.accounts - a.accounts),
    },
  };
}
