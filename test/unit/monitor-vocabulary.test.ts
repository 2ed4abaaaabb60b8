import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_THRESHOLDS, monitorAlerts, monitorDrift } from '../../main/core/monitor/index.js';
import { insertSyntheticCases, type SyntheticCase } from '../../main/core/monitor/synthetic.js';
import {
  bucketOf,
  decodeBuckets,
  encodeBuckets,
  fnv1a32,
  samplePositions,
  tokenBuckets,
  VOCABULARY_BUCKETS,
  vocabularyDrift,
  type TokenBuckets,
} from '../../main/core/monitor/vocabulary.js';
import { mulberry32 } from '../../main/core/sampling/prng.js';
import type { Db } from '../../main/core/store/database.js';
import { migrate } from '../../main/core/store/migrate.js';

const close = (actual: number | null | undefined, expected: number, tol = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) <= tol, `expected ${expected}, got ${actual}`);

test('hashing: FNV-1a over UTF-8 matches the published vectors; a token lands in hash mod 4096', () => {
  // FNV-1a 32-bit test vectors (Fowler/Noll/Vo): "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
  assert.equal(fnv1a32(''), 0x811c9dc5);
  assert.equal(fnv1a32('a'), 0xe40c292c);
  assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  // 0xe40c292c mod 4096 = 0x92c = 2348
  assert.equal(VOCABULARY_BUCKETS, 4096);
  assert.equal(bucketOf('a'), 2348);
  // Non-ASCII goes through its UTF-8 bytes: "é" is C3 A9, and "𝄞" (outside the BMP) is F0 9D 84 9E.
  const byBytes = (bytes: number[]) => bytes.reduce((h, b) => Math.imul(h ^ b, 0x01000193) >>> 0, 0x811c9dc5);
  assert.equal(fnv1a32('é'), byBytes([0xc3, 0xa9]));
  assert.equal(fnv1a32('𝄞'), byBytes([0xf0, 0x9d, 0x84, 0x9e]));
  assert.equal(fnv1a32('Bücher'), byBytes([...new TextEncoder().encode('Bücher')]));
});

test('tokens: lower-cased words, placeholders folded to their label, counted per bucket; no word is kept', () => {
  const v = tokenBuckets('Saw [PERSON_1], then saw [PERSON_2] at 10.');
  // tokens: saw, [person], then, saw, [person], at, 10
  assert.equal(v.tokens, 7);
  const counts = new Map([...v.buckets].map((b, i) => [b, v.counts[i]!]));
  assert.equal(counts.get(bucketOf('saw')), 2);
  assert.equal(counts.get(bucketOf('[person]')), 2);
  assert.equal(counts.get(bucketOf('then')), 1);
  assert.deepEqual([...v.buckets], [...v.buckets].sort((a, b) => a - b));
  assert.equal(tokenBuckets('  … ').tokens, 0);
  // Stored form: (bucket, count) uint16 pairs; a count above 65,535 spreads over two pairs and comes back whole.
  const big: TokenBuckets = { buckets: Uint16Array.from([7, 4095]), counts: Uint32Array.from([70_000, 3]), tokens: 70_003 };
  const blob = encodeBuckets(big);
  assert.equal(blob.length, 3 * 4);
  assert.deepEqual(decodeBuckets(blob), big);
  assert.deepEqual(decodeBuckets(encodeBuckets(v)), v);
  assert.throws(() => decodeBuckets(Buffer.from([1, 0, 2])), /decodeBuckets: a stored row must hold whole \(bucket, count\) pairs \(3 bytes\)/);
  assert.throws(() => decodeBuckets(Buffer.from([0x00, 0x10, 1, 0])), /bucket 4096 at byte 0 is outside 0\.\.4095/);
  assert.throws(() => decodeBuckets(Buffer.from([5, 0, 1, 0, 4, 0, 1, 0])), /bucket 4 at byte 4 is out of order/);
});

