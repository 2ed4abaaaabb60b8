/**
 * Migration 017: the recent tier of the LSH buckets becomes an append-only log, and neither tier keeps a foreign
 * key. Rows stored before it are kept and still cluster; clustering appends to the log; deleting a case deletes its
 * rows in both tiers (a trigger, as the cascade did) and is counted, so a connection holding the recent tier in
 * memory reads it again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HASHES, bandKeys, signatureToBuffer } from '../../main/core/enrich/minhash.js';
import { clusterCases } from '../../main/core/enrich/near-duplicates.js';
import { lshRecentBuckets } from '../../main/core/store/migrations/016-lsh-recent-buckets.js';
import { lshRecentLog } from '../../main/core/store/migrations/017-lsh-recent-log.js';
import { migrations } from '../../main/core/store/migrations/index.js';
import { migratedWithCases } from '../helpers-migrations.js';



const signatureOf = (seed: number): Uint32Array => Uint32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 2654435761 ^ seed) >>> 0);

test('017 turns the recent tier into a log, keeping its rows; clustering appends to it and finds what was there', () => {
  assert.equal(lshRecentLog.version, 17);
  assert.equal(migrations[16], lshRecentLog);
  assert.deepEqual(
    migrations.map((m) => m.version),
    migrations.map((_, i) => i + 1),
    'registered in numeric order',
  );

  // Case 1 in the recent tier as 016 stored it (keyed by bucket and cluster), case 2 in the large tier.
  const db = migratedWithCases(16, 4);
  assert.equal(migrations[15], lshRecentBuckets);
  const one = signatureOf(1);
  const two = signatureOf(2);
  for (const [id, signature, table] of [[1, one, 'case_lsh_recent'], [2, two, 'case_lsh_buckets']] as const) {
    db.prepare("INSERT INTO case_clusters (case_id, cluster_id, signature, enriched_at) VALUES (?, ?, ?, 'now')").run(id, id, signatureToBuffer(signature));
    for (const key of bandKeys(signature)) db.prepare(`INSERT INTO ${table} (bucket, cluster_id, case_id) VALUES (?, ?, ?)`).run(key, id, id);
  }
  const before = db.prepare('SELECT bucket, cluster_id, case_id FROM case_lsh_recent ORDER BY bucket, cluster_id').all();
  const largeBefore = db.prepare('SELECT bucket, cluster_id, case_id FROM case_lsh_buckets ORDER BY bucket').all();
  assert.equal(largeBefore.length, 20);
  lshRecentLog.up(db);

  const columns = db.prepare("SELECT name, pk FROM pragma_table_info('case_lsh_recent') ORDER BY cid").all();
  assert.deepEqual(columns, [
    { name: 'seq', pk: 1 },
    { name: 'bucket', pk: 0 },
    { name: 'cluster_id', pk: 0 },
    { name: 'case_id', pk: 0 },
  ]);
  assert.deepEqual(db.prepare('SELECT bucket, cluster_id, case_id FROM case_lsh_recent ORDER BY seq').all(), before, 'rows kept, in key order');
  assert.deepEqual(db.prepare('SELECT bucket, cluster_id, case_id FROM case_lsh_buckets ORDER BY bucket').all(), largeBefore, 'large tier kept');
  assert.deepEqual(db.prepare("SELECT name, pk FROM pragma_table_info('case_lsh_buckets') ORDER BY cid").all(), [
    { name: 'bucket', pk: 1 },
    { name: 'cluster_id', pk: 2 },
    { name: 'case_id', pk: 0 },
  ]);
  for (const table of ['case_lsh_buckets', 'case_lsh_recent']) {
    assert.deepEqual(db.prepare(`SELECT * FROM pragma_foreign_key_list('${table}')`).all(), [], `${table} has no foreign key to check`);
  }
  assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
  assert.equal(db.prepare('SELECT deletions FROM case_lsh_recent_state').pluck().get(), 0);

  // Case 3 repeats case 1 (recent tier) and case 4 case 2 (large tier): both join, and add no rows.
  assert.deepEqual(
    clusterCases(db, [
      { caseId: 3, signature: one, languageDetected: null },
      { caseId: 4, signature: two, languageDetected: null },
    ]),
    [1, 2],
  );
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get(), 20);
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_buckets').pluck().get(), 20);

  // Deleting a case deletes its rows in the log, and the count of deletions tells a connection to read it again.
  db.prepare('DELETE FROM cases WHERE id = 3').run();
  db.prepare('DELETE FROM vault_interactions WHERE id = 3').run();
  assert.equal(db.prepare('SELECT deletions FROM case_lsh_recent_state').pluck().get(), 1, 'a cascaded delete is counted');
  db.prepare('DELETE FROM case_clusters WHERE case_id = 1').run();
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get(), 0);
  assert.equal(db.prepare('SELECT deletions FROM case_lsh_recent_state').pluck().get(), 2);
  db.prepare('DELETE FROM case_clusters WHERE case_id = 2').run();
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_buckets').pluck().get(), 0, 'the large tier loses the case’s rows too');
  assert.throws(() => db.prepare('INSERT INTO case_lsh_recent_state (id, deletions) VALUES (2, 0)').run(), /CHECK/);
});

test('017 on a workspace with an empty recent tier', () => {
  const db = migratedWithCases(16, 1);
  lshRecentLog.up(db);
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get(), 0);
  const signature = signatureOf(9);
  assert.deepEqual(clusterCases(db, [{ caseId: 1, signature, languageDetected: null }]), [1]);
  assert.deepEqual(db.prepare('SELECT seq FROM case_lsh_recent ORDER BY seq').pluck().all(), Array.from({ length: 20 }, (_, i) => i + 1));
});
