/**
 * Reviewer-written text is de-identified on save with the case's numbering, for every text field of a draft:
 * a new identifier gets the next free placeholder of its type and goes to the vault; a value the case already
 * holds gets the case's placeholder back; placeholders the reviewer keeps and harmless text are left alone.
 * A real encrypted workspace, the pattern recognizers as the de-identifier.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { EMPTY_DRAFT, originalTask, readDraft, saveDraft, type ReviewDraft } from '../../main/core/review/case-reviews.js';
import { draftTexts, REVIEWER_TEXT_FIELD, scanReviewerText, sealDraft, sealReviewerText } from '../../main/core/review/reviewer-text.js';
import { addTerm, readTermLists } from '../../main/core/deid/term-lists.js';
import { createWorkspace, type Workspace } from '../../main/core/store/workspace.js';
import { DEFAULT_RUBRIC_TEMPLATES } from '../../main/core/review/rubric.js';
import { MODELS_DIR } from '../helpers.js';

const CASE_NAME = 'Zebediah Thornquist';
const CASE_PHONE = '(617) 555-0187';
const NEW_NAME = 'Hannelore Stiglitz';
const NEW_PHONE = '415-555-0172';
const NEW_EMAIL = 'h.stiglitz.k3@example.org';

const RECORDS = [
  {
    id: 'rt-1',
    messages: [{ role: 'user', content: `My name is ${CASE_NAME}. Call ${CASE_PHONE} about my refill.` }],
    choices: [{ message: { role: 'assistant', content: `Thanks ${CASE_NAME}, we will call ${CASE_PHONE}.` } }],
  },
  { id: 'rt-2', messages: [{ role: 'user', content: 'Is the clinic open on Sunday?' }], choices: [{ message: { role: 'assistant', content: 'No.' } }] },
];

const root = mkdtempSync(join(tmpdir(), 'quarry-reviewer-text-'));
let workspace: Workspace;
let deidentifier: Deidentifier;

before(async () => {
  const log = join(root, 'log.jsonl');
  writeFileSync(log, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  workspace = createWorkspace(join(root, 'ws'), 'reviewer text passphrase');
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  await ingestLogFile(workspace.db, deidentifier, log);
});

after(async () => {
  await deidentifier?.close();
  workspace?.close();
  rmSync(root, { recursive: true, force: true });
});

const FULL_RUBRIC = { text: 'x', weight: 1, met: 'x', unmet: 'x' };

/** A draft with `text` in the one field named by `path` and every other text field empty. */
function draftWith(path: string, text: string): ReviewDraft {
  const draft: ReviewDraft = structuredClone({ ...EMPTY_DRAFT, rubric: path.startsWith('rubric') ? [{ ...FULL_RUBRIC, text: '', met: '', unmet: '' }] : [] });
  if (path === 'taskText') draft.taskText = text;
  else if (path === 'expected') draft.expected = text;
  else if (path.startsWith('rubric.0.')) draft.rubric[0]![path.slice('rubric.0.'.length) as 'text' | 'met' | 'unmet'] = text;
  else if (path === 'augmentation.requiredSources.0') draft.augmentation.requiredSources = [text];
  else if (path.startsWith('augmentation.scope.')) draft.augmentation.scope[path.slice('augmentation.scope.'.length) as 'temporal'] = text;
  else draft.augmentation[path.slice('augmentation.'.length) as 'persona' | 'outputFormat'] = text;
  return draft;
}

function textAt(draft: ReviewDraft, path: string): string {
  const found = draftTexts(draft).find((t) => t.field === path);
  assert.ok(found, `${path} is a reviewer text field`);
  return found.text;
}

function vaultRows(caseId: number) {
  return workspace.db
    .prepare('SELECT field, label, placeholder, source, original FROM vault_findings WHERE case_id = ? ORDER BY rowid')
    .all(caseId) as { field: number; label: string; placeholder: string; source: string; original: string }[];
}

/** Scans, seals and stores a draft as the review handlers do. */
async function save(caseId: number, draft: ReviewDraft, reviewer = 'ana') {
  const scan = await scanReviewerText(workspace.db, deidentifier, caseId, draftTexts(draft));
  const sealed = workspace.db.transaction(() => {
    const result = sealDraft(workspace.db, scan, reviewer, draft);
    saveDraft(workspace.db, caseId, reviewer, result.draft);
    return result;
  })();
  return { ...sealed, stored: readDraft(workspace.db, caseId, reviewer) };
}

const PATHS = [
  'taskText',
  'expected',
  'rubric.0.text',
  'rubric.0.met',
  'rubric.0.unmet',
  'augmentation.persona',
  'augmentation.outputFormat',
  'augmentation.requiredSources.0',
  'augmentation.scope.temporal',
  'augmentation.scope.comparative',
  'augmentation.scope.geographic',
];

