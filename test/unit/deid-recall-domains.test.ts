import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { filterNerFindings } from '../../main/core/deid/ner-filter.js';
import { dateRecognizer } from '../../main/core/deid/recognizers/date.js';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';
import { datelineRecognizer } from '../../main/core/deid/recognizers/dateline.js';
import { identifierRecognizer } from '../../main/core/deid/recognizers/identifier.js';
import { organizationRecognizer } from '../../main/core/deid/recognizers/organization-cues.js';
import { personCueRecognizer } from '../../main/core/deid/recognizers/person-cues.js';
import { phoneRecognizer } from '../../main/core/deid/recognizers/phone.js';
import type { PiiLabel, Recognizer } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/**
 * Spans of news, English clinical notes, e-mails and chat logs (the domain frames of the fresh faker set): each
 * with a case it must cover and a look-alike it must leave as it was.
 */
const found = (recognizer: Recognizer, text: string): string[] => [
  ...new Set(recognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end))),
];

/** Whether the NER filter keeps a model's span, given by its text, in `text`. */
function keeps(text: string, span: string, label: PiiLabel = 'PERSON'): boolean {
  const start = text.indexOf(span);
  assert.ok(start >= 0, `${span} is in the text`);
  return filterNerFindings(text, [{ start, end: start + span.length, label, score: 0.9, source: 'ner' }]).length === 1;
}

describe('dates with a time of day', () => {
  it('takes in the time written after a full date, as mail headers and notes write it', () => {
    assert.deepEqual(found(dateRecognizer, 'Date: Mon, 3 Jul 2017 10:21 +0100\nSubject: x'), ['Mon, 3 Jul 2017 10:21 +0100']);
    assert.deepEqual(found(dateRecognizer, 'Date: Sunday, May 17, 2015 7:39 PM\nTo: x'), ['Sunday, May 17, 2015 7:39 PM']);
    assert.deepEqual(found(dateRecognizer, 'On 4 March 2018 at 16:36 Anna wrote:'), ['4 March 2018 at 16:36']);
    assert.deepEqual(found(dateRecognizer, 'el 3 de marzo de 2020 a las 10:30'), ['3 de marzo de 2020 a las 10:30']);
  });

  it('leaves a count after a date, and a time standing alone, out', () => {
    assert.deepEqual(found(dateRecognizer, 'On March 3, 2020, 12 patients came in.'), ['March 3, 2020']);
    assert.deepEqual(found(dateRecognizer, 'Meeting at 10:30, bring the slides.'), []);
    assert.deepEqual(found(dateRecognizer, 'Seen 12/03/2016 at 10:00 next week'), ['12/03/2016 at 10:00']);
  });
});

describe('identifiers of letters and digits', () => {
  it('reads a mixed code after an identifier keyword', () => {
    assert.deepEqual(found(identifierRecognizer, 'DOB 2016, insurance ID 0IKGXJ09W6. Lives alone'), ['0IKGXJ09W6']);
    assert.deepEqual(found(identifierRecognizer, 'insurance ID TDXI18UGEU.'), ['TDXI18UGEU']);
  });

  it('leaves words and short codes after a keyword alone', () => {
    assert.deepEqual(found(identifierRecognizer, 'Bring your ID card type B12 to room 1234.'), []);
    assert.deepEqual(found(identifierRecognizer, 'The policy covers 2 adults from 2019.'), []);
  });
});

describe('international phone numbers', () => {
  it('reads a grouped number written with "+" even where no known plan validates it', () => {
    assert.deepEqual(found(phoneRecognizer, 'Emergency contact: daughter Işın Adanır, +90-992-172-99-40.'), ['+90-992-172-99-40']);
    assert.deepEqual(found(phoneRecognizer, 'daughter Calebe Franco, +55 (61) 9494-4654. Please'), ['+55 (61) 9494-4654']);
  });

  it('leaves a signed quantity alone', () => {
    assert.deepEqual(found(phoneRecognizer, 'Growth was +12 345 678 units over the year.'), []);
  });
});

