/**
 * Set-based upkeep of the tables derived from `cases` (case_queue, case_preview, case_metrics,
 * monitor_dirty_hours, case_sampling) for a batch of ingested cases. Migrations 015 and 019 guard the per-row
 * insert triggers with `cases_bulk_insert`; here each statement of those trigger bodies, `INSERT … INTO t (cols) VALUES (exprs of
 * NEW)`, becomes `INSERT … INTO t (cols) SELECT exprs FROM cases AS NEW WHERE NEW.id BETWEEN ? AND ?`, read
 * from the schema itself, so the batch gets exactly the rows the triggers would have written. When the triggers
 * are not in the shape expected (no guard, an unforeseen statement), nothing is guarded and the triggers do the
 * work row by row: slower, never wrong.
 */
import type { Db } from '../store/database.js';
import { BULK_GUARD, GUARDED_INSERT_TRIGGERS } from '../store/migrations/015-bulk-case-inserts.js';
import { SAMPLING_INSERT_TRIGGER } from '../store/migrations/019-case-sampling.js';

/** Every guarded insert trigger: migration 015's, and those later migrations created guarded. */
const BULK_TRIGGERS = [...GUARDED_INSERT_TRIGGERS, SAMPLING_INSERT_TRIGGER];

export interface BulkCaseInserts {
  /**
   * Runs `insert` (which stores the batch's cases and returns the first and last case id it stored, or null when
   * it stored none) with the insert triggers off, then writes the derived rows for that id range. Call inside the
   * batch's transaction: the guard row is removed before it returns, and a throw rolls it back with the rest.
   */
  run(runId: number, insert: () => { first: number; last: number } | null): void;
  /** False when the triggers do the work (see the module comment). */
  readonly setBased: boolean;
}

/** The trigger body's statements turned into range statements, or null when a statement is not a plain insert. */
function rangeStatements(triggerSql: string): string[] | null {
  const begin = /\bBEGIN\b/.exec(triggerSql);
  const end = triggerSql.lastIndexOf('END');
  if (!begin || end < begin.index) return null;
  const body = triggerSql.slice(begin.index + begin[0].length, end);
  const out: string[] = [];
  for (const statement of body.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter((s) => s !== '')) {
    const match = /^(INSERT(?:\s+OR\s+\w+)?\s+INTO\s+\w+\s*\([^)]*\))\s*VALUES\s*\(([\s\S]*)\)$/i.exec(statement);
    if (!match || /\bOLD\./.test(statement)) return null;
    out.push(`${match[1]} SELECT ${match[2]} FROM cases AS NEW WHERE NEW.id BETWEEN ? AND ? ORDER BY NEW.id`);
  }
  return out.length > 0 ? out : null;
}

/** Prepares the set-based statements for this connection's schema (once per ingest). */
export function bulkCaseInserts(db: Db): BulkCaseInserts {
  const read = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck();
  const statements: string[] = [];
  let usable = true;
  for (const name of BULK_TRIGGERS) {
    const sql = read.get(name) as string | undefined;
    // A trigger this schema does not have (its migration has not run): the triggers fill nothing for it either.
    if (sql === undefined) continue;
    const range = sql && sql.includes(`WHEN ${BULK_GUARD} BEGIN`) ? rangeStatements(sql) : null;
    if (!range) usable = false;
    else statements.push(...range);
  }
  if (!usable) {
    return { setBased: false, run: (_runId, insert) => void insert() };
  }
  const prepared = statements.map((sql) => db.prepare(sql));
  const guard = db.prepare('INSERT INTO cases_bulk_insert (run_id) VALUES (?)');
  const unguard = db.prepare('DELETE FROM cases_bulk_insert WHERE run_id = ?');
  return {
    setBased: true,
    run(runId, insert) {
      guard.run(runId);
      let range: { first: number; last: number } | null;
      try {
        range = insert();
      } finally {
        unguard.run(runId);
      }
      if (range) for (const statement of prepared) statement.run(range.first, range.last);
    },
  };
}
