import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderCaseForExport } from '../../main/core/deid/operators/render-case.js';
import { exportMisses, listMisses, reportMissedPii } from '../../main/core/review/missed-pii.js';
import { getCase } from '../../main/core/review/review-queue.js';
import { tempDir } from '../helpers.js';
import { MISSED_NAME, reviewWorkspace } from './review-workspace.js';

test('a reported miss is redacted in place across the case, kept in the vault only, and exported without its text', async (t) => {
  const { db } = await reviewWorkspace(t);
  const before = getCase(db, 1);
  const text = before.messages[0]!.content;
  assert.match(text, /\[PHONE_1\]/);
  const start = text.indexOf(MISSED_NAME);
  assert.ok(start > 0, 'the pattern recognizers missed the name');

  // The selection may carry surrounding white space; it is trimmed.
  const result = reportMissedPii(db, { caseId: 1, field: 0, start: start - 1, end: start + MISSED_NAME.length + 1, label: 'PERSON', reviewer: 'ana' });
  assert.equal(result.placeholder, '[PERSON_1]');
  assert.equal(result.occurrences, 2, 'the same name in the response is replaced too');

  const after = getCase(db, 1);
  const all = JSON.stringify(after);
  assert.equal(all.includes(MISSED_NAME), false, 'the name is gone from the de-identified case, preview included');
  assert.match(after.messages[0]!.content, /My daughter \[PERSON_1\] needs/);
  assert.match(after.response!.content, /ask \[PERSON_1\] about/);
  assert.deepEqual(after.placeholders.find((p) => p.placeholder === '[PERSON_1]'), { placeholder: '[PERSON_1]', label: 'PERSON' });

  // The vault keeps the value where the raw text has it, so export profiles still line up and can render it.
  const vault = db.prepare("SELECT field, start, original FROM vault_findings WHERE case_id = 1 AND source = 'reviewer:ana' ORDER BY field").all();
  assert.equal(vault.length, 2);
  const kept = renderCaseForExport(db, 1, 'general-pii');
  assert.equal(JSON.stringify(kept).includes(MISSED_NAME), false);
  assert.equal(kept.fallbacks.length, 0, `no fallbacks: ${JSON.stringify(kept.fallbacks)}`);
  assert.equal(renderCaseForExport(db, 1, 'placeholder').messages[0]!.content, after.messages[0]!.content);

  // A second miss of another type gets the next number of its own type.
  const second = after.messages[0]!.content.indexOf('inhaler');
  assert.equal(reportMissedPii(db, { caseId: 1, field: 0, start: second, end: second + 7, label: 'PERSON', reviewer: 'ana' }).placeholder, '[PERSON_2]');

  const [miss] = listMisses(db);
  assert.equal(miss?.case_id, 1);
  assert.equal(miss?.field, 0);
  assert.equal(miss?.label, 'PERSON');
  assert.equal(miss?.reviewer, 'ana');
  assert.equal(miss?.context.before, 'My daughter ');
  assert.match(miss?.context.after ?? '', /^ needs her/);

  const out = join(tempDir(t), 'misses.jsonl');
  assert.deepEqual(exportMisses(db, out), [1, 2]);
  const exported = readFileSync(out, 'utf8');
  assert.equal(exported.trim().split('\n').length, 2);
  assert.equal(exported.includes(MISSED_NAME), false, 'the export carries no raw text');
});

test('bad reports are refused with the case and message named, and change nothing', async (t) => {
  const { db } = await reviewWorkspace(t);
  const text = getCase(db, 1).messages[0]!.content;
  const phone = text.indexOf('[PHONE_1]');
  const base = { caseId: 1, field: 0, reviewer: 'ana' };
  assert.throws(() => reportMissedPii(db, { ...base, start: 0, end: 2, label: 'NAME' }), /"NAME" is not an entity type/);
  assert.throws(() => reportMissedPii(db, { ...base, field: 9, start: 0, end: 2, label: 'PERSON' }), /Case 1 has no message 10/);
  assert.throws(() => reportMissedPii(db, { ...base, start: 5, end: 5000, label: 'PERSON' }), /Case 1, message 1: the selection 5–5000 is outside/);
  assert.throws(() => reportMissedPii(db, { ...base, start: phone - 2, end: phone + 3, label: 'PERSON' }), /overlaps a placeholder/);
  assert.throws(() => reportMissedPii(db, { ...base, start: 2, end: 3, label: 'PERSON' }), /only white space/);
  assert.throws(() => reportMissedPii(db, { ...base, caseId: 42, start: 0, end: 2, label: 'PERSON' }), /Case 42 does not exist/);
  assert.equal(getCase(db, 1).messages[0]!.content, text);
  assert.deepEqual(listMisses(db), []);
});