describe('institutions named before their kind', () => {
  it('reads hospitals, practices, newspapers and public bodies', () => {
    assert.deepEqual(found(organizationRecognizer, 'Signed: Joyce Lynch, MD\nPicariello Medical Center, 4 West'), ['Picariello Medical Center']);
    assert.deepEqual(found(organizationRecognizer, "She was taken to St. Kelemen's Hospital on Friday."), ["St. Kelemen's Hospital"]);
    assert.deepEqual(found(organizationRecognizer, 'Researchers at the Claesson Institute of Technology and Iversen Spil'), ['Claesson Institute of Technology']);
    assert.deepEqual(found(organizationRecognizer, 'A spokesperson for the Food and Drug Administration declined.'), ['Food and Drug Administration']);
    assert.deepEqual(found(organizationRecognizer, 'first reported by The Vildbjerg Herald, would'), ['The Vildbjerg Herald']);
  });

  it('leaves kinds of institution without a name alone', () => {
    assert.deepEqual(found(organizationRecognizer, 'He went to the General Hospital today.'), []);
    assert.deepEqual(found(organizationRecognizer, 'Call the Emergency Center now.'), []);
    assert.deepEqual(found(organizationRecognizer, 'We see the Family Practice team on Monday.'), []);
    assert.deepEqual(found(organizationRecognizer, 'Pay your Council Tax by Friday. The Primary Care Center opens.'), []);
  });
});

describe('news datelines', () => {
  it('reads the town, a region and the agency of a dateline', () => {
    const text = 'SPRINGFIELD, Illinois (AP) — The governor said';
    const labelled = datelineRecognizer.detect(asRaw(text)).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
    assert.deepEqual(labelled, ['LOCATION:SPRINGFIELD', 'LOCATION:Illinois', 'ORGANIZATION:AP']);
    assert.deepEqual(found(datelineRecognizer, 'report\nSVETA NEDELJA (EFE) - Chief executive'), ['SVETA NEDELJA', 'EFE']);
  });

  it('leaves capitals and brackets that open no dateline alone', () => {
    assert.deepEqual(found(datelineRecognizer, 'NOTE (see above) - x'), []);
    assert.deepEqual(found(datelineRecognizer, 'The ICU (4 West) - bed 3'), []);
    assert.deepEqual(found(datelineRecognizer, 'Call HR (Anna) - today'), []);
  });
});

describe('words of forms, headers and notes taken for names', () => {
  it('drops header words, clinical abbreviations and a salutation', () => {
    assert.equal(keeps('Cc: x@y.com', 'Cc'), false);
    assert.equal(keeps('Subject: Re: contract renewal', 'Re'), false);
    assert.equal(keeps('hx of HTN, DM2 and CAD s/p PCI', 'HTN, DM2 and CAD', 'ORGANIZATION'), false);
    assert.equal(keeps('Dear Sir or Madam,\nI am writing.', 'Sir or Madam'), false);
    assert.equal(keeps('Troponin 0.04, EF 45%.', 'Troponin'), false);
  });

  it('keeps names that look like them', () => {
    assert.equal(keeps('Mr Re said hello to us.', 'Re'), true);
    assert.equal(keeps('Seen by Tia Smith today.', 'Tia Smith'), true);
    assert.equal(keeps('Boise, ID 83702', 'ID', 'LOCATION'), true);
    assert.equal(keeps('Dear Darling, see you.', 'Darling'), true);
  });
});

describe('relatives named after the word', () => {
  it('reads a known name after a relative', () => {
    assert.deepEqual(found(personCueRecognizer, 'Pain controlled. Husband Isabella at bedside.'), ['Isabella']);
    assert.deepEqual(found(personCueRecognizer, 'Emergency contact: daughter Elinor Walter, 055 0213 8500.'), ['Elinor Walter']);
  });

  it('leaves personifications and ordinary words after a relative alone', () => {
    assert.deepEqual(found(personCueRecognizer, 'Mother Nature is cruel.'), []);
    assert.deepEqual(found(personCueRecognizer, 'Her son Will is fine.'), []);
  });
});

describe('clinical abbreviations outside clinical notes', () => {
  it('drops an abbreviation where the text holds others, keeps a lone acronym of a post', () => {
    assert.equal(keeps('Pt with HTN. ED visit x2. EF 45%.', 'ED', 'ORGANIZATION'), false);
    assert.equal(keeps('CCU exercise science program participates in the fair', 'CCU', 'ORGANIZATION'), true);
    assert.equal(keeps('ASA rules against BT on broadband ads', 'ASA', 'ORGANIZATION'), true);
  });
});

