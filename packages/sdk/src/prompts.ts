import { type Assignment, DAY_MS, type Surface } from '@headroom/core';
import type { ClientContext } from './client-context.ts';
import { PROMPT_CLICKED, PROMPT_DISMISSED, PROMPT_SHOWN } from './ledger-kinds.ts';
import { type ReadableStore, store } from './store.ts';
import type { ActivePrompt, Headroom } from './types.ts';

/**
 * The prompt each surface shows (set by the client's evaluation) and the methods the host or
 * the widgets call about a prompt on screen; an id of no prompt on screen is dropped and counted.
 */
export function createPrompts(
  client: ClientContext,
  expose: (assignment: Assignment) => void,
  none: ReadableStore<null>,
) {
  const { guard, drop, ledger, clock } = client;
  const surfaces = new Map(
    (['banner', 'modal', 'inline', 'toast'] as const).map((surface) => [
      surface,
      store<ActivePrompt | null>(null),
    ]),
  );
  const active = (id: string | undefined) => {
    for (const $ of surfaces.values()) if ($.get()?.id === id) return $.get();
    return undefined;
  };
  const onPrompt = (call: string, fn: (p: ActivePrompt) => void) =>
    guard((id: string) => {
      const p = active(id);
      if (!p) return drop(call);
      fn(p);
    });
  const promptEvent = (type: string, { id, surface, trigger, experiment }: ActivePrompt) => {
    client.emit(type, {
      promptId: id,
      surface,
      triggerId: trigger.id,
      ...(experiment?.enrolled && { experimentId: experiment.experimentId, variantId: experiment.variantId }),
    });
  };
  const api: Headroom['prompts'] = {
    current: guard((surface: Surface) => surfaces.get(surface) ?? none, none),
    shown: onPrompt('prompts.shown', (p) => {
      // Counted once per prompt per 24 h, however often the widget re-renders.
      if (!ledger.once(PROMPT_SHOWN, p.id, clock() - DAY_MS, p.surface === 'modal' ? 1 : 0)) return;
      promptEvent('prompt_shown', p);
      if (p.experiment) expose(p.experiment);
    }),
    dismiss: onPrompt('prompts.dismiss', (p) => {
      ledger.mark(PROMPT_DISMISSED, p.id);
      promptEvent('prompt_dismissed', p);
    }),
    // A click snoozes the prompt like a dismissal, from the next page on and in other tabs:
    // here it stays, so the card can show the upgrade's outcome.
    clicked: onPrompt('prompts.clicked', (p) => {
      ledger.mark(PROMPT_CLICKED, p.id);
      promptEvent('prompt_clicked', p);
    }),
  };
  return {
    surfaces,
    api,
    /** An upgrade from a prompt the host did not report clicked (in the last minute) logs the click first. */
    clickBeforeUpgrade: (source: string | undefined) => {
      const prompt = active(source);
      if (prompt && ledger.once(PROMPT_CLICKED, prompt.id, clock() - 60_000))
        promptEvent('prompt_clicked', prompt);
    },
  };
}
