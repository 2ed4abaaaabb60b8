import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';
import { ageRecognizer } from '../../main/core/deid/recognizers/age.js';
import { dateRecognizer } from '../../main/core/deid/recognizers/date.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { patientDetailsRecognizer } from '../../main/core/deid/recognizers/patient-details.js';
import { phoneRecognizer } from '../../main/core/deid/recognizers/phone.js';
import { manufacturerRecognizer } from '../../main/core/deid/recognizers/manufacturer.js';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { combineFindings } from '../../main/core/deid/spans.js';
import type { Finding, PiiLabel, Recognizer } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

/**
 * Recall fixes found on the development data of formal text (clinical case reports, letters, forms): each shape
 * with a case it must flag and a look-alike it must leave alone.
 */
const flagged = (recognizer: Recognizer, text: string) => combineFindings(recognizer.detect(asRaw(text))).map((f) => text.slice(f.start, f.end));

/** The whole pattern pipeline, boundary rules included, without the NER model. */
async function pipeline(text: string): Promise<string[]> {
  const [findings] = await new Deidentifier(patternRecognizers(), null).detect([asRaw(text)]);
  return (findings ?? []).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);
}

describe('bare years', () => {
  it('reads a cued year before "por" as a year, and "por" before a number as a size', () => {
    assert.deepEqual(flagged(dateRecognizer, 'Nefrectomía derecha en 1983 por carcinoma renal.'), ['1983']);
    assert.deepEqual(flagged(dateRecognizer, 'Pantalla de 1920 por 1080 píxeles.'), []);
  });

  it('flags a year alone in brackets or after "et al.", not other bracketed numbers', () => {
    assert.deepEqual(flagged(dateRecognizer, 'Un tumor maxilar a la edad de 18 años (1938). No'), ['1938']);
    assert.deepEqual(flagged(dateRecognizer, 'estireno (Jégaden et al. 1993)'), ['1993']);
    assert.deepEqual(flagged(dateRecognizer, 'Se administraron (2000) unidades; ver tabla (1200 ml)'), []);
  });
});

describe('phone lists', () => {
  it('splits a run of numbers joined by " / " or " - " into its numbers', () => {
    assert.deepEqual(flagged(phoneRecognizer, 'Alcalá de Henares. Telfs.: 918823884 / 918823984 / 619128686. Correo'), ['918823884', '918823984', '619128686']);
    assert.deepEqual(flagged(phoneRecognizer, 'Madrid Tlf. 917277336 - 606409021 E-mail'), ['917277336', '606409021']);
  });

  it('does not split a run without spaced separators, nor keep list items a negative context rules out', () => {
    assert.deepEqual(flagged(phoneRecognizer, 'serial 1234 5678 9012 3456 7890'), []);
    assert.deepEqual(flagged(phoneRecognizer, 'NHC 123456789 / 987654321 y episodio'), []);
  });
});

describe('Spanish ages', () => {
  it('reads ages written out past twenty, and a smaller unit after the larger', () => {
    assert.deepEqual(flagged(ageRecognizer, 'Mujer de sesenta y tres años con antecedentes'), ['sesenta y tres años']);
    assert.deepEqual(flagged(ageRecognizer, 'Niña de dos años y diez meses acude a urgencias'), ['dos años y diez meses']);
    assert.deepEqual(flagged(ageRecognizer, 'Lactante de 1 mes y 29 días, sin antecedentes'), ['1 mes y 29 días']);
  });

  it('reads the age after a comma in a description, and both ages of "a los N y M años"', () => {
    assert.deepEqual(flagged(ageRecognizer, 'Paciente mujer, 44 años, derivada a nuestra unidad'), ['44 años']);
    assert.deepEqual(flagged(ageRecognizer, 'Paciente morena, sexo femenino, 23 años, fue encaminada'), ['23 años']);
    assert.deepEqual(flagged(ageRecognizer, 'dos cesáreas a los 22 y 24 años.'), ['22', '24 años']);
  });

  it('leaves durations alone: after a comma with "después", and "a los N y M meses del alta"', () => {
    assert.deepEqual(flagged(ageRecognizer, 'Paciente intervenido, 5 años después presenta recidiva'), []);
    assert.deepEqual(flagged(ageRecognizer, 'retirar los drenajes a los 4 y 6 meses del alta'), []);
  });
});

describe('patient details', () => {
  it('flags marital status, family position, age class, origin and ethnic group', () => {
    assert.deepEqual(flagged(patientDetailsRecognizer, 'Lactante de tres meses, de origen magrebí, vacunado.'), ['Lactante', 'magrebí']);
    assert.deepEqual(flagged(patientDetailsRecognizer, 'Se trataba de la menor de 4 hermanos. Casado y sin hijos. Mujer de raza caucásica.'), [
      'la menor de 4 hermanos',
      'Casado',
      'sin hijos',
      'raza caucásica',
    ]);
  });

  it('leaves a people or a position alone where no patient is described', () => {
    assert.deepEqual(flagged(patientDetailsRecognizer, 'Tinción con tinta china; cirrosis de origen alcohólico; la mayor parte de la cavidad.'), []);
    assert.deepEqual(flagged(patientDetailsRecognizer, 'El tumor quedó separado de la sección quirúrgica.'), []);
  });
});

