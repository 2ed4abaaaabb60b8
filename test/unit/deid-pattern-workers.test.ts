/**
 * Pattern workers (patternWorkers / PatternPool): the worker path finds exactly the spans, aliases and outputs of
 * the in-thread path, with and without term lists and with a model's findings; a worker that fails fails the call
 * with an error that says so; close() ends the workers.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { freshFakerSet } from '../../main/core/deid/evaluation/fresh-faker-set.js';
import { PatternPool } from '../../main/core/deid/pattern-pool.js';
import { decodeCases, decodeFindings, encodeCases, encodeFindings } from '../../main/core/deid/pattern-wire.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import type { TermLists } from '../../main/core/deid/term-lists.js';
import type { BatchDetector, Finding } from '../../main/core/deid/types.js';
import { asRaw, type RawText } from '../../main/core/text.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The labelled data sets, beside the repo as bench:deid expects them (QUARRY_DEID_DATA overrides). */
const DATA_DIR = [process.env.QUARRY_DEID_DATA, resolve(REPO_ROOT, '../shared/datasets/deid'), '/work/shared/datasets/deid'].find(
  (dir): dir is string => dir !== undefined && existsSync(join(dir, 'presidio-synth-v2.jsonl')),
);
const DATA_FILES = ['presidio-synth-v2', 'meddocan-dev', 'wnut17-dev', 'btc-train', 'meddocan-train', 'wnut17-train'];
const SLICE = 150;

function texts(): string[] {
  const out = freshFakerSet(21, 300).map((r) => r.text);
  for (const name of DATA_FILES) {
    const file = join(DATA_DIR!, `${name}.jsonl`);
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim());
    out.push(...lines.slice(0, SLICE).map((line) => (JSON.parse(line) as { text: string }).text));
  }
  return out;
}

/** One-field cases and three-field cases (so that propagation and numbering cross fields), in batches of 32. */
function batches(all: readonly string[]): RawText[][][] {
  const cases: RawText[][] = all.map((text) => [asRaw(text)]);
  for (let i = 0; i < all.length; i += 3) cases.push(all.slice(i, i + 3).map(asRaw));
  const out: RawText[][][] = [];
  for (let i = 0; i < cases.length; i += 32) out.push(cases.slice(i, i + 32));
  return out;
}

const TERMS: TermLists = {
  allow: ['Madrid', 'Google', 'Rick'],
  deny: [
    { term: 'Morty', label: 'PERSON' },
    { term: 'hospital', label: 'ORGANIZATION' },
    { term: 'Juan', label: 'ID' },
  ],
};

/** A stand-in model: every capitalised word of four letters or more is a place, read after a pause. */
function capitalisedWordsModel(options: { fail?: boolean } = {}): BatchDetector {
  return {
    name: 'ner:test',
    async detectBatch(batch: readonly RawText[]): Promise<Finding[][]> {
      await new Promise((settle) => setTimeout(settle, 5));
      if (options.fail) throw new Error('the model ran out of memory');
      return batch.map((text) =>
        [...text.matchAll(/\b[A-Z][a-z]{3,}\b/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, label: 'LOCATION', score: 0.8, source: 'ner:test' })),
      );
    },
    async close() {},
  };
}

async function compare(inThread: Deidentifier, pooled: Deidentifier, all: RawText[][][]): Promise<number> {
  let cases = 0;
  for (const batch of all) {
    assert.deepEqual(await pooled.detectCases(batch), await inThread.detectCases(batch));
    assert.deepEqual(await pooled.deidentifyCases(batch), await inThread.deidentifyCases(batch));
    cases += batch.length;
  }
  return cases;
}

