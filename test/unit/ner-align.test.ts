import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignTokens, decodeEntities, normaliseForAlignment, type CharRange } from '../../main/core/deid/ner/align.js';

const SPECIAL = new Set(['[CLS]', '[SEP]', '[PAD]', '[UNK]', '[MASK]']);
const uncased = { lowercase: true, specialTokens: SPECIAL, unknownToken: '[UNK]' };
const cased = { ...uncased, lowercase: false };

function covered(text: string, ranges: readonly (CharRange | null)[]): (string | null)[] {
  return ranges.map((r) => (r ? text.slice(r.start, r.end) : null));
}

describe('normaliseForAlignment', () => {
  it('lower-cases and strips accents while remembering original offsets', () => {
    const n = normaliseForAlignment('José Núñez', { lowercase: true });
    assert.equal(n.text, 'jose nunez');
    assert.equal(n.originStart.length, n.text.length);
    assert.equal(n.originStart[7], 7);
  });

  it('maps a character that expands when lower-cased to the one original character', () => {
    const n = normaliseForAlignment('İz', { lowercase: true });
    assert.equal(n.text, 'iz');
    assert.deepEqual(n.originStart, [0, 1]);
    assert.deepEqual(n.originEnd, [1, 2]);
  });

  it('drops control characters and turns every whitespace into a space', () => {
    const n = normaliseForAlignment('a\u200Bb\tc\nd', { lowercase: false });
    assert.equal(n.text, 'ab c d');
    assert.deepEqual(n.originStart, [0, 2, 3, 4, 5, 6]);
  });

  it('keeps both UTF-16 units of an astral character pointing at the whole character', () => {
    const n = normaliseForAlignment('a😀b', { lowercase: true });
    assert.equal(n.text, 'a😀b');
    assert.deepEqual(n.originStart, [0, 1, 1, 3]);
    assert.deepEqual(n.originEnd, [1, 3, 3, 4]);
  });
});

describe('alignTokens', () => {
  it('places special tokens nowhere and word pieces on their characters', () => {
    const text = 'My name is Maria Gonzalez.';
    const tokens = ['[CLS]', 'my', 'name', 'is', 'maria', 'gon', '##zal', '##ez', '.', '[SEP]'];
    assert.deepEqual(covered(text, alignTokens(text, tokens, uncased)), [
      null, 'My', 'name', 'is', 'Maria', 'Gon', 'zal', 'ez', '.', null,
    ]);
  });

  it('maps accent-stripped pieces back to the accented original', () => {
    const text = 'Hola, soy Íñigo Muñoz de Cádiz';
    const tokens = ['[CLS]', 'hola', ',', 'soy', 'inigo', 'mun', '##oz', 'de', 'cadiz', '[SEP]'];
    assert.deepEqual(covered(text, alignTokens(text, tokens, uncased)), [
      null, 'Hola', ',', 'soy', 'Íñigo', 'Muñ', 'oz', 'de', 'Cádiz', null,
    ]);
  });

  it('gives an [UNK] the whole word it replaced, including astral characters', () => {
    const text = 'hi 😀😀 bob from x😀y!';
    const tokens = ['[CLS]', 'hi', '[UNK]', 'bob', 'from', '[UNK]', '!', '[SEP]'];
    assert.deepEqual(covered(text, alignTokens(text, tokens, uncased)), [
      null, 'hi', '😀😀', 'bob', 'from', 'x😀y', '!', null,
    ]);
  });

  it('gives an [UNK] punctuation mark only that mark', () => {
    const text = 'ok⸘ anna';
    const tokens = ['ok', '[UNK]', 'anna'];
    assert.deepEqual(covered(text, alignTokens(text, tokens, uncased)), ['ok', '⸘', 'anna']);
  });

  it('keeps repeated words apart', () => {
    const text = 'Paris, paris and PARIS';
    const ranges = alignTokens(text, ['paris', ',', 'paris', 'and', 'paris'], uncased);
    assert.deepEqual(
      ranges.map((r) => r?.start),
      [0, 5, 7, 13, 17],
    );
  });

  it('follows newlines, tabs and runs of spaces', () => {
    const text = 'Dear  Ann,\n\n\tthanks\r\n-- Bo';
    const tokens = ['dear', 'ann', ',', 'thanks', '-', '-', 'bo'];
    assert.deepEqual(covered(text, alignTokens(text, tokens, uncased)), [
      'Dear', 'Ann', ',', 'thanks', '-', '-', 'Bo',
    ]);
  });

  it('aligns a cased tokenizer without normalising case', () => {
    const text = 'Ask Dr. Lee';
    assert.deepEqual(covered(text, alignTokens(text, ['Ask', 'Dr', '.', 'Lee'], cased)), ['Ask', 'Dr', '.', 'Lee']);
  });

  it('recovers when a piece is not where it was expected', () => {
    const text = 'ΟΔΟΣ anna';
    // Context-dependent lower-casing (final sigma) makes the tokenizer's piece differ from ours.
    const tokens = ['οδος', 'anna'];
    assert.deepEqual(covered(text, alignTokens(text, tokens, uncased)), ['ΟΔΟΣ', 'anna']);
  });

  it('treats each CJK character as its own word', () => {
    const text = '我是bob';
    assert.deepEqual(covered(text, alignTokens(text, ['[UNK]', '[UNK]', 'bob'], uncased)), ['我', '是', 'bob']);
  });
});

