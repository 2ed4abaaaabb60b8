import type { Migration } from './migration.js';

/**
 * Reviewer actions, one row per act, never overwritten so undo and the agreement figures can look back.
 *
 * `case_reviews`: each reviewer's decision on a case (accept / reject / skip) with what they wrote: reason code,
 * filter checklist, category, task text, reference answer, rubric and augmentation (JSON). `state` is `active`,
 * `superseded` (the same reviewer decided again; `supersedes` points back so undo can restore it) or `undone`.
 * `kind` = `adjudication` marks the final word on a disputed case.
 *
 * `case_drafts`: a reviewer's unsubmitted work on a case, kept per reviewer so blind double review holds.
 *
 * `deid_misses`: spans a reviewer found the de-identifier missed. Offsets are in the de-identified field text
 * as it was before the span was replaced; the context columns are de-identified text with the span shown as its
 * new placeholder. The real value is kept only in `vault_findings` (source `reviewer:<name>`).
 */
export const caseReviews: Migration = {
  version: 8,
  name: 'per-reviewer reviews, drafts and de-identification misses',
  up(db) {
    db.exec(`
      CREATE TABLE case_reviews (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        reviewer TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'review' CHECK (kind IN ('review', 'adjudication')),
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'reject', 'skip')),
        reason_code TEXT,
        checklist_json TEXT NOT NULL DEFAULT '{}',
        category TEXT CHECK (category IS NULL OR category IN ('happy-path', 'edge-case', 'adversarial', 'drift')),
        task_text TEXT,
        expected TEXT,
        rubric_json TEXT NOT NULL DEFAULT '[]',
        augmentation_json TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'superseded', 'undone')),
        supersedes INTEGER REFERENCES case_reviews(id),
        created_at TEXT NOT NULL,
        undone_at TEXT,
        CHECK (decision <> 'reject' OR reason_code IS NOT NULL)
      );
      CREATE INDEX case_reviews_case ON case_reviews(case_id, state);
      CREATE INDEX case_reviews_reviewer ON case_reviews(reviewer, state, id);

      CREATE TABLE case_drafts (
        case_id INTEGER NOT NULL REFERENCES cases(id),
        reviewer TEXT NOT NULL,
        draft_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (case_id, reviewer)
      );

      CREATE TABLE deid_misses (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        field INTEGER NOT NULL CHECK (field >= 0),
        start INTEGER NOT NULL CHECK (start >= 0),
        end INTEGER NOT NULL,
        label TEXT NOT NULL,
        placeholder TEXT NOT NULL,
        occurrences INTEGER NOT NULL CHECK (occurrences >= 1),
        reviewer TEXT NOT NULL,
        context_before TEXT NOT NULL,
        context_after TEXT NOT NULL,
        created_at TEXT NOT NULL,
        CHECK (end > start)
      );
      CREATE INDEX deid_misses_case ON deid_misses(case_id);
    `);
  },
};