describe('pattern workers', { skip: DATA_DIR ? false : 'the labelled data sets are not beside the repo (set QUARRY_DEID_DATA)' }, () => {
  let pool: PatternPool;
  const all = DATA_DIR ? batches(texts()) : [];

  before(async () => {
    pool = await PatternPool.start({ size: 2 });
  });
  after(async () => {
    await pool.close();
  });

  it('find every span, alias and output the in-thread path finds, on the fresh set and a slice of each data file', async () => {
    const cases = await compare(new Deidentifier(patternRecognizers(), null), new Deidentifier(patternRecognizers(), null, pool), all);
    assert.ok(cases >= 1500, `only ${cases} cases compared`);
    // Cases with no fields, empty fields and a lone short text.
    await compare(new Deidentifier(patternRecognizers(), null), new Deidentifier(patternRecognizers(), null, pool), [[[], [asRaw('')], [asRaw(''), asRaw('Ana')]], [[asRaw('Call 555-0100')]], []]);
    // The comparison has teeth: the slices hold findings of many kinds.
    const found = new Set((await pool.detectCases(all[0]!)).flatMap((c) => c.spans.flat().map((s) => s.label)));
    assert.ok(found.size >= 4, `only ${[...found].join(', ')} found`);
  });

  it('find the same with several batches in flight, a batch that comes while another is read taken whole', async () => {
    const inThread = new Deidentifier(patternRecognizers(), null);
    const pooled = new Deidentifier(patternRecognizers(), null, pool);
    const some = all.slice(0, 12);
    const [together, expected] = await Promise.all([Promise.all(some.map((batch) => pooled.detectCases(batch))), Promise.all(some.map((batch) => inThread.detectCases(batch)))]);
    assert.deepEqual(together, expected);
    const withModel = all.slice(0, 6);
    const pooledModel = new Deidentifier(patternRecognizers(), capitalisedWordsModel(), pool);
    const inThreadModel = new Deidentifier(patternRecognizers(), capitalisedWordsModel());
    assert.deepEqual(await Promise.all(withModel.map((batch) => pooledModel.detectCases(batch))), await Promise.all(withModel.map((batch) => inThreadModel.detectCases(batch))));
  });

  it('apply the allow- and deny-lists they are sent, and stop when the lists are emptied', async () => {
    const inThread = new Deidentifier(patternRecognizers(), null);
    const pooled = new Deidentifier(patternRecognizers(), null, pool);
    inThread.setTermLists(TERMS);
    pooled.setTermLists(TERMS);
    const some = all.slice(0, 20);
    await compare(inThread, pooled, some);
    const denied = (await pooled.detectCases([[asRaw('Ask Morty at the hospital.')]]))[0]!.spans[0]!;
    assert.deepEqual(denied.map((s) => s.source), ['list:deny', 'list:deny']);
    inThread.setTermLists({ allow: [], deny: [] });
    pooled.setTermLists({ allow: [], deny: [] });
    await compare(inThread, pooled, some);
    assert.equal((await pooled.detectCases([[asRaw('Ask Morty at the hospital.')]]))[0]!.spans[0]!.length, 0);
  });

  it('finish cases with a model’s findings as the in-thread path does, and forget the pieces when the model fails', async () => {
    await compare(new Deidentifier(patternRecognizers(), capitalisedWordsModel()), new Deidentifier(patternRecognizers(), capitalisedWordsModel(), pool), all.slice(0, 20));
    const failing = new Deidentifier(patternRecognizers(), capitalisedWordsModel({ fail: true }), pool);
    await assert.rejects(failing.detectCases(all[0]!), /the model ran out of memory/);
    // The workers still answer.
    assert.equal((await pool.detectCases(all[1]!)).length, all[1]!.length);
  });

  it('report an error a worker raises as a failed call, and keep working', async () => {
    const pooled = new Deidentifier(patternRecognizers(), null, pool);
    // An allow-list entry that is no text makes the allow-list step throw inside the workers.
    pooled.setTermLists({ allow: [42 as unknown as string], deny: [] });
    await assert.rejects(pooled.detectCases(all[2]!), /Pattern de-identification failed in a worker: /);
    pooled.setTermLists({ allow: [], deny: [] });
    assert.equal((await pooled.detectCases(all[2]!)).length, all[2]!.length);
  });

  it('refuse a field that is no text, naming the case and field', async () => {
    await assert.rejects(pool.detectCases([[asRaw('fine')], [asRaw('fine'), 42 as unknown as RawText]]), /Case 1 of the batch, field 1: expected text, got number/);
  });
});

