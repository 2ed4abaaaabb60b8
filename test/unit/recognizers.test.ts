import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { asRaw } from '../../main/core/text.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { ageRecognizer } from '../../main/core/deid/recognizers/age.js';
import { creditCardRecognizer } from '../../main/core/deid/recognizers/credit-card.js';
import { dateRecognizer } from '../../main/core/deid/recognizers/date.js';
import { emailRecognizer } from '../../main/core/deid/recognizers/email.js';
import { ibanRecognizer } from '../../main/core/deid/recognizers/iban.js';
import { identifierRecognizer } from '../../main/core/deid/recognizers/identifier.js';
import { ipAddressRecognizer } from '../../main/core/deid/recognizers/ip-address.js';
import { phoneRecognizer } from '../../main/core/deid/recognizers/phone.js';
import { ssnRecognizer } from '../../main/core/deid/recognizers/ssn.js';
import { urlRecognizer } from '../../main/core/deid/recognizers/url.js';
import { assertFlags, flagged } from '../recognizer-assertions.js';

/** The substrings a recognizer flags in `text`. */


describe('patternRecognizers', () => {
  it('returns one recognizer per pattern type, each named pattern:*', () => {
    const names = patternRecognizers().map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^pattern:[a-z-]+$/);
  });

  it('reports findings inside the text with scores in 0..1 and their own source', () => {
    const text = 'Call +44 20 7946 0958 or mail jo@example.org before 3 March 2021; SSN 123-45-6780.';
    for (const recognizer of patternRecognizers()) {
      for (const f of recognizer.detect(asRaw(text))) {
        assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
        assert.ok(f.score > 0 && f.score <= 1);
        assert.equal(f.source, recognizer.name);
        assert.ok(recognizer.labels.includes(f.label));
      }
    }
  });
});

describe('email', () => {
  it('finds addresses, including unicode and plus tags', () => {
    assertFlags(emailRecognizer, 'Write to ana.garcía+test@hospital.es, or to bob@mail.co.uk.', [
      'ana.garcía+test@hospital.es',
      'bob@mail.co.uk',
    ]);
  });
  it('ignores handles, bare @ and addresses without a top-level domain', () => {
    assertFlags(emailRecognizer, 'ping @channel, see user@localhost and a@b and @@', []);
    assertFlags(emailRecognizer, 'meet me @ noon, or user@ localhost', []);
  });
  it('takes an address with a blank typed after the @, or announced but cut short of its top-level domain', () => {
    assertFlags(emailRecognizer, 'E-mail: marias.alfageme@ juntadeandalucia.es', ['marias.alfageme@ juntadeandalucia.es']);
    assertFlags(emailRecognizer, 'Correo electrónico: vtomicic@alemana. Teléfono: 600', ['vtomicic@alemana']);
  });
  it('stays linear on a long run of word characters', () => {
    const text = 'a'.repeat(200_000) + '@';
    const started = performance.now();
    flagged(emailRecognizer, text);
    assert.ok(performance.now() - started < 200);
  });
});

describe('phone', () => {
  it('finds international and national numbers of the default regions', () => {
    assertFlags(phoneRecognizer, 'US (415) 555-2671 or 212-456-7890. UK 020 7946 0958, mobile 07700 900123.', [
      '(415) 555-2671',
      '212-456-7890',
      '020 7946 0958',
      '07700 900123',
    ]);
    assertFlags(phoneRecognizer, 'Tel.: 967 597 100. Móvil 633 349 565. Paris 01 42 68 53 00, Berlin 030 1234567.', [
      '967 597 100',
      '633 349 565',
      '01 42 68 53 00',
      '030 1234567',
    ]);
    assertFlags(phoneRecognizer, 'Reach me on +1-984-182-0190 or +46 (0)8 928 571 38 x12', ['+1-984-182-0190', '+46 (0)8 928 571 38 x12']);
  });
  it('lets a context word vouch for a number not valid in any default region', () => {
    assertFlags(phoneRecognizer, "They're not answering at 78 651 450", ['78 651 450']);
    assertFlags(phoneRecognizer, 'The total was 78 651 450', []);
  });
  it('rejects dates, times, IPs, short numbers, order numbers, prices and decimals', () => {
    for (const text of [
      'Due 2023-02-01 or 01.02.2023 at 10:30',
      'server 192.168.100.200',
      'room 1234',
      'Order #4155552671 shipped',
      'Invoice 2125551234',
      'It cost $2,125,551,234 in total',
      '1.6 .919 4. .597 6.4 .454',
      'at 17151 2450 Crown St',
    ]) {
      assertFlags(phoneRecognizer, text, []);
    }
  });
  it('skips texts with fewer than seven digits', () => {
    assert.deepEqual(phoneRecognizer.detect(asRaw('call 555-12')), []);
  });
});

