import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { filterNerFindings } from '../../main/core/deid/ner-filter.js';
import { bareStreetRecognizer } from '../../main/core/deid/recognizers/bare-street.js';
import { datelineRecognizer } from '../../main/core/deid/recognizers/dateline.js';
import { identifierRecognizer } from '../../main/core/deid/recognizers/identifier.js';
import { organizationRecognizer } from '../../main/core/deid/recognizers/organization-cues.js';
import { personCueRecognizer } from '../../main/core/deid/recognizers/person-cues.js';
import type { Finding, PiiLabel, Recognizer } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/**
 * Recall fixes found on fresh multi-domain sets (round 4): a news agency that writes its name in lower case, a
 * Hungarian firm's number and partner form before its legal form, a newspaper's article and a model's name closing
 * on a kind of institution, a relative's first name that is also a word, a record's "Surname, Given name", a model's
 * span cut at line breaks, an address block's town line a model read as a name, a street named with no type word,
 * a code of capitals alone after an ID keyword, a firm's number before its form, and a lower-case first name before a
 * lower-case name;
 * each with a case it must flag
 * and a look-alike it must leave alone.
 */
const flagged = (recognizer: Recognizer, text: string): string[] =>
  recognizer.detect(asRaw(text)).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);

/** A finding over the first occurrence of `part` (after `after`, if given). */
function at(text: string, part: string, label: PiiLabel, source = 'ner:test', after = 0): Finding {
  const start = text.indexOf(part, after);
  assert.ok(start >= 0, `${part} not in ${text}`);
  return { start, end: start + part.length, label, score: 0.8, source };
}

const extended = (text: string, findings: Finding[]): string[] =>
  extendBoundaries(text, findings).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);

describe('a dateline whose agency writes its name in lower case', () => {
  it('takes "dpa" as the agency', () => {
    assert.deepEqual(flagged(datelineRecognizer, 'LA ROCHELLE (dpa) - Chief executive Salomé Lecomte said'), ['LOCATION:LA ROCHELLE', 'ORGANIZATION:dpa']);
  });

  it('hard negative: another lower-case word in brackets before a dash is no agency', () => {
    assert.deepEqual(flagged(datelineRecognizer, 'OK (see) - no more'), []);
    assert.deepEqual(flagged(datelineRecognizer, 'NOTE (new) - the form changed'), []);
  });
});

describe('a Hungarian firm', () => {
  it('takes a number of its name and two forms in a row before the legal form', () => {
    const text = 'Shares of Szabó 2000 Zrt. rose on Monday';
    assert.deepEqual(extended(text, [at(text, 'Szabó', 'ORGANIZATION')]), ['ORGANIZATION:Szabó 2000 Zrt.']);
    const partners = 'Shares of Jakab és Tsa. Bt. rose on Monday';
    assert.deepEqual(extended(partners, [at(partners, 'Jakab', 'ORGANIZATION')]), ['ORGANIZATION:Jakab és Tsa. Bt.']);
  });

  it('hard negative: a number without a form after it stays out', () => {
    const text = 'Szabó 2000 was the year of the merger';
    assert.deepEqual(extended(text, [at(text, 'Szabó', 'ORGANIZATION')]), ['ORGANIZATION:Szabó']);
  });
});

describe("a newspaper's article and a name closing on a kind of institution", () => {
  it('takes "The" before a newspaper and reads a model\'s person ending in "Herald" as the newspaper', () => {
    const text = 'the findings, first reported by The Ciudad del Carmen Herald, would be presented';
    assert.deepEqual(extended(text, [at(text, 'Ciudad del Carmen Herald', 'PERSON')]), ['ORGANIZATION:The Ciudad del Carmen Herald']);
  });

  it('hard negative: a lower-case article, and a name before a hospital that goes on, stay as they are', () => {
    const text = 'as the Miami Herald wrote';
    assert.deepEqual(extended(text, [at(text, 'Miami Herald', 'ORGANIZATION')]), ['ORGANIZATION:Miami Herald']);
    const doctor = 'Remitido por: Dr. Jose Cumplido Hospital Torrevieja';
    assert.deepEqual(extended(doctor, [at(doctor, 'Jose Cumplido Hospital', 'PERSON')])[0], 'PERSON:Jose Cumplido Hospital');
  });
});

