import { QuarryError } from '../errors.js';
import type { Signals, Slices } from '../ingest/interaction.js';
import type { Db } from '../store/database.js';
import { type FailureSignal, type SamplingPolicy, saveSamplingPolicy } from './policy.js';
import { arraySource, selectFrom, type Candidate, type CandidateSource, type Phase, type SamplingCut, type Selection } from './select.js';

export type { Candidate, CandidateSource, CandidateStats, Phase, SamplingCut, Selection } from './select.js';

export const STRATUM_MINIMUM = 'stratum_minimum';
export const BASE_RATE = 'base_rate';
export const NO_VALUE = '(none)';

export interface SamplingPick {
  caseId: number;
  /** Failure signals the case shows (in policy order), `stratum_minimum`, or `base_rate`. */
  reasons: string[];
}

export interface SamplingResult {
  runId: number;
  policyName: string;
  policyVersion: number;
  seed: number;
  /** Cases considered (after the `statuses` filter). */
  candidates: number;
  picked: SamplingPick[];
  counts: {
    /** How many picked cases carry each reason (a case with two failure signals counts under both). */
    byReason: Record<string, number>;
    /** Which phase took each picked case. */
    byPhase: Record<Phase, number>;
    /** Picked cases per stratum (`field=value|field=value`); empty when the policy has no strata. */
    byStratum: Record<string, number>;
  };
  cut: SamplingCut;
}

export interface RunSamplingOptions {
  /** Overrides the policy's seed for this run (the saved policy keeps its own). */
  seed?: number;
  /** Recorded as the creator of a new policy version. */
  actor?: string;
}

interface CaseRow {
  id: number;
  signals_json: string;
  slices_json: string;
  cluster_id: number | null;
}

/** The failure signals among `wanted` that a case's signals show. */
export function failureSignalsOf(signals: Signals, policy: SamplingPolicy): FailureSignal[] {
  const t = policy.thresholds;
  const shows: Record<FailureSignal, () => boolean> = {
    thumbs_down: () => signals.thumbs === 'down',
    regenerated: () => signals.regenerated === true,
    heavy_edit: () => typeof signals.user_edited_chars === 'number' && signals.user_edited_chars >= t.heavyEditChars,
    escalated: () => signals.escalated === true,
    schema_failure: () => signals.schema_valid === false,
    low_evaluator_score: () =>
      Array.isArray(signals.evaluations) && signals.evaluations.some((e) => typeof e.score === 'number' && e.score < t.lowScore),
    low_confidence: () => typeof signals.confidence === 'number' && signals.confidence < t.lowConfidence,
  };
  return policy.failureSignals.filter((s) => shows[s]());
}

export function stratumKey(slices: Slices, fields: readonly (keyof Slices)[]): string {
  return fields.map((f) => `${f}=${slices[f] ?? NO_VALUE}`).join('|');
}

function toCandidate(row: CaseRow, policy: SamplingPolicy, fields: readonly (keyof Slices)[]): Candidate {
  const signals = JSON.parse(row.signals_json) as Signals;
  const slices = JSON.parse(row.slices_json) as Slices;
  return {
    id: row.id,
    failures: failureSignalsOf(signals, policy),
    stratum: fields.length > 0 ? stratumKey(slices, fields) : '',
    confidence: typeof signals.confidence === 'number' && Number.isFinite(signals.confidence) ? Math.min(1, Math.max(0, signals.confidence)) : undefined,
    cluster: row.cluster_id ?? row.id,
  };
}

/** The policy's review statuses as a WHERE clause on the sampling rows `c`, and the values it binds. */
function statusFilter(policy: SamplingPolicy): { where: string; statuses: readonly string[] } {
  const statuses = policy.statuses ?? [];
  return { where: statuses.length > 0 ? `WHERE c.status IN (${statuses.map(() => '?').join(', ')})` : '', statuses };
}

/**
 * The workspace's cases the policy considers, streamed from the store on every call (one pass of the selection),
 * members of a near-duplicate cluster together. Reads only; holds one row at a time.
 */
export function candidateSource(db: Db, policy: SamplingPolicy): CandidateSource {
  const { where, statuses } = statusFilter(policy);
  // One per cluster needs each cluster's members together; otherwise clusters do not matter and any order will do
  // (a plain scan in rowid order is cheapest, and each case is its own cluster). The narrow case_sampling rows
  // (migration 019), not the wide cases.
  const statement = db.prepare(
    policy.onePerCluster
      ? `SELECT c.case_id AS id, c.signals_json, c.slices_json, k.cluster_id FROM case_sampling c LEFT JOIN case_clusters k ON k.case_id = c.case_id ${where}
         ORDER BY coalesce(k.cluster_id, c.case_id), c.case_id`
      : `SELECT c.case_id AS id, c.signals_json, c.slices_json, NULL AS cluster_id FROM case_sampling c ${where}`,
  );
  const fields = policy.strata?.fields ?? [];
  return function* () {
    for (const row of statement.iterate(...statuses) as Iterable<CaseRow>) yield toCandidate(row, policy, fields);
  };
}

