import type { Migration } from './migration.js';
import { BULK_GUARD } from './015-bulk-case-inserts.js';

/**
 * What sampling reads of each case, apart: `case_sampling` holds a case's status, signals and slices, one narrow
 * row per case. A sampling run reads every candidate twice (main/core/sampling/select.ts), and reading those three
 * columns from `cases` read each wide row, the de-identified conversation first, off disk and through the cipher:
 * at 100,000 cases each pass took some 0.65 s of the run's 2.2 s, against some 0.3 s from this table. Kept in step
 * with `cases` by triggers, as case_queue is (never write it directly; change `cases`); the insert trigger carries
 * migration 015's bulk guard, so ingest writes a batch's rows set-based (main/core/ingest/bulk-derived.ts).
 */
export const SAMPLING_INSERT_TRIGGER = 'cases_sampling_insert';

export const caseSampling: Migration = {
  version: 19,
  name: 'the narrow table sampling reads',
  up(db) {
    db.exec(`
      CREATE TABLE case_sampling (
        case_id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        signals_json TEXT NOT NULL,
        slices_json TEXT NOT NULL
      );
      INSERT INTO case_sampling (case_id, status, signals_json, slices_json) SELECT id, status, signals_json, slices_json FROM cases;

      CREATE TRIGGER ${SAMPLING_INSERT_TRIGGER} AFTER INSERT ON cases WHEN ${BULK_GUARD} BEGIN
        INSERT OR REPLACE INTO case_sampling (case_id, status, signals_json, slices_json) VALUES (NEW.id, NEW.status, NEW.signals_json, NEW.slices_json);
      END;
      CREATE TRIGGER cases_sampling_update AFTER UPDATE OF id, status, signals_json, slices_json ON cases BEGIN
        DELETE FROM case_sampling WHERE case_id = OLD.id;
        INSERT OR REPLACE INTO case_sampling (case_id, status, signals_json, slices_json) VALUES (NEW.id, NEW.status, NEW.signals_json, NEW.slices_json);
      END;
      CREATE TRIGGER cases_sampling_delete AFTER DELETE ON cases BEGIN
        DELETE FROM case_sampling WHERE case_id = OLD.id;
      END;
    `);
  },
};
