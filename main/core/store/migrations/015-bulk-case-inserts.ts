import type { Migration } from './migration.js';

/**
 * Bulk case inserts. The per-row insert triggers of migrations 007 (`cases_queue_insert`: case_queue and
 * case_preview) and 013 (`cases_metrics_insert`: case_metrics and monitor_dirty_hours) gain a guard: they do
 * nothing while `cases_bulk_insert` holds a row. Ingest puts a row there inside its batch transaction, inserts the
 * batch's cases, then fills the same derived rows with one INSERT … SELECT per trigger statement over the batch's
 * id range (main/core/ingest/bulk-derived.ts derives those statements from these very trigger bodies, so the two
 * cannot drift), and deletes the row before the transaction commits. The row therefore never outlives a
 * transaction: every other writer, and any crash, sees the triggers as they were. The trigger bodies are kept
 * byte for byte; only the WHEN clause is new.
 */
export const GUARDED_INSERT_TRIGGERS = ['cases_queue_insert', 'cases_metrics_insert'] as const;
export const BULK_GUARD = 'NOT EXISTS (SELECT 1 FROM cases_bulk_insert)';

export const bulkCaseInserts: Migration = {
  version: 15,
  name: 'guarded case insert triggers for set-based bulk ingest',
  up(db) {
    db.exec('CREATE TABLE cases_bulk_insert (run_id INTEGER PRIMARY KEY)');
    for (const name of GUARDED_INSERT_TRIGGERS) {
      const sql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;
      if (!sql) throw new Error(`migration 15: trigger ${name} is missing`);
      const guarded = sql.replace(/^(CREATE TRIGGER \w+ AFTER INSERT ON cases)\s+BEGIN\b/, `$1 WHEN ${BULK_GUARD} BEGIN`);
      if (guarded === sql) throw new Error(`migration 15: trigger ${name} does not have the expected shape`);
      db.exec(`DROP TRIGGER ${name}`);
      db.exec(guarded);
    }
  },
};
