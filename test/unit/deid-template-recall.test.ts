import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allFakers } from '@faker-js/faker';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';
import { dateRecognizer } from '../../main/core/deid/recognizers/date.js';
import { ibanRecognizer } from '../../main/core/deid/recognizers/iban.js';
import { ssnRecognizer } from '../../main/core/deid/recognizers/ssn.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { combineFindings } from '../../main/core/deid/spans.js';
import { templateFakerSet } from '../../main/core/deid/evaluation/fresh-faker-set.js';
import { fillTemplate, readTemplates } from '../../main/core/deid/evaluation/template-faker-set.js';
import type { Finding, PiiLabel, Recognizer } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/**
 * Recall fixes found on fresh sets filled from sentence templates (letters, forms, chat about addresses, firms):
 * each shape with a case it must flag and a look-alike it must leave alone.
 */
const flagged = (recognizer: Recognizer, text: string) => combineFindings(recognizer.detect(asRaw(text))).map((f) => text.slice(f.start, f.end));

/** The whole pattern pipeline, boundary rules included, without the NER model. */
async function pipeline(text: string): Promise<string[]> {
  const [findings] = await new Deidentifier(patternRecognizers(), null).detect([asRaw(text)]);
  return (findings ?? []).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
}

/** Boundary rules over findings given by their text and label, as a name detector would report them. */
function extended(text: string, ...spans: [string, PiiLabel][]): string[] {
  const findings: Finding[] = spans.map(([word, label]) => {
    const start = text.indexOf(word);
    return { start, end: start + word.length, label, score: 0.8, source: 'ner' };
  });
  return extendBoundaries(text, findings).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
}

describe('address blocks of a letter', () => {
  it('reads a flat line with the street line above it and the town, country and postcode lines after it', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Dafina Mihalcea\n\nBloc 60 Aleea Timocului\n Ap. 92\n FILIAȘI\n Rwanda 109293'), [
      'Bloc 60 Aleea Timocului\n Ap. 92\n FILIAȘI\n Rwanda 109293',
    ]);
    assert.deepEqual(flagged(addressRecognizer, 'Manuela Reis\n\n765 Marginal Moreira\n Apto. 946\n HEITOR DO SUL\n\n Comores 06854-075'), [
      '765 Marginal Moreira\n Apto. 946\n HEITOR DO SUL\n\n Comores 06854-075',
    ]);
  });

  it('takes a floor word right after the house number and the code and postcode lines after the town', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Billing address: Daniel Juhl\n    9 Jagtvej 2. th\n   Bjæverskov\n    NH\n    5102\n'), [
      '9 Jagtvej 2. th\n   Bjæverskov\n    NH\n    5102',
    ]);
  });

  it('leaves rooms and floors listed alone, with nothing placing them', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Room 5\nFloor 3 results are in'), []);
    assert.deepEqual(flagged(addressRecognizer, 'Agenda\nSuite 2\nfor strings, then a break'), []);
  });
});

describe('streets before the word for street', () => {
  it('flags a name with its house number, and capitalised names, before "St." or "Street"', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Pedestrians must enter on Hoge Wei 32 St. the first three months'), ['Hoge Wei 32 St.']);
    assert.deepEqual(flagged(addressRecognizer, 'the bus drops you off at 74678 midtvollen 130 st.'), ['74678 midtvollen 130 st.']);
    assert.deepEqual(flagged(addressRecognizer, 'these early shows on Marina Fort Street were important'), ['Marina Fort Street']);
    assert.deepEqual(flagged(addressRecognizer, 'The title refers to Čuguna laukums street in Dobele.'), ['Čuguna laukums street']);
  });

  it('leaves counted things and lower-case words in capitalised text alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'I have 2 St. Bernards at home'), []);
    assert.deepEqual(flagged(addressRecognizer, 'We walked down the street to see them.'), []);
  });
});

describe('streets in text written in lower case', () => {
  it('flags a numbered street with its type, flat and letter lines ending in a postcode', () => {
    assert.deepEqual(flagged(addressRecognizer, 'hubbard, fox and gillespie\n3747 3911 fourth avenue suite 112 calgary alberta'), [
      '3747 3911 fourth avenue suite 112',
    ]);
    assert.deepEqual(flagged(addressRecognizer, 'located at 389 167 king alexander\nlady frere\n, ec\n 76634. it serves'), [
      '389 167 king alexander\nlady frere\n, ec\n 76634',
    ]);
  });

  it('leaves distances, times and lines of a chat that end in no postcode alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'i walked 5 miles down the road'), []);
    assert.deepEqual(flagged(addressRecognizer, 'posted 20 seconds ago via twitter'), []);
    assert.deepEqual(flagged(addressRecognizer, 'my address: 12 oak street\nthanks a lot\nbye'), ['12 oak street']);
  });
});

