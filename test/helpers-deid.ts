/** Shapes the NER filter's unit tests share: a model's finding over a part of a text, and what the filter keeps. */
import assert from 'node:assert/strict';
import { filterNerFindings } from '../main/core/deid/ner-filter.js';
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
