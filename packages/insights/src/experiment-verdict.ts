import type {
  Comparison,
  InferenceMethod,
  PlanProgress,
  VariantAnalysis,
  Verdict,
  VerdictThresholds,
} from './analyze-experiment.ts';
import type { SampleRatioMismatch } from './stats/sample-ratio-mismatch.ts';

/** What the verdict is decided from. */
export interface VerdictInput {
  variants: readonly VariantAnalysis[];
  srm: SampleRatioMismatch;
  limits: VerdictThresholds;
  method: InferenceMethod;
  /** 1 − alpha / comparisons: the level of every decision interval. */
  decisionLevel: number;
  comparisons: number;
  plan: PlanProgress | null;
}

const percent = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts`;
const formatP = (p: number) => (p < 0.0001 ? '< 0.0001' : p.toFixed(4));

/** "95% always-valid CI" or "98.3% CI, adjusted for 3 comparisons": the interval's own name. */
function intervalName({ method, decisionLevel, comparisons }: VerdictInput): string {
  const level = `${Number((decisionLevel * 100).toFixed(1))}%`;
  const kind = method === 'sequential' ? 'always-valid CI' : 'CI';
  return comparisons > 1 ? `${level} ${kind}, adjusted for ${comparisons} comparisons` : `${level} ${kind}`;
}

function describeLift(vs: Comparison, input: VerdictInput): string {
  const i = vs.decisionInterval;
  return `${points(vs.absoluteLift)}, ${intervalName(input)} ${points(i.lower)} to ${points(i.upper)}`;
}

/** The caveat a fixed-horizon read carries until the plan is reached. */
function provisionalNote({ plan }: VerdictInput): string {
  if (plan === null)
    return ' Provisional: a fixed-horizon read is only valid once, at a sample size planned in advance, and none was given — plan one (headroom plan) or use the sequential verdict.';
  return ` Provisional: fixed-horizon read at ${Math.round(plan.progress * 100)}% of the planned ${plan.exposuresPerVariant.toLocaleString('en-US')} exposures per variant; it may still change.`;
}

/**
 * The plain-language verdict: SRM first, then minimum data, then the decision intervals. The
 * message always quotes the interval the decision was made from, at its adjusted level.
 */
export function experimentVerdict(input: VerdictInput): Verdict {
  const { variants, srm, limits, method, plan } = input;
  const provisional = method === 'fixed_horizon' && !(plan?.reached ?? false);
  const verdict = (kind: Verdict['kind'], winner: string | null, message: string): Verdict => ({
    kind,
    winner,
    message: provisional && kind !== 'sample_ratio_mismatch' ? message + provisionalNote(input) : message,
    provisional,
  });
  if (variants.length < 2) {
    return verdict('insufficient_data', null, 'An experiment needs at least two live variants.');
  }
  if (srm.mismatch) {
    const split = variants.map(
      (v, i) => `${v.id} ${v.exposures} (expected ${Math.round(srm.expected[i] ?? 0)})`,
    );
    return verdict(
      'sample_ratio_mismatch',
      null,
      `Sample ratio mismatch: ${split.join(', ')}, p = ${formatP(srm.pValue)}. Assignment or exposure logging is broken; fix it before reading these results.`,
    );
  }
  const short = variants.filter(
    (v) => v.exposures < limits.minExposures || v.conversions < limits.minConversions,
  );
  if (short.length > 0) {
    const list = short.map((v) => `${v.id} has ${v.exposures} exposures and ${v.conversions} conversions`);
    return verdict(
      'insufficient_data',
      null,
      `Too little data to call it: ${list.join('; ')}. Keep it running until every variant has at least ${limits.minExposures} exposures and ${limits.minConversions} conversions.`,
    );
  }
  const compared = variants.filter((v) => v.vsControl !== null) as Array<
    VariantAnalysis & { vsControl: Comparison }
  >;
  const control = variants.find((v) => v.isControl)!;
  const better = compared.filter((v) => v.vsControl.significant && v.vsControl.absoluteLift > 0);
  const anytime =
    method === 'sequential'
      ? ' This interval holds however often you look, so it is safe to act on now.'
      : '';
  if (better.length > 0) {
    const best = better.reduce((a, b) => (b.rate > a.rate ? b : a));
    return verdict(
      'winner',
      best.id,
      `${best.id} wins: ${percent(best.rate)} vs ${percent(control.rate)} for ${control.id} (${describeLift(best.vsControl, input)}).${anytime}`,
    );
  }
  if (compared.length > 0 && compared.every((v) => v.vsControl.significant && v.vsControl.absoluteLift < 0)) {
    const list = compared.map((v) => `${v.id} ${percent(v.rate)}: ${describeLift(v.vsControl, input)}`);
    return verdict(
      'control_better',
      control.id,
      `Keep ${control.id}: every variant converts significantly worse than its ${percent(control.rate)} (${list.join('; ')}).${anytime}`,
    );
  }
  // The closest call: the comparison whose decision interval comes nearest to excluding 0.
  const margin = (v: { vsControl: Comparison }) => {
    const i = v.vsControl.decisionInterval;
    return Math.max(i.lower, -i.upper);
  };
  const closest = compared.reduce((a, b) => (margin(b) > margin(a) ? b : a));
  const keepGoing =
    method === 'sequential' ? ' Keep it running; reading it daily does not raise the false-call rate.' : '';
  return verdict(
    'no_significant_difference',
    null,
    `No significant difference yet (${closest.id} vs ${control.id}: ${describeLift(closest.vsControl, input)}).${keepGoing}`,
  );
}
