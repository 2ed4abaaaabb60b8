import type { Migration } from './migration.js';

/**
 * Golden-set releases (main/core/releases):
 * - `eval_sets`: named eval sets.
 * - `releases`: numbered snapshots of a set (v1, v2, …). `manifest_json` is written once at creation; a release is
 *   created `pending` and is approved or rejected once, by someone else (four eyes, checked in code). Triggers make
 *   the row immutable in the database too: a pending release may only move to approved/rejected (state, approver
 *   and rejecter columns); an approved or rejected release cannot be updated; no release can be deleted.
 * - `release_cases`: each case as the release froze it (de-identified record JSON and its sha256); rows can be
 *   inserted, never updated or deleted. No foreign key to `cases`: a release outlives the case it came from.
 * - `imported_cases`: golden records imported from an existing JSONL set into an eval set, de-identified before
 *   storing; they join the set's next release. Ids start above 1,000,000,000 so they never meet a workspace case id.
 * Ids, hashes and de-identified text only.
 */
export const releases: Migration = {
  version: 12,
  name: 'eval sets, immutable releases and imported golden cases',
  up(db) {
    db.exec(`
      CREATE TABLE eval_sets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      );

      CREATE TABLE releases (
        id INTEGER PRIMARY KEY,
        eval_set_id INTEGER NOT NULL REFERENCES eval_sets(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        parent_id INTEGER REFERENCES releases(id),
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
        manifest_json TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        approved_by TEXT,
        approved_at TEXT,
        rejected_by TEXT,
        rejected_at TEXT,
        UNIQUE (eval_set_id, version),
        CHECK ((state = 'approved') = (approved_by IS NOT NULL AND approved_at IS NOT NULL)),
        CHECK ((state = 'rejected') = (rejected_by IS NOT NULL AND rejected_at IS NOT NULL))
      );

      CREATE TABLE release_cases (
        release_id INTEGER NOT NULL REFERENCES releases(id),
        case_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('golden', 'regression')),
        origin TEXT NOT NULL CHECK (origin IN ('review', 'import')),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        record_json TEXT NOT NULL,
        PRIMARY KEY (release_id, case_id)
      ) WITHOUT ROWID;

      CREATE TABLE imported_cases (
        id INTEGER PRIMARY KEY CHECK (id > 1000000000),
        eval_set_id INTEGER NOT NULL REFERENCES eval_sets(id),
        source_file TEXT NOT NULL,
        line INTEGER NOT NULL,
        record_json TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      );
      CREATE INDEX imported_cases_set ON imported_cases(eval_set_id);

      CREATE TRIGGER release_cases_no_update BEFORE UPDATE ON release_cases
      BEGIN SELECT RAISE(ABORT, 'release cases are immutable'); END;
      CREATE TRIGGER release_cases_no_delete BEFORE DELETE ON release_cases
      BEGIN SELECT RAISE(ABORT, 'release cases are immutable'); END;

      CREATE TRIGGER releases_no_delete BEFORE DELETE ON releases
      BEGIN SELECT RAISE(ABORT, 'releases are immutable'); END;
      CREATE TRIGGER releases_decided_frozen BEFORE UPDATE ON releases WHEN OLD.state <> 'pending'
      BEGIN SELECT RAISE(ABORT, 'an approved or rejected release is immutable'); END;
      CREATE TRIGGER releases_content_frozen BEFORE UPDATE ON releases
      WHEN NEW.id IS NOT OLD.id OR NEW.eval_set_id IS NOT OLD.eval_set_id OR NEW.version IS NOT OLD.version
        OR NEW.parent_id IS NOT OLD.parent_id OR NEW.manifest_json IS NOT OLD.manifest_json
        OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
      BEGIN SELECT RAISE(ABORT, 'a release''s content is immutable'); END;
    `);
  },
};
