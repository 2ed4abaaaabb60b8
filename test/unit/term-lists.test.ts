import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { addTerm, listTerms, readTermLists, removeTerm } from '../../main/core/deid/term-lists.js';
import type { QuarryError } from '../../main/core/errors.js';
import { migrate } from '../../main/core/store/migrate.js';
import { asRaw } from '../../main/core/text.js';

async function redact(deidentifier: Deidentifier, text: string): Promise<string> {
  const [result] = await deidentifier.deidentifyCases([[asRaw(text)]]);
  return result!.texts[0]!;
}

test('deny-listed terms are always redacted, as whole words, in any case', async () => {
  const deidentifier = new Deidentifier(patternRecognizers(), null);
  deidentifier.setTermLists({ allow: [], deny: [{ term: 'Project Bluebird', label: 'ORGANIZATION' }, { term: 'Kessler', label: 'PERSON' }] });
  assert.equal(
    await redact(deidentifier, 'ask KESSLER about project bluebird; Kesslerstrasse is a street'),
    'ask [PERSON_1] about [ORGANIZATION_1]; Kesslerstrasse is a street',
  );
});

test('allow-listed terms are never redacted, but the deny-list wins', async () => {
  const deidentifier = new Deidentifier(patternRecognizers(), null);
  const text = 'Write to help@northwindclinic.com or visit northwindclinic.com today.';
  assert.match(await redact(deidentifier, text), /\[EMAIL_1\].*\[URL_1\]/);
  deidentifier.setTermLists({ allow: ['northwindclinic.com', 'help@northwindclinic.com'], deny: [] });
  assert.equal(await redact(deidentifier, text), text);
  deidentifier.setTermLists({ allow: ['help@northwindclinic.com'], deny: [{ term: 'help@northwindclinic.com', label: 'EMAIL' }] });
  assert.match(await redact(deidentifier, text), /^Write to \[EMAIL_1\]/);
});

test('terms persist in the workspace; duplicates, short terms and untyped deny terms are refused', () => {
  const db = new Database(':memory:');
  migrate(db);
  const added = addTerm(db, 'deny', '  Project   Bluebird ', 'ORGANIZATION', 'reviewer:ana');
  assert.equal(added.term, 'Project Bluebird');
  addTerm(db, 'allow', 'Northwind Clinics', null, 'reviewer:ana');
  assert.deepEqual(readTermLists(db), { allow: ['Northwind Clinics'], deny: [{ term: 'Project Bluebird', label: 'ORGANIZATION' }] });
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as QuarryError).code;
    }
    return null;
  };
  assert.equal(code(() => addTerm(db, 'deny', 'project bluebird', 'ORGANIZATION', 'x')), 'term-exists');
  assert.equal(code(() => addTerm(db, 'allow', 'x', null, 'x')), 'term-too-short');
  assert.equal(code(() => addTerm(db, 'deny', 'Someone', 'NOT_A_LABEL', 'x')), 'term-label');
  removeTerm(db, added.id);
  assert.deepEqual(listTerms(db).map((t) => t.term), ['Northwind Clinics']);
  assert.equal(code(() => removeTerm(db, added.id)), 'term-not-found');
});
