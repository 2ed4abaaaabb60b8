/**
 * Alerts: every drift or quality metric that crosses its threshold, for all cases (within an optional slice) and for
 * each value of a `groupBy` slice field that has at least `minCases` cases in both windows. Each alert names its
 * metric, slice, windows, value and threshold, and the current window's cases behind it. An alert's id is a hash of
 * (metric, slice, windows), so the same query finds it again (for a mining run over its cases).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../store/database.js';
import { attachVocabulary, inputDrift, qualityDrift, type Measured, type InputDriftMetric } from './drift.js';
import { NO_VALUE, type SliceColumn, type SliceFilter } from './overview.js';
import type { Thresholds } from './thresholds.js';
import { isoOfSeconds, secondsRange } from './time-windows.js';
import { BASELINE_CAP, loadWindowRows, positionsByValue, subset, type WindowRows } from './window-rows.js';

export interface MonitorAlert {
  id: string;
  metric: string;
  label: string;
  severity: 'moderate' | 'major';
  slice: SliceFilter | null;
  current: { from: string; to: string };
  baseline: { from: string; to: string };
  statistic: 'psi' | 'js-distance' | 'rate-increase' | 'score-drop';
  value: number;
  threshold: number;
  currentValue: number | null;
  baselineValue: number | null;
  pValue: number | null;
  message: string;
  caseIds: number[];
  caseCount: number;
}

/** An alert with its case ids on demand, ascending, up to a limit (the bridge gets a capped list; mining all). */
export type FullAlert = Omit<MonitorAlert, 'caseIds'> & { caseIdsUpTo: (limit: number) => number[] };

/**
 * Ascending case ids of chosen rows, without sorting each alert's rows: the window's rows are ordered by id once
 * (`byId`), and each alert walks that order over its own rows' flags.
 */
function idLister(current: WindowRows): (positions: number[]) => (limit: number) => number[] {
  let byId: Uint32Array | null = null;
  const order = (): Uint32Array => {
    if (!byId) {
      // Pack (id, position) into one float (ids and positions stay far below 2^26), sort numerically, unpack.
      const packed = Float64Array.from(current.ids, (id, i) => id * 2 ** 26 + i).sort();
      byId = Uint32Array.from(packed, (v) => v % 2 ** 26);
    }
    return byId;
  };
  return (positions) => (limit) => {
    const flags = new Uint8Array(current.ids.length);
    for (const p of positions) flags[p] = 1;
    const out: number[] = [];
    for (const p of order()) {
      if (out.length >= limit) break;
      if (flags[p]) out.push(current.ids[p]!);
    }
    return out;
  };
}

export interface AlertQuery {
  current: { from: string; to: string };
  baseline: { from: string; to: string };
  slice?: SliceFilter;
  groupBy?: SliceColumn;
}

export function alertId(metric: string, slice: SliceFilter | null, current: { from: string; to: string }, baseline: { from: string; to: string }): string {
  const key = JSON.stringify([metric, slice?.field ?? null, slice ? slice.value : null, current.from, current.to, baseline.from, baseline.to]);
  return createHash('sha256').update(key).digest('hex').slice(0, 20);
}

