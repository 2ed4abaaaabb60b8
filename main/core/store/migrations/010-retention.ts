import type { Migration } from './migration.js';

/**
 * Retention of raw production text.
 *
 * `retention_policies`: how many days each source's raw text may stay in the vault. A source is the source
 * profile its ingest runs were read through (`profile:<name>`), or else their format (`openai-chat`, …). No row
 * means no period: kept until purged.
 *
 * `retention_purges`: the purge history, counts only. `actor` is who asked (`system` for the schedule).
 *
 * `vault_interactions.purged_at`: when a row's raw text was blanked. The row itself stays because the
 * de-identified case keeps its id (and the content hash keeps a re-ingest of the same record a duplicate).
 */
export const retention: Migration = {
  version: 10,
  name: 'retention policies and purge history',
  up(db) {
    db.exec(`
      CREATE TABLE retention_policies (
        source TEXT PRIMARY KEY CHECK (length(source) BETWEEN 1 AND 64),
        raw_days INTEGER NOT NULL CHECK (raw_days BETWEEN 1 AND 36500),
        updated_by TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE retention_purges (
        id INTEGER PRIMARY KEY,
        purged_at TEXT NOT NULL,
        source TEXT NOT NULL,
        cutoff TEXT NOT NULL,
        interactions INTEGER NOT NULL CHECK (interactions >= 0),
        findings INTEGER NOT NULL CHECK (findings >= 0),
        surrogates INTEGER NOT NULL CHECK (surrogates >= 0),
        actor TEXT NOT NULL
      );
      CREATE INDEX retention_purges_time ON retention_purges(purged_at);

      ALTER TABLE vault_interactions ADD COLUMN purged_at TEXT;
    `);
  },
};
