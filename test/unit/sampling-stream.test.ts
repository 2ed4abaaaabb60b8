/**
 * The streaming selection's parts: the bounded heap keeps exactly the best k, the seeded keys are uniform and
 * reproducible, and a draw reads its candidates in a few passes without holding them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseSamplingPolicy } from '../../main/core/sampling/policy.js';
import { BestOf, seededUniform, selectFrom, type Candidate } from '../../main/core/sampling/select.js';

test('BestOf(k) keeps the k best items, best first, whatever the order they are offered in', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: 0, max: 12 }), (values, k) => {
      const heap = new BestOf<number>(k, (a, b) => a < b);
      for (const v of values) heap.offer(v);
      assert.deepEqual(heap.sorted(), [...values].sort((a, b) => a - b).slice(0, k));
      assert.equal(heap.size, Math.min(k, values.length));
    }),
  );
});

test('seeded keys: reproducible, strictly inside (0, 1), different per seed and phase, and about uniform', () => {
  assert.equal(seededUniform(7, 3, 12345), seededUniform(7, 3, 12345));
  assert.notEqual(seededUniform(7, 3, 12345), seededUniform(8, 3, 12345));
  assert.notEqual(seededUniform(7, 3, 12345), seededUniform(7, 2, 12345));
  const n = 20_000;
  const bins = new Array<number>(10).fill(0);
  const seen = new Set<number>();
  for (let id = 1; id <= n; id++) {
    const u = seededUniform(42, 1, id);
    assert.ok(u > 0 && u < 1, `${u}`);
    bins[Math.floor(u * 10)]!++;
    seen.add(u);
  }
  assert.equal(seen.size, n, 'no two ids share a key among 20,000 (53-bit keys)');
  // Chi-square with 9 degrees of freedom: 21.67 is the 1 % critical value.
  const chi = bins.reduce((s, b) => s + (b - n / 10) ** 2 / (n / 10), 0);
  assert.ok(chi < 21.67, `chi-square ${chi.toFixed(2)}`);
});

test('a draw streams its candidates: a few passes, none of them held', () => {
  const total = 50_000;
  let passes = 0;
  let live = 0;
  let maxLive = 0;
  const source = function* (): Generator<Candidate> {
    passes++;
    for (let id = 1; id <= total; id++) {
      live++;
      maxLive = Math.max(maxLive, live);
      yield { id, failures: id % 100 === 0 ? ['thumbs_down'] : [], stratum: `tier=${id % 3}`, confidence: (id % 10) / 10 };
      live--;
    }
  };
  const policy = parseSamplingPolicy({
    name: 'stream',
    failureSignals: ['thumbs_down'],
    strata: { fields: ['tier'], minPerStratum: 5, maxPerStratum: 200 },
    baseRate: 0.01,
    budget: 550,
    seed: 3,
  });
  const selection = selectFrom(source, policy, 3);
  assert.ok(passes <= 3, `${passes} passes`);
  assert.equal(maxLive, 1);
  assert.equal(selection.stats.candidates, total);
  // Every 100th id fails: 500, by tier (id mod 3) 166 / 167 / 167. Minimums: 5 per tier. The cap of 200 leaves
  // 29 + 28 + 28 = 85 for the base draw, which wanted round(0.01 × 49,485) = 495: 49,400 passed over in full
  // tiers. The budget of 550 keeps 35 of those 85.
  assert.equal(selection.picks.filter((p) => p.phase === 'failure_signal').length, 500);
  assert.equal(selection.picks.filter((p) => p.phase === 'stratum_minimum').length, 15);
  assert.deepEqual(selection.base, { eligible: total - 500 - 15, wanted: 495 });
  assert.equal(selection.picks.filter((p) => p.phase === 'base_rate').length, 35);
  assert.deepEqual(selection.cut, {
    budget: 550,
    byBudget: { failure_signal: 0, stratum_minimum: 0, base_rate: 50 },
    byMaxPerStratum: total - 500 - 15 - 85,
    byCluster: 0,
  });
});

/**
 * The selection written the plain way: every candidate in memory, each phase in order, the base draw walking the
 * keys one by one and skipping full strata. The streaming selection must agree with it exactly.
 */
