import { z } from 'zod';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { Augmentation, composeTask, EMPTY_AUGMENTATION } from './augmentation.js';
import { requiredReviews } from './double-review.js';
import { readReviewSettings, type ReviewSettings } from './review-settings.js';
import { Category, Checklist, DraftRubric, incompleteCriteria, type Rubric, unmetChecklist } from './rubric.js';

/**
 * Per-reviewer decisions and the case status derived from them. A case needs one review, or two blind reviews
 * when double review chose it; it is accepted or rejected when the required reviews agree, disputed when they
 * differ, and an adjudication settles a dispute. `cases.status` mirrors the outcome for the queue and the export
 * (a disputed case stays `pending` there). Every act is a row, so a reviewer can undo their acts one by one.
 */
export type Decision = 'accept' | 'reject' | 'skip';
export type ReviewStatus = 'pending' | 'accepted' | 'rejected' | 'disputed';

/** What a reviewer is writing on a case before deciding; kept per reviewer so nobody sees another's work. */
export const ReviewDraft = z
  .object({
    /** The task as edited by the reviewer; null keeps the de-identified original. */
    taskText: z.string().max(20000).nullable(),
    expected: z.string().max(20000),
    category: Category.nullable(),
    checklist: Checklist,
    rubric: DraftRubric,
    augmentation: Augmentation,
  })
  .strict();
export type ReviewDraft = z.infer<typeof ReviewDraft>;

export const EMPTY_DRAFT: ReviewDraft = { taskText: null, expected: '', category: null, checklist: {}, rubric: [], augmentation: EMPTY_AUGMENTATION };

export interface ReviewRecord {
  id: number;
  caseId: number;
  reviewer: string;
  kind: 'review' | 'adjudication';
  decision: Decision;
  reasonCode: string | null;
  checklist: Checklist;
  category: Category | null;
  taskText: string | null;
  expected: string | null;
  rubric: Rubric;
  augmentation: Augmentation;
  createdAt: string;
}

export interface ReviewState {
  caseId: number;
  status: ReviewStatus;
  requiredReviews: 1 | 2;
  /** Decisions (not skips) counted so far; how many are still awaited is `requiredReviews − submitted`. */
  submitted: number;
  mine: ReviewRecord | null;
  /** Other reviewers' decisions: empty until the viewer has decided themselves (blind review). */
  others: ReviewRecord[];
  adjudication: ReviewRecord | null;
  draft: ReviewDraft;
  /** The de-identified request the task starts from, and the final task composed from the draft. */
  originalTask: string;
  composedTask: string;
}

interface ReviewRow {
  id: number;
  case_id: number;
  reviewer: string;
  kind: 'review' | 'adjudication';
  decision: Decision;
  reason_code: string | null;
  checklist_json: string;
  category: Category | null;
  task_text: string | null;
  expected: string | null;
  rubric_json: string;
  augmentation_json: string;
  state: string;
  supersedes: number | null;
  created_at: string;
}

function toRecord(row: ReviewRow): ReviewRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    reviewer: row.reviewer,
    kind: row.kind,
    decision: row.decision,
    reasonCode: row.reason_code,
    checklist: JSON.parse(row.checklist_json) as Checklist,
    category: row.category,
    taskText: row.task_text,
    expected: row.expected,
    rubric: JSON.parse(row.rubric_json) as Rubric,
    augmentation: { ...EMPTY_AUGMENTATION, ...(JSON.parse(row.augmentation_json) as Partial<Augmentation>) },
    createdAt: row.created_at,
  };
}

interface StoredBody {
  messages: { role: string; content: string }[];
}

/** The request a task starts from: the last user message of the de-identified conversation. */
export function originalTask(db: Db, caseId: number): string {
  const json = db.prepare('SELECT redacted_json FROM cases WHERE id = ?').pluck().get(caseId) as string | undefined;
  if (json === undefined) throw new QuarryError('case-not-found', `Case ${caseId} does not exist in this workspace.`);
  const { messages } = JSON.parse(json) as StoredBody;
  const user = [...messages].reverse().find((m) => m.role === 'user');
  return (user ?? messages[messages.length - 1])?.content ?? '';
}

function activeRows(db: Db, caseId: number): ReviewRow[] {
  return db.prepare("SELECT * FROM case_reviews WHERE case_id = ? AND state = 'active' ORDER BY id").all(caseId) as ReviewRow[];
}

interface Outcome {
  status: ReviewStatus;
  required: 1 | 2;
  decisions: ReviewRow[];
  adjudication: ReviewRow | null;
  /** The review whose task, rubric and reference answer the case keeps when it is final. */
  final: ReviewRow | null;
}

