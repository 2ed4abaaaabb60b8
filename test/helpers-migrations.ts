/** Shared set-up for migration tests: an in-memory database at a schema version, and the rows derived from cases. */
import Database from 'better-sqlite3-multiple-ciphers';
import { migrations } from '../main/core/store/migrations/index.js';

/** An in-memory database with every migration up to `version` applied, foreign keys on, and ingest run 1 recorded. */
export function migratedWithRun(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of migrations) if (m.version <= version) m.up(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'a.jsonl', 'openai-chat', 'now')").run();
  return db;
}

/** Every row the case insert triggers maintain (queue, preview, metrics, dirty hours), in a stable order. */
export function derivedCaseRows(db: Database.Database): { queue: unknown[]; preview: unknown[]; metrics: unknown[]; hours: unknown[] } {
  return {
    queue: db.prepare('SELECT * FROM case_queue ORDER BY case_id').all(),
    preview: db.prepare('SELECT * FROM case_preview ORDER BY case_id').all(),
    metrics: db.prepare('SELECT * FROM case_metrics ORDER BY case_id').all(),
    hours: db.prepare('SELECT * FROM monitor_dirty_hours ORDER BY hour').all(),
  };
}
