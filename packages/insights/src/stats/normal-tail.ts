/**
 * Upper tail of the standard normal, P(Z > |z|) — computed directly (never as 1 − Φ) so small
 * p-values keep their precision. Hart (1968) double-precision algorithm as given by
 * G. West, "Better approximations to cumulative normal functions" (2005); |error| < 1e-14.
 */
export function normalTail(z: number): number {
  const x = Math.abs(z);
  if (Number.isNaN(x)) return Number.NaN;
  if (x > 37) return 0;
  const e = Math.exp((-x * x) / 2);
  if (x < 7.07106781186547) {
    let n = 3.52624965998911e-2 * x + 0.700383064443688;
    n = n * x + 6.37396220353165;
    n = n * x + 33.912866078383;
    n = n * x + 112.079291497871;
    n = n * x + 221.213596169931;
    n = n * x + 220.206867912376;
    let d = 8.83883476483184e-2 * x + 1.75566716318264;
    d = d * x + 16.064177579207;
    d = d * x + 86.7807322029461;
    d = d * x + 296.564248779674;
    d = d * x + 637.333633378831;
    d = d * x + 793.826512519948;
    d = d * x + 440.413735824752;
    return (e * n) / d;
  }
  let b = x + 0.65;
  b = x + 4 / b;
  b = x + 3 / b;
  b = x + 2 / b;
  b = x + 1 / b;
  return e / b / 2.506628274631;
}

/** Φ(z), the standard normal cumulative distribution function. */
export function normalCdf(z: number): number {
  return z > 0 ? 1 - normalTail(z) : normalTail(z);
}

/** z with Φ(z) = 0.975: the half-width multiplier of a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;
