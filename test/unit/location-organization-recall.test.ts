import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressRecognizer } from '../../main/core/deid/recognizers/address.js';
import { locationRecognizer } from '../../main/core/deid/recognizers/location-gazetteer.js';
import { organizationRecognizer } from '../../main/core/deid/recognizers/organization-cues.js';
import { worldCities } from '../../main/core/deid/recognizers/world-cities.js';
import { assertFlags, flagged } from '../recognizer-assertions.js';



describe('locationRecognizer', () => {
  it('flags unambiguous countries, regions and Spanish provinces alone', () => {
    assertFlags(locationRecognizer, 'Germany signed the treaty.', ['Germany'], 'LOCATION');
    assertFlags(locationRecognizer, 'Localidad/ Provincia: Ourense.\nCP: 32005', ['Ourense'], 'LOCATION');
    assertFlags(locationRecognizer, 'País: Gambia.', ['Gambia'], 'LOCATION');
  });

  it('flags ambiguous places only with a second signal', () => {
    assertFlags(locationRecognizer, 'I moved to Jackson last year.', ['Jackson'], 'LOCATION');
    assertFlags(locationRecognizer, 'Jackson said hi.', [], 'LOCATION');
    assertFlags(locationRecognizer, 'Carl Zeiss Meditec, Dublin, CA), demostró', ['Dublin', 'CA'], 'LOCATION');
    assertFlags(locationRecognizer, 'San Sebastián (Guipúzcoa) E-mail', ['San Sebastián', 'Guipúzcoa'], 'LOCATION');
  });

  it("flags the world's larger cities, which the locales' town lists lack, with a second signal", () => {
    assertFlags(locationRecognizer, 'I met him in Tokyo, then flew to Cairo and Sao Paulo.', ['Tokyo', 'Cairo', 'Sao Paulo'], 'LOCATION');
    assertFlags(locationRecognizer, 'We moved from São Luís to Seoul, then to Sao Luis.', ['São Luís', 'Seoul', 'Sao Luis'], 'LOCATION');
    assertFlags(locationRecognizer, 'Tokyo is large.', [], 'LOCATION');
    // Cities named with an everyday word are not taken from this list: a cue is no signal there.
    const cities = new Set(worldCities());
    for (const name of ['Tokyo', 'Beijing', 'São Luís', 'Sao Luis', 'Buenos Aires']) assert.equal(cities.has(name), true, name);
    for (const name of ['Reading', 'Mobile', 'Independence', 'Split', 'Nice']) assert.equal(cities.has(name), false, name);
  });

  it('flags abbreviated countries', () => {
    assertFlags(locationRecognizer, 'Santa Bárbara, California, EE.UU.) En', ['California', 'EE.UU.'], 'LOCATION');
    assertFlags(locationRecognizer, 'Made in the USA.', ['USA'], 'LOCATION');
  });

  it('flags a postcode next to a place as an address', () => {
    assertFlags(locationRecognizer, 'C/ Alfredo Navarro 3102, Montevideo 11600, Uruguay.', ['11600'], 'ADDRESS');
    assertFlags(locationRecognizer, 'Hospital del Bierzo C/ La Dehesa s/n. 24411 Ponferrada León', ['24411'], 'ADDRESS');
  });

  it('leaves ordinary words, acronyms and things named after places alone', () => {
    assertFlags(locationRecognizer, 'The Mobile app crashed.', []);
    assertFlags(locationRecognizer, 'Use the Reading list.', []);
    assertFlags(locationRecognizer, 'Open it in the IDE.', []);
    assertFlags(locationRecognizer, "G appears in Newton's law of gravitation.", []);
    assertFlags(locationRecognizer, 'Time complexity is O(n). Most people agree.', []);
    assertFlags(locationRecognizer, 'Released in 2020, the model was trained.', []);
  });
});

