import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cohensKappa, krippendorffAlpha } from '../../main/core/review/agreement.js';

const close = (actual: number | null, expected: number, digits = 3) => {
  assert.notEqual(actual, null);
  assert.equal(actual!.toFixed(digits), expected.toFixed(digits));
};

test("Cohen's kappa: the 50-application textbook table (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no) gives 0.4", () => {
  const pairs: [string, string][] = [
    ...Array.from({ length: 20 }, (): [string, string] => ['yes', 'yes']),
    ...Array.from({ length: 5 }, (): [string, string] => ['yes', 'no']),
    ...Array.from({ length: 10 }, (): [string, string] => ['no', 'yes']),
    ...Array.from({ length: 15 }, (): [string, string] => ['no', 'no']),
  ];
  // pₒ = 35/50 = 0.7; pₑ = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5.
  close(cohensKappa(pairs), 0.4);
});

test("Cohen's kappa: perfect agreement is 1, chance-level agreement 0, undefined without variation", () => {
  assert.equal(cohensKappa([['a', 'a'], ['r', 'r'], ['a', 'a']]), 1);
  close(cohensKappa([['a', 'a'], ['a', 'r'], ['r', 'a'], ['r', 'r']]), 0);
  assert.equal(cohensKappa([['a', 'a'], ['a', 'a']]), null);
  assert.equal(cohensKappa([]), null);
});

test("Krippendorff's alpha: two observers, binary, no missing data (Krippendorff 2011, α = 0.095)", () => {
  const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
  const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
  close(krippendorffAlpha(a.map((v, i) => [String(v), String(b[i])])), 0.095);
});

test("Krippendorff's alpha: four observers, nominal, missing data (Krippendorff 2011, α = 0.743)", () => {
  const observers = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  const units = observers[0]!.map((_, u) => observers.map((o) => o[u]).filter((v): v is number => v !== null).map(String));
  close(krippendorffAlpha(units), 0.743);
});

test("Krippendorff's alpha is 1 on perfect agreement and ignores unpairable units", () => {
  assert.equal(krippendorffAlpha([['a', 'a'], ['r', 'r', 'r'], ['a']]), 1);
  assert.equal(krippendorffAlpha([['a'], ['r']]), null);
  assert.equal(krippendorffAlpha([['a', 'a']]), null);
});
