import { planSampleSize } from '@headroom/insights';
import { useState } from 'preact/hooks';

function plan(baseline: string, mde: string, power: string, variants: string, daily: string) {
  try {
    const dailyExposures = Number(daily);
    return planSampleSize({
      baselineRate: Number(baseline) / 100,
      minimumDetectableEffect: Number(mde) / 100,
      power: Number(power) / 100,
      variants: Number(variants),
      ...(daily !== '' && dailyExposures > 0 ? { dailyExposures } : {}),
    });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Sample-size calculator for a fixed-horizon read: baseline, smallest lift, power → exposures and days. */
export function SampleSizePlanner() {
  const [baseline, setBaseline] = useState('5');
  const [mde, setMde] = useState('1');
  const [power, setPower] = useState('80');
  const [variants, setVariants] = useState('2');
  const [daily, setDaily] = useState('');
  const result = plan(baseline, mde, power, variants, daily);
  const field = (label: string, value: string, set: (v: string) => void) => (
    <label>
      {label} <input type="number" step="any" value={value} onInput={(e) => set(e.currentTarget.value)} />
    </label>
  );
  return (
    <article class="card" aria-labelledby="planner-heading">
      <h3 id="planner-heading">Plan a fixed-horizon read</h3>
      <div class="planner-fields">
        {field('Baseline conversion (%)', baseline, setBaseline)}
        {field('Smallest lift worth detecting (pts)', mde, setMde)}
        {field('Power (%)', power, setPower)}
        {field('Variants, including control', variants, setVariants)}
        {field('Exposures per day (all variants)', daily, setDaily)}
      </div>
      <p aria-live="polite">
        {result instanceof Error
          ? result.message
          : `${result.exposuresPerVariant.toLocaleString('en-US')} exposures per variant (${result.totalExposures.toLocaleString('en-US')} in all)${result.days === null ? '' : `, about ${result.days} days at this traffic`}, at α ${result.alphaPerComparison.toPrecision(2)} per comparison. Enter it above as the planned exposures, and read the fixed-horizon verdict once it is reached.`}
      </p>
    </article>
  );
}
