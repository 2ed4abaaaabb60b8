import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { kolmogorovSf } from '../../main/core/monitor/drift-stats.js';
import { charLength, representRelease, representRun, tokenize } from '../../main/core/representativeness/index.js';
import type { ReleaseCase, ReleaseSnapshot } from '../../main/core/releases/release-types.js';
import { EMPTY_AUGMENTATION } from '../../main/core/review/augmentation.js';
import { migrate } from '../../main/core/store/migrate.js';
import { RepresentativenessReport } from '../../preload/contract/representativeness.js';
import { seedRepresentativeness, TEXT_WORDS } from './representativeness-seed.js';

function seeded() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  seedRepresentativeness(db);
  return db;
}

const near = (actual: number | null | undefined, expected: number, label: string) =>
  assert.ok(actual != null && Math.abs(actual - expected) < 1e-9, `${label}: ${actual} ≠ ${expected}`);

/** scipy.spatial.distance.jensenshannon(p, q, base=2), written out for the hand checks. */
function js(p: number[], q: number[]): number {
  const sp = p.reduce((a, b) => a + b, 0);
  const sq = q.reduce((a, b) => a + b, 0);
  let d = 0;
  p.forEach((_, i) => {
    const a = p[i]! / sp;
    const b = q[i]! / sq;
    const m = (a + b) / 2;
    if (a > 0) d += 0.5 * a * Math.log2(a / m);
    if (b > 0) d += 0.5 * b * Math.log2(b / m);
  });
  return Math.sqrt(d);
}

test('tokens: words lower-cased, a placeholder is one token of its label; length counts code points', () => {
  assert.deepEqual(tokenize('Call [PERSON_1] at [PHONE_NUMBER_2], don’t wait! 3 times'), ['call', '[person]', 'at', '[phone_number]', 'don’t', 'wait', '3', 'times']);
  assert.deepEqual(tokenize('Größe ändern'), ['größe', 'ändern']);
  assert.equal(charLength('😀a'), 2);
  assert.equal(charLength(''), 0);
});

test('a mining run: population sizes, lengths on production quantiles, PSI and KS by hand', () => {
  const db = seeded();
  const r = representRun(db, 1, { bins: 2 });
  RepresentativenessReport.parse(r);
  assert.deepEqual(r.scope, { kind: 'run', id: 1, label: 'weekly v1', production: 'ingest-runs', productionRunIds: [1] });
  // Originals: cases 1, 2, 7; tasks: the two accepted (1, 2); production: ingest run 1's ten cases.
  assert.deepEqual(r.counts, { originals: 3, tasks: 2, production: 10, productionTotal: 10 });

  const chars = r.lengths.chars;
  // Production lengths 5, 11, …, 59: the median (type 7) is between 29 and 35 → 32, the one interior edge.
  assert.deepEqual(chars.edges, [32]);
  assert.deepEqual(chars.bins, [{ from: null, to: 32 }, { from: 32, to: null }]);
  // Originals 5, 11, 41. Task 1 = "You are answering for: a clinician.\n\nalpha" = 35 + 2 + 5 = 42; task 2 = 22.
  assert.deepEqual(chars.counts, { originals: [2, 1], tasks: [1, 1], production: [5, 5] });
  assert.deepEqual(chars.summary.originals, { n: 3, mean: 19, p50: 11, p90: 41 - 0.2 * 30, min: 5, max: 41 });
  const origVsProd = chars.comparisons.find((c) => c.a === 'production' && c.b === 'originals')!;
  // PSI = (2/3 − 1/2)·ln((2/3)/(1/2)) + (1/3 − 1/2)·ln((1/3)/(1/2)) = (1/6)·ln 2 ≈ 0.1155: moderate.
  near(origVsProd.psi, Math.log(2) / 6, 'psi originals vs production');
  assert.equal(origVsProd.psiBand, 'moderate');
  // ECDFs: at 11 production has 2/10, originals 2/3 → D = 7/15; p from the Kolmogorov limit at √(10·3/13)·D.
  near(origVsProd.ks?.statistic, 7 / 15, 'ks D');
  near(origVsProd.ks?.pValue, kolmogorovSf(Math.sqrt(30 / 13) * (7 / 15)), 'ks p');
  const tasksVsProd = chars.comparisons.find((c) => c.a === 'production' && c.b === 'tasks')!;
  near(tasksVsProd.psi, 0, 'tasks split like production: [1, 1] vs [5, 5]');
  assert.equal(tasksVsProd.psiBand, 'ok');
  // Tokens: production 1..10 (median 5.5), originals 1, 2, 7.
  assert.deepEqual(r.lengths.tokens.edges, [5.5]);
  assert.deepEqual(r.lengths.tokens.counts.originals, [2, 1]);
  assert.deepEqual(r.lengths.tokens.counts.tasks, [1, 1], 'tasks have 7 and 4 tokens');
  db.close();
});

