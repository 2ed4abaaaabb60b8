import { renderCaseForExport } from '../deid/operators/render-case.js';
import type { Db } from '../store/database.js';
import { writeFileAtomic } from '../store/workspace.js';
import { acceptedCases, type ReviewCase } from './review-queue.js';

/**
 * One line of golden.jsonl. De-identified text, the reviewer's expected behaviour, signals and provenance ids;
 * the raw text and the placeholder → value mapping stay in the vault.
 */
export interface GoldenCase {
  case_id: number;
  /** The export profile whose operators rendered the placeholders (`placeholder` keeps `[LABEL_n]`). */
  deid_profile: string;
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

function toGolden(db: Db, c: ReviewCase, profile: string): GoldenCase {
  const rendered = renderCaseForExport(db, c.id, profile);
  return {
    case_id: c.id,
    deid_profile: profile,
    messages: rendered.messages,
    response: rendered.response,
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

/**
 * Writes every accepted case to `out` atomically, with placeholders rendered by the export profile's
 * operators (surrogates, date shifts, …); returns the case ids written.
 */
export function exportGoldenSet(db: Db, out: string, profile = 'placeholder'): number[] {
  const cases = acceptedCases(db);
  const lines = cases.map((c) => `${JSON.stringify(toGolden(db, c, profile))}\n`);
  writeFileAtomic(out, lines.join(''), 0o644);
  return cases.map((c) => c.id);
}
