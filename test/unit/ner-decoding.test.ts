import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oLogitShiftFor, PLAIN_DECODING, shiftOutsideLogits } from '../../main/core/deid/ner/decoding.js';

const RECALL_FIRST = { oLogitShift: 1, languages: ['eng', 'spa'] } as const;

describe('NER decoding: the O-logit shift and the languages it applies to', () => {
  it("applies the shift to text in the model's languages, and to text too short to tell", () => {
    for (const text of [
      'Please move my appointment with Dr. Alvarez to Thursday afternoon, the clinic said it was fine.',
      'Necesito cambiar la dirección de facturación de mi cuenta antes de la próxima factura, por favor.',
      'Why is Katrine so impulsive?',
      'lol me and jake went to see kendrick',
    ]) {
      assert.equal(oLogitShiftFor(text, RECALL_FIRST), 1, text);
    }
  });

  it('decodes text clearly in another language without the shift', () => {
    for (const text of [
      'Ich brauche bitte eine neue Überweisung für die Kardiologie, mein Termin ist nächste Woche.',
      'Goedemiddag, ik wil graag mijn afspraak bij de huisarts verzetten naar volgende week.',
      'Dzień dobry, chciałbym przełożyć wizytę u lekarza na przyszły tydzień.',
    ]) {
      assert.equal(oLogitShiftFor(text, RECALL_FIRST), 0, text);
    }
  });

  it('applies a shift without languages to every text, and no shift at all by default', () => {
    const german = 'Ich brauche bitte eine neue Überweisung für die Kardiologie, mein Termin ist nächste Woche.';
    assert.equal(oLogitShiftFor(german, { oLogitShift: 1.5, languages: null }), 1.5);
    assert.equal(oLogitShiftFor(german, PLAIN_DECODING), 0);
  });

  it("lowers only the O logit, and only in the row it is given", () => {
    // Two rows of two pieces, three tags (O first).
    const logits = Float32Array.from([2, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 0]);
    shiftOutsideLogits(logits, 1, 2, 3, 0, 1.5);
    assert.deepEqual([...logits], [2, 1, 0, 2, 1, 0, 0.5, 1, 0, 0.5, 1, 0]);
    shiftOutsideLogits(logits, 0, 2, 3, -1, 1.5);
    assert.deepEqual([...logits.slice(0, 6)], [2, 1, 0, 2, 1, 0]);
  });
});
