import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { enrichPendingCases } from '../../main/core/enrich/index.js';
import type { Signals, Slices } from '../../main/core/ingest/interaction.js';
import {
  casesInRun,
  checkSamplingPolicy,
  listSamplingPolicies,
  listSamplingRuns,
  parseSamplingPolicy,
  previewSampling,
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
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'prod.jsonl', 'openai-chat', 'now')").run();
  return db;
}

function addCase(db: Db, id: number, text: string, signals: Signals = {}, slices: Slices = {}): void {
  db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')").run(id, `h${id}`, id);
  const redacted = { messages: [{ role: 'user', content: text }], response: null, preview: '' };
  db.prepare(
    `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, ingested_at)
     VALUES (?, 1, ?, ?, ?, ?, ?, '[]', 'now')`,
  ).run(id, id, `h${id}`, JSON.stringify(redacted), JSON.stringify(signals), JSON.stringify(slices));
}

const TOPICS = ['refill', 'appointment', 'invoice', 'portal', 'referral', 'vaccine', 'allergy', 'lab', 'scan', 'fever'];

/** 400 cases over three tiers; every 10th shows a thumbs-down, every 15th low confidence; ids 1..40 are near-duplicates. */
function populate(db: Db): void {
  for (let id = 1; id <= 400; id++) {
    const text =
      id <= 40
        ? `I need to renew my blood pressure prescription before the weekend because the pharmacy closes early on Saturday${id % 2 ? '' : ' please'}`
        : `Question ${id} about my ${TOPICS[id % TOPICS.length]} and the ${TOPICS[(id * 3) % TOPICS.length]} form number ${id * 7}, case ${id}`;
    const signals: Signals = { thumbs: id % 10 === 0 ? 'down' : 'up', confidence: id % 15 === 0 ? 0.2 : 0.9 };
    addCase(db, id, text, signals, { tier: id % 7 === 0 ? 'enterprise' : id % 3 === 0 ? 'pro' : 'free' });
  }
  enrichPendingCases(db);
}

const POLICY: SamplingPolicyInput = {
  name: 'weekly',
  failureSignals: ['thumbs_down', 'low_confidence'],
  strata: { fields: ['tier'], minPerStratum: 5, maxPerStratum: 60 },
  baseRate: 0.1,
  uncertaintyBoost: 2,
  budget: 90,
  seed: 42,
};

test('the preview shows exactly what the run then picks, per trigger and per stratum, and writes nothing', () => {
  const db = workspace();
  populate(db);
  const policy = parseSamplingPolicy(POLICY);
  const tables = () => db.prepare('SELECT (SELECT count(*) FROM sampling_policies) || \'/\' || (SELECT count(*) FROM sampling_runs)').pluck().get();
  const before = tables();
  const preview = previewSampling(db, policy);
  assert.equal(tables(), before, 'no policy version, no run');

  const run = runSampling(db, policy);
  assert.equal(preview.picked, run.picked.length);
  assert.equal(preview.candidates, run.candidates);
  assert.deepEqual(preview.byPhase, run.counts.byPhase);
  assert.deepEqual(preview.cut, run.cut);
  for (const t of preview.triggers) assert.equal(t.picked, run.counts.byReason[t.signal] ?? 0, t.signal);
  assert.deepEqual(Object.fromEntries(preview.strata.map((s) => [s.stratum, s.picked])), run.counts.byStratum);

  // The figures add up: 40 thumbs-down and 26 low-confidence candidates (13 show both), all within the budget.
  assert.deepEqual(
    preview.triggers.map((t) => [t.signal, t.candidates, t.picked]),
    [['low_confidence', 26, 26], ['thumbs_down', 40, 40]],
  );
  assert.equal(preview.byPhase.failure_signal, 53);
  assert.equal(preview.byPhase.stratum_minimum, 15);
  assert.equal(preview.baseRate.eligible, 400 - 53 - 15);
  assert.equal(preview.baseRate.expected, 33);
  assert.equal(preview.picked, 90, 'the budget caps the total');
  assert.equal(preview.baseRate.picked, 90 - 53 - 15);
  assert.equal(preview.cut.byBudget.base_rate, 33 - 22);
  assert.equal(preview.strata.reduce((n, s) => n + s.candidates, 0), 400);

  // Same cases, policy and seed: same picks; another seed moves the base draw.
  assert.deepEqual(previewSampling(db, policy), preview);
  assert.deepEqual(runSampling(db, policy).picked, run.picked);
  assert.notDeepEqual(runSampling(db, policy, { seed: 7 }).picked, run.picked);
  db.close();
});