describe("a relative's first name that is also a word", () => {
  it('takes it after the relative', () => {
    assert.deepEqual(flagged(personCueRecognizer, 'Pain controlled. Husband June at bedside.'), ['PERSON:June']);
    assert.deepEqual(flagged(personCueRecognizer, 'Pain controlled. Wife Ada at bedside.'), ['PERSON:Ada']);
  });

  it('hard negative: a word no list has as a first name stays out', () => {
    assert.deepEqual(flagged(personCueRecognizer, 'Mother Nature was kind to us'), []);
    assert.deepEqual(flagged(personCueRecognizer, 'Father Christmas came early'), []);
  });
});

describe('a record\'s "Surname, Given name" after a form label', () => {
  it('takes both parts and the comma', () => {
    const found = flagged(personCueRecognizer, 'DISCHARGE SUMMARY\nPatient: Donnelly, Anna    MRN: MRN8429652');
    assert.ok(found.includes('PERSON:Donnelly, Anna'), found.join(' | '));
    const spanish = flagged(personCueRecognizer, 'Patient: Oquendo Figueroa, Guillermo    MRN: 99149277');
    assert.ok(spanish.includes('PERSON:Oquendo Figueroa, Guillermo'), spanish.join(' | '));
  });

  it('hard negative: a town or a number after the comma is no given name', () => {
    assert.deepEqual(flagged(personCueRecognizer, 'Patient: Ruiz, Madrid'), ['PERSON:Ruiz']);
    assert.deepEqual(flagged(personCueRecognizer, 'Name: Smith, 45, male'), ['PERSON:Smith']);
  });
});

describe("a model's span over a line break", () => {
  it('is cut into one finding per line', () => {
    const text = 'Lives alone at:\n816 Coy Gardens\nBerge-over-Flatley SN51 45W';
    const kept = filterNerFindings(text, [at(text, 'Gardens\nBerge', 'PERSON')]).map((f) => text.slice(f.start, f.end));
    assert.deepEqual(kept, ['Gardens', 'Berge']);
  });

  it("hard negative: a line's part that is one dictionary word alone is dropped, a span on one line is kept", () => {
    const text = 'Attending: Dr. Murilo Braga\nService: Oncology';
    assert.deepEqual(filterNerFindings(text, [at(text, 'Murilo Braga\nService', 'PERSON')]).map((f) => text.slice(f.start, f.end)), ['Murilo Braga']);
    const one = 'Seen by Murilo Braga today';
    assert.deepEqual(filterNerFindings(one, [at(one, 'Murilo Braga', 'PERSON')]).map((f) => one.slice(f.start, f.end)), ['Murilo Braga']);
  });
});

describe("an address block's town line a model read as a name", () => {
  it('takes the town line closing in a UK postcode, and the country line after it', () => {
    const text = 'Deliver to:\n99 Geovanny Garth\nDietrich-on-O\'Hara PE3 3QM\nChile\nLeave with the neighbour.';
    const found = extended(text, [
      at(text, '99 Geovanny Garth', 'ADDRESS', 'pattern:address'),
      at(text, 'Dietrich', 'PERSON'),
      at(text, 'Chile', 'LOCATION', 'pattern:location'),
    ]);
    assert.deepEqual(found, ["ADDRESS:99 Geovanny Garth\nDietrich-on-O'Hara PE3 3QM\nChile"]);
  });

  it('hard negative: a name the recognizers found, or a line without a postcode, ends the block', () => {
    const signed = 'Deliver to:\n99 Geovanny Garth\nAnna Berg\nThanks';
    const found = extended(signed, [at(signed, '99 Geovanny Garth', 'ADDRESS', 'pattern:address'), at(signed, 'Anna Berg', 'PERSON', 'pattern:person')]);
    assert.deepEqual(found, ['ADDRESS:99 Geovanny Garth', 'PERSON:Anna Berg']);
    const noPostcode = 'Deliver to:\n99 Geovanny Garth\nDietrich Hall\nThanks';
    const kept = extended(noPostcode, [at(noPostcode, '99 Geovanny Garth', 'ADDRESS', 'pattern:address'), at(noPostcode, 'Dietrich', 'PERSON')]);
    assert.deepEqual(kept, ['ADDRESS:99 Geovanny Garth', 'PERSON:Dietrich Hall']);
  });
});

