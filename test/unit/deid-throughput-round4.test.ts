import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { combineFindings } from '../../main/core/deid/spans.js';
import { unitAnchoredStarts } from '../../main/core/deid/recognizers/age.js';
import { isPlace, splitPlace } from '../../main/core/deid/recognizers/location-gazetteer.js';
import { isLetterCode } from '../../main/core/deid/recognizers/word-scan.js';
import type { Finding, PiiLabel } from '../../main/core/deid/types.js';

/**
 * The fourth throughput round replaced some paths of the pattern recognizers with cheaper ones; each must answer as
 * the path it replaces, which these tests keep beside it.
 */

/** `combineFindings` as it was before this round: each group collected in an array of its own. */
function combineFindingsByGroups(findings: readonly Finding[]): Finding[] {
  const sorted = findings.filter((finding) => finding.end > finding.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const combined: Finding[] = [];
  let group: Finding[] = [];
  let groupEnd = -1;
  for (const finding of sorted) {
    if (group.length > 0 && finding.start >= groupEnd) {
      combined.push(combineFindings(group)[0]!);
      group = [];
    }
    group.push(finding);
    groupEnd = Math.max(group.length === 1 ? finding.end : groupEnd, finding.end);
  }
  if (group.length > 0) combined.push(combineFindings(group)[0]!);
  return combined;
}

const LABELS: PiiLabel[] = ['PERSON', 'LOCATION', 'ORGANIZATION', 'ADDRESS', 'DATE', 'PHONE'];
const findingArb = fc
  .tuple(fc.nat(40), fc.nat(12), fc.constantFrom(...LABELS), fc.constantFrom(0.4, 0.45, 0.5, 0.6, 0.9), fc.constantFrom('pattern:a', 'pattern:b', 'ner:x', 'list:deny', 'pattern:person-name'))
  .map(([start, length, label, score, source]): Finding => ({ start, end: start + length, label, score, source }));

test('combined findings are the same whether each group is collected in an array or read as a range', () => {
  fc.assert(
    fc.property(fc.array(findingArb, { maxLength: 14 }), (findings) => {
      assert.deepEqual(combineFindings(findings), combineFindingsByGroups(findings));
    }),
    { numRuns: 3000 },
  );
});

/** The age recognizer's unit-anchored starts as before this round: one pattern's word count, walked and scanned alone. */
function unitAnchoredStartsAlone(text: string, units: readonly number[], words: number, commas: boolean): number[] {
  const separates = (code: number): boolean => /\s/.test(String.fromCharCode(code)) || (commas && code === 44);
  const isAsciiLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  const isAsciiWord = (code: number): boolean => isAsciiLetter(code) || (code >= 48 && code <= 57) || code === 95;
  const starts: number[] = [];
  let covered = 0;
  for (const unit of units) {
    let at = unit;
    for (let n = 0; n < words && at > 0; n++) {
      while (at > 0 && separates(text.charCodeAt(at - 1))) at--;
      while (at > 0 && !separates(text.charCodeAt(at - 1))) at--;
    }
    for (let i = Math.max(at, covered); i < unit; i++) {
      if (isAsciiLetter(text.charCodeAt(i)) && (i === 0 || !isAsciiWord(text.charCodeAt(i - 1)))) starts.push(i);
    }
    covered = Math.max(covered, unit);
  }
  return starts;
}

test('unit-anchored starts for several word counts at once are each as the walk for that count alone', () => {
  const piece = fc.constantFrom('varón', 'de', '53', 'años', ',', ', ', ' ', '  ', '\n', 'y', 'medio', 'a1', '_x', 'Paciente', 'mujer,', '\u00a0', 'ñ');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), fc.array(fc.nat(200), { maxLength: 6 }), fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 3 }), fc.boolean(), (pieces, rawUnits, wordCounts, commas) => {
      const text = pieces.join('');
      // Units at ascending places inside the text, as the unit scan gives them (repeats too).
      const units = rawUnits.map((u) => u % (text.length + 1)).sort((a, b) => a - b);
      const together = unitAnchoredStarts(text, units, wordCounts, commas);
      wordCounts.forEach((words, k) => assert.deepEqual(together[k], unitAnchoredStartsAlone(text, units, words, commas), `${words} words in ${JSON.stringify(text)}`));
    }),
    { numRuns: 3000 },
  );
});


/** `splitPlace` as before this round: the name read by code points, each word built char by char. */
function splitPlaceByCodePoints(name: string): string[] | null {
  const words: string[] = [];
  let current = '';
  for (const char of name) {
    const code = char.charCodeAt(0);
    if (isLetterCode(code)) current += char;
    else if (/[\p{L}\p{N}]/u.test(char)) return null;
    else if (current) {
      words.push(current);
      current = '';
    }
  }
  if (current) words.push(current);
  return words.length > 0 && words.length <= 6 ? words : null;
}

test('a place name is split into the words the code-point reading gave, and known places stay known', () => {
  const piece = fc.constantFrom('San', 'José', ' ', '-', "'", '.', '1', 'Δ', 'Д', '\u{1d400}', '\u{1f600}', '\ud835', '\udc00', '\u0301', 'İ', '²', '٣', 'ß', '(', ',');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
      const name = pieces.join('');
      assert.deepEqual(splitPlace(name), splitPlaceByCodePoints(name), JSON.stringify(name));
    }),
    { numRuns: 5000 },
  );
  for (const name of ['Madrid', 'madrid', 'San Sebastián', 'Buenos Aires', 'New York']) assert.equal(isPlace(name), true, name);
  for (const name of ['Madrid2', 'Zzyzxq', '', ' ']) assert.equal(isPlace(name), false, name);
});