describe('words around a street', () => {
  it('takes in capitalised words and initials between a preposition of place and a street', async () => {
    assert.deepEqual(await pipeline('The bus station is on C. Beerninckstraat 88'), ['ADDRESS:C. Beerninckstraat 88']);
    assert.deepEqual(extended('The bus station is on Peter Zuidhove 188', ['Zuidhove 188', 'ADDRESS']), ['ADDRESS:Peter Zuidhove 188']);
  });

  it('leaves a weekday or a function word before a street alone', async () => {
    assert.deepEqual(extended('I moved on Monday to Beerninckstraat 88', ['Beerninckstraat 88', 'ADDRESS']), ['ADDRESS:Beerninckstraat 88']);
    assert.deepEqual(extended('It is on The Beerninckstraat 88', ['Beerninckstraat 88', 'ADDRESS']), ['ADDRESS:Beerninckstraat 88']);
  });

  it('reads a Greek town written with the increment sign for a delta', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Evidera is 928 Λ. Αλεξάνδρας 14\n Suite 112\n ΧΑΝ∆ΡΙΑ\n Cyprus (Greek) 51034'), [
      '928 Λ. Αλεξάνδρας 14\n Suite 112\n ΧΑΝ∆ΡΙΑ\n Cyprus (Greek) 51034',
    ]);
  });
});

describe('place names with particles', () => {
  it('takes in the rest of a town named with a particle', () => {
    assert.deepEqual(extended('originally from Saraiva de Nossa Senhora, and', ['Saraiva', 'LOCATION']), ['LOCATION:Saraiva de Nossa Senhora']);
    assert.deepEqual(extended('originally from Johns-under-Simonis, and', ['Johns', 'LOCATION']), ['LOCATION:Johns-under-Simonis']);
  });

  it('stops before a month and lower-case words', () => {
    assert.deepEqual(extended('Nos vemos en Madrid de Mayo a Junio', ['Madrid', 'LOCATION']), ['LOCATION:Madrid']);
    assert.deepEqual(extended('vive en Madrid de lunes a viernes', ['Madrid', 'LOCATION']), ['LOCATION:Madrid']);
  });
});

describe('house numbers before a street type written before the name', () => {
  it('flags French and Portuguese forms with the town after them', () => {
    assert.deepEqual(flagged(addressRecognizer, 'meet at Henry SCOP, 428 12 Allée de la Pompe, Levallois-Perret'), ['428 12 Allée de la Pompe, Levallois-Perret']);
    assert.deepEqual(flagged(addressRecognizer, 'I live at 12 rue de la Paix, Paris'), ['12 rue de la Paix, Paris']);
  });

  it('leaves a count before a street type alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'He listed the top 10 Via Roma hits'), []);
  });
});

describe('corners', () => {
  it('flags two street names after a corner lead without numbers or known types', () => {
    assert.deepEqual(flagged(addressRecognizer, 'the corner of Terlouwweg and Koenweg'), ['the corner of Terlouwweg and Koenweg']);
    assert.deepEqual(flagged(addressRecognizer, "with the corner of Chemin de l'Hôpital and Rue de Moron for this card"), [
      "the corner of Chemin de l'Hôpital and Rue de Moron",
    ]);
    assert.deepEqual(flagged(addressRecognizer, 'validate the following? the corner of skwer Białas and wyb. Mielczarek'), [
      'the corner of skwer Białas and wyb. Mielczarek',
    ]);
  });

  it('leaves a corner with nothing named alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'turn at the corner of the road and wait'), []);
  });

  it('takes in the first street of a corner written without its lead, at a clause start only', async () => {
    assert.deepEqual(await pipeline('my primary and secondary address to the same: Maarit and Hersnapvej 75'), ['ADDRESS:Maarit and Hersnapvej 75']);
    assert.deepEqual(await pipeline('Anna said Maarit and Hersnapvej 75 is new'), ['PERSON:Anna', 'PERSON:Maarit', 'ADDRESS:Hersnapvej 75']);
  });

  it('reads a name and a house number after a lead-less corner as its second street', () => {
    assert.deepEqual(extended('Please return to Leon and Eyrarodda 66 in case of an issue', ['Leon', 'PERSON'], ['Eyrarodda', 'PERSON']), [
      'ADDRESS:Leon and Eyrarodda 66',
    ]);
    assert.deepEqual(extended('Anna said Maarit and Hersnapvej 75 is new', ['Maarit', 'PERSON'], ['Hersnapvej', 'PERSON']), [
      'PERSON:Maarit',
      'PERSON:Hersnapvej',
    ]);
  });

  it('takes in the second street of a corner after "St."', () => {
    assert.deepEqual(extended('at the corner of Asselsestraat 7 St. and Martinez Mall St.', ['Asselsestraat 7', 'ADDRESS']), [
      'ADDRESS:the corner of Asselsestraat 7 St. and Martinez Mall St.',
    ]);
  });
});