describe('a state or province code after a town', () => {
  const place = (text: string, town: string): string[] => {
    const start = text.indexOf(town);
    return extendBoundaries(text, [{ start, end: start + town.length, label: 'LOCATION', score: 0.8, source: 'ner' }]).map((f) => text.slice(f.start, f.end));
  };

  it('takes in the code closing the phrase', () => {
    assert.deepEqual(place('its plant in Lake Jaymeshire, IL, after sales fell', 'Lake Jaymeshire'), ['Lake Jaymeshire, IL']);
    assert.deepEqual(place('He was born in Summerside, PE.', 'Summerside'), ['Summerside, PE']);
  });

  it('leaves capitals before a lower-case word, and an article before other company names, out', () => {
    assert.deepEqual(place('we met in Paris, OR maybe Rome', 'Paris'), ['Paris']);
    assert.deepEqual(found(organizationRecognizer, 'The Acme Group said so.'), ['Acme Group']);
  });
});

describe('Turkish street types and Polish postcodes after a street', () => {
  const addresses = (text: string): string[] => found(addressRecognizer, text);

  it('reads a Turkish street and a town after a "09-261" postcode', () => {
    assert.deepEqual(addresses('He lives on the north side of Harman Altı Sokak 451.'), ['Harman Altı Sokak 451']);
    assert.deepEqual(addresses("I'll meet you at al. Kaczor 7/8, 09-261 Świerzawa after the concert."), ['al. Kaczor 7/8, 09-261 Świerzawa']);
  });

  it('leaves a street word without a name and number, and the words after a town, out', () => {
    assert.deepEqual(addresses('The Sokak was busy and 5 of us left.'), []);
    assert.deepEqual(addresses('Ask at al. Kaczor 7/8, 09-261 Świerzawa after lunch'), ['al. Kaczor 7/8, 09-261 Świerzawa']);
  });
});

describe('titles and stray letters a model took for names', () => {
  it('drops a title before a name and a lone lower-case letter', () => {
    assert.equal(keeps('Senator Elizabeth Warren on Tuesday asked', 'Senator', 'LOCATION'), false);
    assert.equal(keeps("the Montgomery County Coroner's Office said", 's', 'LOCATION'), false);
    assert.equal(keeps('PCP: Susan Lee, MD', 'PCP', 'ORGANIZATION'), false);
  });

  it('keeps a title word closing a place, a surname that is a title, and an initial', () => {
    assert.equal(keeps('They met at Plaza Mayor 3 in Madrid.', 'Mayor', 'LOCATION'), true);
    assert.equal(keeps('Judge Smith spoke to Aaron Judge today.', 'Judge'), true);
    assert.equal(keeps('Signed by J Smith', 'J'), true);
  });
});

describe('letters of a company form', () => {
  it('keeps a model\'s one-letter piece of "s.r.o." for the organisation it belongs to', () => {
    const text = 'Lothar of Votruba v.o.s., and Tóthová s.r.o. today';
    const start = text.indexOf('s.r.o.') + 2;
    assert.equal(filterNerFindings(text, [{ start, end: start + 1, label: 'PERSON', score: 0.9, source: 'ner' }]).length, 1);
  });
});

describe('titles of nobility', () => {
  it('keeps "Lady" of a name as it is known', () => {
    assert.equal(keeps('going to see Lady Gaga tomorrow', 'Lady'), true);
  });
});

describe('a phone number announced from further off', () => {
  it('reads a grouped number after a contact word and a name', () => {
    assert.deepEqual(found(phoneRecognizer, 'Emergency contact: daughter Jazmyne Ankunding, 452.721.2363 x8903. Please'), ['452.721.2363 x8903']);
  });

  it('leaves numbers after a ticket or an order word, and counts, alone', () => {
    assert.deepEqual(found(phoneRecognizer, 'Contact us about order 2023 and ticket batch 1234 5678 9012 today'), []);
    assert.deepEqual(found(phoneRecognizer, 'Phone support handles 120 000 calls and 450 000 emails a year'), []);
  });
});

describe('public bodies named head first', () => {
  it('reads "Centers for ..." and "Ministry of ..."', () => {
    assert.deepEqual(found(organizationRecognizer, 'met her of the Centers for Disease Control and Prevention in May'), ['Centers for Disease Control and Prevention']);
    assert.deepEqual(found(organizationRecognizer, 'the Ministry of Health said'), ['Ministry of Health']);
  });

  it('leaves the word in lower case or without a name after it alone', () => {
    assert.deepEqual(found(organizationRecognizer, 'my travel agency booked it'), []);
    assert.deepEqual(found(organizationRecognizer, 'Agency staff were late again'), []);
  });
});