describe('decodeEntities', () => {
  const tag = (t: string, score = 0.9) => ({ tag: t, score });

  it('merges a B- and its I- words, taking each word from its first piece', () => {
    const text = 'hi im john smithson from chicago';
    const tokens = ['[CLS]', 'hi', 'im', 'john', 'smith', '##son', 'from', 'chicago', '[SEP]'];
    const tags = ['O', 'O', 'O', 'B-PERSON', 'I-PERSON', 'O', 'O', 'B-LOCATION', 'O'].map((t) => tag(t));
    const spans = decodeEntities(tokens, alignTokens(text, tokens, uncased), tags);
    assert.deepEqual(
      spans.map((s) => [text.slice(s.start, s.end), s.label]),
      [
        ['john smithson', 'PERSON'],
        ['chicago', 'LOCATION'],
      ],
    );
  });

  it('lets a continuation piece with another tag not split the word', () => {
    const text = 'Gonzalez';
    const tokens = ['gon', '##zal', '##ez'];
    const spans = decodeEntities(tokens, alignTokens(text, tokens, uncased), [
      tag('B-PERSON'),
      tag('O'),
      tag('B-LOCATION'),
    ]);
    assert.deepEqual(spans, [{ start: 0, end: 8, label: 'PERSON', score: 0.9 }]);
  });

  it('opens a span on an I- tag with no B- before it', () => {
    const text = 'met Ann Lee';
    const tokens = ['met', 'ann', 'lee'];
    const spans = decodeEntities(tokens, alignTokens(text, tokens, uncased), [tag('O'), tag('I-PERSON'), tag('I-PERSON')]);
    assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['Ann Lee']);
  });

  it('starts a new span on B- and on a change of label', () => {
    const text = 'Ann Bob Acme Paris';
    const tokens = ['ann', 'bob', 'acme', 'paris'];
    const spans = decodeEntities(tokens, alignTokens(text, tokens, uncased), [
      tag('B-PERSON'),
      tag('B-PERSON'),
      tag('I-ORGANIZATION'),
      tag('I-LOCATION'),
    ]);
    assert.deepEqual(
      spans.map((s) => [text.slice(s.start, s.end), s.label]),
      [
        ['Ann', 'PERSON'],
        ['Bob', 'PERSON'],
        ['Acme', 'ORGANIZATION'],
        ['Paris', 'LOCATION'],
      ],
    );
  });

  it('averages word scores and spans an [UNK] word inside an entity', () => {
    const text = 'Zoë 😀x Smith';
    const tokens = ['[CLS]', 'zoe', '[UNK]', 'smith', '[SEP]'];
    const spans = decodeEntities(tokens, alignTokens(text, tokens, uncased), [
      tag('O'),
      tag('B-PERSON', 0.9),
      tag('I-PERSON', 0.6),
      tag('I-PERSON', 0.9),
      tag('O'),
    ]);
    assert.equal(spans.length, 1);
    assert.equal(text.slice(spans[0]!.start, spans[0]!.end), 'Zoë 😀x Smith');
    assert.ok(Math.abs(spans[0]!.score - 0.8) < 1e-9);
  });

  it('ends a span at a special token', () => {
    const tokens = ['ann', '[SEP]', 'lee'];
    const text = 'ann lee';
    const ranges = alignTokens(text, tokens, uncased);
    const spans = decodeEntities(tokens, ranges, [tag('B-PERSON'), tag('I-PERSON'), tag('I-PERSON')]);
    assert.equal(spans.length, 2);
  });
});
