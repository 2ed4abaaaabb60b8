/**
 * `quarry monitor overview|drift|alerts|mine`: the production dashboard's figures on the command line, as tables or
 * JSON (`--json`). Windows are ISO intervals `START/END`; without them, the current window is the latest
 * `--window` (default week) holding a case and the baseline the one before it. Role checks and audit entries as
 * in the app.
 */
import type { Command } from 'commander';
import { QuarryError } from '../core/errors.js';
import {
  SLICE_COLUMNS,
  WINDOW_SECONDS,
  mineAlert,
  monitorAlerts,
  monitorDrift,
  monitorExtent,
  monitorOverview,
  readThresholds,
  windowStart,
  type MonitorWindow,
  type SliceColumn,
  type SliceFilter,
} from '../core/monitor/index.js';
import type { Db } from '../core/store/database.js';
import { actor, openSession, withWorkspaceOptions, type WorkspaceFlags } from './common.js';

type MonitorFlags = WorkspaceFlags & {
  json?: boolean;
  window?: string;
  from?: string;
  to?: string;
  current?: string;
  baseline?: string;
  slice?: string;
  groupBy?: string;
  caseLimit?: string;
  budget?: string;
  seed?: string;
};

interface Range {
  from: string;
  to: string;
}

function windowOf(flags: MonitorFlags): MonitorWindow {
  const w = flags.window ?? 'week';
  if (w !== 'hour' && w !== 'day' && w !== 'week') throw new QuarryError('monitor-window-invalid', `--window must be hour, day or week (not ${JSON.stringify(w)}).`);
  return w;
}

function interval(value: string, flag: string): Range {
  const [from, to, extra] = value.split('/');
  if (!from || !to || extra !== undefined || !Number.isFinite(Date.parse(from)) || !Number.isFinite(Date.parse(to))) {
    throw new QuarryError('monitor-range-invalid', `${flag} must be an ISO interval START/END, e.g. 2026-03-02T00:00:00Z/2026-03-09T00:00:00Z (got ${JSON.stringify(value)}).`);
  }
  return { from, to };
}

function sliceOf(value: string | undefined): SliceFilter | undefined {
  if (value === undefined) return undefined;
  const at = value.indexOf('=');
  const field = at > 0 ? value.slice(0, at) : '';
  if (!(SLICE_COLUMNS as readonly string[]).includes(field)) {
    throw new QuarryError('monitor-slice-invalid', `--slice must be FIELD=VALUE with FIELD one of ${SLICE_COLUMNS.join(', ')} (got ${JSON.stringify(value)}); an empty VALUE means "no value".`);
  }
  const v = value.slice(at + 1);
  return { field: field as SliceColumn, value: v === '' ? null : v };
}

function groupByOf(value: string | undefined): SliceColumn | undefined {
  if (value === undefined) return undefined;
  if (!(SLICE_COLUMNS as readonly string[]).includes(value)) throw new QuarryError('monitor-slice-invalid', `--group-by must be one of ${SLICE_COLUMNS.join(', ')} (got ${JSON.stringify(value)}).`);
  return value as SliceColumn;
}

function count(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new QuarryError('monitor-number-invalid', `${flag} must be a whole number of at least ${min}.`);
  return n;
}

/** The current and baseline windows: as given, else the latest window with a case and the one before. */
function windows(db: Db, flags: MonitorFlags): { current: Range; baseline: Range } {
  const size = WINDOW_SECONDS[windowOf(flags)];
  let current = flags.current ? interval(flags.current, '--current') : undefined;
  if (!current) {
    const last = monitorExtent(db).last;
    if (!last) throw new QuarryError('monitor-empty', 'The workspace has no cases yet: ingest a log first.');
    const start = windowStart(Date.parse(last) / 1000, windowOf(flags));
    current = { from: new Date(start * 1000).toISOString(), to: new Date((start + size) * 1000).toISOString() };
  }
  const baseline = flags.baseline
    ? interval(flags.baseline, '--baseline')
    : { from: new Date(Date.parse(current.from) - size * 1000).toISOString(), to: current.from };
  return { current, baseline };
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 3) => (x === null ? '-' : x.toFixed(digits));

