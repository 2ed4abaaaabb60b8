/**
 * Rollups of case_metrics (tables monitor_rollup and monitor_rollup_hist, migration 013), per hour and per UTC day,
 * for all cases (field '') and per slice field and value: case count, the five signal counts, and latency and cost
 * as counts, a total and sparse log-scale histograms (bins 2 % wide, so a percentile read from them is within about
 * 1 % of the exact one). Triggers on `cases` list the hours a write touched in monitor_dirty_hours; before any read,
 * `refreshRollups` rebuilds the days holding them from case_metrics, so a rollup is never stale. The time series
 * then read a few rows per hour or day instead of every case.
 */
import { SIGNAL_BIT } from '../review/queue-signals.js';
import type { Db } from '../store/database.js';
import { MONITOR_SIGNALS, SLICE_COLUMNS, type MonitorSignal, type SliceColumn } from './overview-types.js';

const LN_RATIO = Math.log(1.02);
/** Values at or below zero share one bin. */
const ZERO_BIN = -1_000_000;

export function binOf(v: number): number {
  return v > 0 ? Math.floor(Math.log(v) / LN_RATIO) : ZERO_BIN;
}

/** The geometric middle of a bin (0 for the zero bin). */
export function binValue(bin: number): number {
  return bin === ZERO_BIN ? 0 : Math.exp((bin + 0.5) * LN_RATIO);
}

/** A sparse histogram: bin → count. */
export type Histogram = Map<number, number>;

export function addToHistogram(h: Histogram, bin: number, n = 1): void {
  h.set(bin, (h.get(bin) ?? 0) + n);
}

function encode(h: Histogram): string {
  const flat: number[] = [];
  for (const [bin, n] of h) flat.push(bin, n);
  return JSON.stringify(flat);
}

export function mergeEncoded(into: Histogram, text: string): void {
  const flat = JSON.parse(text) as number[];
  for (let i = 0; i < flat.length; i += 2) addToHistogram(into, flat[i]!, flat[i + 1]!);
}

/**
 * The p-quantile (0..1) of a histogram, by linear interpolation between the closest ranks as numpy's default,
 * each rank taking its bin's middle value. Null when empty.
 */
export function histogramQuantile(h: Histogram, p: number): number | null {
  const bins = [...h.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const rank = p * (total - 1);
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const [bin, n] of bins) {
      seen += n;
      if (index < seen) return binValue(bin);
    }
    return binValue(bins.at(-1)![0]);
  };
  const lo = Math.floor(rank);
  const below = valueAt(lo);
  return rank === lo ? below : below + (valueAt(lo + 1) - below) * (rank - lo);
}

export interface RollupCell {
  cases: number;
  signals: Record<MonitorSignal, number>;
  latencyN: number;
  latency: Histogram;
  costN: number;
  costTotal: number;
  cost: Histogram;
}

export function emptyCell(): RollupCell {
  return {
    cases: 0,
    signals: Object.fromEntries(MONITOR_SIGNALS.map((s) => [s, 0])) as Record<MonitorSignal, number>,
    latencyN: 0,
    latency: new Map(),
    costN: 0,
    costTotal: 0,
    cost: new Map(),
  };
}

/** Adds a stored rollup row into a cell. */
export function mergeRow(cell: RollupCell, row: RollupRow): void {
  cell.cases += row.cases;
  for (const s of MONITOR_SIGNALS) cell.signals[s] += row[s];
  cell.latencyN += row.latency_n;
  mergeEncoded(cell.latency, row.latency_hist);
  cell.costN += row.cost_n;
  cell.costTotal += row.cost_total;
  mergeEncoded(cell.cost, row.cost_hist);
}

export interface RollupRow extends Record<MonitorSignal, number> {
  hour: number;
  field: string;
  value: string | null;
  cases: number;
  latency_n: number;
  latency_hist: string;
  cost_n: number;
  cost_total: number;
  cost_hist: string;
}

type Cells = Map<number, Map<string, Map<string | null, RollupCell>>>;

function cellIn(cells: Cells, hour: number, field: string, value: string | null): RollupCell {
  let byField = cells.get(hour);
  if (!byField) cells.set(hour, (byField = new Map()));
  let byValue = byField.get(field);
  if (!byValue) byField.set(field, (byValue = new Map()));
  let cell = byValue.get(value);
  if (!cell) byValue.set(value, (cell = emptyCell()));
  return cell;
}

function mergeCell(into: RollupCell, from: RollupCell): void {
  into.cases += from.cases;
  for (const s of MONITOR_SIGNALS) into.signals[s] += from.signals[s];
  into.latencyN += from.latencyN;
  for (const [bin, n] of from.latency) addToHistogram(into.latency, bin, n);
  into.costN += from.costN;
  into.costTotal += from.costTotal;
  for (const [bin, n] of from.cost) addToHistogram(into.cost, bin, n);
}

/**
 * Rebuilds the rollups of the days holding any hour a write touched since the last refresh: every hour of those
 * days from its rows, and each day from its hours. Returns how many hours were marked.
 */
