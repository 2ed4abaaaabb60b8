/**
 * Shapes the de-identifier's unit tests share: a model's finding over a part of a text and what the NER filter keeps;
 * the plain data of a word scan, kept or fresh.
 */
import assert from 'node:assert/strict';
import { filterNerFindings } from '../main/core/deid/ner-filter.js';
import { wordsOf, type WordScan } from '../main/core/deid/recognizers/word-scan.js';
import type { Finding, PiiLabel } from '../main/core/deid/types.js';

/** A NER finding over the first occurrence of `part` in `text`, at or after `from`. */
export function nerFindingAt(text: string, part: string, label: PiiLabel = 'PERSON', from = 0): Finding {
  const start = text.indexOf(part, from);
  assert.ok(start >= 0, `${part} not in the text`);
  return { start, end: start + part.length, label, score: 0.9, source: 'ner:test' };
}

/** The text of each finding the NER filter keeps, in order. */
export const keptByNerFilter = (text: string, findings: Finding[]): string[] =>
  filterNerFindings(text, findings).map((f) => text.slice(f.start, f.end));

/** The plain data of a scan: its words and counts, whatever the arrays' capacity. */
export function wordScanData(words: WordScan) {
  return {
    text: words.text,
    count: words.count,
    starts: [...words.starts.subarray(0, words.count)],
    ends: [...words.ends.subarray(0, words.count)],
    keys: [...words.keys.subarray(0, words.count)],
    capitals: [...words.capitals.subarray(0, words.count)],
    slots: [...words.slots.subarray(0, words.count)],
    cues: [...words.cues.subarray(0, words.cueCount)],
    digits: words.digits,
    oddCase: words.oddCase,
  };
}

/** The data of a fresh scan of `text`: another text is scanned first, so that `wordsOf` scans it anew. */
export function freshScanData(text: string) {
  wordsOf(`${text} .`);
  return wordScanData(wordsOf(text));
}