describe('credit card', () => {
  it('finds Luhn-valid numbers with known issuers, grouped or not', () => {
    assertFlags(creditCardRecognizer, 'Visa 4111 1111 1111 1111, Amex 3782-822463-10005, MC 5555555555554444.', [
      '4111 1111 1111 1111',
      '3782-822463-10005',
      '5555555555554444',
    ]);
  });
  it('rejects numbers failing Luhn, unknown issuers, mixed separators and repeated digits', () => {
    for (const text of [
      'card 4111 1111 1111 1112',
      'ref 9111111111111111',
      '4111 1111-1111 1111',
      'id 0000000000000000',
      'order 1234567890123456',
    ]) {
      assertFlags(creditCardRecognizer, text, []);
    }
  });
});

describe('SSN', () => {
  it('finds dashed SSNs alone and unseparated ones with context', () => {
    assertFlags(ssnRecognizer, 'His SSN is 078-05-1121; social security number 219099999.', ['078-05-1121', '219099999']);
  });
  it('rejects numbers never issued and unseparated numbers without context', () => {
    for (const text of ['000-12-3456', '666-12-3456', '912-12-3456', '123-00-4567', '123-45-0000', '123-45-6789', '111-11-1111', 'number 219099999']) {
      assertFlags(ssnRecognizer, text, []);
    }
  });
  it('does not flag part of a longer dashed number', () => {
    assertFlags(ssnRecognizer, 'phone 001-253-366-9781, part 12-078-05-1121', []);
  });
});

describe('IP address', () => {
  it('finds IPv4 and IPv6 addresses', () => {
    assertFlags(ipAddressRecognizer, 'from 86.121.97.248 and 6e40:4041:c617:e898:c11:40d2:c669:2eb4, gw fe80::1ff:fe23:4567:890a.', [
      '86.121.97.248',
      '6e40:4041:c617:e898:c11:40d2:c669:2eb4',
      'fe80::1ff:fe23:4567:890a',
    ]);
  });
  it('flags a bare valid dotted quad but not versions, out-of-range octets or longer dotted runs', () => {
    assertFlags(ipAddressRecognizer, 'resolver 1.2.3.4', ['1.2.3.4']);
    for (const text of ['v1.2.3.4', 'version 1.2.3.4', '999.1.1.1', '256.1.1.1', '1.2.3.4.5', 'at 12:30:45', 'std::vector abc::def']) {
      assertFlags(ipAddressRecognizer, text, []);
    }
  });
});

describe('URL', () => {
  it('finds scheme URLs, www. and bare domains, without trailing punctuation', () => {
    assertFlags(urlRecognizer, 'See https://example.com/a_(b)?q=1. Also (www.foo.org/x), bbc.co.uk, and shop.example.de/p!', [
      'https://example.com/a_(b)?q=1',
      'www.foo.org/x',
      'bbc.co.uk',
      'shop.example.de/p',
    ]);
  });
  it('leaves file names, abbreviations, code and e-mail addresses alone', () => {
    for (const text of ['edit main.py and README.md', 'ASP.NET and Node.js', 'e.g. this.is odd', 'mail jo@example.com', 'LT.lt key']) {
      assertFlags(urlRecognizer, text, []);
    }
  });
});