test('JS distance by hand: 3:1 against 1:3 over two buckets; the noise floor is what random splits give', () => {
  const one = (bucket: number, n: number): TokenBuckets => ({ buckets: Uint16Array.from([bucket]), counts: Uint32Array.from([n]), tokens: n });
  const [a, b] = [bucketOf('a'), bucketOf('b')];
  assert.notEqual(a, b);
  const baseline = [one(a, 3), one(b, 1)];
  const current = [one(a, 1), one(b, 3)];
  // p = (.75, .25), q = (.25, .75), m = (.5, .5): JS = .75·log2(1.5) + .25·log2(.5) = .438722 − .25 = .188722 bits
  const plain = vocabularyDrift(baseline, current, 0);
  close(plain.rawJsDistance, Math.sqrt(0.75 * Math.log2(1.5) - 0.25), 1e-12);
  close(plain.rawJsDistance, 0.434422, 1e-6);
  close(plain.noiseJsDistance, 0, 0);
  close(plain.jsDistance, plain.rawJsDistance!, 0);
  assert.deepEqual([plain.baselineTokens, plain.currentTokens], [4, 4]);
  // With random splits of these four cases, some splits are as far apart as the windows: the net distance shrinks.
  const net = vocabularyDrift(baseline, current);
  assert.ok(net.noiseJsDistance! > 0 && net.jsDistance! < net.rawJsDistance!);
  close(net.jsDistance, Math.sqrt(Math.max(0, net.rawJsDistance! ** 2 - net.noiseJsDistance! ** 2)), 1e-12);
  // No tokens on one side: no figure.
  assert.equal(vocabularyDrift(baseline, [tokenBuckets('')]).jsDistance, null);
});

test('sampling: at most the limit, by a hash of the id, the same case picked in every window that holds it', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => 5000 + i * 3);
  const picked = samplePositions(ids, 100);
  assert.equal(picked.length, 100);
  assert.deepEqual(picked, samplePositions(ids, 100));
  assert.deepEqual(samplePositions(ids.slice(0, 50), 100), [...Array(50).keys()]);
  // Not the first ids: spread over the whole window.
  assert.ok(Math.max(...picked) > 800 && Math.min(...picked) < 200);
  // A smaller window holding some picked cases picks them too (the smallest hashes stay the smallest).
  const half = ids.slice(0, 500);
  const inHalf = new Set(samplePositions(half, 100).map((p) => half[p]));
  for (const p of picked) if (p < 500) assert.ok(inHalf.has(ids[p]!), `id ${ids[p]} picked in the whole window but not in its first half`);
});

/** Words of equal width (w0000 … w2999), drawn by a Zipf law as real requests are; `offset` moves the vocabulary. */
function zipfWords(random: () => number, count: number, offset = 0): string {
  const V = 3000;
  const weights = Array.from({ length: V }, (_, i) => 1 / (i + 1) ** 1.05);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  const cdf = weights.map((w) => (acc += w / total));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const u = random();
    let k = cdf.findIndex((c) => c >= u);
    if (k < 0) k = V - 1;
    out.push(`w${String((k + offset) % 10_000).padStart(4, '0')}`);
  }
  return out.join(' ');
}

const WEEK = 300;

/** A week of 300 requests of exactly 14 words (70 + 13 characters); `shift` of them from a moved vocabulary. */
function week(monday: string, seed: number, shift: number, placeholder = false): SyntheticCase[] {
  const random = mulberry32(seed);
  return Array.from({ length: WEEK }, (_, i) => {
    const moved = i < shift * WEEK;
    const text = zipfWords(random, 14, moved ? 400 : 0);
    return {
      occurredAt: new Date(Date.parse(`${monday}T09:00:00Z`) + i * 60_000).toISOString(),
      userText: placeholder ? text.replace(/^w\d{4}/, '[PERSON_1]') : text,
      slices: { intent: i % 2 === 0 ? 'appointment' : 'billing', language: 'en' },
    };
  });
}

const W1 = { from: '2026-03-02T00:00:00Z', to: '2026-03-09T00:00:00Z' };
const W2 = { from: '2026-03-09T00:00:00Z', to: '2026-03-16T00:00:00Z' };
const W3 = { from: '2026-03-16T00:00:00Z', to: '2026-03-23T00:00:00Z' };

function seeded(): { db: Db; w3: number[] } {
  const db = new Database(':memory:') as unknown as Db;
  db.pragma('foreign_keys = ON');
  migrate(db);
  insertSyntheticCases(db, week('2026-03-02', 1, 0));
  insertSyntheticCases(db, week('2026-03-09', 2, 0));
  const w3 = insertSyntheticCases(db, week('2026-03-16', 3, 0.4));
  return { db, w3 };
}

