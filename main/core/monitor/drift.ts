/**
 * Drift of a current window against a baseline window.
 * Input drift: the de-identified user text's length (PSI + KS on baseline-quantile bins), its token count (JS over
 * the same kind of bins; tokens are the source's prompt tokens, else words), and the language, intent and slice mixes
 * (PSI + JS), and the vocabulary: the distribution of hashed word tokens (JS net of sampling noise, on a sample of
 * each window: vocabulary.ts). Quality drift: each signal's rate (two-proportion z-test) and the mean evaluator
 * score (KS). Bands: length by PSI (0.1 moderate, 0.25 major); token count and vocabulary by JS (at or above 0.1:
 * major, drift detected); a mix by the worse of the two.
 */
import { SIGNAL_BIT } from '../review/queue-signals.js';
import type { Db } from '../store/database.js';
import { histogram, jensenShannonDistance, ksOfSorted, ksTwoSample, psi, quantileEdgesOfSorted } from './drift-stats.js';
import { MONITOR_SIGNALS, NO_VALUE, type MonitorSignal, type SliceColumn, type SliceFilter } from './overview.js';
import { twoProportionZ } from './proportion-test.js';
import type { Thresholds } from './thresholds.js';
import { isoOfSeconds, secondsRange } from './time-windows.js';
import { MIN_NOISE_Z, vocabularyColumn, vocabularyDrift, VOCABULARY_BUCKETS, VOCABULARY_SAMPLE, type TokenBuckets } from './vocabulary.js';
import { BASELINE_CAP, loadWindowRows, type CodedColumn, type WindowRows } from './window-rows.js';

export type Band = 'ok' | 'moderate' | 'major';
export type InputMetricName = 'input_length' | 'token_count' | 'vocabulary' | 'language_mix' | 'intent_mix' | 'tier_mix' | 'model_mix' | 'product_area_mix';

export interface DriftBin {
  label: string;
  from: number | null;
  to: number | null;
  baseline: number;
  current: number;
}

export interface InputDriftMetric {
  metric: InputMetricName;
  label: string;
  kind: 'numeric' | 'categorical';
  psi: number | null;
  psiBand: Band | null;
  jsDistance: number | null;
  jsBand: Band | null;
  ks: { statistic: number; pValue: number } | null;
  band: Band | null;
  bins: DriftBin[];
  /** The vocabulary metric's sample and noise figures. */
  vocabulary?: VocabularySummary;
}

export interface VocabularySummary {
  buckets: number;
  /** Cases in each window's sample, and their tokens. */
  baselineCases: number;
  currentCases: number;
  baselineTokens: number;
  currentTokens: number;
  /** The plain JS distance of the samples, and the one expected by chance between samples of their sizes. */
  rawJsDistance: number | null;
  noiseJsDistance: number | null;
  /** Standard deviations of chance the divergence lies above chance's mean; a shift needs `minNoiseZ`. */
  noiseZ: number | null;
  minNoiseZ: number;
}

/** Token groups shown as bins of the vocabulary metric: the ones whose share moved most. */
const VOCABULARY_BINS = 12;

export interface QualityDriftMetric {
  metric: MonitorSignal | 'evaluator_score';
  label: string;
  kind: 'rate' | 'score';
  baseline: number | null;
  current: number | null;
  difference: number | null;
  baselineN: number;
  currentN: number;
  test: { name: 'two-proportion-z' | 'ks'; statistic: number; pValue: number } | null;
  crossed: boolean;
}

/** A metric with, for alerts, the positions of the current window's rows behind a shift. */
export interface Measured<T> {
  metric: T;
  /** Current-window row positions: in over-represented bins or values; showing the signal; a low score. */
  behind: () => number[];
}

export const SIGNAL_LABELS: Record<MonitorSignal, string> = {
  thumbs_down: 'Thumbs-down rate',
  regenerated: 'Regeneration rate',
  heavy_edit: 'Heavy-edit rate',
  escalated: 'Escalation rate',
  schema_failure: 'Schema-failure rate',
};