describe('pattern pool failures', () => {
  const misbehaving = new URL('../fixtures/pattern-workers/misbehaving.mjs', import.meta.url);
  const raw = (text: string): RawText[][] => [[asRaw(text)]];

  it('fails a call whose worker exits, and every later call, with an error that says so', async () => {
    const pool = await PatternPool.start({ size: 1, entry: misbehaving });
    try {
      await assert.rejects(pool.detectCases(raw('exit')), /A pattern worker stopped \(exit code 3\)/);
      await assert.rejects(pool.detectCases(raw('hello')), /A pattern worker stopped \(exit code 3\)/);
    } finally {
      await pool.close();
    }
  });

  it('fails a call whose worker throws, or reports an error', async () => {
    const pool = await PatternPool.start({ size: 1, entry: misbehaving });
    try {
      await assert.rejects(pool.detectCases(raw('report')), /Pattern de-identification failed in a worker: a recognizer blew up/);
      await assert.rejects(pool.detectCases(raw('throw')), /A pattern worker crashed: a recognizer blew up/);
    } finally {
      await pool.close();
    }
  });

  it('does not start when a worker cannot, and says why', async () => {
    await assert.rejects(
      PatternPool.start({ size: 2, entry: new URL('../fixtures/pattern-workers/fails-to-start.mjs', import.meta.url) }),
      /A pattern worker could not start: the name tables could not be read/,
    );
  });

  it('close() ends the workers: a batch in flight fails, later calls are refused', async () => {
    const pool = await PatternPool.start({ size: 2, entry: misbehaving });
    const running = assert.rejects(pool.detectCases(raw('hang')), /closed while a batch was running/);
    await pool.close();
    await running;
    await assert.rejects(pool.detectCases(raw('hello')), /closed; create a new de-identifier/);
    await pool.close();
  });

  it('createDeidentifier refuses a worker count that is not a whole number, and closes its workers', async () => {
    await assert.rejects(createDeidentifier({ modelsDir: '/nowhere', patternsOnly: true, patternWorkers: -1 }), /patternWorkers takes a whole number/);
    const deidentifier = await createDeidentifier({ modelsDir: '/nowhere', patternsOnly: true, patternWorkers: 1 });
    const [detected] = await deidentifier.detectCases([[asRaw('Write to ana.lopez@example.com today.')]]);
    assert.deepEqual(detected!.spans[0]!.map((s) => s.label), ['EMAIL']);
    await deidentifier.close();
    await assert.rejects(deidentifier.detectCases([[asRaw('x')]]), /closed/);
  });
});

describe('pattern wire format', () => {
  it('carries findings and cases exactly, scores included, and refuses a message of the wrong length', () => {
    const findings: Finding[][] = [[{ start: 0, end: 4, label: 'PERSON', score: 0.8500000000000001, source: 'ner:x' }], [], [{ start: 3, end: 9, label: 'IBAN', score: 1, source: 'pattern:iban+ner:x' }]];
    assert.deepEqual(decodeFindings(encodeFindings(findings), 3), findings);
    assert.throws(() => decodeFindings(encodeFindings(findings), 2), /longer than expected/);
    assert.throws(() => decodeFindings(encodeFindings(findings), 4), /ended early/);
    const cases = [
      { spans: [findings[0]!, []], aliases: [{ label: 'PERSON' as const, part: 'Ana', full: 'Ana López' }] },
      { spans: [findings[2]!], aliases: [] },
    ];
    assert.deepEqual(decodeCases(encodeCases(cases), [2, 1]), cases);
  });
});
