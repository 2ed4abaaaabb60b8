import { QuarryError } from '../errors.js';
import type { Signals, Slices } from '../ingest/interaction.js';
import type { Db } from '../store/database.js';
import { type FailureSignal, type SamplingPolicy, saveSamplingPolicy } from './policy.js';
import { mulberry32, shuffled } from './prng.js';

export const STRATUM_MINIMUM = 'stratum_minimum';
export const BASE_RATE = 'base_rate';
export const NO_VALUE = '(none)';

export type Phase = 'failure_signal' | 'stratum_minimum' | 'base_rate';

export interface SamplingPick {
  caseId: number;
  /** Failure signals the case shows (in policy order), `stratum_minimum`, or `base_rate`. */
  reasons: string[];
}

export interface SamplingCut {
  /** The policy's budget, or null when it has none. */
  budget: number | null;
  /** Cases a phase would have taken but the budget left no room for. Failure-signal cases are cut last. */
  byBudget: Record<Phase, number>;
  /** Base-draw cases passed over because their stratum had reached `maxPerStratum`. */
  byMaxPerStratum: number;
  /** With `onePerCluster`: candidates left out because another case of their near-duplicate cluster stood for it. */
  byCluster: number;
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

export interface Candidate {
  id: number;
  failures: FailureSignal[];
  stratum: string;
  confidence: number | undefined;
  /** Near-duplicate cluster id (main/core/enrich); a case not enriched yet is its own cluster. */
  cluster?: number;
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

/** Independent PRNG streams per phase, so a change in one phase's draws does not reshuffle another's. */
function stream(seed: number, phase: number): () => number {
  return mulberry32((Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(phase, 0xc2b2ae35)) >>> 0);
}

function byId(a: Candidate, b: Candidate): number {
  return a.id - b.id;
}

/** The workspace's cases the policy considers, in id order. Reads only. */
export function loadCandidates(db: Db, policy: SamplingPolicy): Candidate[] {
  const statuses = policy.statuses;
  const select = 'SELECT c.id, c.signals_json, c.slices_json, k.cluster_id FROM cases c LEFT JOIN case_clusters k ON k.case_id = c.id';
  const rows = (
    statuses
      ? db.prepare(`${select} WHERE c.status IN (${statuses.map(() => '?').join(', ')}) ORDER BY c.id`).all(...statuses)
      : db.prepare(`${select} ORDER BY c.id`).all()
  ) as CaseRow[];
  const fields = policy.strata?.fields ?? [];
  return rows.map((row) => {
    const signals = JSON.parse(row.signals_json) as Signals;
    const slices = JSON.parse(row.slices_json) as Slices;
    return {
      id: row.id,
      failures: failureSignalsOf(signals, policy),
      stratum: fields.length > 0 ? stratumKey(slices, fields) : '',
      confidence: typeof signals.confidence === 'number' && Number.isFinite(signals.confidence) ? Math.min(1, Math.max(0, signals.confidence)) : undefined,
      cluster: row.cluster_id ?? row.id,
    };
  });
}

export interface Selection {
  picks: { candidate: Candidate; phase: Phase }[];
  cut: SamplingCut;
  /** The base draw: the cases it drew from (after failures, minimums and one-per-cluster) and how many it wanted. */
  base: { eligible: number; wanted: number };
}

/** A seeded, order-free rank: which member of a near-duplicate cluster stands for it. */
function clusterRank(seed: number, id: number): number {
  let h = Math.imul((seed ^ 0x5bd1e995) >>> 0, 0x9e3779b1) ^ id;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One candidate per cluster (the lowest seeded rank), in id order; `dropped` counts the others. */
function onePerCluster(candidates: readonly Candidate[], seed: number): { kept: Candidate[]; dropped: number } {
  const chosen = new Map<number, Candidate>();
  for (const c of candidates) {
    const key = c.cluster ?? c.id;
    const held = chosen.get(key);
    if (!held || clusterRank(seed, c.id) < clusterRank(seed, held.id)) chosen.set(key, c);
  }
  return { kept: [...chosen.values()].sort(byId), dropped: candidates.length - chosen.size };
}

/** The pure selection: deterministic in (candidates sorted by id, policy, seed). */
export function selectSample(candidatesIn: readonly Candidate[], policy: SamplingPolicy, seed: number): Selection {
  const candidates = candidatesIn.slice().sort(byId);
  const budget = policy.budget ?? null;
  const cut: SamplingCut = { budget, byBudget: { failure_signal: 0, stratum_minimum: 0, base_rate: 0 }, byMaxPerStratum: 0, byCluster: 0 };
  const picks: Selection['picks'] = [];
  const perStratum = new Map<string, number>();
  const room = () => (budget === null ? Infinity : budget - picks.length);
  const take = (candidate: Candidate, phase: Phase) => {
    picks.push({ candidate, phase });
    perStratum.set(candidate.stratum, (perStratum.get(candidate.stratum) ?? 0) + 1);
  };

  // 1. Failure-signal cases: always taken; only the budget can cut them (a seeded random subset is kept).
  //    With onePerCluster, one failing case stands for its cluster.
  let failing = candidates.filter((c) => c.failures.length > 0);
  if (policy.onePerCluster) {
    const { kept, dropped } = onePerCluster(failing, seed);
    failing = kept;
    cut.byCluster += dropped;
  }
  let keptFailing = failing;
  if (failing.length > room()) {
    keptFailing = shuffled(failing, stream(seed, 1)).slice(0, room()).sort(byId);
    cut.byBudget.failure_signal = failing.length - keptFailing.length;
  }
  for (const c of keptFailing) take(c, 'failure_signal');
  let rest = candidates.filter((c) => c.failures.length === 0);
  if (policy.onePerCluster) {
    // A cluster that already has a pick is represented; the others get one candidate each for the later phases.
    const represented = new Set(keptFailing.map((c) => c.cluster ?? c.id));
    const open = rest.filter((c) => !represented.has(c.cluster ?? c.id));
    const { kept, dropped } = onePerCluster(open, seed);
    cut.byCluster += rest.length - open.length + dropped;
    rest = kept;
  }

  // 2. Stratum minimums from the rest, round-robin across strata so the budget cuts big strata's extras first.
  const strata = policy.strata;
  const max = strata?.maxPerStratum ?? Infinity;
  if (strata?.minPerStratum) {
    const groups = new Map<string, Candidate[]>();
    for (const c of rest) {
      const group = groups.get(c.stratum);
      if (group) group.push(c);
      else groups.set(c.stratum, [c]);
    }
    const random = stream(seed, 2);
    const queues: Candidate[][] = [];
    for (const key of [...groups.keys()].sort()) {
      const want = Math.min(strata.minPerStratum, Math.max(0, max - (perStratum.get(key) ?? 0)));
      queues.push(shuffled(groups.get(key) ?? [], random).slice(0, want));
    }
    const ordered: Candidate[] = [];
    for (let round = 0; queues.some((q) => q.length > round); round++) {
      for (const q of queues) if (q[round]) ordered.push(q[round] as Candidate);
    }
    const kept = ordered.slice(0, Math.min(ordered.length, room()));
    cut.byBudget.stratum_minimum = ordered.length - kept.length;
    for (const c of kept) take(c, 'stratum_minimum');
    const takenIds = new Set(kept.map((c) => c.id));
    rest = rest.filter((c) => !takenIds.has(c.id));
  }

  // 3. Base draw: round(baseRate × remaining) cases, weighted by uncertainty (Efraimidis–Spirakis keys).
  const want = Math.round(policy.baseRate * rest.length);
  const base = { eligible: rest.length, wanted: want };
  if (want > 0) {
    const random = stream(seed, 3);
    const boost = policy.uncertaintyBoost;
    const keyed = rest.map((c) => {
      const weight = c.confidence === undefined ? 1 : 1 + boost * (1 - c.confidence);
      return { c, key: Math.log(1 - random()) / weight };
    });
    keyed.sort((a, b) => b.key - a.key || a.c.id - b.c.id);
    const drawn: Candidate[] = [];
    const drawnPerStratum = new Map(perStratum);
    for (const { c } of keyed) {
      if (drawn.length >= want) break;
      const n = drawnPerStratum.get(c.stratum) ?? 0;
      if (n >= max) {
        cut.byMaxPerStratum++;
        continue;
      }
      drawnPerStratum.set(c.stratum, n + 1);
      drawn.push(c);
    }
    const kept = drawn.slice(0, Math.min(drawn.length, room()));
    cut.byBudget.base_rate = drawn.length - kept.length;
    for (const c of kept) take(c, 'base_rate');
  }
  return { picks, cut, base };
}

/** A drawn sample before it is recorded: what a run would store, and what the preview shows. */
export interface DrawnSample {
  seed: number;
  candidates: Candidate[];
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

/** Draws the sample from the workspace's cases without writing anything. */
export function drawSample(db: Db, policy: SamplingPolicy, seed: number): DrawnSample {
  checkSeed(seed);
  const candidates = loadCandidates(db, policy);
  const selection = selectSample(candidates, policy, seed);
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
  return { seed, candidates, selection, picked, counts: { byReason: sortKeys(byReason), byPhase, byStratum: sortKeys(byStratum) } };
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
        .run(saved.name, saved.version, seed, new Date().toISOString(), picked.length, candidates.length, JSON.stringify({ ...counts, cut: selection.cut }))
        .lastInsertRowid,
    );
    const insertPick = db.prepare('INSERT INTO sampling_picks (run_id, case_id, reasons) VALUES (?, ?, ?)');
    for (const p of picked) insertPick.run(runId, p.caseId, JSON.stringify(p.reasons));

    return {
      runId,
      policyName: saved.name,
      policyVersion: saved.version,
      seed,
      candidates: candidates.length,
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
