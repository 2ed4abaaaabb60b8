import type { Migration } from './migration.js';

/**
 * Sampling policies (saved and versioned by name) and the runs that applied them: which cases each run picked
 * and why. Ids, reasons and counts only; no case text.
 */
export const sampling: Migration = {
  version: 4,
  name: 'sampling policies and runs',
  up(db) {
    db.exec(`
      CREATE TABLE sampling_policies (
        name TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version >= 1),
        json TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (name, version)
      );

      CREATE TABLE sampling_runs (
        id INTEGER PRIMARY KEY,
        policy_name TEXT NOT NULL,
        policy_version INTEGER NOT NULL,
        seed INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        picked_count INTEGER NOT NULL,
        FOREIGN KEY (policy_name, policy_version) REFERENCES sampling_policies(name, version)
      );

      CREATE TABLE sampling_picks (
        run_id INTEGER NOT NULL REFERENCES sampling_runs(id),
        case_id INTEGER NOT NULL REFERENCES cases(id),
        reasons TEXT NOT NULL,
        PRIMARY KEY (run_id, case_id)
      );
      CREATE INDEX sampling_picks_case ON sampling_picks(case_id);
    `);
  },
};