const MIXES: { metric: InputMetricName; field: SliceColumn; label: string }[] = [
  { metric: 'language_mix', field: 'language', label: 'Language mix' },
  { metric: 'intent_mix', field: 'intent', label: 'Intent mix' },
  { metric: 'tier_mix', field: 'tier', label: 'Tier mix' },
  { metric: 'model_mix', field: 'model', label: 'Model mix' },
  { metric: 'product_area_mix', field: 'product_area', label: 'Product-area mix' },
];

const BAND_ORDER: Record<Band, number> = { ok: 0, moderate: 1, major: 2 };

export function worse(a: Band | null, b: Band | null): Band | null {
  if (a === null) return b;
  if (b === null) return a;
  return BAND_ORDER[a] >= BAND_ORDER[b] ? a : b;
}

export function psiBandOf(value: number | null, t: Thresholds): Band | null {
  if (value === null) return null;
  return value >= t.psiMajor ? 'major' : value >= t.psiModerate ? 'moderate' : 'ok';
}

export function jsBandOf(value: number | null, t: Thresholds): Band | null {
  if (value === null) return null;
  return value >= t.jsDistance ? 'major' : 'ok';
}

function formatEdge(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

function numericMetric(
  metric: InputMetricName,
  label: string,
  baseline: readonly number[],
  current: readonly number[],
  bins: number,
  t: Thresholds,
  bandBy: 'psi' | 'js',
): Measured<InputDriftMetric> {
  // Sorted once: the baseline's quantiles and the KS statistic both read the sorted samples.
  const sortedBaseline = Float64Array.from(baseline).sort();
  const sortedCurrent = Float64Array.from(current).sort();
  const edges = quantileEdgesOfSorted(baseline.length > 0 ? sortedBaseline : sortedCurrent, bins);
  const hb = histogram(baseline, edges);
  const hc = histogram(current, edges);
  const both = baseline.length > 0 && current.length > 0;
  const psiValue = both ? psi(hb, hc) : null;
  const jsValue = both ? jensenShannonDistance(hb, hc) : null;
  const psiBand = psiBandOf(psiValue, t);
  const jsBand = jsBandOf(jsValue, t);
  const binList: DriftBin[] = hb.map((count, i) => {
    const from = i === 0 ? null : edges[i - 1]!;
    const to = i === edges.length ? null : edges[i]!;
    const text = from === null ? (to === null ? 'all' : `< ${formatEdge(to)}`) : to === null ? `≥ ${formatEdge(from)}` : `${formatEdge(from)} – ${formatEdge(to)}`;
    return { label: text, from, to, baseline: count, current: hc[i]! };
  });
  const nb = baseline.length;
  const nc = current.length;
  return {
    metric: {
      metric,
      label,
      kind: 'numeric',
      psi: psiValue,
      psiBand,
      jsDistance: jsValue,
      jsBand,
      ks: both ? ksOfSorted(sortedBaseline, sortedCurrent) : null,
      band: bandBy === 'psi' ? psiBand : jsBand,
      bins: binList,
    },
    behind: () => {
      if (!both) return [];
      const over = new Set(hc.map((c, i) => (c / nc > hb[i]! / nb ? i : -1)).filter((i) => i >= 0));
      const positions: number[] = [];
      current.forEach((v, i) => {
        let lo = 0;
        let hi = edges.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (edges[mid]! <= v) lo = mid + 1;
          else hi = mid;
        }
        if (over.has(lo)) positions.push(i);
      });
      return positions;
    },
  };
}

