import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { propagateWithinCase } from '../../main/core/deid/propagation.js';
import type { BatchDetector, Finding } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/** Finds exactly the spans it is told to, standing in for a model that spots a name only once. */
function scriptedDetector(script: Record<string, Finding[]>): BatchDetector {
  return {
    name: 'scripted',
    detectBatch: async (texts) => texts.map((t) => script[t] ?? []),
    close: async () => undefined,
  };
}

test('a name found once is redacted wherever it recurs in the case, parts included, with one placeholder', async () => {
  const question = 'Hi, I am Margaret Ellison from Boston.';
  const answer = 'Thank you, Margaret. Ms. Ellison, the Boston office will call. I will help.';
  const deidentifier = new Deidentifier(
    [],
    scriptedDetector({
      [question]: [
        { start: 9, end: 25, label: 'PERSON', score: 0.9, source: 'ner' },
        { start: 31, end: 37, label: 'LOCATION', score: 0.8, source: 'ner' },
      ],
    }),
  );
  const [result] = await deidentifier.deidentifyCases([[asRaw(question), asRaw(answer)]]);
  assert.deepEqual(result!.texts, ['Hi, I am [PERSON_1] from [LOCATION_1].', 'Thank you, [PERSON_1]. Ms. [PERSON_1], the [LOCATION_1] office will call. I will help.']);
});

test('single words propagate only with their own case; other cases are untouched', () => {
  const fields = [asRaw('Ask Will about it.'), asRaw('We will see. Will said yes.')];
  const { spans } = propagateWithinCase(fields, [[{ start: 4, end: 8, label: 'PERSON', score: 0.7, source: 'ner' }], []]);
  assert.deepEqual(
    spans[1]!.map((s) => fields[1]!.slice(s.start, s.end)),
    ['Will'],
  );
  assert.equal(spans[1]![0]!.start, 13);
});

test('identifiers found by context recur bare; numbers inside longer numbers do not match', () => {
  const fields = [asRaw('MRN 448812 on file'), asRaw('Record 448812 updated; ref 14488120 unrelated')];
  const { spans } = propagateWithinCase(fields, [[{ start: 4, end: 10, label: 'ID', score: 0.9, source: 'pattern:id' }], []]);
  assert.deepEqual(
    spans[1]!.map((s) => [s.start, s.end, s.label]),
    [[7, 13, 'ID']],
  );
});