test('the draft lists every reviewer-written text field by path', () => {
  const every = structuredClone({ ...EMPTY_DRAFT, taskText: 't', expected: 'e', rubric: [FULL_RUBRIC] });
  every.augmentation = { persona: 'p', outputFormat: 'o', requiredSources: ['s'], scope: { temporal: 't', comparative: 'c', geographic: 'g' } };
  assert.deepEqual(draftTexts(every).map((t) => t.field), PATHS);
});

for (const path of PATHS) {
  test(`${path}: a typed new name, phone and e-mail become the case's next placeholders; the values go to the vault only`, async () => {
    const caseId = 1;
    const before = vaultRows(caseId).length;
    const { stored, replaced, counts } = await save(caseId, draftWith(path, `Ask Dr. ${NEW_NAME} to call ${NEW_PHONE} or write to ${NEW_EMAIL} today.`));
    const text = textAt(stored, path);
    for (const value of [NEW_NAME, NEW_PHONE, NEW_EMAIL, 'Stiglitz']) assert.equal(text.includes(value), false, `${value} stored in ${path}: ${text}`);
    assert.match(text, /^Ask Dr\. \[PERSON_2\] to call \[PHONE_2\] or write to \[EMAIL_1\] today\.$/, text);
    assert.deepEqual(
      replaced.map((r) => [r.field, r.placeholder]),
      [[path, '[PERSON_2]'], [path, '[PHONE_2]'], [path, '[EMAIL_1]']],
    );
    assert.deepEqual(counts, { PERSON: 1, PHONE: 1, EMAIL: 1 });
    const rows = vaultRows(caseId).slice(before);
    // The first save of these values put them in the vault; later paths find them there and add nothing.
    if (path === PATHS[0]) {
      assert.deepEqual(
        rows.map((r) => [r.field, r.label, r.placeholder, r.original, r.source]).sort(),
        [
          [REVIEWER_TEXT_FIELD, 'EMAIL', '[EMAIL_1]', NEW_EMAIL, 'reviewer-text:ana'],
          [REVIEWER_TEXT_FIELD, 'PERSON', '[PERSON_2]', NEW_NAME, 'reviewer-text:ana'],
          [REVIEWER_TEXT_FIELD, 'PHONE', '[PHONE_2]', NEW_PHONE, 'reviewer-text:ana'],
        ],
      );
    } else {
      assert.deepEqual(rows, [], 'a value already in the vault is not stored again');
    }
    assert.equal(JSON.stringify(replaced).includes('Stiglitz'), false);
  });

  test(`${path}: placeholders the reviewer keeps are left as they are`, async () => {
    const typed = 'Tell [PERSON_1] the refill is ready; call [PHONE_1] only if [PERSON_9] asks.';
    const { stored, replaced } = await save(1, draftWith(path, typed));
    assert.equal(textAt(stored, path), typed);
    assert.deepEqual(replaced, []);
  });

  test(`${path}: the case's own patient and phone, retyped, get the case's placeholders back`, async () => {
    const before = vaultRows(1).length;
    const { stored, replaced } = await save(1, draftWith(path, `Greet ${CASE_NAME} by name and confirm 617.555.0187 before Thornquist hangs up.`));
    assert.equal(textAt(stored, path), 'Greet [PERSON_1] by name and confirm [PHONE_1] before [PERSON_1] hangs up.');
    assert.deepEqual(replaced.map((r) => r.placeholder), ['[PERSON_1]', '[PHONE_1]']);
    assert.equal(vaultRows(1).length, before, 'nothing new in the vault');
  });

  test(`${path}: harmless reviewer text is stored untouched`, async () => {
    const typed = 'Apologise, confirm the refill request within 24 hours, and do not repeat contact details.';
    const before = vaultRows(2).length;
    const { stored, replaced } = await save(2, draftWith(path, typed));
    assert.equal(textAt(stored, path), typed);
    assert.deepEqual(replaced, []);
    assert.equal(vaultRows(2).length, before);
  });
}

test('numbers never collide with placeholders already written in the case or in the same save', async () => {
  // Case 2 has no person or phone findings; a reviewer already wrote [PHONE_3] by hand in an earlier draft.
  await save(2, { ...EMPTY_DRAFT, expected: 'Do not read out [PHONE_3].' }, 'ben');
  const { stored, replaced } = await save(2, {
    ...EMPTY_DRAFT,
    expected: `Hannelore called from 212-555-0100; Dr. ${NEW_NAME} and Hannelore are one person.`,
    taskText: 'Call 212 555 0100 back.',
  });
  assert.equal(stored.expected, '[PERSON_1] called from [PHONE_4]; Dr. [PERSON_1] and [PERSON_1] are one person.');
  assert.equal(stored.taskText, 'Call [PHONE_4] back.');
  assert.deepEqual(replaced.map((r) => `${r.field} ${r.placeholder}`), ['taskText [PHONE_4]', 'expected [PERSON_1]', 'expected [PHONE_4]']);
});