function categoricalMetric(
  metric: InputMetricName,
  label: string,
  baselineColumn: CodedColumn,
  currentColumn: CodedColumn,
  t: Thresholds,
): Measured<InputDriftMetric> {
  // The two windows code their values apart: map both onto one list of values, then count by code.
  const union = new Map<string | null, number>();
  const unionValues: (string | null)[] = [];
  const indexOf = (value: string | null): number => {
    let k = union.get(value);
    if (k === undefined) {
      k = unionValues.length;
      union.set(value, k);
      unionValues.push(value);
    }
    return k;
  };
  const fromBaseline = baselineColumn.values.map(indexOf);
  const fromCurrent = currentColumn.values.map(indexOf);
  const nb = new Array<number>(unionValues.length).fill(0);
  const nc = new Array<number>(unionValues.length).fill(0);
  for (const code of baselineColumn.codes) nb[fromBaseline[code]!]! += 1;
  for (const code of currentColumn.codes) nc[fromCurrent[code]!]! += 1;
  const order = unionValues
    .map((value, k) => ({ value: value ?? NO_VALUE, k, b: nb[k]!, c: nc[k]! }))
    .sort((x, y) => y.b - x.b || y.c - x.c || x.value.localeCompare(y.value));
  const hb = order.map((o) => o.b);
  const hc = order.map((o) => o.c);
  const baseline = baselineColumn.codes;
  const current = currentColumn.codes;
  const both = baseline.length > 0 && current.length > 0;
  const psiValue = both ? psi(hb, hc) : null;
  const jsValue = both ? jensenShannonDistance(hb, hc) : null;
  const psiBand = psiBandOf(psiValue, t);
  const jsBand = jsBandOf(jsValue, t);
  return {
    metric: {
      metric,
      label,
      kind: 'categorical',
      psi: psiValue,
      psiBand,
      jsDistance: jsValue,
      jsBand,
      ks: null,
      band: worse(psiBand, jsBand),
      bins: order.map((o, k) => ({ label: o.value, from: null, to: null, baseline: hb[k]!, current: hc[k]! })),
    },
    behind: () => {
      if (!both) return [];
      const over = new Set(order.filter((o) => o.c / current.length > o.b / baseline.length).map((o) => o.k));
      const overCode = fromCurrent.map((k) => over.has(k));
      const positions: number[] = [];
      for (let i = 0; i < current.length; i++) if (overCode[current[i]!]) positions.push(i);
      return positions;
    },
  };
}

function sampleOf(rows: WindowRows): TokenBuckets[] {
  const out: TokenBuckets[] = [];
  for (const v of rows.vocabulary ?? []) if (v) out.push(v);
  return out;
}

/**
 * The vocabulary metric, or null when either window has no vocabulary column attached. Banded by JS distance net of
 * sampling noise, and only when the divergence lies at least `MIN_NOISE_Z` standard deviations of chance above
 * chance (else ok: the samples are too small to tell); null (not enough data) while either sample has fewer than
 * `minCases` cases. An alert on it is behind every case of the current window: a vocabulary shift is a property of
 * the window, not of some cases.
 */
function vocabularyMetric(baseline: WindowRows, current: WindowRows, t: Thresholds): Measured<InputDriftMetric> | null {
  if (!baseline.vocabulary || !current.vocabulary) return null;
  const sb = sampleOf(baseline);
  const sc = sampleOf(current);
  const enough = sb.length >= t.minCases && sc.length >= t.minCases;
  const v = vocabularyDrift(enough ? sb : [], enough ? sc : []);
  const tb = v.baselineTokens;
  const tc = v.currentTokens;
  const moved = enough && tb > 0 && tc > 0
    ? [...v.baselineCounts.keys()]
        .map((bucket) => ({ bucket, b: v.baselineCounts[bucket]!, c: v.currentCounts[bucket]!, gap: Math.abs(v.currentCounts[bucket]! / tc - v.baselineCounts[bucket]! / tb) }))
        .filter((x) => x.b + x.c > 0)
        .sort((x, y) => y.gap - x.gap || x.bucket - y.bucket)
        .slice(0, VOCABULARY_BINS)
    : [];
  const beyondChance = v.noiseZ !== null && v.noiseZ >= MIN_NOISE_Z;
  const jsBand = v.jsDistance === null ? null : beyondChance ? jsBandOf(v.jsDistance, t) : 'ok';
  return {
    metric: {
      metric: 'vocabulary',
      label: 'Vocabulary (token distribution)',
      kind: 'categorical',
      psi: null,
      psiBand: null,
      jsDistance: v.jsDistance,
      jsBand,
      ks: null,
      band: jsBand,
      bins: moved.map((x) => ({ label: `Token group ${x.bucket}`, from: null, to: null, baseline: x.b, current: x.c })),
      vocabulary: {
        buckets: VOCABULARY_BUCKETS,
        baselineCases: sb.length,
        currentCases: sc.length,
        baselineTokens: v.baselineTokens,
        currentTokens: v.currentTokens,
        rawJsDistance: v.rawJsDistance,
        noiseJsDistance: v.noiseJsDistance,
        noiseZ: v.noiseZ,
        minNoiseZ: MIN_NOISE_Z,
      },
    },
    behind: () => current.ids.map((_, i) => i),
  };
}