test('a mining run: vocabulary, slice mix, coverage gaps and over-specification by hand', () => {
  const db = seeded();
  const r = representRun(db, 1);
  const v = r.vocabulary;
  // Originals: "alpha" 1 + 2 + 7 times. Tasks: you are answering for a clinician alpha | alpha alpha beta gamma.
  assert.deepEqual(v.populations.originals, { tokens: 10, types: 1, typeTokenRatio: 0.1 });
  assert.deepEqual(v.populations.tasks, { tokens: 11, types: 9, typeTokenRatio: 9 / 11 });
  assert.deepEqual(v.populations.production, { tokens: 55, types: 1, typeTokenRatio: 1 / 55 });
  near(v.novelTaskTokenShare, 8 / 11, 'eight of the eleven task tokens are not "alpha"');
  near(v.meanPairedNovelShare, (6 / 7 + 2 / 4) / 2, 'per task: 6 of 7 new words, 2 of 4');
  const vocab = (a: string, b: string) => v.comparisons.find((c) => c.a === a && c.b === b)!;
  near(vocab('production', 'originals').jsDistance, 0, 'both only say alpha');
  // Production all "alpha"; tasks alpha 3 and eight other words once: top words + other bucket.
  near(vocab('production', 'tasks').jsDistance, js([55, 0, 0, 0, 0, 0, 0, 0, 0], [3, 1, 1, 1, 1, 1, 1, 1, 1]), 'JS tasks vs production');
  assert.equal(vocab('production', 'tasks').band, 'major');

  const tier = r.slices.find((s) => s.field === 'tier')!;
  assert.deepEqual(tier.values, ['free', 'pro', 'enterprise']);
  assert.deepEqual(tier.counts, { originals: [2, 1, 0], tasks: [2, 0, 0], production: [6, 3, 1] });
  assert.deepEqual(tier.shares.production, [0.6, 0.3, 0.1]);
  near(tier.comparisons.find((c) => c.b === 'originals' && c.a === 'production')!.jsDistance, js([6, 3, 1], [2, 1, 0]), 'tier JS');
  assert.deepEqual(tier.gaps.originals, [{ value: 'enterprise', productionCount: 1, productionShare: 0.1 }]);
  assert.deepEqual(tier.gaps.tasks, [
    { value: 'pro', productionCount: 3, productionShare: 0.3 },
    { value: 'enterprise', productionCount: 1, productionShare: 0.1 },
  ]);
  const intent = r.slices.find((s) => s.field === 'intent')!;
  assert.deepEqual(intent.values, ['(none)'], 'a slice nobody set is one "(none)" value, and no gap');
  assert.deepEqual(intent.gaps, { originals: [], tasks: [] });

  const o = r.overSpecification;
  // Ratios 42 / 5 = 8.4 and 22 / 11 = 2 (exactly 2 is not "more than 2x").
  assert.equal(o.pairs, 2);
  assert.deepEqual(o.counts, [0, 0, 0, 0, 0, 1, 0, 1, 0]);
  near(o.mean, 5.2, 'mean ratio');
  near(o.p90, 2 + 0.9 * 6.4, 'p90 ratio');
  assert.equal(o.shareOverThreshold, 0.5);
  assert.equal(o.augmentedShare, 0.5);
  assert.equal(o.editedShare, 0.5);
  assert.deepEqual(r.notes, ['Fewer than 30 cases in originals, tasks, production: PSI and KS on so few are rough indications.']);

  const json = JSON.stringify(r);
  for (const word of TEXT_WORDS) assert.equal(json.includes(word), false, `the report must not carry the word "${word}"`);
  db.close();
});

