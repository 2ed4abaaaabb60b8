import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asRaw } from '../../main/core/text.js';
import { ageRecognizer } from '../../main/core/deid/recognizers/age.js';
import { dateRecognizer } from '../../main/core/deid/recognizers/date.js';
import { assertFlags } from '../recognizer-assertions.js';



describe('dateRecognizer: years with a cue of time', () => {
  it('flags a bare year after a preposition of time, in English and Spanish', () => {
    assertFlags(dateRecognizer, 'The orchestra was founded in 1977. Since then it has grown.', ['1977']);
    assertFlags(dateRecognizer, 'During 1971, the company invested heavily.', ['1971']);
    assertFlags(dateRecognizer, 'Title VII of the Civil Rights Act of 2001 protects workers.', ['2001']);
    assertFlags(dateRecognizer, 'She was born in the summer of 1985.', ['1985']);
    assertFlags(dateRecognizer, 'Desde el 2006 ha intentado perder peso.', ['2006']);
    assertFlags(dateRecognizer, 'Diagnosticado a principios de 2005.', ['2005']);
    assertFlags(dateRecognizer, 'en hemodiálisis desde 2005, con trasplante', ['2005']);
  });

  it('flags a year joined to a cued year, and a pair of joined years', () => {
    assertFlags(dateRecognizer, 'poliposis en dos ocasiones en 1993 y 1994.', ['1993', '1994']);
    assertFlags(dateRecognizer, 'She served from 2005 to 2021.', ['2005', '2021']);
    assertFlags(dateRecognizer, 'nefrectomía bilateral (1999 y 2002), inhabilitado', ['1999', '2002']);
  });

  it('scores a cue-based year below a year after a date word', () => {
    const [cued] = dateRecognizer.detect(asRaw('founded in 1977'));
    const [born] = dateRecognizer.detect(asRaw('born 1977'));
    assert.ok(cued && born && cued.score < born.score);
  });

  it('leaves quantities, sizes and numbers without a cue alone', () => {
    assertFlags(dateRecognizer, 'I need 2000 calories a day.', []);
    assertFlags(dateRecognizer, 'Take it in 2000 mg doses.', []);
    assertFlags(dateRecognizer, 'Set the resolution to 1920 by 1080.', []);
    assertFlags(dateRecognizer, 'See page 3 of 2010.', []);
    assertFlags(dateRecognizer, 'The buffer holds 2048 entries.', []);
    assertFlags(dateRecognizer, 'Add 1999 to the total.', []);
    assertFlags(dateRecognizer, 'in 1750 the count was 3', []);
    assertFlags(dateRecognizer, 'Se administraron en 2000 mg por día.', []);
  });
});

describe('dateRecognizer: weekdays used as days', () => {
  it('flags a weekday after or before a cue word', () => {
    assertFlags(dateRecognizer, 'Mr. Leiva flew to Leppen on Tuesday morning.', ['Tuesday']);
    assertFlags(dateRecognizer, "We'll meet Monday at the office.", ['Monday']);
    assertFlags(dateRecognizer, 'mr. elliott flew to oslo on friday morning.', ['friday']);
    assertFlags(dateRecognizer, 'Lo vi el martes pasado.', ['martes']);
    assertFlags(dateRecognizer, 'Vuelve este jueves.', ['jueves']);
  });

  it('flags a capitalised English weekday alone, more weakly', () => {
    const [finding] = dateRecognizer.detect(asRaw('Tuesday works for me.'));
    assert.ok(finding && finding.score < 0.5);
  });

  it('leaves lower-case weekday words without a cue, and abbreviations, alone', () => {
    assertFlags(dateRecognizer, 'martes es el dios de la guerra', []);
    assertFlags(dateRecognizer, 'The sun is bright and we sat down.', []);
    assertFlags(dateRecognizer, 'Los lunes al sol es una película', ['lunes']);
  });
});

describe('dateRecognizer: typo-tolerant numeric dates', () => {
  it('flags a date with a zero-padded three-digit day or month', () => {
    assertFlags(dateRecognizer, 'Fecha de nacimiento: 16/018/1961.', ['16/018/1961']);
    assertFlags(dateRecognizer, 'Fecha de Ingreso: 27/011/2014.', ['27/011/2014']);
  });

  it('leaves other three-part numbers alone', () => {
    assertFlags(dateRecognizer, 'Ref 12/345/2014 on file', []);
    assertFlags(dateRecognizer, 'codes 16/018/1561', []);
  });
});

describe('ageRecognizer: ages of infants', () => {
  it('flags days, weeks and months of life', () => {
    assertFlags(ageRecognizer, 'El lactante es transferido a los 19 días de vida con urosepsis.', ['19 días']);
    assertFlags(ageRecognizer, 'Niña de un mes y medio de vida que acude a consulta.', ['un mes y medio']);
    assertFlags(ageRecognizer, 'Niño de tres meses que presenta eritema.', ['tres meses']);
    assertFlags(ageRecognizer, 'hasta los dos meses de edad, cuando comenzó', ['dos meses']);
    assertFlags(ageRecognizer, 'Al cuarto mes de vida es internado.', ['cuarto mes']);
    assertFlags(ageRecognizer, 'la tumoración desapareció al mes de vida.', ['mes']);
  });

  it('flags English baby ages written with "old"', () => {
    assertFlags(ageRecognizer, 'A 6-week-old infant presented with fever.', ['6-week-old']);
    assertFlags(ageRecognizer, 'She is 18 months old.', ['18 months old']);
    assertFlags(ageRecognizer, 'a three-day-old baby', ['three-day-old']);
  });

  it('no longer drops an age followed by a word that starts like a duration word', () => {
    assertFlags(ageRecognizer, 'Mujer de 61 años trasladada desde un hospital comarcal.', ['61 años']);
  });

  it('leaves durations alone', () => {
    assertFlags(ageRecognizer, 'tratamiento de 3 meses de duración', []);
    assertFlags(ageRecognizer, 'un producto de 2 meses de vida útil', []);
    assertFlags(ageRecognizer, 'The project took 18 months.', []);
    assertFlags(ageRecognizer, 'A los 3 meses del tratamiento mejoró.', []);
  });
});
