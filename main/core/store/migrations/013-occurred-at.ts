import type { Migration } from './migration.js';

/**
 * Production time and the dashboard's narrow table.
 *
 * `cases.occurred_at` is when the interaction happened (ISO UTC): the source's timestamp, read by the format
 * readers and stored at insert; existing cases, and inserts that leave it out, take `ingested_at`.
 *
 * `case_metrics` holds, one row per case, what the production dashboard aggregates, so its queries never parse
 * JSON: `occurred_s` (occurred_at in unix seconds), review status, `signal_mask` (the bits of
 * main/core/review/queue-signals.ts SIGNAL_BIT, computed as migration 007 computes them, with the sampling policy's
 * default thresholds: heavy edit 50+ characters, low evaluator score below 0.5, low confidence below 0.5),
 * latency and cost as reported, the de-identified user text's length in characters and words, the source's prompt
 * token count, the mean evaluator score, and the five slice fields. It is clustered by time (primary key
 * `occurred_s, case_id`, WITHOUT ROWID), so a time range reads contiguous rows. Triggers keep it in step with
 * `cases`, like case_queue: never write it directly.
 *
 * `monitor_rollup` holds per-hour and per-day (`grain` 1 or 24; `hour` is the first hour) aggregates of case_metrics
 * (for all cases, field '', and per slice field and value; histograms in monitor_rollup_hist), rebuilt by main/core/monitor/rollup.ts for the hours the triggers list in `monitor_dirty_hours`: every
 * write to `cases` marks the hours it touches, so the rollups cannot go stale, and the dashboard's time series read
 * a few thousand rollup rows instead of every case.
 */
const SLICES = ['tier', 'intent', 'language', 'model', 'product_area'];

function metrics(row: string): Record<string, string> {
  const signal = (path: string) => `(${row}.signals_json ->> '$.${path}')`;
  const isNumber = (path: string) => `typeof(${signal(path)}) IN ('integer', 'real')`;
  const numberOrNull = (path: string) => `(CASE WHEN ${isNumber(path)} THEN ${signal(path)} END)`;
  const lowScore = `EXISTS (SELECT 1 FROM json_each(${row}.signals_json, '$.evaluations') e
      WHERE json_type(e.value, '$.score') IN ('integer', 'real') AND (e.value ->> '$.score') < 0.5)`;
  const userTexts = `json_each(${row}.redacted_json, '$.messages') m WHERE (m.value ->> '$.role') = 'user'`;
  const text = `trim(coalesce(m.value ->> '$.content', ''))`;
  const separators = `length(${text}) - length(replace(replace(replace(${text}, ' ', ''), char(10), ''), char(9), ''))`;
  return {
    occurred_s: `CAST(unixepoch(coalesce(${row}.occurred_at, ${row}.ingested_at)) AS INTEGER)`,
    case_id: `${row}.id`,
    status: `${row}.status`,
    signal_mask: `(CASE WHEN ${signal('thumbs')} = 'down' THEN 1 ELSE 0 END)
      | (CASE WHEN json_type(${row}.signals_json, '$.regenerated') = 'true' THEN 2 ELSE 0 END)
      | (CASE WHEN ${isNumber('user_edited_chars')} AND ${signal('user_edited_chars')} >= 50 THEN 4 ELSE 0 END)
      | (CASE WHEN json_type(${row}.signals_json, '$.escalated') = 'true' THEN 8 ELSE 0 END)
      | (CASE WHEN json_type(${row}.signals_json, '$.schema_valid') = 'false' THEN 16 ELSE 0 END)
      | (CASE WHEN ${lowScore} THEN 32 ELSE 0 END)
      | (CASE WHEN ${isNumber('confidence')} AND ${signal('confidence')} < 0.5 THEN 64 ELSE 0 END)`,
    latency_ms: numberOrNull('latency_ms'),
    cost_usd: numberOrNull('cost_usd'),
    input_chars: `(SELECT coalesce(sum(length(${text})), 0) FROM ${userTexts})`,
    input_words: `(SELECT coalesce(sum(CASE WHEN ${text} = '' THEN 0 ELSE ${separators} + 1 END), 0) FROM ${userTexts})`,
    input_tokens: numberOrNull('input_tokens'),
    eval_score: `(SELECT avg(e.value ->> '$.score') FROM json_each(${row}.signals_json, '$.evaluations') e
      WHERE json_type(e.value, '$.score') IN ('integer', 'real'))`,
    // As text, whatever JSON type a source used (the dashboard's row query codes values by their text).
    ...Object.fromEntries(SLICES.map((f) => [f, `CAST(${row}.slices_json ->> '$.${f}' AS TEXT)`])),
  };
}

