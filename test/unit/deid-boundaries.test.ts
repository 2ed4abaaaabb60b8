import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extendBoundaries } from '../../main/core/deid/boundaries.js';
import { combineFindings } from '../../main/core/deid/spans.js';
import type { Finding, PiiLabel } from '../../main/core/deid/types.js';

function at(text: string, part: string, label: PiiLabel): Finding {
  const start = text.indexOf(part);
  assert.ok(start >= 0, `${part} not in the text`);
  return { start, end: start + part.length, label, score: 0.8, source: 'test' };
}

const spans = (text: string, findings: Finding[]) => extendBoundaries(text, findings).map((f) => `${f.label}:${text.slice(f.start, f.end)}`);

describe('address boundaries', () => {
  it('takes in the flat, floor and door after the number', () => {
    for (const [text, core, whole] of [
      ['Domicilio: Paseo Dr. Marañón, 14, 3.º C. Madrid', 'Paseo Dr. Marañón, 14', 'Paseo Dr. Marañón, 14, 3.º C'],
      ['Vive en C/ Antonio Filpo Rojas, 14 1º izda. Huelva', 'C/ Antonio Filpo Rojas', 'C/ Antonio Filpo Rojas, 14 1º izda.'],
      ['Domicilio: C BIZKARRETA, 1. Bajo A. Pamplona', 'C BIZKARRETA, 1', 'C BIZKARRETA, 1. Bajo A'],
      ['Dirección: Hermanos Falcó 37, s/n, Albacete', 'Hermanos Falcó 37', 'Hermanos Falcó 37, s/n'],
      ['en Carretera Nacional 4, km. 665 hacia Cádiz', 'Carretera Nacional 4', 'Carretera Nacional 4, km. 665'],
      ['at Av. la Viña. 326 #543 today', 'Av. la Viña. 326', 'Av. la Viña. 326 #543'],
    ] as const) {
      const found = at(text, core, 'ADDRESS');
      assert.deepEqual(spans(text, [found]), [`ADDRESS:${whole}`], text);
    }
  });
  it('takes in the house number before it, and the region and postal code after it', () => {
    const text = 'Send it to 5850 Jana Nerudy 894, Toronto, ON\n 82269 please.';
    assert.deepEqual(spans(text, [at(text, 'Jana Nerudy 894, Toronto', 'ADDRESS')]), ['ADDRESS:5850 Jana Nerudy 894, Toronto, ON\n 82269']);
  });
  it('joins an address and the places after it across separators and codes', () => {
    const text = 'Ship to 27534 Þorsteinsgata 63\nMOSS\n, 51971 Norway. Thanks';
    const found = [at(text, '27534 Þorsteinsgata 63', 'ADDRESS'), at(text, 'MOSS', 'LOCATION'), at(text, 'Norway', 'LOCATION')];
    assert.deepEqual(spans(text, found), ['ADDRESS:27534 Þorsteinsgata 63\nMOSS\n, 51971 Norway']);
  });
  it('leaves what follows an address alone when it is not part of it', () => {
    for (const [text, core] of [
      ['I live at 12 Baker Street, and I love it.', '12 Baker Street'],
      ['I live at 12 Baker Street. 3 people live there.', '12 Baker Street'],
      ['Calle Mayor 5, 3 veces al día', 'Calle Mayor 5'],
      ['Calle Mayor 5 ocurrió 2 veces', 'Calle Mayor 5'],
    ] as const) {
      assert.deepEqual(spans(text, [at(text, core, 'ADDRESS')]), [`ADDRESS:${core}`], text);
    }
    const text = 'He lives at 12 Baker Street.\n\nLondon is far.';
    assert.deepEqual(spans(text, [at(text, '12 Baker Street', 'ADDRESS'), at(text, 'London', 'LOCATION')]), ['ADDRESS:12 Baker Street', 'LOCATION:London']);
    const apart = 'It was 12 Baker Street then we went to the lovely Paris.';
    assert.deepEqual(spans(apart, [at(apart, '12 Baker Street', 'ADDRESS'), at(apart, 'Paris', 'LOCATION')]), ['ADDRESS:12 Baker Street', 'LOCATION:Paris']);
  });
});

describe('person boundaries', () => {
  it('takes in adjacent initials and known name words', () => {
    const text = 'Remitido por: Dr. A. Parente Hernández. Firmado por Julieta S Almeida hoy.';
    assert.deepEqual(spans(text, [at(text, 'Parente Hernández', 'PERSON'), at(text, 'Julieta', 'PERSON')]), [
      'PERSON:A. Parente Hernández',
      'PERSON:Julieta S Almeida',
    ]);
  });
  it('does not take in ordinary capitalised words, titles or sentence starts', () => {
    const text = 'Thanks Anna Berg. Please call Dr. Ruiz Tomorrow.';
    assert.deepEqual(spans(text, [at(text, 'Anna Berg', 'PERSON'), at(text, 'Ruiz', 'PERSON')]), ['PERSON:Anna Berg', 'PERSON:Ruiz']);
  });
});

