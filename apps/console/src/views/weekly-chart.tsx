import { pct } from '../format.ts';

const WIDTH = 640;
const HEIGHT = 180;
const LEFT = 44;
const BOTTOM = 28;

/**
 * One value per week as bars (e.g. PQLs or expansion ARR); weeks whose value is unknown are
 * left empty. The numbers are in the weekly table beside it (the chart is `img`).
 */
export function WeeklyChart({
  weeks,
  label,
  format = (x: number) => String(Math.round(x)),
}: {
  weeks: readonly { week: string; value: number | null }[];
  label: string;
  format?: (x: number) => string;
}) {
  const max = Math.max(1e-9, ...weeks.map((w) => w.value ?? 0));
  const step = (WIDTH - LEFT - 8) / Math.max(1, weeks.length);
  const y = (v: number) => HEIGHT - BOTTOM - (v / max) * (HEIGHT - BOTTOM - 12);
  const summary = weeks.map((w) => `${w.week} ${w.value === null ? 'unknown' : format(w.value)}`).join('; ');
  return (
    <svg
      class="weekly-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`${label}: ${summary}`}
    >
      <line x1={LEFT} x2={WIDTH - 8} y1={y(0)} y2={y(0)} class="grid" />
      <text x={LEFT - 6} y={y(max) + 4} text-anchor="end" class="tick">
        {format(max)}
      </text>
      <text x={LEFT - 6} y={y(0) + 4} text-anchor="end" class="tick">
        {format(0)}
      </text>
      {weeks.map((w, i) =>
        w.value === null ? null : (
          <rect
            key={w.week}
            x={LEFT + i * step + 1}
            y={y(w.value)}
            width={Math.max(1, step - 2)}
            height={Math.max(0, y(0) - y(w.value))}
            class="bar-value"
          />
        ),
      )}
      {weeks.length > 0 && (
        <>
          <text x={LEFT} y={HEIGHT - 8} class="tick">
            {weeks[0]?.week}
          </text>
          <text x={WIDTH - 8} y={HEIGHT - 8} text-anchor="end" class="tick">
            {weeks[weeks.length - 1]?.week}
          </text>
        </>
      )}
    </svg>
  );
}

/** A share for the chart's ticks. */
export const sharePct = (x: number) => pct(x, 0);
