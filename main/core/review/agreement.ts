/**
 * Inter-rater agreement on nominal decisions, from the textbook formulas.
 *
 * Cohen's kappa (two raters, every unit rated by both): κ = (pₒ − pₑ) / (1 − pₑ), pₒ the observed share of
 * agreement and pₑ the agreement expected by chance from each rater's own marginal shares.
 *
 * Krippendorff's alpha (any number of raters, missing ratings allowed, nominal metric): α = 1 − Dₒ / Dₑ computed
 * from the coincidence matrix. Each unit with mᵤ ≥ 2 values adds, for every ordered pair of values from
 * different raters, 1 / (mᵤ − 1) to o[c][k]; with nₖ the row sums and n the total,
 * α = 1 − (n − 1) · Σ_{c≠k} o[c][k] / Σ_{c≠k} n_c·n_k. Units with fewer than two values are not pairable.
 */

/** null: the statistic is undefined here (no units, or chance agreement is already perfect). */
export function cohensKappa(pairs: readonly (readonly [string, string])[]): number | null {
  if (pairs.length === 0) return null;
  const n = pairs.length;
  const first = new Map<string, number>();
  const second = new Map<string, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree += 1;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [value, count] of first) expected += (count / n) * ((second.get(value) ?? 0) / n);
  if (expected === 1) return null;
  return (observed - expected) / (1 - expected);
}

/**
 * `units[u]` holds the values unit u received, one per rater who rated it (missing ratings are simply absent).
 * null when fewer than two pairable values exist or all values are the same (no expected disagreement).
 */
export function krippendorffAlpha(units: readonly (readonly string[])[]): number | null {
  const coincidence = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    const row = coincidence.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + w);
    coincidence.set(c, row);
  };
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i += 1) {
      for (let j = 0; j < m; j += 1) if (i !== j) add(values[i]!, values[j]!, 1 / (m - 1));
    }
  }
  const totals = new Map<string, number>();
  let n = 0;
  let observedDisagreement = 0;
  for (const [c, row] of coincidence) {
    for (const [k, count] of row) {
      totals.set(c, (totals.get(c) ?? 0) + count);
      n += count;
      if (c !== k) observedDisagreement += count;
    }
  }
  if (n < 2) return null;
  let expectedDisagreement = 0;
  for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expectedDisagreement += nc * nk;
  if (expectedDisagreement === 0) return null;
  return 1 - ((n - 1) * observedDisagreement) / expectedDisagreement;
}
