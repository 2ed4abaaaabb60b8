/**
 * The representativeness figures, computed from three populations of de-identified texts (the originals a sample
 * came from, the final tasks reviewers made of them, and production) with the drift statistics of
 * main/core/monitor/drift-stats.ts. Pure: the populations are gathered elsewhere (populations.ts). Words are
 * counted here but only counts and distances leave: the report carries no word and no text.
 */
import { SLICE_FIELDS } from '../sampling/policy.js';
import {
  DRIFT_DEFAULTS,
  histogram,
  jensenShannonDistance,
  ksTwoSample,
  psi,
  psiBand,
  quantileEdges,
} from '../monitor/drift-stats.js';
import { charLength, tokenize } from './tokens.js';

export const POPULATIONS = ['originals', 'tasks', 'production'] as const;
export type PopulationName = (typeof POPULATIONS)[number];
export type Band = 'ok' | 'moderate' | 'major';
type PerPopulation<T> = Record<PopulationName, T>;

export const NONE = '(none)';
/** A task more than this many times its original's length counts as over-specified. */
export const OVER_SPECIFIED_RATIO = 2;
/** Below this many cases a population's PSI and KS figures are flagged as rough. */
export const SMALL_SAMPLE = 30;
/** Bins of the task / original length ratio (interior cut points). */
export const RATIO_EDGES = [0.5, 1, 1.25, 1.5, 2, 3, 5, 10];

/** Lengths, word counts and slice-value counts of one population, filled case by case. */
export class PopulationSample {
  readonly chars: number[] = [];
  readonly tokens: number[] = [];
  readonly words = new Map<string, number>();
  /** slice field → value → count; a missing value counts as `(none)`. */
  readonly slices = new Map<string, Map<string, number>>(SLICE_FIELDS.map((f) => [f, new Map()]));

  /** Adds one text's lengths and words. */
  addText(text: string): void {
    const words = tokenize(text);
    this.chars.push(charLength(text));
    this.tokens.push(words.length);
    for (const w of words) this.words.set(w, (this.words.get(w) ?? 0) + 1);
  }

  /** Adds one case's slice values. */
  addSlices(slices: object): void {
    for (const [field, counts] of this.slices) {
      const raw = (slices as Record<string, unknown>)[field];
      // As the store reads it (main/core/store/migrations/007): a number or boolean counts as its text.
      const value = raw === null || raw === undefined || raw === '' || typeof raw === 'object' ? NONE : String(raw);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }

  /** Replaces one field's counts with exact figures counted elsewhere (production's, over every case). */
  setSliceCounts(field: string, counts: Map<string, number>): void {
    this.slices.set(field, counts);
  }

  get size(): number {
    return this.chars.length;
  }
}

/** One accepted case's final task beside the original it came from. */
export interface TaskPair {
  originalChars: number;
  finalChars: number;
  /** Share of the task's tokens whose word does not occur in its original; null for a task without tokens. */
  novelShare: number | null;
  augmented: boolean;
  edited: boolean;
}

export function taskPair(original: string, final: string, augmented: boolean, edited: boolean): TaskPair {
  const originalWords = new Set(tokenize(original));
  const finalWords = tokenize(final);
  const novel = finalWords.filter((w) => !originalWords.has(w)).length;
  return {
    originalChars: charLength(original),
    finalChars: charLength(final),
    novelShare: finalWords.length > 0 ? novel / finalWords.length : null,
    augmented,
    edited,
  };
}

export interface Populations extends PerPopulation<PopulationSample> {
  pairs: TaskPair[];
}

export interface MeasureOptions {
  bins: number;
  topN: number;
}

/** The pairs every comparison reports, baseline first: the sample and the tasks against production, then the tasks against the sample. */
const PAIRS: [PopulationName, PopulationName][] = [
  ['production', 'originals'],
  ['production', 'tasks'],
  ['originals', 'tasks'],
];

/** Quantile of an ascending array, linear interpolation (numpy's default). */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function summary(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    mean: n > 0 ? sorted.reduce((s, v) => s + v, 0) / n : null,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    min: n > 0 ? sorted[0]! : null,
    max: n > 0 ? sorted[n - 1]! : null,
  };
}

