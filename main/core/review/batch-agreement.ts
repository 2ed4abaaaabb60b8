import type { Db } from '../store/database.js';
import { cohensKappa, krippendorffAlpha } from './agreement.js';
import { batchDecisions } from './case-reviews.js';

/** How far reviewers agreed on one batch (an ingest run or a mining run), over the cases two or more decided. */
export interface BatchAgreement {
  kind: 'ingest' | 'mining';
  runId: number;
  /** The ingest run's source file, or the mining run's policy name and version. */
  label: string;
  /** Cases in the batch with two or more decisions. */
  pairedCases: number;
  /** Cases where those decisions differ. */
  disagreements: number;
  raters: string[];
  /** Cohen's kappa when exactly two reviewers decided the paired cases; null otherwise or when undefined. */
  kappa: number | null;
  /** Krippendorff's alpha (nominal) over all raters, missing ratings allowed; null when undefined. */
  alpha: number | null;
}

export function batchAgreement(db: Db): BatchAgreement[] {
  const byRun = new Map<string, { kind: BatchAgreement['kind']; runId: number; label: string; cases: Map<number, Map<string, string>> }>();
  for (const d of batchDecisions(db)) {
    const key = `${d.kind}:${d.runId}`;
    const run = byRun.get(key) ?? { kind: d.kind, runId: d.runId, label: d.label, cases: new Map() };
    const ratings = run.cases.get(d.caseId) ?? new Map<string, string>();
    ratings.set(d.reviewer, d.decision);
    run.cases.set(d.caseId, ratings);
    byRun.set(key, run);
  }
  const out: BatchAgreement[] = [];
  for (const run of byRun.values()) {
    const paired = [...run.cases.values()].filter((ratings) => ratings.size >= 2);
    if (paired.length === 0) continue;
    const raters = [...new Set(paired.flatMap((ratings) => [...ratings.keys()]))].sort();
    const kappa =
      raters.length === 2
        ? cohensKappa(paired.map((ratings) => [ratings.get(raters[0]!)!, ratings.get(raters[1]!)!] as const))
        : null;
    out.push({
      kind: run.kind,
      runId: run.runId,
      label: run.label,
      pairedCases: paired.length,
      disagreements: paired.filter((ratings) => new Set(ratings.values()).size > 1).length,
      raters,
      kappa,
      alpha: krippendorffAlpha(paired.map((ratings) => [...ratings.values()])),
    });
  }
  return out;
}