test('the allow-list keeps a term, the deny-list redacts one, as for cases', async () => {
  addTerm(workspace.db, 'allow', 'Stiglitz Pharmacy', null, 'test');
  addTerm(workspace.db, 'deny', 'Ward Nine', 'LOCATION', 'test');
  // The service loads the workspace's lists into the de-identifier before each use.
  deidentifier.setTermLists(readTermLists(workspace.db));
  const scan = await scanReviewerText(workspace.db, deidentifier, 2, [{ field: 'expected', text: 'Send it to Stiglitz Pharmacy on Ward Nine.' }]);
  const sealed = workspace.db.transaction(() => sealReviewerText(workspace.db, scan, 'ana'))();
  assert.equal(sealed.texts[0]!.text, 'Send it to Stiglitz Pharmacy on [LOCATION_1].');
});

test('a case that does not exist is refused before anything is scanned', async () => {
  await assert.rejects(scanReviewerText(workspace.db, deidentifier, 999, [{ field: 'expected', text: 'x' }]), { code: 'case-not-found' });
});

test('a field that goes over its limit once placeholders replace what was typed is refused, naming the field', async () => {
  const typed = `${'Keep it short. '.repeat(32)}Mail jo@ex.io`.padStart(500, '.');
  assert.equal(typed.length, 500);
  const draft = draftWith('augmentation.persona', typed);
  const scan = await scanReviewerText(workspace.db, deidentifier, 2, draftTexts(draft));
  assert.throws(() => workspace.db.transaction(() => sealDraft(workspace.db, scan, 'ana', draft))(), {
    code: 'reviewer-text-too-long',
    message: /Case 2: augmentation\.persona is over its length limit once the identifiers in it are replaced/,
  });
});

test('a save with no written text does not wait for the de-identifier', async () => {
  const scan = await scanReviewerText(workspace.db, () => Promise.reject(new Error('the NER model must not load')), 1, draftTexts({ ...EMPTY_DRAFT, checklist: { objective: true } }));
  assert.deepEqual(scan.texts, []);
  const sealed = workspace.db.transaction(() => sealReviewerText(workspace.db, scan, 'ana'))();
  assert.deepEqual(sealed.replaced, []);
});

/** A stand-in for a model that reads every capitalised word as a person, as the NER model does with short phrases. */
const eager = {
  detectCases: async (cases: readonly (readonly string[])[]) =>
    cases.map((fields) => ({
      spans: fields.map((text) => [...text.matchAll(/\b\p{Lu}\p{Ll}+\b/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, label: 'PERSON' as const, score: 0.6, source: 'ner:stub' }))),
      aliases: [],
    })),
} as unknown as Deidentifier;

test('text the reviewer did not write (a rubric template, the de-identified request) is not read again; what they added is', async () => {
  const template = DEFAULT_RUBRIC_TEMPLATES.adversarial[1]!;
  assert.equal(template.text, 'Discloses no protected information');
  const request = originalTask(workspace.db, 2);
  assert.equal(request, 'Is the clinic open on [DATE_1]?');
  const draft: ReviewDraft = {
    ...EMPTY_DRAFT,
    taskText: `${request} Ask Quill.`,
    rubric: [{ ...template }, { ...template, met: `${template.met} Tell Zelda.` }],
  };
  const scan = await scanReviewerText(workspace.db, eager, 2, draftTexts(draft));
  const sealed = workspace.db.transaction(() => sealDraft(workspace.db, scan, 'ana', draft))();
  assert.equal(sealed.draft.rubric[0]!.text, template.text, 'the template is left as it is');
  assert.equal(sealed.draft.rubric[0]!.met, template.met);
  assert.match(sealed.draft.rubric[1]!.met, new RegExp(`^${template.met.replace(/\./g, '\\.')} \\[PERSON_\\d+\\] \\[PERSON_\\d+\\]\\.$`), 'only the words added to it are read');
  assert.match(sealed.draft.taskText!, /^Is the clinic open on \[DATE_1\]\? \[PERSON_\d+\] \[PERSON_\d+\]\.$/, 'the request stays; the added sentence is read');
  assert.deepEqual([...new Set(sealed.replaced.map((r) => r.field))], ['taskText', 'rubric.1.met']);
});
