import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { placesBeforeNumbers, placesBeforeNumbersByScan } from '../../main/core/deid/recognizers/address.js';
import { patientDetailsByScan, patientDetailsRecognizer } from '../../main/core/deid/recognizers/patient-details.js';
import { SubstringGate } from '../../main/core/deid/recognizers/substring-gate.js';
import { wordsOf } from '../../main/core/deid/recognizers/word-scan.js';
import { asRaw } from '../../main/core/text.js';

/**
 * The throughput work's fast paths answer exactly as the whole-text scans they replace: each is pitted against the
 * plain form on texts built from pieces that reach its edges (case, accents, glued words, chars that case-fold
 * unlike the word scan, blanks of every kind).
 */

const SEPARATORS = [' ', ', ', '\n', '. ', '-', '', '\u00a0', '\t', '  ', '5', ' 12 '];
const textOf = (pieces: readonly string[], parts: readonly [number, number][]): string =>
  parts.map(([p, s]) => pieces[p]! + SEPARATORS[s]!).join('');
const partsOf = (pieces: readonly string[]) =>
  fc.array(fc.tuple(fc.nat(pieces.length - 1), fc.nat(SEPARATORS.length - 1)), { minLength: 1, maxLength: 25 });

const DETAIL_PIECES = [
  'casado', 'Casada', 'VIUDA', 'viudo', 'sin', 'hijos', 'Sin hijos', 'hijo', 'único', 'la', 'La', 'el', 'menor', 'mayor',
  'de', 'cuatro', '3', 'hermanos', 'hermanas', 'origen', 'boliviano', 'Origen', 'marroquí', 'raza', 'caucásica', 'etnia',
  'gitana', 'lactante', 'nacionalidad', 'española', 'ſin', '\u212Aasado', 'caſado', 'çasado', 'éla', 'la2', 'casadoX',
  'Ana', 'paciente', 'niña', 'adoptada', 'primera', 'hija', 'ascendencia', 'procedencia', 'un', 'ΣΟΦΙΑ',
];

test('the patient-details recognizer finds what its whole-text scan finds', () => {
  fc.assert(
    fc.property(partsOf(DETAIL_PIECES), (parts) => {
      const text = textOf(DETAIL_PIECES, parts);
      assert.deepEqual(patientDetailsRecognizer.detect(asRaw(text)), patientDetailsByScan(text), text);
    }),
    { numRuns: 3000 },
  );
  // The forms themselves, and the chars that case-fold to a vocabulary letter unlike the scan.
  for (const text of ['Casada, sin hijos. La menor de cuatro hermanos, de origen boliviano, raza caucásica.', 'ſin hijos', '\u212Aasado', 'viuda de 3 hijos']) {
    assert.deepEqual(patientDetailsRecognizer.detect(asRaw(text)), patientDetailsByScan(text), text);
  }
  assert.equal(patientDetailsRecognizer.detect(asRaw('Casada, sin hijos, de origen boliviano.')).length, 3);
});

const PLACE_PIECES = ['at', 'on', 'to', 'in', 'is', 'en', 'At', 'éat', 'cat', 'in2', 'Calle', 'Main', 'Street', '12', '7B', 'lives', 'ON', 'ein', 'xen'];

test('the inline-street prepositions are found where the whole-text scan finds them', () => {
  fc.assert(
    fc.property(partsOf(PLACE_PIECES), (parts) => {
      const text = textOf(PLACE_PIECES, parts);
      wordsOf(text);
      const fast = placesBeforeNumbers(text).map((m) => [m.index, m[0]]);
      assert.deepEqual(fast, placesBeforeNumbersByScan(text).map((m) => [m.index, m[0]]), text);
    }),
    { numRuns: 3000 },
  );
  assert.deepEqual(placesBeforeNumbers('lives at  12 Main St, éat 5, cat 7').map((m) => m.index), [6, 23]);
});

test('a substring gate answers as includes() for each of its words', () => {
  const words = ['old', 'vida', 'yo', 'y/o', 'y.o', 'age', 'año', 'años', 'mes', 'día', 'dia', 'semana'];
  const gate = new SubstringGate(words);
  const piece = fc.constantFrom(...words, 'a', 'ñ', 'o', '/', '.', ' ', 'í', 'd', 'ol', 'se', '\u0100');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
      const text = pieces.join('');
      const found = gate.scan(text);
      for (const word of words) assert.equal((found & gate.bit(word)) !== 0, text.includes(word), `${word} in ${JSON.stringify(text)}`);
    }),
    { numRuns: 3000 },
  );
  assert.equal(gate.scan(''), 0);
  assert.throws(() => new SubstringGate(['a']), /two chars/);
});
