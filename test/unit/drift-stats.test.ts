import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DRIFT_DEFAULTS,
  categoryCounts,
  histogram,
  jensenShannonDistance,
  kolmogorovSf,
  ksTwoSample,
  psi,
  psiBand,
  quantileEdges,
} from '../../main/core/monitor/drift-stats.js';
import { erfc, twoProportionZ } from '../../main/core/monitor/proportion-test.js';

const close = (actual: number, expected: number, tol = 1e-6) =>
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

test('quantileEdges: linear-interpolation quantiles, deduplicated', () => {
  // [1..10], 4 bins: q = .25, .5, .75 at positions 9q = 2.25, 4.5, 6.75
  //   → 3 + .25·1 = 3.25, 5 + .5·1 = 5.5, 7 + .75·1 = 7.75 (numpy.quantile gives the same)
  assert.deepEqual(quantileEdges([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 4), [3.25, 5.5, 7.75]);
  // 0..100 (101 values), default 10 bins: positions 100·i/10 = 10i → edges 10, 20, …, 90
  assert.deepEqual(quantileEdges(Array.from({ length: 101 }, (_, i) => i)), [10, 20, 30, 40, 50, 60, 70, 80, 90]);
  // [1,1,1,1,2], 4 bins: positions 1, 2, 3 all hold 1 → one edge after deduplication
  assert.deepEqual(quantileEdges([1, 1, 1, 1, 2], 4), [1]);
  assert.deepEqual(quantileEdges([]), []);
  assert.throws(() => quantileEdges([1, Number.NaN]), /baseline\[1\]/);
  assert.throws(() => quantileEdges([1], 0), /bins/);
});

test('histogram: bins are [e(i-1), e(i)), values on an edge go up', () => {
  const edges = [10, 20, 30, 40, 50, 60, 70, 80, 90];
  // 0, 5 → bin 0; 10, 15 → bin 1; 95, 100 → bin 9 (last, [90, ∞))
  assert.deepEqual(histogram([0, 5, 10, 15, 95, 100], edges), [2, 2, 0, 0, 0, 0, 0, 0, 0, 2]);
  assert.deepEqual(histogram([1, 2, 3], []), [3]);
  assert.throws(() => histogram([1], [2, 2]), /ascend strictly/);
  assert.throws(() => histogram([Infinity], [1]), /values\[0\]/);
});

test('categoryCounts: sorted categories by default, fixed order when given, null as (none)', () => {
  // '(' sorts before letters
  assert.deepEqual(categoryCounts(['en', 'fr', null, 'en']), { categories: ['(none)', 'en', 'fr'], counts: [1, 2, 1] });
  assert.deepEqual(categoryCounts(['en', 'fr', null, 'en'], ['fr', 'en', 'de']), { categories: ['fr', 'en', 'de'], counts: [1, 2, 0] });
});

test('psi: hand-computed values', () => {
  // expected [50,50] → .5/.5, actual [25,75] → .25/.75
  // (.25−.5)·ln(.25/.5) + (.75−.5)·ln(.75/.5) = .25·ln2 + .25·ln1.5 = .25·ln3 = 0.2746530722
  close(psi([50, 50], [25, 75]), 0.25 * Math.log(3));
  close(psi([50, 50], [25, 75]), 0.2746530722);
  // identical distributions (counts differ, proportions equal) → 0
  close(psi([10, 20, 30], [1, 2, 3]), 0);
  // empty expected bin floored at 1e-4 (Evidently): e = [1, 1e-4], a = [.5, .5]
  // (.5−1)·ln(.5) + (.5−.0001)·ln(.5/.0001) = .3465735903 + .4999·8.5171931914 = 4.6043184667
  close(psi([100, 0], [50, 50]), 4.6043184667);
  assert.equal(psiBand(0.05), 'ok');
  assert.equal(psiBand(0.1), 'moderate');
  assert.equal(psiBand(0.2746), 'major');
  assert.throws(() => psi([1, 2], [1]), /2 bins but actual has 1/);
  assert.throws(() => psi([0, 0], [1, 1]), /expected has no mass/);
  assert.throws(() => psi([1, -1], [1, 1]), /expected\[1\]/);
});

test('jensenShannonDistance: base 2, scipy reference values', () => {
  // disjoint: m = [.5,.5], divergence = ½·1·log2(2) + ½·1·log2(2) = 1 → distance 1
  close(jensenShannonDistance([1, 0], [0, 1]), 1);
  close(jensenShannonDistance([3, 7], [3, 7]), 0);
  // p = [.5,.5], q = [.25,.75], m = [.375,.625]
  // ½(.5·log2(4/3) + .5·log2(.8)) + ½(.25·log2(2/3) + .75·log2(1.2))
  // = ½(.2075187 − .1609640) + ½(−.1462406 + .1972757) = .0232773 + .0255175 = .0487949 → √ = .2208958
  // scipy.spatial.distance.jensenshannon([.5,.5],[.25,.75], base=2) = 0.22089576884901735
  close(jensenShannonDistance([0.5, 0.5], [0.25, 0.75]), 0.22089576884901735, 1e-12);
  // counts are normalised: [2,2] vs [1,3] is the same pair
  close(jensenShannonDistance([2, 2], [1, 3]), 0.22089576884901735, 1e-12);
  // [1,1] vs [1,0]: m = [.75,.25]; ½(.5·log2(2/3) + .5·log2(2)) + ½(1·log2(4/3))
  // = ½(.2075187) + .2075187 = .3112781 → √ = .5579230 (scipy: 0.5579230452841438)
  close(jensenShannonDistance([1, 1], [1, 0]), 0.5579230452841438, 1e-12);
  assert.throws(() => jensenShannonDistance([1], [1, 2]), /1 entries but q has 2/);
  assert.throws(() => jensenShannonDistance([0, 0], [1, 2]), /p has no mass/);
});

test('kolmogorovSf: Q(λ) = 2Σ(−1)^(k−1)·e^(−2k²λ²) against scipy.stats.kstwobign.sf', () => {
  // λ = 1: 2(e^−2 − e^−8 + e^−18) = 2(.1353352832 − .0003354626 + .0000000152) = .2699996717
  close(kolmogorovSf(1), 0.26999967167735456, 1e-12);
  // the classic 5 % critical value 1.3581
  close(kolmogorovSf(1.3581), 0.0499996304316674, 1e-9);
  close(kolmogorovSf(0.5), 0.9639452436648751, 1e-12);
  close(kolmogorovSf(0.3), 0.99999069, 1e-8);
  close(kolmogorovSf(0.15), 1, 1e-9);
  assert.equal(kolmogorovSf(0), 1);
});

test('ksTwoSample: statistic and asymptotic p-value', () => {
  // a = 1..4, b = 3..6: ECDF gaps after 1: .25, 2: .5, 3: .75−.25 = .5, 4: 1−.5 = .5 → D = .5
  // en = 4·4/8 = 2, λ = √2·.5 = .7071068; Q = 2(e^−1 − e^−4 + e^−9 − e^−16) = .6993742
  const r = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]);
  close(r.statistic, 0.5, 1e-12);
  close(r.pValue, 0.6993742, 1e-6);
  // a = 0..99, b = 20..119: D = 20/100 = .2; en = 50, λ = √50·.2 = √2 = 1.4142136
  // Q = 2(e^−4 − e^−16) = 2(.0183156389 − .0000001125) = .0366310527 (kstwobign.sf(√2) = 0.03663105270711935)
  const s = ksTwoSample(Array.from({ length: 100 }, (_, i) => i), Array.from({ length: 100 }, (_, i) => i + 20));
  close(s.statistic, 0.2, 1e-12);
  close(s.pValue, 0.03663105270711935, 1e-12);
  assert.ok(s.pValue < DRIFT_DEFAULTS.ksPValue);
  // same sample → D = 0, p = 1
  assert.deepEqual(ksTwoSample([1, 2, 2, 3], [3, 2, 1, 2]), { statistic: 0, pValue: 1 });
  assert.throws(() => ksTwoSample([], [1]), /a has 0/);
  assert.throws(() => ksTwoSample([1], [Number.NaN]), /b\[0\]/);
});

test('DRIFT_DEFAULTS match Evidently / NannyML defaults', () => {
  assert.deepEqual({ ...DRIFT_DEFAULTS }, { psiModerate: 0.1, psiMajor: 0.25, jsDistance: 0.1, ksPValue: 0.05 });
});

test('two-proportion z-test: pooled standard error, two-sided p from erfc', () => {
  // 30/1000 vs 50/1000: pooled p = .04; se = √(.04·.96·(2/1000)) = .0087636; z = .02/.0087636 = 2.2821773
  // p = erfc(z/√2) = 0.022478873366 (scipy.special.erfc)
  const r = twoProportionZ(30, 1000, 50, 1000)!;
  close(r.statistic, 2.2821773229381925, 1e-9);
  close(r.pValue, 0.022478873366125265, 1e-7);
  close(erfc(0.5), 0.4795001221869535, 1e-7);
  close(erfc(-1), 1.8427007929497148, 1e-7);
  assert.deepEqual(twoProportionZ(0, 10, 0, 10), { statistic: 0, pValue: 1 }, 'no variation: nothing to test');
  assert.equal(twoProportionZ(1, 0, 1, 10), null);
});
