import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { mayHoldIpv6 } from '../../main/core/deid/recognizers/ip-address.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { hasOddCase, wordsOf } from '../../main/core/deid/recognizers/word-scan.js';
import { asRaw } from '../../main/core/text.js';

/**
 * The cheap tests that now spare the pattern recognizers and boundary rules a regex scan: each answers as the
 * test it replaces (property tests), and the spans behind them are still found, in every case they must handle.
 */

const textOf = (pieces: readonly string[]) => fc.array(fc.constantFrom(...pieces), { minLength: 0, maxLength: 20 }).map((parts) => parts.join(''));

test('mayHoldIpv6 answers as the regex it replaces', () => {
  const pieces = [':', '::', 'fe80', '1', '0', 'g', 'ABCD', 'abcde', 'F', ' ', 'x:', '12345', 'İ', '\n', ':/'];
  fc.assert(
    fc.property(textOf(pieces), (text) => assert.equal(mayHoldIpv6(text), /[0-9a-f]?:[0-9a-f]{0,4}:/i.test(text), JSON.stringify(text))),
    { numRuns: 2000 },
  );
});

test('hasOddCase answers the same from the kept word scan as from its own loop', () => {
  const pieces = ['Anna', 'İ', 'istanbul', 'ΑΝΝΑΣ', 'σ', '\u212A', '\u212B', 'Å', 'é', 'É', ' ', '5', 'ß', 'ſ', 'ǅ', '😀', 'I'];
  fc.assert(
    fc.property(textOf(pieces), (text) => {
      wordsOf('another text');
      const byLoop = hasOddCase(text);
      const scan = wordsOf(text);
      assert.equal(scan.oddCase, byLoop, JSON.stringify(text));
      assert.equal(hasOddCase(text), byLoop, JSON.stringify(text));
    }),
    { numRuns: 1000 },
  );
});

const deidentifier = new Deidentifier(patternRecognizers(), null);

/** Each text's spans as [text, label]. */
async function spansOf(...texts: string[]): Promise<[string, string][][]> {
  const detected = await deidentifier.detectCases(texts.map((text) => [asRaw(text)]));
  return detected.map((found, i) => (found.spans[0] ?? []).map((span) => [texts[i]!.slice(span.start, span.end), span.label]));
}

test('ages opening on a word are found in any case, and in text whose lower case is longer', async () => {
  assert.deepEqual(await spansOf('Varón de 45 años. EDAD: 45 años', 'İ. Paciente, edad: 45', 'Then she TURNED 40 today', 'AGED 30, he left'), [
    [['45 años', 'AGE'], ['45 años', 'AGE']],
    [['45', 'AGE']],
    [['40', 'AGE']],
    [['30', 'AGE']],
  ]);
});

test('IPv6 addresses are found and C++ scopes are not', async () => {
  assert.deepEqual(await spansOf('Server fe80::1ff:fe23:4567:890a is down', 'use std::vector::push_back here'), [
    [['fe80::1ff:fe23:4567:890a', 'IP_ADDRESS']],
    [],
  ]);
});

test('postal blocks, street suffixes, streets without digits and makers in brackets are found', async () => {
  assert.deepEqual(
    await spansOf(
      '12 geiteryggekra 31\nnordborg, sd 4834',
      '12 geiteryggekra 31\nnordborg, and more',
      'Vive en la Calle Mayor s/n de Teruel',
      'Se pautó colirio (Combigan®, Allergan) cada 12 horas',
      'Dolor abdominal (sin cambios) y fiebre',
    ),
    [
      [['12 geiteryggekra 31\nnordborg, sd 4834', 'ADDRESS']],
      [],
      [['Calle Mayor s/n de Teruel', 'ADDRESS']],
      [['Allergan', 'ORGANIZATION']],
      [],
    ],
  );
});

test('addresses still grow over the number, the street line and the street before a comma', async () => {
  assert.deepEqual(
    await spansOf(
      'he lives at 5850 Jana Nerudy 80 Apt. 608',
      'arrived at 636 1812 Rue De La Gare\n Apt. 271',
      'office: Fruškogorska 3, Stan 52, 63894 Čabar',
    ),
    [[['5850 Jana Nerudy 80 Apt. 608', 'ADDRESS']], [['636 1812 Rue De La Gare\n Apt. 271', 'ADDRESS']], [['Fruškogorska 3, Stan 52, 63894 Čabar', 'ADDRESS']]],
  );
});

test('a name after a cue ends before a stop word', async () => {
  assert.deepEqual(await spansOf('Hi, my name is John and I live here', 'Hi, my name is  John   '), [[['John', 'PERSON']], [['John', 'PERSON']]]);
});