function run(flags: MonitorFlags, channel: 'monitor:overview' | 'monitor:drift' | 'monitor:alerts' | 'monitor:mineAlert', work: (db: Db, audit: ReturnType<typeof openSession>['audit']) => void): void {
  const { workspace, audit, close } = openSession(flags, channel);
  try {
    work(workspace.db, audit);
  } finally {
    close();
  }
}

const windowOptions = (command: Command) =>
  withWorkspaceOptions(command)
    .option('--window <w>', 'hour, day or week (the default windows\' size)', 'week')
    .option('--current <START/END>', 'current window, an ISO interval (default: the latest window with a case)')
    .option('--baseline <START/END>', 'baseline window (default: the window before the current one)')
    .option('--slice <FIELD=VALUE>', 'only this slice (tier, intent, language, model, product_area); FIELD= for "no value"')
    .option('--json', 'JSON instead of a table');

export function registerMonitorCommands(program: Command): void {
  const monitor = program.command('monitor').description('production monitoring: signal rates over time, drift against a baseline, alerts');

  withWorkspaceOptions(
    monitor
      .command('overview')
      .description('signal rates, p50/p95 latency and cost per window')
      .option('--window <w>', 'hour, day or week', 'day')
      .option('--from <ISO>', 'range start (default: the first case)')
      .option('--to <ISO>', 'range end, exclusive (default: just after the last case)')
      .option('--slice <FIELD=VALUE>', 'only this slice')
      .option('--group-by <FIELD>', 'also one series per value of this slice field')
      .option('--json', 'JSON instead of a table'),
  ).action((flags: MonitorFlags) => {
    run(flags, 'monitor:overview', (db, audit) => {
      const extent = monitorExtent(db);
      const from = flags.from ?? extent.first;
      const to = flags.to ?? (extent.last ? new Date(Date.parse(extent.last) + 1000).toISOString() : null);
      if (!from || !to) throw new QuarryError('monitor-empty', 'The workspace has no cases yet: ingest a log first.');
      const overview = monitorOverview(db, { from, to, window: windowOf(flags), slice: sliceOf(flags.slice), groupBy: groupByOf(flags.groupBy) });
      audit({ action: 'monitor.overview', objectIds: { window: overview.window, windows: overview.series[0]?.points.length ?? 0, series: overview.series.length, cases: overview.series[0]?.cases ?? 0 } });
      if (flags.json) {
        console.log(JSON.stringify(overview, null, 2));
        return;
      }
      for (const series of overview.series) {
        console.log(`${series.key === 'all' ? 'All cases' : `${series.slice?.field} = ${series.key}`}: ${series.cases} case(s)`);
        console.log('window start               cases  thumbs-down  regenerated  heavy-edit  escalated  schema-fail  p50 ms   p95 ms   cost p95');
        for (const p of series.points) {
          const s = p.signals;
          console.log(
            `${p.start.padEnd(25)} ${String(p.cases).padStart(6)}  ${pct(s.thumbs_down.rate).padStart(11)}  ${pct(s.regenerated.rate).padStart(11)}  ${pct(s.heavy_edit.rate).padStart(10)}  ${pct(s.escalated.rate).padStart(9)}  ${pct(s.schema_failure.rate).padStart(11)}  ${num(p.latencyMs.p50, 0).padStart(6)}  ${num(p.latencyMs.p95, 0).padStart(7)}  ${num(p.costUsd.p95, 5).padStart(9)}`,
          );
        }
      }
      if (overview.otherGroups.values > 0) console.log(`(${overview.otherGroups.values} more value(s), ${overview.otherGroups.cases} case(s), not shown)`);
    });
  });

  windowOptions(monitor.command('drift').description('input and quality drift of the current window against the baseline')).action((flags: MonitorFlags) => {
    run(flags, 'monitor:drift', (db, audit) => {
      const { current, baseline } = windows(db, flags);
      const drift = monitorDrift(db, { current, baseline, slice: sliceOf(flags.slice) }, readThresholds(db).thresholds);
      audit({
        action: 'monitor.drift',
        objectIds: { current: drift.current.cases, baseline: drift.baseline.cases, shifted: drift.input.filter((m) => m.band !== null && m.band !== 'ok').length },
      });
      if (flags.json) {
        console.log(JSON.stringify(drift, null, 2));
        return;
      }
      console.log(`Current  ${drift.current.from} – ${drift.current.to}: ${drift.current.cases} case(s)`);
      console.log(`Baseline ${drift.baseline.from} – ${drift.baseline.to}: ${drift.baseline.cases} case(s)`);
      console.log('\nInput drift                      PSI     JS      KS p     band');
      for (const m of drift.input) {
        console.log(`  ${m.label.padEnd(31)} ${num(m.psi).padStart(6)}  ${num(m.jsDistance).padStart(6)}  ${(m.ks ? m.ks.pValue.toPrecision(2) : '-').padStart(7)}  ${m.band ?? '-'}`);
      }
      console.log('\nQuality                      baseline  current   change    p        crossed');
      for (const q of drift.quality) {
        const f = q.kind === 'rate' ? pct : (x: number | null) => num(x);
        console.log(`  ${q.label.padEnd(27)} ${f(q.baseline).padStart(8)}  ${f(q.current).padStart(7)}  ${(q.difference === null ? '-' : q.kind === 'rate' ? `${(q.difference * 100).toFixed(1)} pt` : q.difference.toFixed(3)).padStart(8)}  ${(q.test ? q.test.pValue.toPrecision(2) : '-').padStart(7)}  ${q.crossed ? 'yes' : 'no'}`);
      }
      for (const note of drift.notes) console.log(`Note: ${note}`);
    });
  });

  windowOptions(monitor.command('alerts').description('every metric over its threshold, with the cases behind it'))
    .option('--group-by <FIELD>', 'also check every value of this slice field')
    .option('--case-limit <n>', 'case ids listed per alert', '20')
    .action((flags: MonitorFlags) => {
      run(flags, 'monitor:alerts', (db, audit) => {
        const { current, baseline } = windows(db, flags);
        const result = monitorAlerts(
          db,
          { current, baseline, slice: sliceOf(flags.slice), groupBy: groupByOf(flags.groupBy), caseLimit: count(flags.caseLimit, '--case-limit', 1) },
          readThresholds(db).thresholds,
        );
        audit({ action: 'monitor.alerts', objectIds: { alerts: result.alerts.length, slices: result.evaluated.slices } });
        if (flags.json) {
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        console.log(`Current ${current.from} – ${current.to} against baseline ${baseline.from} – ${baseline.to}: ${result.alerts.length} alert(s) over ${result.evaluated.slices} slice(s).`);
        for (const a of result.alerts) {
          console.log(`\n[${a.severity}] ${a.id}  ${a.message}`);
          console.log(`  cases (${a.caseCount}): ${a.caseIds.join(', ')}${a.caseCount > a.caseIds.length ? ', …' : ''}`);
        }
      });
    });

  windowOptions(monitor.command('mine').argument('<alert-id>', 'the id `monitor alerts` printed').description("a mining run over exactly an alert's cases (same windows, slice and --group-by as the alerts command)"))
    .option('--group-by <FIELD>', 'as given to `monitor alerts`')
    .option('--budget <n>', 'at most this many cases (a seeded random subset)')
    .option('--seed <n>', 'seed of the draw', '0')
    .action((alertId: string, flags: MonitorFlags) => {
      run(flags, 'monitor:mineAlert', (db, audit) => {
        const { current, baseline } = windows(db, flags);
        const mined = db.transaction(() => {
          const done = mineAlert(db, { current, baseline, slice: sliceOf(flags.slice), groupBy: groupByOf(flags.groupBy) }, readThresholds(db).thresholds, {
            alertId,
            budget: count(flags.budget, '--budget', 1),
            seed: count(flags.seed, '--seed', 0),
            actor,
          });
          audit({
            action: 'monitor.alert.mine',
            objectIds: { alert: alertId, metric: done.alert.metric, run: done.runId, policy: done.policyName, policyVersion: done.policyVersion, seed: done.seed, candidates: done.candidates, picked: done.picked },
          });
          return done;
        })();
        if (flags.json) console.log(JSON.stringify({ alertId, runId: mined.runId, policy: mined.policyName, version: mined.policyVersion, seed: mined.seed, cases: mined.candidates, picked: mined.picked, byReason: mined.byReason }, null, 2));
        else console.log(`Mining run ${mined.runId}: policy "${mined.policyName}" v${mined.policyVersion}, seed ${mined.seed}: picked ${mined.picked} of the alert's ${mined.candidates} case(s).`);
      });
    });
}
