/**
 * The kinds of facts the ledger remembers, each with what its key holds. On disk a kind is
 * one letter, the format every stored ledger and open tab already uses, so naming them here
 * changes nothing in storage and needs no migration. (`p`, daily meter peaks, is retired: the
 * edge holds the account's peaks; marks already stored age out with the 400-day window.)
 */
/** A gated feature the user reached for (key: feature). */
export const GATE_HIT = 'g';
/** An invite the user sent (key: invite id). */
export const INVITE_SENT = 'i';
/** A prompt shown, counted once per 24 h (key: prompt id; value 1 for a modal). */
export const PROMPT_SHOWN = 's';
/** A prompt dismissed (key: prompt id). */
export const PROMPT_DISMISSED = 'd';
/** A prompt's CTA clicked (key: prompt id). */
export const PROMPT_CLICKED = 'c';
/** An invite nudge shown (key: context). */
export const NUDGE_SHOWN = 'n';
/** An invite nudge dismissed (key: context). */
export const NUDGE_DISMISSED = 'm';
/** An experiment exposure logged (key: `experiment|unit`). */
export const EXPOSURE_LOGGED = 'x';
/** A trigger's `trigger_fired` logged for a day (key: trigger id). */
export const TRIGGER_LOGGED = 't';

export type MarkKind =
  | typeof GATE_HIT
  | typeof INVITE_SENT
  | typeof PROMPT_SHOWN
  | typeof PROMPT_DISMISSED
  | typeof PROMPT_CLICKED
  | typeof NUDGE_SHOWN
  | typeof NUDGE_DISMISSED
  | typeof EXPOSURE_LOGGED
  | typeof TRIGGER_LOGGED;
