/**
 * `npm run bench:monitor [-- --records N] [--quick] [--workspace DIR]`: the production dashboard's queries over a
 * large encrypted workspace, against the 500 ms target per query.
 *
 * Fast path: the interactions are synthesised (main/core/monitor/synthetic.ts: 90 days of traffic, a planted shift
 * in the last week, 2 % accepted) and written straight into `cases` in bulk, with the same schema and the same
 * triggers an ingest fires (case_queue, case_metrics), but without reading a log file or running the
 * de-identifier: this measures the dashboard, not ingest (`npm run bench:ingest` measures that). The workspace is
 * kept under /tmp/quarry-bench-monitor-<N> and reused by later runs of the same size. `--quick` is 50,000 records.
 *
 * Drift includes the vocabulary metric, which reads per-case token bucket counts from a cache filled on first use
 * (main/core/monitor/vocabulary.ts): the cache is emptied and the first drift query timed apart (cold, filling it),
 * then every query runs with it warm, as the dashboard does after its first look at a window.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../store/database.js';
import { openOrCreateWorkspace } from '../store/workspace.js';
import { computeAlerts, monitorAlerts } from './alerts.js';
import { monitorCoverage } from './coverage.js';
import { monitorDrift } from './drift.js';
import { monitorOverview } from './overview.js';
import { refreshRollups } from './rollup.js';
import { insertSyntheticCases, productionCases } from './synthetic.js';
import { DEFAULT_THRESHOLDS } from './thresholds.js';
import { secondsRange } from './time-windows.js';
import { vocabularyColumn, vocabularyDrift } from './vocabulary.js';
import { BASELINE_CAP, loadWindowRows } from './window-rows.js';

const PASSPHRASE = 'bench monitor passphrase';
const START = '2026-01-05T00:00:00Z';
const DAYS = 91;
const TARGET_MS = 500;
const CHUNK = 50_000;

const { values } = parseArgs({
  options: {
    records: { type: 'string' },
    quick: { type: 'boolean', default: false },
    workspace: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    repeat: { type: 'string', default: '3' },
  },
});
const records = values.quick ? 50_000 : Number(values.records ?? 1_000_000);
if (!Number.isSafeInteger(records) || records < 1000) throw new Error('--records must be a whole number of at least 1000');
const repeat = Math.max(1, Number(values.repeat));
const dir = values.workspace ?? join(tmpdir(), `quarry-bench-monitor-${records}`);

function* take<T>(source: Iterator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) {
    const next = source.next();
    if (next.done) return;
    yield next.value;
  }
}

function fill(db: Db): void {
  const have = db.prepare('SELECT count(*) FROM case_metrics').pluck().get() as number;
  if (have === records) {
    console.log(`Reusing ${dir}: ${records.toLocaleString('en')} cases already there.`);
    return;
  }
  if (have !== 0) throw new Error(`${dir} holds ${have} cases, not ${records}: pass --fresh to rebuild it`);
  console.log(`Fast path: synthesising ${records.toLocaleString('en')} interactions over ${DAYS} days and inserting them directly into the encrypted`);
  console.log('workspace (same schema and triggers as an ingest; no log parsing, no de-identification).');
  const source = productionCases({ count: records, start: START, days: DAYS, shiftFromDay: DAYS - 7, acceptedShare: 0.02, seed: 11 })[Symbol.iterator]();
  const started = performance.now();
  for (let done = 0; done < records; done += CHUNK) {
    insertSyntheticCases(db, take(source, Math.min(CHUNK, records - done)), `bench-${done}.jsonl`);
    const elapsed = (performance.now() - started) / 1000;
    process.stderr.write(`\r  ${Math.min(records, done + CHUNK).toLocaleString('en')} inserted (${elapsed.toFixed(0)} s)`);
  }
  process.stderr.write('\n');
  console.log(`Inserted in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/** The vocabulary metric's figures, for the results column. */
function vocabularyText(d: ReturnType<typeof monitorDrift>): string {
  const v = d.input.find((m) => m.metric === 'vocabulary');
  if (!v?.vocabulary) return 'no vocabulary';
  return `vocabulary JS ${v.jsDistance?.toFixed(3) ?? '—'} (${v.band ?? 'no data'}) on ${v.vocabulary.currentCases}+${v.vocabulary.baselineCases}`;
}

/**
 * Median wall-clock and CPU (user + system) milliseconds of `repeat` runs. On a shared machine the wall time
 * includes waiting for a core; the CPU time is what the query itself costs (it runs on one thread).
 */
function time<T>(work: () => T): { ms: number; cpuMs: number; result: T } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let result!: T;
  for (let i = 0; i < repeat; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = work();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { ms: median(walls), cpuMs: median(cpus), result };
}

