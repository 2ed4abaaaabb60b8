/**
 * The sampling preview: what a run with this policy and seed would pick, broken down per failure trigger and per
 * stratum, with the base-rate expectation and what the budget and caps cut. It draws the very sample the run
 * would (same code, same seed) and writes nothing: no policy version, no run.
 */
import type { Db } from '../store/database.js';
import type { FailureSignal, SamplingPolicy } from './policy.js';
import { countClusters, drawSample, type Phase, type SamplingCut } from './run-sampling.js';

export interface TriggerPreview {
  signal: FailureSignal;
  /** Candidates showing this signal. */
  candidates: number;
  /** Of those, how many the sample takes (a case with two signals counts under both). */
  picked: number;
}

export interface StratumPreview {
  /** `field=value|field=value`; `(none)` for a missing value. */
  stratum: string;
  candidates: number;
  /** Candidates showing a chosen failure signal. */
  failing: number;
  picked: number;
  byPhase: Record<Phase, number>;
}

export interface SamplingPreview {
  policyName: string;
  seed: number;
  candidates: number;
  picked: number;
  byPhase: Record<Phase, number>;
  triggers: TriggerPreview[];
  /** Empty when the policy has no strata; sorted by stratum key. */
  strata: StratumPreview[];
  baseRate: {
    rate: number;
    /** Cases the base draw chooses from: not failing, not taken for a minimum, one per cluster if asked. */
    eligible: number;
    /** round(rate × eligible): what the draw asks for before caps and budget. */
    expected: number;
    picked: number;
  };
  clusters: { onePerCluster: boolean; amongCandidates: number };
  cut: SamplingCut;
}

function phases(): Record<Phase, number> {
  return { failure_signal: 0, stratum_minimum: 0, base_rate: 0 };
}

/** Previews the policy on the workspace's cases with `seed` (default: the policy's). Reads only. */
export function previewSampling(db: Db, policy: SamplingPolicy, seed: number = policy.seed): SamplingPreview {
  const drawn = drawSample(db, policy, seed);
  const { selection } = drawn;
  const { stats } = selection;

  const triggers = policy.failureSignals.map((signal) => ({
    signal,
    candidates: stats.byTrigger.get(signal) ?? 0,
    picked: selection.picks.filter((p) => p.phase === 'failure_signal' && p.candidate.failures.includes(signal)).length,
  }));

  const strata = new Map<string, StratumPreview>();
  if (policy.strata) {
    for (const [stratum, counted] of stats.byStratum) strata.set(stratum, { stratum, ...counted, picked: 0, byPhase: phases() });
    for (const { candidate, phase } of selection.picks) {
      const row = strata.get(candidate.stratum)!;
      row.picked++;
      row.byPhase[phase]++;
    }
  }

  return {
    policyName: policy.name,
    seed,
    candidates: drawn.candidates,
    picked: drawn.picked.length,
    byPhase: drawn.counts.byPhase,
    triggers,
    strata: [...strata.values()].sort((a, b) => (a.stratum < b.stratum ? -1 : a.stratum > b.stratum ? 1 : 0)),
    baseRate: {
      rate: policy.baseRate,
      eligible: selection.base.eligible,
      expected: selection.base.wanted,
      picked: drawn.counts.byPhase.base_rate,
    },
    clusters: { onePerCluster: policy.onePerCluster === true, amongCandidates: countClusters(db, policy) },
    cut: selection.cut,
  };
}
