import type { Migration } from './migration.js';

/**
 * The review queue at 100,000 cases. `cases` rows are wide (the de-identified conversation comes first), so a
 * filter on a signal or slice would read every conversation off disk. `case_queue` is a narrow copy of what
 * the queue filters and sorts on, one row per case, kept in step with `cases` by triggers: whoever writes
 * `cases` (ingest, decisions, missed-PII edits, retention) needs no queue code, and the copy cannot drift.
 * Never write `case_queue` directly; change `cases`.
 *
 * `cases.assignee` is the reviewer a case is assigned to (null: unassigned).
 *
 * `signal_mask` bits follow main/core/sampling/policy.ts FAILURE_SIGNALS with that policy's default thresholds
 * (main/core/review/queue-signals.ts names them; a test checks both agree): thumbs_down 1, regenerated 2,
 * heavy_edit 4 (50+ characters edited), escalated 8, schema_failure 16, low_evaluator_score 32 (any score
 * below 0.5), low_confidence 64 (below 0.5). `severity` weighs them for the "most severe first" sort.
 * `case_preview` holds the de-identified first user line, apart, so the queue's text search reads only that
 * and the filters never read it.
 */
function facets(row: string): Record<string, string> {
  const signal = (path: string) => `(${row}.signals_json ->> '$.${path}')`;
  const isNumber = (path: string) => `typeof(${signal(path)}) IN ('integer', 'real')`;
  const lowScore = `EXISTS (SELECT 1 FROM json_each(${row}.signals_json, '$.evaluations') e
      WHERE json_type(e.value, '$.score') IN ('integer', 'real') AND (e.value ->> '$.score') < 0.5)`;
  return {
    case_id: `${row}.id`,
    status: `${row}.status`,
    assignee: `${row}.assignee`,
    signal_mask: `(CASE WHEN ${signal('thumbs')} = 'down' THEN 1 ELSE 0 END)
      | (CASE WHEN json_type(${row}.signals_json, '$.regenerated') = 'true' THEN 2 ELSE 0 END)
      | (CASE WHEN ${isNumber('user_edited_chars')} AND ${signal('user_edited_chars')} >= 50 THEN 4 ELSE 0 END)
      | (CASE WHEN json_type(${row}.signals_json, '$.escalated') = 'true' THEN 8 ELSE 0 END)
      | (CASE WHEN json_type(${row}.signals_json, '$.schema_valid') = 'false' THEN 16 ELSE 0 END)
      | (CASE WHEN ${lowScore} THEN 32 ELSE 0 END)
      | (CASE WHEN ${isNumber('confidence')} AND ${signal('confidence')} < 0.5 THEN 64 ELSE 0 END)`,
    findings: `json_array_length(${row}.placeholders_json)`,
    tier: `(${row}.slices_json ->> '$.tier')`,
    intent: `(${row}.slices_json ->> '$.intent')`,
    language: `(${row}.slices_json ->> '$.language')`,
    model: `(${row}.slices_json ->> '$.model')`,
    product_area: `(${row}.slices_json ->> '$.product_area')`,
    ingested_at: `${row}.ingested_at`,
  };
}

const SLICES = ['tier', 'intent', 'language', 'model', 'product_area'];

function preview(row: string): string {
  return `coalesce(${row}.redacted_json ->> '$.preview', '')`;
}

export const reviewQueue: Migration = {
  version: 7,
  name: 'review queue: assignment and the narrow queue table',
  up(db) {
    const columns = Object.keys(facets('NEW'));
    const fromNew = Object.values(facets('NEW'));
    const updates = Object.entries(facets('NEW'))
      .filter(([name]) => name !== 'case_id')
      .map(([name, expr]) => `${name} = ${expr}`)
      .join(',\n          ');
    db.exec(`
      ALTER TABLE cases ADD COLUMN assignee TEXT;
      ALTER TABLE cases ADD COLUMN assigned_at TEXT;

      CREATE TABLE case_queue (
        case_id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        assignee TEXT,
        signal_mask INTEGER NOT NULL,
        severity INTEGER GENERATED ALWAYS AS (
          3 * (signal_mask & 1 > 0) + 2 * (signal_mask & 2 > 0) + 2 * (signal_mask & 4 > 0) + 3 * (signal_mask & 8 > 0)
          + 3 * (signal_mask & 16 > 0) + 2 * (signal_mask & 32 > 0) + 1 * (signal_mask & 64 > 0)
        ) STORED,
        findings INTEGER NOT NULL,
        tier TEXT,
        intent TEXT,
        language TEXT,
        model TEXT,
        product_area TEXT,
        ingested_at TEXT NOT NULL
      );

      CREATE TABLE case_preview (
        case_id INTEGER PRIMARY KEY,
        preview TEXT NOT NULL
      );
      INSERT INTO case_preview (case_id, preview) SELECT id, ${preview('c')} FROM cases c;

      INSERT INTO case_queue (${columns.join(', ')})
        SELECT ${Object.values(facets('c')).join(', ')} FROM cases c;

      CREATE INDEX case_queue_status ON case_queue(status, case_id);
      CREATE INDEX case_queue_assignee ON case_queue(assignee, status, case_id);
      CREATE INDEX case_queue_severity ON case_queue(severity, case_id);
      CREATE INDEX case_queue_findings ON case_queue(findings, case_id);
      CREATE INDEX case_queue_ingested ON case_queue(ingested_at, case_id);
${SLICES.map((field) => `CREATE INDEX case_queue_${field} ON case_queue(${field});`).join('\n      ')}

      CREATE TRIGGER cases_queue_insert AFTER INSERT ON cases BEGIN
        INSERT INTO case_queue (${columns.join(', ')}) VALUES (${fromNew.join(', ')});
        INSERT INTO case_preview (case_id, preview) VALUES (NEW.id, ${preview('NEW')});
      END;
      CREATE TRIGGER cases_queue_update
        AFTER UPDATE OF status, assignee, signals_json, slices_json, placeholders_json, ingested_at ON cases
      BEGIN
        UPDATE case_queue SET
          ${updates}
        WHERE case_id = NEW.id;
      END;
      CREATE TRIGGER cases_preview_update AFTER UPDATE OF redacted_json ON cases BEGIN
        UPDATE case_preview SET preview = ${preview('NEW')} WHERE case_id = NEW.id;
      END;
      CREATE TRIGGER cases_queue_delete AFTER DELETE ON cases BEGIN
        DELETE FROM case_queue WHERE case_id = OLD.id;
        DELETE FROM case_preview WHERE case_id = OLD.id;
      END;
    `);
  },
};