function outcome(db: Db, caseId: number, settings: ReviewSettings): Outcome {
  const rows = activeRows(db, caseId);
  const required = requiredReviews(caseId, settings.doubleReviewShare, settings.doubleReviewSeed);
  const decisions = rows.filter((r) => r.kind === 'review' && r.decision !== 'skip');
  const adjudication = rows.filter((r) => r.kind === 'adjudication').at(-1) ?? null;
  if (adjudication) {
    return { status: adjudication.decision === 'accept' ? 'accepted' : 'rejected', required, decisions, adjudication, final: adjudication };
  }
  if (decisions.length < required) return { status: 'pending', required, decisions, adjudication, final: null };
  const first = decisions[0]!;
  if (decisions.some((r) => r.decision !== first.decision)) return { status: 'disputed', required, decisions, adjudication, final: null };
  return { status: first.decision === 'accept' ? 'accepted' : 'rejected', required, decisions, adjudication, final: first };
}

/** Mirrors the outcome into `cases` (status, who decided, when, the reference answer) for the queue and export. */
function syncCase(db: Db, caseId: number, settings: ReviewSettings): Outcome {
  const result = outcome(db, caseId, settings);
  if (result.final) {
    const deciders = result.adjudication ? [result.adjudication] : result.decisions;
    const expected = result.final.expected || deciders.find((r) => r.expected)?.expected || null;
    db.prepare('UPDATE cases SET status = ?, decided_by = ?, decided_at = ?, expected = ? WHERE id = ?').run(
      result.status,
      [...new Set(deciders.map((r) => r.reviewer))].join(', '),
      deciders.at(-1)!.created_at,
      expected,
      caseId,
    );
  } else {
    db.prepare("UPDATE cases SET status = 'pending', decided_by = NULL, decided_at = NULL, expected = NULL WHERE id = ?").run(caseId);
  }
  return result;
}

export function readDraft(db: Db, caseId: number, reviewer: string): ReviewDraft {
  const json = db.prepare('SELECT draft_json FROM case_drafts WHERE case_id = ? AND reviewer = ?').pluck().get(caseId, reviewer) as string | undefined;
  if (json === undefined) return EMPTY_DRAFT;
  const parsed = ReviewDraft.safeParse({ ...EMPTY_DRAFT, ...(JSON.parse(json) as object) });
  return parsed.success ? parsed.data : EMPTY_DRAFT;
}

function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  return `field ${issue?.path.join('.') || '(draft)'}: ${issue?.message}`;
}

export function saveDraft(db: Db, caseId: number, reviewer: string, draft: ReviewDraft): ReviewDraft {
  originalTask(db, caseId);
  const parsed = ReviewDraft.safeParse(draft);
  if (!parsed.success) throw new QuarryError('invalid-draft', `Case ${caseId}: ${issueText(parsed.error)}.`);
  db.prepare(
    `INSERT INTO case_drafts (case_id, reviewer, draft_json, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (case_id, reviewer) DO UPDATE SET draft_json = excluded.draft_json, updated_at = excluded.updated_at`,
  ).run(caseId, reviewer, JSON.stringify(parsed.data), new Date().toISOString());
  return parsed.data;
}

/** The case as `reviewer` may see it: their own work always, others' decisions only once they decided too. */
export function reviewState(db: Db, caseId: number, reviewer: string, settings = readReviewSettings(db)): ReviewState {
  const original = originalTask(db, caseId);
  const result = outcome(db, caseId, settings);
  const mineRow = result.decisions.find((r) => r.reviewer === reviewer) ?? null;
  const draft = readDraft(db, caseId, reviewer);
  const mayLook = mineRow !== null || result.adjudication !== null;
  return {
    caseId,
    status: result.status,
    requiredReviews: result.required,
    submitted: result.decisions.length,
    mine: mineRow ? toRecord(mineRow) : null,
    others: mayLook ? result.decisions.filter((r) => r !== mineRow).map(toRecord) : [],
    adjudication: result.adjudication ? toRecord(result.adjudication) : null,
    draft,
    originalTask: original,
    composedTask: composeTask(draft.taskText ?? original, draft.augmentation),
  };
}

export interface Submission {
  caseId: number;
  reviewer: string;
  decision: Decision;
  reasonCode?: string | null;
  /** The work to record with the decision; the reviewer's saved draft when absent. */
  draft?: ReviewDraft;
}

