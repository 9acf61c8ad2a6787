/**
 * The Theil–Sen estimate of a trend: the median of the slopes between every pair of points
 * with different x. Robust: up to ~29 % of the points can be outliers (a one-day import, a
 * cleanup) without moving it much, unlike a least-squares fit. NaN with fewer than two
 * distinct x. O(n²) pairs, so callers pass a bounded window (a few weeks of daily points).
 */
export function theilSenSlope(points: ReadonlyArray<readonly [x: number, y: number]>): number {
  // A typed array sorts numerically without a comparator: several times faster than
  // Array#sort((a, b) => a - b) on the few hundred slopes of a month of days.
  const slopes = new Float64Array((points.length * (points.length - 1)) / 2);
  let count = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i] as readonly [number, number];
    for (let j = i + 1; j < points.length; j++) {
      const [x2, y2] = points[j] as readonly [number, number];
      if (x1 !== x2) slopes[count++] = (y2 - y1) / (x2 - x1);
    }
  }
  if (count === 0) return Number.NaN;
  const sorted = slopes.subarray(0, count).sort();
  const middle = count >> 1;
  return count % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