describe('postcodes', () => {
  it('reads letter-and-digit and hyphenated codes after a postcode word', () => {
    assert.deepEqual(flagged(addressRecognizer, 'My zip code is N76 Q180'), ['N76 Q180']);
    assert.deepEqual(flagged(addressRecognizer, 'ZIP: FY4 8HD'), ['FY4 8HD']);
    assert.deepEqual(flagged(addressRecognizer, 'My zip code is 93-863'), ['93-863']);
  });

  it('leaves a zip of files alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'please zip 20 files for me'), []);
  });

  it('takes a Czech, Polish or Brazilian postcode after a country at the end of a question', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Please return to Suite 705, STARÁ ĽUBOVŇA, Nepál 174 85 in case'), ['Suite 705, STARÁ ĽUBOVŇA, Nepál 174 85']);
    assert.deepEqual(flagged(addressRecognizer, 'I once lived in Apt. 928\nStawiszyn\n, KP\n Nauru 33-109. I now'), ['Apt. 928\nStawiszyn\n, KP\n Nauru 33-109']);
    assert.deepEqual(flagged(addressRecognizer, 'sent to 071 Ditscheinergasse 80 Suite 000 HUNDSHAGEN Upper Austria? I am'), [
      '071 Ditscheinergasse 80 Suite 000 HUNDSHAGEN Upper Austria',
    ]);
  });
});

describe('a year standing as an adjective', () => {
  it('flags "a 1996 French film" and leaves "a 2000 mg dose" alone', () => {
    assert.deepEqual(flagged(dateRecognizer, 'Zoolander is a 1996 French action-comedy film'), ['1996']);
    assert.deepEqual(flagged(dateRecognizer, 'She took a 2000 mg dose'), []);
  });
});

describe('identifiers', () => {
  it('reads a 9xx number after "SSN" as a taxpayer number, not alone', () => {
    assert.deepEqual(flagged(ssnRecognizer, "Here's my SSN: 909-80-6376"), ['909-80-6376']);
    assert.deepEqual(flagged(ssnRecognizer, 'Ticket 909-80-6376 is closed'), []);
  });

  it('knows the IBAN countries that joined the registry lately, with their check digits', () => {
    assert.deepEqual(flagged(ibanRecognizer, 'My IBAN is IR970170000000203456789001'), ['IR970170000000203456789001']);
    assert.deepEqual(flagged(ibanRecognizer, 'My IBAN is IR980170000000203456789001'), []);
  });
});

describe('company forms', () => {
  it('makes a name with a company form after it a company, in many languages', () => {
    assert.deepEqual(extended('Urban Zúbrik of Skokan a.s. is the CEO', ['Skokan', 'PERSON']), ['ORGANIZATION:Skokan a.s.']);
    assert.deepEqual(extended('the Németh és Varga Zrt. team', ['Németh', 'ORGANIZATION']), ['ORGANIZATION:Németh és Varga Zrt.']);
    assert.deepEqual(extended('Cottier et Roulin\n\n', ['Cottier', 'ORGANIZATION']), ['ORGANIZATION:Cottier et Roulin']);
  });

  it('leaves a name before a lower-case word that is a company form elsewhere alone', () => {
    assert.deepEqual(extended('I see Maria as a friend', ['Maria', 'PERSON']), ['PERSON:Maria']);
    assert.deepEqual(extended('Ask Iberia a Madrid flight', ['Iberia', 'ORGANIZATION']), ['ORGANIZATION:Iberia']);
  });
});

describe('template-filled fresh sets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-templates-'));
  const file = join(dir, 'templates.txt');
  writeFileSync(file, 'I live at {{address}}, call {{phone_number}}\\nThanks, {{person}}\n\nMy name is {{prefix_female}} {{last_name}}\n');

  it('fills every placeholder with a labelled value whose offsets hold its text, deterministically', () => {
    const templates = readTemplates(file);
    assert.equal(templates.length, 2);
    const records = templateFakerSet(templates, 5, 40);
    assert.deepEqual(records, templateFakerSet(templates, 5, 40));
    for (const record of records) {
      assert.ok(!record.text.includes('{{'), record.text);
      for (const span of record.spans) assert.equal(record.text.slice(span.start, span.end), span.text);
    }
    const labels = new Set(records.flatMap((r) => r.spans.map((s) => s.label)));
    assert.deepEqual([...labels].sort(), ['ADDRESS', 'OTHER', 'PERSON', 'PHONE']);
    assert.ok(records.some((r) => r.text.includes('\n')));
  });

  it('writes titles as OTHER, apart from the name', () => {
    const pieces = fillTemplate(allFakers.en_US, { line: 1, text: '{{prefix_male}} {{name_male}}' });
    const [title, , name] = pieces as { label: string; text: string }[];
    assert.equal(title?.label, 'OTHER');
    assert.equal(name?.label, 'PERSON');
    assert.ok(!/^(?:Mr|Mrs|Ms|Dr)\b/.test(name?.text ?? ''));
  });

  it('names the line of an unknown placeholder', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, 'fine {{person}}\nbroken {{shoe_size}}\n');
    assert.throws(() => readTemplates(bad), /bad\.txt:2: unknown placeholder \{\{shoe_size\}\}/);
  });
});