function checkDecision(settings: ReviewSettings, caseId: number, decision: Decision, reasonCode: string | null, draft: ReviewDraft): void {
  if (decision === 'reject') {
    if (!reasonCode) throw new QuarryError('reason-required', `Case ${caseId}: choose a reason code to reject it.`);
    if (!settings.reasonCodes.includes(reasonCode)) {
      throw new QuarryError('unknown-reason', `Case ${caseId}: "${reasonCode}" is not a reason code (${settings.reasonCodes.join(', ')}).`);
    }
  }
  if (decision === 'accept') {
    const missing = unmetChecklist(draft.checklist, settings.requiredChecklist);
    if (missing.length > 0) {
      throw new QuarryError('checklist-incomplete', `Case ${caseId}: to accept, tick ${missing.join(', ')} in the checklist (press C).`);
    }
    const incomplete = incompleteCriteria(draft.rubric);
    if (incomplete.length > 0) {
      throw new QuarryError(
        'rubric-incomplete',
        `Case ${caseId}: rubric criterion ${incomplete.join(', ')} needs its text and both MET and UNMET definitions, or remove it (press B).`,
      );
    }
  }
}

function insertReview(db: Db, values: Omit<ReviewRow, 'id' | 'state'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO case_reviews (case_id, reviewer, kind, decision, reason_code, checklist_json, category, task_text, expected,
           rubric_json, augmentation_json, supersedes, created_at)
         VALUES (@case_id, @reviewer, @kind, @decision, @reason_code, @checklist_json, @category, @task_text, @expected,
           @rubric_json, @augmentation_json, @supersedes, @created_at)`,
      )
      .run(values).lastInsertRowid,
  );
}

function rowValues(caseId: number, reviewer: string, kind: ReviewRow['kind'], decision: Decision, reasonCode: string | null, draft: ReviewDraft, supersedes: number | null) {
  return {
    case_id: caseId,
    reviewer,
    kind,
    decision,
    reason_code: decision === 'reject' ? reasonCode : null,
    checklist_json: JSON.stringify(draft.checklist),
    category: draft.category,
    task_text: draft.taskText,
    expected: draft.expected.trim() ? draft.expected : null,
    rubric_json: JSON.stringify(draft.rubric),
    augmentation_json: JSON.stringify(draft.augmentation),
    supersedes,
    created_at: new Date().toISOString(),
  };
}

/**
 * Records a reviewer's decision. A reviewer has one decision per case: deciding again supersedes the earlier one
 * (undo brings it back). A skip is recorded for the undo stack but leaves decisions and status alone.
 */
export function submitReview(db: Db, submission: Submission): ReviewState {
  const { caseId, reviewer, decision } = submission;
  const settings = readReviewSettings(db);
  return db.transaction(() => {
    originalTask(db, caseId);
    const draft = submission.draft ? saveDraft(db, caseId, reviewer, submission.draft) : readDraft(db, caseId, reviewer);
    const reasonCode = submission.reasonCode ?? null;
    checkDecision(settings, caseId, decision, reasonCode, draft);
    const current = outcome(db, caseId, settings);
    if (current.adjudication && decision !== 'skip') {
      throw new QuarryError('case-adjudicated', `Case ${caseId} was settled by adjudication; its decision can no longer change.`);
    }
    const previous = decision === 'skip' ? undefined : current.decisions.find((r) => r.reviewer === reviewer);
    if (previous) db.prepare("UPDATE case_reviews SET state = 'superseded' WHERE id = ?").run(previous.id);
    insertReview(db, rowValues(caseId, reviewer, 'review', decision, reasonCode, draft, previous?.id ?? null));
    syncCase(db, caseId, settings);
    return reviewState(db, caseId, reviewer, settings);
  })();
}

export interface UndoResult {
  caseId: number;
  reviewId: number;
  decision: Decision;
  kind: ReviewRecord['kind'];
  state: ReviewState;
}

/** Takes back `reviewer`'s most recent act that is still in force, restoring what it superseded. */
export function undoLast(db: Db, reviewer: string): UndoResult {
  const settings = readReviewSettings(db);
  return db.transaction(() => {
    const row = db
      .prepare("SELECT * FROM case_reviews WHERE reviewer = ? AND state = 'active' ORDER BY id DESC LIMIT 1")
      .get(reviewer) as ReviewRow | undefined;
    if (!row) throw new QuarryError('nothing-to-undo', 'There is nothing left to undo.');
    db.prepare("UPDATE case_reviews SET state = 'undone', undone_at = ? WHERE id = ?").run(new Date().toISOString(), row.id);
    if (row.supersedes !== null) db.prepare("UPDATE case_reviews SET state = 'active' WHERE id = ?").run(row.supersedes);
    syncCase(db, row.case_id, settings);
    return { caseId: row.case_id, reviewId: row.id, decision: row.decision, kind: row.kind, state: reviewState(db, row.case_id, reviewer, settings) };
  })();
}

export interface DisputedCase {
  caseId: number;
  runId: number;
  preview: string;
  reviews: ReviewRecord[];
}

/** Cases whose required reviews disagree and that nobody has adjudicated yet, with every decision. */
export function disputedCases(db: Db): DisputedCase[] {
  const settings = readReviewSettings(db);
  // Candidates in one query: differing active decisions and no adjudication yet.
  const ids = db
    .prepare(
      `SELECT case_id FROM case_reviews WHERE state = 'active' AND kind = 'review' AND decision <> 'skip'
       GROUP BY case_id HAVING count(DISTINCT decision) > 1
       EXCEPT SELECT case_id FROM case_reviews WHERE state = 'active' AND kind = 'adjudication'
       ORDER BY case_id`,
    )
    .pluck()
    .all() as number[];
  const out: DisputedCase[] = [];
  for (const caseId of ids) {
    const result = outcome(db, caseId, settings);
    if (result.status !== 'disputed') continue;
    const row = db.prepare('SELECT run_id, redacted_json FROM cases WHERE id = ?').get(caseId) as { run_id: number; redacted_json: string };
    out.push({
      caseId,
      runId: row.run_id,
      preview: (JSON.parse(row.redacted_json) as { preview: string }).preview,
      reviews: result.decisions.map(toRecord),
    });
  }
  return out;
}

/**
 * Settles a disputed case. The adjudication keeps the task, rubric and reference answer of the first review that
 * reached the same decision, so the accepted case exports with the work behind it.
 */
export function adjudicate(db: Db, caseId: number, adjudicator: string, decision: 'accept' | 'reject', reasonCode?: string | null): ReviewState {
  const settings = readReviewSettings(db);
  return db.transaction(() => {
    const current = outcome(db, caseId, settings);
    if (current.status !== 'disputed') {
      throw new QuarryError('not-disputed', `Case ${caseId} is ${current.status}, not disputed; only disputed cases are adjudicated.`);
    }
    const basis = current.decisions.find((r) => r.decision === decision)!;
    const draft = ReviewDraft.parse({
      taskText: basis.task_text,
      expected: basis.expected ?? '',
      category: basis.category,
      checklist: JSON.parse(basis.checklist_json) as unknown,
      rubric: JSON.parse(basis.rubric_json) as unknown,
      augmentation: { ...EMPTY_AUGMENTATION, ...(JSON.parse(basis.augmentation_json) as object) },
    });
    const reason = decision === 'reject' ? (reasonCode ?? basis.reason_code) : null;
    if (decision === 'reject') checkDecision(settings, caseId, decision, reason, draft);
    insertReview(db, rowValues(caseId, adjudicator, 'adjudication', decision, reason, draft, null));
    syncCase(db, caseId, settings);
    return reviewState(db, caseId, adjudicator, settings);
  })();
}

/** The review a final case keeps (adjudication, or the first of the agreeing reviews); null unless final. */
export function finalReview(db: Db, caseId: number, settings = readReviewSettings(db)): ReviewRecord | null {
  const result = outcome(db, caseId, settings);
  return result.final ? toRecord(result.final) : null;
}

/** Re-derives every reviewed case's status, after the double-review share changed. */
export function resyncStatuses(db: Db): number {
  const settings = readReviewSettings(db);
  const ids = db.prepare('SELECT DISTINCT case_id FROM case_reviews').pluck().all() as number[];
  db.transaction(() => ids.forEach((id) => syncCase(db, id, settings)))();
  return ids.length;
}

export interface BatchDecision {
  kind: 'ingest' | 'mining';
  runId: number;
  /** The ingest run's source file, or the mining run's policy name and version. */
  label: string;
  caseId: number;
  reviewer: string;
  decision: 'accept' | 'reject';
}

/**
 * Active first-round decisions per case of each batch, for the agreement figures. A case belongs to the ingest
 * run that brought it in and to every mining (sampling) run that picked it.
 */
export function batchDecisions(db: Db): BatchDecision[] {
  const decided = `FROM case_reviews cr WHERE cr.state = 'active' AND cr.kind = 'review' AND cr.decision <> 'skip'`;
  const byIngest = db
    .prepare(
      `SELECT 'ingest' AS kind, c.run_id AS runId, r.source_file AS label, cr.case_id AS caseId, cr.reviewer, cr.decision
       ${decided.replace('FROM case_reviews cr', 'FROM case_reviews cr JOIN cases c ON c.id = cr.case_id JOIN ingest_runs r ON r.id = c.run_id')}
       ORDER BY c.run_id, cr.case_id, cr.id`,
    )
    .all() as BatchDecision[];
  const byMining = db
    .prepare(
      `SELECT 'mining' AS kind, s.id AS runId, s.policy_name || ' v' || s.policy_version AS label, cr.case_id AS caseId, cr.reviewer, cr.decision
       ${decided.replace('FROM case_reviews cr', 'FROM case_reviews cr JOIN sampling_picks p ON p.case_id = cr.case_id JOIN sampling_runs s ON s.id = p.run_id')}
       ORDER BY s.id, cr.case_id, cr.id`,
    )
    .all() as BatchDecision[];
  return [...byIngest, ...byMining];
}