test('vocabulary: a like-for-like week is ok although the plain JS distance of the samples is above 0.1', () => {
  const { db } = seeded();
  const drift = monitorDrift(db, { current: W2, baseline: W1 }, DEFAULT_THRESHOLDS);
  const vocabulary = drift.input.find((m) => m.metric === 'vocabulary')!;
  assert.equal(vocabulary.label, 'Vocabulary (token distribution)');
  assert.equal(vocabulary.band, 'ok');
  assert.equal(vocabulary.jsBand, 'ok');
  assert.ok(vocabulary.jsDistance! < DEFAULT_THRESHOLDS.jsDistance, `net JS distance ${vocabulary.jsDistance}`);
  const figures = vocabulary.vocabulary!;
  // Why the net figure: 300 short requests a side over thousands of buckets are far apart by chance alone.
  assert.ok(figures.rawJsDistance! > DEFAULT_THRESHOLDS.jsDistance, `plain JS distance ${figures.rawJsDistance}`);
  assert.ok(Math.abs(figures.rawJsDistance! - figures.noiseJsDistance!) < 0.03);
  assert.deepEqual([figures.buckets, figures.baselineCases, figures.currentCases, figures.baselineTokens, figures.currentTokens], [4096, 300, 300, 4200, 4200]);
  assert.equal(vocabulary.psi, null);
  assert.equal(vocabulary.ks, null);
  assert.ok(vocabulary.bins.length > 0 && vocabulary.bins.length <= 12);
  assert.ok(vocabulary.bins.every((b) => /^Token group \d+$/.test(b.label)), 'bins are named by group number only');
  for (const m of drift.input) assert.equal(m.band, 'ok', m.metric);
  assert.deepEqual(drift.notes, [], 'nothing sampled, nothing to note');
  const alerts = monitorAlerts(db, { current: W2, baseline: W1, groupBy: 'intent' }, DEFAULT_THRESHOLDS);
  assert.deepEqual(alerts.alerts, []);
  for (const value of ['appointment', 'billing']) {
    const slice = monitorDrift(db, { current: W2, baseline: W1, slice: { field: 'intent', value } }, DEFAULT_THRESHOLDS);
    const v = slice.input.find((m) => m.metric === 'vocabulary')!;
    // 150 requests a side: chance alone moves the net distance near 0.1; it is not a shift unless well beyond chance.
    assert.equal(v.band, 'ok', value);
    assert.ok(v.vocabulary!.noiseZ! < v.vocabulary!.minNoiseZ, `${value}: z ${v.vocabulary!.noiseZ}`);
  }
});

test('vocabulary: a week whose words shift but whose lengths do not is major and alerts on the whole window', () => {
  const { db, w3 } = seeded();
  const drift = monitorDrift(db, { current: W3, baseline: W1 }, DEFAULT_THRESHOLDS);
  const byMetric = new Map(drift.input.map((m) => [m.metric, m]));
  const vocabulary = byMetric.get('vocabulary')!;
  assert.equal(vocabulary.band, 'major');
  assert.ok(vocabulary.jsDistance! >= 0.2, `net JS distance ${vocabulary.jsDistance}`);
  assert.ok(vocabulary.vocabulary!.noiseZ! >= 10, `z ${vocabulary.vocabulary!.noiseZ}`);
  // Every request is 14 words of 5 characters in both weeks: length and token count cannot move.
  assert.equal(byMetric.get('input_length')!.band, 'ok');
  close(byMetric.get('input_length')!.psi, 0, 1e-12);
  assert.equal(byMetric.get('token_count')!.band, 'ok');
  close(byMetric.get('token_count')!.jsDistance, 0, 1e-12);
  // The groups that moved most are shown first (their shares differ most).
  const bins = vocabulary.bins;
  const gap = (b: (typeof bins)[number]) => Math.abs(b.current / 4200 - b.baseline / 4200);
  for (let i = 1; i < bins.length; i++) assert.ok(gap(bins[i - 1]!) >= gap(bins[i]!) - 1e-12);

  const { alerts } = monitorAlerts(db, { current: W3, baseline: W1, caseLimit: 5 }, DEFAULT_THRESHOLDS);
  assert.deepEqual(
    alerts.map((a) => a.metric),
    ['vocabulary'],
  );
  const alert = alerts[0]!;
  assert.equal(alert.statistic, 'js-distance');
  assert.equal(alert.severity, 'major');
  assert.equal(alert.threshold, DEFAULT_THRESHOLDS.jsDistance);
  close(alert.value, vocabulary.jsDistance!, 1e-12);
  assert.equal(alert.caseCount, WEEK);
  assert.deepEqual(alert.caseIds, w3.slice(0, 5));
  assert.match(alert.message, /^Vocabulary \(token distribution\): JS distance 0\.\d{3} ≥ 0\.1 \(major\); net of sampling noise; all 300 current cases\.$/);
  // Per intent (150 cases a side): the shift shows in both.
  const grouped = monitorAlerts(db, { current: W3, baseline: W1, groupBy: 'intent' }, DEFAULT_THRESHOLDS);
  assert.deepEqual(
    grouped.alerts.filter((a) => a.metric === 'vocabulary').map((a) => [a.slice?.value ?? null, a.caseCount]),
    [
      [null, 300],
      ['appointment', 150],
      ['billing', 150],
    ],
  );
});