describe('addresses', () => {
  it('takes in "the corner of" and the second street of the corner', async () => {
    assert.deepEqual(await pipeline("It's in the corner of 35 Pentelis Str. and Waechter Turnpike"), [
      'ADDRESS:the corner of 35 Pentelis Str. and Waechter Turnpike',
    ]);
    const room = await pipeline('Meet me in the corner of the room and Alice will join');
    assert.deepEqual(room.filter((span) => span.startsWith('ADDRESS')), []);
  });

  it('reads Greek street types and scripts, and a "354 73" postcode with its town', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Please ship the replacement to Πλ. Μοσχοβάκη 94, 354 73 Καρδίτσα as soon as you can.'), [
      'Πλ. Μοσχοβάκη 94, 354 73 Καρδίτσα',
    ]);
    assert.deepEqual(flagged(addressRecognizer, 'Calle Mayor 5, 3 B\n'), ['Calle Mayor 5, 3 B']);
    assert.deepEqual(flagged(addressRecognizer, 'Η Λαμία είναι πόλη.'), []);
  });

  it('reads a street of numbers around capitalised words after a preposition of place', () => {
    assert.deepEqual(flagged(addressRecognizer, 'The restaurant is at 9816 214 Pavlou Drandaki'), ['9816 214 Pavlou Drandaki']);
    assert.deepEqual(flagged(addressRecognizer, 'at 641 Dašická 688, Turkovice'), ['641 Dašická 688, Turkovice']);
  });

  it('reads Colombian numbered streets with their crossing street and lot, not a street named by a number alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'Hospital Militar Central Carrera 3 # 49-00 Bogotá'), ['Carrera 3 # 49-00 Bogotá']);
    assert.deepEqual(flagged(addressRecognizer, 'Uribe Calle 78b Numero 69-240 en la ciudad'), ['Calle 78b Numero 69-240']);
    assert.deepEqual(flagged(addressRecognizer, 'la Calle 3 es la principal; en la carrera 5 veces'), []);
  });

  it('leaves dates, counts and doses between numbers alone', () => {
    assert.deepEqual(flagged(addressRecognizer, 'see you on 5 May 2020'), []);
    assert.deepEqual(flagged(addressRecognizer, 'he scored in 2 games 3 goals'), []);
    assert.deepEqual(flagged(addressRecognizer, 'en 8 después de administración de 3 dosis'), []);
  });

  it('takes in the street line above a flat line found alone, only after a place word', async () => {
    assert.deepEqual(await pipeline('The letter arrived at 636 1812 Rue De La Gare\n Apt. 271\n St Felicien'), [
      'ADDRESS:636 1812 Rue De La Gare\n Apt. 271\n St Felicien',
    ]);
    assert.deepEqual(await pipeline('I said 3 things\nApt. 5 is mine'), ['ADDRESS:Apt. 5']);
  });
});

/** A finding over `part` of `text`, as a detector would give it. */
function at(text: string, part: string, label: PiiLabel, source = 'ner:test'): Finding {
  const start = text.indexOf(part);
  assert.ok(start >= 0, `${part} not in the text`);
  return { start, end: start + part.length, label, score: 0.8, source };
}
const bounded = (text: string, findings: Finding[]) => extendBoundaries(text, combineFindings(findings)).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);

describe('makers of drugs and devices', () => {
  it('flags the maker after a marked product, or before a town and a country, in brackets', () => {
    assert.deepEqual(flagged(manufacturerRecognizer, 'timolol al 0,5% (Combigan®, Allergan). Se derivó'), ['Allergan']);
    assert.deepEqual(flagged(manufacturerRecognizer, 'Nanoblast® (Galimplant, Sarria, España) de forma'), ['Galimplant']);
    assert.deepEqual(flagged(manufacturerRecognizer, 'Orbscan-II (Topógrafo corneal, Baush and Lomb, U.S.A.) y el'), ['Baush and Lomb']);
  });

  it('leaves brackets of places only, or of a name and a count, alone', () => {
    assert.deepEqual(flagged(manufacturerRecognizer, 'natural de Casablanca (Marruecos) y vive en Úbeda (Jaén, España)'), []);
    assert.deepEqual(flagged(manufacturerRecognizer, 'el paciente (Juan, 45 años) y el tratamiento (Dosis, Frecuencia)'), []);
  });
});

