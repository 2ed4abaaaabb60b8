/**
 * Signal rates, latency and cost per time window, from case_metrics (no JSON parsed): one series for all cases
 * (or one slice), optionally one more per value of a slice field. Percentiles are exact (SQLite `percentile`,
 * linear interpolation between closest ranks, as numpy's default).
 */
import type { Db } from '../store/database.js';
export { MONITOR_SIGNALS, NO_VALUE, SLICE_COLUMNS, sliceColumn, sliceWhere, type MonitorSignal, type SliceColumn, type SliceFilter } from './overview-types.js';
import { SIGNAL_BIT } from '../review/queue-signals.js';
import { MONITOR_SIGNALS, NO_VALUE, sliceColumn, sliceWhere, type MonitorSignal, type SliceColumn, type SliceFilter } from './overview-types.js';
import { emptyCell, histogramQuantile, mergeRow, readRollupRows, refreshRollups, type RollupCell } from './rollup.js';
import { isoOfSeconds, secondsRange, WINDOW_SECONDS, windowStartSql, windowStarts, type MonitorWindow, type SecondsRange } from './time-windows.js';

export interface MonitorPoint {
  start: string;
  end: string;
  cases: number;
  signals: Record<MonitorSignal, { count: number; rate: number | null }>;
  latencyMs: { p50: number | null; p95: number | null; n: number };
  costUsd: { p50: number | null; p95: number | null; n: number; total: number };
}

export interface MonitorSeries {
  key: string;
  slice: SliceFilter | null;
  cases: number;
  points: MonitorPoint[];
}

export interface MonitorOverview {
  window: MonitorWindow;
  range: { from: string; to: string };
  extent: { first: string | null; last: string | null; cases: number };
  signals: MonitorSignal[];
  series: MonitorSeries[];
  otherGroups: { values: number; cases: number };
}

export interface OverviewQuery {
  from: string;
  to: string;
  window: MonitorWindow;
  slice?: SliceFilter;
  groupBy?: SliceColumn;
  maxGroups?: number;
}

const AGGREGATES = [
  'count(*)',
  ...MONITOR_SIGNALS.map((s) => `sum((signal_mask & ${SIGNAL_BIT[s]}) != 0)`),
  'count(latency_ms)',
  'percentile(latency_ms, 50)',
  'percentile(latency_ms, 95)',
  'count(cost_usd)',
  'percentile(cost_usd, 50)',
  'percentile(cost_usd, 95)',
  'total(cost_usd)',
].join(', ');

function emptyPoint(start: number, size: number): MonitorPoint {
  return {
    start: isoOfSeconds(start),
    end: isoOfSeconds(start + size),
    cases: 0,
    signals: Object.fromEntries(MONITOR_SIGNALS.map((s) => [s, { count: 0, rate: null }])) as MonitorPoint['signals'],
    latencyMs: { p50: null, p95: null, n: 0 },
    costUsd: { p50: null, p95: null, n: 0, total: 0 },
  };
}

/** Fills a point from an aggregate row (the columns of AGGREGATES, after any grouping columns). */
function fillPoint(point: MonitorPoint, values: readonly (number | null)[]): void {
  const cases = Number(values[0]);
  point.cases = cases;
  MONITOR_SIGNALS.forEach((s, i) => {
    const count = Number(values[1 + i] ?? 0);
    point.signals[s] = { count, rate: cases > 0 ? count / cases : null };
  });
  const at = 1 + MONITOR_SIGNALS.length;
  point.latencyMs = { n: Number(values[at]), p50: values[at + 1] ?? null, p95: values[at + 2] ?? null };
  point.costUsd = { n: Number(values[at + 3]), p50: values[at + 4] ?? null, p95: values[at + 5] ?? null, total: Number(values[at + 6] ?? 0) };
}

