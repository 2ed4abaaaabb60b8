import { QuarryError } from '../errors.js';
import type { Signals, Slices } from '../ingest/interaction.js';
import type { Db } from '../store/database.js';
import type { RedactedText } from '../text.js';

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
}

export interface ReviewCase extends ReviewCaseSummary {
  messages: RedactedMessage[];
  response: RedactedMessage | null;
  expected: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  provenance: { runId: number; sourceFile: string; line: number; recordId: string | null; contentHash: string };
  placeholders: { placeholder: string; label: string }[];
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

const SELECT_CASE = `SELECT c.*, r.source_file FROM cases c JOIN ingest_runs r ON r.id = c.run_id`;

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
    messages: body.messages,
    response: body.response,
    expected: row.expected,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    provenance: { runId: row.run_id, sourceFile: row.source_file, line: row.line, recordId: row.record_id, contentHash: row.content_hash },
    placeholders,
  };
}

function toSummary(c: ReviewCase): ReviewCaseSummary {
  return { id: c.id, preview: c.preview, status: c.status, signals: c.signals, slices: c.slices, findingCount: c.findingCount, ingestedAt: c.ingestedAt };
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
  return toCase(row);
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
