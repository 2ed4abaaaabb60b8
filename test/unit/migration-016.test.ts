/**
 * Migration 016: the recent tier of the LSH buckets. Existing bucket rows stay in case_lsh_buckets and are still
 * found by clustering; new rows go to case_lsh_recent; deleting a case deletes its rows in either tier.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HASHES, bandKeys, signatureToBuffer } from '../../main/core/enrich/minhash.js';
import { clusterCases } from '../../main/core/enrich/near-duplicates.js';
import { lshRecentBuckets } from '../../main/core/store/migrations/016-lsh-recent-buckets.js';
import { lshRecentLog } from '../../main/core/store/migrations/017-lsh-recent-log.js';
import { migrations } from '../../main/core/store/migrations/index.js';
import { migratedWithCases } from '../helpers-migrations.js';



test('016 adds the recent tier; rows stored before it stay and still cluster; deleting a case empties both tiers', () => {
  assert.equal(lshRecentBuckets.version, 16);
  assert.equal(migrations[15], lshRecentBuckets);
  assert.deepEqual(
    migrations.map((m) => m.version),
    migrations.map((_, i) => i + 1),
    'registered in numeric order',
  );

  // Case 1 enriched and bucketed by a workspace before 016, as clusterCases then stored it.
  const db = migratedWithCases(15, 3);
  const signature = Uint32Array.from({ length: HASHES }, (_, i) => i * 7919 + 13);
  db.prepare("INSERT INTO case_clusters (case_id, cluster_id, signature, enriched_at) VALUES (1, 1, ?, 'now')").run(signatureToBuffer(signature));
  const insert = db.prepare('INSERT INTO case_lsh_buckets (bucket, cluster_id, case_id) VALUES (?, 1, 1)');
  for (const key of bandKeys(signature)) insert.run(key);
  lshRecentBuckets.up(db);

  const columns = db.prepare("SELECT name, pk FROM pragma_table_info('case_lsh_recent') ORDER BY cid").all();
  assert.deepEqual(columns, [
    { name: 'bucket', pk: 1 },
    { name: 'cluster_id', pk: 2 },
    { name: 'case_id', pk: 0 },
  ]);
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_buckets').pluck().get(), 20, 'existing rows kept where they were');
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get(), 0);
  // Clustering today writes the recent tier as migration 017 left it.
  lshRecentLog.up(db);

  // Case 2, identical text, joins case 1's cluster through the old rows; its pairs are there already, so none is
  // added. Case 3, different, starts its own cluster and its rows go to the recent tier.
  const other = Uint32Array.from({ length: HASHES }, (_, i) => i * 104729 + 5);
  const clusters = clusterCases(db, [
    { caseId: 2, signature, languageDetected: null },
    { caseId: 3, signature: other, languageDetected: null },
  ]);
  assert.deepEqual(clusters, [1, 3]);
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_buckets').pluck().get(), 20);
  assert.deepEqual(db.prepare('SELECT DISTINCT cluster_id, case_id FROM case_lsh_recent').all(), [{ cluster_id: 3, case_id: 3 }]);
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get(), 20);

  // Deleting cases (retention) deletes their enrichment and their bucket rows in both tiers.
  db.prepare('DELETE FROM case_clusters WHERE case_id IN (1, 3)').run();
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_buckets').pluck().get(), 0);
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get(), 0);
});