/** Aggregate rows per window (and per value of `groupColumn`): [window start, (group value,) ...AGGREGATES]. */
function aggregate(db: Db, range: SecondsRange, window: MonitorWindow, slice: SliceFilter | null, groupColumn?: SliceColumn): unknown[][] {
  const where = sliceWhere(slice);
  const group = groupColumn ? `, ${groupColumn}` : '';
  return db
    .prepare(
      `SELECT ${windowStartSql('occurred_s', window)} AS w${group}, ${AGGREGATES} FROM case_metrics
       WHERE occurred_s >= ? AND occurred_s < ?${where.sql} GROUP BY w${group}`,
    )
    .raw()
    .all(range.from, range.to, ...where.params) as unknown[][];
}

/** A series over every window start, from aggregate rows keyed by window start. */
function seriesOf(byStart: Map<number, (number | null)[]>, starts: number[], size: number, slice: SliceFilter | null, key: string): MonitorSeries {
  let total = 0;
  const points = starts.map((start) => {
    const point = emptyPoint(start, size);
    const values = byStart.get(start);
    if (values) {
      fillPoint(point, values);
      total += point.cases;
    }
    return point;
  });
  return { key, slice, cases: total, points };
}

/** First and last occurred_at of the whole workspace, and its case count. */
export function monitorExtent(db: Db): { first: string | null; last: string | null; cases: number } {
  const row = db.prepare('SELECT min(occurred_s) AS first, max(occurred_s) AS last, count(*) AS cases FROM case_metrics').get() as {
    first: number | null;
    last: number | null;
    cases: number;
  };
  return { first: row.first === null ? null : isoOfSeconds(row.first), last: row.last === null ? null : isoOfSeconds(row.last), cases: row.cases };
}

/** The overview: every window of the range is present (empty windows have zero cases and null rates). */
/** A point from a rollup cell: rates exact, percentiles from the cell's histograms. */
function pointOfCell(point: MonitorPoint, cell: RollupCell): void {
  point.cases = cell.cases;
  for (const s of MONITOR_SIGNALS) point.signals[s] = { count: cell.signals[s], rate: cell.cases > 0 ? cell.signals[s] / cell.cases : null };
  point.latencyMs = { n: cell.latencyN, p50: histogramQuantile(cell.latency, 0.5), p95: histogramQuantile(cell.latency, 0.95) };
  point.costUsd = { n: cell.costN, p50: histogramQuantile(cell.cost, 0.5), p95: histogramQuantile(cell.cost, 0.95), total: cell.costTotal };
}

/** Series from hourly rollups: one per value of `field` ('' = all cases), values filtered by `only` if given. */
function rollupSeries(
  db: Db,
  field: '' | SliceColumn,
  starts: number[],
  size: number,
  only?: { value: string | null },
): Map<string | null, { n: number; cells: RollupCell[] }> {
  const first = starts[0]!;
  const out = new Map<string | null, { n: number; cells: RollupCell[] }>();
  // Day and week windows read daily rollups (24 times fewer rows); hour windows hourly ones.
  const grain = size >= 86_400 ? 24 : 1;
  for (const row of readRollupRows(db, field, first / 3600, (first + starts.length * size) / 3600, grain)) {
    const value = field === '' ? null : row.value;
    if (only && value !== only.value) continue;
    let entry = out.get(value);
    if (!entry) out.set(value, (entry = { n: 0, cells: starts.map(() => emptyCell()) }));
    entry.n += row.cases;
    mergeRow(entry.cells[Math.floor((row.hour * 3600 - first) / size)]!, row);
  }
  return out;
}

function seriesOfCells(cells: RollupCell[] | undefined, starts: number[], size: number, slice: SliceFilter | null, key: string): MonitorSeries {
  let total = 0;
  const points = starts.map((start, i) => {
    const point = emptyPoint(start, size);
    const cell = cells?.[i];
    if (cell && cell.cases > 0) {
      pointOfCell(point, cell);
      total += cell.cases;
    }
    return point;
  });
  return { key, slice, cases: total, points };
}

