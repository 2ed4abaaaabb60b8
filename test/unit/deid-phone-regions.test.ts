import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { CountryCode } from 'libphonenumber-js/max';
import { cheapestFirst, DEFAULT_PHONE_REGIONS, isValidIn } from '../../main/core/deid/recognizers/phone.js';

/**
 * The phone recognizer asks libphonenumber about its regions cheapest first: the answer is the one the configured
 * order gives (a property test over shuffled orders), and valid numbers of each region are still valid.
 */

test('regions sharing a calling code are parsed last', () => {
  const order = cheapestFirst(DEFAULT_PHONE_REGIONS);
  assert.deepEqual([...order].sort(), [...DEFAULT_PHONE_REGIONS].sort());
  assert.equal(order.at(-1), 'US');
  assert.equal(order.at(-2), 'GB');
  assert.deepEqual(order.slice(0, 3), ['ES', 'DE', 'FR']);
});

test('whether a phone candidate is valid does not depend on the order the regions are tried in', () => {
  const groups = ['0', '1', '6', '9', '34', '44', '49', '33', '020', '030', '612', '650', '915', '7700', '555', '0123', '12345'];
  const separators = ['', ' ', '-', '.', '/', ' (', ') '];
  const candidate = fc
    .tuple(fc.constantFrom('', '+', '00', '0', '1 '), fc.array(fc.tuple(fc.constantFrom(...groups), fc.constantFrom(...separators)), { minLength: 2, maxLength: 6 }))
    .map(([lead, parts]) => (lead + parts.map(([g, s]) => g + s).join('')).replace(/[^\d]+$/, ''))
    .filter((text) => /\d$/.test(text));
  const regions = [...DEFAULT_PHONE_REGIONS] as CountryCode[];
  fc.assert(
    fc.property(candidate, fc.shuffledSubarray(regions, { minLength: regions.length, maxLength: regions.length }), (text, shuffled) => {
      assert.equal(isValidIn(text, cheapestFirst(regions)), isValidIn(text, shuffled), JSON.stringify({ text, shuffled }));
    }),
    { numRuns: 400 },
  );
  // Valid numbers of each region are still found so.
  for (const number of ['(650) 253-0000', '020 7946 0958', '912 345 678', '030 123456', '01 23 45 67 89', '+34 912 345 678']) {
    assert.equal(isValidIn(number, cheapestFirst(regions)), isValidIn(number, regions), number);
  }
  assert.equal(isValidIn('912 345 678', cheapestFirst(regions)), true);
});
