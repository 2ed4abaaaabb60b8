/**
 * Drift statistics: pure functions over numbers, no store access.
 *
 * - `quantileEdges` + `histogram` turn a numeric baseline into bins and count any sample into them;
 *   `categoryCounts` does the same for categorical values.
 * - `psi` is the population stability index over bin counts (Evidently's formula: proportions with
 *   an epsilon floor for empty bins, sum of (actual − expected) · ln(actual / expected)).
 * - `jensenShannonDistance` is scipy.spatial.distance.jensenshannon(p, q, base=2): the square root of
 *   the Jensen–Shannon divergence in bits, so it lies in [0, 1].
 * - `ksTwoSample` is the two-sample Kolmogorov–Smirnov statistic with the p-value of the asymptotic
 *   Kolmogorov distribution at √(n·m/(n+m))·D (scipy.stats.kstwobign.sf, the limit that
 *   scipy.stats.ks_2samp(method='asymp') approaches for large samples).
 *
 * Bad input (non-finite numbers, negative counts, mismatched lengths, empty distributions) throws a
 * RangeError naming the function, the argument and the index.
 */

/** Default thresholds, in line with Evidently and NannyML. */
export const DRIFT_DEFAULTS = { psiModerate: 0.1, psiMajor: 0.25, jsDistance: 0.1, ksPValue: 0.05 } as const;

function checkFinite(fn: string, arg: string, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${fn}: ${arg}[${i}] is not a finite number (${String(values[i])})`);
  }
}

function checkCounts(fn: string, arg: string, values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${fn}: ${arg}[${i}] must be a finite, non-negative count (${String(v)})`);
    total += v;
  }
  if (total <= 0) throw new RangeError(`${fn}: ${arg} has no mass (all ${values.length} entries are zero)`);
  return total;
}

/** Linear-interpolation quantile of an ascending array (numpy's default, Hyndman–Fan type 7). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Interior bin edges at the baseline's quantiles 1/bins … (bins−1)/bins, ascending and deduplicated
 * (a baseline with many equal values yields fewer edges). Empty baseline → no edges (one bin).
 */
export function quantileEdges(baseline: readonly number[], bins = 10): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`quantileEdges: bins must be a positive integer (${String(bins)})`);
  checkFinite('quantileEdges', 'baseline', baseline);
  return quantileEdgesOfSorted(Float64Array.from(baseline).sort(), bins);
}

/** `quantileEdges` of an ascending, finite sample (not checked), for callers that sort once for several uses. */
export function quantileEdgesOfSorted(sorted: Float64Array, bins = 10): number[] {
  if (sorted.length === 0) return [];
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const e = quantileSorted(sorted, i / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  return edges;
}

/** Index of the first edge greater than v (upper bound): bin 0 is (−∞, e0), bin i is [e(i−1), e(i)), last is [e(n−1), ∞). */
function binOf(v: number, edges: readonly number[]): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts of `values` per bin; edges must ascend strictly. Length = edges.length + 1. */
export function histogram(values: readonly number[], edges: readonly number[]): number[] {
  checkFinite('histogram', 'edges', edges);
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i]! > edges[i - 1]!)) throw new RangeError(`histogram: edges must ascend strictly (edges[${i}] = ${edges[i]} after ${edges[i - 1]})`);
  }
  checkFinite('histogram', 'values', values);
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) counts[binOf(v, edges)]! += 1;
  return counts;
}

/**
 * Counts per category. With `categories` given, their order is kept and values outside them are
 * not counted; without, categories are the distinct values sorted by name. `null` counts as the
 * category "(none)".
 */
export function categoryCounts(
  values: readonly (string | null)[],
  categories?: readonly string[],
): { categories: string[]; counts: number[] } {
  const NONE = '(none)';
  const tally = new Map<string, number>();
  for (const v of values) {
    const key = v ?? NONE;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const cats = categories ? [...categories] : [...tally.keys()].sort();
  return { categories: cats, counts: cats.map((c) => tally.get(c) ?? 0) };
}

/** Population stability index of `actual` against `expected` (bin counts of equal length). */
export function psi(expected: readonly number[], actual: readonly number[], epsilon = 0.0001): number {
  if (expected.length !== actual.length) throw new RangeError(`psi: expected has ${expected.length} bins but actual has ${actual.length}`);
  if (!(epsilon > 0)) throw new RangeError(`psi: epsilon must be positive (${String(epsilon)})`);
  const te = checkCounts('psi', 'expected', expected);
  const ta = checkCounts('psi', 'actual', actual);
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]! / te || epsilon;
    const a = actual[i]! / ta || epsilon;
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/** Jensen–Shannon distance with base-2 logarithms, in [0, 1]; inputs are counts or proportions. */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError(`jensenShannonDistance: p has ${p.length} entries but q has ${q.length}`);
  const tp = checkCounts('jensenShannonDistance', 'p', p);
  const tq = checkCounts('jensenShannonDistance', 'q', q);
  let div = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / tp;
    const qi = q[i]! / tq;
    const m = (pi + qi) / 2;
    if (pi > 0) div += 0.5 * pi * Math.log2(pi / m);
    if (qi > 0) div += 0.5 * qi * Math.log2(qi / m);
  }
  return Math.min(1, Math.sqrt(Math.max(0, div)));
}

/** Survival function of the Kolmogorov distribution: Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}. */
export function kolmogorovSf(lambda: number): number {
  if (!(lambda > 0)) return 1;
  if (lambda < 0.2) {
    // Use the dual (theta) form for small λ: CDF = √(2π)/λ Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)}.
    let cdf = 0;
    for (let k = 1; k <= 20; k++) cdf += Math.exp(-((2 * k - 1) ** 2) * Math.PI ** 2 / (8 * lambda * lambda));
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf));
  }
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = Math.exp(-2 * k * k * lambda * lambda);
    sum += (k % 2 === 1 ? 1 : -1) * term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/** Two-sample Kolmogorov–Smirnov test (two-sided) with the asymptotic p-value. */
export function ksTwoSample(a: readonly number[], b: readonly number[]): { statistic: number; pValue: number } {
  checkFinite('ksTwoSample', 'a', a);
  checkFinite('ksTwoSample', 'b', b);
  if (a.length === 0 || b.length === 0) throw new RangeError(`ksTwoSample: both samples need values (a has ${a.length}, b has ${b.length})`);
  return ksOfSorted(Float64Array.from(a).sort(), Float64Array.from(b).sort());
}

/** `ksTwoSample` of two ascending, finite, non-empty samples (not checked). */
export function ksOfSorted(sa: Float64Array, sb: Float64Array): { statistic: number; pValue: number } {
  const n = sa.length;
  const m = sb.length;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const x = Math.min(sa[i]!, sb[j]!);
    while (i < n && sa[i] === x) i++;
    while (j < m && sb[j] === x) j++;
    const diff = Math.abs(i / n - j / m);
    if (diff > d) d = diff;
  }
  const en = (n * m) / (n + m);
  return { statistic: d, pValue: kolmogorovSf(Math.sqrt(en) * d) };
}

/** Band of a PSI value by the given thresholds. */
export function psiBand(value: number, t: { psiModerate: number; psiMajor: number } = DRIFT_DEFAULTS): 'ok' | 'moderate' | 'major' {
  if (value >= t.psiMajor) return 'major';
  if (value >= t.psiModerate) return 'moderate';
  return 'ok';
}
