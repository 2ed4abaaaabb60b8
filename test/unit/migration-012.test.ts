import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { releases } from '../../main/core/store/migrations/012-releases.js';

const HASH = 'a'.repeat(64);

function migrated(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  releases.up(db);
  db.prepare("INSERT INTO eval_sets (id, name, created_at, created_by) VALUES (1, 'triage', 'now', 'ana')").run();
  db.prepare("INSERT INTO releases (id, eval_set_id, version, manifest_json, created_by, created_at) VALUES (1, 1, 1, '{}', 'ana', 'now')").run();
  db.prepare("INSERT INTO release_cases (release_id, case_id, kind, origin, sha256, record_json) VALUES (1, 7, 'regression', 'review', ?, '{}')").run(HASH);
  return db;
}

test('012 creates eval sets, releases, release cases and imported cases with their constraints', () => {
  const db = migrated();
  assert.equal(releases.version, 12);
  assert.throws(() => db.prepare("INSERT INTO eval_sets (name, created_at, created_by) VALUES ('triage', 'now', 'bo')").run(), /UNIQUE/);
  assert.throws(
    () => db.prepare("INSERT INTO releases (eval_set_id, version, manifest_json, created_by, created_at) VALUES (1, 1, '{}', 'bo', 'now')").run(),
    /UNIQUE/,
    'one v1 per set',
  );
  assert.throws(
    () => db.prepare("INSERT INTO releases (eval_set_id, version, manifest_json, created_by, created_at) VALUES (9, 2, '{}', 'bo', 'now')").run(),
    /FOREIGN KEY/,
  );
  assert.throws(
    () => db.prepare("INSERT INTO releases (eval_set_id, version, state, manifest_json, created_by, created_at) VALUES (1, 2, 'approved', '{}', 'bo', 'now')").run(),
    /CHECK/,
    'an approved release names its approver',
  );
  assert.throws(
    () => db.prepare("INSERT INTO release_cases (release_id, case_id, kind, origin, sha256, record_json) VALUES (1, 8, 'flaky', 'review', ?, '{}')").run(HASH),
    /CHECK/,
  );
  assert.throws(
    () => db.prepare("INSERT INTO imported_cases (id, eval_set_id, source_file, line, record_json, imported_at, imported_by) VALUES (5, 1, 'a.jsonl', 1, '{}', 'now', 'ana')").run(),
    /CHECK/,
    'imported ids stay above the workspace case ids',
  );
  db.close();
});

test('012 triggers abort any change to release cases and to a release once decided', () => {
  const db = migrated();
  assert.throws(() => db.prepare("UPDATE release_cases SET record_json = '{\"x\":1}'").run(), /release cases are immutable/);
  assert.throws(() => db.prepare('DELETE FROM release_cases').run(), /release cases are immutable/);
  assert.throws(() => db.prepare("UPDATE releases SET manifest_json = '{\"v\":2}' WHERE id = 1").run(), /content is immutable/);
  assert.throws(() => db.prepare('UPDATE releases SET version = 5 WHERE id = 1').run(), /content is immutable/);
  assert.throws(() => db.prepare('DELETE FROM releases WHERE id = 1').run(), /releases are immutable/);

  db.prepare("UPDATE releases SET state = 'approved', approved_by = 'bo', approved_at = 'later' WHERE id = 1").run();
  assert.throws(() => db.prepare("UPDATE releases SET state = 'rejected', rejected_by = 'cy', rejected_at = 'x' WHERE id = 1").run(), /immutable/);
  assert.throws(() => db.prepare("UPDATE releases SET approved_by = 'mallory' WHERE id = 1").run(), /immutable/);
  assert.equal(db.prepare('SELECT approved_by FROM releases WHERE id = 1').pluck().get(), 'bo');
  assert.equal(db.prepare('SELECT count(*) FROM release_cases').pluck().get(), 1);
  db.close();
});