describe('address tails that are not floors', () => {
  it('does not read "o" of a following word as an ordinal', () => {
    const text = 'Calle Mayor 5, 3 or 4 times';
    assert.deepEqual(spans(text, [at(text, 'Calle Mayor 5', 'ADDRESS')]), ['ADDRESS:Calle Mayor 5']);
    const other = 'Calle Mayor, 3 veces al día';
    assert.deepEqual(spans(other, [at(other, 'Calle Mayor', 'ADDRESS')]), ['ADDRESS:Calle Mayor']);
  });
});

describe('address tails after the number a detector stopped at', () => {
  it('takes in an ordinal sign and door glued to the number', () => {
    for (const [text, core, whole] of [
      ['Paseo Dr. Marañón, 14, 3.º C 20009 San Sebastián', 'Paseo Dr. Marañón, 14, 3', 'Paseo Dr. Marañón, 14, 3.º C 20009'],
      ['Av. Galaxia 6, esc. 2, 2ºb. Madrid', 'Av. Galaxia 6, esc. 2, 2', 'Av. Galaxia 6, esc. 2, 2ºb'],
    ] as const) {
      assert.deepEqual(spans(text, [at(text, core, 'ADDRESS')]), [`ADDRESS:${whole}`], text);
    }
  });
  it('takes in "s/n" after a street found under any name label', () => {
    const text = 'Hospital de Albacete, Hermanos Falcó, s/n - 02006';
    assert.deepEqual(spans(text, [at(text, 'Hermanos Falcó', 'ORGANIZATION')]), ['ORGANIZATION:Hermanos Falcó, s/n']);
  });
});

describe('joined names', () => {
  it('joins name parts across hyphens, particles and abbreviation periods', () => {
    const text = 'Servicio Castellano-Leonés de Salud, Complexo Hospitalario de Ourense, Hospital Militar Dr. Carlos Arvelo.';
    const found = [
      at(text, 'Castellano', 'ORGANIZATION'),
      at(text, 'Leonés de Salud', 'ORGANIZATION'),
      at(text, 'Complexo Hospitalario', 'ORGANIZATION'),
      at(text, 'Ourense', 'LOCATION'),
      at(text, 'Hospital Militar Dr', 'ORGANIZATION'),
      at(text, 'Carlos Arvelo', 'PERSON'),
    ];
    assert.deepEqual(spans(text, found), [
      'ORGANIZATION:Servicio Castellano-Leonés de Salud',
      'ORGANIZATION:Complexo Hospitalario de Ourense',
      'ORGANIZATION:Hospital Militar Dr. Carlos Arvelo',
    ]);
  });
  it('keeps lists and sentences apart', () => {
    const text = 'Visited Madrid y Barcelona. Then Paris and Lyon. Ana. Berta came.';
    const found = [at(text, 'Madrid', 'LOCATION'), at(text, 'Barcelona', 'LOCATION'), at(text, 'Paris', 'LOCATION'), at(text, 'Lyon', 'LOCATION'), at(text, 'Ana', 'PERSON'), at(text, 'Berta', 'PERSON')];
    assert.deepEqual(spans(text, found), ['LOCATION:Madrid', 'LOCATION:Barcelona', 'LOCATION:Paris', 'LOCATION:Lyon', 'PERSON:Ana', 'PERSON:Berta']);
  });
});

describe('year words', () => {
  it('takes in "año" or "year" before a bare year only', () => {
    const text = 'En el año 2009 y en 2010, in the year 1999.';
    const found = [at(text, '2009', 'DATE'), at(text, '2010', 'DATE'), at(text, '1999', 'DATE')];
    assert.deepEqual(spans(text, found), ['DATE:año 2009', 'DATE:2010', 'DATE:year 1999']);
  });
});

describe('month ranges and postal lines', () => {
  it('takes in the first month of a range before a written date', () => {
    const text = 'Tratado entre febrero y abril de 2002, and from March to May 2000, not May 3.';
    const found = [at(text, 'abril de 2002', 'DATE'), at(text, 'May 2000', 'DATE')];
    assert.deepEqual(spans(text, found), ['DATE:febrero y abril de 2002', 'DATE:March to May 2000']);
  });
  it('takes in a region code and postcode after the town line, comma first or line break first', () => {
    const text = 'Ship to 9554 62 Rue Gafsa Apt. 981\nToronto\n, ON\n 82269\nThanks';
    const found = [at(text, '9554 62 Rue Gafsa Apt. 981', 'ADDRESS'), at(text, 'Toronto', 'LOCATION')];
    assert.deepEqual(spans(text, found), ['ADDRESS:9554 62 Rue Gafsa Apt. 981\nToronto\n, ON\n 82269']);
  });
});

