import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readLabelledData } from '../../main/core/deid/evaluation/labelled-data.js';
import { scoreDeid } from '../../main/core/deid/evaluation/score.js';
import { tempDir } from '../helpers.js';

const records = [
  {
    id: 'a',
    text: 'Call John Smith at 555-0100 today, nurse.',
    spans: [
      { start: 5, end: 15, label: 'PERSON' },
      { start: 19, end: 27, label: 'PHONE' },
      { start: 35, end: 40, label: 'OTHER' },
    ],
  },
  { id: 'b', text: 'Seen in Boston on 2020-01-02.', spans: [{ start: 8, end: 14, label: 'LOCATION' }, { start: 18, end: 28, label: 'DATE' }] },
];

test('span and character figures on a fixture with known answers', () => {
  const score = scoreDeid(records, [
    // John only (partial overlap counts as a hit), the phone typed wrong, "nurse" only overlaps OTHER (ignored), a false alarm on "today".
    [
      { start: 5, end: 9, label: 'PERSON' },
      { start: 19, end: 27, label: 'ID' },
      { start: 35, end: 40, label: 'PERSON' },
      { start: 28, end: 33, label: 'DATE' },
    ],
    // The date found, Boston missed.
    [{ start: 18, end: 28, label: 'DATE' }],
  ]);
  assert.equal(score.records, 2);
  // predictions counted: John, phone-as-ID, today, date = 4; hits: 3.
  assert.equal(score.overall.precision, 3 / 4);
  // gold: person, phone, location, date = 4; found: 3.
  assert.equal(score.overall.recall, 3 / 4);
  assert.equal(score.overall.leaked_spans, 1);
  assert.deepEqual(score.leaked, [{ id: 'b', label: 'LOCATION', start: 8, end: 14 }]);
  // gold characters without spaces: "JohnSmith" 9 + "555-0100" 8 + "Boston" 6 + date 10 = 33; covered: John 4 + 8 + 10 = 22.
  assert.equal(score.overall.char_recall, 22 / 33);
  assert.equal(score.by_label.PERSON?.recall, 1);
  assert.equal(score.by_label.PHONE?.recall, 0);
  assert.equal(score.by_label.ID?.precision, 0);
  assert.equal(score.by_label.DATE?.precision, 1 / 2);
  assert.equal(score.by_label.LOCATION?.support, 1);
  const f2 = (5 * 0.75 * 0.75) / (4 * 0.75 + 0.75);
  assert.ok(Math.abs(score.overall.f2 - f2) < 1e-12);
});

test('brat and CoNLL read into the same spans', (t) => {
  const dir = tempDir(t);
  const brat = join(dir, 'brat');
  mkdirSync(brat);
  writeFileSync(join(brat, 'doc1.txt'), 'Call John Smith now.');
  writeFileSync(join(brat, 'doc1.ann'), 'T1\tPER 5 15\tJohn Smith\n#1\tAnnotatorNotes T1\tx\n');
  assert.deepEqual(readLabelledData(brat, 'brat'), [{ id: 'doc1', text: 'Call John Smith now.', spans: [{ label: 'PERSON', start: 5, end: 15 }] }]);
  const conll = join(dir, 'x.conll');
  writeFileSync(conll, 'Call O\nJohn B-PER\nSmith I-PER\nnow O\n\nIn O\nParis B-LOC\n');
  const read = readLabelledData(conll, 'conll');
  assert.deepEqual(read[0], { id: 'x.conll:1', text: 'Call John Smith now', spans: [{ start: 5, end: 15, label: 'PERSON' }] });
  assert.deepEqual(read[1]?.spans, [{ start: 3, end: 8, label: 'LOCATION' }]);
});

test('bad labelled data names the file, line and field', (t) => {
  const file = join(tempDir(t), 'bad.jsonl');
  writeFileSync(file, '{"id":"1","text":"abc","spans":[]}\n{"id":"2","text":"abc","spans":[{"start":2,"end":9,"label":"PERSON"}]}\n');
  assert.throws(() => readLabelledData(file), /bad\.jsonl, line 2: field spans\.0: start\/end/);
});