/** The hour (unix seconds / 3600) a case row falls in, as case_metrics.occurred_s does. */
function hourOf(row: string): string {
  return `CAST(unixepoch(coalesce(${row}.occurred_at, ${row}.ingested_at)) AS INTEGER) / 3600`;
}

export const occurredAt: Migration = {
  version: 13,
  name: 'occurred_at and the dashboard metrics table',
  up(db) {
    const columns = Object.keys(metrics('NEW')).join(', ');
    const fromNew = Object.values(metrics('NEW')).join(', ');
    db.exec(`
      ALTER TABLE cases ADD COLUMN occurred_at TEXT;
      UPDATE cases SET occurred_at = ingested_at;

      CREATE TABLE case_metrics (
        occurred_s INTEGER NOT NULL,
        case_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        signal_mask INTEGER NOT NULL,
        latency_ms REAL,
        cost_usd REAL,
        input_chars INTEGER NOT NULL,
        input_words INTEGER NOT NULL,
        input_tokens REAL,
        eval_score REAL,
        tier TEXT,
        intent TEXT,
        language TEXT,
        model TEXT,
        product_area TEXT,
        PRIMARY KEY (occurred_s, case_id)
      ) WITHOUT ROWID;
      INSERT INTO case_metrics (${columns}) SELECT ${Object.values(metrics('c')).join(', ')} FROM cases c;
      CREATE UNIQUE INDEX case_metrics_case ON case_metrics(case_id);
      CREATE INDEX case_metrics_status ON case_metrics(status, ${SLICES.join(', ')});

      CREATE TABLE monitor_dirty_hours (hour INTEGER PRIMARY KEY);
      INSERT INTO monitor_dirty_hours (hour) SELECT DISTINCT occurred_s / 3600 FROM case_metrics;
      CREATE TABLE monitor_rollup (
        grain INTEGER NOT NULL CHECK (grain IN (1, 24)),
        hour INTEGER NOT NULL,
        field TEXT NOT NULL,
        value TEXT,
        cases INTEGER NOT NULL,
        thumbs_down INTEGER NOT NULL,
        regenerated INTEGER NOT NULL,
        heavy_edit INTEGER NOT NULL,
        escalated INTEGER NOT NULL,
        schema_failure INTEGER NOT NULL,
        latency_n INTEGER NOT NULL,
        cost_n INTEGER NOT NULL,
        cost_total REAL NOT NULL
      );
      CREATE INDEX monitor_rollup_field_hour ON monitor_rollup(grain, field, hour);
      -- The histograms apart, so counts-only reads (coverage, rates) stay small.
      CREATE TABLE monitor_rollup_hist (
        rollup_id INTEGER PRIMARY KEY,
        latency_hist TEXT NOT NULL,
        cost_hist TEXT NOT NULL
      );

      CREATE TRIGGER cases_occurred_default AFTER INSERT ON cases WHEN NEW.occurred_at IS NULL BEGIN
        UPDATE cases SET occurred_at = NEW.ingested_at WHERE id = NEW.id;
      END;
      CREATE TRIGGER cases_metrics_insert AFTER INSERT ON cases BEGIN
        INSERT OR REPLACE INTO case_metrics (${columns}) VALUES (${fromNew});
        INSERT OR IGNORE INTO monitor_dirty_hours (hour) VALUES (${hourOf('NEW')});
      END;
      CREATE TRIGGER cases_metrics_update
        AFTER UPDATE OF status, signals_json, slices_json, redacted_json, occurred_at, ingested_at ON cases
      BEGIN
        INSERT OR REPLACE INTO case_metrics (${columns}) VALUES (${fromNew});
        INSERT OR IGNORE INTO monitor_dirty_hours (hour) VALUES (${hourOf('OLD')});
        INSERT OR IGNORE INTO monitor_dirty_hours (hour) VALUES (${hourOf('NEW')});
      END;
      CREATE TRIGGER cases_metrics_delete AFTER DELETE ON cases BEGIN
        DELETE FROM case_metrics WHERE case_id = OLD.id;
        INSERT OR IGNORE INTO monitor_dirty_hours (hour) VALUES (${hourOf('OLD')});
      END;
    `);
  },
};
