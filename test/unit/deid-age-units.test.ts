import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capAge } from '../../main/core/deid/operators/age-cap.js';

describe('capAge with the unit the recognizer flags', () => {
  it('collapses ages over 89 with their unit into the top category', () => {
    assert.equal(capAge('95 años', 'es'), '90 o más');
    assert.equal(capAge('93-year-old', 'en'), '90 or older');
    assert.equal(capAge('92', 'en'), '90 or older');
  });
  it('keeps younger ages as written', () => {
    assert.equal(capAge('53 años', 'es'), '53 años');
    assert.equal(capAge('45 years old', 'en'), '45 years old');
    assert.equal(capAge('tres meses', 'es'), 'tres meses');
  });
});
