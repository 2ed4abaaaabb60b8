import type { Db } from '../store/database.js';
import { writeFileAtomic } from '../store/workspace.js';
import { acceptedCases, type ReviewCase } from './review-queue.js';

/**
 * One line of golden.jsonl. De-identified text, the reviewer's expected behaviour, signals and provenance ids;
 * the raw text and the placeholder → value mapping stay in the vault.
 */
export interface GoldenCase {
  case_id: number;
  messages: ReviewCase['messages'];
  response: ReviewCase['response'];
  expected_behaviour: string;
  signals: ReviewCase['signals'];
  slices: ReviewCase['slices'];
  provenance: {
    run_id: number;
    source_file: string;
    line: number;
    record_id: string | null;
    content_hash: string;
  };
  review: { reviewer: string | null; decided_at: string | null };
}

function toGolden(c: ReviewCase): GoldenCase {
  return {
    case_id: c.id,
    messages: c.messages,
    response: c.response,
    expected_behaviour: c.expected ?? '',
    signals: c.signals,
    slices: c.slices,
    provenance: {
      run_id: c.provenance.runId,
      source_file: c.provenance.sourceFile,
      line: c.provenance.line,
      record_id: c.provenance.recordId,
      content_hash: c.provenance.contentHash,
    },
    review: { reviewer: c.decidedBy, decided_at: c.decidedAt },
  };
}

/** Writes every accepted case to `out` atomically; returns the case ids written. */
export function exportGoldenSet(db: Db, out: string): number[] {
  const cases = acceptedCases(db);
  writeFileAtomic(out, cases.map((c) => `${JSON.stringify(toGolden(c))}\n`).join(''), 0o644);
  return cases.map((c) => c.id);
}
