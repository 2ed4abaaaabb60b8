/**
 * Sampling guarantees as properties (fast-check), on the real functions over an in-memory migrated database:
 * for arbitrary cases (signals, slices, near-duplicate clusters), valid policies and seeds, the draw is
 * reproducible, failure-signal cases are all taken unless the budget forbids (and then the cut says so), every
 * stratum gets min(minimum, available) before the base draw, caps and the budget hold, and onePerCluster never
 * picks two of one cluster.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import type { Signals, Slices } from '../../main/core/ingest/interaction.js';
import { parseSamplingPolicy, type SamplingPolicy, type SamplingPolicyInput } from '../../main/core/sampling/policy.js';
import { drawSample, loadCandidates, runSampling, selectSample, type Candidate, type DrawnSample } from '../../main/core/sampling/run-sampling.js';
import { migrate } from '../../main/core/store/migrate.js';

type Db = Database.Database;

const NUM_RUNS = 100;

interface CaseSpec {
  signals: Signals;
  slices: Slices;
  /** Near-duplicate group, or null for a case that stands alone. */
  group: number | null;
}

const caseArb: fc.Arbitrary<CaseSpec> = fc.record({
  signals: fc.record(
    {
      thumbs: fc.constantFrom('up' as const, 'down' as const),
      regenerated: fc.boolean(),
      escalated: fc.boolean(),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    },
    { requiredKeys: [] },
  ),
  slices: fc.record({ tier: fc.constantFrom('free', 'pro', 'team'), language: fc.constantFrom('en', 'fr') }, { requiredKeys: [] }),
  group: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
});

const policyArb: fc.Arbitrary<SamplingPolicy> = fc
  .record(
    {
      failureSignals: fc.subarray(['thumbs_down', 'regenerated', 'escalated', 'low_confidence'] as const),
      strata: fc.record(
        {
          fields: fc.subarray(['tier', 'language'] as const, { minLength: 1 }),
          minPerStratum: fc.integer({ min: 0, max: 4 }),
          maxPerStratum: fc.integer({ min: 1, max: 6 }),
        },
        { requiredKeys: ['fields'] },
      ),
      baseRate: fc.double({ min: 0, max: 1, noNaN: true }),
      uncertaintyBoost: fc.integer({ min: 0, max: 5 }),
      budget: fc.integer({ min: 1, max: 30 }),
      onePerCluster: fc.boolean(),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
    },
    { requiredKeys: ['failureSignals', 'baseRate', 'seed'] },
  )
  .map((input) => {
    const strata = input.strata && { ...input.strata };
    if (strata?.minPerStratum !== undefined && strata.maxPerStratum !== undefined && strata.minPerStratum > strata.maxPerStratum) {
      strata.maxPerStratum = strata.minPerStratum;
    }
    return parseSamplingPolicy({ name: 'property', ...input, failureSignals: [...input.failureSignals], strata } satisfies SamplingPolicyInput);
  });

/** One migrated in-memory workspace, refilled for every generated case set. */
function workspace(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.prepare("INSERT INTO ingest_runs (id, source_file, format, started_at) VALUES (1, 'prod.jsonl', 'openai-chat', '2026-01-01T00:00:00Z')").run();
  return db;
}

/** Replaces the workspace's cases; a group's cluster id is its lowest case id, as enrichment assigns them. */
function fill(db: Db, cases: readonly CaseSpec[]): void {
  db.transaction(() => {
    db.prepare('DELETE FROM sampling_picks').run();
    db.prepare('DELETE FROM sampling_runs').run();
    db.prepare('DELETE FROM case_clusters').run();
    db.prepare('DELETE FROM cases').run();
    db.prepare('DELETE FROM vault_interactions').run();
    const vault = db.prepare("INSERT INTO vault_interactions (id, content_hash, run_id, line, raw_json) VALUES (?, ?, 1, ?, '{}')");
    const insert = db.prepare(
      `INSERT INTO cases (id, run_id, line, content_hash, redacted_json, signals_json, slices_json, placeholders_json, status, ingested_at)
       VALUES (?, 1, ?, ?, '{}', ?, ?, '[]', 'pending', '2026-01-01T00:00:00Z')`,
    );
    const cluster = db.prepare("INSERT INTO case_clusters (case_id, cluster_id, enriched_at) VALUES (?, ?, '2026-01-01T00:00:00Z')");
    const groupRoot = new Map<number, number>();
    cases.forEach((c, i) => {
      const id = i + 1;
      vault.run(id, `h${id}`, id);
      insert.run(id, id, `h${id}`, JSON.stringify(c.signals), JSON.stringify(c.slices));
      if (c.group !== null) {
        if (!groupRoot.has(c.group)) groupRoot.set(c.group, id);
        cluster.run(id, groupRoot.get(c.group));
      }
    });
  })();
}

