import assert from 'node:assert/strict';
import { test } from 'node:test';
import type Database from 'better-sqlite3-multiple-ciphers';
import { migrations } from '../../main/core/store/migrations/index.js';
import { tokenBuckets } from '../../main/core/store/migrations/014-token-buckets.js';
import { migratedWithRun } from '../helpers-migrations.js';

function upTo13(): Database.Database {
  const db = migratedWithRun(13);
  for (const id of [1, 2]) {
    db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `h${id}`, id);
    db.prepare(
      `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
       VALUES (?, 1, ?, ?, ?, '{}', '{}', '[]', '2026-03-02T10:00:00.000Z')`,
    ).run(id, id, `h${id}`, JSON.stringify({ messages: [{ role: 'user', content: 'hello there' }], response: null, preview: '' }));
  }
  return db;
}

const cached = (db: Database.Database) => db.prepare('SELECT case_id FROM case_token_buckets ORDER BY case_id').pluck().all();

test('014 creates the token bucket cache; a row goes when its case text changes or the case is deleted', () => {
  const db = upTo13();
  tokenBuckets.up(db);
  assert.equal(tokenBuckets.version, 14);
  assert.equal(migrations.find((m) => m.version === 14), tokenBuckets);
  const put = db.prepare('INSERT INTO case_token_buckets (case_id, scheme, tokens, buckets) VALUES (?, 1, 2, ?)');
  put.run(1, Buffer.from([1, 0, 1, 0, 2, 0, 1, 0]));
  put.run(2, Buffer.from([1, 0, 2, 0]));
  assert.deepEqual(cached(db), [1, 2]);
  // Other updates keep the row (the text is what it was computed from).
  db.prepare("UPDATE cases SET status = 'accepted', slices_json = '{\"intent\":\"x\"}' WHERE id = 1").run();
  assert.deepEqual(cached(db), [1, 2]);
  db.prepare("UPDATE cases SET redacted_json = json_set(redacted_json, '$.messages[0].content', 'goodbye') WHERE id = 1").run();
  assert.deepEqual(cached(db), [2]);
  db.prepare('DELETE FROM cases WHERE id = 2').run();
  assert.deepEqual(cached(db), []);
  assert.throws(() => put.run(3, null), /NOT NULL/);
  assert.throws(() => db.prepare('INSERT INTO case_token_buckets (case_id, scheme, tokens, buckets) VALUES (3, 1, -1, x\'\')').run(), /CHECK/);
});
