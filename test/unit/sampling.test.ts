import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Signals, Slices } from '../../main/core/ingest/interaction.js';
import {
  loadSamplingPolicy,
  parseSamplingPolicy,
  parseSamplingPolicyText,
  runSampling,
  saveSamplingPolicy,
  type SamplingPolicyInput,
} from '../../main/core/sampling/index.js';
import { migrate } from '../../main/core/store/migrate.js';

type Db = Database.Database;

function workspace(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'prod.jsonl', 'openai-chat', '2026-01-01T00:00:00Z')").run();
  return db;
}

function addCase(db: Db, id: number, signals: Signals = {}, slices: Slices = {}, status = 'pending'): void {
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `h${id}`, id);
  db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, status, ingested_at)
     VALUES (?, 1, ?, ?, '{}', ?, ?, '[]', ?, '2026-01-01T00:00:00Z')`,
  ).run(id, id, `h${id}`, JSON.stringify(signals), JSON.stringify(slices), status);
}

function policy(input: Partial<SamplingPolicyInput> = {}) {
  return parseSamplingPolicy({ name: 'test', ...input });
}

const ids = (r: { picked: { caseId: number }[] }) => r.picked.map((p) => p.caseId);

test('cases with a chosen failure signal are always taken, with every signal as a reason', () => {
  const db = workspace();
  for (let id = 1; id <= 200; id++) addCase(db, id, { thumbs: 'up', confidence: 0.9 });
  db.prepare('DELETE FROM cases WHERE id IN (3, 50, 77, 120, 150, 199)').run();
  addCase(db, 1003, { thumbs: 'down', regenerated: true });
  addCase(db, 1050, { user_edited_chars: 80 });
  addCase(db, 1051, { user_edited_chars: 10 }); // below heavyEditChars: not a failure
  addCase(db, 1077, { escalated: true });
  addCase(db, 1120, { schema_valid: false });
  addCase(db, 1150, { evaluations: [{ name: 'judge', score: 0.9 }, { name: 'faithfulness', score: 0.2 }] });
  addCase(db, 1199, { confidence: 0.1 });
  addCase(db, 1200, { thumbs: 'down' }, {}, 'accepted');

  const result = runSampling(
    db,
    policy({
      failureSignals: ['thumbs_down', 'regenerated', 'heavy_edit', 'escalated', 'schema_failure', 'low_evaluator_score', 'low_confidence'],
      baseRate: 0.05,
    }),
  );
  const reasons = new Map(result.picked.map((p) => [p.caseId, p.reasons]));
  assert.deepEqual(reasons.get(1003), ['regenerated', 'thumbs_down']);
  assert.deepEqual(reasons.get(1050), ['heavy_edit']);
  assert.deepEqual(reasons.get(1077), ['escalated']);
  assert.deepEqual(reasons.get(1120), ['schema_failure']);
  assert.deepEqual(reasons.get(1150), ['low_evaluator_score']);
  assert.deepEqual(reasons.get(1199), ['low_confidence']);
  assert.deepEqual(reasons.get(1200), ['thumbs_down']);
  assert.notDeepEqual(reasons.get(1051), ['heavy_edit']);
  assert.equal(result.counts.byPhase.failure_signal, 7);
  assert.equal(result.counts.byReason.thumbs_down, 2);
  // The base draw is 5% of the 195 remaining cases.
  assert.equal(result.counts.byPhase.base_rate, Math.round(0.05 * 195));

  // Only the chosen signals count; the statuses filter narrows the candidates.
  const narrow = runSampling(db, policy({ name: 'narrow', failureSignals: ['escalated'], statuses: ['pending'] }));
  assert.deepEqual(ids(narrow), [1077]);
  const stored = db.prepare('SELECT case_id, reasons FROM sampling_picks WHERE run_id = ?').all(narrow.runId);
  assert.deepEqual(stored, [{ case_id: 1077, reasons: '["escalated"]' }]);
  db.close();
});

test('stratum minimums keep a rare slice in the sample, and maxPerStratum caps a common one', () => {
  const db = workspace();
  let id = 1;
  for (let i = 0; i < 500; i++) addCase(db, id++, {}, { tier: 'free', intent: 'billing' });
  for (let i = 0; i < 300; i++) addCase(db, id++, {}, { tier: 'pro', intent: 'billing' });
  for (let i = 0; i < 3; i++) addCase(db, id++, {}, { tier: 'enterprise', intent: 'refund' });
  addCase(db, id++, {}, { intent: 'refund' }); // no tier: its own stratum

  // A 1% base draw alone would usually miss the 3 enterprise cases.
  const plain = runSampling(db, policy({ baseRate: 0.01, strata: { fields: ['tier', 'intent'] }, seed: 1 }));
  assert.ok((plain.counts.byStratum['tier=enterprise|intent=refund'] ?? 0) <= 1);

  const result = runSampling(db, policy({ name: 'strat', baseRate: 0.01, strata: { fields: ['tier', 'intent'], minPerStratum: 2 }, seed: 1 }));
  assert.ok((result.counts.byStratum['tier=enterprise|intent=refund'] ?? 0) >= 2);
  assert.equal(result.counts.byStratum['tier=(none)|intent=refund'], 1, 'takes what the stratum has');
  assert.ok((result.counts.byStratum['tier=free|intent=billing'] ?? 0) >= 2);
  assert.equal(result.counts.byPhase.stratum_minimum, 2 + 2 + 2 + 1);

  const capped = runSampling(db, policy({ name: 'capped', baseRate: 0.5, strata: { fields: ['tier'], maxPerStratum: 20 }, seed: 1 }));
  assert.equal(capped.counts.byStratum['tier=free'], 20);
  assert.equal(capped.counts.byStratum['tier=pro'], 20);
  assert.ok(capped.cut.byMaxPerStratum > 0);
  db.close();
});

test('the base rate draws roughly its share of 1,000 cases, and the uncertainty boost leans to low confidence', () => {
  const db = workspace();
  for (let id = 1; id <= 1000; id++) addCase(db, id, { confidence: id % 2 === 0 ? 0.05 : 0.95 });
  const result = runSampling(db, policy({ baseRate: 0.1, seed: 42 }));
  assert.equal(result.candidates, 1000);
  assert.ok(Math.abs(result.picked.length - 100) <= 5, `picked ${result.picked.length}`);
  const lowShare = (r: typeof result) => r.picked.filter((p) => p.caseId % 2 === 0).length / r.picked.length;
  assert.ok(Math.abs(lowShare(result) - 0.5) < 0.15, `unboosted low-confidence share ${lowShare(result)}`);
  assert.ok(result.picked.every((p) => p.reasons[0] === 'base_rate'));

  const boosted = runSampling(db, policy({ name: 'boosted', baseRate: 0.1, uncertaintyBoost: 9, seed: 42 }));
  assert.ok(lowShare(boosted) > 0.75, `boosted low-confidence share ${lowShare(boosted)}`);
  db.close();
});

test('the same cases, policy and seed give the same sample; another seed gives another', () => {
  const db = workspace();
  for (let id = 1; id <= 300; id++) addCase(db, id, { thumbs: id % 37 === 0 ? 'down' : 'up', confidence: (id % 10) / 10 }, { tier: ['free', 'pro', 'team'][id % 3] });
  const p = policy({ failureSignals: ['thumbs_down'], strata: { fields: ['tier'], minPerStratum: 3 }, baseRate: 0.2, uncertaintyBoost: 2, seed: 7 });
  const a = runSampling(db, p);
  const b = runSampling(db, p);
  assert.notEqual(a.runId, b.runId);
  assert.deepEqual(a.picked, b.picked);
  assert.equal(b.policyVersion, a.policyVersion);
  const c = runSampling(db, p, { seed: 8 });
  assert.equal(c.seed, 8);
  assert.notDeepEqual(ids(a), ids(c));
  // Failure-signal cases are in every sample.
  for (const r of [a, c]) assert.deepEqual(r.picked.filter((x) => x.reasons.includes('thumbs_down')).map((x) => x.caseId), [37, 74, 111, 148, 185, 222, 259, 296]);
  const run = db.prepare('SELECT policy_name, policy_version, seed, picked_count FROM sampling_runs WHERE id = ?').get(c.runId);
  assert.deepEqual(run, { policy_name: 'test', policy_version: 1, seed: 8, picked_count: c.picked.length });
  db.close();
});

test('the budget cuts the base draw first, then stratum minimums, then failure cases, and says so', () => {
  const db = workspace();
  for (let id = 1; id <= 400; id++) addCase(db, id, { escalated: id <= 10 }, { tier: id % 2 ? 'free' : 'pro' });
  const base = (budget?: number) => policy({ failureSignals: ['escalated'], strata: { fields: ['tier'], minPerStratum: 5 }, baseRate: 0.1, budget });

  const roomy = runSampling(db, base());
  assert.deepEqual(roomy.counts.byPhase, { failure_signal: 10, stratum_minimum: 10, base_rate: 38 });
  assert.deepEqual(roomy.cut.byBudget, { failure_signal: 0, stratum_minimum: 0, base_rate: 0 });

  const tight = runSampling(db, base(30));
  assert.equal(tight.picked.length, 30);
  assert.deepEqual(tight.counts.byPhase, { failure_signal: 10, stratum_minimum: 10, base_rate: 10 });
  assert.deepEqual(tight.cut, { budget: 30, byBudget: { failure_signal: 0, stratum_minimum: 0, base_rate: 28 }, byMaxPerStratum: 0, byCluster: 0 });

  const tighter = runSampling(db, base(14));
  assert.deepEqual(tighter.counts.byPhase, { failure_signal: 10, stratum_minimum: 4, base_rate: 0 });
  // The 6 cut stratum-minimum cases stay in the base pool: round(0.1 × 386) = 39 base-rate cases cut.
  assert.deepEqual(tighter.cut.byBudget, { failure_signal: 0, stratum_minimum: 6, base_rate: 39 });
  // Round-robin: both strata keep some of their minimum.
  assert.ok((tighter.counts.byStratum['tier=free'] ?? 0) >= 7 && (tighter.counts.byStratum['tier=pro'] ?? 0) >= 7);

  const tiny = runSampling(db, base(4));
  assert.equal(tiny.picked.length, 4);
  assert.ok(tiny.picked.every((p) => p.caseId <= 10));
  assert.equal(tiny.cut.byBudget.failure_signal, 6);
  db.close();
});

test('saving a changed policy adds a version; an unchanged (or equivalent) one keeps it', () => {
  const db = workspace();
  const v1 = saveSamplingPolicy(db, policy({ failureSignals: ['thumbs_down', 'escalated'], baseRate: 0.1 }), 'alice');
  assert.deepEqual([v1.version, v1.created], [1, true]);
  // Same content, different key order, duplicate and reordered signals, defaults spelled out: unchanged.
  const same = saveSamplingPolicy(
    db,
    parseSamplingPolicy({ baseRate: 0.1, failureSignals: ['escalated', 'thumbs_down', 'escalated'], name: 'test', thresholds: { heavyEditChars: 50 }, seed: 0 }),
    'bob',
  );
  assert.deepEqual([same.version, same.created], [1, false]);
  const v2 = saveSamplingPolicy(db, policy({ failureSignals: ['thumbs_down', 'escalated'], baseRate: 0.2 }), 'bob');
  assert.equal(v2.version, 2);
  const other = saveSamplingPolicy(db, policy({ name: 'other' }), 'bob');
  assert.equal(other.version, 1);
  assert.equal(loadSamplingPolicy(db, 'test')?.policy.baseRate, 0.2);
  assert.equal(loadSamplingPolicy(db, 'test', 1)?.policy.baseRate, 0.1);
  assert.equal(loadSamplingPolicy(db, 'missing'), null);
  // runSampling saves too, and records the version it ran.
  const run = runSampling(db, policy({ failureSignals: ['thumbs_down'], baseRate: 0.3 }), { actor: 'carol' });
  assert.equal(run.policyVersion, 3);
  assert.deepEqual(db.prepare("SELECT created_by FROM sampling_policies WHERE name = 'test' AND version = 3").get(), { created_by: 'carol' });
  db.close();
});

test('an invalid policy is rejected with the offending field named', () => {
  const invalid = (value: unknown, field: RegExp) =>
    assert.throws(
      () => parseSamplingPolicy(value),
      (error: Error & { code?: string }) => error.code === 'sampling-policy-invalid' && field.test(error.message),
    );
  invalid({ baseRate: 0.1 }, /name:/);
  invalid({ name: 'p', baseRate: 1.5 }, /baseRate:/);
  invalid({ name: 'p', failureSignals: ['thumbs_down', 'angry'] }, /failureSignals\.1:/);
  invalid({ name: 'p', strata: { fields: ['tier', 'colour'] } }, /strata\.fields\.1:/);
  invalid({ name: 'p', strata: { fields: ['tier'], minPerStratum: 5, maxPerStratum: 2 } }, /strata\.minPerStratum:/);
  invalid({ name: 'p', budget: 0 }, /budget:/);
  invalid({ name: 'p', seed: -1 }, /seed:/);
  invalid({ name: 'p', thresholds: { lowConfidence: 2 } }, /thresholds\.lowConfidence:/);
  invalid({ name: 'p', baserate: 0.1 }, /baserate: unknown field/);
  invalid({ name: 'p', thresholds: { lowScor: 0.3 } }, /thresholds\.lowScor: unknown field/);
  assert.throws(() => parseSamplingPolicyText('{"name": ', 'policy.json'), /policy\.json is not valid JSON/);
  const defaults = parseSamplingPolicyText('{"name": "p"}');
  assert.deepEqual(defaults.thresholds, { heavyEditChars: 50, lowScore: 0.5, lowConfidence: 0.5 });
  assert.equal(defaults.baseRate, 0);
});
