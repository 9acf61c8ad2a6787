/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
import type { Surface } from '@headroom/core';
import type { ActivePrompt } from '@headroom/sdk';
import { copyValues } from './copy-values.ts';
import { useHeadroom } from './headroom-context.ts';
import { interpolate } from './interpolate.ts';
import { ModalDialog } from './modal-dialog.tsx';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { Fragment, h, useId, useMemo, useState } from './peers.ts';
import { UpgradeOutcome } from './upgrade-outcome.tsx';
import { useShown } from './use-shown.ts';
import { useStore } from './use-store.ts';
import { useUpgradeFlow } from './use-upgrade-flow.ts';
import { withBoundary } from './widget-boundary.tsx';
import { WidgetRoot } from './widget-root.tsx';

export interface UpgradePromptProps {
  /** Which surface this slot is: the SDK decides which prompt, if any, shows on it. */
  surface: Surface;
}

function PromptCard({ prompt, onClose }: { prompt: ActivePrompt; onClose: () => void }) {
  const { client, fmt, messages: m } = useHeadroom();
  const config = useStore(client.config.$);
  const flow = useUpgradeFlow(prompt.id);
  const titleId = useId();
  const bodyId = useId();
  useShown(() => client.prompts.shown(prompt.id), prompt.id);
  const values = copyValues(prompt.context, config, fmt, m.unlimited);
  const { surface, copy } = prompt;
  const next = prompt.context.nextPlan;
  const dismiss = () => {
    client.prompts.dismiss(prompt.id);
    onClose();
  };
  const card = (
    <>
      <div class="hr-text">
        <h2 id={titleId} part="title">
          {interpolate(copy.title, values)}
        </h2>
        {copy.body !== undefined && (
          <p id={bodyId} part="body">
            {interpolate(copy.body, values)}
          </p>
        )}
        <UpgradeOutcome flow={flow} />
      </div>
      <div class="hr-row">
        {next !== null && flow.step === 'idle' && (
          <button
            type="button"
            part="cta"
            onClick={() => {
              client.prompts.clicked(prompt.id);
              flow.start(next);
            }}
          >
            {interpolate(copy.cta, values)}
          </button>
        )}
        <button type="button" part="dismiss" onClick={dismiss}>
          {copy.dismiss === undefined ? m.dismiss : interpolate(copy.dismiss, values)}
        </button>
      </div>
    </>
  );
  const modal = surface === 'modal';
  return (
    <WidgetRoot class={`hr hr-prompt hr-${surface}`} data-surface={modal ? undefined : surface}>
      {modal ? (
        <ModalDialog
          labelledBy={titleId}
          describedBy={copy.body === undefined ? undefined : bodyId}
          onClose={dismiss}
        >
          {card}
        </ModalDialog>
      ) : (
        <section part="card" aria-labelledby={titleId} role={surface === 'toast' ? 'status' : undefined}>
          {card}
        </section>
      )}
    </WidgetRoot>
  );
}

function UpgradePromptView({ surface }: UpgradePromptProps) {
  const { client } = useHeadroom();
  const store = useMemo(() => client.prompts.current(surface), [client, surface]);
  const prompt = useStore(store);
  // Hide a dismissed prompt at once, even before the orchestrator publishes the next one. It
  // is remembered by identity, not id: when the same prompt comes back after its snooze, the
  // SDK publishes a new object and this slot shows it again without a remount.
  const [closed, setClosed] = useState<ActivePrompt | null>(null);
  if (prompt === null || prompt === closed) return null;
  return <PromptCard key={prompt.id} prompt={prompt} onClose={() => setClosed(prompt)} />;
}

/**
 * The upgrade prompt the SDK picked for a surface (banner, modal, inline or toast), with
 * copy from the config or the experiment variant; the CTA routes the upgrade.
 * @example <UpgradePrompt surface="banner" />
 */
export const UpgradePrompt = withBoundary('UpgradePrompt', UpgradePromptView);
