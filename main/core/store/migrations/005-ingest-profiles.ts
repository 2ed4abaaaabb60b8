import type { Migration } from './migration.js';

/**
 * Streaming ingest and generic sources: source profiles (field mappings for generic JSONL/CSV, saved by name and
 * versioned), each run's state (running, finished, cancelled, failed: a run left `running` by a crash or kill stays
 * so, and is shown as interrupted), its profile, and how far it read; quarantined records get the field at fault.
 * Ids, names, counts and reasons only: no production text.
 */
export const ingestProfiles: Migration = {
  version: 5,
  name: 'source profiles, ingest run state, quarantine field',
  up(db) {
    db.exec(`
      CREATE TABLE source_profiles (
        name TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        json TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (name, version)
      );

      ALTER TABLE ingest_runs ADD COLUMN state TEXT NOT NULL DEFAULT 'running'
        CHECK (state IN ('running', 'finished', 'cancelled', 'failed'));
      ALTER TABLE ingest_runs ADD COLUMN profile_name TEXT;
      ALTER TABLE ingest_runs ADD COLUMN profile_version INTEGER;
      ALTER TABLE ingest_runs ADD COLUMN bytes_total INTEGER;
      ALTER TABLE ingest_runs ADD COLUMN bytes_read INTEGER;
      ALTER TABLE ingest_runs ADD COLUMN records INTEGER NOT NULL DEFAULT 0;
      UPDATE ingest_runs SET state = 'finished' WHERE finished_at IS NOT NULL;

      ALTER TABLE quarantine ADD COLUMN field TEXT;
      CREATE INDEX quarantine_run ON quarantine(run_id, line);
    `);
  },
};