function sliceText(slice: SliceFilter | null): string {
  return slice ? ` (${slice.field} = ${slice.value ?? NO_VALUE})` : '';
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function inputAlert(m: Measured<InputDriftMetric>, t: Thresholds): Pick<FullAlert, 'statistic' | 'value' | 'threshold' | 'severity'> | null {
  const { metric } = m;
  if (metric.band === null || metric.band === 'ok') return null;
  // Which statistic put it over: PSI for length (and a mix's PSI band), JS distance for tokens (and a mix's JS band).
  const byPsi = metric.metric !== 'token_count' && metric.psiBand !== null && metric.psiBand !== 'ok' && metric.psiBand === metric.band;
  if (byPsi) {
    return { statistic: 'psi', value: metric.psi!, threshold: metric.band === 'major' ? t.psiMajor : t.psiModerate, severity: metric.band };
  }
  return { statistic: 'js-distance', value: metric.jsDistance!, threshold: t.jsDistance, severity: metric.band };
}

function scopeAlerts(
  baseline: WindowRows,
  current: WindowRows,
  slice: SliceFilter | null,
  windows: { current: { from: string; to: string }; baseline: { from: string; to: string } },
  t: Thresholds,
  skipField: SliceColumn | undefined,
): { alerts: FullAlert[]; metrics: number } {
  const alerts: FullAlert[] = [];
  const lister = idLister(current);
  const inputs = inputDrift(baseline, current, t, 10, skipField);
  const quality = qualityDrift(baseline, current, t);
  const enough = baseline.ids.length >= t.minCases && current.ids.length >= t.minCases;
  if (enough) {
    for (const m of inputs) {
      const crossing = inputAlert(m, t);
      if (!crossing) continue;
      const behind = m.behind();
      const where =
        m.metric.metric === 'vocabulary'
          ? `net of sampling noise; all ${behind.length} current cases`
          : `${behind.length} current cases in the over-represented ${m.metric.kind === 'numeric' ? 'bins' : 'values'}`;
      alerts.push({
        id: alertId(m.metric.metric, slice, windows.current, windows.baseline),
        metric: m.metric.metric,
        label: `${m.metric.label} shifted${sliceText(slice)}`,
        slice,
        ...windows,
        ...crossing,
        currentValue: null,
        baselineValue: null,
        pValue: m.metric.ks?.pValue ?? null,
        message: `${m.metric.label}${sliceText(slice)}: ${crossing.statistic === 'psi' ? 'PSI' : 'JS distance'} ${crossing.value.toFixed(3)} ≥ ${crossing.threshold} (${crossing.severity}); ${where}.`,
        caseCount: behind.length,
        caseIdsUpTo: lister(behind),
      });
    }
  }
  for (const m of quality) {
    const q = m.metric;
    if (!q.crossed) continue;
    const behind = m.behind();
    const isRate = q.kind === 'rate';
    alerts.push({
      id: alertId(q.metric, slice, windows.current, windows.baseline),
      metric: q.metric,
      label: `${q.label} ${isRate ? 'rose' : 'dropped'}${sliceText(slice)}`,
      severity: isRate && q.difference! >= 2 * t.rateIncrease ? 'major' : !isRate && -q.difference! >= 2 * t.scoreDrop ? 'major' : 'moderate',
      slice,
      ...windows,
      statistic: isRate ? 'rate-increase' : 'score-drop',
      value: isRate ? q.difference! : -q.difference!,
      threshold: isRate ? t.rateIncrease : t.scoreDrop,
      currentValue: q.current,
      baselineValue: q.baseline,
      pValue: q.test?.pValue ?? null,
      message: isRate
        ? `${q.label}${sliceText(slice)}: ${pct(q.baseline!)} → ${pct(q.current!)} (+${(q.difference! * 100).toFixed(1)} points ≥ ${(t.rateIncrease * 100).toFixed(1)}; p = ${q.test!.pValue.toPrecision(2)}).`
        : `${q.label}${sliceText(slice)}: ${q.baseline!.toFixed(3)} → ${q.current!.toFixed(3)} (drop ${(-q.difference!).toFixed(3)} ≥ ${t.scoreDrop}; KS p = ${q.test!.pValue.toPrecision(2)}).`,
      caseCount: behind.length,
      caseIdsUpTo: lister(behind),
    });
  }
  return { alerts, metrics: inputs.length + quality.length };
}

/** Every alert of the query, with all case ids; most severe first, then by metric and slice. */
export function computeAlerts(db: Db, query: AlertQuery, t: Thresholds): { alerts: FullAlert[]; evaluated: { slices: number; metrics: number } } {
  const cur = secondsRange(query.current, 'current window');
  const base = secondsRange(query.baseline, 'baseline window');
  const windows = { current: { from: isoOfSeconds(cur.from), to: isoOfSeconds(cur.to) }, baseline: { from: isoOfSeconds(base.from), to: isoOfSeconds(base.to) } };
  const filter = query.slice ?? null;
  const current = loadWindowRows(db, cur, filter);
  const baseline = loadWindowRows(db, base, filter, { maxRows: BASELINE_CAP });
  attachVocabulary(db, baseline, current);
  const alerts: FullAlert[] = [];
  let slices = 1;
  const top = scopeAlerts(baseline, current, filter, windows, t, filter?.field);
  alerts.push(...top.alerts);
  let metrics = top.metrics;
  if (query.groupBy && query.groupBy !== filter?.field) {
    const field = query.groupBy;
    const inBaseline = positionsByValue(baseline, field);
    for (const [value, positions] of positionsByValue(current, field)) {
      const basePositions = inBaseline.get(value) ?? [];
      if (positions.length < t.minCases || basePositions.length < t.minCases) continue;
      slices++;
      const scoped = scopeAlerts(subset(baseline, basePositions), subset(current, positions), { field, value }, windows, t, field);
      alerts.push(...scoped.alerts);
      metrics += scoped.metrics;
    }
  }
  const rank = { major: 0, moderate: 1 };
  alerts.sort(
    (a, b) =>
      rank[a.severity] - rank[b.severity] ||
      a.metric.localeCompare(b.metric) ||
      (a.slice ? `${a.slice.field}=${a.slice.value ?? NO_VALUE}` : '').localeCompare(b.slice ? `${b.slice.field}=${b.slice.value ?? NO_VALUE}` : ''),
  );
  return { alerts, evaluated: { slices, metrics } };
}

/** The alerts for the bridge: case ids capped at `caseLimit` (default 100). */
export function monitorAlerts(
  db: Db,
  query: AlertQuery & { caseLimit?: number },
  t: Thresholds,
): { alerts: MonitorAlert[]; evaluated: { slices: number; metrics: number }; thresholds: Thresholds } {
  const { alerts, evaluated } = computeAlerts(db, query, t);
  const limit = query.caseLimit ?? 100;
  return {
    alerts: alerts.map(({ caseIdsUpTo, ...alert }) => ({ ...alert, caseIds: caseIdsUpTo(limit) })),
    evaluated,
    thresholds: t,
  };
}
