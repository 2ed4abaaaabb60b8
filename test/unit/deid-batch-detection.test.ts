import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lastBlankInside, lineEndWithin, lineStartWithin } from '../../main/core/deid/boundaries.js';
import { CaseDetector } from '../../main/core/deid/case-detection.js';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { isScanned, KeptScans, wordsOf } from '../../main/core/deid/recognizers/word-scan.js';
import { freshScanData, wordScanData } from '../helpers-deid.js';
import { asRaw, type RawText } from '../../main/core/text.js';

/**
 * The throughput work of the third round: the recognizers read a batch recognizer by recognizer (with each text's
 * word scan kept), and the boundary rules look for a blank or a line break only as far as they read. Each answers as
 * the path it replaces: whole batches against case-by-case detection, the helpers against the searches they stand for.
 */

const PIECES = [
  'Anna Berg', 'Dr. Smith', 'called', 'me', 'on', '+34 912 345 678', 'at', '12 Main Street', 'Calle Mayor 5, 28013 Madrid',
  'varón de 53 años', 'Kilback, Kozey and McCullough', 'Hospital Universitario La Paz', 'anna', 'in', 'Springfield, IL 62704',
  'email anna@example.com', 'born 12/03/1980', 'Servicio de Urología', 'servicio', 'İstanbul', 'ok', 'IBAN ES91 2100 0418 4502 0005 1332',
];
const SEPARATORS = [' ', ', ', '\n', '. ', '\t', '  ', ': '];
const textArb = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 14 })
  .map((parts) => asRaw(parts.map(([piece, separator]) => piece + separator).join('')));
const casesArb = fc.array(fc.array(textArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 });

const detector = new CaseDetector(patternRecognizers());

test('a batch read recognizer by recognizer finds what case-by-case detection finds', () => {
  fc.assert(
    fc.property(casesArb, (cases) => {
      const oneByOne = cases.map((fields) => detector.detectCase(fields));
      assert.deepEqual(detector.detectCases(cases), oneByOne);
    }),
    { numRuns: 300 },
  );
});

test("each text's recognizer findings are the same read in a batch as alone", () => {
  fc.assert(
    fc.property(fc.array(textArb, { maxLength: 20 }), (texts) => {
      assert.deepEqual(detector.recognizerFindingsOf(texts), texts.map((text) => detector.recognizerFindings(text)));
    }),
    { numRuns: 300 },
  );
});

test('a batch longer than one piece, and repeated texts, are read whole and in order', () => {
  // 300 cases of up to three fields, some long: several pieces by count and by chars.
  const long = asRaw('Paciente varón de 53 años, vive en Calle Mayor 5, 28013 Madrid. '.repeat(3000));
  const cases: RawText[][] = [];
  for (let i = 0; i < 300; i++) {
    const text = asRaw(`Anna Berg (${i}) called me on +34 912 345 ${String(100 + i)}; Anna lives at ${i + 1} Main Street.`);
    cases.push(i % 50 === 7 ? [long, text] : i % 3 === 0 ? [text, text, asRaw('ok')] : [text]);
  }
  const batched = detector.detectCases(cases);
  assert.equal(batched.length, cases.length);
  assert.deepEqual(batched, cases.map((fields) => detector.detectCase(fields)));
  assert.ok(batched[7]!.spans[0]!.some((span) => span.label === 'ADDRESS'));
  assert.deepEqual(detector.detectCases([]), []);
});

test('the de-identifier without workers gives the spans of case-by-case detection', async () => {
  const deidentifier = new Deidentifier(patternRecognizers(), null);
  const cases = [[asRaw('Call Anna Berg on +34 912 345 678.'), asRaw('Anna is at 12 Main Street.')], [asRaw('nothing here')]];
  assert.deepEqual(await deidentifier.detectCases(cases), cases.map((fields) => detector.detectCase(fields)));
});

test('kept scans are the scans of their texts, survive later scans, and are used once chosen', () => {
  fc.assert(
    fc.property(textArb, textArb, (a, b) => {
      const texts = [a, b, a];
      const kept = new KeptScans(texts);
      wordsOf(`${b} and more`);
      texts.forEach((text, i) => {
        kept.use(i);
        assert.equal(isScanned(text), true);
        const used = wordScanData(wordsOf(text));
        assert.deepEqual(used, freshScanData(text));
      });
      // A repeated text is scanned apiece: no position's scan stands for another's.
      kept.use(0);
      const first = wordsOf(a);
      kept.use(2);
      assert.notEqual(wordsOf(a), first);
    }),
    { numRuns: 500 },
  );
});

const blankText = fc.array(fc.constantFrom('a', ' ', '\t', '\n', 'é', '-'), { maxLength: 30 }).map((chars) => chars.join(''));

test('lastBlankInside answers as the searches back to the text start', () => {
  fc.assert(
    fc.property(blankText, fc.nat(31), fc.nat(31), (text, x, y) => {
      const [start, end] = [Math.min(x, y, text.length), Math.min(Math.max(x, y), text.length)];
      fc.pre(end > start);
      const old = Math.max(text.lastIndexOf(' ', end - 1), text.lastIndexOf('\t', end - 1));
      assert.equal(lastBlankInside(text, start, end), old <= start ? -1 : old);
    }),
    { numRuns: 3000 },
  );
});

test('lineStartWithin and lineEndWithin answer as the whole-line searches, bounded', () => {
  fc.assert(
    fc.property(blankText, fc.nat(31), fc.integer({ min: -90, max: 40 }), (text, x, reach) => {
      const at = Math.min(x, text.length);
      const floor = at - Math.abs(reach);
      const lineStart = at === 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
      assert.equal(lineStartWithin(text, at, floor), Math.max(lineStart, floor, 0));
      const ceiling = at + Math.abs(reach);
      const lineEnd = text.indexOf('\n', at);
      assert.equal(lineEndWithin(text, at, ceiling), Math.min(lineEnd < 0 ? text.length : lineEnd, ceiling));
    }),
    { numRuns: 3000 },
  );
});