test('vocabulary: the bucket counts are cached per case on first use and reused', () => {
  const { db } = seeded();
  const cached = () => db.prepare('SELECT count(*) FROM case_token_buckets').pluck().get() as number;
  assert.equal(cached(), 0);
  const first = monitorDrift(db, { current: W3, baseline: W1 }, DEFAULT_THRESHOLDS);
  assert.equal(cached(), 2 * WEEK);
  const tokens = db.prepare('SELECT sum(tokens) FROM case_token_buckets').pluck().get();
  assert.equal(tokens, 2 * WEEK * 14);
  // A cached row is what the next query reads: tamper with one and the figures move.
  const again = monitorDrift(db, { current: W3, baseline: W1 }, DEFAULT_THRESHOLDS);
  assert.deepEqual(again.input, first.input);
  const someCase = db.prepare("SELECT id FROM cases WHERE occurred_at >= '2026-03-16' ORDER BY id LIMIT 1").pluck().get() as number;
  db.prepare('UPDATE case_token_buckets SET buckets = ?, tokens = 1000 WHERE case_id = ?').run(encodeBuckets({ buckets: Uint16Array.from([1]), counts: Uint32Array.from([1000]), tokens: 1000 }), someCase);
  const tampered = monitorDrift(db, { current: W3, baseline: W1 }, DEFAULT_THRESHOLDS).input.find((m) => m.metric === 'vocabulary')!;
  assert.equal(tampered.vocabulary!.currentTokens, WEEK * 14 - 14 + 1000);
  // A row of an older scheme is recomputed from the text.
  db.prepare('UPDATE case_token_buckets SET scheme = 0 WHERE case_id = ?').run(someCase);
  const recomputed = monitorDrift(db, { current: W3, baseline: W1 }, DEFAULT_THRESHOLDS).input.find((m) => m.metric === 'vocabulary')!;
  assert.equal(recomputed.vocabulary!.currentTokens, WEEK * 14);
});

test('vocabulary: a window above 5,000 cases is measured on 5,000 of them, and the notes say so', () => {
  const db = new Database(':memory:') as unknown as Db;
  db.pragma('foreign_keys = ON');
  migrate(db);
  insertSyntheticCases(db, week('2026-03-02', 1, 0));
  const random = mulberry32(9);
  const many: SyntheticCase[] = Array.from({ length: 5200 }, (_, i) => ({
    occurredAt: new Date(Date.parse('2026-03-09T00:00:00Z') + i * 100_000).toISOString(),
    userText: zipfWords(random, 14),
  }));
  insertSyntheticCases(db, many);
  const drift = monitorDrift(db, { current: W2, baseline: W1 }, DEFAULT_THRESHOLDS);
  const vocabulary = drift.input.find((m) => m.metric === 'vocabulary')!;
  assert.deepEqual([vocabulary.vocabulary!.currentCases, vocabulary.vocabulary!.baselineCases], [5000, 300]);
  assert.equal(vocabulary.band, 'ok');
  assert.deepEqual(drift.notes, [
    "The vocabulary is measured on 5,000 of the current window's 5,200 cases, chosen by a hash of the case id; its JS distance is net of the distance expected by chance between samples of those sizes.",
  ]);
  assert.equal(db.prepare('SELECT count(*) FROM case_token_buckets').pluck().get(), 5300);
});

test('vocabulary: fewer sampled cases than minCases give no figure, and no alert', () => {
  const { db } = seeded();
  const t = { ...DEFAULT_THRESHOLDS, minCases: 301 };
  const vocabulary = monitorDrift(db, { current: W3, baseline: W1 }, t).input.find((m) => m.metric === 'vocabulary')!;
  assert.equal(vocabulary.jsDistance, null);
  assert.equal(vocabulary.band, null);
  assert.deepEqual(vocabulary.bins, []);
});