describe('organizationRecognizer', () => {
  it('flags names with a legal-form or sector suffix', () => {
    assertFlags(organizationRecognizer, 'Bekins, Enervee Corporation and Civic Insight.', ['Enervee Corporation']);
    assertFlags(organizationRecognizer, 'The Asc Partners Orchestra was founded', ['Asc Partners']);
    assertFlags(organizationRecognizer, 'which later became Loqate Inc in 2004', ['Loqate Inc']);
  });

  it('flags names after an institution word, with an acronym in brackets', () => {
    assertFlags(organizationRecognizer, 'Servicio de Urología. Fundació Puigvert. Calle Cartagena', ['Fundació Puigvert']);
    assertFlags(organizationRecognizer, 'Remitido por: X. Clínica Vistahermosa. Av. Denia', ['Clínica Vistahermosa']);
    assertFlags(organizationRecognizer, 'Complejo Hospitalario Universitario de Vigo (CHUVI). C/ Pizarro', [
      'Complejo Hospitalario Universitario de Vigo (CHUVI)',
    ]);
  });

  it('flags the maker in a product reference, and leaves well-known brands in running text alone', () => {
    assertFlags(organizationRecognizer, '(Vibracina 100, Pfizer, Madrid), colirios', ['Pfizer']);
    assertFlags(organizationRecognizer, '(Cicloplegic, Llorens, Barcelona)', ['Llorens']);
    // A famous company named in a question identifies nobody; redacting it would only blur the task.
    assertFlags(organizationRecognizer, 'How do I share a Google Sheet with my Microsoft account?', []);
  });

  it('leaves generic uses of cue words alone', () => {
    assertFlags(organizationRecognizer, 'The Group meeting is at noon.', []);
    assertFlags(organizationRecognizer, 'Contact the Bank for details.', []);
    assertFlags(organizationRecognizer, 'I went to the Hospital yesterday.', []);
    assertFlags(organizationRecognizer, 'A course on Operating Systems', []);
    assertFlags(organizationRecognizer, '(Dacortin 30 mg, tres veces, diario)', []);
    assertFlags(organizationRecognizer, 'ingresó en Hospital de Día durante 2 meses', []);
    assertFlags(organizationRecognizer, '• Entrevista Clínica Estructurada para los Trastornos', []);
  });
});

describe('addressRecognizer: streets without a known street type', () => {
  it('flags a street line of a letter followed by a flat or postcode line, with its tail', () => {
    const text = 'William Hughes\n\n20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488';
    assert.ok(flagged(addressRecognizer, text).includes('20789 Allika 46\n Suite 501\n Riisa\n\n Estonia 62488'));
  });

  it('flags postcodes after a postcode word, Portuguese postcodes, and one-word cities after a postcode', () => {
    assertFlags(addressRecognizer, 'CP: 1650000.\n', ['1650000']);
    assertFlags(addressRecognizer, 'My zip code is 880', ['880']);
    assert.ok(flagged(addressRecognizer, 'Avenida Lezaun, 14, 31620 Gorraiz (Navarra) E-mail: x@y.es').includes('Avenida Lezaun, 14, 31620 Gorraiz (Navarra)'));
    assertFlags(addressRecognizer, 'Colón, 28, 1º. 36201 Vigo. e-mail', ['Colón, 28, 1º. 36201 Vigo']);
  });

  it('flags a postcode after a town after a preposition of place', () => {
    assertFlags(addressRecognizer, 'Looking to support Factset in Bjert 6091 in its mission', ['6091']);
    // "Quinta" is a Portuguese street type (faker's pt locales): the place and its postcode are one address.
    assertFlags(addressRecognizer, 'support MysticWeb in Quinta de São Tiago 3610-114 in its', ['Quinta de São Tiago 3610-114', '3610-114']);
    assertFlags(addressRecognizer, 'in ÖVERTURINGEN 840 24 in its', ['840 24']);
  });

  it('leaves years and version numbers after a capitalised word alone', () => {
    assertFlags(addressRecognizer, 'released in Windows 2000 and', []);
    assertFlags(addressRecognizer, 'in Excel 2016 you can', []);
    assertFlags(addressRecognizer, 'We live in Room 1234 now', []);
    assertFlags(addressRecognizer, 'in Python 3000 mode', []);
  });

  it('leaves headings and numbered lines alone', () => {
    assertFlags(addressRecognizer, 'Chapter 5\nSuite 3 is nice', []);
    assertFlags(addressRecognizer, 'I ran Windows 10\nWindows 11 is next', []);
  });
});