const clusterOf = (c: Candidate): number => c.cluster ?? c.id;

/** A draw beside every candidate it considered (the draw itself streams them and keeps only counts). */
type Draw = Omit<DrawnSample, 'candidates'> & { candidates: Candidate[] };

function draw(db: Db, policy: SamplingPolicy): Draw {
  const drawn = drawSample(db, policy, policy.seed);
  const candidates = loadCandidates(db, policy);
  assert.equal(drawn.candidates, candidates.length, 'the streamed count matches the candidates');
  return { ...drawn, candidates };
}

/** Picks of one phase, grouped by stratum. */
function perStratum(draw: Draw, phase?: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of draw.selection.picks) if (!phase || p.phase === phase) counts.set(p.candidate.stratum, (counts.get(p.candidate.stratum) ?? 0) + 1);
  return counts;
}

const db = workspace();
const property = (name: string, check: (draw: Draw, policy: SamplingPolicy, cases: CaseSpec[]) => void): void => {
  test(name, () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 40 }), policyArb, (cases, policy) => {
        fill(db, cases);
        check(draw(db, policy), policy, cases);
      }),
      { numRuns: NUM_RUNS },
    );
  });
};

test('same cases + policy + seed give the same picks, drawn or run and recorded', () => {
  fc.assert(
    fc.property(fc.array(caseArb, { maxLength: 40 }), policyArb, (cases, policy) => {
      fill(db, cases);
      const first = runSampling(db, policy);
      const second = runSampling(db, policy);
      assert.deepEqual(second.picked, first.picked);
      assert.deepEqual(second.cut, first.cut);
      assert.deepEqual(drawSample(db, policy, policy.seed).picked, first.picked);
      const stored = db.prepare('SELECT case_id FROM sampling_picks WHERE run_id = ? ORDER BY case_id').pluck().all(second.runId);
      assert.deepEqual(stored, first.picked.map((p) => p.caseId));
    }),
    { numRuns: NUM_RUNS },
  );
});

test('the streamed draw is the in-memory selection over the same candidates, whatever order they come in', () => {
  fc.assert(
    fc.property(fc.array(caseArb, { maxLength: 40 }), policyArb, fc.integer(), (cases, policy, shuffleSeed) => {
      fill(db, cases);
      const streamed = drawSample(db, policy, policy.seed).selection;
      // Sorted by a seeded hash of the id: an order unrelated to ids and clusters.
      const mixed = loadCandidates(db, policy).sort((a, b) => ((Math.imul(a.id, 0x9e3779b1) ^ shuffleSeed) >>> 0) - ((Math.imul(b.id, 0x9e3779b1) ^ shuffleSeed) >>> 0));
      const inMemory = selectSample(mixed, policy, policy.seed);
      const ids = (s: typeof streamed) => s.picks.map((p) => [p.candidate.id, p.phase]).sort((a, b) => Number(a[0]) - Number(b[0]));
      assert.deepEqual(ids(inMemory), ids(streamed));
      assert.deepEqual(inMemory.cut, streamed.cut);
      assert.deepEqual(inMemory.base, streamed.base);
    }),
    { numRuns: NUM_RUNS },
  );
});

property('every failure-signal case is picked unless the budget forbids, and then the cut is reported', (draw, policy) => {
  const failing = draw.candidates.filter((c) => c.failures.length > 0);
  // With onePerCluster one failing case stands for its cluster: the eligible ones are one per failing cluster.
  const eligible = policy.onePerCluster ? new Set(failing.map(clusterOf)).size : failing.length;
  const picked = draw.selection.picks.filter((p) => p.phase === 'failure_signal');
  const budget = policy.budget ?? Infinity;
  assert.equal(picked.length, Math.min(eligible, budget));
  assert.equal(draw.selection.cut.byBudget.failure_signal, eligible - picked.length);
  const pickedIds = picked.map((p) => p.candidate.id).sort((a, b) => a - b);
  const failingIds = new Set(failing.map((c) => c.id));
  assert.ok(pickedIds.every((id) => failingIds.has(id)), 'failure picks are failing cases');
  if (!policy.onePerCluster && picked.length === eligible) assert.deepEqual(pickedIds, [...failingIds], 'with room, every failing case is picked');
  // Every failing case not picked is accounted for by the budget or its cluster.
  assert.ok(failing.length - picked.length <= draw.selection.cut.byBudget.failure_signal + draw.selection.cut.byCluster);
});

