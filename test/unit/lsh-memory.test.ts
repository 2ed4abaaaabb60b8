/**
 * The LSH tiers' in-memory structures (main/core/enrich/lsh-memory.ts): the recent tier answers as a plain map of
 * bucket → rows would, through its growth and rehashing, and the key filter never forgets a key and rarely claims
 * one it was not given.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyFilter, RecentTier } from '../../main/core/enrich/lsh-memory.js';

/** Seeded 53-bit keys, as bandKeys makes them (random high and low parts). */
function keys(count: number, seed: number): number[] {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return Array.from({ length: count }, () => (next() & 0x1fffff) * 0x100000000 + next());
}

test('RecentTier holds every row and returns each bucket’s newest clusters, as a map of lists would', () => {
  const tier = new RecentTier();
  const reference = new Map<number, { clusterId: number; caseId: number }[]>();
  // 3,000 buckets, some shared by many rows (the same key several times, small and large cluster ids).
  const pool = keys(3000, 5);
  let caseId = 0;
  for (let i = 0; i < 40_000; i++) {
    const bucket = pool[(i * 7919) % (i % 3 === 0 ? 40 : pool.length)]!;
    const clusterId = i % 5 === 0 ? 1 + (i % 97) : ++caseId + 100;
    const list = reference.get(bucket) ?? [];
    if (list.some((r) => r.clusterId === clusterId)) {
      assert.ok(tier.has(bucket, clusterId));
      continue;
    }
    assert.ok(!tier.has(bucket, clusterId));
    tier.add(bucket, clusterId, caseId);
    list.push({ clusterId, caseId });
    reference.set(bucket, list);
  }
  assert.equal(tier.count, [...reference.values()].reduce((n, l) => n + l.length, 0));
  for (const [bucket, list] of reference) {
    const expected = [...list].sort((a, b) => b.clusterId - a.clusterId);
    assert.deepEqual(tier.newest(bucket, 32), expected.slice(0, 32));
    assert.deepEqual(tier.newest(bucket, 1_000_000), expected);
  }
  assert.deepEqual(tier.newest(keys(1, 99)[0]!, 32), [], 'an unknown bucket has no rows');
  const sorted: [number, number, number][] = [];
  tier.forEachSorted((bucket, clusterId, caseId) => sorted.push([bucket, clusterId, caseId]));
  const expectedRows = [...reference].flatMap(([bucket, list]) => list.map((r) => [bucket, r.clusterId, r.caseId] as [number, number, number]));
  expectedRows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  assert.deepEqual(sorted, expectedRows, 'every row once, in (bucket, cluster) order');
  const filter = new KeyFilter(tier.count);
  tier.addKeysTo(filter);
  assert.equal(filter.size, tier.count);
  assert.ok([...reference.keys()].every((key) => filter.mayHave(key)));
  assert.throws(() => tier.add(pool[0]!, 2 ** 32, 1), /out of range/);
});

test('KeyFilter: no false negatives, and few false positives at its capacity', () => {
  const filter = new KeyFilter(200_000);
  const given = keys(200_000, 1);
  for (const key of given) filter.add(key);
  assert.equal(filter.size, 200_000);
  assert.ok(given.every((key) => filter.mayHave(key)), 'every key added is reported');
  const others = keys(100_000, 2);
  const claimed = others.filter((key) => filter.mayHave(key)).length / others.length;
  assert.ok(claimed < 0.04, `false positives ${(claimed * 100).toFixed(2)} %`);
  assert.ok(!new KeyFilter(10).mayHave(given[0]!), 'an empty filter holds nothing');
});
