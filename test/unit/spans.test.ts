import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { combineFindings, DENY_LIST_SOURCE, KNOWN_NAME_SOURCE } from '../../main/core/deid/spans.js';
import type { Finding, PiiLabel } from '../../main/core/deid/types.js';

function finding(start: number, end: number, label: PiiLabel, score: number, source = `test:${label.toLowerCase()}`): Finding {
  return { start, end, label, score, source };
}

describe('combineFindings', () => {
  it('returns nothing for nothing, and drops empty spans', () => {
    assert.deepEqual(combineFindings([]), []);
    assert.deepEqual(combineFindings([finding(3, 3, 'DATE', 0.9)]), []);
  });

  it('sorts disjoint findings and keeps them unchanged', () => {
    const a = finding(10, 15, 'EMAIL', 0.9);
    const b = finding(0, 4, 'PERSON', 0.8);
    assert.deepEqual(combineFindings([a, b]), [b, a]);
  });

  it('keeps findings that only touch apart', () => {
    const merged = combineFindings([finding(0, 5, 'PERSON', 0.8), finding(5, 9, 'PERSON', 0.8)]);
    assert.equal(merged.length, 2);
  });

  it('covers the union of overlapping findings, never less', () => {
    const [merged, ...rest] = combineFindings([finding(0, 10, 'PERSON', 0.9), finding(6, 20, 'LOCATION', 0.6)]);
    assert.equal(rest.length, 0);
    assert.deepEqual([merged?.start, merged?.end, merged?.label], [0, 20, 'PERSON']);
  });

  it('merges chains of overlaps into one span', () => {
    const merged = combineFindings([finding(0, 4, 'DATE', 0.5), finding(3, 8, 'DATE', 0.5), finding(7, 12, 'AGE', 0.5), finding(20, 22, 'ID', 0.7)]);
    assert.deepEqual(merged.map((f) => [f.start, f.end]), [[0, 12], [20, 22]]);
  });

  it('takes the label of the highest score, and the highest score', () => {
    const [merged] = combineFindings([finding(0, 20, 'PERSON', 0.7, 'ner:x'), finding(2, 18, 'EMAIL', 0.95, 'pattern:email')]);
    assert.equal(merged?.label, 'EMAIL');
    assert.equal(merged?.score, 0.95);
    assert.equal(merged?.source, 'pattern:email+ner:x');
  });

  it('on near-equal scores prefers the longer span, then the more specific label', () => {
    const [longer] = combineFindings([finding(0, 8, 'PHONE', 0.72), finding(0, 12, 'ID', 0.7)]);
    assert.equal(longer?.label, 'ID');
    const [specific] = combineFindings([finding(0, 11, 'ID', 0.7), finding(0, 11, 'SSN', 0.7)]);
    assert.equal(specific?.label, 'SSN');
  });

  it("labels a group with a deny-listed term as the term's chosen type, over a known name and a model", () => {
    // "Ward Nine", deny-listed as a place: the name lists read a first name and a surname, a model a person.
    const denied = finding(32, 41, 'LOCATION', 1, DENY_LIST_SOURCE);
    const merged = combineFindings([finding(32, 41, 'PERSON', 0.6, KNOWN_NAME_SOURCE), finding(32, 36, 'PERSON', 0.99, 'ner:test'), denied]);
    assert.deepEqual(merged.map((f) => [f.start, f.end, f.label]), [[32, 41, 'LOCATION']]);
    // Of two deny-listed terms in one group, the longer one's type.
    const longer = finding(30, 41, 'ORGANIZATION', 1, DENY_LIST_SOURCE);
    assert.equal(combineFindings([denied, longer])[0]!.label, 'ORGANIZATION');
  });

  it('does not depend on input order', () => {
    const input = [finding(5, 9, 'AGE', 0.6), finding(0, 6, 'DATE', 0.9), finding(30, 40, 'URL', 0.8), finding(8, 14, 'ID', 0.7)];
    assert.deepEqual(combineFindings(input), combineFindings([...input].reverse()));
  });

  it('yields sorted, non-overlapping spans on random input covering every input character', () => {
    let seed = 42;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const labels: PiiLabel[] = ['PERSON', 'DATE', 'PHONE', 'ID'];
    for (let round = 0; round < 200; round++) {
      const input = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
        const start = Math.floor(random() * 80);
        return finding(start, start + 1 + Math.floor(random() * 10), labels[Math.floor(random() * labels.length)] as PiiLabel, random());
      });
      const output = combineFindings(input);
      for (let i = 1; i < output.length; i++) assert.ok((output[i - 1] as Finding).end <= (output[i] as Finding).start);
      for (const f of input) {
        for (let c = f.start; c < f.end; c++) assert.ok(output.some((o) => o.start <= c && c < o.end), `char ${c} lost`);
      }
    }
  });
});
