import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';
import { creditCardRecognizer } from '../../main/core/deid/recognizers/credit-card.js';
import { personCueRecognizer } from '../../main/core/deid/recognizers/person-cues.js';
import { combineFindings } from '../../main/core/deid/spans.js';
import type { Finding, PiiLabel } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/**
 * Span edges and shapes found by counting the characters left in the clear on the development sets (corners,
 * partners' firms, a street before its flat and postcode, surnames and their suffixes): each with a case it must cover and a
 * look-alike it must leave as it was.
 */
const flagged = (text: string) => combineFindings(addressRecognizer.detect(asRaw(text))).map((f) => text.slice(f.start, f.end));

/** Boundary rules over findings given by their text and label, as a name detector would report them. */
function extended(text: string, ...spans: [string, PiiLabel][]): string[] {
  const findings: Finding[] = spans.map(([word, label]) => {
    const start = text.indexOf(word);
    assert.ok(start >= 0, `${word} is in the text`);
    return { start, end: start + word.length, label, score: 0.8, source: 'ner' };
  });
  return extendBoundaries(text, findings).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
}

describe('corners', () => {
  it('reads articles, abbreviated types and lower-case types after the name as part of a corner', () => {
    assert.deepEqual(flagged('send a new one to the corner of Unter dem Schildchen and Beethovenstr.? I am'), [
      'the corner of Unter dem Schildchen and Beethovenstr.',
    ]);
    assert.deepEqual(flagged('office is at the corner of Sērenes bulvāris and Mazā Jaunavu laukums'), [
      'the corner of Sērenes bulvāris and Mazā Jaunavu laukums',
    ]);
    assert.deepEqual(flagged('change my address to the corner of Vajdahunyad dűlő and Laurent liget for post mail?'), [
      'the corner of Vajdahunyad dűlő and Laurent liget',
    ]);
  });

  it('reads a corner in text written in lower case, up to the first ordinary word', () => {
    assert.deepEqual(flagged('the letter arrived at the corner of aleea veronica micle and aleea veronica micle last night.'), [
      'the corner of aleea veronica micle and aleea veronica micle',
    ]);
  });

  it('leaves a lower-case corner of ordinary words alone', () => {
    assert.deepEqual(flagged('meet at the corner of kitchen and hallway'), []);
    assert.deepEqual(flagged('out of the corner of my eye and then'), []);
  });
});

describe('street types', () => {
  it('reads a street type joined to the name by a hyphen', () => {
    assert.deepEqual(flagged('The courier left it at Albert-Schweitzer-Str. 9, can you check?'), ['Albert-Schweitzer-Str. 9']);
  });

  it('reads the capitalised Nordic types after a two-word name', () => {
    assert.deepEqual(flagged('The courier left it at Alices Väg 699 instead of Claess Gata 73, can you check?'), [
      'Alices Väg 699',
      'Claess Gata 73',
    ]);
  });

  it('reads a name holding its own type before "St.", in a text without digits', () => {
    assert.deepEqual(flagged('Pedestrians must enter on Udsigtsvej St. the first three months'), ['Udsigtsvej St.']);
    assert.deepEqual(flagged('Pedestrians must enter on Quai Pierre Charron St. the first three months'), ['Quai Pierre Charron St.']);
    assert.deepEqual(flagged('Pedestrians must enter on Magyar körtér St. the first three months'), ['Magyar körtér St.']);
  });

  it('leaves "St." for Saint alone', () => {
    assert.deepEqual(flagged('We went to St. Louis and then Notre Dame St. Mary church'), []);
  });

  it('leaves a gate number and a hyphenated name without a type alone', () => {
    assert.deepEqual(flagged('Boarding at Heathrow Gate 5 and then Anna-Maria 5 times'), []);
  });
});

describe('a street before its flat and postcode', () => {
  it('takes in the street and house number before an address found from its flat or postcode', () => {
    const text = 'Please send the forms to my office: Fruškogorska 3, Stan 52, 63894 Čabar. Thanks!';
    assert.deepEqual(extended(text, ['Stan 52, 63894 Čabar', 'ADDRESS']), ['ADDRESS:Fruškogorska 3, Stan 52, 63894 Čabar']);
    const greek = 'New address for Παύλος: Διδασκάλου 23, 4ος, 241 12 Μέγαρα';
    assert.deepEqual(extended(greek, ['241 12 Μέγαρα', 'ADDRESS']), ['ADDRESS:Διδασκάλου 23, 4ος, 241 12 Μέγαρα']);
  });

  it('takes in a street without a number when its type comes first', () => {
    const text = 'Dirección de envío: Bulevardul Alexandru Locusteanu, Bloc 10, 628175 Flămânzi';
    assert.deepEqual(extended(text, ['Bloc 10, 628175 Flămânzi', 'ADDRESS']), ['ADDRESS:Bulevardul Alexandru Locusteanu, Bloc 10, 628175 Flămânzi']);
  });

  it('leaves a name, a date or a street found whole alone', () => {
    const name = 'Send it to John, Apt. 5, 10001 New York';
    assert.deepEqual(extended(name, ['Apt. 5, 10001 New York', 'ADDRESS']), ['ADDRESS:Apt. 5, 10001 New York']);
    const date = 'We met on March 3, 2020, 28001 Madrid';
    assert.deepEqual(extended(date, ['28001 Madrid', 'ADDRESS']), ['ADDRESS:28001 Madrid']);
    const street = 'at Hospital Clínic 5, Calle Mayor 3';
    assert.deepEqual(extended(street, ['Calle Mayor 3', 'ADDRESS']), ['ADDRESS:Calle Mayor 3']);
  });
});

