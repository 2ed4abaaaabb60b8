/**
 * Names in social and chat text, round 2: a known full name keeps PERSON when a model reads it as a company or a
 * place, and the rules added for tweets and chat (each with a case it must find and a hard case it must leave).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { filterNerFindings } from '../../main/core/deid/ner-filter.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { personCueRecognizer } from '../../main/core/deid/recognizers/person-cues.js';
import { handleFindings, isOrganizationAccount } from '../../main/core/deid/recognizers/social-cues.js';
import { combineFindings, KNOWN_NAME_SOURCE, KNOWN_NAME_WITH_PLACE_SOURCE } from '../../main/core/deid/spans.js';
import type { BatchDetector, Finding, PiiLabel } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/** A finding over the first occurrence of `part` in `text`. */
function at(text: string, part: string, label: PiiLabel, source = 'ner:test', score = 0.9): Finding {
  const start = text.indexOf(part);
  assert.ok(start >= 0, `${part} not in the text`);
  return { start, end: start + part.length, label, score, source };
}

/** A model that returns the given findings for the given text. */
function model(text: string, findings: Finding[]): BatchDetector {
  return { name: 'ner:test', detectBatch: async (texts) => texts.map((t) => (t === text ? findings : [])), close: async () => {} };
}

/** The labelled spans the whole pipeline finds in one text, with a stand-in model. */
async function spans(text: string, findings: Finding[] = []): Promise<string[]> {
  const deidentifier = new Deidentifier(patternRecognizers(), model(text, findings));
  const [detected] = await deidentifier.detectCases([[asRaw(text)]]);
  return (detected?.spans[0] ?? []).map((s) => `${s.label}:${text.slice(s.start, s.end)}`);
}

describe('a known full name the model reads as a company or a place', () => {
  it('the gazetteer marks a first name with a known surname as a full name', () => {
    const text = 'New Movies - Owen Wilson and Jack Daniels tonight';
    const found = personCueRecognizer.detect(asRaw(text)).filter((f) => f.source.startsWith(KNOWN_NAME_SOURCE));
    // "Jack" is also an ordinary word: "Jack Daniels" may be the whisky, so it is no full name for this rule.
    assert.deepEqual(found.map((f) => text.slice(f.start, f.end)), ['Owen Wilson']);
  });

  it('stays a person when the model says ORGANIZATION or LOCATION', async () => {
    const text = 'VIDEO : New Movies - Owen Wilson play romantic leads';
    assert.deepEqual(await spans(text, [at(text, 'Owen Wilson', 'ORGANIZATION')]), ['PERSON:Owen Wilson']);
    // "Wilson" is also a town: a place the model sees there may be right, a company may not.
    assert.deepEqual(await spans(text, [at(text, 'Owen Wilson', 'LOCATION')]), ['LOCATION:Owen Wilson']);
    const doctor = 'VIDEO : New Movies - Juliette Moreno play romantic leads';
    assert.deepEqual(await spans(doctor, [at(doctor, 'Juliette Moreno', 'LOCATION')]), ['PERSON:Juliette Moreno']);
    // Hard negative: without a known first name the model's label stands.
    for (const island of ['Viaje a la Isla de La Palma con amigos', 'Localidad: Isla de la Palma.']) {
      const name = island.includes('La Palma') ? 'Isla de La Palma' : 'Isla de la Palma';
      assert.deepEqual(await spans(island, [at(island, name, 'LOCATION')]), [`LOCATION:${name}`]);
    }
    // After a comma a name may end a place ("West Arthur, Sierra Leone"): it outvotes a company only.
    const country = 'moved to West Arthur, Sierra Leone';
    const tail = personCueRecognizer.detect(asRaw(country)).filter((f) => country.slice(f.start, f.end) === 'Sierra Leone');
    assert.deepEqual(tail.map((f) => f.source), [KNOWN_NAME_WITH_PLACE_SOURCE]);
    assert.deepEqual(combineFindings([at(country, 'Sierra Leone', 'LOCATION'), ...tail]).map((f) => f.label), ['LOCATION']);
    const town = 'more pics of fans in Beverly Hills , CA last night';
    assert.deepEqual(await spans(town, [at(town, 'Beverly Hills', 'LOCATION')]), ['LOCATION:Beverly Hills']);
    // After another capitalised word the name may be part of a longer one: no full name for this rule.
    const hospital = 'Hospital Owen Wilson\nServicio de Urología';
    const named = personCueRecognizer.detect(asRaw(hospital)).filter((f) => f.source.startsWith(KNOWN_NAME_SOURCE));
    assert.deepEqual(named, []);
    const whisky = 'VIDEO : New Movies - Jack Daniels play romantic leads';
    assert.deepEqual(await spans(whisky, [at(whisky, 'Jack Daniels', 'ORGANIZATION')]), ['ORGANIZATION:Jack Daniels']);
  });

  it('stays a person when one model span runs over two full names', () => {
    const text = 'Clive Owen & Juliette Binoche play';
    const merged = combineFindings([
      at(text, 'Clive Owen & Juliette Binoche', 'ORGANIZATION'),
      at(text, 'Clive Owen', 'PERSON', KNOWN_NAME_SOURCE, 0.6),
      at(text, 'Juliette Binoche', 'PERSON', KNOWN_NAME_SOURCE, 0.6),
    ]);
    assert.deepEqual(merged.map((f) => [f.label, f.start, f.end]), [['PERSON', 0, 29]]);
  });

  it('hard negative: an organisation named after a person, longer than the name, stays an organisation', () => {
    const text = 'Clive Owen Productions signs a deal';
    const merged = combineFindings([at(text, 'Clive Owen Productions', 'ORGANIZATION'), at(text, 'Clive Owen', 'PERSON', KNOWN_NAME_SOURCE, 0.6)]);
    assert.deepEqual(merged.map((f) => f.label), ['ORGANIZATION']);
  });

  it('hard negative: a lone first name or a first name that is also a place does not outvote the model', async () => {
    const pet = 'One time I had this mini catfish named Josh and he was chill';
    assert.deepEqual(await spans(pet, [at(pet, 'Josh', 'ORGANIZATION')]), ['ORGANIZATION:Josh']);
    const trip = 'we flew over Jordan yesterday';
    assert.deepEqual(await spans(trip, [at(trip, 'Jordan', 'LOCATION')]), ['LOCATION:Jordan']);
  });
});

