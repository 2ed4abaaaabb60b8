import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_NER_MODEL } from '../../main/core/deid/create-deidentifier.js';
import { NER_WINDOW_PLAN, planWindows } from '../../main/core/deid/ner/chunk.js';
import { createNerDetector, defaultModelsDir } from '../../main/core/deid/ner/detector.js';
import { verifyModelFolder } from '../../main/core/deid/ner/manifest.js';
import type { BatchDetector, Finding, PiiLabel } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/** The default model; QUARRY_NER_TEST_MODEL runs the same checks on another installed model. */
const MODEL_ID = process.env.QUARRY_NER_TEST_MODEL ?? DEFAULT_NER_MODEL;

function found(text: string, findings: readonly Finding[], label: PiiLabel, entity: string): boolean {
  const at = text.indexOf(entity);
  assert.ok(at >= 0, `test text lacks "${entity}"`);
  return findings.some((f) => f.label === label && f.start < at + entity.length && at < f.end);
}

function assertFinds(text: string, findings: readonly Finding[], label: PiiLabel, entity: string): void {
  const shown = findings.map((f) => `${f.label}:${text.slice(f.start, f.end)}`).join(', ');
  assert.ok(found(text, findings, label, entity), `expected ${label} "${entity}" in: ${text}\nfound: ${shown}`);
}

describe(`${MODEL_ID} through the worker`, () => {
  let detector: BatchDetector;

  before(async () => {
    detector = await createNerDetector({ modelsDir: defaultModelsDir(), modelId: MODEL_ID });
  });

  after(async () => {
    await detector.close();
  });

  it('finds people, places and organisations with exact offsets', async () => {
    const texts = [
      'My name is Maria Gonzalez and I live in Boston',
      'hi im john smith from chicago',
    ];
    const [first, second] = await detector.detectBatch(texts.map(asRaw));
    assert.ok(first && second);
    assertFinds(texts[0]!, first, 'PERSON', 'Maria Gonzalez');
    assertFinds(texts[0]!, first, 'LOCATION', 'Boston');
    assertFinds(texts[1]!, second, 'PERSON', 'john smith');
    assertFinds(texts[1]!, second, 'LOCATION', 'chicago');
    const person = first.find((f) => f.label === 'PERSON');
    assert.equal(texts[0]!.slice(person!.start, person!.end), 'Maria Gonzalez');
    for (const f of [...first, ...second]) {
      assert.equal(f.source, `ner:${MODEL_ID}`);
      assert.ok(f.score > 0 && f.score <= 1);
    }
  });

  it('reads Spanish and accented names', async () => {
    const text = 'Paciente: José Martínez Ruiz, natural de Sevilla, ingresa en el Hospital Universitario La Paz.';
    const [findings] = await detector.detectBatch([asRaw(text)]);
    assertFinds(text, findings!, 'PERSON', 'José Martínez Ruiz');
    const person = findings!.find((f) => f.label === 'PERSON');
    assert.equal(text.slice(person!.start, person!.end), 'José Martínez Ruiz');
  });

  it('keeps offsets right after emoji and other astral characters', async () => {
    const text = '😀😀 thanks!! 🙏 my name is Maria Gonzalez and I live in Boston';
    const [findings] = await detector.detectBatch([asRaw(text)]);
    const person = findings!.find((f) => f.label === 'PERSON');
    assert.ok(person, 'no PERSON found');
    assert.equal(text.slice(person.start, person.end), 'Maria Gonzalez');
  });

  it('finds nothing in text without names', async () => {
    const texts = ['Can you fix this Python function? It returns None when the list is empty.', 'thanks that worked!'];
    const results = await detector.detectBatch(texts.map(asRaw));
    assert.deepEqual(results, [[], []]);
  });

  it('returns one result per text, in order, for empty and whitespace texts too', async () => {
    const results = await detector.detectBatch(['', '   \n', 'hi im john smith from chicago'].map(asRaw));
    assert.equal(results.length, 3);
    assert.deepEqual(results.slice(0, 2), [[], []]);
    assert.ok(results[2]!.length > 0);
  });

  it('finds the names in a 5,000-word text, those at window edges included, without duplicates', async () => {
    const EDGE = 30;
    const fillers = [
      'The meeting ran long, so we moved the budget review to next week.',
      'Can you summarise the main points of the quarterly report for me?',
      'The new office plans are still waiting for approval from finance.',
      'I think the second option is cheaper, but the first one is faster.',
      'please make the tone a bit more formal and shorter.',
    ];
    const names = ['Maria Gonzalez', 'John Smith', 'Emily Johnson', 'Carlos Ruiz', 'Sarah Miller', 'David Brown'];
    const parts: string[] = [];
    const placed: { name: string; start: number; end: number }[] = [];
    let length = 0;
    let words = 0;
    for (let i = 0; words < 5000; i++) {
      // Varying sentence counts move the names to every offset relative to the windows.
      const before = `${fillers.slice(0, 1 + (i % fillers.length)).join(' ')} I spoke with `;
      const name = names[i % names.length]!;
      const sentence = `${before}${name} about it yesterday.`;
      placed.push({ name, start: length + before.length, end: length + before.length + name.length });
      parts.push(sentence);
      length += sentence.length + 1;
      words += sentence.split(' ').length;
    }
    const text = parts.join(' ');
    const windows = planWindows(text, NER_WINDOW_PLAN);
    const [findings] = await detector.detectBatch([asRaw(text)]);
    const people = findings!.filter((f) => f.label === 'PERSON');
    const hits = (p: { start: number; end: number }) => people.filter((f) => f.start < p.end && p.start < f.end);

    // Names cut by a window edge, or so close to one that a window sees them with almost no context.
    const edges = windows.flatMap((w) => [w.start, w.end]).filter((e) => e > 0 && e < text.length);
    const atEdge = placed.filter((p) => edges.some((e) => e > p.start - EDGE && e < p.end + EDGE));
    assert.ok(atEdge.length >= 20, `only ${atEdge.length} names lie at a window edge; the test text needs more`);
    const edgeMissed = atEdge.filter((p) => hits(p).length === 0).map((p) => `${p.name}@${p.start}`);
    assert.deepEqual(edgeMissed, [], 'names at a window edge were missed');

    const found = placed.filter((p) => hits(p).length > 0).length;
    assert.ok(found / placed.length >= 0.9, `found ${found} of ${placed.length} names`);
    const sorted = [...findings!].sort((a, b) => a.start - b.start);
    sorted.slice(1).forEach((f, i) => assert.ok(f.start >= sorted[i]!.end, 'two findings overlap'));
  });

  it('gives the same findings from a pool of two workers', async () => {
    const texts = ['My name is Maria Gonzalez and I live in Boston', 'hi im john smith from chicago', 'ok'].map(asRaw);
    const pooled = await createNerDetector({ modelsDir: defaultModelsDir(), modelId: MODEL_ID, poolSize: 2 });
    try {
      assert.deepEqual(await pooled.detectBatch(texts), await detector.detectBatch(texts));
    } finally {
      await pooled.close();
    }
  });

  it("gives a text the same findings whatever else shares its batch", async () => {
    const text = 'Dear Emily Johnson, the clinic in Denver moved your visit with Dr. Carlos Ruiz to Friday.';
    const [alone] = await detector.detectBatch([asRaw(text)]);
    const crowd = [
      'ok',
      'a much longer message about nothing in particular, repeated to pad the batch. '.repeat(6),
      text,
      'María López Sánchez ingresa en el Hospital Universitario de Valencia con fiebre de tres días.',
    ];
    const batched = await detector.detectBatch(crowd.map(asRaw));
    assert.ok(alone && alone.length > 0, 'no findings in the test text');
    assert.deepEqual(batched[2], alone);
  });

  it('answers a text repeated within a batch and in a later batch with the findings it gives alone, in arrays of their own', async () => {
    const system = 'You are the assistant of the clinic of Dr. Carlos Ruiz in Denver. Be brief.';
    const user = 'hi im john smith from chicago';
    const fresh = await createNerDetector({ modelsDir: defaultModelsDir(), modelId: MODEL_ID });
    try {
      const [alone] = await fresh.detectBatch([asRaw(system)]);
      assert.ok(alone && alone.length > 0, 'no findings in the repeated text');
      const first = await fresh.detectBatch([system, user, system].map(asRaw));
      const later = await fresh.detectBatch([user, system].map(asRaw));
      assert.deepEqual(first, [alone, (await detector.detectBatch([asRaw(user)]))[0], alone]);
      assert.deepEqual(later, [first[1], alone]);
      // A caller that changes one answer changes no other.
      first[0]!.pop();
      assert.deepEqual(first[2], alone);
      assert.deepEqual((await fresh.detectBatch([asRaw(system)]))[0], alone);
    } finally {
      await fresh.close();
    }
  });

  it('refuses work after close', async () => {
    const closing = await createNerDetector({ modelsDir: defaultModelsDir(), modelId: MODEL_ID });
    await closing.close();
    await assert.rejects(closing.detectBatch([asRaw('hello')]), /closed/);
  });
});