/** Input drift metrics; a mix of `skipField` (the slice the rows are cut by) is left out, it cannot vary. */
export function inputDrift(baseline: WindowRows, current: WindowRows, t: Thresholds, bins = 10, skipField?: SliceColumn): Measured<InputDriftMetric>[] {
  return [
    numericMetric('input_length', 'Input length (characters)', baseline.chars, current.chars, bins, t, 'psi'),
    numericMetric('token_count', 'Token count', baseline.tokens, current.tokens, bins, t, 'js'),
    ...[vocabularyMetric(baseline, current, t)].filter((m) => m !== null),
    ...MIXES.filter((m) => m.field !== skipField).map((m) => categoricalMetric(m.metric, m.label, baseline.slices[m.field], current.slices[m.field], t)),
  ];
}

function positionsWithBit(rows: WindowRows, bit: number): number[] {
  const out: number[] = [];
  rows.masks.forEach((m, i) => {
    if ((m & bit) !== 0) out.push(i);
  });
  return out;
}

/** Signal rates and the evaluator score, current against baseline. */
export function qualityDrift(baseline: WindowRows, current: WindowRows, t: Thresholds): Measured<QualityDriftMetric>[] {
  const nb = baseline.ids.length;
  const nc = current.ids.length;
  const enough = nb >= t.minCases && nc >= t.minCases;
  const rates = MONITOR_SIGNALS.map((signal): Measured<QualityDriftMetric> => {
    const bit = SIGNAL_BIT[signal];
    const xb = baseline.masks.reduce((n, m) => n + ((m & bit) !== 0 ? 1 : 0), 0);
    const xc = current.masks.reduce((n, m) => n + ((m & bit) !== 0 ? 1 : 0), 0);
    const rb = nb > 0 ? xb / nb : null;
    const rc = nc > 0 ? xc / nc : null;
    const test = twoProportionZ(xb, nb, xc, nc);
    const difference = rb !== null && rc !== null ? rc - rb : null;
    return {
      metric: {
        metric: signal,
        label: SIGNAL_LABELS[signal],
        kind: 'rate',
        baseline: rb,
        current: rc,
        difference,
        baselineN: nb,
        currentN: nc,
        test: test ? { name: 'two-proportion-z', ...test } : null,
        crossed: enough && difference !== null && test !== null && difference >= t.rateIncrease && test.pValue < t.ratePValue,
      },
      behind: () => positionsWithBit(current, bit),
    };
  });
  const sb = baseline.scores.filter((s): s is number => s !== null);
  const sc = current.scores.filter((s): s is number => s !== null);
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const mb = mean(sb);
  const mc = mean(sc);
  const ks = sb.length > 0 && sc.length > 0 ? ksTwoSample(sb, sc) : null;
  const difference = mb !== null && mc !== null ? mc - mb : null;
  const score: Measured<QualityDriftMetric> = {
    metric: {
      metric: 'evaluator_score',
      label: 'Mean evaluator score',
      kind: 'score',
      baseline: mb,
      current: mc,
      difference,
      baselineN: sb.length,
      currentN: sc.length,
      test: ks ? { name: 'ks', ...ks } : null,
      crossed:
        sb.length >= t.minCases && sc.length >= t.minCases && difference !== null && ks !== null && -difference >= t.scoreDrop && ks.pValue < t.ksPValue,
    },
    behind: () => positionsWithBit(current, SIGNAL_BIT.low_evaluator_score),
  };
  return [...rates, score];
}

