/**
 * The monitor's answers turned into what the dashboard draws: chart data for the shared chart component, the
 * figures in the headline tiles, the drift table's rows and the coverage and representativeness series. Pure,
 * so the arithmetic is unit-tested; the screen components only lay these out.
 */
import type { Output } from '../../../../preload/api.js';
import { histogramData, seriesData, type ChartData, type ChartSeries } from '../charts/chart-data.js';
import { windowLabel, type MonitorWindow } from './dashboard-time.js';

export type Overview = Output<'monitor:overview'>;
export type Series = Overview['series'][number];
export type Point = Series['points'][number];
export type Signal = Overview['signals'][number];
export type Drift = Output<'monitor:drift'>;
export type InputMetric = Drift['input'][number];
export type QualityMetric = Drift['quality'][number];
export type Band = NonNullable<InputMetric['band']>;
export type Alert = Output<'monitor:alerts'>['alerts'][number];
export type Coverage = Output<'monitor:coverage'>;
export type CoverageField = Coverage['fields'][number];
export type Thresholds = Output<'monitor:thresholds'>['thresholds'];
export type Report = Output<'representativeness:run'>;
export type SliceField = CoverageField['field'];

export const SIGNAL_LABELS: Record<Signal, string> = {
  thumbs_down: 'Thumbs-down',
  regenerated: 'Regeneration',
  heavy_edit: 'Heavy edit',
  escalated: 'Escalation',
  schema_failure: 'Schema failure',
};

/** Fixed palette slots per signal, so a signal keeps its colour on every chart. */
export const SIGNAL_COLORS: Record<Signal, number> = { thumbs_down: 0, regenerated: 1, heavy_edit: 2, escalated: 3, schema_failure: 4 };

export const SLICE_LABELS: Record<SliceField, string> = {
  tier: 'Tier',
  intent: 'Intent',
  language: 'Language',
  model: 'Model',
  product_area: 'Product area',
};

export const SLICE_FIELDS = Object.keys(SLICE_LABELS) as SliceField[];

export const BAND_LABELS: Record<Band, string> = { ok: 'OK', moderate: 'Moderate', major: 'Major' };

const WINDOW_AXIS: Record<MonitorWindow, string> = { hour: 'Hour (UTC)', day: 'Day (UTC)', week: 'Week (UTC)' };

function labels(series: Series, window: MonitorWindow): string[] {
  return series.points.map((p) => windowLabel(p.start, window));
}

/** The first series: every case in the range (within the slice filter). */
export function mainSeries(overview: Overview): Series | null {
  return overview.series[0] ?? null;
}

/** One line per signal: the share of the window's cases with that signal (gaps where a window is empty). */
export function signalRateData(series: Series, window: MonitorWindow, signals: readonly Signal[]): ChartData {
  return seriesData(
    WINDOW_AXIS[window],
    labels(series, window),
    signals.map((s) => ({ name: SIGNAL_LABELS[s], values: series.points.map((p) => p.signals[s]?.rate ?? null) })),
  );
}

export function latencyData(series: Series, window: MonitorWindow): ChartData {
  return seriesData(WINDOW_AXIS[window], labels(series, window), [
    { name: 'p50', values: series.points.map((p) => p.latencyMs.p50) },
    { name: 'p95', values: series.points.map((p) => p.latencyMs.p95) },
  ]);
}

export function costData(series: Series, window: MonitorWindow): ChartData {
  return seriesData(WINDOW_AXIS[window], labels(series, window), [
    { name: 'p50 per interaction', values: series.points.map((p) => p.costUsd.p50) },
    { name: 'p95 per interaction', values: series.points.map((p) => p.costUsd.p95) },
  ]);
}

export function volumeData(series: Series, window: MonitorWindow): ChartData {
  return seriesData(WINDOW_AXIS[window], labels(series, window), [{ name: 'Interactions', values: series.points.map((p) => p.cases) }]);
}

/** One signal's rate per slice value (the grouped series after the first), largest slice first. */
export function sliceRateData(overview: Overview, window: MonitorWindow, signal: Signal): ChartData | null {
  const groups = overview.series.slice(1);
  const first = groups[0];
  if (!first) return null;
  const series: ChartSeries[] = groups.map((g) => ({ name: g.key, values: g.points.map((p) => p.signals[signal]?.rate ?? null) }));
  return seriesData(WINDOW_AXIS[window], labels(first, window), series);
}

export interface Totals {
  cases: number;
  /** Share of the range's cases with each signal; null without cases. */
  rates: Record<string, number | null>;
  costTotal: number;
  /** The latest window that has latencies, and its p95. */
  latestP95: { ms: number; start: string } | null;
}

/** The headline figures over the whole range, from the windows: counts add up, quantiles do not (latest window). */
export function totals(series: Series, signals: readonly Signal[]): Totals {
  const cases = series.points.reduce((n, p) => n + p.cases, 0);
  const rates: Record<string, number | null> = {};
  for (const s of signals) {
    const count = series.points.reduce((n, p) => n + (p.signals[s]?.count ?? 0), 0);
    rates[s] = cases > 0 ? count / cases : null;
  }
  const costTotal = series.points.reduce((n, p) => n + p.costUsd.total, 0);
  const latest = [...series.points].reverse().find((p) => p.latencyMs.p95 !== null);
  return { cases, rates, costTotal, latestP95: latest ? { ms: latest.latencyMs.p95!, start: latest.start } : null };
}

