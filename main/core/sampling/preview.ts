/**
 * The sampling preview: what a run with this policy and seed would pick, broken down per failure trigger and per
 * stratum, with the base-rate expectation and what the budget and caps cut. It draws the very sample the run
 * would (same code, same seed) and writes nothing: no policy version, no run.
 */
import type { Db } from '../store/database.js';
import type { FailureSignal, SamplingPolicy } from './policy.js';
import { drawSample, type Phase, type SamplingCut } from './run-sampling.js';

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
  const { candidates, selection } = drawn;
  const pickedIds = new Map(selection.picks.map((p) => [p.candidate.id, p.phase]));

  const triggers = policy.failureSignals.map((signal) => {
    const showing = candidates.filter((c) => c.failures.includes(signal));
    return { signal, candidates: showing.length, picked: showing.filter((c) => pickedIds.get(c.id) === 'failure_signal').length };
  });

  const strata = new Map<string, StratumPreview>();
  if (policy.strata) {
    for (const c of candidates) {
      let row = strata.get(c.stratum);
      if (!row) strata.set(c.stratum, (row = { stratum: c.stratum, candidates: 0, failing: 0, picked: 0, byPhase: phases() }));
      row.candidates++;
      if (c.failures.length > 0) row.failing++;
      const phase = pickedIds.get(c.id);
      if (phase) {
        row.picked++;
        row.byPhase[phase]++;
      }
    }
  }

  return {
    policyName: policy.name,
    seed,
    candidates: candidates.length,
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
    clusters: { onePerCluster: policy.onePerCluster === true, amongCandidates: new Set(candidates.map((c) => c.cluster ?? c.id)).size },
    cut: selection.cut,
  };
}
