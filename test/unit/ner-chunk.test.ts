import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeWindowSpans, planWindows, type WindowedSpan } from '../../main/core/deid/ner/chunk.js';

const plan = { maxChars: 100, overlapChars: 30 };

function words(count: number): string {
  return Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
}

describe('planWindows', () => {
  it('keeps a short text in one window', () => {
    assert.deepEqual(planWindows('hello there', plan), [{ start: 0, end: 11 }]);
    assert.deepEqual(planWindows('', plan), [{ start: 0, end: 0 }]);
  });

  it('covers a long text with bounded, overlapping windows that start and end at word edges', () => {
    const text = words(300);
    const windows = planWindows(text, plan);
    assert.equal(windows[0]?.start, 0);
    assert.equal(windows.at(-1)?.end, text.length);
    for (const [i, w] of windows.entries()) {
      assert.ok(w.end - w.start <= plan.maxChars, `window ${i} is ${w.end - w.start} long`);
      assert.ok(w.start === 0 || text[w.start - 1] === ' ', `window ${i} starts mid-word`);
      assert.ok(w.end === text.length || text[w.end - 1] === ' ', `window ${i} ends mid-word`);
      const next = windows[i + 1];
      if (next) {
        assert.ok(next.start < w.end, `windows ${i} and ${i + 1} do not overlap`);
        assert.ok(w.end - next.start >= 20, `windows ${i} and ${i + 1} overlap by only ${w.end - next.start}`);
        assert.ok(next.start > w.start);
      }
    }
  });

  it('puts every short entity whole inside some window', () => {
    const text = words(400);
    const windows = planWindows(text, plan);
    for (let at = 0; at + 20 <= text.length; at += 7) {
      assert.ok(
        windows.some((w) => w.start <= at && at + 20 <= w.end),
        `no window holds ${at}..${at + 20}`,
      );
    }
  });

  it('cuts text with no spaces without splitting a surrogate pair', () => {
    const text = '😀'.repeat(150);
    const windows = planWindows(text, plan);
    assert.equal(windows.at(-1)?.end, text.length);
    for (const w of windows) {
      assert.equal(w.start % 2, 0);
      assert.equal(w.end % 2, 0);
    }
  });

  it('rejects an overlap that would stop the windows advancing', () => {
    assert.throws(() => planWindows('x', { maxChars: 10, overlapChars: 5 }), RangeError);
  });
});

describe('mergeWindowSpans', () => {
  const span = (start: number, end: number, label = 'PERSON', score = 0.9): WindowedSpan => ({
    start,
    end,
    label,
    score,
  });

  it('shifts window offsets into text offsets', () => {
    const merged = mergeWindowSpans(200, [{ window: { start: 50, end: 150 }, spans: [span(10, 20)] }]);
    assert.deepEqual(merged, [span(60, 70)]);
  });

  it('keeps one copy of an entity found by two overlapping windows', () => {
    const merged = mergeWindowSpans(200, [
      { window: { start: 0, end: 100 }, spans: [span(80, 90, 'PERSON', 0.7)] },
      { window: { start: 70, end: 170 }, spans: [span(10, 20, 'PERSON', 0.95)] },
    ]);
    assert.deepEqual(merged, [span(80, 90, 'PERSON', 0.95)]);
  });

  it('restores an entity that one window edge cut short', () => {
    const merged = mergeWindowSpans(200, [
      { window: { start: 0, end: 100 }, spans: [span(92, 100)] },
      { window: { start: 70, end: 170 }, spans: [span(22, 35)] },
    ]);
    assert.deepEqual(merged, [span(92, 105)]);
  });

  it('prefers the label seen with more context when windows disagree', () => {
    const merged = mergeWindowSpans(200, [
      { window: { start: 0, end: 100 }, spans: [span(95, 100, 'PERSON')] },
      { window: { start: 70, end: 170 }, spans: [span(20, 35, 'ORGANIZATION')] },
    ]);
    assert.deepEqual(merged, [span(90, 105, 'ORGANIZATION')]);
  });

  it('keeps separate entities separate', () => {
    const merged = mergeWindowSpans(200, [
      { window: { start: 0, end: 100 }, spans: [span(0, 5), span(6, 12, 'LOCATION')] },
      { window: { start: 70, end: 170 }, spans: [span(30, 40)] },
    ]);
    assert.deepEqual(merged, [span(0, 5), span(6, 12, 'LOCATION'), span(100, 110)]);
  });
});
