import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { postalBlockRecognizer } from '../../main/core/deid/recognizers/postal-block.js';
import type { Finding, PiiLabel } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/**
 * Recall fixes found on template sets: firms named after their partners, company forms the NER model cuts, and
 * two-line postal addresses; each with a case it must flag and a look-alike it must leave alone.
 */
function extended(text: string, ...spans: [string, PiiLabel][]): string[] {
  let from = 0;
  const findings: Finding[] = spans.map(([word, label]) => {
    const start = text.indexOf(word, from);
    from = start + word.length;
    return { start, end: start + word.length, label, score: 0.8, source: 'ner' };
  });
  return extendBoundaries(text, findings).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
}

const postal = (text: string): string[] => postalBlockRecognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));

describe('firms named after partners', () => {
  it('joins names split by commas and a joiner into one organisation when the last is one', () => {
    assert.deepEqual(extended('Jade Dare\nKilback, Kozey and McCullough\n8293 E Maple Street', ['Kilback', 'PERSON'], ['Kozey', 'ORGANIZATION'], ['McCullough', 'ORGANIZATION']), [
      'ORGANIZATION:Kilback, Kozey and McCullough',
    ]);
    assert.deepEqual(extended('During 1910, Klein, Peeters and de Corte invested', ['Klein', 'ORGANIZATION'], ['Peeters', 'ORGANIZATION'], ['de Corte', 'ORGANIZATION']), [
      'ORGANIZATION:Klein, Peeters and de Corte',
    ]);
    assert.deepEqual(extended('I used to work for Gribusts, Lūsis un Zeltiņš as a clerk', ['Gribusts', 'PERSON'], ['Lūsis', 'PERSON'], ['Zeltiņš', 'ORGANIZATION']), [
      'ORGANIZATION:Gribusts, Lūsis un Zeltiņš',
    ]);
  });

  it('leaves a list of people, and a list of products, as lists', () => {
    assert.deepEqual(extended('I met Alice, Bob and Carol today', ['Alice', 'PERSON'], ['Bob', 'PERSON'], ['Carol', 'PERSON']), [
      'PERSON:Alice',
      'PERSON:Bob',
      'PERSON:Carol',
    ]);
    assert.deepEqual(extended('dieta con Loprofín®, Aglutella® y Aproten®.', ['Loprofín®', 'PERSON'], ['Aglutella®', 'ORGANIZATION'], ['Aproten®', 'ORGANIZATION']).length > 1, true);
  });
});

describe('company forms the model cuts short', () => {
  it('takes in the rest of a form the finding stops inside', () => {
    assert.deepEqual(extended('Miklošková a.s. is a firm', ['Miklošková a', 'PERSON']), ['ORGANIZATION:Miklošková a.s.']);
    assert.deepEqual(extended('I work at Hanko s.r.o. now', ['Hanko s', 'PERSON'], ['r', 'PERSON']), ['ORGANIZATION:Hanko s.r.o.']);
  });

  it('leaves a name followed by an ordinary word alone', () => {
    assert.deepEqual(extended('Marek a pes šli domů', ['Marek a', 'PERSON']), ['PERSON:Marek a']);
  });

  it('takes no quoted sentence in after a name that ends its sentence', () => {
    assert.deepEqual(extended('the Erberk Group. "Don\'t feed me," says Ana', ['Erberk Group.', 'ORGANIZATION']), ['ORGANIZATION:Erberk Group.']);
  });
});

describe('two-line postal addresses', () => {
  it('flags a street line with a house number above a town, region code and postcode', () => {
    assert.deepEqual(postal('Zlatka Breznik\n54a Trg mladinskih delovnih brigad 46c\nLitija, JV 5403\nMobile: 341-296-9458'), [
      '54a Trg mladinskih delovnih brigad 46c\nLitija, JV 5403',
    ]);
    assert.deepEqual(postal('the address is\n12 geiteryggekra 31\nnordborg, sd 4834'), ['12 geiteryggekra 31\nnordborg, sd 4834']);
  });

  it('leaves figures, prose and lines without the postal shape alone', () => {
    assert.deepEqual(postal('12 34\nAB, CD 1234'), []);
    assert.deepEqual(postal('We met on 12 May\nLater, we saw 1234 birds'), []);
    assert.deepEqual(postal('Room 12\nSmith, John'), []);
  });
});

describe("a letter's address block below the street line", () => {
  it('takes in the short lines down to the one ending in a postcode', () => {
    const text = 'tiina kallio\n\n5 tuulikkilinja 4\n b 41\n rovaniemi\n bulgaria 32910';
    assert.deepEqual(extended(text, ['5 tuulikkilinja 4\n b 41', 'ADDRESS']), ['ADDRESS:5 tuulikkilinja 4\n b 41\n rovaniemi\n bulgaria 32910']);
  });

  it('stops at a sentence, a labelled line or a line without a postcode at the end', () => {
    assert.deepEqual(extended('5 Oak Street\nwe paid 4500', ['5 Oak Street', 'ADDRESS']), ['ADDRESS:5 Oak Street']);
    assert.deepEqual(extended('5 Oak Street\nMobile: 555 1234', ['5 Oak Street', 'ADDRESS']), ['ADDRESS:5 Oak Street']);
    assert.deepEqual(extended('5 Oak Street\nSee you soon\nBob', ['5 Oak Street', 'ADDRESS']), ['ADDRESS:5 Oak Street']);
  });
});