describe('more address tails', () => {
  it('takes in a unit word after a street that does not end in a number, and a floor after "º"', () => {
    for (const [text, core, whole] of [
      ['Hospital en Ctra. de Colmenar Viejo, Km 9,100. Madrid', 'Ctra. de Colmenar Viejo', 'Ctra. de Colmenar Viejo, Km 9,100'],
      ['Avda. del Puerto, 1-8º puerta 14. Valencia', 'Avda. del Puerto, 1-8º', 'Avda. del Puerto, 1-8º puerta 14'],
      ['Paseo de la Castellana 86. 13 A. Madrid', 'Paseo de la Castellana 86', 'Paseo de la Castellana 86. 13 A'],
    ] as const) {
      assert.deepEqual(spans(text, [at(text, core, 'ADDRESS')]), [`ADDRESS:${whole}`], text);
    }
    const text = 'Calle Mayor 5. 3 Apples were sold.';
    assert.deepEqual(spans(text, [at(text, 'Calle Mayor 5', 'ADDRESS')]), ['ADDRESS:Calle Mayor 5']);
  });
});

describe('organisation names', () => {
  it('takes in capitalised words right after an organisation, not lower-case ones or the next sentence', () => {
    const text = 'Lentes de Alcon Cusí y gotas de Lilly y Dista, Madrid. Merck lo distribuye. Pfizer. Roche vende';
    const found = [at(text, 'Alcon', 'ORGANIZATION'), at(text, 'Lilly', 'ORGANIZATION'), at(text, 'Merck', 'ORGANIZATION'), at(text, 'Pfizer', 'ORGANIZATION'), at(text, 'Roche', 'ORGANIZATION')];
    assert.deepEqual(spans(text, found), ['ORGANIZATION:Alcon Cusí', 'ORGANIZATION:Lilly y Dista', 'ORGANIZATION:Merck', 'ORGANIZATION:Pfizer', 'ORGANIZATION:Roche']);
  });
});

describe('boundary invariants', () => {
  it('keeps every input character covered and leaves spans sorted and apart', async () => {
    const fc = (await import('fast-check')).default;
    const LABELS: PiiLabel[] = ['ADDRESS', 'PERSON', 'LOCATION', 'ORGANIZATION', 'DATE', 'ID'];
    const piece = fc.constantFrom('Calle Mayor 5', ', 3º B', ' ', '\n', ', ', 'Ana', ' de ', 'Madrid', '28013', 'Hospital', ' y ', 'abril de 2002', '-', '. ', 's/n', 'Dr.', '12');
    await fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...LABELS), fc.constantFrom('pattern:address', 'ner:x')), { maxLength: 6 }), (pieces, raw) => {
        const text = pieces.join('');
        const input = raw
          .map(([a, b, label, source]) => ({ start: Math.min(a, b) % (text.length + 1), end: Math.max(a, b) % (text.length + 1), label, score: 0.5, source }))
          .filter((f) => f.end > f.start);
        const combinedInput = combineFindings(input);
        const out = extendBoundaries(text, combinedInput);
        for (let i = 1; i < out.length; i++) assert.ok(out[i]!.start >= out[i - 1]!.end, 'sorted and apart');
        for (const f of combinedInput) {
          for (let c = f.start; c < f.end; c++) assert.ok(out.some((o) => o.start <= c && c < o.end), `char ${c} stays covered`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('street tails under any name label', () => {
  it('takes in "s/n" and a unit word after a street the model labelled a place', () => {
    const text = 'Hospital en Ctra. de Colmenar Viejo, Km 9,100 y Hermanos Falcó, s/n. Fin';
    const found = [at(text, 'Ctra. de Colmenar Viejo', 'LOCATION'), at(text, 'Hermanos Falcó', 'ADDRESS')];
    assert.deepEqual(spans(text, found), ['LOCATION:Ctra. de Colmenar Viejo, Km 9,100', 'ADDRESS:Hermanos Falcó, s/n']);
  });
});

describe('person boundaries: an unknown capitalised first part', () => {
  it('takes in a capitalised word in mid-sentence right before a name', () => {
    for (const [text, core, whole] of [
      ['Hello, this is Bartholomew Fennick, could you help?', 'Fennick', 'Bartholomew Fennick'],
      ['please ask Zorvath Quell about it', 'Quell', 'Zorvath Quell'],
    ] as const) {
      assert.deepEqual(spans(text, [at(text, core, 'PERSON')]), [`PERSON:${whole}`], text);
    }
  });
  it('leaves a sentence-initial capital, a common word and a function word alone', () => {
    for (const [text, core] of [
      ['Yesterday Fennick called.', 'Fennick'],
      ['We met. Zorvath Quell called.', 'Quell'],
      ['I spoke to the Doctor Fennick about it', 'Fennick'],
    ] as const) {
      const found = at(text, core, 'PERSON');
      assert.deepEqual(spans(text, [found]), [`PERSON:${core}`], text);
    }
  });
});