describe('date', () => {
  it('finds numeric dates and ISO datetimes', () => {
    assertFlags(dateRecognizer, 'On 1/2/2023, 01.02.23, 2023-02-01 and 2000-04-16 11:34:35; admitted 17/06/2016.', [
      '1/2/2023',
      '01.02.23',
      '2023-02-01',
      '2000-04-16 11:34:35',
      '17/06/2016',
    ]);
  });
  it('finds written dates in English and Spanish, with or without weekday', () => {
    assertFlags(dateRecognizer, 'March 3rd, 2021; Tuesday, 4 June 2019; jun 2019; the 5th of May', [
      'March 3rd, 2021',
      'Tuesday, 4 June 2019',
      'jun 2019',
      '5th of May',
    ]);
    assertFlags(dateRecognizer, 'el 3 de marzo de 2021, el 5 de enero, en mayo de 2006, en diciembre-08, septiembre del año 2000', [
      '3 de marzo de 2021',
      '5 de enero',
      'mayo de 2006',
      'diciembre-08',
      'septiembre del año 2000',
    ]);
  });
  it('flags a bare year or day/month only after a date word', () => {
    assertFlags(dateRecognizer, 'born in 1950; fecha: 12/09', ['1950', '12/09']);
  });
  it('leaves bare years, weekdays, months without a cue, times, fractions, versions and prices alone', () => {
    for (const text of ['Add 1977 to it', 'Tuesdays are slow', 'March was cold', 'at 10:30', 'add 3/4 cup', 'v1.2.23', 'costs 12.50', 'you may 5 times', 'dilute 1/2000', 'page 12-13']) {
      assertFlags(dateRecognizer, text, []);
    }
  });
  it('flags a bare year after a time preposition and a weekday used as a day, with lower scores', () => {
    // Formerly left alone by design; the recall work flags them (cue-based years and weekdays), at scores below 0.5.
    for (const [text, expected] of [['In 1977 it grew', '1977'], ['See you Tuesday', 'Tuesday']] as const) {
      const findings = dateRecognizer.detect(asRaw(text));
      assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), [expected], text);
      assert.ok(findings.every((f) => f.score <= 0.5), text);
    }
  });
  it('rejects impossible numeric dates', () => {
    assertFlags(dateRecognizer, '13/13/2020 and 2020-14-01 and 32.01.2020', []);
  });
});

describe('IBAN', () => {
  it('finds IBANs compact, grouped and lower-case', () => {
    assertFlags(ibanRecognizer, 'Pay GB82 WEST 1234 5698 7654 32 or es9121000418450200051332 now', [
      'GB82 WEST 1234 5698 7654 32',
      'es9121000418450200051332',
    ]);
  });
  it('rejects failed checksums, unknown countries and wrong lengths', () => {
    assertFlags(ibanRecognizer, 'GB82WEST12345698765433 QQ82WEST12345698765432 GB82WEST123456987654', []);
  });
});

describe('age', () => {
  it('finds explicit ages and flags the number with the unit written right after it', () => {
    assertFlags(ageRecognizer, 'a 38-year-old man, 72 y/o, aged 45, he just turned 52.', ['38-year-old', '72 y/o', '45', '52']);
    assertFlags(ageRecognizer, 'Varón de 53 años. Edad: 47. Niña de tres años. 13 años de edad.', ['53 años', '47', 'tres años', '13 años']);
    assertFlags(ageRecognizer, 'a 93 year old woman, aged 45 years, 5 meses y medio', ['93 year old', '45 years']);
  });
  it('does not take a following word that merely starts like a unit', () => {
    assertFlags(ageRecognizer, 'aged 45 yesterday; Edad: 47 añosluz', ['45', '47']);
  });
  it('scores ages over 89 higher, as HIPAA singles them out', () => {
    const [old] = ageRecognizer.detect(asRaw('a 93 year old woman'));
    const [young] = ageRecognizer.detect(asRaw('a 33 year old woman'));
    assert.ok(old && young && old.score > young.score);
  });
  it('leaves durations, age limits and ranges alone', () => {
    for (const text of ['desde hace 5 años', 'dolor de 4 meses de evolución', 'hace más de 30 años', 'over the age of 18', 'kids aged 2-12', '5 years ago']) {
      assertFlags(ageRecognizer, text, []);
    }
  });
});

describe('ID', () => {
  it('finds numbers after an identifier keyword', () => {
    assertFlags(identifierRecognizer, 'NHC: 2569870. NASS: 20 24576261 33. MRN #A1234567. NºCol: 28 28 20943.', [
      '2569870',
      '20 24576261 33',
      'A1234567',
      '28 28 20943',
    ]);
    assertFlags(identifierRecognizer, "My driver's license number is U62928788557186", ['U62928788557186']);
  });
  it('finds a Spanish DNI or NIE by its check letter alone', () => {
    assertFlags(identifierRecognizer, 'con DNI 12345678Z y NIE X1234567L; 12345678A no', ['12345678Z', 'X1234567L']);
  });
  it('leaves order numbers, prices and short numbers alone', () => {
    for (const text of ['Order 12345678 shipped', 'It costs 1299 euros', 'policy 12']) {
      assertFlags(identifierRecognizer, text, []);
    }
  });
});
