import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';
import { locationRecognizer } from '../../main/core/deid/recognizers/location-gazetteer.js';
import { organizationRecognizer } from '../../main/core/deid/recognizers/organization-cues.js';
import { otherScriptNameRecognizer } from '../../main/core/deid/recognizers/other-script-names.js';
import { personCueRecognizer } from '../../main/core/deid/recognizers/person-cues.js';
import { phoneRecognizer } from '../../main/core/deid/recognizers/phone.js';
import type { Recognizer } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/**
 * Shapes of phones, organisations, names and streets that the fresh and template sets of unseen locales exposed:
 * each with a case it must cover and a look-alike it must leave as it was.
 */
const found = (recognizer: Recognizer, text: string): string[] => [
  ...new Set(recognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end))),
];

describe('phones of six digits right after a phone word', () => {
  it('finds a local number a label or "call me on" announces', () => {
    assert.deepEqual(found(phoneRecognizer, 'Magdić Tel: 124 104 | Mobile: 748 895 Makarska'), ['124 104', '748 895']);
    assert.deepEqual(found(phoneRecognizer, 'train gets in at 6, call me on 159 173 if it is late'), ['159 173']);
    assert.deepEqual(found(phoneRecognizer, 'Tel +385 31 412 056, fax 186 069.'), ['+385 31 412 056', '186 069']);
  });
  it('leaves six digits with no phone word right before them', () => {
    assert.deepEqual(found(phoneRecognizer, 'Room 614 219 is free; the mobile unit moved.'), []);
    assert.deepEqual(found(phoneRecognizer, 'Phone bill: order 614 219 was paid.'), []);
  });
});

describe('phones a contact word announces across a name, written whole', () => {
  it('finds eight digits or more after "Emergency contact: daughter Name,"', () => {
    assert.deepEqual(found(phoneRecognizer, 'Emergency contact: daughter Maja Martinsen, 43538048. Please schedule'), ['43538048']);
    assert.deepEqual(found(phoneRecognizer, 'Emergency contact: daughter Fenna Jansen, +31671338399. Please'), ['+31671338399']);
  });
  it('leaves an order number after the name, and a number with no contact word', () => {
    assert.deepEqual(found(phoneRecognizer, 'Emergency contact: daughter Maja Martinsen, order 43538048.'), []);
    assert.deepEqual(found(phoneRecognizer, 'Daughter Maja Martinsen, 43538048 steps walked.'), []);
  });
});

describe('phones in brackets after a practice or firm name', () => {
  it('finds the number of "X Family Practice (…)"', () => {
    assert.deepEqual(found(phoneRecognizer, 'Referral from Dr. Wold of Stornes Family Practice (55 27 65 61) regarding'), ['55 27 65 61']);
    assert.deepEqual(found(phoneRecognizer, 'Espino of Ciudad Acuña Family Practice (532.135.482) regarding'), ['532.135.482']);
  });
  it('leaves a span of years and a short count in brackets', () => {
    assert.deepEqual(found(phoneRecognizer, 'the Budget (2019 2020) was approved'), []);
    assert.deepEqual(found(phoneRecognizer, 'the Census (1 234 567) counted'), []);
  });
});

describe('institutions named after a surname that is also a word', () => {
  it('finds "Santos Medical Center" and "Parker Medical Center" inside a sentence', () => {
    assert.deepEqual(found(organizationRecognizer, 'was taken to Santos Medical Center on October 5'), ['Santos Medical Center']);
    assert.deepEqual(found(organizationRecognizer, 'was taken to Parker Medical Center on May 2'), ['Parker Medical Center']);
  });
  it('leaves a sentence opened by such a word, and descriptors alone', () => {
    assert.deepEqual(found(organizationRecognizer, 'Will Hospital staff be there?'), []);
    assert.deepEqual(found(organizationRecognizer, 'He went to the Family Practice and the General Hospital.'), []);
  });
});

describe('institutions named in Greek script', () => {
  it('finds "Τρίκαλα Family Practice"', () => {
    assert.deepEqual(found(organizationRecognizer, 'Referral received from Dr. Βέργας of Τρίκαλα Family Practice today'), ['Τρίκαλα Family Practice']);
  });
  it('leaves a Greek word before a kind of institution alone when it is no capitalised name', () => {
    assert.deepEqual(found(organizationRecognizer, 'the τοπικό Family Practice'), []);
  });
});

describe('company forms of other languages', () => {
  it('finds names before a form: "Tatárová v.o.s.", "Magnusson Aktiebolag", "Kopecký a Sadílek s.r.o."', () => {
    assert.deepEqual(found(organizationRecognizer, 'Chief executive Cyril Korecová of Tatárová v.o.s. said'), ['Tatárová v.o.s.']);
    assert.deepEqual(found(organizationRecognizer, 'Chairman Karl Ström of Magnusson Aktiebolag said'), ['Magnusson Aktiebolag']);
    assert.deepEqual(found(organizationRecognizer, 'Chairman Nona Boháčová of Kopecký a Sadílek s.r.o. said'), ['Kopecký a Sadílek s.r.o.']);
    assert.deepEqual(found(organizationRecognizer, 'I work for Αλεβίζος Α.Ε. now'), ['Αλεβίζος Α.Ε.']);
  });
  it('leaves "DA" and "CV" after a name, and a form in capitals text', () => {
    assert.deepEqual(found(organizationRecognizer, 'Seen by the Texas DA today.'), []);
    assert.deepEqual(found(organizationRecognizer, 'Maria sent her CV'), []);
    assert.deepEqual(found(organizationRecognizer, 'KNOWN AS WELL'), []);
  });
});

