import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { DEFAULT_PHONE_REGIONS, phoneRecognizer } from '../../main/core/deid/recognizers/phone.js';
import { asRaw } from '../../main/core/text.js';

const found = (text: string) => phoneRecognizer.detect(asRaw(text)).map((f) => [text.slice(f.start, f.end), f.score]);

/**
 * The recognizer skips parsing a number in a region whose possible lengths it cannot have: these tests pin that
 * the shortcut decides nothing libphonenumber itself would decide otherwise.
 */
describe('phone: region shortcuts by digit count', () => {
  it('still reads a number with a "+" inside brackets internationally, at full score with context', () => {
    assert.deepEqual(found('Call me at (+62) 24 6265 0524 please'), [['(+62) 24 6265 0524', 0.95]]);
    assert.deepEqual(found('tel (+34) 945 007 000'), [['(+34) 945 007 000', 0.95]]);
  });

  it('still finds valid national numbers of every default region, with a trunk or country prefix', () => {
    assert.deepEqual(found('call 1 (415) 555-2671 now'), [['1 (415) 555-2671', 0.95]]);
    assert.deepEqual(found('móvil 633 349 565'), [['633 349 565', 0.95]]);
    assert.deepEqual(found('phone 020 7946 0958'), [['020 7946 0958', 0.95]]);
    assert.deepEqual(found('Berlin 030 1234567 phone'), [['030 1234567', 0.95]]);
    assert.deepEqual(found('Paris tel 01 42 68 53 00'), [['01 42 68 53 00', 0.95]]);
  });

  it('agrees with libphonenumber on random digit runs of every length', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 400; n++) {
      const length = 7 + (next() % 9);
      let digits = String(1 + (next() % 9));
      while (digits.length < length) digits += String(next() % 10);
      if (n % 2 === 0) digits = '0' + digits.slice(1);
      const validSomewhere = DEFAULT_PHONE_REGIONS.some(
        (region: CountryCode) =>
          (!['GB', 'DE', 'FR'].includes(region) || digits.startsWith('0')) && (parsePhoneNumberFromString(digits, region)?.isValid() ?? false),
      );
      const flagged = phoneRecognizer.detect(asRaw(`x ${digits} y`)).length > 0;
      assert.equal(flagged, validSomewhere, digits);
    }
  });
});
