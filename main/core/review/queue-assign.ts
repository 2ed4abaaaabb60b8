import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { pageIds } from './queue-page.js';
import type { QueueFilter, QueueOrder } from './queue-query.js';

/**
 * Who works which cases: assign chosen cases to a reviewer (or release them), and "give me the next N": the
 * first pending, unassigned cases in the queue's current filter and order. Callers audit-log the ids.
 */
export const MAX_ASSIGN = 5000;

function checkReviewer(reviewer: string): string {
  const name = reviewer.trim();
  if (name.length === 0 || name.length > 80) throw new QuarryError('assign-invalid', 'A reviewer name is 1 to 80 characters.');
  return name;
}

/** Sets (or, with `null`, clears) the assignee of every case in `ids`; all of them must exist, or none changes. */
export function assignCases(db: Db, ids: readonly number[], reviewer: string | null): number[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new QuarryError('assign-invalid', 'Choose at least one case to assign.');
  if (unique.length > MAX_ASSIGN) throw new QuarryError('assign-invalid', `Assign at most ${MAX_ASSIGN} cases at a time (${unique.length} chosen).`);
  const name = reviewer === null ? null : checkReviewer(reviewer);
  return db.transaction(() => {
    const list = JSON.stringify(unique);
    const found = new Set(db.prepare('SELECT id FROM cases WHERE id IN (SELECT value FROM json_each(?))').pluck().all(list) as number[]);
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new QuarryError('case-not-found', `Case ${missing.slice(0, 5).map((id) => `#${id}`).join(', ')}${missing.length > 5 ? '…' : ''} does not exist in this workspace; nothing was assigned.`);
    }
    db.prepare('UPDATE cases SET assignee = ?, assigned_at = ? WHERE id IN (SELECT value FROM json_each(?))').run(
      name,
      name === null ? null : new Date().toISOString(),
      list,
    );
    return unique.sort((a, b) => a - b);
  })();
}

/** Assigns the first `count` pending, unassigned cases of the filtered queue to `reviewer`; returns their ids. */
export function claimNext(db: Db, reviewer: string, count: number, filter: QueueFilter, order: QueueOrder): number[] {
  const name = checkReviewer(reviewer);
  if (!Number.isInteger(count) || count < 1 || count > 500) throw new QuarryError('assign-invalid', 'Take between 1 and 500 cases at a time.');
  return db.transaction(() => {
    const ids = pageIds(db, { ...filter, status: 'pending', assignee: 'unassigned' }, order, 0, count, name);
    return ids.length === 0 ? [] : assignCases(db, ids, name);
  })();
}
