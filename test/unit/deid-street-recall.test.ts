import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';
import { ageRecognizer } from '../../main/core/deid/recognizers/age.js';
import { FAKER_NUMBERED_STREET_TYPES, FAKER_STREET_TYPES_BEFORE, FAKER_UNIT_WORDS } from '../../main/core/deid/recognizers/address-vocabulary-faker.js';
import { combineFindings } from '../../main/core/deid/spans.js';
import type { Finding, PiiLabel } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

function at(text: string, part: string, label: PiiLabel, source = 'ner:test'): Finding {
  const start = text.indexOf(part);
  assert.ok(start >= 0, `${part} not in the text`);
  return { start, end: start + part.length, label, score: 0.8, source };
}

const spans = (text: string, findings: Finding[]) => extendBoundaries(text, combineFindings(findings)).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
const flagged = (text: string) => combineFindings(addressRecognizer.detect(asRaw(text))).map((f) => text.slice(f.start, f.end));

describe('a street the NER model read as a name', () => {
  it('takes in the house number after it, and the town after that', () => {
    const text = 'The courier left it at Labinska 329, Zagreb. Can you check?';
    assert.deepEqual(spans(text, [at(text, 'Labinska', 'PERSON')]), ['ADDRESS:Labinska 329, Zagreb']);
    const end = 'Ship it to Borgo Gabriella 4';
    assert.deepEqual(spans(end, [at(end, 'Borgo Gabriella', 'LOCATION')]), ['ADDRESS:Borgo Gabriella 4']);
  });

  it('takes in the house number before it, and the flat after it', () => {
    const text = 'Please send the forms to 1554 Mohr Lake, Suite 707, thanks';
    assert.deepEqual(spans(text, [at(text, 'Mohr Lake', 'PERSON')]), ['ADDRESS:1554 Mohr Lake, Suite 707']);
  });

  it('leaves scores, years, counts and a neighbouring age alone', () => {
    for (const [text, name] of [
      ['LeBron 23 points tonight', 'LeBron'],
      ['Trump 2020 all the way', 'Trump'],
      ['scored by Messi 10 times', 'Messi'],
      ['In 2019 Obama said so', 'Obama'],
    ] as const) {
      assert.deepEqual(spans(text, [at(text, name, 'PERSON')]), [`PERSON:${name}`], text);
    }
    const appositive = 'Patient Jane Doe, 54, seen at the clinic';
    assert.deepEqual(spans(appositive, [at(appositive, 'Jane Doe', 'PERSON')]), ['PERSON:Jane Doe']);
    const street = 'Dirección: Gran Vía, 111. Barcelona';
    assert.deepEqual(spans(street, [at(street, 'Gran Vía', 'LOCATION')]).slice(0, 1), ['ADDRESS:Gran Vía, 111']);
    const text = 'Pt Amant Masson, 102 y/o, lives alone';
    assert.deepEqual(spans(text, [at(text, 'Amant Masson', 'PERSON'), at(text, '102 y/o', 'AGE', 'pattern:age')]), ['PERSON:Amant Masson', 'AGE:102 y/o']);
  });

  it('leaves a name with a number after it mid-sentence as it was', () => {
    const text = 'Rocky 2 was better than the first';
    assert.deepEqual(spans(text, [at(text, 'Rocky', 'PERSON')]), ['PERSON:Rocky']);
    const place = 'Springfield 5 blocks away';
    assert.deepEqual(spans(place, [at(place, 'Springfield', 'LOCATION')]), ['LOCATION:Springfield']);
    const product = 'Olympus 128 MB SmartMedia Card by Olympus';
    assert.deepEqual(spans(product, [at(product, 'Olympus', 'ORGANIZATION')]), ['ORGANIZATION:Olympus']);
  });
});

describe('labels of merged findings', () => {
  it('calls a street a person read as a name inside it an address, and keeps places and organisations', () => {
    const text = 'Please send the forms to 1554 Mohr Lake, Suite 707, thanks';
    const street = { ...at(text, '1554 Mohr Lake, Suite 707', 'ADDRESS', 'pattern:address'), score: 0.7 };
    assert.deepEqual(combineFindings([{ ...at(text, 'Mohr Lake', 'PERSON'), score: 0.9 }, street]).map((f) => f.label), ['ADDRESS']);
    assert.deepEqual(combineFindings([{ ...at(text, 'Mohr Lake', 'LOCATION'), score: 0.9 }, street]).map((f) => f.label), ['LOCATION']);
    // A name that is most of the span stays a name.
    const signed = 'Regards, Margaret Ellison-Whitfield Apt. 4';
    const name = { ...at(signed, 'Margaret Ellison-Whitfield', 'PERSON'), score: 0.9 };
    assert.deepEqual(combineFindings([name, { ...at(signed, 'Whitfield Apt. 4', 'ADDRESS', 'pattern:address'), score: 0.5 }]).map((f) => f.label), ['PERSON']);
  });
});

