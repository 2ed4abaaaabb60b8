import { renderCaseForExport } from '../deid/operators/render-case.js';
import type { Db } from '../store/database.js';
import { writeFileAtomic } from '../store/workspace.js';
import { composeTask, type Augmentation } from './augmentation.js';
import { finalReview, originalTask } from './case-reviews.js';
import { acceptedCases, type ReviewCase } from './review-queue.js';
import { readReviewSettings, type ReviewSettings } from './review-settings.js';
import type { Category, Checklist, Rubric } from './rubric.js';

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
  /**
   * The task the eval asks: `final` is composed from the reviewer's edited task and augmentation; `original` is
   * the de-identified request it came from, kept beside it. The original is rendered with the profile like the
   * messages; a task the reviewer rewrote is exported as written (placeholders they kept stay placeholders).
   */
  task: { original: string; final: string; augmentation: Augmentation | null };
  category: Category | null;
  /** Grading criteria, each with a weight and when it is MET or UNMET. */
  rubric: Rubric;
  checklist: Checklist;
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

/**
 * The original request in the profile's rendering: the last user message, taken from the rendered case so a
 * surrogate profile never exports a placeholder here and a real-looking name there.
 */
function renderedOriginal(rendered: ReturnType<typeof renderCaseForExport>): string {
  const user = [...rendered.messages].reverse().find((m) => m.role === 'user');
  return (user ?? rendered.messages.at(-1))?.content ?? '';
}

export function toGolden(db: Db, c: ReviewCase, profile: string, settings: ReviewSettings): GoldenCase {
  const rendered = renderCaseForExport(db, c.id, profile);
  const review = finalReview(db, c.id, settings);
  const original = renderedOriginal(rendered);
  // An edited task is the reviewer's own text; an unedited one is the original request in this rendering.
  const edited = review?.taskText != null && review.taskText !== originalTask(db, c.id) ? review.taskText : original;
  const augmentation = review?.augmentation ?? null;
  return {
    case_id: c.id,
    deid_profile: profile,
    messages: rendered.messages,
    response: rendered.response,
    expected_behaviour: c.expected ?? '',
    task: { original, final: augmentation ? composeTask(edited, augmentation) : edited, augmentation },
    category: review?.category ?? null,
    rubric: review?.rubric ?? [],
    checklist: review?.checklist ?? {},
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
  const settings = readReviewSettings(db);
  const lines = cases.map((c) => `${JSON.stringify(toGolden(db, c, profile, settings))}\n`);
  writeFileAtomic(out, lines.join(''), 0o644);
  return cases.map((c) => c.id);
}
