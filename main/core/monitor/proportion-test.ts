/** Two-proportion z-test (pooled), two-sided, for comparing a signal's rate between two windows. */

/** Complementary error function (Numerical Recipes erfcc, Chebyshev fit; relative error below 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * z = (p2 − p1) / √(p(1−p)(1/n1 + 1/n2)) with p the pooled rate; p-value = erfc(|z|/√2). Null when either sample is
 * empty; z = 0, p = 1 when the pooled rate is 0 or 1 (no variation to test).
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): { statistic: number; pValue: number } | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { statistic: 0, pValue: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  return { statistic: z, pValue: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}
