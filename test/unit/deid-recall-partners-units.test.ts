import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { filterNerFindings } from '../../main/core/deid/ner-filter.js';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';
import { partnerListRecognizer } from '../../main/core/deid/recognizers/partner-list.js';
import type { Recognizer } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/**
 * Recall fixes found on fresh multi-domain sets: streets named by a type after a preposition ("on Köypınar Sokak"), flat words with a number word ("stanovanje št. 534"), Polish and
 * Romanian flat and block words ("m. 969", "Bloc 43"), and firms named after three partners; each with a case it
 * must flag and a look-alike it must leave alone.
 */
const flagged = (recognizer: Recognizer, text: string): string[] => recognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));
const longest = (text: string): string => flagged(addressRecognizer, text).sort((a, b) => b.length - a.length)[0] ?? '';

describe('flat and block pieces after a street', () => {
  it('takes a flat word with a number word and what follows it', () => {
    assert.equal(longest('Send it to Zarnikova ulica 55, stanovanje št. 534, 6495 Šentjur. Thanks!'), 'Zarnikova ulica 55, stanovanje št. 534, 6495 Šentjur');
    assert.equal(longest('Deliver to 24 Baker Street, Flat No. 5, London.'), '24 Baker Street, Flat No. 5, London');
  });

  it('takes the Polish flat abbreviation only with its period and a number', () => {
    assert.equal(longest('Biuro: ul. Czajka 6/2, m. 969, 07-431 Drezdenko. Dziękuję'), 'ul. Czajka 6/2, m. 969, 07-431 Drezdenko');
    assert.deepEqual(flagged(addressRecognizer, 'The shed on Calle Mayor, 5 m. de la plaza'), ['Calle Mayor']);
  });

  it('takes a Romanian block in place of the house number, and its staircase and flat', () => {
    assert.equal(longest('Lives alone at: Intrarea Capalna, Bloc 43'), 'Intrarea Capalna, Bloc 43');
    assert.equal(longest('Adresa: Aleea Vespasian, Bloc 65, Ap. 707, Motru. Mulțumesc'), 'Aleea Vespasian, Bloc 65, Ap. 707, Motru');
    assert.equal(longest('Send it to Calle Mayor, Bloque 4, 3º B'), 'Calle Mayor, Bloque 4, 3º B');
  });

  it('takes Slovene and Croatian street names in lower case after their type', () => {
    assert.equal(longest('Send it to Trg mladinskih delovnih brigad 211, 0218 Piran. Thanks!'), 'Trg mladinskih delovnih brigad 211, 0218 Piran');
    assert.equal(longest('Send it to Ulica kneza Koclja 5, Ljubljana'), 'Ulica kneza Koclja 5, Ljubljana');
    assert.deepEqual(flagged(addressRecognizer, 'Our trg team has 5 people'), []);
  });

  it('leaves a block word without a street type or a number alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Take the Aleea, bloc party tonight'), []);
    assert.deepEqual(flagged(addressRecognizer, 'The Bloc 43 voted against the motion'), []);
  });
});

describe('towns and postcodes after a street', () => {
  it('takes the whole town and the postcode after a street', () => {
    assert.equal(longest('Send to 10 Downing Street, London SW1A 2AA today'), '10 Downing Street, London SW1A 2AA');
    assert.equal(longest('Send to 10 Downing Street, Great Missenden HP16 0AL today'), '10 Downing Street, Great Missenden HP16 0AL');
  });

  it('takes a Spanish postcode behind its country prefix, and no field label after the town', () => {
    assert.equal(longest('Dr. Ana Ruiz. C/ Ramón y Cajal, 3 E-47005 Valladolid E-mail: ana@example.com'), 'C/ Ramón y Cajal, 3 E-47005 Valladolid');
    assert.equal(longest('Calle Mayor 5, 28013 Madrid Tel: 91 555 0000'), 'Calle Mayor 5, 28013 Madrid');
  });

  it('does not end a town on the first letter of a postcode glued to it', () => {
    assert.ok(!flagged(addressRecognizer, 'Send to 10 Downing Street, London SW1A 2AA today').some((span) => span.endsWith('London S')));
  });
});

