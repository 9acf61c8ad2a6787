import type { VariantAnalysis } from '@headroom/insights';
import { pct } from '../format.ts';

const ROW = 36;
const LEFT = 120;
const WIDTH = 520;
const PLOT = WIDTH - LEFT - 24;

/**
 * Conversion rate per variant with its 95 % Wilson interval as a bar; the control's rate is a
 * dashed reference line. The numbers are also in the table next to it (the chart is `img`).
 */
export function RateChart({ variants, label }: { variants: readonly VariantAnalysis[]; label: string }) {
  const top = Math.max(0.01, ...variants.map((v) => v.rateInterval.upper));
  const max = niceCeil(top);
  const x = (rate: number) => LEFT + (rate / max) * PLOT;
  const height = variants.length * ROW + 30;
  const control = variants.find((v) => v.isControl);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  const summary = variants
    .map(
      (v) => `${v.id} ${pct(v.rate)} (95% CI ${pct(v.rateInterval.lower)} to ${pct(v.rateInterval.upper)})`,
    )
    .join('; ');
  return (
    <svg class="rate-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${label}: ${summary}`}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={4} y2={height - 22} class="grid" />
          <text x={x(t)} y={height - 6} text-anchor="middle" class="tick">
            {pct(t, max < 0.1 ? 1 : 0)}
          </text>
        </g>
      ))}
      {control && (
        <line x1={x(control.rate)} x2={x(control.rate)} y1={4} y2={height - 22} class="reference" />
      )}
      {variants.map((v, i) => {
        const y = 8 + i * ROW + ROW / 2;
        return (
          <g key={v.id} class={v.isControl ? 'variant control' : 'variant'}>
            <text x={LEFT - 8} y={y + 4} text-anchor="end" class="label">
              {v.id}
            </text>
            <rect
              x={x(v.rateInterval.lower)}
              y={y - 6}
              width={Math.max(1, x(v.rateInterval.upper) - x(v.rateInterval.lower))}
              height={12}
              rx={3}
              class="interval"
            />
            <circle cx={x(v.rate)} cy={y} r={5} class="point" />
          </g>
        );
      })}
    </svg>
  );
}

function niceCeil(x: number): number {
  const step = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= x) return Math.min(1, m * step);
  return 1;
}
