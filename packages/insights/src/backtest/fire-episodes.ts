import type { AccountState } from './account-state.ts';

/** How the backtest cuts one account's fires of one trigger into episodes and judges them. */
export interface EpisodeRules {
  /** Whole days without a fire that end an episode. */
  quietDays: number;
  outcomeMs: number;
}

/** Per trigger: episodes an expansion followed, and the start of every other one. */
export interface EpisodeTally {
  converted: number[];
  /** Judged false positive or censored once the end of the data is known. */
  unconvertedStarts: number[][];
}

export function createEpisodeTally(triggers: number): EpisodeTally {
  return {
    converted: new Array<number>(triggers).fill(0),
    unconvertedStarts: Array.from({ length: triggers }, () => []),
  };
}

/**
 * Records an eligible fire of trigger `index` at `fireTs` (on `day`). It starts a new episode
 * when none has started yet or when at least `quietDays` whole days without a fire came before
 * it; otherwise it belongs to the open episode (an expansion does not end it: fires that go on
 * for a while after an upgrade are the tail of the signal that preceded it, not a new one). A new episode is judged at once (the
 * expansions are known up front): converted when the account expanded within `outcomeMs` of it.
 */
export function recordFire(
  state: AccountState,
  index: number,
  fireTs: number,
  day: number,
  expansions: readonly { ts: number }[],
  rules: EpisodeRules,
  tally: EpisodeTally,
): void {
  const start = state.episodeStart[index]!;
  const quiet = day - state.lastFireDay[index]! - 1;
  state.lastFireDay[index] = day;
  if (!Number.isNaN(start) && quiet < rules.quietDays) return;
  state.episodeStart[index] = fireTs;
  if (expansions.some((e) => e.ts >= fireTs && e.ts - fireTs <= rules.outcomeMs)) tally.converted[index]!++;
  else tally.unconvertedStarts[index]!.push(fireTs);
}
