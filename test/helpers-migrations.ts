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

/** A database migrated to `version` with `cases` bare stored cases (ids 1..cases, each with its vault row) of run 1. */
export function migratedWithCases(version: number, cases: number): Database.Database {
  const db = migratedWithRun(version);
  for (let id = 1; id <= cases; id++) {
    db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `h${id}`, id);
    db.prepare(
      `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
       VALUES (?, 1, ?, ?, '{"messages":[]}', '{}', '{}', '[]', 'now')`,
    ).run(id, id, `h${id}`);
  }
  return db;
}

/**
 * Every row the case insert triggers maintain (queue, preview, metrics, dirty hours and, from migration 019 on,
 * the sampling rows), in a stable order.
 */
export function derivedCaseRows(db: Database.Database): { queue: unknown[]; preview: unknown[]; metrics: unknown[]; hours: unknown[]; sampling?: unknown[] } {
  const hasSampling = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'case_sampling'").get() !== undefined;
  return {
    ...(hasSampling ? { sampling: db.prepare('SELECT * FROM case_sampling ORDER BY case_id').all() } : {}),
    queue: db.prepare('SELECT * FROM case_queue ORDER BY case_id').all(),
    preview: db.prepare('SELECT * FROM case_preview ORDER BY case_id').all(),
    metrics: db.prepare('SELECT * FROM case_metrics ORDER BY case_id').all(),
    hours: db.prepare('SELECT * FROM monitor_dirty_hours ORDER BY hour').all(),
  };
}
