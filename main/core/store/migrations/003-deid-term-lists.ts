import type { Migration } from './migration.js';

/** The workspace's allow-list (never redact) and deny-list (always redact, with the type to use). */
export const deidTermLists: Migration = {
  version: 3,
  name: 'de-identification term lists',
  up(db) {
    db.exec(`
      CREATE TABLE deid_terms (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('allow', 'deny')),
        term TEXT NOT NULL,
        label TEXT,
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        UNIQUE (kind, term)
      );
    `);
  },
};