/** One line of the drift table: a metric, one statistic, its value and band. */
export interface DriftRow {
  key: string;
  metric: string;
  /** Rows of the same metric after the first leave the metric cell out. */
  first: boolean;
  span: number;
  statistic: string;
  value: string;
  band: Band | null;
  /** What the band cell says when there is no band (a KS test's verdict, an empty window). */
  note: string | null;
}

const fixed = (n: number, digits = 3) => n.toFixed(digits);

/** A p-value as a reader wants it: "p < 0.001" below that, else three decimals. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** The input drift metrics as table rows: PSI and JS distance with their bands, KS with its verdict. */
export function driftRows(drift: Drift): DriftRow[] {
  const rows: DriftRow[] = [];
  for (const m of drift.input) {
    const mine: Omit<DriftRow, 'first' | 'span'>[] = [];
    if (m.psi !== null) mine.push({ key: `${m.metric}:psi`, metric: m.label, statistic: 'PSI', value: fixed(m.psi), band: m.psiBand, note: null });
    const v = m.vocabulary;
    if (m.jsDistance !== null) {
      mine.push({ key: `${m.metric}:js`, metric: m.label, statistic: v ? 'JS distance, net of chance' : 'Jensen-Shannon distance', value: fixed(m.jsDistance), band: m.jsBand, note: null });
    }
    if (v && m.jsDistance !== null && v.rawJsDistance !== null && v.noiseJsDistance !== null) {
      // The vocabulary's plain distance beside the one chance gives samples of the same sizes; it differs when the
      // divergence lies far enough beyond chance (the z figure stays in the data, the table keeps to the verdict).
      const beyond = v.noiseZ !== null && v.noiseZ >= v.minNoiseZ;
      mine.push({ key: `${m.metric}:chance`, metric: m.label, statistic: 'Plain JS vs chance', value: `${fixed(v.rawJsDistance)} vs ${fixed(v.noiseJsDistance)}`, band: null, note: beyond ? 'Differs' : 'No difference' });
    }
    if (m.ks) {
      const differs = m.ks.pValue < drift.thresholds.ksPValue;
      mine.push({ key: `${m.metric}:ks`, metric: m.label, statistic: 'Kolmogorov-Smirnov D', value: `${fixed(m.ks.statistic)} (${formatP(m.ks.pValue)})`, band: null, note: differs ? 'Differs' : 'No difference' });
    }
    if (mine.length === 0) mine.push({ key: `${m.metric}:none`, metric: m.label, statistic: '—', value: '—', band: null, note: 'Not enough data' });
    mine.forEach((row, i) => rows.push({ ...row, first: i === 0, span: mine.length }));
  }
  return rows;
}

const BAND_ORDER: Record<Band, number> = { ok: 0, moderate: 1, major: 2 };

/** The input metric with the worst band (the first on a tie), to show its distribution first. */
export function worstMetric(drift: Drift): InputMetric | null {
  let worst: InputMetric | null = null;
  for (const m of drift.input) {
    if (!worst || (m.band && BAND_ORDER[m.band] > (worst.band ? BAND_ORDER[worst.band] : -1))) worst = m;
  }
  return worst;
}

/** A drift metric's two windows as shares per bin or category. */
export function driftBinsData(metric: InputMetric): ChartData {
  // The vocabulary shows only the token groups that moved most: shares of all the window's tokens.
  const baseline = metric.vocabulary?.baselineTokens ?? metric.bins.reduce((n, b) => n + b.baseline, 0);
  const current = metric.vocabulary?.currentTokens ?? metric.bins.reduce((n, b) => n + b.current, 0);
  return seriesData(
    metric.vocabulary ? 'Token group' : metric.kind === 'numeric' ? 'Bin' : 'Value',
    metric.bins.map((b) => b.label),
    [
      { name: 'Baseline', values: metric.bins.map((b) => (baseline > 0 ? b.baseline / baseline : null)) },
      { name: 'Current', values: metric.bins.map((b) => (current > 0 ? b.current / current : null)) },
    ],
  );
}

/** Production's and the golden set's share of each slice value. */
export function coverageData(field: CoverageField): ChartData {
  return seriesData(
    SLICE_LABELS[field.field],
    field.values.map((v) => v.value),
    [
      { name: 'Production', values: field.values.map((v) => v.productionShare) },
      { name: 'Golden set', values: field.values.map((v) => v.goldenShare) },
    ],
  );
}

export const POPULATION_LABELS = { originals: 'Originals', tasks: 'Tasks', production: 'Production' } as const;
type Population = keyof typeof POPULATION_LABELS;
const POPULATIONS: Population[] = ['originals', 'tasks', 'production'];

/** A length distribution of the three populations on their shared bins, as shares of each population. */
export function lengthData(lengths: Report['lengths']['chars']): ChartData {
  return histogramData(
    lengths.unit === 'chars' ? 'Characters' : 'Tokens',
    lengths.edges,
    POPULATIONS.map((p) => ({ name: POPULATION_LABELS[p], values: lengths.counts[p] })),
    { normalize: true },
  );
}

/** One slice field's mix in the three populations. */
export function sliceMixData(mix: Report['slices'][number]): ChartData {
  return seriesData(
    mix.field in SLICE_LABELS ? SLICE_LABELS[mix.field as SliceField] : mix.field,
    mix.values,
    POPULATIONS.map((p) => ({ name: POPULATION_LABELS[p], values: mix.shares[p] })),
  );
}

/** How many times longer final tasks are than their originals, as counts per ratio bin. */
export function overSpecData(over: Report['overSpecification']): ChartData {
  return histogramData('Length ratio', over.edges, [{ name: 'Tasks', values: over.counts }], { format: (n) => `${n}×` });
}