test('production scope: the whole workspace, and a cap that measures every k-th case but counts every slice', () => {
  const db = seeded();
  const whole = representRun(db, 1, { production: 'workspace' });
  assert.deepEqual(whole.scope.productionRunIds, []);
  assert.deepEqual(whole.counts, { originals: 3, tasks: 2, production: 15, productionTotal: 15 });
  const tier = whole.slices.find((s) => s.field === 'tier')!;
  assert.deepEqual(tier.values, ['pro', 'free', 'enterprise']);
  assert.deepEqual(tier.counts.production, [8, 6, 1]);
  assert.equal(whole.vocabulary.populations.production.tokens, 55 + 5 * 20);

  // 10 cases, cap 4 → every 3rd case in id order: cases 1, 4, 7 and 10 are measured (1 + 4 + 7 + 10 tokens).
  const capped = representRun(db, 1, { productionCap: 4 });
  assert.deepEqual(capped.counts, { originals: 3, tasks: 2, production: 4, productionTotal: 10 });
  assert.equal(capped.vocabulary.populations.production.tokens, 1 + 4 + 7 + 10);
  assert.deepEqual(capped.slices.find((s) => s.field === 'tier')!.counts.production, [6, 3, 1], 'slice mix over all ten');
  assert.match(capped.notes.join(' '), /4 of its 10 cases/);
  // The same cap over the whole workspace (read from the queue table): 15 cases → every 4th: 1, 5, 9, 13.
  const cappedWhole = representRun(db, 1, { production: 'workspace', productionCap: 4 });
  assert.equal(cappedWhole.vocabulary.populations.production.tokens, 1 + 5 + 9 + 20);
  assert.deepEqual(cappedWhole.slices.find((s) => s.field === 'tier')!.counts.production, [8, 6, 1]);

  // A run whose picks span every ingest run: production is the workspace, whichever way it is asked for.
  db.prepare("INSERT INTO sampling_picks (run_id, case_id, reasons) VALUES (1, 11, '[]')").run();
  const spanning = representRun(db, 1);
  assert.deepEqual(spanning.scope.productionRunIds, [1, 2]);
  const { scope: _a, ...viaRuns } = spanning;
  const { scope: _b, ...viaWorkspace } = representRun(db, 1, { production: 'workspace' });
  assert.deepEqual(viaRuns, viaWorkspace);
  db.close();
});

test('a run before any review: no task figures, a note, and no gaps claimed for the tasks', () => {
  const db = seeded();
  db.exec("UPDATE case_reviews SET state = 'undone'");
  const r = representRun(db, 1);
  RepresentativenessReport.parse(r);
  assert.equal(r.counts.tasks, 0);
  assert.equal(r.overSpecification.pairs, 0);
  assert.equal(r.overSpecification.shareOverThreshold, null);
  assert.equal(r.vocabulary.novelTaskTokenShare, null);
  assert.ok(r.lengths.chars.comparisons.filter((c) => c.b === 'tasks').every((c) => c.psi === null && c.ks === null));
  assert.deepEqual(r.slices.find((s) => s.field === 'tier')!.gaps.tasks, []);
  assert.match(r.notes.join(' '), /No accepted tasks yet/);
  db.close();
});

test('bad input: an unknown run and out-of-range options are errors naming them', () => {
  const db = seeded();
  assert.throws(() => representRun(db, 99), { code: 'sampling-run-not-found', message: /sampling run 99/ });
  assert.throws(() => representRun(db, 1, { bins: 1 }), { code: 'representativeness-option', message: /bins/ });
  assert.throws(() => representRun(db, 1, { topN: 3.5 }), { code: 'representativeness-option', message: /topN/ });
  db.close();
});

