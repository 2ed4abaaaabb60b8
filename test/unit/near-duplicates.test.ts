import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { enrichCases, enrichPendingCases, nearDuplicatesOf, pendingEnrichment } from '../../main/core/enrich/index.js';
import { bandKeys, estimatedJaccard, minhashSignature, shingleHashes } from '../../main/core/enrich/minhash.js';
import { clusterOf } from '../../main/core/enrich/near-duplicates.js';
import { migrate } from '../../main/core/store/migrate.js';

type Db = Database.Database;

const BASE =
  'My mother was prescribed metformin last month and since then she has had stomach pain every evening after dinner, ' +
  'should we ask her doctor to change the dose or switch to a different medicine for her diabetes';

function exactJaccard(a: string, b: string): number {
  const x = shingleHashes(a);
  const y = shingleHashes(b);
  let both = 0;
  for (const h of x) if (y.has(h)) both++;
  return both / (x.size + y.size - both);
}

function workspace(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'prod.jsonl', 'openai-chat', 'now')").run();
  return db;
}

function addCase(db: Db, id: number, userText: string, slices: Record<string, string> = {}): void {
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `h${id}`, id);
  const redacted = { messages: [{ role: 'system', content: 'You are a helpful clinic assistant.' }, { role: 'user', content: userText }], response: null, preview: '' };
  db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (?, 1, ?, ?, ?, '{}', ?, '[]', 'now')`,
  ).run(id, id, `h${id}`, JSON.stringify(redacted), JSON.stringify(slices));
}

test('MinHash: identical texts match exactly, near texts estimate their Jaccard, far texts do not match', () => {
  const a = minhashSignature(BASE)!;
  assert.deepEqual(minhashSignature(BASE), a, 'deterministic');
  assert.equal(estimatedJaccard(a, minhashSignature(BASE.toUpperCase())!), 1, 'case does not matter');
  assert.deepEqual(bandKeys(a), bandKeys(minhashSignature(BASE)!));

  const near = BASE.replace('every evening', 'most evenings');
  const truth = exactJaccard(BASE, near);
  assert.ok(truth >= 0.8, `edited text keeps J ≈ ${truth}`);
  const estimate = estimatedJaccard(a, minhashSignature(near)!);
  assert.ok(Math.abs(estimate - truth) < 0.12, `estimate ${estimate} vs exact ${truth}`);
  const shared = bandKeys(a).filter((k) => bandKeys(minhashSignature(near)!).includes(k)).length;
  assert.ok(shared > 0, 'near-duplicates share an LSH bucket');

  const far = 'Please reset the password of my patient portal account, the reset e-mail never arrives in my inbox';
  assert.ok(estimatedJaccard(a, minhashSignature(far)!) < 0.1);
  assert.equal(minhashSignature('  ... !!! '), null, 'no words, no signature');
  assert.equal(estimatedJaccard(minhashSignature('[PERSON_1] called about [DATE_2]')!, minhashSignature('[PERSON_3] called about [DATE_1]')!), 1, 'placeholder numbers do not matter');
});

test('near-duplicate cases cluster incrementally; far ones stay apart; language is detected only when absent', () => {
  const db = workspace();
  addCase(db, 1, BASE);
  addCase(db, 2, 'Please reset the password of my patient portal account, the reset e-mail never arrives in my inbox');
  addCase(db, 3, BASE.replace('every evening', 'most evenings'), { language: 'en-GB' });
  addCase(db, 4, 'ok');
  assert.equal(pendingEnrichment(db), 4);
  const first = enrichCases(db, [1, 2, 3, 4]);
  assert.deepEqual(first, { enriched: 4, languagesDetected: 3, joinedClusters: 1 });
  assert.equal(clusterOf(db, 1), 1);
  assert.equal(clusterOf(db, 2), 2);
  assert.equal(clusterOf(db, 3), 1, 'the edited text joins the first case');
  assert.equal(clusterOf(db, 4), 4);
  const slices = (id: number) => JSON.parse(db.prepare('SELECT slices_json FROM cases WHERE id = ?').pluck().get(id) as string);
  assert.equal(slices(1).language, 'en');
  assert.equal(slices(3).language, 'en-GB', 'the log language is kept');
  assert.equal(slices(4).language, 'und');

  // Later cases join the existing clusters; nothing already assigned moves; re-enriching is a no-op.
  addCase(db, 5, BASE.replace('stomach pain', 'belly pain'));
  addCase(db, 6, 'Please reset the password of my patient portal account, the reset e-mail never arrives in my inbox!');
  assert.deepEqual(enrichPendingCases(db), { enriched: 2, languagesDetected: 2, joinedClusters: 2 });
  assert.equal(clusterOf(db, 5), 1);
  assert.equal(clusterOf(db, 6), 2);
  assert.equal(enrichCases(db, [1, 5]).enriched, 0);
  assert.equal(pendingEnrichment(db), 0);

  const dups = nearDuplicatesOf(db, 1);
  assert.deepEqual(dups.map((d) => d.caseId).sort(), [3, 5]);
  assert.ok(dups.every((d) => d.similarity >= 0.7 && d.similarity <= 1));
  assert.deepEqual(nearDuplicatesOf(db, 4), []);
  assert.throws(() => nearDuplicatesOf(db, 999), /no case 999/);
  db.close();
});

test('clustering is fast and bounded for a large cluster and many distinct cases', () => {
  const db = workspace();
  const words = 'appointment dose refill insurance portal invoice clinic fever rash cough allergy referral lab result scan'.split(' ');
  let id = 0;
  // 300 near-identical templated queries and 1,200 distinct ones.
  for (let i = 0; i < 300; i++) addCase(db, ++id, `${BASE} thanks ${i % 3 === 0 ? 'a lot' : 'so much'}`);
  for (let i = 0; i < 1200; i++) {
    const text = Array.from({ length: 18 }, (_, j) => words[(i * 7 + j * (i % 11 + 1)) % words.length]).join(' ') + ` ticket ${i}`;
    addCase(db, ++id, text);
  }
  const started = performance.now();
  enrichPendingCases(db);
  const ms = performance.now() - started;
  const clusters = db.prepare('SELECT count(DISTINCT cluster_id) FROM case_clusters WHERE case_id <= 300').pluck().get();
  assert.equal(clusters, 1, 'the templated queries form one cluster');
  assert.ok(ms < 10000, `1,500 cases enriched in ${ms.toFixed(0)} ms`);
  const bucketsOfBigCluster = db
    .prepare('SELECT (SELECT count(*) FROM case_lsh_buckets WHERE cluster_id = 1) + (SELECT count(*) FROM case_lsh_recent WHERE cluster_id = 1)')
    .pluck()
    .get() as number;
  assert.ok(bucketsOfBigCluster < 300 * 20, `one representative per bucket and cluster (${bucketsOfBigCluster} rows)`);
  db.close();
});