describe('organisation edges', () => {
  it('takes in the quote a name opened, a quoted name after it, and a particle and capitalised word after it', () => {
    const open = 'Hospital Universitario "San Cecilio" de Granada';
    assert.deepEqual(bounded(open, [at(open, 'Hospital Universitario "San Cecilio', 'ORGANIZATION')]), ['ORGANIZATION:Hospital Universitario "San Cecilio"']);
    const quoted = 'Centro de Rehabilitación Psicosocial "Alcalá de Henares". C/ Pablo';
    assert.deepEqual(bounded(quoted, [at(quoted, 'Centro de Rehabilitación Psicosocial', 'ORGANIZATION')]), [
      'ORGANIZATION:Centro de Rehabilitación Psicosocial "Alcalá de Henares"',
    ]);
    const particle = 'Antonio Ibañez Hospital Universitario Puerta del Mar Servicio';
    assert.deepEqual(bounded(particle, [at(particle, 'Hospital Universitario Puerta', 'ORGANIZATION')]).at(-1), 'ORGANIZATION:Hospital Universitario Puerta del Mar Servicio');
  });

  it('does not run an English name on over "of": a scale named after an institute stays apart', () => {
    const text = 'en la escala NIHSS (National Institute of Health Stroke Scale) y';
    assert.deepEqual(bounded(text, [at(text, 'National Institute', 'ORGANIZATION')]), ['ORGANIZATION:National Institute']);
  });

  it('reads the line between a job title and an address as the employer, not the title right below a name', () => {
    const block = 'Cormac Allan\nEchocardiographer\nPlaceilivecom\n338 17 St Omers Road';
    assert.deepEqual(bounded(block, [at(block, 'Cormac Allan', 'PERSON'), at(block, '338 17 St Omers Road', 'ADDRESS', 'pattern:address')]), [
      'PERSON:Cormac Allan',
      'ORGANIZATION:Placeilivecom',
      'ADDRESS:338 17 St Omers Road',
    ]);
    const title = 'Jane Doe\nDirector\n5 Main Street';
    assert.deepEqual(bounded(title, [at(title, 'Jane Doe', 'PERSON'), at(title, '5 Main Street', 'ADDRESS', 'pattern:address')]), [
      'PERSON:Jane Doe',
      'ADDRESS:5 Main Street',
    ]);
  });
});

describe('address tails and streets read as names', () => {
  it('takes in a UK, Canadian or Irish postcode after the town, and a country in brackets', () => {
    const uk = 'Deliver to:\n561 Reichert Row\nNorth Hickleley CV6 4KH\nLeave it';
    assert.deepEqual(bounded(uk, [at(uk, '561 Reichert Row\nNorth Hickleley', 'ADDRESS')]), ['ADDRESS:561 Reichert Row\nNorth Hickleley CV6 4KH']);
    const ca = 'to 4653 Alec Fort, Treutelbury, ON J2S 2J8. Thanks';
    assert.deepEqual(bounded(ca, [at(ca, '4653 Alec Fort, Treutelbury', 'ADDRESS')]), ['ADDRESS:4653 Alec Fort, Treutelbury, ON J2S 2J8']);
    const ie = 'to 520 Nicolas Forks, Chelseystead H08 S8S1. Thanks';
    assert.deepEqual(bounded(ie, [at(ie, '520 Nicolas Forks, Chelseystead', 'ADDRESS')]), ['ADDRESS:520 Nicolas Forks, Chelseystead H08 S8S1']);
    const country = 'Envío: Zaķu laukums 601, LV-3302 Gulbene (Burundija)';
    assert.deepEqual(bounded(country, [at(country, 'Zaķu laukums 601, LV-3302 Gulbene', 'ADDRESS')]), ['ADDRESS:Zaķu laukums 601, LV-3302 Gulbene (Burundija)']);
  });

  it('leaves a code that is no postcode, and a bracket after a name, alone', () => {
    const code = 'Sent from 5 Main Street, Leeds V8 2GBX today';
    assert.deepEqual(bounded(code, [at(code, '5 Main Street, Leeds', 'ADDRESS')]), ['ADDRESS:5 Main Street, Leeds']);
    const name = 'Ask Maria Lopez (Sales) about it';
    assert.deepEqual(bounded(name, [at(name, 'Maria Lopez', 'PERSON')]), ['PERSON:Maria Lopez']);
  });

  it('reads a name and a number after "at" as a street, not a name and a number after "on"', () => {
    const street = 'The courier left it at Podravska 62 instead of Frankopanska 86';
    assert.deepEqual(bounded(street, [at(street, 'Podravska', 'LOCATION')]), ['ADDRESS:Podravska 62']);
    const version = 'It runs on Windows 11 instead of Linux';
    assert.deepEqual(bounded(version, [at(version, 'Windows', 'ORGANIZATION')]), ['ORGANIZATION:Windows']);
  });
});