function releaseCase(id: number, runId: number, original: string, final: string, tier: string, origin: 'review' | 'import' = 'review'): ReleaseCase {
  const persona = final === original ? '' : 'a clinician';
  return {
    case_id: id,
    deid_profile: 'placeholder',
    messages: [],
    response: null,
    expected_behaviour: '',
    task: { original, final, augmentation: persona ? { ...EMPTY_AUGMENTATION, persona } : null },
    category: null,
    rubric: [],
    checklist: {},
    signals: {},
    slices: { tier },
    provenance: { run_id: runId, source_file: 'prod.jsonl', line: id, record_id: null, content_hash: `h${id}` },
    review: { reviewer: 'ana', decided_at: null },
    kind: 'golden',
    origin,
    sha256: `s${id}`,
  };
}

test('a release: its frozen originals and finals against the ingest runs its reviewed cases came from', () => {
  const db = seeded();
  const snapshot = {
    manifest: { eval_set: 'triage', version: 2 },
    cases: [
      releaseCase(3, 1, 'alpha alpha alpha', 'You are answering for: a clinician.\n\nalpha alpha alpha', 'free'),
      releaseCase(10, 1, 'alpha', 'alpha', 'enterprise'),
      releaseCase(900, 77, 'alpha', 'alpha', 'free', 'import'),
    ],
  } as unknown as ReleaseSnapshot;
  const r = representRelease(db, 5, snapshot);
  RepresentativenessReport.parse(r);
  assert.deepEqual(r.scope, { kind: 'release', id: 5, label: 'triage v2', production: 'ingest-runs', productionRunIds: [1] });
  assert.deepEqual(r.counts, { originals: 3, tasks: 3, production: 10, productionTotal: 10 });
  assert.deepEqual(r.slices.find((s) => s.field === 'tier')!.gaps.tasks, [{ value: 'pro', productionCount: 3, productionShare: 0.3 }]);
  // Ratios: (35 + 2 + 17) / 17, 1, 1; one augmented of three, none edited (each final is its composed original).
  assert.equal(r.overSpecification.pairs, 3);
  near(r.overSpecification.shareOverThreshold, 1 / 3, 'one over 2x');
  near(r.overSpecification.augmentedShare, 1 / 3, 'augmented');
  assert.equal(r.overSpecification.editedShare, 0);
  db.close();
});

test('on a real ingested workspace: placeholders count as words, and no text of the log reaches the report', async (t) => {
  const { reviewWorkspace, MISSED_NAME } = await import('./review-workspace.js');
  const { runSampling } = await import('../../main/core/sampling/run-sampling.js');
  const { parseSamplingPolicy } = await import('../../main/core/sampling/policy.js');
  const workspace = await reviewWorkspace(t);
  const run = runSampling(workspace.db, parseSamplingPolicy({ name: 'all', failureSignals: [], baseRate: 1, seed: 1 }));
  const r = RepresentativenessReport.parse(representRun(workspace.db, run.runId));
  assert.equal(r.counts.originals, 4);
  assert.equal(r.counts.productionTotal, 4);
  // The stored requests: "My daughter Brisella needs her inhaler refilled, call [PHONE_1]." (9 words, the
  // placeholder one of them), "Which of my prescriptions expire this month?" (7), "Can I take ibuprofen with my
  // blood pressure medicine?" (9), "Is the clinic open on [DATE_1]?" (6).
  assert.deepEqual([r.lengths.tokens.summary.originals.min, r.lengths.tokens.summary.originals.max, r.lengths.tokens.summary.originals.mean], [6, 9, 31 / 4]);
  assert.equal(r.vocabulary.populations.originals.tokens, 31);
  const json = JSON.stringify(r);
  for (const text of [MISSED_NAME, '617-555-0143', 'inhaler', 'ibuprofen', 'pharmacy', 'PHONE']) assert.equal(json.includes(text), false, text);
});