describe('organisation boundaries', () => {
  it('joins a firm named after its partners, and not a list of organisations', () => {
    const text = 'Signed for White, Willis and Hoffman today.';
    assert.deepEqual(spans(text, [at(text, 'White', 'ORGANIZATION'), at(text, 'Willis and Hoffman', 'ORGANIZATION')]), ['ORGANIZATION:White, Willis and Hoffman']);
    const list = 'Hospital Clínic, Hospital del Mar and others';
    assert.deepEqual(spans(list, [at(list, 'Hospital Clínic', 'ORGANIZATION'), at(list, 'Hospital del Mar', 'ORGANIZATION')]), [
      'ORGANIZATION:Hospital Clínic',
      'ORGANIZATION:Hospital del Mar',
    ]);
  });

  it("takes in the period of an abbreviated company form, not a sentence's", () => {
    const text = 'He works at Miller Ltd. and at Acme. Then home.';
    assert.deepEqual(spans(text, [at(text, 'Miller Ltd', 'ORGANIZATION'), at(text, 'Acme', 'ORGANIZATION')]), ['ORGANIZATION:Miller Ltd.', 'ORGANIZATION:Acme']);
  });
});

describe('street forms from faker locale data', () => {
  it('holds the street types and flat words of many locales, without the ambiguous ones', () => {
    for (const word of ['Strada', 'Intrarea', 'bulw.', 'Rodovia', 'Retorno']) assert.ok(FAKER_STREET_TYPES_BEFORE.includes(word), word);
    for (const word of ['Lake', 'Junction', 'Hollow']) assert.ok(FAKER_NUMBERED_STREET_TYPES.includes(word), word);
    for (const word of ['Zimmer', 'Kat', 'Lgh', 'Appartamento']) assert.ok(FAKER_UNIT_WORDS.includes(word), word);
    for (const word of ['Jr.', 'Grupo', 'Points', 'Ways']) assert.ok(!FAKER_STREET_TYPES_BEFORE.includes(word) && !FAKER_NUMBERED_STREET_TYPES.includes(word), word);
  });

  it('flags streets whose type only faker lists', () => {
    assert.deepEqual(flagged('It is Strada Maurilio 23, Appartamento 33, 84500 Carla salentino for now'), ['Strada Maurilio 23, Appartamento 33, 84500 Carla']);
    assert.deepEqual(flagged('send it to 1554 Mohr Lake, Suite 707, South Carymouth, KY 83917. Thanks'), ['1554 Mohr Lake, Suite 707, South Carymouth, KY 83917']);
    assert.deepEqual(flagged('Our office: Tisza fasor 51, 1452 Apácatorna'), ['Tisza fasor 51, 1452 Apácatorna']);
  });

  it('takes in floors written after their number, bracketed regions, postcodes and towns', () => {
    assert.deepEqual(flagged('the party is at Darnautgasse 39 5 OG tonight'), ['Darnautgasse 39 5 OG']);
    assert.deepEqual(flagged('It is 12 Baker Street, Nicosia, Cyprus (Greek) 51034 for now'), ['12 Baker Street, Nicosia, Cyprus (Greek) 51034']);
    assert.deepEqual(flagged('ship the replacement to Warthestr. 5, 20696 Ennodorf as soon as you can'), ['Warthestr. 5, 20696 Ennodorf']);
    assert.deepEqual(flagged('704 1436 Redbud Drive\nCite Essanaouber\n, 32\n 60810'), ['704 1436 Redbud Drive\nCite Essanaouber\n, 32\n 60810']);
  });

  it('leaves counted things alone', () => {
    assert.deepEqual(flagged('Here are 10 Key Points about the plan'), []);
    assert.deepEqual(flagged('the 3 Little Lake stories'), []);
  });
});

describe('ages after "to be"', () => {
  const ages = (text: string) => ageRecognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));
  it('flags a bare number closing the clause after a person and "to be"', () => {
    assert.deepEqual(ages('Written when he was 78.'), ['78']);
    assert.deepEqual(ages("I'm 45, and I live alone"), ['45']);
    assert.deepEqual(ages('she is 92!'), ['92']);
  });
  it('leaves quantities and numbers that go on alone', () => {
    assert.deepEqual(ages('he was 5 minutes late'), []);
    assert.deepEqual(ages('I am 3.5 tall'), []);
    assert.deepEqual(ages('I was 1,000 miles away'), []);
    assert.deepEqual(ages('it is 300.'), []);
  });
  it('flags both ages of a pair that shares its unit, not two durations', () => {
    assert.deepEqual(ages('con padres de 74 y 64 años. No hay consanguinidad'), ['74', '64 años']);
    assert.deepEqual(ages('tratamiento con GH de los 12 a los 17 años. Intolerancia'), ['12', '17 años']);
    assert.deepEqual(ages('síntomas entre 5 y 10 años de evolución'), []);
    assert.deepEqual(ages('durante un periodo de 2 a 3 años'), []);
    assert.deepEqual(ages('al cabo de 1 y 3 meses, asintomático'), []);
  });
});

describe('person boundaries: abbreviated María', () => {
  it('takes in "M.ª", "Mª" and "M.a" before a name', () => {
    for (const initial of ['M.ª', 'Mª', 'M.a']) {
      const text = `Correspondencia: Dra. ${initial} José Tapia Guerrero, Servicio`;
      assert.deepEqual(spans(text, [at(text, 'José Tapia Guerrero', 'PERSON')]), [`PERSON:${initial} José Tapia Guerrero`], initial);
    }
  });
});