function reference(all: readonly Candidate[], policy: ReturnType<typeof parseSamplingPolicy>, seed: number) {
  const byId = (a: Candidate, b: Candidate) => a.id - b.id;
  const clusterOf = (c: Candidate) => c.cluster ?? c.id;
  const rank = (c: Candidate) => seededUniform(seed, 0, c.id);
  const onePer = (list: Candidate[]) => {
    const chosen = new Map<number, Candidate>();
    for (const c of list) {
      const held = chosen.get(clusterOf(c));
      if (!held || rank(c) < rank(held) || (rank(c) === rank(held) && c.id < held.id)) chosen.set(clusterOf(c), c);
    }
    return [...chosen.values()].sort(byId);
  };
  const candidates = all.slice().sort(byId);
  const budget = policy.budget ?? Infinity;
  const picks: { id: number; phase: string }[] = [];
  const perStratum = new Map<string, number>();
  const take = (c: Candidate, phase: string) => {
    picks.push({ id: c.id, phase });
    perStratum.set(c.stratum, (perStratum.get(c.stratum) ?? 0) + 1);
  };
  const cut = { budget: policy.budget ?? null, byBudget: { failure_signal: 0, stratum_minimum: 0, base_rate: 0 }, byMaxPerStratum: 0, byCluster: 0 };
  let failing = candidates.filter((c) => c.failures.length > 0);
  if (policy.onePerCluster) {
    const kept = onePer(failing);
    cut.byCluster += failing.length - kept.length;
    failing = kept;
  }
  const keptFailing = failing
    .slice()
    .sort((a, b) => seededUniform(seed, 1, a.id) - seededUniform(seed, 1, b.id) || a.id - b.id)
    .slice(0, budget)
    .sort(byId);
  cut.byBudget.failure_signal = failing.length - keptFailing.length;
  keptFailing.forEach((c) => take(c, 'failure_signal'));
  let rest = candidates.filter((c) => c.failures.length === 0);
  if (policy.onePerCluster) {
    const represented = new Set(keptFailing.map(clusterOf));
    const open = rest.filter((c) => !represented.has(clusterOf(c)));
    const kept = onePer(open);
    cut.byCluster += rest.length - kept.length;
    rest = kept;
  }
  const max = policy.strata?.maxPerStratum ?? Infinity;
  const min = policy.strata?.minPerStratum ?? 0;
  const taken = new Set<number>();
  if (min > 0) {
    const keys = [...new Set(rest.map((c) => c.stratum))].sort();
    const queues = keys.map((k) => {
      const want = Math.min(min, Math.max(0, max - (perStratum.get(k) ?? 0)));
      return rest
        .filter((c) => c.stratum === k)
        .sort((a, b) => seededUniform(seed, 2, a.id) - seededUniform(seed, 2, b.id) || a.id - b.id)
        .slice(0, want);
    });
    const ordered: Candidate[] = [];
    for (let r = 0; queues.some((q) => q.length > r); r++) for (const q of queues) if (q[r]) ordered.push(q[r]!);
    const kept = ordered.slice(0, Math.max(0, budget - picks.length));
    cut.byBudget.stratum_minimum = ordered.length - kept.length;
    kept.forEach((c) => {
      take(c, 'stratum_minimum');
      taken.add(c.id);
    });
  }
  rest = rest.filter((c) => !taken.has(c.id));
  const want = Math.round(policy.baseRate * rest.length);
  const base = { eligible: rest.length, wanted: want };
  if (want > 0) {
    const key = (c: Candidate) => Math.log(seededUniform(seed, 3, c.id)) / (c.confidence === undefined ? 1 : 1 + policy.uncertaintyBoost * (1 - c.confidence));
    const keyed = rest.map((c) => ({ c, k: key(c) })).sort((a, b) => b.k - a.k || a.c.id - b.c.id);
    const drawn: Candidate[] = [];
    const counts = new Map(perStratum);
    for (const { c } of keyed) {
      if (drawn.length >= want) break;
      if ((counts.get(c.stratum) ?? 0) >= max) {
        cut.byMaxPerStratum++;
        continue;
      }
      counts.set(c.stratum, (counts.get(c.stratum) ?? 0) + 1);
      drawn.push(c);
    }
    const kept = drawn.slice(0, Math.max(0, budget - picks.length));
    cut.byBudget.base_rate = drawn.length - kept.length;
    kept.forEach((c) => take(c, 'base_rate'));
  }
  return { picks: picks.sort((a, b) => a.id - b.id), cut, base };
}