property('each stratum gets min(minimum, available) before the base draw, within its cap and the budget', (draw, policy) => {
  const strata = policy.strata;
  if (!strata?.minPerStratum) {
    assert.equal(draw.selection.picks.filter((p) => p.phase === 'stratum_minimum').length, 0);
    return;
  }
  const failingPicks = perStratum(draw, 'failure_signal');
  const minimumPicks = perStratum(draw, 'stratum_minimum');
  const pickedIds = new Set(draw.selection.picks.map((p) => p.candidate.id));
  const pickedClusters = new Set(draw.selection.picks.map((p) => clusterOf(p.candidate)));
  const max = strata.maxPerStratum ?? Infinity;
  let wanted = 0;
  for (const stratum of new Set(draw.candidates.map((c) => c.stratum))) {
    // Available: cases without a failure signal; with onePerCluster, one per cluster not already picked for a failure.
    const rest = draw.candidates.filter((c) => c.stratum === stratum && c.failures.length === 0);
    const failingClusters = new Set(draw.selection.picks.filter((p) => p.phase === 'failure_signal').map((p) => clusterOf(p.candidate)));
    // With onePerCluster a cluster stands for itself once across all strata: a cluster wholly inside this
    // stratum surely offers one case here, a cluster that spans strata may offer it elsewhere.
    const open = [...new Set(rest.map(clusterOf))].filter((k) => !failingClusters.has(k));
    const whole = open.filter((k) => draw.candidates.every((c) => clusterOf(c) !== k || c.failures.length > 0 || c.stratum === stratum));
    const [low, high] = policy.onePerCluster ? [whole.length, open.length] : [rest.length, rest.length];
    const room = Math.max(0, max - (failingPicks.get(stratum) ?? 0));
    const got = minimumPicks.get(stratum) ?? 0;
    assert.ok(got <= Math.min(strata.minPerStratum, high, room), `stratum ${stratum}: ${got} minimum picks`);
    if (policy.budget === undefined) assert.ok(got >= Math.min(strata.minPerStratum, low, room), `stratum ${stratum}: ${got} minimum picks`);
    wanted += policy.onePerCluster ? got : Math.min(strata.minPerStratum, low, room);
    // Stratum-minimum picks are distinct and not failure picks.
    assert.ok(rest.filter((c) => pickedIds.has(c.id)).length >= got);
  }
  const minimums = draw.selection.picks.filter((p) => p.phase === 'stratum_minimum').length;
  if (policy.onePerCluster) assert.ok(minimums <= wanted);
  else assert.equal(minimums + draw.selection.cut.byBudget.stratum_minimum, wanted, 'what the budget cut from the minimums is reported');
  assert.ok(pickedClusters.size <= draw.selection.picks.length);
});

property('caps hold: picked ≤ budget, and a stratum passes maxPerStratum only with failure-signal cases', (draw, policy) => {
  const picks = draw.selection.picks;
  if (policy.budget !== undefined) assert.ok(picks.length <= policy.budget, `${picks.length} picks over budget ${policy.budget}`);
  assert.equal(new Set(picks.map((p) => p.candidate.id)).size, picks.length, 'no case is picked twice');
  assert.equal(draw.picked.length, picks.length);
  const max = policy.strata?.maxPerStratum;
  if (max !== undefined) {
    const failing = perStratum(draw, 'failure_signal');
    for (const [stratum, total] of perStratum(draw)) {
      const others = total - (failing.get(stratum) ?? 0);
      assert.ok(others <= Math.max(0, max - (failing.get(stratum) ?? 0)), `stratum ${stratum}: ${others} non-failure picks over the cap ${max}`);
    }
  }
  // The base draw never takes more than it wanted.
  assert.ok(picks.filter((p) => p.phase === 'base_rate').length <= draw.selection.base.wanted);
});

property('onePerCluster never picks two cases of one near-duplicate cluster', (draw, policy) => {
  if (!policy.onePerCluster) return;
  const clusters = draw.selection.picks.map((p) => clusterOf(p.candidate));
  assert.equal(new Set(clusters).size, clusters.length);
});

test('the generators reach the interesting cases: budget cuts, strata minimums, shared clusters', () => {
  // Guards the properties above against passing vacuously.
  let cutFailures = 0;
  let minimums = 0;
  let clusterDrops = 0;
  fc.assert(
    fc.property(fc.array(caseArb, { maxLength: 40 }), policyArb, (cases, policy) => {
      fill(db, cases);
      const draw = drawSample(db, policy, policy.seed);
      if (draw.selection.cut.byBudget.failure_signal > 0) cutFailures++;
      if (draw.selection.picks.some((p) => p.phase === 'stratum_minimum')) minimums++;
      if (draw.selection.cut.byCluster > 0) clusterDrops++;
    }),
    { numRuns: NUM_RUNS, seed: 42 },
  );
  assert.ok(cutFailures > 0 && minimums > 0 && clusterDrops > 0, JSON.stringify({ cutFailures, minimums, clusterDrops }));
});
