import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterNerFindings } from '../../main/core/deid/ner-filter.js';
import type { Finding } from '../../main/core/deid/types.js';

function person(text: string, part: string): Finding {
  const start = text.indexOf(part);
  return { start, end: start + part.length, label: 'PERSON', score: 0.8, source: 'ner:test' };
}
const kept = (text: string, parts: string[]) => filterNerFindings(text, parts.map((p) => person(text, p))).map((f) => text.slice(f.start, f.end));

describe('NER filter: personal pronouns', () => {
  it('drops a pronoun, capitalised or not', () => {
    assert.deepEqual(kept('He said it himself , lol', ['He', 'himself']), []);
  });
  it('keeps a capitalised pronoun that is also a name', () => {
    assert.deepEqual(kept('She is so little ! Ella is the cutest baby ever', ['Ella']), ['Ella']);
  });
  it('keeps an acronym written like a pronoun in capitals', () => {
    assert.deepEqual(kept('RT @BBCBreaking : US economy grows by 5%', ['US']), ['US']);
  });
  it('keeps names that are other function words capitalised, and names next to pronouns', () => {
    assert.deepEqual(kept('Now if only Del will make a return', ['Del']), ['Del']);
    assert.deepEqual(kept('He and Al went home', ['Al']), ['Al']);
  });
});