test('the streaming selection agrees exactly with the plain in-memory one', () => {
  let stoppedInFullStratum = 0;
  let budgetCut = 0;
  let clusterCut = 0;
  const candidateArb = fc.record({
    // About one in eight fails, so the caps leave room for the base draw and strata fill up during it.
    failing: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
    stratum: fc.constantFrom('a', 'b', 'b', 'b', 'c'),
    confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    group: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
  });
  const policyArb = fc.record({
    minPerStratum: fc.integer({ min: 0, max: 4 }),
    maxPerStratum: fc.option(fc.integer({ min: 4, max: 30 }), { nil: undefined }),
    // Whole percents: fast-check's doubles crowd at 0 and 1, which never fill a stratum during the draw.
    baseRate: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
    uncertaintyBoost: fc.integer({ min: 0, max: 4 }),
    budget: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    onePerCluster: fc.boolean(),
    seed: fc.integer({ min: 0, max: 0xffffffff }),
  });
  fc.assert(
    fc.property(fc.array(candidateArb, { minLength: 10, maxLength: 80 }), policyArb, (specs, p) => {
      const roots = new Map<number, number>();
      const candidates: Candidate[] = specs.map((s, i) => {
        const id = i + 1;
        if (s.group !== null && !roots.has(s.group)) roots.set(s.group, id);
        return { id, failures: s.failing ? ['thumbs_down'] : [], stratum: s.stratum, confidence: s.confidence, cluster: s.group === null ? id : roots.get(s.group)! };
      });
      const policy = parseSamplingPolicy({
        name: 'reference',
        failureSignals: ['thumbs_down'],
        strata: { fields: ['tier'], minPerStratum: p.minPerStratum, ...(p.maxPerStratum === undefined ? {} : { maxPerStratum: p.maxPerStratum }) },
        baseRate: p.baseRate,
        uncertaintyBoost: p.uncertaintyBoost,
        ...(p.budget === undefined ? {} : { budget: p.budget }),
        onePerCluster: p.onePerCluster,
        seed: p.seed,
      });
      const grouped = candidates.slice().sort((a, b) => a.cluster! - b.cluster! || b.id - a.id);
      const streamed = selectFrom(() => grouped, policy, p.seed);
      const expected = reference(candidates, policy, p.seed);
      assert.deepEqual(streamed.picks.map((x) => ({ id: x.candidate.id, phase: x.phase })).sort((a, b) => a.id - b.id), expected.picks);
      assert.deepEqual(streamed.cut, expected.cut);
      assert.deepEqual(streamed.base, expected.base);
      if (expected.cut.byMaxPerStratum > 0 && expected.picks.some((x) => x.phase === 'base_rate')) stoppedInFullStratum++;
      if (expected.cut.byBudget.base_rate > 0 || expected.cut.byBudget.failure_signal > 0) budgetCut++;
      if (expected.cut.byCluster > 0) clusterCut++;
    }),
    { numRuns: 300 },
  );
  // Guards against passing vacuously: the generator reaches the cases the heaps and extra pass are for.
  assert.ok(stoppedInFullStratum > 0 && budgetCut > 0 && clusterCut > 0, JSON.stringify({ stoppedInFullStratum, budgetCut, clusterCut }));
});

test('a base draw that stops inside a full stratum counts what it passed over, as the plain walk does', () => {
  // Stratum a has 30 cases, b and c 2 each; the cap of 10 leaves room for 14, and 0.4 × 34 asks for 14: the walk
  // ends on its 14th draw, having passed over the a-cases ranked before it once a held 10.
  const candidates: Candidate[] = [];
  let id = 1;
  for (const [stratum, n] of [['a', 30], ['b', 2], ['c', 2]] as const) for (let i = 0; i < n; i++) candidates.push({ id: id++, failures: [], stratum, confidence: undefined });
  for (const seed of [1, 2, 3, 4, 5]) {
    const policy = parseSamplingPolicy({ name: 'walk', failureSignals: ['thumbs_down'], strata: { fields: ['tier'], maxPerStratum: 10 }, baseRate: 0.4, seed });
    const streamed = selectFrom(() => candidates, policy, seed);
    const expected = reference(candidates, policy, seed);
    assert.equal(streamed.picks.length, 14);
    assert.ok(expected.cut.byMaxPerStratum > 0);
    assert.deepEqual(streamed.cut, expected.cut, `seed ${seed}`);
  }
});
