import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNDETERMINED, detectLanguage, toIso6391 } from '../../main/core/enrich/language.js';

test('franc ISO 639-3 codes map to ISO 639-1, macrolanguages included; codes without one keep three letters', () => {
  assert.equal(toIso6391('eng'), 'en');
  assert.equal(toIso6391('deu'), 'de');
  assert.equal(toIso6391('cmn'), 'zh');
  assert.equal(toIso6391('arb'), 'ar');
  assert.equal(toIso6391('pes'), 'fa');
  assert.equal(toIso6391('zlm'), 'ms');
  assert.equal(toIso6391('ceb'), 'ceb');
});

test('detects the language of de-identified text, ignoring placeholders', () => {
  assert.equal(detectLanguage('Can you reschedule my appointment with Dr. [PERSON_1] to next week, please?'), 'en');
  assert.equal(detectLanguage('Bonjour, je voudrais savoir comment renouveler mon ordonnance avant vendredi.'), 'fr');
  assert.equal(detectLanguage('Hallo [PERSON_1], ich brauche bitte Hilfe mit meiner letzten Rechnung.'), 'de');
  assert.equal(detectLanguage('¿Puedo tomar ibuprofeno con el antibiótico que me recetaron ayer?'), 'es');
  assert.equal(detectLanguage('Ik wil graag mijn afspraak verzetten naar volgende week dinsdag.'), 'nl');
  assert.equal(detectLanguage('我想预约下周的医生，请问需要带什么文件？'), 'zh');
  assert.equal(detectLanguage('こんにちは、来週の予約を変更したいです'), 'ja');
});

test('too little text is und, and placeholders alone are not text', () => {
  assert.equal(detectLanguage(''), UNDETERMINED);
  assert.equal(detectLanguage('hi there'), UNDETERMINED);
  assert.equal(detectLanguage('[PERSON_1] [EMAIL_ADDRESS_1] [PHONE_NUMBER_2] 12'), UNDETERMINED);
});
