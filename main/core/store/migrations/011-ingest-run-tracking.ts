import type { Migration } from './migration.js';

/**
 * Ingest runs you can see and resume, and exact duplicates merged into a count:
 * - `source_path` (where the file was, so a cancelled or interrupted run can be resumed), `resumes_run` (the run a
 *   resume continues), `owner_pid` (the process that ran it: a running run whose process is gone was killed) and
 *   `error_code` (why a run failed; `interrupted` for a run found killed, whose state becomes `failed`, since
 *   migration 005's CHECK on `state` cannot be widened without rebuilding a table three others reference).
 * - `cases.seen_count`: how often the same content arrived, and `ingest_arrivals`, one row per (interaction, source
 *   file, line), so re-reading the same line of the same file (a resume, a re-run) is not counted twice.
 * Existing interactions get one arrival each: the line they were stored from. Ids, paths and counts only.
 */
export const ingestRunTracking: Migration = {
  version: 11,
  name: 'ingest run resume and ownership, duplicate arrival counts',
  up(db) {
    db.exec(`
      ALTER TABLE ingest_runs ADD COLUMN source_path TEXT;
      ALTER TABLE ingest_runs ADD COLUMN resumes_run INTEGER REFERENCES ingest_runs(id);
      ALTER TABLE ingest_runs ADD COLUMN owner_pid INTEGER;
      ALTER TABLE ingest_runs ADD COLUMN error_code TEXT;

      ALTER TABLE cases ADD COLUMN seen_count INTEGER NOT NULL DEFAULT 1 CHECK (seen_count >= 1);

      CREATE TABLE ingest_arrivals (
        interaction_id INTEGER NOT NULL REFERENCES vault_interactions(id) ON DELETE CASCADE,
        source_file TEXT NOT NULL,
        line INTEGER NOT NULL,
        run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
        PRIMARY KEY (interaction_id, source_file, line)
      ) WITHOUT ROWID;
      CREATE INDEX ingest_arrivals_run ON ingest_arrivals(run_id);

      INSERT OR IGNORE INTO ingest_arrivals (interaction_id, source_file, line, run_id)
        SELECT v.id, r.source_file, v.line, v.run_id FROM vault_interactions v JOIN ingest_runs r ON r.id = v.run_id;
    `);
  },
};
