import { nearDuplicatesOf } from '../enrich/near-duplicates.js';
import { QuarryError } from '../errors.js';
import type { Signals, Slices } from '../ingest/interaction.js';
import type { Db } from '../store/database.js';
import type { RedactedText } from '../text.js';
import { signalsOfMask, type QueueSignal } from './queue-signals.js';

/** What the review queue shows: built from the de-identified `cases` table only, never from the vault. */
export type CaseStatus = 'pending' | 'accepted' | 'rejected';

export interface RedactedMessage {
  role: string;
  content: RedactedText;
}

export interface ReviewCaseSummary {
  id: number;
  preview: RedactedText;
  status: CaseStatus;
  signals: Signals;
  slices: Slices;
  findingCount: number;
  ingestedAt: string;
  /** The reviewer the case is assigned to, or null. */
  assignee: string | null;
}

/** A mining run that picked the case, and why (failure signals, `stratum_minimum` or `base_rate`). */
export interface CasePick {
  runId: number;
  policyName: string;
  policyVersion: number;
  reasons: string[];
}

/** Another case in the same near-duplicate cluster, with its de-identified preview. */
export interface NearDuplicateCase {
  id: number;
  similarity: number;
  status: CaseStatus;
  preview: RedactedText;
}

export interface ReviewCase extends ReviewCaseSummary {
  messages: RedactedMessage[];
  response: RedactedMessage | null;
  expected: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  provenance: { runId: number; sourceFile: string; line: number; recordId: string | null; contentHash: string };
  placeholders: { placeholder: string; label: string }[];
  /** The failure signals that can put the case in the queue (migration 007's `signal_mask`). */
  queueSignals: QueueSignal[];
  picks: CasePick[];
  nearDuplicates: NearDuplicateCase[];
  /** How often exactly this content arrived (migration 011's `cases.seen_count`). */
  seenCount?: number;
}

interface CaseRow {
  id: number;
  run_id: number;
  line: number;
  record_id: string | null;
  content_hash: string;
  redacted_json: string;
  signals_json: string;
  slices_json: string;
  placeholders_json: string;
  status: CaseStatus;
  assignee: string | null;
  signal_mask: number | null;
  expected: string | null;
  decided_by: string | null;
  decided_at: string | null;
  ingested_at: string;
  source_file: string;
}

interface RedactedBody {
  messages: RedactedMessage[];
  response: RedactedMessage | null;
  preview: RedactedText;
}

const SELECT_CASE = `SELECT c.*, r.source_file, q.signal_mask FROM cases c JOIN ingest_runs r ON r.id = c.run_id
  LEFT JOIN case_queue q ON q.case_id = c.id`;

/** How many near-duplicates the case view lists. */
const NEAR_DUPLICATES_SHOWN = 10;

function toCase(row: CaseRow): ReviewCase {
  const body = JSON.parse(row.redacted_json) as RedactedBody;
  const placeholders = JSON.parse(row.placeholders_json) as ReviewCase['placeholders'];
  return {
    id: row.id,
    preview: body.preview,
    status: row.status,
    signals: JSON.parse(row.signals_json) as Signals,
    slices: JSON.parse(row.slices_json) as Slices,
    findingCount: placeholders.length,
    ingestedAt: row.ingested_at,
    assignee: row.assignee,
    messages: body.messages,
    response: body.response,
    expected: row.expected,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    provenance: { runId: row.run_id, sourceFile: row.source_file, line: row.line, recordId: row.record_id, contentHash: row.content_hash },
    placeholders,
    queueSignals: signalsOfMask(row.signal_mask ?? 0),
    picks: [],
    nearDuplicates: [],
    seenCount: (row as CaseRow & { seen_count?: number }).seen_count,
  };
}

function toSummary(c: ReviewCase): ReviewCaseSummary {
  return {
    id: c.id,
    preview: c.preview,
    status: c.status,
    signals: c.signals,
    slices: c.slices,
    findingCount: c.findingCount,
    ingestedAt: c.ingestedAt,
    assignee: c.assignee,
  };
}

export function listCases(db: Db, status?: CaseStatus): ReviewCaseSummary[] {
  const rows = status
    ? (db.prepare(`${SELECT_CASE} WHERE c.status = ? ORDER BY c.id`).all(status) as CaseRow[])
    : (db.prepare(`${SELECT_CASE} ORDER BY c.id`).all() as CaseRow[]);
  return rows.map((row) => toSummary(toCase(row)));
}

export function getCase(db: Db, id: number): ReviewCase {
  const row = db.prepare(`${SELECT_CASE} WHERE c.id = ?`).get(id) as CaseRow | undefined;
  if (!row) throw new QuarryError('case-not-found', `Case ${id} does not exist in this workspace.`);
  return { ...toCase(row), picks: picksOf(db, id), nearDuplicates: nearDuplicateCases(db, id) };
}

function picksOf(db: Db, id: number): CasePick[] {
  const rows = db
    .prepare(
      `SELECT p.run_id AS runId, r.policy_name AS policyName, r.policy_version AS policyVersion, p.reasons
       FROM sampling_picks p JOIN sampling_runs r ON r.id = p.run_id WHERE p.case_id = ? ORDER BY p.run_id DESC LIMIT 20`,
    )
    .all(id) as (Omit<CasePick, 'reasons'> & { reasons: string })[];
  return rows.map((row) => ({ ...row, reasons: JSON.parse(row.reasons) as string[] }));
}

function nearDuplicateCases(db: Db, id: number): NearDuplicateCase[] {
  const near = nearDuplicatesOf(db, id, NEAR_DUPLICATES_SHOWN);
  if (near.length === 0) return [];
  const rows = db
    .prepare(`SELECT q.case_id AS id, q.status, p.preview FROM case_queue q JOIN case_preview p ON p.case_id = q.case_id
       WHERE q.case_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(near.map((n) => n.caseId))) as { id: number; status: CaseStatus; preview: RedactedText }[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return near.flatMap((n) => {
    const row = byId.get(n.caseId);
    return row ? [{ ...row, similarity: n.similarity }] : [];
  });
}

export function decideCase(db: Db, id: number, decision: 'accepted' | 'rejected', reviewer: string, expected?: string): ReviewCase {
  getCase(db, id);
  const params = { id, decision, reviewer, at: new Date().toISOString(), expected: expected ?? null };
  db.prepare(
    'UPDATE cases SET status = @decision, decided_by = @reviewer, decided_at = @at, expected = COALESCE(@expected, expected) WHERE id = @id',
  ).run(params);
  return getCase(db, id);
}

export function saveExpected(db: Db, id: number, expected: string): ReviewCase {
  getCase(db, id);
  db.prepare('UPDATE cases SET expected = ? WHERE id = ?').run(expected, id);
  return getCase(db, id);
}

export function acceptedCases(db: Db): ReviewCase[] {
  return (db.prepare(`${SELECT_CASE} WHERE c.status = 'accepted' ORDER BY c.id`).all() as CaseRow[]).map(toCase);
}
