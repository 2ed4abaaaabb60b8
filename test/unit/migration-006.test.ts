import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { operatorVault } from '../../main/core/store/migrations/002-operator-vault.js';
import { deidTermLists } from '../../main/core/store/migrations/003-deid-term-lists.js';
import { sampling } from '../../main/core/store/migrations/004-sampling.js';
import { caseClusters } from '../../main/core/store/migrations/006-case-clusters.js';

test('006 adds case clusters with signatures, LSH buckets, and run figures; existing runs keep their rows', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const migration of [initialSchema, operatorVault, deidTermLists, sampling]) migration.up(db);
  db.prepare("INSERT INTO sampling_policies (name, version, json, created_by, created_at) VALUES ('weekly', 1, '{}', 'x', 'now')").run();
  db.prepare("INSERT INTO sampling_runs (policy_name, policy_version, seed, created_at, picked_count) VALUES ('weekly', 1, 7, 'now', 3)").run();
  caseClusters.up(db);
  assert.equal(caseClusters.version, 6);

  const old = db.prepare('SELECT picked_count, candidates, counts_json FROM sampling_runs').get();
  assert.deepEqual(old, { picked_count: 3, candidates: null, counts_json: null });

  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'f', 'openai-chat', 'now')").run();
  for (const id of [1, 2]) {
    db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, 1, '{}')").run(id, `h${id}`);
    db.prepare(
      "INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at) VALUES (?, 1, 1, ?, '{}', '{}', '{}', '[]', 'now')",
    ).run(id, `h${id}`);
  }
  const insertCluster = db.prepare("INSERT INTO case_clusters (case_id, cluster_id, signature, language_detected, enriched_at) VALUES (?, ?, ?, ?, 'now')");
  insertCluster.run(1, 1, Buffer.alloc(480), 'en');
  insertCluster.run(2, 1, null, null);
  assert.throws(() => insertCluster.run(2, 2, null, null), /UNIQUE|PRIMARY KEY/);
  assert.throws(() => insertCluster.run(99, 99, null, null), /FOREIGN KEY/);

  const insertBucket = db.prepare('INSERT INTO case_lsh_buckets (bucket, cluster_id, case_id) VALUES (?, ?, ?)');
  insertBucket.run(2 ** 52 + 7, 1, 1);
  assert.throws(() => insertBucket.run(2 ** 52 + 7, 1, 2), /UNIQUE|PRIMARY KEY/, 'one representative per bucket and cluster');
  assert.equal(db.prepare('SELECT bucket FROM case_lsh_buckets').pluck().get(), 2 ** 52 + 7, '53-bit keys round-trip exactly');

  db.prepare('DELETE FROM cases WHERE id = 1').run();
  assert.deepEqual(db.prepare('SELECT case_id, cluster_id FROM case_clusters').all(), [{ case_id: 2, cluster_id: 1 }], 'enrichment goes with its case');
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_buckets').pluck().get(), 0);
  db.close();
});
