import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ageRecognizer } from '../../main/core/deid/recognizers/age.js';
import { dateRecognizer } from '../../main/core/deid/recognizers/date.js';
import { isFirstName, isFirstNameAt } from '../../main/core/deid/recognizers/name-gazetteer.js';
import { digitCount, wordsOf } from '../../main/core/deid/recognizers/word-scan.js';
import { findWholeWords, findWholeWordsMany } from '../../main/core/deid/word-search.js';
import { asRaw } from '../../main/core/text.js';

/**
 * The speed-ups of the pattern recognizers answer exactly as the plain code they stand in for: these pit each
 * fast path against the plain form on texts built to reach its edge cases (odd lower-casing, glued words,
 * unusual blanks).
 */

const PIECES = [
  'Ana', 'ana', 'ANA', 'Ana-María', 'María', 'İstanbul', 'istanbul', '\u212Aate', 'Kate', 'kate', 'ΣΟΦΙΑ', "O'Neil",
  'Calle', 'Mayor', '5', '12345678Z', 'de', 'Ruiz', 'ruiz', 'José', 'JOSÉ', 'ßtraße', '(Ana)', 'Ana1', '1Ana', 'éAna',
  // Greek letters are scan letters; a capital sigma lower-cases to "ς" at the end of a word.
  'ΑΝΝΑΣ', 'Αννας', 'αννας', 'ΣΟΦΙΑΣ',
];
const SEPARATORS = [' ', ', ', '\n', '. ', '-', '', '\u00a0', '\t'];
const textOf = (pieces: readonly [number, number][]): string => pieces.map(([p, s]) => PIECES[p]! + SEPARATORS[s]!).join('');
const piece = fc.tuple(fc.nat(PIECES.length - 1), fc.nat(SEPARATORS.length - 1));

test('findWholeWordsMany finds what findWholeWords finds, needle by needle, scanned text or not', () => {
  fc.assert(
    fc.property(fc.array(piece, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.array(piece, { minLength: 1, maxLength: 3 }), fc.boolean()), { minLength: 1, maxLength: 12 }), fc.boolean(), (textPieces, needlePieces, scanFirst) => {
      const text = textOf(textPieces);
      const needles = needlePieces.map(([pieces, caseSensitive]) => ({ value: textOf(pieces).trim(), caseSensitive }));
      if (scanFirst) wordsOf(text);
      const many = findWholeWordsMany(text, needles);
      needles.forEach((needle, n) => assert.deepEqual(many[n], findWholeWords(text, needle.value, needle.caseSensitive)));
    }),
    { numRuns: 3000 },
  );
});

test('findWholeWordsMany matches a lower-cased needle where the Kelvin sign, a dotted İ or a final Σ lower-case unlike the fold', () => {
  for (const text of ['\u212Aate went home', 'Hi İstanbul and istanbul', 'ΣΟΦΙΑ Kate', 'Η ΑΝΝΑΣ Παπά ήρθε']) {
    wordsOf(text);
    const needles = [
      { value: 'kate went', caseSensitive: false },
      { value: 'istanbul and', caseSensitive: false },
      { value: 'Kate', caseSensitive: true },
      { value: 'Αννας Παπά', caseSensitive: false },
    ];
    const many = findWholeWordsMany(text, needles);
    needles.forEach((needle, n) => assert.deepEqual(many[n], findWholeWords(text, needle.value, needle.caseSensitive)));
  }
});

test('isFirstNameAt answers as isFirstName on the word cut out of the text', () => {
  const text = 'Anna MARÍA maría İbrahim Ibrahim Zzyzx O’Neil Jean-Luc Kevin Ordinary';
  const words = text.split(' ');
  let at = 0;
  for (const word of words) {
    assert.equal(isFirstNameAt(text, at, at + word.length), isFirstName(word), word);
    at += word.length + 1;
  }
});

test('the shared digit count is the number of ASCII digits', () => {
  for (const text of ['', 'no digits', 'a1b22c333', '٣ arabic-indic digit', 'x'.repeat(70000) + '7']) {
    assert.equal(digitCount(text), text.replace(/[^0-9]/g, '').length);
  }
});

test('ages ending in a Spanish unit are found across unusual blanks, commas and glued openings', () => {
  const ages = (text: string) => ageRecognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));
  assert.deepEqual(ages('Paciente\u00a0de\u00a012\taños.'), ['12\taños']);
  assert.deepEqual(ages('niña, sana, de tres meses y medio'), ['tres meses y medio']);
  assert.deepEqual(ages('recién nacido de 3 días de vida'), ['3 días']);
  assert.deepEqual(ages('tenía   45    años'), ['45    años']);
  assert.deepEqual(ages('(a los 7 años)'), ['7 años']);
  // Ages written in three words, and a second unit after the first, reach further back from the unit.
  assert.deepEqual(ages('recién nacido, gemelo dos, prematuro, de cuarenta  y dos días y diez horas'), ['cuarenta  y dos días']);
  assert.deepEqual(ages('Recién nacido prematuro, gemelo dos, cuarenta y dos días'), ['cuarenta y dos días']);
  assert.deepEqual(ages('niña, sana, de dos años y diez meses'), ['dos años y diez meses']);
  assert.deepEqual(ages('cumplió sesenta y tres años'), ['sesenta y tres años']);
  assert.deepEqual(ages('a los sesenta y tres años'), ['sesenta y tres años']);
  // A unit glued to a letter is no unit, and "diagnóstico" holds no "día".
  assert.deepEqual(ages('varón de 53 añosx, diagnóstico de 5 dias2'), []);
});

test('numeric dates are found only where a run of up to four digits meets a separator', () => {
  const dates = (text: string) => dateRecognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));
  assert.deepEqual(dates('Fecha: 12/03/2016, control 2016-04-07 y 06/2016.'), ['2016-04-07', '12/03/2016', '06/2016']);
  assert.deepEqual(dates('ref 123412/03/2016 and 1.2.3'), []);
});