describe('usernames after "@"', () => {
  const handles = (text: string): string[] => {
    const findings: Finding[] = [];
    handleFindings(text, findings);
    return findings.map((f) => text.slice(f.start, f.end));
  };

  it('finds a username with its "@", glued or tokenised, whatever it spells', () => {
    assert.deepEqual(handles('RT @meg_librarian : live now with @JStarks28 !'), ['@meg_librarian', '@JStarks28']);
    assert.deepEqual(handles('via @ sadioraps & @ judgesarah'), ['@ sadioraps', '@ judgesarah']);
  });

  it('hard negative: e-mail addresses, "@ home", "@ 9:30" and a lone "@" are no username', () => {
    assert.deepEqual(handles('write to ana.ruiz@example.org or meet me @ home @ 9:30 , @ the mall @'), []);
    assert.deepEqual(handles('mail bob@mail.example.com today'), []);
  });

  it("labels an organisation's account by a word among its parts, a person's otherwise", () => {
    for (const name of ['BBCSport', 'itvnews', 'nottspolice', 'NewcastleJetsFC', 'rtenews', 'noticias_tv']) assert.equal(isOrganizationAccount(name), true, name);
    // Hard negatives: "official" is a person's word as often, "Musically" only opens with "music", "co" ends names.
    for (const name of ['ollyofficial', 'MusicallyGingee', 'motech99', 'francisco', 'meg_librarian', 'JStarks28']) {
      assert.equal(isOrganizationAccount(name), false, name);
    }
    const findings: Finding[] = [];
    handleFindings('via @BBCSport and @meg_librarian', findings);
    assert.deepEqual(findings.map((f) => f.label), ['ORGANIZATION', 'PERSON']);
  });

  it('covers the whole username in the pipeline, keeping a model label on part of it', async () => {
    const text = 'RT @Icey_Roy : lets ball tomorrow';
    assert.deepEqual(await spans(text), ['PERSON:@Icey_Roy']);
    const club = 'Hundreds of @NewcastleJetsFC fans at the BBQ';
    assert.deepEqual(await spans(club, [at(club, 'NewcastleJetsFC', 'ORGANIZATION')]), ['ORGANIZATION:@NewcastleJetsFC']);
  });
});

describe('a capitalised word opening a sentence that the dictionary has as no noun', () => {
  const kept = (text: string, findings: Finding[]): string[] => filterNerFindings(text, findings).map((f) => text.slice(f.start, f.end));

  it('is dropped as a model person ("Loudly .", "Married with kids")', () => {
    const text = 'Just belched . Loudly . Married with kids , still a child';
    assert.deepEqual(kept(text, [at(text, 'Loudly', 'PERSON'), at(text, 'Married', 'PERSON')]), []);
  });

  it('hard negative: a noun that may be a surname, the same word inside a sentence, and other labels are kept', () => {
    const text = 'Stone said hi . we met Loudly at the gig . Rare Books closes';
    assert.deepEqual(kept(text, [at(text, 'Stone', 'PERSON'), at(text, 'Loudly', 'PERSON'), at(text, 'Rare', 'ORGANIZATION')]), ['Stone', 'Loudly', 'Rare']);
  });
});

describe('a known name at a chat cue that the model reads inside a place or an organisation', () => {
  it('"casa de Daniel": the cue finds the name, and the model\'s place shrinks to it and becomes a person', async () => {
    const text = 'hoy cenamos en casa de Daniel';
    assert.deepEqual(await spans(text, [at(text, 'casa de Daniel', 'LOCATION')]), ['PERSON:Daniel']);
    const grayson = 'me and Grayson went out';
    assert.deepEqual(await spans(grayson, [at(grayson, 'Grayson went', 'ORGANIZATION')]), ['ORGANIZATION:Grayson went']);
    const and = 'me and Grayson and the lads';
    assert.deepEqual(await spans(and, [at(and, 'Grayson and', 'ORGANIZATION')]), ['PERSON:Grayson']);
  });

  it('hard negative: a lower-case word after the name may be the rest of it, and an unknown word at the cue is no name', async () => {
    const text = 'hoy cenamos en casa de jaime villa portillo';
    assert.deepEqual(await spans(text, [at(text, 'casa de jaime villa portillo', 'LOCATION')]), ['LOCATION:casa de jaime villa portillo']);
    const park = 'paseo por la casa de Campo';
    assert.deepEqual(await spans(park, [at(park, 'casa de Campo', 'LOCATION')]), ['LOCATION:casa de Campo']);
  });

  it('Spanish congratulations are a chat word, not a name; the name after them is kept', () => {
    const text = 'Felicidades Antonio !!';
    assert.deepEqual(filterNerFindings(text, [at(text, 'Felicidades', 'PERSON'), at(text, 'Antonio', 'PERSON')]).map((f) => text.slice(f.start, f.end)), ['Antonio']);
  });
});