describe('address tails', () => {
  /** Boundary rules over address findings (the address recognizer's source, so address rules apply). */
  function tails(text: string, ...spans: [string, PiiLabel][]): string[] {
    const findings: Finding[] = spans.map(([word, label]) => {
      const start = text.indexOf(word);
      return { start, end: start + word.length, label, score: 0.8, source: label === 'ADDRESS' ? 'pattern:address' : 'ner' };
    });
    return extendBoundaries(text, findings).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
  }

  it('takes in flat and block words of any language with their numbers', () => {
    assert.deepEqual(tails('the party is at Aleea Valului, Bloc 44 Ap. 781 tonight', ['Aleea Valului', 'ADDRESS']), ['ADDRESS:Aleea Valului, Bloc 44 Ap. 781']);
    assert.deepEqual(tails('the party is at rynek Komorowski 394 m. 621 tonight', ['rynek Komorowski 394', 'ADDRESS']), ['ADDRESS:rynek Komorowski 394 m. 621']);
  });

  it('joins a town and its country across a postcode of letters and digits, and closes the bracket it opened', () => {
    const text = 'Dirección de envío: 94 Mittie Lane, Wehnerridge ZE5 0KY (Latvia)';
    assert.deepEqual(tails(text, ['94 Mittie Lane', 'ADDRESS'], ['Wehnerridge', 'LOCATION'], ['Latvia', 'LOCATION']), [
      'ADDRESS:94 Mittie Lane, Wehnerridge ZE5 0KY (Latvia)',
    ]);
  });

  it('leaves a measure after a street, and a bracket it did not open, alone', () => {
    assert.deepEqual(tails('I live at Main Street 5 and it costs 5 m. 3 ways', ['Main Street 5', 'ADDRESS']), ['ADDRESS:Main Street 5']);
    assert.deepEqual(tails('(we met at Main Street 5) later', ['Main Street 5', 'ADDRESS']), ['ADDRESS:Main Street 5']);
  });
});

describe('firms named after partners', () => {
  it('joins partners when any of them was read as an organisation', () => {
    assert.deepEqual(extended('I work for Lewicki, Karpiński and Filipek', ['Lewicki', 'ORGANIZATION'], ['Karpiński and Filipek', 'PERSON']), [
      'ORGANIZATION:Lewicki, Karpiński and Filipek',
    ]);
  });

  it('joins three single surnames read as people or places', () => {
    assert.deepEqual(extended('Zboncak, Weimann and Lebsack', ['Zboncak', 'PERSON'], ['Weimann', 'PERSON'], ['Lebsack', 'PERSON']), [
      'ORGANIZATION:Zboncak, Weimann and Lebsack',
    ]);
    assert.deepEqual(extended('Walther, Bartels und Lamos', ['Walther', 'LOCATION'], ['Bartels', 'LOCATION'], ['Lamos', 'LOCATION']), [
      'ORGANIZATION:Walther, Bartels und Lamos',
    ]);
  });

  it('leaves lists of first names and of known places as lists', () => {
    assert.deepEqual(extended('Alice, Bob and Carol came', ['Alice', 'PERSON'], ['Bob', 'PERSON'], ['Carol', 'PERSON']), [
      'PERSON:Alice',
      'PERSON:Bob',
      'PERSON:Carol',
    ]);
    assert.deepEqual(extended('We flew Paris, London and Berlin', ['Paris', 'LOCATION'], ['London', 'LOCATION'], ['Berlin', 'LOCATION']), [
      'LOCATION:Paris',
      'LOCATION:London',
      'LOCATION:Berlin',
    ]);
  });
});

