// The config the scale benchmark loads and serves: the acme example plus two experiments, so
// the Experiments report covers three (one with unit 'user', one with a custom server goal).
import { readFileSync } from 'node:fs';

/** The acme config with `seat_copy` (unit user) and `onboarding_nudge` (goal `report_exported`). */
export function benchConfig() {
  const config = JSON.parse(
    readFileSync(new URL('../../../packages/core/examples/acme.config.json', import.meta.url), 'utf8'),
  );
  const copy = (title) => ({ title, body: 'More room for your team.', cta: 'Upgrade' });
  config.experiments.seat_copy = {
    unit: 'user',
    goal: 'upgrade_completed',
    variants: [
      { id: 'control', weight: 50, copy: copy('{used} of {limit} seats taken') },
      { id: 'social', weight: 50, copy: copy('Teams like yours add seats') },
    ],
  };
  config.experiments.onboarding_nudge = {
    unit: 'account',
    goal: 'report_exported',
    conversionWindowDays: 14,
    variants: [
      { id: 'control', weight: 34, copy: copy('Export your first report') },
      { id: 'checklist', weight: 33, copy: copy('Three steps to your first report') },
      { id: 'video', weight: 33, copy: copy('Watch: your first report') },
    ],
  };
  return config;
}
