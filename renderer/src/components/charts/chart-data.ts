/**
 * The data a chart shows, independent of the chart library: named categories on the x axis and one or more
 * numeric series over them. The same object feeds the chart, its CSV download and its accessible summary, so
 * the three can never disagree. Helpers build it for the shapes Quarry charts: time series and histograms.
 */

/** One named line or bar group; `null` is a gap (no data in that window), never zero. */
export interface ChartSeries {
  name: string;
  values: readonly (number | null)[];
}

/** A column the CSV leads with instead of the category labels (a histogram's bin bounds, say). */
export interface KeyColumn {
  header: string;
  values: readonly (string | number | null)[];
}

export interface ChartData {
  /** What the x axis shows; the CSV's first header. */
  xLabel: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** When set, the CSV's leading columns (one value per category) in place of `xLabel` + `categories`. */
  keys?: readonly KeyColumn[];
}

export type ChartKind = 'line' | 'bar' | 'stacked-bar' | 'histogram';

/**
 * How values read on the axis and in the tooltip: plain numbers, shares 0–1 shown as percent, milliseconds,
 * US dollars.
 */
export type ValueFormat = 'number' | 'percent' | 'ms' | 'usd';

/** Throws a message naming the series and what is wrong when a series does not fit its categories. */
export function checkChartData(data: ChartData): ChartData {
  for (const series of data.series) {
    if (series.values.length !== data.categories.length) {
      throw new Error(`Chart series "${series.name}" has ${series.values.length} values for ${data.categories.length} categories.`);
    }
  }
  for (const key of data.keys ?? []) {
    if (key.values.length !== data.categories.length) {
      throw new Error(`Chart column "${key.header}" has ${key.values.length} values for ${data.categories.length} categories.`);
    }
  }
  return data;
}

/** A time series: one category per window label, one series per metric (values aligned with the windows). */
export function seriesData(xLabel: string, categories: readonly string[], series: readonly ChartSeries[]): ChartData {
  return checkChartData({ xLabel, categories, series });
}

const compact = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A bin's label from its bounds: "< 10", "10–20", "≥ 90". */
export function binLabel(from: number | null, to: number | null, format: (n: number) => string = (n) => compact.format(n)): string {
  if (from === null && to === null) return 'all';
  if (from === null) return `< ${format(to!)}`;
  if (to === null) return `≥ ${format(from)}`;
  return `${format(from)}–${format(to)}`;
}

export interface HistogramOptions {
  /** Show each series as shares of its own total (populations of different sizes compare fairly). */
  normalize?: boolean;
  format?: (n: number) => string;
}

/**
 * A histogram over shared bin edges, as drift statistics compute them: `edges` (ascending) cut the line into
 * edges.length + 1 bins, the first open below and the last open above; each series has one count per bin.
 */
export function histogramData(xLabel: string, edges: readonly number[], series: readonly ChartSeries[], options: HistogramOptions = {}): ChartData {
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i]! > edges[i - 1]!)) throw new Error(`Histogram edges must ascend: edge ${i} (${edges[i]}) follows ${edges[i - 1]}.`);
  }
  const from: (number | null)[] = [null, ...edges];
  const to: (number | null)[] = [...edges, null];
  const categories = from.map((f, i) => binLabel(f, to[i]!, options.format));
  const shown = options.normalize ? series.map((s) => ({ name: s.name, values: shares(s.values) })) : series;
  return checkChartData({ xLabel, categories, series: shown, keys: [{ header: `${xLabel} from`, values: from }, { header: `${xLabel} to`, values: to }] });
}

/** Each value as a share of the series total (nulls stay gaps; an all-zero series stays zero). */
export function shares(values: readonly (number | null)[]): (number | null)[] {
  const total = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  return values.map((v) => (v === null ? null : total > 0 ? v / total : 0));
}

/** The data as rows for a table or CSV: header first, then one row per category. */
export function chartRows(data: ChartData): (string | number | null)[][] {
  const keys: readonly KeyColumn[] = data.keys ?? [{ header: data.xLabel, values: data.categories }];
  const header = [...keys.map((k) => k.header), ...data.series.map((s) => s.name)];
  const rows = data.categories.map((_, i) => [...keys.map((k) => k.values[i] ?? null), ...data.series.map((s) => s.values[i] ?? null)]);
  return [header, ...rows];
}
