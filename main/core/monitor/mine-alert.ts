/**
 * A mining run over exactly an alert's cases: the alert is found again from the same query, and its cases go
 * through the sampling module's selection with a policy named after the alert (the alert's failure signal as the
 * trigger for a rate alert, else a base rate of 1: every case), recorded as a normal mining run (policy version,
 * seed, counts, picks). A budget keeps a seeded random subset.
 */
import { QuarryError } from '../errors.js';
import { SIGNAL_BIT } from '../review/queue-signals.js';
import {
  parseSamplingPolicy,
  saveSamplingPolicy,
  selectSample,
  type Candidate,
  type FailureSignal,
  type Phase,
  type SamplingPolicy,
} from '../sampling/index.js';
import type { Db } from '../store/database.js';
import { computeAlerts, type AlertQuery, type FullAlert } from './alerts.js';
import { MONITOR_SIGNALS } from './overview.js';
import type { Thresholds } from './thresholds.js';

export interface MineAlertOptions {
  alertId: string;
  budget?: number;
  seed?: number;
  actor: string;
}

export interface MinedAlert {
  alert: FullAlert;
  runId: number;
  policyName: string;
  policyVersion: number;
  seed: number;
  candidates: number;
  picked: number;
  byReason: Record<string, number>;
}

function policyFor(alert: FullAlert, budget: number | undefined, seed: number): SamplingPolicy {
  const signal = (MONITOR_SIGNALS as readonly string[]).includes(alert.metric) ? (alert.metric as FailureSignal) : null;
  return parseSamplingPolicy({
    name: `alert: ${alert.label}`.slice(0, 100),
    description: `Dashboard alert ${alert.id}: ${alert.metric}, current ${alert.current.from} – ${alert.current.to}, baseline ${alert.baseline.from} – ${alert.baseline.to}.`,
    failureSignals: signal ? [signal] : [],
    baseRate: 1,
    ...(budget === undefined ? {} : { budget }),
    seed,
  });
}

/** Finds the alert, draws from its cases and records the run; an alert the query no longer raises is an error. */
export function mineAlert(db: Db, query: AlertQuery, t: Thresholds, options: MineAlertOptions): MinedAlert {
  const seed = options.seed ?? 0;
  return db.transaction((): MinedAlert => {
    const alert = computeAlerts(db, query, t).alerts.find((a) => a.id === options.alertId);
    if (!alert) {
      throw new QuarryError(
        'monitor-alert-not-found',
        `No alert ${options.alertId} for these windows and slices any more (the data or the thresholds changed). Refresh the alerts and try again.`,
      );
    }
    const caseIds = alert.caseIdsUpTo(Infinity);
    if (caseIds.length === 0) throw new QuarryError('monitor-alert-empty', `Alert ${alert.id} has no cases to mine.`);
    const policy = policyFor(alert, options.budget, seed);
    const signal = policy.failureSignals[0];
    const masks = new Map(
      (db.prepare(`SELECT case_id, signal_mask FROM case_metrics WHERE case_id IN (SELECT value FROM json_each(?))`).raw().all(JSON.stringify(caseIds)) as [number, number][]),
    );
    const candidates: Candidate[] = caseIds.map((id) => ({
      id,
      failures: signal && ((masks.get(id) ?? 0) & SIGNAL_BIT[signal]) !== 0 ? [signal] : [],
      stratum: '',
      confidence: undefined,
      cluster: id,
    }));
    const selection = selectSample(candidates, policy, seed);
    const saved = saveSamplingPolicy(db, policy, options.actor);
    const byReason: Record<string, number> = {};
    const byPhase: Record<Phase, number> = { failure_signal: 0, stratum_minimum: 0, base_rate: 0 };
    const picks = selection.picks
      .map(({ candidate, phase }) => {
        byPhase[phase]++;
        const reasons = phase === 'failure_signal' ? [...candidate.failures] : [phase];
        for (const r of reasons) byReason[r] = (byReason[r] ?? 0) + 1;
        return { caseId: candidate.id, reasons };
      })
      .sort((a, b) => a.caseId - b.caseId);
    const runId = Number(
      db
        .prepare(
          'INSERT INTO sampling_runs (policy_name, policy_version, seed, created_at, picked_count, candidates, counts_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(saved.name, saved.version, seed, new Date().toISOString(), picks.length, candidates.length, JSON.stringify({ byReason, byPhase, byStratum: {}, cut: selection.cut }))
        .lastInsertRowid,
    );
    const insertPick = db.prepare('INSERT INTO sampling_picks (run_id, case_id, reasons) VALUES (?, ?, ?)');
    for (const p of picks) insertPick.run(runId, p.caseId, JSON.stringify(p.reasons));
    return { alert, runId, policyName: saved.name, policyVersion: saved.version, seed, candidates: candidates.length, picked: picks.length, byReason };
  })();
}
