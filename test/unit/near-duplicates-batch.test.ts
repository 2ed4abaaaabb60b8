/**
 * Set-based near-duplicate clustering (clusterCases) against the per-case SQL clustering it replaced, kept here as
 * the oracle: the same cases, clustered in batches of various sizes, get the same cluster ids and bucket rows,
 * including buckets crowded past MAX_PER_BUCKET clusters and cases that reach MAX_COMPARED comparisons.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { BANDS, HASHES, bandKeys, estimatedJaccard, signatureFromBuffer, signatureToBuffer } from '../../main/core/enrich/minhash.js';
import { clusterCases } from '../../main/core/enrich/near-duplicates.js';
import { migrate } from '../../main/core/store/migrate.js';

type Db = Database.Database;

/** The per-case clustering as it was before the set-based pass (one bucket read and one write per case). */
function oracleCluster(db: Db, caseId: number, signature: Uint32Array | null): number {
  const MAX_PER_BUCKET = 32;
  const MAX_COMPARED = 256;
  const sql = Array.from(
    { length: BANDS },
    (_, band) =>
      `SELECT * FROM (SELECT ${band} AS band, b.cluster_id, b.case_id, k.signature FROM case_lsh_buckets b ` +
      `LEFT JOIN case_clusters k ON k.case_id = b.case_id WHERE b.bucket = ? ORDER BY b.cluster_id DESC LIMIT ${MAX_PER_BUCKET})`,
  ).join(' UNION ALL ');
  let clusterId = caseId;
  const keys = signature ? bandKeys(signature) : [];
  if (signature) {
    const compared = new Set<number>();
    let best = { similarity: 0.8, clusterId: Infinity };
    const hits = (db.prepare(sql).all(...keys) as { band: number; cluster_id: number; case_id: number; signature: Buffer | null }[]).sort(
      (a, b) => a.band - b.band,
    );
    for (const hit of hits) {
      if (compared.has(hit.case_id)) continue;
      if (compared.size >= MAX_COMPARED) break;
      compared.add(hit.case_id);
      if (!hit.signature) continue;
      const similarity = estimatedJaccard(signature, signatureFromBuffer(hit.signature));
      if (similarity > best.similarity || (similarity === best.similarity && hit.cluster_id < best.clusterId)) best = { similarity, clusterId: hit.cluster_id };
    }
    if (Number.isFinite(best.clusterId)) clusterId = best.clusterId;
  }
  db.prepare('INSERT INTO case_clusters (case_id, cluster_id, signature, language_detected, enriched_at) VALUES (?, ?, ?, NULL, ?)').run(
    caseId,
    clusterId,
    signature ? signatureToBuffer(signature) : null,
    'now',
  );
  const insert = db.prepare('INSERT OR IGNORE INTO case_lsh_buckets (bucket, cluster_id, case_id) VALUES (?, ?, ?)');
  for (const key of keys) insert.run(key, clusterId, caseId);
  return clusterId;
}

function workspace(cases: number): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'prod.jsonl', 'openai-chat', 'now')").run();
  const vault = db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')");
  const insert = db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (?, 1, ?, ?, '{"messages":[]}', '{}', '{}', '[]', 'now')`,
  );
  db.transaction(() => {
    for (let id = 1; id <= cases; id++) {
      vault.run(id, `h${id}`, id);
      insert.run(id, id, `h${id}`);
    }
  })();
  return db;
}

/** Seeded signatures in families: each family shares most slots, so bands collide a lot and buckets crowd. */
function signatures(count: number, seed: number): (Uint32Array | null)[] {
  let a = seed >>> 0;
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const families = Array.from({ length: 3 }, () => Uint32Array.from({ length: HASHES }, () => Math.floor(rand() * 2 ** 32)));
  return Array.from({ length: count }, () => {
    if (rand() < 0.05) return null;
    const base = families[Math.floor(rand() * families.length)]!;
    // Changing 0..90 slots: similarities spread around the 0.8 threshold, many bands still shared.
    const changed = Math.floor(rand() * 90);
    const s = Uint32Array.from(base);
    for (let i = 0; i < changed; i++) s[Math.floor(rand() * HASHES)] = Math.floor(rand() * 2 ** 32);
    return s;
  });
}

function state(db: Db): unknown {
  return {
    clusters: db.prepare('SELECT case_id, cluster_id, hex(signature) AS s FROM case_clusters ORDER BY case_id').all(),
    buckets: db.prepare('SELECT bucket, cluster_id, case_id FROM case_lsh_buckets ORDER BY bucket, cluster_id').all(),
  };
}

test('clusterCases in batches gives the same clusters and bucket rows as per-case clustering', () => {
  const count = 1500;
  const sigs = signatures(count, 42);
  const oracle = workspace(count);
  const expected = sigs.map((sig, i) => oracleCluster(oracle, i + 1, sig));
  // The corpus exercises the bounds: crowded buckets and joins that are not the case itself.
  const crowded = oracle.prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM case_lsh_buckets GROUP BY bucket)').pluck().get() as number;
  assert.ok(crowded > 32, `a bucket holds more than MAX_PER_BUCKET clusters (${crowded})`);
  assert.ok(expected.filter((c, i) => c !== i + 1).length > 100, 'many cases join an earlier cluster');
  assert.ok(new Set(expected).size > 50, 'and many clusters form');

  for (const batch of [1, 7, 128, count]) {
    const db = workspace(count);
    const got: number[] = [];
    for (let i = 0; i < count; i += batch) {
      got.push(...clusterCases(db, sigs.slice(i, i + batch).map((signature, j) => ({ caseId: i + j + 1, signature, languageDetected: null }))));
    }
    assert.deepEqual(got, expected, `cluster ids, batches of ${batch}`);
    assert.deepEqual(state(db), state(oracle), `stored rows, batches of ${batch}`);
  }
});

test('clusterCases on an empty batch stores nothing', () => {
  const db = workspace(1);
  assert.deepEqual(clusterCases(db, []), []);
  assert.equal(db.prepare('SELECT count(*) FROM case_clusters').pluck().get(), 0);
});