function bins(edges: readonly number[]): { from: number | null; to: number | null }[] {
  return [...edges, null].map((to, i) => ({ from: i === 0 ? null : edges[i - 1]!, to }));
}

function jsBand(distance: number): Band {
  return distance >= DRIFT_DEFAULTS.jsDistance ? 'major' : 'ok';
}

function mass(counts: readonly number[]): number {
  return counts.reduce((s, v) => s + v, 0);
}

function lengths(p: Populations, unit: 'chars' | 'tokens', binCount: number) {
  const values: PerPopulation<number[]> = { originals: p.originals[unit], tasks: p.tasks[unit], production: p.production[unit] };
  // Production is the baseline the bins come from; without production cases, the sample's quantiles.
  const baseline = values.production.length > 0 ? values.production : values.originals;
  const edges = quantileEdges(baseline, binCount);
  const counts = { originals: histogram(values.originals, edges), tasks: histogram(values.tasks, edges), production: histogram(values.production, edges) };
  const comparisons = PAIRS.map(([a, b]) => {
    if (values[a].length === 0 || values[b].length === 0) return { a, b, psi: null, psiBand: null, ks: null };
    const index = psi(counts[a], counts[b]);
    const ks = ksTwoSample(values[a], values[b]);
    return { a, b, psi: index, psiBand: psiBand(index), ks: { ...ks, differs: ks.pValue < DRIFT_DEFAULTS.ksPValue } };
  });
  return {
    unit,
    edges,
    bins: bins(edges),
    counts,
    summary: { originals: summary(values.originals), tasks: summary(values.tasks), production: summary(values.production) },
    comparisons,
  };
}

function vocabularyStats(sample: PopulationSample) {
  const tokens = mass([...sample.words.values()]);
  return { tokens, types: sample.words.size, typeTokenRatio: tokens > 0 ? sample.words.size / tokens : null };
}

/** JS distance over the pair's `topN` most frequent words (ties by word) plus one bucket for every other word. */
function vocabularyDistance(a: PopulationSample, b: PopulationSample, topN: number): number | null {
  if (a.words.size === 0 || b.words.size === 0) return null;
  const combined = new Map(a.words);
  for (const [w, n] of b.words) combined.set(w, (combined.get(w) ?? 0) + n);
  const top = [...combined.entries()]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
    .slice(0, topN)
    .map(([w]) => w);
  const vector = (s: PopulationSample) => {
    const counts = top.map((w) => s.words.get(w) ?? 0);
    return [...counts, mass([...s.words.values()]) - mass(counts)];
  };
  return jensenShannonDistance(vector(a), vector(b));
}

function vocabulary(p: Populations, topN: number) {
  const originalWords = p.originals.words;
  let taskTokens = 0;
  let novel = 0;
  for (const [w, n] of p.tasks.words) {
    taskTokens += n;
    if (!originalWords.has(w)) novel += n;
  }
  const paired = p.pairs.map((x) => x.novelShare).filter((s): s is number => s !== null);
  return {
    topN,
    populations: { originals: vocabularyStats(p.originals), tasks: vocabularyStats(p.tasks), production: vocabularyStats(p.production) },
    novelTaskTokenShare: taskTokens > 0 ? novel / taskTokens : null,
    meanPairedNovelShare: paired.length > 0 ? paired.reduce((s, v) => s + v, 0) / paired.length : null,
    comparisons: PAIRS.map(([a, b]) => {
      const distance = vocabularyDistance(p[a], p[b], topN);
      return { a, b, jsDistance: distance, band: distance === null ? null : jsBand(distance) };
    }),
  };
}

