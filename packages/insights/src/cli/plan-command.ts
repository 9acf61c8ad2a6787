import { planSampleSize, type SampleSizeInput } from '../stats/plan-sample-size.ts';

export interface PlanCommandOptions extends SampleSizeInput {
  json: boolean;
  out: (text: string) => void;
}

/** `headroom plan`: exposures (and days, given traffic) a fixed-horizon read needs. */
export function planCommand(options: PlanCommandOptions): void {
  const { json, out, ...input } = options;
  const plan = planSampleSize(input);
  if (json) {
    out(`${JSON.stringify({ input, plan }, null, 2)}\n`);
    return;
  }
  const p = (x: number) => `${Number((x * 100).toFixed(2))}%`;
  const lines = [
    `Baseline ${p(input.baselineRate)}, smallest lift worth detecting ${input.minimumDetectableEffect >= 0 ? '+' : ''}${Number((input.minimumDetectableEffect * 100).toFixed(2))} pts, power ${p(input.power ?? 0.8)}, α ${input.alpha ?? 0.05}${plan.alphaPerComparison !== (input.alpha ?? 0.05) ? ` (${plan.alphaPerComparison.toPrecision(3)} per comparison)` : ''}`,
    `Exposures per variant: ${plan.exposuresPerVariant.toLocaleString('en-US')} (${plan.totalExposures.toLocaleString('en-US')} in all)`,
    plan.days === null
      ? 'Days: pass --daily-exposures to convert'
      : `Days at ${input.dailyExposures} exposures a day: ${plan.days}`,
    `Read the fixed-horizon result once, at this size: headroom report --method fixed-horizon --planned-exposures ${plan.exposuresPerVariant}. The default sequential verdict needs no plan and may be read any day.`,
  ];
  out(`${lines.join('\n')}\n`);
}