describe('names', () => {
  it('takes in an unknown surname after a one-word name, in any script', () => {
    assert.deepEqual(extended('"Don\'t feed me," says Cettina Fanucci in an interview', ['Cettina', 'PERSON']), ['PERSON:Cettina Fanucci']);
    assert.deepEqual(extended('New address for Παύλος Δαμασκηνός: Διδασκάλου 23', ['Παύλος', 'PERSON']), ['PERSON:Παύλος Δαμασκηνός']);
  });

  it('leaves ordinary words, weekdays, usernames and streets after a name alone', () => {
    assert.deepEqual(extended('I told Maria Monday was fine', ['Maria', 'PERSON']), ['PERSON:Maria']);
    assert.deepEqual(extended('@borkware Somehow my iPad broke', ['@borkware', 'PERSON']), ['PERSON:@borkware']);
    assert.deepEqual(extended('ask Maria Street 5', ['Maria', 'PERSON']), ['PERSON:Maria']);
    assert.deepEqual(extended('seen by Smith Cardiology clinic', ['Smith', 'PERSON']), ['PERSON:Smith']);
  });

  it('takes in the rest of a hyphenated name a model read one part of', () => {
    assert.deepEqual(extended('She works for Dertmann-Krol as an engineer', ['Krol', 'ORGANIZATION']), ['ORGANIZATION:Dertmann-Krol']);
    assert.deepEqual(extended('>Αντώνης >Μακρής-Βαρνακιώτης >', ['Μακρής', 'ORGANIZATION']), ['ORGANIZATION:Μακρής-Βαρνακιώτης']);
    assert.deepEqual(extended('injured from Pays-Bas, but', ['Bas', 'LOCATION']), ['LOCATION:Pays-Bas']);
  });

  it('takes no number, nor a word that runs into one, after a hyphen', () => {
    assert.deepEqual(extended('a COVID-19 patient', ['COVID', 'ORGANIZATION']), ['ORGANIZATION:COVID']);
    assert.deepEqual(extended('Order from Krol-IA2 today', ['Krol', 'ORGANIZATION']), ['ORGANIZATION:Krol']);
  });

  it('takes in a generation or degree after a name', () => {
    assert.deepEqual(extended('New address for Heloísa Santos Jr.: 332 Marginal', ['Heloísa Santos', 'PERSON']), ['PERSON:Heloísa Santos Jr.']);
    assert.deepEqual(extended('From: Georgiana Will DDS <e@x.com>', ['Georgiana Will', 'PERSON']), ['PERSON:Georgiana Will DDS']);
  });

  it("takes in a suffix's period, and the surname after particles", () => {
    assert.deepEqual(extended('Pt Safiya Ritsma Jr., 95 y/o', ['Safiya Ritsma Jr', 'PERSON']), ['PERSON:Safiya Ritsma Jr.']);
    assert.deepEqual(extended('From: Kyra van der Horst <a@b.nl>', ['Kyra van der', 'PERSON']), ['PERSON:Kyra van der Horst']);
    assert.deepEqual(extended('la doctora Ana de la Fuente dijo', ['Ana', 'PERSON']), ['PERSON:Ana de la Fuente']);
  });

  it('takes no unit of an institution after particles, nor "of" as a particle', () => {
    assert.deepEqual(extended('Médico Adjunto del Servicio de Nefrología', ['Adjunto', 'PERSON']), ['PERSON:Adjunto']);
    assert.deepEqual(extended('Dr. Juan Utiel Servicio de Nefrología', ['Juan Utiel Servicio', 'PERSON']), ['PERSON:Juan Utiel Servicio']);
    assert.deepEqual(extended('the Bishop of London said', ['Bishop', 'PERSON']), ['PERSON:Bishop']);
  });

  it('joins a title a model read as a name to the name after its period, not two names across a sentence', () => {
    assert.deepEqual(extended('Hola, soy Mrs. Amira Ward y mi', ['Mrs', 'PERSON'], ['Amira Ward', 'PERSON']), ['PERSON:Mrs. Amira Ward']);
    assert.deepEqual(extended('Hola, soy JUDr. Mabel Pekařová y mi', ['JUDr', 'PERSON'], ['Mabel Pekařová', 'PERSON']), ['PERSON:JUDr. Mabel Pekařová']);
    assert.deepEqual(extended('I told Bob. Alice said no', ['Bob', 'PERSON'], ['Alice', 'PERSON']), ['PERSON:Bob', 'PERSON:Alice']);
  });

  it('leaves a word that only starts like a degree, and a title before the name, alone', () => {
    assert.deepEqual(extended('From: Georgiana Will MDMA dealer', ['Georgiana Will', 'PERSON']), ['PERSON:Georgiana Will']);
    assert.deepEqual(extended('From: Dott. Palladia Di Somma <z@x.it>', ['Palladia Di Somma', 'PERSON']), ['PERSON:Palladia Di Somma']);
  });
});

describe('names inside words', () => {
  it('reads no first name from the middle of a word on a small letter of Latin Extended-A', () => {
    const names = (text: string) => personCueRecognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));
    assert.deepEqual(names('The office is at Sērenes bulvāris now'), []);
    assert.deepEqual(names('No intent to hurt Cindy'), ['Cindy']);
  });
});

describe('card numbers', () => {
  const cards = (text: string) => creditCardRecognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));

  it('takes a number that passes Luhn after a card word, whatever its issuer range', () => {
    assert.deepEqual(cards('how do I redeem points won on credit card 060426070011 transactions?'), ['060426070011']);
  });

  it('leaves such a number without a card word, and one failing Luhn after it, alone', () => {
    assert.deepEqual(cards('order number 060426070011 shipped'), []);
    assert.deepEqual(cards('credit card 060426070012 declined'), []);
  });
});
