import {
  type AccountClaims,
  type CopyConfig,
  type HeadroomConfig,
  meterLimit,
  nextPlan,
  planIncludes,
  planUnlocking,
} from '@headroom/core';
import type { ActivePrompt } from '@headroom/sdk';
import { HeadroomProvider, UpgradePrompt } from '@headroom/widgets';
import { createFakeHeadroom } from '@headroom/widgets/testing';
import { useMemo } from 'preact/hooks';

/** Which copy to preview: a prompt's own, or one experiment variant's. */
export interface PreviewSource {
  key: string;
  label: string;
  promptId: string;
  copy: CopyConfig;
}

/**
 * The real `UpgradePrompt` widget rendering the edited copy, driven by an in-memory client with
 * an example account at 85 % of its first metered limit. Shown inline so a modal prompt
 * doesn't take over the editor.
 */
export function CopyPreview({ config, source }: { config: HeadroomConfig; source: PreviewSource }) {
  const client = useMemo(() => {
    const plan = config.upgradePath.find((p) => nextPlan(config, p) !== null) ?? config.upgradePath[0]!;
    const next = nextPlan(config, plan);
    // The meter of the trigger that asks for this prompt (seat copy shows seats), else any metered one.
    const trigger = config.triggers.find((t) => t.prompt === source.promptId);
    const preferred =
      trigger?.kind === 'meter_ratio'
        ? trigger.meters
        : trigger?.kind === 'meter_sustained'
          ? [trigger.meter]
          : [];
    const meter = [...preferred, ...Object.keys(config.meters)].find(
      (m) => (meterLimit(config, plan, m) ?? 0) > 0,
    );
    const limit = meter === undefined ? null : meterLimit(config, plan, meter);
    const used = limit === null ? 0 : Math.round(limit * 0.85);
    const feature =
      Object.values(config.plans)
        .flatMap((p) => p.features)
        .find((f) => f !== '*' && !planIncludes(config, plan, f)) ?? 'sso';
    const prompt: ActivePrompt = {
      id: source.promptId,
      surface: 'inline',
      trigger: {
        id: 'preview',
        kind: 'meter_ratio',
        fired: true,
        reason: 'preview',
        value: 0.85,
        threshold: 0.8,
      },
      copy: source.copy,
      context: {
        ...(meter === undefined ? {} : { meter, used, limit, ratio: 0.85 }),
        plan,
        nextPlan: planUnlocking(config, plan, feature) ?? next,
        nextLimit: meter === undefined || next === null ? null : meterLimit(config, next, meter),
        feature,
        count: 3,
      },
    };
    const account: AccountClaims = {
      sub: 'acct_preview',
      uid: 'user_preview',
      plan,
      acv: 0,
      segment: 'smb',
      seats: 10,
    };
    return createFakeHeadroom({
      config,
      account,
      usage: meter === undefined ? {} : { [meter]: used },
      prompts: { inline: prompt },
    });
  }, [config, source]);
  return (
    <div class="preview" data-testid="copy-preview">
      <HeadroomProvider client={client} locale="en" theme="light" onNavigate={() => {}}>
        <UpgradePrompt surface="inline" />
      </HeadroomProvider>
    </div>
  );
}