if (values.fresh && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
mkdirSync(join(dir, '..'), { recursive: true });
const { workspace } = openOrCreateWorkspace(dir, PASSPHRASE);
try {
  const db = workspace.db;
  fill(db);
  const t = DEFAULT_THRESHOLDS;
  const day = (n: number) => new Date(Date.parse(START) + n * 86_400_000).toISOString();
  const full = { from: day(0), to: day(DAYS) };
  const current = { from: day(DAYS - 7), to: day(DAYS) };
  const baseline = { from: day(DAYS - 14), to: day(DAYS - 7) };
  let windowIds: number[][] | undefined;
  const queries: { name: string; run: () => string }[] = [
    { name: `overview, ${DAYS} days by day`, run: () => `${monitorOverview(db, { ...full, window: 'day' }).series[0]!.cases} cases` },
    { name: `overview, ${DAYS} days by week`, run: () => `${monitorOverview(db, { ...full, window: 'week' }).series[0]!.points.length} windows` },
    { name: 'overview, last 7 days by hour', run: () => `${monitorOverview(db, { ...current, window: 'hour' }).series[0]!.points.length} windows` },
    {
      name: `overview, ${DAYS} days by day, per intent`,
      run: () => `${monitorOverview(db, { ...full, window: 'day', groupBy: 'intent' }).series.length} series`,
    },
    {
      name: `overview, ${DAYS} days by day, language=es`,
      run: () => `${monitorOverview(db, { ...full, window: 'day', slice: { field: 'language', value: 'es' } }).series[0]!.cases} cases`,
    },
    {
      name: 'drift, last week vs the week before',
      run: () => {
        const d = monitorDrift(db, { current, baseline }, t);
        return `${d.current.cases}+${d.baseline.cases} cases, ${d.input.filter((m) => m.band === 'major').length} major, ${vocabularyText(d)}`;
      },
    },
    {
      name: '  of which the vocabulary (warm cache)',
      run: () => {
        // What the vocabulary adds to the drift query above (the windows' rows are loaded once, untimed): both
        // samples picked and read from the cache, then the JS distance and its 16 random splits.
        windowIds ??= [loadWindowRows(db, secondsRange(baseline, 'baseline'), null, { maxRows: BASELINE_CAP }).ids, loadWindowRows(db, secondsRange(current, 'current')).ids];
        const [b, c] = windowIds.map((ids) => vocabularyColumn(db, ids).filter((v) => v !== null));
        const v = vocabularyDrift(b!, c!);
        return `JS ${v.jsDistance?.toFixed(3)} net of ${v.noiseJsDistance?.toFixed(3)} by chance, on ${c!.length}+${b!.length} cases`;
      },
    },
    { name: 'alerts, per intent', run: () => `${monitorAlerts(db, { current, baseline, groupBy: 'intent' }, t).alerts.length} alerts` },
    {
      name: 'drift, last week vs all 91 days (stress)',
      run: () => `${monitorDrift(db, { current, baseline: full }, t).baseline.cases} baseline cases`,
    },
    { name: 'coverage, all fields, all time', run: () => `${monitorCoverage(db, {}, t).golden.cases} golden` },
  ];
  // The hourly rollups are rebuilt on the first dashboard read after a write; time that once, apart.
  const dirty = db.prepare('SELECT count(*) FROM monitor_dirty_hours').pluck().get() as number;
  if (dirty > 0) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    refreshRollups(db);
    const c = process.cpuUsage(c0);
    console.log(`\nRollups rebuilt for ${dirty} hour(s) in ${(performance.now() - t0).toFixed(0)} ms (CPU ${((c.user + c.system) / 1000).toFixed(0)} ms): once, on the first read after the bulk insert.`);
  }
  // The vocabulary cache, cold: emptied, then filled by one drift query over the two weeks.
  const cachedBefore = db.prepare('DELETE FROM case_token_buckets').run().changes;
  {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const d = monitorDrift(db, { current, baseline }, t);
    const c = process.cpuUsage(c0);
    const filled = db.prepare('SELECT count(*) FROM case_token_buckets').pluck().get() as number;
    console.log(
      `\nDrift with the vocabulary cache cold (${cachedBefore} cached rows dropped; ${filled} cases tokenized and stored): ${(performance.now() - t0).toFixed(0)} ms (CPU ${((c.user + c.system) / 1000).toFixed(0)} ms); ${vocabularyText(d)}.`,
    );
  }
  console.log(`\n${records.toLocaleString('en')} interactions; median of ${repeat} run(s) per query; target ${TARGET_MS} ms each. Load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores.\n`);
  console.log(`${'query'.padEnd(44)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)}  ${'target'.padStart(6)}  result`);
  let failed = 0;
  for (const q of queries) {
    const { ms, cpuMs, result } = time(q.run);
    const ok = ms <= TARGET_MS;
    if (!ok) failed++;
    console.log(`${q.name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ${cpuMs.toFixed(1).padStart(8)}  ${(ok ? 'ok' : 'SLOW').padStart(6)}  ${result}`);
  }
  const alertCount = computeAlerts(db, { current, baseline }, t).alerts.length;
  console.log(`\n${failed === 0 ? 'Every query within' : `${failed} quer${failed === 1 ? 'y' : 'ies'} over`} ${TARGET_MS} ms wall-clock. (${alertCount} alerts overall for the planted shift.)`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  workspace.close();
}