describe('a street named with no type word', () => {
  it('takes it after a preposition of place before a clause ends, and alone above a postcode line', () => {
    assert.deepEqual(flagged(bareStreetRecognizer, 'The courier left it at Litovská 4 instead of Ondrejovova 728, can you check?'), ['ADDRESS:Ondrejovova 728']);
    assert.deepEqual(flagged(bareStreetRecognizer, 'Follow-up in 2 weeks at Dubová 52, 993 47 Partizánske.'), ['ADDRESS:Dubová 52, 993 47 Partizánske']);
    assert.deepEqual(flagged(bareStreetRecognizer, 'Mobile: 0949 063 150\nHasičská 7\n62 492 Levice'), ['ADDRESS:Hasičská 7\n62 492 Levice']);
    assert.deepEqual(flagged(bareStreetRecognizer, 'Lo dejó en Kapelska 922.'), ['ADDRESS:Kapelska 922']);
  });

  it('hard negative: nouns that take a number, months, places with a year, decimals and other prepositions', () => {
    for (const text of ['meet me at Gate 5.', 'left it at Room 12.', 'the end of Chapter 2.', 'we met at Paris 2024.', 'see you at Tuesday 5.',
      'Bioquímica: Creatinina 1,2 mg/dl', 'Results of Hemoglobina 13,3 g/dl', 'runs on Windows 11.', 'upgrade to Windows 11.', 'at Kapelska 922 people work',
      'the plot of Terminator 2: Judgment Day']) {
      assert.deepEqual(flagged(bareStreetRecognizer, text), [], text);
    }
  });
});

describe('a code of capitals alone after an ID keyword', () => {
  it('takes a random code with no digit', () => {
    assert.deepEqual(flagged(identifierRecognizer, 'Ana Siliņa, DOB 2018-10-06, insurance ID XLUZAXACHX. Lives alone'), ['ID:XLUZAXACHX']);
  });

  it('hard negative: a word or words in capitals after the keyword stay out', () => {
    assert.deepEqual(flagged(identifierRecognizer, 'DOB 2018-10-06, insurance ID UNAVAILABLE.'), []);
    assert.deepEqual(flagged(identifierRecognizer, 'On 2020-10-10 the ID PENDINGAPPROVAL was sent'), []);
  });
});

describe("a firm's number before its legal form", () => {
  it('finds the firm with its number', () => {
    assert.deepEqual(flagged(organizationRecognizer, 'Zétény Somogyi of Csonka 2000 Kv. is the CEO'), ['ORGANIZATION:Csonka 2000 Kv.']);
  });

  it('hard negative: a number and a form with no name before them are no firm', () => {
    assert.deepEqual(flagged(organizationRecognizer, 'He paid 2000 Kft. in fees'), []);
  });
});

describe('a first name in lower case before a name in lower case', () => {
  it('joins the name', () => {
    const text = 'police have detained tennis player tellervo nieminen over visa disputes';
    assert.deepEqual(extended(text, [at(text, 'nieminen', 'PERSON')]), ['PERSON:tellervo nieminen']);
  });

  it('hard negative: an ordinary word, or a first name before a capitalised name, stays out', () => {
    const friend = 'i told my friend smith about it';
    assert.deepEqual(extended(friend, [at(friend, 'smith', 'PERSON')]), ['PERSON:smith']);
    const panel = 'and pol panel Alannah MacTiernan spoke';
    assert.deepEqual(extended(panel, [at(panel, 'panel Alannah MacTiernan', 'PERSON')]), ['PERSON:panel Alannah MacTiernan']);
  });
});
