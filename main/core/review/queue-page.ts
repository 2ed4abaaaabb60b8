import type { Signals, Slices } from '../ingest/interaction.js';
import { SLICE_FIELDS, type SliceField } from '../sampling/policy.js';
import type { Db } from '../store/database.js';
import type { RedactedText } from '../text.js';
import { compileFilter, orderBy, type QueueFilter, type QueueOrder } from './queue-query.js';
import type { CaseStatus, ReviewCaseSummary } from './review-queue.js';
import { signalsOfMask, type QueueSignal } from './queue-signals.js';

/**
 * The review queue read a window at a time: a filtered, sorted page of case summaries and the total behind it,
 * the counts and per-reviewer progress, and the values the filter bar offers. Reads `case_queue` (narrow, one
 * row per case) and touches the wide `cases` rows only for the page being shown.
 */
export const MAX_PAGE = 500;

export interface QueueRow extends ReviewCaseSummary {
  /** The failure signals that can put the case in the queue, most telling first. */
  queueSignals: QueueSignal[];
  severity: number;
}

export interface QueuePage {
  /** Cases matching the filter; null when the caller did not ask (later windows of a list it already counted). */
  total: number | null;
  offset: number;
  rows: QueueRow[];
}

export interface QueueCounts {
  total: number;
  byStatus: Record<string, number>;
  unassignedPending: number;
  /** One entry per reviewer holding cases: how many are assigned to them and how many of those are decided. */
  reviewers: { reviewer: string; assigned: number; decided: number }[];
}

export interface QueueFacets {
  slices: Record<SliceField, { value: string | null; count: number }[]>;
  runs: { id: number; policyName: string; policyVersion: number; createdAt: string; picked: number }[];
}

interface PageRow {
  id: number;
  status: CaseStatus;
  assignee: string | null;
  signals_json: string;
  slices_json: string;
  ingested_at: string;
  preview: string;
  findings: number;
  signal_mask: number;
  severity: number;
}

/** Case ids in queue order for a window of the filtered queue. */
export function pageIds(db: Db, filter: QueueFilter, order: QueueOrder, offset: number, limit: number, reviewer: string | null): number[] {
  const { where, params } = compileFilter(db, filter, reviewer);
  return db
    .prepare(`SELECT q.case_id FROM case_queue q ${where} ${orderBy(order)} LIMIT @limit OFFSET @offset`)
    .pluck()
    .all({ ...params, limit: Math.min(limit, MAX_PAGE), offset }) as number[];
}

export function countCases(db: Db, filter: QueueFilter, reviewer: string | null): number {
  const { where, params } = compileFilter(db, filter, reviewer);
  return db.prepare(`SELECT count(*) FROM case_queue q ${where}`).pluck().get(params) as number;
}

/** Summaries for these ids, in the order given; ids that do not exist are left out. */
export function queueRows(db: Db, ids: readonly number[]): QueueRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT c.id, c.status, c.assignee, c.signals_json, c.slices_json, c.ingested_at, p.preview, q.findings, q.signal_mask, q.severity
       FROM case_queue q JOIN cases c ON c.id = q.case_id JOIN case_preview p ON p.case_id = q.case_id WHERE q.case_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as PageRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id: row.id,
        preview: row.preview as RedactedText,
        status: row.status,
        assignee: row.assignee,
        signals: JSON.parse(row.signals_json) as Signals,
        slices: JSON.parse(row.slices_json) as Slices,
        findingCount: row.findings,
        ingestedAt: row.ingested_at,
        queueSignals: signalsOfMask(row.signal_mask),
        severity: row.severity,
      },
    ];
  });
}

export function pageCases(
  db: Db,
  filter: QueueFilter,
  order: QueueOrder,
  offset: number,
  limit: number,
  reviewer: string | null,
  withTotal = true,
): QueuePage {
  const read = db.transaction(() => ({
    total: withTotal ? countCases(db, filter, reviewer) : null,
    offset,
    rows: queueRows(db, pageIds(db, filter, order, offset, limit, reviewer)),
  }));
  return read();
}

export function queueCounts(db: Db): QueueCounts {
  const byStatus: Record<string, number> = { pending: 0, accepted: 0, rejected: 0 };
  let total = 0;
  for (const { status, n } of db.prepare('SELECT status, count(*) AS n FROM case_queue GROUP BY status').all() as { status: string; n: number }[]) {
    byStatus[status] = n;
    total += n;
  }
  const unassignedPending = db.prepare("SELECT count(*) FROM case_queue WHERE assignee IS NULL AND status = 'pending'").pluck().get() as number;
  const reviewers = db
    .prepare(
      `SELECT assignee AS reviewer, count(*) AS assigned, sum(status <> 'pending') AS decided
       FROM case_queue WHERE assignee IS NOT NULL GROUP BY assignee ORDER BY assignee`,
    )
    .all() as QueueCounts['reviewers'];
  return { total, byStatus, unassignedPending, reviewers };
}

/** What the filter bar offers: the most common values of each slice and the mining runs (assignees: counts). */
export function queueFacets(db: Db, perField = 40): QueueFacets {
  const slices = Object.fromEntries(
    SLICE_FIELDS.map((field) => [
      field,
      db.prepare(`SELECT ${field} AS value, count(*) AS count FROM case_queue GROUP BY ${field} ORDER BY count DESC, value LIMIT ?`).all(perField),
    ]),
  ) as QueueFacets['slices'];
  const runs = db
    .prepare(
      `SELECT id, policy_name AS policyName, policy_version AS policyVersion, created_at AS createdAt, picked_count AS picked
       FROM sampling_runs ORDER BY id DESC LIMIT 200`,
    )
    .all() as QueueFacets['runs'];
  return { slices, runs };
}
