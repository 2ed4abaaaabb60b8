import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshFakerSet } from '../../main/core/deid/evaluation/fresh-faker-set.js';

describe('fresh faker-generated labelled set', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(freshFakerSet(7, 30), freshFakerSet(7, 30));
    assert.notDeepEqual(freshFakerSet(7, 30), freshFakerSet(11, 30));
  });

  it("writes spans whose offsets hold their text, in order, with addresses in many locales", () => {
    const records = freshFakerSet(3, 120);
    const locales = new Set(records.map((r) => r.id.split('-').at(-1)));
    assert.ok(locales.size >= 25, `only ${locales.size} locales`);
    let addresses = 0;
    for (const record of records) {
      let last = 0;
      for (const span of record.spans) {
        assert.equal(record.text.slice(span.start, span.end), span.text, record.id);
        assert.ok(span.start >= last, `${record.id}: spans out of order`);
        last = span.end;
        if (span.label === 'ADDRESS') addresses++;
      }
    }
    assert.ok(addresses >= 80, `only ${addresses} addresses`);
  });

  it('has news, clinical-note and e-mail records whose titles and degrees stay outside PERSON', () => {
    const records = freshFakerSet(3, 300);
    const texts = records.map((r) => r.text);
    assert.ok(texts.some((t) => t.startsWith('DISCHARGE SUMMARY\nPatient: ')), 'no discharge summary');
    assert.ok(texts.some((t) => / \((Reuters|AP|AFP|Bloomberg|dpa|EFE|ANSA|PA Media)\) - /.test(t)), 'no news dateline');
    assert.ok(texts.some((t) => /^From: .*\nTo: .*\nCc: /.test(t)), 'no e-mail headers');
    for (const record of records) {
      for (const span of record.spans.filter((s) => s.label === 'PERSON')) {
        const name = record.text.slice(span.start, span.end);
        assert.doesNotMatch(name, /^(Dr\.?|Prof\.?|Mrs?\.|Ms\.|Miss|Ing\.|JUDr\.|dr\.) /, record.id);
        assert.doesNotMatch(name, /[ ,](PhD|MD|DDS|DVM|dipl\.ing|dipl\.oecc|Phd\.)$/, record.id);
      }
    }
    const withTitle = records.flatMap((r) => r.spans).filter((s) => s.label === 'OTHER' && /^(Dr\.?|dr\.|Prof\.?|Mrs?\.|Ms\.|Miss)$/.test(s.text));
    assert.ok(withTitle.length > 0, 'no title labelled OTHER');
  });
});

describe('street words from faker locale data', () => {
  it('match the generated vocabulary file (regenerate it with dump-faker-address-words.ts after a faker upgrade)', async () => {
    const { readFileSync } = await import('node:fs');
    const { fakerAddressVocabularySource, FAKER_VOCABULARY_FILE } = await import('../../main/core/deid/evaluation/dump-faker-address-words.js');
    assert.equal(readFileSync(FAKER_VOCABULARY_FILE, 'utf8'), fakerAddressVocabularySource());
  });
});
