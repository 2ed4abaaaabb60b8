import type { Migration } from './migration.js';

/**
 * Raw production text lives only in the `vault_*` tables, so retention can purge it without touching
 * de-identified work. Everything else holds de-identified text, signals and ids.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up(db) {
    db.exec(`
      CREATE TABLE ingest_runs (
        id INTEGER PRIMARY KEY,
        source_file TEXT NOT NULL,
        format TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        ingested INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        quarantined INTEGER NOT NULL DEFAULT 0
      );

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
        line INTEGER NOT NULL,
        reason TEXT NOT NULL
      );

      CREATE TABLE vault_interactions (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
        line INTEGER NOT NULL,
        raw_json TEXT NOT NULL
      );

      CREATE TABLE vault_findings (
        case_id INTEGER NOT NULL REFERENCES vault_interactions(id),
        field INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL,
        placeholder TEXT NOT NULL,
        source TEXT NOT NULL,
        score REAL NOT NULL,
        original TEXT NOT NULL
      );
      CREATE INDEX vault_findings_case ON vault_findings(case_id);

      CREATE TABLE cases (
        id INTEGER PRIMARY KEY REFERENCES vault_interactions(id),
        run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
        line INTEGER NOT NULL,
        record_id TEXT,
        content_hash TEXT NOT NULL,
        redacted_json TEXT NOT NULL,
        signals_json TEXT NOT NULL,
        slices_json TEXT NOT NULL,
        placeholders_json TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
        expected TEXT,
        decided_by TEXT,
        decided_at TEXT,
        ingested_at TEXT NOT NULL
      );
      CREATE INDEX cases_status ON cases(status, id);

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        object_ids TEXT NOT NULL,
        outcome TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
    `);
  },
};
