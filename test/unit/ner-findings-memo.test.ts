import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FindingsMemo } from '../../main/core/deid/ner/detector.js';
import type { Finding } from '../../main/core/deid/types.js';

const finding = (start: number, end: number): Finding => ({ start, end, label: 'PERSON', score: 0.9, source: 'ner:test' });

describe('FindingsMemo', () => {
  it('gives back what was kept for a text, in a new array each time', () => {
    const memo = new FindingsMemo(1000);
    const kept = [finding(0, 4)];
    memo.set('Anna went home', kept);
    kept.push(finding(5, 9));
    const first = memo.get('Anna went home');
    assert.deepEqual(first, [finding(0, 4)]);
    first!.pop();
    assert.deepEqual(memo.get('Anna went home'), [finding(0, 4)]);
    assert.equal(memo.get('Anna went out'), undefined);
  });

  it('keeps texts up to its size in characters, dropping the least recently used first', () => {
    const memo = new FindingsMemo(160);
    const text = (c: string) => c.repeat(10);
    for (const c of 'abcdefghijklmnop') memo.set(text(c), []);
    assert.equal(memo.size, 16);
    // Using "a" makes "b" the oldest: the next text pushes "b" out, not "a".
    assert.deepEqual(memo.get(text('a')), []);
    memo.set(text('q'), [finding(1, 2)]);
    assert.equal(memo.size, 16);
    assert.deepEqual(memo.get(text('a')), []);
    assert.equal(memo.get(text('b')), undefined);
    assert.deepEqual(memo.get(text('q')), [finding(1, 2)]);
  });

  it('never keeps a text longer than a sixteenth of its size, so one long text cannot push out the rest', () => {
    const memo = new FindingsMemo(160);
    memo.set('x'.repeat(10), []);
    memo.set('y'.repeat(11), [finding(0, 1)]);
    assert.equal(memo.get('y'.repeat(11)), undefined);
    assert.deepEqual(memo.get('x'.repeat(10)), []);
  });
});
