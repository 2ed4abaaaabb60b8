import { QuarryError } from '../errors.js';
import { SLICE_FIELDS, type SliceField } from '../sampling/policy.js';
import type { Db } from '../store/database.js';
import { SIGNAL_BIT, type QueueSignal } from './queue-signals.js';

/**
 * Turns a queue filter and sort into SQL over `case_queue` (migration 007), the narrow table the queue reads
 * at 100,000 cases. Values always travel as bound parameters; only fixed column names are spliced in.
 */
export const CATEGORIES = ['happy-path', 'edge-case', 'adversarial', 'drift'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SORT_KEYS = ['ingested', 'severity', 'findings', 'id'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

/** `me` is the signed-in reviewer; `unassigned` the cases nobody holds. */
export type AssigneeFilter = 'me' | 'unassigned' | { name: string };

export interface QueueFilter {
  status?: string;
  assignee?: AssigneeFilter;
  /** A mining run (sampling_runs.id): only the cases it picked. */
  runId?: number;
  /** A slice value; `null` means the case has no value for that field. */
  slice?: { field: SliceField; value: string | null };
  signal?: QueueSignal;
  category?: Category;
  /** Words in the de-identified preview, or `#123` for one case. */
  text?: string;
}

export interface QueueOrder {
  sort: SortKey;
  dir: SortDir;
}

export interface CompiledFilter {
  where: string;
  params: Record<string, string | number | null>;
}

const SORT_COLUMNS: Record<SortKey, string | null> = {
  ingested: 'q.ingested_at',
  severity: 'q.severity',
  findings: 'q.findings',
  id: null,
};

const tablesPresent = new WeakMap<Db, boolean>();

/**
 * Categories are written by the reviewer-actions area (`case_reviews`, migration 008); until that table exists
 * a category filter matches nothing rather than failing.
 */
function hasCaseReviews(db: Db): boolean {
  let present = tablesPresent.get(db);
  if (present === undefined) {
    present = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_reviews'").get() !== undefined;
    if (present) tablesPresent.set(db, present);
  }
  return present;
}

/** Escapes LIKE wildcards so a search for `50%` finds that text, not everything. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function compileFilter(db: Db, filter: QueueFilter, reviewer: string | null): CompiledFilter {
  const terms: string[] = [];
  const params: CompiledFilter['params'] = {};
  if (filter.status !== undefined) {
    terms.push('q.status = @status');
    params.status = filter.status;
  }
  if (filter.assignee !== undefined) {
    if (filter.assignee === 'unassigned') terms.push('q.assignee IS NULL');
    else {
      const name = filter.assignee === 'me' ? reviewer : filter.assignee.name;
      if (!name) throw new QuarryError('locked', 'Sign in with a reviewer name to see the cases assigned to you.');
      terms.push('q.assignee = @assignee');
      params.assignee = name;
    }
  }
  if (filter.runId !== undefined) {
    terms.push('q.case_id IN (SELECT case_id FROM sampling_picks WHERE run_id = @runId)');
    params.runId = filter.runId;
  }
  if (filter.slice !== undefined) {
    const { field, value } = filter.slice;
    if (!SLICE_FIELDS.includes(field)) throw new QuarryError('queue-filter-invalid', `"${field}" is not a slice field; use one of ${SLICE_FIELDS.join(', ')}.`);
    terms.push(value === null ? `q.${field} IS NULL` : `q.${field} = @sliceValue`);
    if (value !== null) params.sliceValue = value;
  }
  if (filter.signal !== undefined) {
    const bit = SIGNAL_BIT[filter.signal];
    if (bit === undefined) throw new QuarryError('queue-filter-invalid', `"${filter.signal}" is not a queue signal.`);
    terms.push(`(q.signal_mask & ${bit}) <> 0`);
  }
  if (filter.category !== undefined) {
    if (!hasCaseReviews(db)) terms.push('0');
    else {
      // A category another reviewer chose stays hidden while the case is still pending (blind double review).
      terms.push(`EXISTS (SELECT 1 FROM case_reviews r WHERE r.case_id = q.case_id AND r.state = 'active'
        AND r.category = @category AND (q.status <> 'pending' OR r.reviewer = @me))`);
      params.category = filter.category;
      params.me = reviewer;
    }
  }
  const text = filter.text?.trim();
  if (text) {
    const byId = /^#(\d{1,15})$/.exec(text);
    if (byId) {
      terms.push('q.case_id = @textId');
      params.textId = Number(byId[1]);
    } else {
      terms.push("q.case_id IN (SELECT case_id FROM case_preview WHERE preview LIKE @text ESCAPE '\\')");
      params.text = likePattern(text);
    }
  }
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

export function orderBy({ sort, dir }: QueueOrder): string {
  const direction = dir === 'desc' ? 'DESC' : 'ASC';
  const column = SORT_COLUMNS[sort];
  return column ? `ORDER BY ${column} ${direction}, q.case_id ${direction}` : `ORDER BY q.case_id ${direction}`;
}
