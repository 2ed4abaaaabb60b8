/**
 * Eval-set coverage: the golden set's (the accepted cases') slice mix against production's (the cases of a time
 * range, or every case), per slice field: per-value counts and shares, the Jensen-Shannon distance (base 2) and the
 * values production has that the golden set lacks. Production counts come from the hourly rollups, so a range is
 * widened to whole hours.
 */
import type { Db } from '../store/database.js';
import { jensenShannonDistance } from './drift-stats.js';
import { jsBandOf, type Band } from './drift.js';
import { NO_VALUE, SLICE_COLUMNS, sliceColumn, type SliceColumn } from './overview.js';
import type { Thresholds } from './thresholds.js';
import { refreshRollups } from './rollup.js';
import { isoOfSeconds, secondsRange } from './time-windows.js';

export interface CoverageField {
  field: SliceColumn;
  values: { value: string; production: number; productionShare: number; golden: number; goldenShare: number }[];
  jsDistance: number | null;
  band: Band | null;
  gaps: { value: string; productionCount: number; productionShare: number }[];
}

export interface MonitorCoverage {
  production: { cases: number; from: string | null; to: string | null };
  golden: { cases: number };
  fields: CoverageField[];
  thresholds: Thresholds;
}

export interface CoverageQuery {
  from?: string;
  to?: string;
  fields?: SliceColumn[];
}

export function monitorCoverage(db: Db, query: CoverageQuery, t: Thresholds): MonitorCoverage {
  const range = query.from !== undefined || query.to !== undefined ? secondsRange({ from: query.from ?? '1970-01-01T00:00:00Z', to: query.to ?? '9999-01-01T00:00:00Z' }) : null;
  const fields = (query.fields ?? [...SLICE_COLUMNS]).map(sliceColumn);
  // Production from the hourly rollups (whole hours: a range is widened to the hours it touches).
  refreshRollups(db);
  const fromHour = range ? Math.floor(range.from / 3600) : -1;
  const toHour = range ? Math.ceil(range.to / 3600) : Number.MAX_SAFE_INTEGER;
  // All time reads the daily rollups; a range, the hourly ones.
  const grain = range ? 1 : 24;
  const production = db
    .prepare(
      `SELECT field, value, sum(cases) AS n FROM monitor_rollup WHERE grain = ? AND hour >= ? AND hour < ? AND field IN (SELECT value FROM json_each(?))
       GROUP BY field, value`,
    )
    .all(grain, fromHour, toHour, JSON.stringify(fields)) as { field: SliceColumn; value: string | null; n: number }[];
  const productionCases = db.prepare("SELECT coalesce(sum(cases), 0) FROM monitor_rollup WHERE grain = ? AND field = '' AND hour >= ? AND hour < ?").pluck().get(grain, fromHour, toHour) as number;
  // The golden set: the accepted cases (few; read through the status index).
  // One pass over the status index (it covers the slice columns).
  const golden: { field: SliceColumn; value: string | null; n: number }[] = [];
  const tally = new Map<string, { field: SliceColumn; value: string | null; n: number }>();
  let goldenCases = 0;
  for (const row of db.prepare(`SELECT ${fields.join(', ')} FROM case_metrics WHERE status = 'accepted'`).raw().iterate() as Iterable<(string | null)[]>) {
    goldenCases++;
    fields.forEach((field, i) => {
      const value = row[i] ?? null;
      const key = `${field}\u0000${value ?? '\u0001'}`;
      const entry = tally.get(key);
      if (entry) entry.n++;
      else tally.set(key, { field, value, n: 1 });
    });
  }
  golden.push(...tally.values());

  return {
    production: {
      cases: productionCases,
      from: range && query.from !== undefined ? isoOfSeconds(fromHour * 3600) : null,
      to: range && query.to !== undefined ? isoOfSeconds(toHour * 3600) : null,
    },
    golden: { cases: goldenCases },
    fields: fields.map((field): CoverageField => {
      const counts = new Map<string, { production: number; golden: number }>();
      const entry = (value: string | null) => {
        const key = value ?? NO_VALUE;
        let e = counts.get(key);
        if (!e) counts.set(key, (e = { production: 0, golden: 0 }));
        return e;
      };
      for (const r of production) if (r.field === field) entry(r.value).production += r.n;
      for (const r of golden) if (r.field === field) entry(r.value).golden += r.n;
      const values = [...counts.entries()]
        .map(([value, c]) => ({
          value,
          production: c.production,
          productionShare: productionCases > 0 ? c.production / productionCases : 0,
          golden: c.golden,
          goldenShare: goldenCases > 0 ? c.golden / goldenCases : 0,
        }))
        .sort((a, b) => b.production - a.production || b.golden - a.golden || a.value.localeCompare(b.value));
      const js = productionCases > 0 && goldenCases > 0 ? jensenShannonDistance(values.map((v) => v.production), values.map((v) => v.golden)) : null;
      return {
        field,
        values,
        jsDistance: js,
        band: jsBandOf(js, t),
        gaps: values.filter((v) => v.production > 0 && v.golden === 0).map((v) => ({ value: v.value, productionCount: v.production, productionShare: v.productionShare })),
      };
    }),
    thresholds: t,
  };
}
