/**
 * The Theil–Sen estimate of a trend: the median of the slopes between every pair of points
 * with different x. Robust: up to ~29 % of the points can be outliers (a one-day import, a
 * cleanup) without moving it much, unlike a least-squares fit. NaN with fewer than two
 * distinct x. O(n²) pairs, so callers pass a bounded window (a few weeks of daily points).
 */
export function theilSenSlope(points: ReadonlyArray<readonly [x: number, y: number]>): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i] as readonly [number, number];
    for (let j = i + 1; j < points.length; j++) {
      const [x2, y2] = points[j] as readonly [number, number];
      if (x1 !== x2) slopes.push((y2 - y1) / (x2 - x1));
    }
  }
  if (slopes.length === 0) return Number.NaN;
  slopes.sort((a, b) => a - b);
  const middle = slopes.length >> 1;
  return slopes.length % 2 === 1
    ? (slopes[middle] as number)
    : ((slopes[middle - 1] as number) + (slopes[middle] as number)) / 2;
}