function sliceMix(p: Populations, field: string) {
  const of = (name: PopulationName) => p[name].slices.get(field) ?? new Map<string, number>();
  const production = of('production');
  const union = new Set<string>([...production.keys(), ...of('originals').keys(), ...of('tasks').keys()]);
  // Most common in production first, then the sample's own values; ties by name.
  const values = [...union].sort((x, y) => (production.get(y) ?? 0) - (production.get(x) ?? 0) || (x < y ? -1 : x > y ? 1 : 0));
  const countsOf = (name: PopulationName) => {
    const tally = of(name);
    return values.map((v) => tally.get(v) ?? 0);
  };
  const counts = { originals: countsOf('originals'), tasks: countsOf('tasks'), production: countsOf('production') };
  const share = (c: number[]) => {
    const total = mass(c);
    return c.map((n) => (total > 0 ? n / total : 0));
  };
  const productionTotal = mass(counts.production);
  const gaps = (name: PopulationName) =>
    mass(counts[name]) === 0
      ? []
      : values
          .map((value, i) => ({ value, productionCount: counts.production[i]!, own: counts[name][i]! }))
          .filter((g) => g.productionCount > 0 && g.own === 0)
          .map(({ value, productionCount }) => ({ value, productionCount, productionShare: productionCount / productionTotal }));
  return {
    field,
    values,
    counts,
    shares: { originals: share(counts.originals), tasks: share(counts.tasks), production: share(counts.production) },
    comparisons: PAIRS.map(([a, b]) => {
      if (mass(counts[a]) === 0 || mass(counts[b]) === 0) return { a, b, jsDistance: null, band: null };
      const distance = jensenShannonDistance(counts[a], counts[b]);
      return { a, b, jsDistance: distance, band: jsBand(distance) };
    }),
    gaps: { originals: gaps('originals'), tasks: gaps('tasks') },
  };
}

function overSpecification(pairs: readonly TaskPair[]) {
  const measurable = pairs.filter((x) => x.originalChars > 0);
  const ratios = measurable.map((x) => x.finalChars / x.originalChars);
  const s = summary(ratios);
  const share = (n: number, of: number) => (of > 0 ? n / of : null);
  return {
    pairs: measurable.length,
    edges: RATIO_EDGES,
    bins: bins(RATIO_EDGES),
    counts: histogram(ratios, RATIO_EDGES),
    mean: s.mean,
    p50: s.p50,
    p90: s.p90,
    threshold: OVER_SPECIFIED_RATIO,
    shareOverThreshold: share(ratios.filter((r) => r > OVER_SPECIFIED_RATIO).length, ratios.length),
    augmentedShare: share(pairs.filter((x) => x.augmented).length, pairs.length),
    editedShare: share(pairs.filter((x) => x.edited).length, pairs.length),
  };
}

/** Every figure of the report except its scope, from the three populations. */
export function measure(p: Populations, options: MeasureOptions) {
  const notes: string[] = [];
  if (p.originals.size === 0) notes.push('The sample has no cases: there is nothing to compare.');
  if (p.tasks.size === 0) notes.push('No accepted tasks yet: the task figures fill in as reviewers accept cases.');
  if (p.production.size === 0) notes.push('No production cases in scope: length bins come from the sample.');
  const small = POPULATIONS.filter((name) => p[name].size > 0 && p[name].size < SMALL_SAMPLE);
  if (small.length > 0) notes.push(`Fewer than ${SMALL_SAMPLE} cases in ${small.join(', ')}: PSI and KS on so few are rough indications.`);
  const skipped = p.pairs.filter((x) => x.originalChars === 0).length;
  if (skipped > 0) notes.push(`${skipped} task(s) left out of the length ratio: their original request is empty.`);
  return {
    lengths: { chars: lengths(p, 'chars', options.bins), tokens: lengths(p, 'tokens', options.bins) },
    vocabulary: vocabulary(p, options.topN),
    slices: SLICE_FIELDS.map((f) => sliceMix(p, f)),
    overSpecification: overSpecification(p.pairs),
    thresholds: { ...DRIFT_DEFAULTS },
    notes,
  };
}
