import type { Migration } from './migration.js';

/**
 * Accounts and an audit record to the standard of NIST SP 800-53 AU-3: each entry now names the actor's role,
 * the workstation and the source (ui or cli) besides type, time, actor, object ids and outcome. `format` says
 * how the entry's hash was computed (1: before this migration, 2: content digest chained to the previous
 * hash), so entries written before it still verify. Checkpoints are Ed25519 signatures over (seq, hash, time).
 * `accounts` mirrors the account list of workspace.json for the audit log and the UI; it holds no secrets.
 */
export const accountsAuditFields: Migration = {
  version: 9,
  name: 'accounts mirror, AU-3 audit fields and signed checkpoints',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN role TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN workstation TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN source TEXT NOT NULL DEFAULT '';
      ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
      CREATE INDEX audit_log_ts ON audit_log(ts);

      CREATE TABLE audit_checkpoints (
        seq INTEGER PRIMARY KEY,
        hash TEXT NOT NULL,
        ts TEXT NOT NULL,
        signature TEXT NOT NULL
      );

      CREATE TABLE accounts (
        name TEXT PRIMARY KEY COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'auditor')),
        created_at TEXT NOT NULL,
        removed_at TEXT
      );
    `);
  },
};