describe('streets named by their type after a preposition of place', () => {
  it('flags a capitalised name and a type that is no ordinary word, without a number', () => {
    assert.deepEqual(flagged(addressRecognizer, 'The bus station is on Köypınar Sokak'), ['Köypınar Sokak']);
    assert.deepEqual(flagged(addressRecognizer, 'He lives on Abbey Road, London.'), ['Abbey Road, London']);
    assert.deepEqual(flagged(addressRecognizer, 'Wir treffen uns in Goethe Allee'), ['Goethe Allee']);
  });

  it('leaves types that are ordinary words, and names after no preposition, alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'It is on Google Drive'), []);
    assert.deepEqual(flagged(addressRecognizer, 'We drove on The Road yesterday'), []);
    assert.deepEqual(flagged(addressRecognizer, 'Abbey Road is an album'), []);
  });
});

describe('firms named after three partners', () => {
  it('flags a list of surnames closed by a joiner of any language as one organisation', () => {
    assert.deepEqual(flagged(partnerListRecognizer, 'Chief executive Teona Marinescu of Parvu, Popovici and Szekely said'), ['Parvu, Popovici and Szekely']);
    assert.deepEqual(flagged(partnerListRecognizer, 'Can Kok, van den Heuvel and Kramer confirm?'), ['Kok, van den Heuvel and Kramer']);
    assert.deepEqual(flagged(partnerListRecognizer, 'Chairman Tara Rodehau of Schaffarzik, Hirt und Behrenbruch dijo'), ['Schaffarzik, Hirt und Behrenbruch']);
    assert.deepEqual(flagged(partnerListRecognizer, 'El bufete Herrera, Castillo y Ortega presentó la demanda'), ['Herrera, Castillo y Ortega']);
  });

  it('leaves lists of places, first names and ordinary words alone', () => {
    assert.deepEqual(flagged(partnerListRecognizer, 'We visited Paris, London and Berlin.'), []);
    assert.deepEqual(flagged(partnerListRecognizer, 'Tom, Dick and Harry came.'), []);
    assert.deepEqual(flagged(partnerListRecognizer, 'Ask Sales, Marketing and Finance first.'), []);
    assert.deepEqual(flagged(partnerListRecognizer, 'Visitó Madrid, Sevilla y Granada en marzo.'), []);
    assert.deepEqual(flagged(partnerListRecognizer, 'Monday, Tuesday and Friday'), []);
  });
});

describe('field labels a model took for a name', () => {
  const kept = (text: string, part: string): string[] => {
    const start = text.indexOf(part);
    const finding = { start, end: start + part.length, label: 'ORGANIZATION' as const, score: 0.9, source: 'ner:test' };
    return filterNerFindings(text, [finding]).map((f) => text.slice(f.start, f.end));
  };

  it('drops a hyphenated record word, or a piece of one', () => {
    assert.deepEqual(kept('Avenida de Córdoba s/n. 28041 Madrid E-mail: ana@example.com', 'E-mail'), []);
    assert.deepEqual(kept('Avenida de Córdoba s/n. 28041 Madrid E-mail: ana@example.com', 'E-'), []);
  });

  it('keeps a hyphenated name', () => {
    assert.deepEqual(kept('Referred by Coca-Cola Health Services. Thanks.', 'Coca-Cola'), ['Coca-Cola']);
  });
});

describe('a person of an organisation', () => {
  const spans = (text: string, ...parts: [string, 'PERSON' | 'ORGANIZATION' | 'LOCATION'][]): string[] =>
    extendBoundaries(
      text,
      parts.map(([part, label]) => {
        const start = text.indexOf(part);
        return { start, end: start + part.length, label, score: label === 'PERSON' ? 0.6 : 0.8, source: 'test' };
      }),
    ).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);

  it('keeps a person and the firm after "of" apart', () => {
    assert.deepEqual(spans('Chief executive Teona Marinescu of Parvu, Popovici and Szekely said', ['Teona Marinescu', 'PERSON'], ['Parvu, Popovici and Szekely', 'ORGANIZATION']), [
      'PERSON:Teona Marinescu',
      'ORGANIZATION:Parvu, Popovici and Szekely',
    ]);
  });

  it('still joins an organisation and the place after "of"', () => {
    assert.deepEqual(spans('She studied at the University of Oxford last year', ['University', 'ORGANIZATION'], ['Oxford', 'LOCATION']), ['ORGANIZATION:University of Oxford']);
  });
});