describe('names in another script inside Latin-script text', () => {
  it('finds Greek and Cyrillic capitalised names in English text', () => {
    assert.deepEqual(found(otherScriptNameRecognizer, 'Discussed with Χριστινα Δασκαλοπούλου, RN. Dispo home tomorrow'), ['Χριστινα Δασκαλοπούλου']);
    assert.deepEqual(found(otherScriptNameRecognizer, 'Hello Dr. Αλεξόπουλος, I am writing on behalf of my mother'), ['Αλεξόπουλος']);
    assert.deepEqual(found(otherScriptNameRecognizer, 'Meeting with Иван Петров at noon'), ['Иван Петров']);
  });
  it('leaves a text written in Greek, and Greek words in lower case or capitals', () => {
    assert.deepEqual(found(otherScriptNameRecognizer, 'Ο ασθενής προσήλθε με πόνο στο στήθος. Η θεραπεία συνεχίζεται.'), []);
    assert.deepEqual(found(otherScriptNameRecognizer, 'The letter α and the word ΑΘΗΝΑ in a formula'), []);
  });
});

describe('streets written type first after a preposition of place, without a number', () => {
  it('finds "on Rue de Rivoli", "on Incrocio Umile", "on Andador República de Cuba"', () => {
    assert.deepEqual(found(addressRecognizer, 'We met on Rue de Rivoli yesterday'), ['Rue de Rivoli']);
    assert.deepEqual(found(addressRecognizer, 'The bus station is on Incrocio Umile'), ['Incrocio Umile']);
    assert.deepEqual(found(addressRecognizer, 'The bus station is on Andador República de Cuba'), ['Andador República de Cuba']);
  });
  it('leaves a street type with no preposition before it, and a type before a lower-case word', () => {
    assert.deepEqual(found(addressRecognizer, 'Route Planning is hard.'), []);
    assert.deepEqual(found(addressRecognizer, 'We met on Place settings day'), []);
  });
});

describe('countries as other languages write them', () => {
  it('finds a one-word country after a cue, and a country of two words alone', () => {
    assert.deepEqual(found(locationRecognizer, 'for the International Monetary Fund in Italien declined to comment.'), ['Italien']);
    assert.deepEqual(found(locationRecognizer, 'would be presented at a meeting in Slovakien next month.'), ['Slovakien']);
    assert.deepEqual(found(locationRecognizer, 'Das Treffen ist in Peruánska republika geplant.'), ['Peruánska republika']);
  });
  it('leaves a one-word country of another language with no cue, and the European Union', () => {
    assert.deepEqual(found(locationRecognizer, 'Italien wine was served.'), []);
    assert.deepEqual(found(locationRecognizer, 'by invoking Article 50 of the Treaty on European Union'), []);
  });
});

describe("a quotation's speaker", () => {
  it('finds the name between the closing mark and the verb of saying', () => {
    assert.deepEqual(found(personCueRecognizer, '"We did not take this decision lightly," Cappelletti told reporters.'), ['Cappelletti']);
    assert.deepEqual(found(personCueRecognizer, '"We did not take this decision lightly," van der Wal told reporters.'), ['van der Wal']);
    assert.deepEqual(found(personCueRecognizer, '«Es una decisión difícil», Pérez afirmó ayer.'), ['Pérez']);
  });
  it('leaves a group noun, a lower-case speaker, and an opening mark', () => {
    assert.deepEqual(found(personCueRecognizer, '"Stay back," Police said.'), []);
    assert.deepEqual(found(personCueRecognizer, '"No comment," the spokesman said.'), []);
    assert.deepEqual(found(personCueRecognizer, 'The sign read "Danger" Zone said nothing'), []);
  });
});

describe("French streets with an elided article, and mistyped UK postcodes after the word", () => {
  it("reads \"9 Avenue de l'Eau des Fontaines\" and \"zip code is EH36 96O\"", () => {
    assert.ok(found(addressRecognizer, "Please send the forms to my office: 9 Avenue de l'Eau des Fontaines, 2 étage, 9106 Rorschach. Thanks!").includes("9 Avenue de l'Eau des Fontaines, 2 étage, 9106 Rorschach"));
    assert.deepEqual(found(addressRecognizer, 'My zip code is EH36 96O'), ['EH36 96O']);
  });
  it('leaves the same code without a postcode word', () => {
    assert.deepEqual(found(addressRecognizer, 'I scored EH36 96O'), []);
    assert.deepEqual(found(addressRecognizer, "l'Eau des Fontaines is a spring."), []);
  });
});