/** Distinct near-duplicate clusters among the policy's candidates (a case not enriched yet is its own), counted by the store. */
export function countClusters(db: Db, policy: SamplingPolicy): number {
  const { where, statuses } = statusFilter(policy);
  return db
    .prepare(`SELECT count(DISTINCT coalesce(k.cluster_id, c.case_id)) FROM case_sampling c LEFT JOIN case_clusters k ON k.case_id = c.case_id ${where}`)
    .pluck()
    .get(...statuses) as number;
}

/** Every candidate in id order, held in memory: for tests and small inspections, not for sampling a workspace. */
export function loadCandidates(db: Db, policy: SamplingPolicy): Candidate[] {
  return [...candidateSource(db, policy)()].sort((a, b) => a.id - b.id);
}

/** The pure selection over candidates in memory: deterministic in (the set of candidates, policy, seed). */
export function selectSample(candidates: readonly Candidate[], policy: SamplingPolicy, seed: number): Selection {
  return selectFrom(arraySource(candidates), policy, seed);
}

/** A drawn sample before it is recorded: what a run would store, and what the preview shows. */
export interface DrawnSample {
  seed: number;
  /** Cases considered; the selection's `stats` break them down per trigger and stratum. */
  candidates: number;
  selection: Selection;
  picked: SamplingPick[];
  counts: SamplingResult['counts'];
}

export function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new QuarryError('sampling-seed-invalid', 'The seed must be a whole number from 0 to 4294967295.');
  }
  return seed;
}

/**
 * Draws the sample from the workspace's cases without writing anything, streaming them from the store: memory
 * grows with the sample, not with the number of cases.
 */
export function drawSample(db: Db, policy: SamplingPolicy, seed: number): DrawnSample {
  checkSeed(seed);
  // The passes read inside one transaction, so every pass sees the same cases even if another process writes.
  const selection = db.transaction(() => selectFrom(candidateSource(db, policy), policy, seed))();
  const picked: SamplingPick[] = selection.picks
    .map(({ candidate, phase }) => ({ caseId: candidate.id, reasons: phase === 'failure_signal' ? [...candidate.failures] : [phase] }))
    .sort((a, b) => a.caseId - b.caseId);
  const byReason: Record<string, number> = {};
  const byPhase: Record<Phase, number> = { failure_signal: 0, stratum_minimum: 0, base_rate: 0 };
  const byStratum: Record<string, number> = {};
  for (const { candidate, phase } of selection.picks) {
    byPhase[phase]++;
    for (const r of phase === 'failure_signal' ? candidate.failures : [phase]) byReason[r] = (byReason[r] ?? 0) + 1;
    if (policy.strata) byStratum[candidate.stratum] = (byStratum[candidate.stratum] ?? 0) + 1;
  }
  return { seed, candidates: selection.stats.candidates, selection, picked, counts: { byReason: sortKeys(byReason), byPhase, byStratum: sortKeys(byStratum) } };
}

/**
 * Saves the policy (a new version only if it changed), draws the sample, and records the run, its figures and its
 * picks. Same cases + policy + seed → same sample.
 */
export function runSampling(db: Db, policy: SamplingPolicy, options: RunSamplingOptions = {}): SamplingResult {
  const seed = checkSeed(options.seed ?? policy.seed);
  return db.transaction((): SamplingResult => {
    const saved = saveSamplingPolicy(db, policy, options.actor ?? 'system');
    const { candidates, picked, counts, selection } = drawSample(db, policy, seed);
    const runId = Number(
      db
        .prepare(
          'INSERT INTO sampling_runs (policy_name, policy_version, seed, created_at, picked_count, candidates, counts_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(saved.name, saved.version, seed, new Date().toISOString(), picked.length, candidates, JSON.stringify({ ...counts, cut: selection.cut }))
        .lastInsertRowid,
    );
    const insertPick = db.prepare('INSERT INTO sampling_picks (run_id, case_id, reasons) VALUES (?, ?, ?)');
    for (const p of picked) insertPick.run(runId, p.caseId, JSON.stringify(p.reasons));

    return {
      runId,
      policyName: saved.name,
      policyVersion: saved.version,
      seed,
      candidates,
      picked,
      counts,
      cut: selection.cut,
    };
  })();
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Plain-language lines for what the budget or the stratum cap left out; empty when nothing was cut. */
export function describeCut(cut: SamplingCut): string[] {
  const lines: string[] = [];
  const labels: Record<Phase, string> = {
    failure_signal: 'failure-signal case(s)',
    stratum_minimum: 'stratum-minimum case(s)',
    base_rate: 'base-rate case(s)',
  };
  for (const phase of ['base_rate', 'stratum_minimum', 'failure_signal'] as const) {
    const n = cut.byBudget[phase];
    if (n > 0) lines.push(`budget ${cut.budget}: cut ${n} ${labels[phase]}`);
  }
  if (cut.byMaxPerStratum > 0) lines.push(`maxPerStratum: passed over ${cut.byMaxPerStratum} base-rate case(s) in full strata`);
  if (cut.byCluster > 0) lines.push(`onePerCluster: left out ${cut.byCluster} near-duplicate case(s)`);
  return lines;
}
