import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CaseDetector } from '../../main/core/deid/case-detection.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { isScanned, KeptScans, MAX_BATCH_CHARS, wordsOf } from '../../main/core/deid/recognizers/word-scan.js';
import { freshScanData, wordScanData } from '../helpers-deid.js';
import { asRaw } from '../../main/core/text.js';

/**
 * The fourth throughput round: a batch's kept word scans are views of buffers the next batch reuses. Each scan must
 * read as a fresh scan of its text, and a batch whose buffers a later batch has overwritten must not answer from them.
 */

const PIECES = ['Anna Berg', 'Calle Mayor 5', '28013 Madrid', 'İstanbul', 'ΑΝΝΑΣ', 'call me', '+34 912 345 678', '', 'x', 'Kelvin \u212a'];
const SEPARATORS = [' ', ', ', '\n', '. ', '\t', '-'];
const textArb = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
  .map((parts) => parts.map(([piece, separator]) => piece + separator).join(''));

test('each kept scan of a batch reads as a fresh scan of its text', () => {
  fc.assert(
    fc.property(fc.array(textArb, { maxLength: 8 }), (texts) => {
      const kept = new KeptScans(texts);
      texts.forEach((text, i) => {
        kept.use(i);
        assert.equal(isScanned(text), true);
        assert.deepEqual(wordScanData(wordsOf(text)), freshScanData(text));
      });
    }),
    { numRuns: 500 },
  );
});

test('a batch overwritten by a later batch scans its texts again, and never answers with the later words', () => {
  fc.assert(
    fc.property(fc.array(textArb, { minLength: 1, maxLength: 6 }), fc.array(textArb, { minLength: 1, maxLength: 6 }), (first, second) => {
      const earlier = new KeptScans(first);
      earlier.use(0);
      const later = new KeptScans(second);
      // Making the later batch drops the kept scan, which was a view of the buffers it reuses.
      assert.equal(isScanned(first[0]!), false);
      first.forEach((text, i) => {
        earlier.use(i);
        assert.deepEqual(wordScanData(wordsOf(text)), freshScanData(text));
      });
      second.forEach((text, i) => {
        later.use(i);
        assert.deepEqual(wordScanData(wordsOf(text)), freshScanData(text));
      });
    }),
    { numRuns: 500 },
  );
});

test('a batch longer than the kept buffers hold gets buffers of its own, and the next batch reads right', () => {
  const long = 'Paciente Anna Berg, Calle Mayor 5. '.repeat(Math.ceil(MAX_BATCH_CHARS / 30));
  const short = ['Anna Berg', 'Calle Mayor 5, 28013 Madrid'];
  const big = new KeptScans([long]);
  big.use(0);
  assert.deepEqual(wordScanData(wordsOf(long)), freshScanData(long));
  const small = new KeptScans(short);
  short.forEach((text, i) => {
    small.use(i);
    assert.deepEqual(wordScanData(wordsOf(text)), freshScanData(text));
  });
});

test('batches in turn find what case-by-case detection finds, the kept buffers reused between them', () => {
  const detector = new CaseDetector(patternRecognizers());
  fc.assert(
    fc.property(fc.array(fc.array(textArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), fc.array(textArb, { minLength: 1, maxLength: 3 }), (cases, other) => {
      const raw = cases.map((fields) => fields.map(asRaw));
      const expected = raw.map((fields) => detector.detectCase(fields));
      assert.deepEqual(detector.detectCases(raw), expected);
      detector.detectCases([other.map(asRaw)]);
      assert.deepEqual(detector.detectCases(raw), expected);
    }),
    { numRuns: 150 },
  );
});
