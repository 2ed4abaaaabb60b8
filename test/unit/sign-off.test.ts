import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signOffRecognizer } from '../../main/core/deid/recognizers/sign-off.js';
import { asRaw } from '../../main/core/text.js';

const names = (text: string) => signOffRecognizer.detect(asRaw(text)).map((f) => text.slice(f.start, f.end));

test('a dash sign-off ending a message or line is a name', () => {
  assert.deepEqual(names('my email is t@x.org — Takeshi Nakamura.'), ['Takeshi Nakamura']);
  assert.deepEqual(names('Thanks for the help!\n-- Ana\nSent from my phone'), ['Ana']);
  assert.deepEqual(names('see you soon – María José Pérez'), ['María José Pérez']);
});

test('a capitalised word spelled in an e-mail local part is a name', () => {
  assert.deepEqual(names('Write to j.okafor@clinic.org, Okafor will answer.'), ['Okafor']);
  assert.deepEqual(names('Contact ellison.m@mail.com or Margaret Ellison directly'), ['Margaret Ellison']);
});

test('dashes inside sentences, lower-case endings and unrelated capitals are not names', () => {
  assert.deepEqual(names('The dose - twice a day - is fine.'), []);
  assert.deepEqual(names('pre-op notes are attached - see below'), []);
  assert.deepEqual(names('Ask Support at help@clinic.org about Billing.'), []);
  assert.deepEqual(names('Results came back — Negative for strep'), []);
});