describe(`${DEFAULT_NER_MODEL}: decoding with its manifest's O-logit shift`, () => {
  /** The findings of the default model on `texts`, decoded with `oLogitShift` (the manifest's when undefined). */
  async function decoded(texts: readonly string[], oLogitShift?: number): Promise<string[][]> {
    const detector = await createNerDetector({ modelsDir: defaultModelsDir(), modelId: DEFAULT_NER_MODEL, ...(oLogitShift === undefined ? {} : { oLogitShift }) });
    try {
      const results = await detector.detectBatch(texts.map(asRaw));
      return results.map((findings, i) => findings.map((f) => texts[i]!.slice(f.start, f.end)));
    } finally {
      await detector.close();
    }
  }

  it('leans towards entity tags as the manifest says, and an override replaces it', async () => {
    const manifest = await verifyModelFolder(join(defaultModelsDir(), DEFAULT_NER_MODEL));
    const shift = manifest.decoding?.o_logit_shift;
    assert.equal(shift, 1, 'the default model records the shift its evaluation chose');
    const texts = ['shoutout to the crew at hollis street', 'is delphine still at the clinic?', 'My name is Maria Gonzalez and I live in Boston'];
    const byManifest = await decoded(texts);
    assert.deepEqual(await decoded(texts, shift), byManifest);
    // Without the shift the street's name is cut short; with it the whole place is found.
    const plain = await decoded(texts, 0);
    assert.deepEqual(plain[0], ['hollis']);
    assert.deepEqual(byManifest[0], ['hollis street']);
    // A shift only ever adds entity characters: fewer at -5 than at 0, more at the manifest's.
    const characters = (results: string[][]) => results.flat().join('').length;
    const none = await decoded(texts, -5);
    assert.ok(characters(none) < characters(plain) && characters(plain) < characters(byManifest), `${characters(none)} < ${characters(plain)} < ${characters(byManifest)}`);
  });
});
