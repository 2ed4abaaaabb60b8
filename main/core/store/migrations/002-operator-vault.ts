import type { Migration } from './migration.js';

/**
 * What export operators need to stay consistent across a workspace.
 *
 * `workspace_meta` holds the per-workspace operator secret. It is not derived from production text, so it sits
 * outside the `vault_*` tables: purging raw text must not change the HMAC tokens and date offsets of later
 * exports, or cases exported before and after a purge could no longer be joined.
 *
 * `vault_surrogates` maps a real value to its fake stand-in. The key is an HMAC of label and normalised value, so
 * the table never holds the real value itself; it is still derived from production text, hence `vault_`.
 * Surrogates are not unique per label on purpose: ages and cities have few plausible fakes, and two real values
 * sharing one costs fidelity, not privacy.
 */
export const operatorVault: Migration = {
  version: 2,
  name: 'operator vault',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_meta (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE vault_surrogates (
        label TEXT NOT NULL,
        value_hmac TEXT NOT NULL CHECK (length(value_hmac) = 64),
        surrogate TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (label, value_hmac)
      );
      CREATE INDEX vault_surrogates_surrogate ON vault_surrogates(label, surrogate);
    `);
  },
};
