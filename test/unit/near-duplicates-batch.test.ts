/**
 * Set-based near-duplicate clustering (clusterCases) against the per-case SQL clustering it replaced, kept here as
 * the oracle: the same cases, clustered in batches of various sizes, get the same cluster ids and bucket rows,
 * including buckets crowded past MAX_PER_BUCKET clusters and cases that reach MAX_COMPARED comparisons. The oracle
 * writes the one bucket table it had; clusterCases writes the two tiers of migration 016, whose union must hold the
 * same rows, whenever their merges happen.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { BANDS, HASHES, bandKeys, estimatedJaccard, signatureFromBuffer, signatureToBuffer } from '../../main/core/enrich/minhash.js';
import { clusterCases, mergeAtRows, mergeRecentBuckets } from '../../main/core/enrich/near-duplicates.js';
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

function workspace(cases: number, file = ':memory:'): Db {
  const db = new Database(file);
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

/** The clusters and the bucket rows of both tiers together (each (bucket, cluster) pair at most once). */
function state(db: Db): unknown {
  return {
    clusters: db.prepare('SELECT case_id, cluster_id, hex(signature) AS s FROM case_clusters ORDER BY case_id').all(),
    buckets: db
      .prepare(
        `SELECT bucket, cluster_id, case_id FROM (SELECT bucket, cluster_id, case_id FROM case_lsh_buckets
         UNION ALL SELECT bucket, cluster_id, case_id FROM case_lsh_recent) ORDER BY bucket, cluster_id`,
      )
      .all(),
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

  // Merges of the recent tier: never (the default threshold, at least 65,536 rows, is above this corpus), after most batches, now and
  // then, and after every batch.
  // With the large tier's key filter too (built from 64 cases a call), merging often and seldom.
  const runs: [batch: number, mergeAtRows: number | undefined, filterLargeTier?: boolean][] = [
    [1, undefined], [7, undefined], [128, undefined], [count, undefined], [1, 500], [7, 2000], [128, 1], [7, 1],
    [64, 1, true], [100, 3000, true], [250, 1, true],
  ];
  for (const [batch, mergeAtRows, filterLargeTier] of runs) {
    const db = workspace(count);
    const got: number[] = [];
    let merges = 0;
    for (let i = 0; i < count; i += batch) {
      const before = db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get() as number;
      const batchCases = sigs.slice(i, i + batch).map((signature, j) => ({ caseId: i + j + 1, signature, languageDetected: null }));
      got.push(...clusterCases(db, batchCases, { mergeAtRows, filterLargeTier }));
      const after = db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get() as number;
      if (after < before || (after === 0 && i > 0)) merges++;
    }
    const label = `batches of ${batch}, merging at ${mergeAtRows ?? 'the default'} rows${filterLargeTier ? ', key filter' : ''}`;
    if (mergeAtRows !== undefined && batch < count) assert.ok(merges > 1, `${label}: the recent tier was merged (${merges} times)`);
    else assert.equal(db.prepare('SELECT count(*) FROM case_lsh_buckets').pluck().get(), 0, `${label}: every row in the recent tier`);
    assert.deepEqual(got, expected, `cluster ids, ${label}`);
    assert.deepEqual(state(db), state(oracle), `stored rows, ${label}`);
  }
});

test('rows stored before the recent tier (in case_lsh_buckets) are found, and never copied into the recent tier', () => {
  const count = 900;
  const sigs = signatures(count, 7);
  const oracle = workspace(count);
  const expected = sigs.map((sig, i) => oracleCluster(oracle, i + 1, sig));
  // The first 600 cases as an older workspace stored them: every row in the large table.
  const db = workspace(count);
  sigs.slice(0, 600).forEach((sig, i) => oracleCluster(db, i + 1, sig));
  const got = [...expected.slice(0, 600)];
  for (let i = 600; i < count; i += 50) {
    got.push(...clusterCases(db, sigs.slice(i, i + 50).map((signature, j) => ({ caseId: i + j + 1, signature, languageDetected: null }))));
  }
  assert.deepEqual(got, expected);
  assert.deepEqual(state(db), state(oracle));
  const both = db
    .prepare('SELECT count(*) FROM case_lsh_recent r JOIN case_lsh_buckets b ON b.bucket = r.bucket AND b.cluster_id = r.cluster_id')
    .pluck()
    .get();
  assert.equal(both, 0, 'no (bucket, cluster) pair in both tiers');
  mergeRecentBuckets(db);
  assert.equal(db.prepare('SELECT count(*) FROM case_lsh_recent').pluck().get(), 0);
  assert.deepEqual(state(db), state(oracle), 'the same rows after a merge');
});

test('the recent tier held in memory is read again after a rolled-back batch, a deleted case and another connection', () => {
  const count = 900;
  const sigs = signatures(count, 11);
  const batchOf = (from: number, to: number) => sigs.slice(from, to).map((signature, j) => ({ caseId: from + j + 1, signature, languageDetected: null }));
  const oracle = workspace(count);
  const dir = mkdtempSync(join(tmpdir(), 'quarry-lsh-'));
  try {
    const file = join(dir, 'w.db');
    const db = workspace(count, file);
    const other = new Database(file);
    other.pragma('foreign_keys = ON');
    const expected: number[] = [];
    const got: number[] = [];
    const both = (from: number, to: number, on = db): void => {
      for (let i = from; i < to; i++) expected.push(oracleCluster(oracle, i + 1, sigs[i]!));
      got.push(...clusterCases(on, batchOf(from, to), { filterLargeTier: true, mergeAtRows: 4000 }));
    };
    both(0, 300);
    // A batch whose transaction rolls back leaves nothing behind, in the tables or in memory.
    assert.throws(() =>
      db.transaction(() => {
        clusterCases(db, batchOf(300, 400), { filterLargeTier: true });
        throw new Error('the batch fails after clustering');
      })(),
    );
    both(300, 400);
    // Retention deletes cases: their rows leave both tiers, and clustering no longer finds them.
    for (const d of [oracle, db]) d.prepare('DELETE FROM case_clusters WHERE case_id % 5 = 0 AND case_id <= 400').run();
    both(400, 600);
    // Another connection clusters a batch; this one then sees its rows.
    both(600, 750, other);
    both(750, count);
    assert.deepEqual(got, expected);
    assert.deepEqual(state(db), state(oracle));
    other.close();
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('clusterCases on an empty batch stores nothing', () => {
  const db = workspace(1);
  assert.deepEqual(clusterCases(db, []), []);
  assert.equal(db.prepare('SELECT count(*) FROM case_clusters').pluck().get(), 0);
});

test('the recent tier is merged at about 4,000 × √(enriched cases) rows, within bounds', () => {
  assert.equal(mergeAtRows(0), 65_536);
  assert.equal(mergeAtRows(300), 69_282);
  assert.equal(mergeAtRows(1_000), 126_491);
  assert.equal(mergeAtRows(10_000), 131_072);
  assert.equal(mergeAtRows(50_000_000), 131_072);
});