export interface DriftQuery {
  current: { from: string; to: string };
  baseline: { from: string; to: string };
  slice?: SliceFilter;
  bins?: number;
}

export interface MonitorDrift {
  current: { from: string; to: string; cases: number };
  baseline: { from: string; to: string; cases: number };
  slice: SliceFilter | null;
  input: InputDriftMetric[];
  quality: QualityDriftMetric[];
  thresholds: Thresholds;
  notes: string[];
}

/** Attaches each window's vocabulary sample (at most `VOCABULARY_SAMPLE` cases, filling the cache as needed). */
export function attachVocabulary(db: Db, baseline: WindowRows, current: WindowRows): void {
  baseline.vocabulary = vocabularyColumn(db, baseline.ids);
  current.vocabulary = vocabularyColumn(db, current.ids);
}

const count = (n: number) => n.toLocaleString('en-US');

/** What the vocabulary figures rest on, when a window was sampled. */
function vocabularyNotes(baseline: WindowRows, current: WindowRows): string[] {
  const sampled = [
    ['current window', current],
    ['baseline', baseline],
  ] as const;
  const parts = sampled
    .filter(([, rows]) => rows.ids.length > VOCABULARY_SAMPLE)
    .map(([name, rows]) => `${count(VOCABULARY_SAMPLE)} of the ${name}'s ${count(rows.ids.length)}${rows.stride > 1 ? ' sampled' : ''} cases`);
  if (parts.length === 0) return [];
  return [`The vocabulary is measured on ${parts.join(' and ')}, chosen by a hash of the case id; its JS distance is net of the distance expected by chance between samples of those sizes.`];
}

/** Drift of the current window against the baseline, for the whole workspace or one slice. */
export function monitorDrift(db: Db, query: DriftQuery, t: Thresholds): MonitorDrift {
  const cur = secondsRange(query.current, 'current window');
  const base = secondsRange(query.baseline, 'baseline window');
  const slice = query.slice ?? null;
  const current = loadWindowRows(db, cur, slice);
  const baseline = loadWindowRows(db, base, slice, { maxRows: BASELINE_CAP });
  attachVocabulary(db, baseline, current);
  const notes: string[] = [];
  if (baseline.ids.length === 0) notes.push('The baseline window has no cases: no drift can be measured.');
  if (current.ids.length === 0) notes.push('The current window has no cases: no drift can be measured.');
  if (baseline.stride > 1) {
    notes.push(`The baseline window has ${baseline.total} cases; its distributions are measured on one case in ${baseline.stride} by id (${baseline.ids.length} cases).`);
  }
  notes.push(...vocabularyNotes(baseline, current));
  if (cur.from < base.to && base.from < cur.to) notes.push('The current and baseline windows overlap: shared cases make them look more alike.');
  for (const [name, rows] of [
    ['baseline', baseline],
    ['current', current],
  ] as const) {
    const n = rows.ids.length;
    if (n > 0 && n < t.minCases) notes.push(`The ${name} window has ${n} cases, fewer than ${t.minCases}: its rates raise no alerts.`);
  }
  return {
    current: { from: isoOfSeconds(cur.from), to: isoOfSeconds(cur.to), cases: current.ids.length },
    baseline: { from: isoOfSeconds(base.from), to: isoOfSeconds(base.to), cases: baseline.total },
    slice,
    input: inputDrift(baseline, current, t, query.bins ?? 10, slice?.field).map((m) => m.metric),
    quality: qualityDrift(baseline, current, t).map((m) => m.metric),
    thresholds: t,
    notes,
  };
}