/**
 * The overview over the whole windows covering [from, to): every window is present (empty ones have zero cases
 * and null rates). Read from the hourly rollups (refreshed first); a slice filter combined with grouping by another
 * field reads case_metrics directly (the rollups hold one field at a time).
 */
export function monitorOverview(db: Db, query: OverviewQuery): MonitorOverview {
  const requested = secondsRange(query);
  const starts = windowStarts(requested, query.window);
  const size = WINDOW_SECONDS[query.window];
  const range = { from: starts[0]!, to: starts.at(-1)! + size };
  const base = query.slice ?? null;
  const out: MonitorOverview = {
    window: query.window,
    range: { from: isoOfSeconds(range.from), to: isoOfSeconds(range.to) },
    extent: monitorExtent(db),
    signals: [...MONITOR_SIGNALS],
    series: [],
    otherGroups: { values: 0, cases: 0 },
  };
  const max = query.maxGroups ?? 8;
  const crossed = base !== null && query.groupBy !== undefined && query.groupBy !== base.field;
  if (crossed) return rowLevelOverview(db, query, out, range, starts, size, max);

  refreshRollups(db);
  const allKey = base ? (base.value ?? NO_VALUE) : 'all';
  const all = base ? rollupSeries(db, sliceColumn(base.field), starts, size, { value: base.value }) : rollupSeries(db, '', starts, size);
  out.series.push(seriesOfCells([...all.values()][0]?.cells, starts, size, base, allKey));
  if (query.groupBy) {
    const column = sliceColumn(query.groupBy);
    const groups = [...rollupSeries(db, column, starts, size, base ? { value: base.value } : undefined).entries()].sort(
      ([va, a], [vb, b]) => b.n - a.n || (va ?? NO_VALUE).localeCompare(vb ?? NO_VALUE),
    );
    for (const [value, entry] of groups.slice(0, max)) out.series.push(seriesOfCells(entry.cells, starts, size, { field: column, value }, value ?? NO_VALUE));
    const rest = groups.slice(max);
    out.otherGroups = { values: rest.length, cases: rest.reduce((sum, [, g]) => sum + g.n, 0) };
  }
  return out;
}

/** The overview from case_metrics rows (exact percentiles): for a slice filter grouped by another field. */
function rowLevelOverview(
  db: Db,
  query: OverviewQuery,
  out: MonitorOverview,
  range: SecondsRange,
  starts: number[],
  size: number,
  max: number,
): MonitorOverview {
  const base = query.slice ?? null;
  const allRows = aggregate(db, range, query.window, base);
  out.series.push(seriesOf(new Map(allRows.map((r) => [r[0] as number, r.slice(1) as (number | null)[]])), starts, size, base, base ? (base.value ?? NO_VALUE) : 'all'));
  const column = sliceColumn(query.groupBy!);
  const byValue = new Map<string | null, { n: number; byStart: Map<number, (number | null)[]> }>();
  for (const row of aggregate(db, range, query.window, base, column)) {
    const value = row[1] as string | null;
    let entry = byValue.get(value);
    if (!entry) byValue.set(value, (entry = { n: 0, byStart: new Map() }));
    entry.n += Number(row[2]);
    entry.byStart.set(row[0] as number, row.slice(2) as (number | null)[]);
  }
  const groups = [...byValue.entries()].sort(([va, a], [vb, b]) => b.n - a.n || (va ?? NO_VALUE).localeCompare(vb ?? NO_VALUE));
  for (const [value, entry] of groups.slice(0, max)) out.series.push(seriesOf(entry.byStart, starts, size, { field: column, value }, value ?? NO_VALUE));
  const rest = groups.slice(max);
  out.otherGroups = { values: rest.length, cases: rest.reduce((sum, [, g]) => sum + g.n, 0) };
  return out;
}
