import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { isCasedText } from '../../main/core/deid/ner-filter.js';
import type { BatchDetector } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';
import { keptByNerFilter as kept, nerFindingAt as at } from '../helpers-deid.js';

const CLINICAL =
  'Informe clínico del paciente: varón de 53 años sin antecedentes. Remitido por: Dr. Rodrigo Martínez. ' +
  'Se aprecia trombosis de la vena cava infrahepática. El Servicio de Urología lo valora; el servicio responde.';

describe('isCasedText', () => {
  it('trusts casing in texts that capitalise their sentences and their names', () => {
    assert.equal(isCasedText(CLINICAL), true);
    assert.equal(isCasedText('Dear Anna, thank you. We met Tom in Leeds. See you soon.'), true);
  });
  it('does not trust casing in lower-case or single-sentence texts', () => {
    assert.equal(isCasedText('lol saw justin bieber at the mall . so cool'), false);
    assert.equal(isCasedText('Just saw justin at the mall'), false);
    assert.equal(isCasedText('no capitals here. none at all. really none'), false);
  });
  it('trusts casing in a longer text of capitalised sentences that names nothing, not in a post that does the same', () => {
    const answer =
      'There are many ways to become proficient at programming, and reading books is one of them. ' +
      'It is almost always most beneficial to get experience by starting to code and to make mistakes. ' +
      'The mistakes you make will teach you more than any text can, so pick a small project and finish it.';
    assert.equal(isCasedText(answer), true);
    const text = `${answer} The best method is the one you keep using.`;
    assert.deepEqual(kept(text, [at(text, 'method', 'ORGANIZATION'), at(text, 'mistakes', 'PERSON')]), []);
    // Three capitalised sentences of a post, a brand in lower case: no inner capital, too short to trust.
    const post = 'Im starting to hate verizon . I normally have one bar or no bars . Time to switch';
    assert.equal(isCasedText(post), false);
    assert.deepEqual(kept(post, [at(post, 'verizon', 'ORGANIZATION')]), ['verizon']);
    // Two sentences are not enough, however long.
    assert.equal(isCasedText(answer.split('. ').slice(0, 2).join('. ').padEnd(400, ' and on')), false);
  });
});

describe('filterNerFindings', () => {
  it('drops function words and spans without letters or digits', () => {
    const text = CLINICAL;
    assert.deepEqual(kept(text, [at(text, 'del', 'PERSON'), at(text, 'sin', 'PERSON'), at(text, ':', 'LOCATION'), at(text, 'de la', 'ORGANIZATION')]), []);
  });
  it('drops lower-case spans in a cased text', () => {
    const text = CLINICAL;
    assert.deepEqual(kept(text, [at(text, 'cava infrahepática', 'PERSON'), at(text, 'trombosis', 'ORGANIZATION')]), []);
  });
  it('drops a single capitalised word the same text writes in lower case', () => {
    const text = CLINICAL;
    assert.deepEqual(kept(text, [at(text, 'Servicio', 'ORGANIZATION')]), []);
  });
  it('keeps names, capitalised or continuing a capitalised name', () => {
    const text = CLINICAL;
    assert.deepEqual(kept(text, [at(text, 'Rodrigo Martínez'), at(text, 'Urología', 'ORGANIZATION')]), ['Rodrigo Martínez', 'Urología']);
    const street = 'We walked down Árpád fejedelem útja today. It was sunny. Then Tom left.';
    assert.deepEqual(kept(street, [at(street, 'fejedelem', 'LOCATION')]), ['fejedelem']);
  });
  it('drops everyday words after a capitalised word in a cased text: no tail of a name', () => {
    const text = 'Our SRE systems need a Python program. It reads the pages. Then Tom checks them in Leeds.';
    assert.deepEqual(kept(text, [at(text, 'systems', 'ORGANIZATION'), at(text, 'program', 'ORGANIZATION')]), []);
  });
  it('keeps lower-case names where the text does not capitalise, and capital function-word look-alikes', () => {
    const tweet = 'lol saw justin bieber at the mall . so cool';
    assert.deepEqual(kept(tweet, [at(tweet, 'justin bieber')]), ['justin bieber']);
    const text = 'We met De Luca and U Thant. They were kind. Then Ana left.';
    assert.deepEqual(kept(text, [at(text, 'De Luca'), at(text, 'U', 'PERSON', 15)]), ['De Luca', 'U']);
  });
  it('leaves other labels alone', () => {
    const text = CLINICAL;
    assert.deepEqual(kept(text, [at(text, 'del', 'DATE')]), ['del']);
  });
});

describe('Deidentifier with the NER filter', () => {
  it('filters the model findings before combining and propagating them', async () => {
    const text = asRaw(CLINICAL);
    const ner: BatchDetector = {
      name: 'ner:test',
      detectBatch: async (texts) => texts.map(() => [at(CLINICAL, 'del'), at(CLINICAL, 'Rodrigo Martínez')]),
      close: async () => undefined,
    };
    const [spans] = await new Deidentifier([], ner).detect([text]);
    assert.deepEqual(spans!.map((f) => CLINICAL.slice(f.start, f.end)), ['Rodrigo Martínez']);
  });
});

describe('lower-case evidence', () => {
  it('does not count words of e-mail addresses and domains', () => {
    const text = 'Vive en Torrelodones, Madrid. Escriba a ana.gil@salud.madrid.org para la cita. Gracias.';
    assert.deepEqual(kept(text, [at(text, 'Madrid', 'LOCATION')]), ['Madrid']);
  });
});

describe('lower-case dictionary words', () => {
  it('drops a lower-case dictionary word in any text, but not a known name or place written in lower case', () => {
    const tweet = 'wow smart man , so clean . tanner and chad went to india lol';
    assert.deepEqual(kept(tweet, [at(tweet, 'smart'), at(tweet, 'clean', 'ORGANIZATION'), at(tweet, 'tanner'), at(tweet, 'chad'), at(tweet, 'india', 'LOCATION')]), [
      'tanner',
      'chad',
      'india',
    ]);
  });
});

describe('names that are also words', () => {
  it('keeps a known first name even where the text writes the word in lower case', () => {
    const text = 'Paciente de raza blanca. La atiende Blanca en consulta. El Servicio de Urología valora; el servicio responde.';
    assert.deepEqual(kept(text, [at(text, 'Blanca'), at(text, 'Servicio', 'ORGANIZATION')]), ['Blanca']);
  });
});