describe('flat and floor words between a street and its town', () => {
  it('joins the street and the town across a flat word with its number', () => {
    assert.deepEqual(extended('address for Lucjan: ul. Stawicki 36c, m. 893, 27-628 Dynów, Surinam', ['ul. Stawicki 36c', 'ADDRESS'], ['Dynów', 'LOCATION'], ['Surinam', 'LOCATION']), [
      'ADDRESS:ul. Stawicki 36c, m. 893, 27-628 Dynów, Surinam',
    ]);
    assert.deepEqual(extended('Bulevardul Vespasian, Bloc 76, Ap. 675, Motru. Nací', ['Bulevardul Vespasian', 'ADDRESS'], ['Motru', 'LOCATION']), [
      'ADDRESS:Bulevardul Vespasian, Bloc 76, Ap. 675, Motru',
    ]);
  });

  it('keeps them apart across a flat word without a number', () => {
    assert.deepEqual(extended('Calle Mayor 5, piso alto, Madrid', ['Calle Mayor 5', 'ADDRESS'], ['Madrid', 'LOCATION']), ['ADDRESS:Calle Mayor 5', 'LOCATION:Madrid']);
  });
});

describe('partners ending with a company word', () => {
  it('joins people-read partners when the last one ends with a word for associates', () => {
    const text = 'the first verse of her Tejada Jiménez, Griego Cadena y Escobar Martínez Asociados resignation letter';
    assert.deepEqual(
      extended(text, ['Tejada Jiménez', 'PERSON'], ['Griego Cadena', 'PERSON'], ['Escobar Martínez Asociados', 'PERSON']).map((s) => s.replace(/\+.*/, '')),
      ['PERSON:Tejada Jiménez', 'PERSON:Griego Cadena', 'PERSON:Escobar Martínez Asociados'],
    );
    const findings: Finding[] = [
      { start: 23, end: 37, label: 'PERSON', score: 0.9, source: 'ner' },
      { start: 39, end: 52, label: 'PERSON', score: 0.9, source: 'ner' },
      { start: 55, end: 81, label: 'PERSON', score: 0.9, source: 'ner+pattern:organization' },
    ];
    assert.deepEqual(extendBoundaries(text, findings).map((f) => `${f.label}:${text.slice(f.start, f.end)}`), [
      'ORGANIZATION:Tejada Jiménez, Griego Cadena y Escobar Martínez Asociados',
    ]);
  });
});

describe('words for associates after a name', () => {
  it('reads surnames before "Asociados" as a firm, and a medical term as none', async () => {
    const { organizationRecognizer } = await import('../../main/core/deid/recognizers/organization-cues.js');
    const found = (text: string) => organizationRecognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));
    assert.deepEqual(found('Trabajo en Escobar Martínez Asociados desde 2010.'), ['Escobar Martínez Asociados']);
    assert.deepEqual(found('Cumple criterios de Síndromes Periódicos Asociados a la criopirina.'), []);
  });
});

describe("a street's first words after a label's colon", () => {
  it('takes in the capitalised words between the colon and the street found', () => {
    assert.deepEqual(extended('Dirección de envío: Østre Fiolsvingen 2, 7294 Fethavn', ['Fiolsvingen 2, 7294 Fethavn', 'ADDRESS']), [
      'ADDRESS:Østre Fiolsvingen 2, 7294 Fethavn',
    ]);
  });

  it('leaves a function word, a month and a street found from its number alone', () => {
    assert.deepEqual(extended('Note: The Calle Mayor 5', ['Calle Mayor 5', 'ADDRESS']), ['ADDRESS:Calle Mayor 5']);
    assert.deepEqual(extended('Moved: March Calle Mayor 5', ['Calle Mayor 5', 'ADDRESS']), ['ADDRESS:Calle Mayor 5']);
    assert.deepEqual(extended('Sent: Monday 5 Oak Street', ['5 Oak Street', 'ADDRESS']), ['ADDRESS:5 Oak Street']);
  });
});

describe('a partner joined before a company form', () => {
  it('takes in the joiner, the partner and the form', () => {
    assert.deepEqual(extended('I work for Hrubeš a Janík v.o.s. now', ['Hrubeš', 'PERSON']), ['ORGANIZATION:Hrubeš a Janík v.o.s.']);
  });

  it('leaves two people joined by a preposition-like joiner alone', () => {
    assert.deepEqual(extended('Byl tam Petr a Jana Nováková.', ['Petr', 'PERSON']).filter((s) => s.startsWith('ORGANIZATION')), []);
  });
});
