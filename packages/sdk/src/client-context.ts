import type { AccountClaims, HeadroomConfig } from '@headroom/core';
import type { Ledger } from './create-ledger.ts';
import type { Reporter } from './create-reporter.ts';
import type { QueuedEvent } from './event-queue.ts';
import type { WritableStore } from './store.ts';

/**
 * What the parts of a client (meters, gates, invites, prompts, experiments, upgrade) share.
 * Internal: its property names are mangled in the build (see `INTERNAL_PROPS` in build.mjs).
 */
export interface ClientContext {
  $config: WritableStore<HeadroomConfig | null>;
  $claims: WritableStore<AccountClaims | null>;
  /** Wall clock, ms since the epoch. */
  clock: () => number;
  /**
   * Queues an event stamped with an id, the time and the account it is tracked under; the
   * event, or undefined when none was queued (stopped, or dropped without consent).
   */
  emit: (type: string, fields: Record<string, unknown>) => QueuedEvent | undefined;
  /** Re-evaluates triggers and prompts, once per burst of changes. */
  schedule: () => void;
  /**
   * A core helper's answer for the account's plan (and its purchased seats) and an id, once
   * config and claims are known.
   */
  forPlan: <T>(
    fn: (config: HeadroomConfig, plan: string, id: string, seats: number) => T,
    id: string,
  ) => T | undefined;
  ledger: Ledger;
  guard: Reporter['guard'];
  drop: Reporter['drop'];
  /**
   * A public method whose first argument must be a name (anything else is dropped and
   * counted under `call`) and that takes at most one more.
   */
  named: (
    call: string,
    fn: (name: string, arg?: unknown) => unknown,
  ) => (name: string, arg?: unknown) => void;
  /** True once the client was shut down. */
  stopped: () => boolean;
}
