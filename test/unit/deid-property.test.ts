import assert from 'node:assert/strict';
import { test } from 'node:test';
import { faker } from '@faker-js/faker';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { asRaw } from '../../main/core/text.js';

/** Chat-like messages with identifiers of every pattern type in varied places, from a fixed seed. */
function syntheticCase(): string[] {
  const pieces = () => [
    `email me at ${faker.internet.email()}`,
    `call ${faker.helpers.arrayElement(['(415) 555-0', '212-555-0', '+34 612 34'])}${faker.string.numeric(3)}`,
    `my SSN is ${faker.helpers.arrayElement(['219', '536', '412'])}-${faker.string.numeric({ length: 2, exclude: ['0'] })}-${faker.string.numeric({ length: 4, exclude: ['0'] })}`,
    `from ${faker.internet.ipv4()}`,
    `see https://${faker.internet.domainName()}/case/${faker.string.alphanumeric(6)}`,
    `card 4111 1111 1111 1111`,
    `on ${faker.date.past({ years: 30 }).toISOString().slice(0, 10)}`,
    `IBAN GB82 WEST 1234 5698 7654 32`,
    faker.lorem.sentence(),
  ];
  return Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, () =>
    faker.helpers.shuffle(pieces()).slice(0, faker.number.int({ min: 2, max: 6 })).join(faker.helpers.arrayElement(['. ', ', ', '\n', ' and '])),
  );
}

test('no detected span survives anywhere in its case after de-identification', async () => {
  faker.seed(20261122);
  const deidentifier = new Deidentifier(patternRecognizers(), null);
  const cases = Array.from({ length: 300 }, syntheticCase);
  const results = await deidentifier.deidentifyCases(cases.map((fields) => fields.map(asRaw)));
  let replaced = 0;
  results.forEach((result, i) => {
    for (const replacement of result.replacements) {
      replaced += 1;
      for (const text of result.texts) {
        assert.equal(text.includes(replacement.original), false, `case ${i}: ${replacement.label} survived in ${JSON.stringify(text)}`);
      }
    }
    for (const text of result.texts) assert.doesNotMatch(text, /@[\w-]+\.\w|\d{3}-\d{2}-\d{4}|4111 1111/, `case ${i}`);
  });
  assert.ok(replaced > 1000, `the generator produced identifiers (${replaced} replaced)`);
});
