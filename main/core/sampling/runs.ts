/** Past mining runs, for `quarry sample runs`, the sampling screen, and the review queue's filter by run. */
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { parseSamplingPolicy, type SamplingPolicy } from './policy.js';

export interface SamplingRunSummary {
  id: number;
  createdAt: string;
  policyName: string;
  policyVersion: number;
  seed: number;
  /** Cases considered; null for runs recorded before this figure was kept. */
  candidates: number | null;
  picked: number;
  /** Picked cases per reason (failure signal, `stratum_minimum`, `base_rate`). */
  byReason: Record<string, number>;
}

interface RunRow {
  id: number;
  created_at: string;
  policy_name: string;
  policy_version: number;
  seed: number;
  candidates: number | null;
  picked_count: number;
  counts_json: string | null;
}

/** Reasons counted from a run's stored picks, for runs recorded before the counts were kept. */
function reasonsFromPicks(db: Db, runId: number): Record<string, number> {
  const byReason: Record<string, number> = {};
  for (const reasons of db.prepare('SELECT reasons FROM sampling_picks WHERE run_id = ?').pluck().all(runId) as string[]) {
    for (const r of JSON.parse(reasons) as string[]) byReason[r] = (byReason[r] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(byReason).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const SELECT_RUN = 'SELECT id, created_at, policy_name, policy_version, seed, candidates, picked_count, counts_json FROM sampling_runs';

/** The most recent runs first, at most `limit`. */
export function listSamplingRuns(db: Db, limit = 200): SamplingRunSummary[] {
  return (db.prepare(`${SELECT_RUN} ORDER BY id DESC LIMIT ?`).all(limit) as RunRow[]).map((row) => summary(db, row));
}

/** One run's figures; an unknown run is an error naming it. */
export function getSamplingRun(db: Db, runId: number): SamplingRunSummary {
  const row = db.prepare(`${SELECT_RUN} WHERE id = ?`).get(runId) as RunRow | undefined;
  if (!row) throw new QuarryError('sampling-run-not-found', `There is no sampling run ${runId} in this workspace.`);
  return summary(db, row);
}

function summary(db: Db, row: RunRow): SamplingRunSummary {
  return {
    id: row.id,
    createdAt: row.created_at,
    policyName: row.policy_name,
    policyVersion: row.policy_version,
    seed: row.seed,
    candidates: row.candidates,
    picked: row.picked_count,
    byReason: row.counts_json ? ((JSON.parse(row.counts_json) as { byReason: Record<string, number> }).byReason ?? {}) : reasonsFromPicks(db, row.id),
  };
}

/** The ids of the cases a mining run picked, ascending. An unknown run is an error naming it. */
export function casesInRun(db: Db, runId: number): number[] {
  getSamplingRun(db, runId);
  return db.prepare('SELECT case_id FROM sampling_picks WHERE run_id = ? ORDER BY case_id').pluck().all(runId) as number[];
}

export interface SavedPolicySummary {
  name: string;
  /** The latest version. */
  version: number;
  versions: number;
  createdAt: string;
  createdBy: string;
  policy: SamplingPolicy;
}

/** Every saved policy by name, at its latest version, names in order. */
export function listSamplingPolicies(db: Db): SavedPolicySummary[] {
  const rows = db
    .prepare(
      `SELECT p.name, p.version, p.json, p.created_at, p.created_by, n.versions
       FROM sampling_policies p
       JOIN (SELECT name, max(version) AS latest, count(*) AS versions FROM sampling_policies GROUP BY name) n
         ON n.name = p.name AND n.latest = p.version
       ORDER BY p.name`,
    )
    .all() as { name: string; version: number; json: string; created_at: string; created_by: string; versions: number }[];
  return rows.map((r) => ({
    name: r.name,
    version: r.version,
    versions: r.versions,
    createdAt: r.created_at,
    createdBy: r.created_by,
    policy: parseSamplingPolicy(JSON.parse(r.json)),
  }));
}