export function refreshRollups(db: Db): number {
  const dirty = db.prepare('SELECT hour FROM monitor_dirty_hours ORDER BY hour').pluck().all() as number[];
  if (dirty.length === 0) return 0;
  const scan = db
    .prepare(`SELECT occurred_s, signal_mask, latency_ms, cost_usd, ${SLICE_COLUMNS.join(', ')} FROM case_metrics WHERE occurred_s >= ? AND occurred_s < ?`)
    .raw();
  const clearHist = db.prepare('DELETE FROM monitor_rollup_hist WHERE rollup_id IN (SELECT rowid FROM monitor_rollup WHERE grain = ? AND hour >= ? AND hour < ?)');
  const clear = db.prepare('DELETE FROM monitor_rollup WHERE grain = ? AND hour >= ? AND hour < ?');
  const insertHist = db.prepare('INSERT INTO monitor_rollup_hist (rollup_id, latency_hist, cost_hist) VALUES (?, ?, ?)');
  const forget = db.prepare('DELETE FROM monitor_dirty_hours WHERE hour >= ? AND hour < ?');
  const insert = db.prepare(
    `INSERT INTO monitor_rollup (grain, hour, field, value, cases, ${MONITOR_SIGNALS.join(', ')}, latency_n, cost_n, cost_total)
     VALUES (?, ?, ?, ?, ?, ${MONITOR_SIGNALS.map(() => '?').join(', ')}, ?, ?, ?)`,
  );
  const bits = MONITOR_SIGNALS.map((s) => SIGNAL_BIT[s]);
  const store = (grain: number, cells: Cells) => {
    for (const [hour, byField] of cells) {
      for (const [field, byValue] of byField) {
        for (const [value, c] of byValue) {
          const id = insert.run(grain, hour, field, value, c.cases, ...MONITOR_SIGNALS.map((s) => c.signals[s]), c.latencyN, c.costN, c.costTotal).lastInsertRowid;
          insertHist.run(id, encode(c.latency), encode(c.cost));
        }
      }
    }
  };
  // Runs of whole days: consecutive dirty days, at most a week of them per scan.
  const days = [...new Set(dirty.map((h) => Math.floor(h / 24)))];
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && day === run.at(-1)! + 1 && run.length < 7) run.push(day);
    else runs.push([day]);
  }
  db.transaction(() => {
    for (const run of runs) {
      const fromHour = run[0]! * 24;
      const toHour = (run.at(-1)! + 1) * 24;
      const hours: Cells = new Map();
      for (const row of scan.iterate(fromHour * 3600, toHour * 3600) as Iterable<[number, number, number | null, number | null, ...(string | null)[]]>) {
        const hour = Math.floor(row[0] / 3600);
        const mask = row[1];
        const latency = row[2];
        const cost = row[3];
        const latencyBin = latency === null ? null : binOf(latency);
        const costBin = cost === null ? null : binOf(cost);
        for (let f = -1; f < SLICE_COLUMNS.length; f++) {
          const cell = f < 0 ? cellIn(hours, hour, '', null) : cellIn(hours, hour, SLICE_COLUMNS[f]!, (row[4 + f] as string | null) ?? null);
          cell.cases++;
          for (let s = 0; s < bits.length; s++) if ((mask & bits[s]!) !== 0) cell.signals[MONITOR_SIGNALS[s]!]++;
          if (latencyBin !== null) {
            cell.latencyN++;
            addToHistogram(cell.latency, latencyBin);
          }
          if (costBin !== null) {
            cell.costN++;
            cell.costTotal += cost!;
            addToHistogram(cell.cost, costBin);
          }
        }
      }
      // Each day from its hours.
      const dayCells: Cells = new Map();
      for (const [hour, byField] of hours) {
        const day = Math.floor(hour / 24) * 24;
        for (const [field, byValue] of byField) for (const [value, cell] of byValue) mergeCell(cellIn(dayCells, day, field, value), cell);
      }
      for (const grain of [1, 24]) {
        clearHist.run(grain, fromHour, toHour);
        clear.run(grain, fromHour, toHour);
      }
      store(1, hours);
      store(24, dayCells);
      forget.run(fromHour, toHour);
    }
  })();
  return dirty.length;
}

/**
 * Rollup rows of one field ('' for all cases) over [fromHour, toHour), with their histograms: hourly rows
 * (`grain` 1), or daily rows (24) when both ends fall on UTC midnights.
 */
export function readRollupRows(db: Db, field: '' | SliceColumn, fromHour: number, toHour: number, grain: 1 | 24 = 1): RollupRow[] {
  if (grain === 24 && (fromHour % 24 !== 0 || toHour % 24 !== 0)) throw new Error('daily rollups need whole days');
  return db
    .prepare(
      `SELECT r.*, h.latency_hist, h.cost_hist FROM monitor_rollup r JOIN monitor_rollup_hist h ON h.rollup_id = r.rowid
       WHERE r.grain = ? AND r.field = ? AND r.hour >= ? AND r.hour < ?`,
    )
    .all(grain, field, fromHour, toHour) as RollupRow[];
}