test('onePerCluster takes at most one case per near-duplicate cluster, failing ones first', () => {
  const db = workspace();
  populate(db);
  const every = parseSamplingPolicy({ name: 'all', failureSignals: ['thumbs_down'], baseRate: 1 });
  const all = runSampling(db, every);
  assert.equal(all.picked.length, 400);

  const once = parseSamplingPolicy({ name: 'all', failureSignals: ['thumbs_down'], baseRate: 1, onePerCluster: true });
  const preview = previewSampling(db, once);
  const run = runSampling(db, once);
  assert.equal(run.picked.length, 400 - 39, 'the 40 near-duplicates count once');
  assert.equal(preview.picked, run.picked.length);
  assert.equal(run.cut.byCluster, 39);
  assert.equal(preview.clusters.amongCandidates, 361);
  const nearDuplicatesPicked = run.picked.filter((p) => p.caseId <= 40);
  assert.equal(nearDuplicatesPicked.length, 1);
  assert.deepEqual(nearDuplicatesPicked[0]!.reasons, ['thumbs_down'], 'a failing member stands for the cluster');
  assert.equal(nearDuplicatesPicked[0]!.caseId % 10, 0);
  assert.notEqual(all.policyVersion, run.policyVersion, 'turning the option on is a new version');
  db.close();
});

test('a policy without onePerCluster keeps its canonical text, so saving it again is not a new version', () => {
  const db = workspace();
  const first = saveSamplingPolicy(db, parseSamplingPolicy({ name: 'p', baseRate: 0.2 }), 'ana');
  const same = saveSamplingPolicy(db, parseSamplingPolicy({ name: 'p', baseRate: 0.2, onePerCluster: false }), 'ana');
  assert.equal(same.version, first.version);
  assert.equal(same.created, false);
  assert.doesNotMatch(db.prepare('SELECT json FROM sampling_policies').pluck().get() as string, /onePerCluster/);
  const listed = listSamplingPolicies(db);
  assert.deepEqual(
    listed.map((p) => [p.name, p.version, p.versions]),
    [['p', 1, 1]],
  );
  db.close();
});

test('form validation names each field at fault', () => {
  const bad = checkSamplingPolicy({ name: '', baseRate: 2, strata: { fields: ['tier'], minPerStratum: 9, maxPerStratum: 3 }, colour: 'red' });
  assert.equal(bad.policy, null);
  const paths = bad.issues.map((i) => i.path).sort();
  assert.deepEqual(paths, ['baseRate', 'colour', 'name', 'strata.minPerStratum']);
  assert.match(bad.issues.find((i) => i.path === 'strata.minPerStratum')!.message, /must not exceed/);
  assert.deepEqual(checkSamplingPolicy({ name: 'ok' }).issues, []);
});

test('runs list their figures, newest first, and casesInRun gives a run\'s picks for the queue', () => {
  const db = workspace();
  populate(db);
  const policy = parseSamplingPolicy(POLICY);
  const first = runSampling(db, policy);
  const second = runSampling(db, policy, { seed: 9 });
  // A run recorded before the figures were kept still lists its reasons, from its picks.
  db.prepare('UPDATE sampling_runs SET candidates = NULL, counts_json = NULL WHERE id = ?').run(first.runId);
  const runs = listSamplingRuns(db);
  assert.deepEqual(runs.map((r) => r.id), [second.runId, first.runId]);
  assert.equal(runs[0]!.candidates, 400);
  assert.equal(runs[0]!.picked, second.picked.length);
  assert.equal(runs[0]!.seed, 9);
  assert.deepEqual(runs[0]!.byReason, second.counts.byReason);
  assert.equal(runs[1]!.candidates, null);
  assert.deepEqual(runs[1]!.byReason, first.counts.byReason);
  assert.deepEqual(casesInRun(db, first.runId), first.picked.map((p) => p.caseId));
  assert.throws(() => casesInRun(db, 999), /no sampling run 999/);
  db.close();
});
