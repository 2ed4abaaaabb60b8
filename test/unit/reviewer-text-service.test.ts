/**
 * Reviewer-written text through the bridge: every save path (`review:saveDraft`, `review:submit` with and without
 * a draft, `cases:saveExpected`, `cases:decide`, the rubric templates of `review:saveSettings`) stores placeholders
 * instead of typed identifiers, answers with the placeholders only, and audit-logs counts by label, never the text.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBridge, type Envelope } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { EMPTY_DRAFT, saveDraft } from '../../main/core/review/case-reviews.js';
import { createWorkspace, unlockWorkspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, tempDir } from '../helpers.js';

const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };
const PASSPHRASE = 'reviewer text service';
const CASE_NAME = 'Zebediah Thornquist';
const TYPED_NAME = 'Hannelore Stiglitz';
const TYPED_PHONE = '415-555-0172';
const LEGACY_EMAIL = 'old.draft.z1@example.org';
const TYPED = [TYPED_NAME, 'Stiglitz', TYPED_PHONE, LEGACY_EMAIL, CASE_NAME, '555-0187'];

test('every reviewer save path stores placeholders, answers with placeholders only, and audits counts by label', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'log.jsonl');
  const records = [1, 2, 3, 4].map((n) => ({
    id: `s-${n}`,
    messages: [{ role: 'user', content: `My name is ${CASE_NAME}. Call (617) 555-0187 about refill ${n}.` }],
    choices: [{ message: { role: 'assistant', content: 'We will call you.' } }],
  }));
  writeFileSync(log, records.map((r) => JSON.stringify(r)).join('\n'));
  const workspaceDir = join(dir, 'ws');
  // A draft saved before reviewer text was de-identified: raw text already in the store.
  const seeded = createWorkspace(workspaceDir, PASSPHRASE);
  const patterns = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  await ingestLogFile(seeded.db, patterns, log);
  await patterns.close();
  saveDraft(seeded.db, 3, 'Ana', { ...EMPTY_DRAFT, expected: `Reply to ${LEGACY_EMAIL} only.`, checklist: { objective: true } });
  seeded.close();

  const service = new QuarryService({
    workspaceDir,
    modelsDir: MODELS_DIR,
    createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true }),
  });
  t.after(() => service.close());
  const bridge = createBridge(service.handlers, { appOrigin: APP });
  const answers: string[] = [];
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope: Envelope = await bridge.invoke(trusted, channel, input);
    assert.equal(envelope.ok, true, `${channel}: ${JSON.stringify(envelope)}`);
    answers.push(JSON.stringify(envelope));
    return (envelope as { value: T }).value;
  };
  await ok('workspace:unlock', { passphrase: PASSPHRASE, reviewer: 'Ana' });

  type Saved = { draft: { expected: string; taskText: string | null; rubric: { met: string }[] }; replaced?: { field: string; label: string; placeholder: string }[] };
  const draft = {
    ...EMPTY_DRAFT,
    taskText: `Tell ${CASE_NAME} when the refill is ready.`,
    expected: `Ask Dr. ${TYPED_NAME} to call ${TYPED_PHONE}; keep [PERSON_1] informed.`,
    rubric: [{ text: 'Names nobody', weight: 2, met: `Does not mention Dr. ${TYPED_NAME}.`, unmet: 'Mentions a person.' }],
  };
  const saved = await ok<Saved>('review:saveDraft', { id: 1, draft });
  assert.equal(saved.draft.taskText, 'Tell [PERSON_1] when the refill is ready.');
  assert.equal(saved.draft.expected, 'Ask Dr. [PERSON_2] to call [PHONE_2]; keep [PERSON_1] informed.');
  assert.equal(saved.draft.rubric[0]!.met, 'Does not mention Dr. [PERSON_2].');
  assert.deepEqual(saved.replaced, [
    { field: 'taskText', label: 'PERSON', placeholder: '[PERSON_1]' },
    { field: 'expected', label: 'PERSON', placeholder: '[PERSON_2]' },
    { field: 'expected', label: 'PHONE', placeholder: '[PHONE_2]' },
    { field: 'rubric.0.met', label: 'PERSON', placeholder: '[PERSON_2]' },
  ]);
  const harmless = await ok<Saved>('review:saveDraft', { id: 1, draft: { ...EMPTY_DRAFT, expected: 'Confirm the refill; repeat no contact details.' } });
  assert.deepEqual(harmless.replaced, []);

  // Submitting with a draft: the recorded review holds placeholders.
  const submitted = await ok<{ state: { mine: { expected: string } }; replaced?: unknown[] }>('review:submit', {
    id: 2,
    decision: 'accept',
    draft: { ...EMPTY_DRAFT, expected: `Call ${TYPED_PHONE} back.`, checklist: { objective: true } },
  });
  assert.equal(submitted.state.mine.expected, 'Call [PHONE_2] back.');
  assert.equal(submitted.replaced?.length, 1);
  // Submitting without one: the saved draft from before is de-identified as it is recorded.
  const legacy = await ok<{ state: { mine: { expected: string }; draft: { expected: string } } }>('review:submit', { id: 3, decision: 'accept' });
  assert.equal(legacy.state.mine.expected, 'Reply to [EMAIL_1] only.');
  assert.equal(legacy.state.draft.expected, 'Reply to [EMAIL_1] only.');

  // The single-field channels.
  const expectedSaved = await ok<{ expected: string }>('cases:saveExpected', { id: 4, expected: `Page Dr. ${TYPED_NAME}.` });
  assert.equal(expectedSaved.expected, 'Page Dr. [PERSON_2].');
  const decided = await ok<{ expected: string }>('cases:decide', { id: 4, decision: 'accepted', expected: `Page Dr. ${TYPED_NAME} at ${TYPED_PHONE}.` });
  assert.equal(decided.expected, 'Page Dr. [PERSON_2] at [PHONE_2].');
  const golden = await ok<{ path: string }>('export:golden', {});

  // Rubric templates belong to no case: numbered within the templates, the typed values kept nowhere.
  const settings = await ok<{ rubricTemplates: Record<string, { text: string; met: string }[]> } & Record<string, unknown>>('review:settings', {});
  const template = { text: `Mentions Dr. ${TYPED_NAME}`, weight: 2, met: `Gives ${TYPED_PHONE} and keeps [PERSON_1] out.`, unmet: 'Says nothing.' };
  const savedSettings = await ok<{ rubricTemplates: Record<string, { text: string; met: string }[]>; replaced?: unknown[] }>('review:saveSettings', {
    ...settings,
    llm: { enabled: false, url: '', model: '' },
    rubricTemplates: { ...settings.rubricTemplates, 'edge-case': [template] },
  });
  assert.deepEqual(savedSettings.rubricTemplates['edge-case']![0], { ...template, text: 'Mentions Dr. [PERSON_2]', met: 'Gives [PHONE_1] and keeps [PERSON_1] out.' });
  assert.deepEqual(savedSettings.rubricTemplates['happy-path'], settings.rubricTemplates['happy-path'], 'harmless templates are untouched');
  assert.deepEqual(savedSettings.replaced, [
    { field: 'rubricTemplates.edge-case.0.text', label: 'PERSON', placeholder: '[PERSON_2]' },
    { field: 'rubricTemplates.edge-case.0.met', label: 'PHONE', placeholder: '[PHONE_1]' },
  ]);
  const reread = await ok<{ rubricTemplates: Record<string, { text: string }[]> }>('review:settings', {});
  assert.equal(reread.rubricTemplates['edge-case']![0]!.text, 'Mentions Dr. [PERSON_2]');
  await service.close();

  for (const answer of answers) for (const value of TYPED) assert.equal(answer.includes(value), false, `${value} came back over the bridge`);
  const exported = readFileSync(golden.path, 'utf8');
  assert.match(exported, /\[PHONE_2\]/);
  for (const value of TYPED) assert.equal(exported.includes(value), false, `${value} in the golden export`);

  const workspace = unlockWorkspace(workspaceDir, PASSPHRASE);
  t.after(() => workspace.close());
  const stored = JSON.stringify([
    workspace.db.prepare("SELECT value FROM workspace_meta WHERE key = 'setting:review'").pluck().all().map(String),
    workspace.db.prepare('SELECT draft_json FROM case_drafts').pluck().all(),
    workspace.db.prepare('SELECT task_text, expected, rubric_json, augmentation_json FROM case_reviews').all(),
    workspace.db.prepare('SELECT expected FROM cases').pluck().all(),
  ]);
  assert.match(stored, /Mentions Dr\. \[PERSON_2\]/, 'the review settings were read');
  for (const value of TYPED) assert.equal(stored.includes(value), false, `${value} stored outside the vault`);
  const vault = workspace.db.prepare("SELECT case_id, label, placeholder, original FROM vault_findings WHERE field = -1 ORDER BY case_id, rowid").all();
  assert.deepEqual(vault, [
    { case_id: 1, label: 'PERSON', placeholder: '[PERSON_2]', original: TYPED_NAME },
    { case_id: 1, label: 'PHONE', placeholder: '[PHONE_2]', original: TYPED_PHONE },
    { case_id: 2, label: 'PHONE', placeholder: '[PHONE_2]', original: TYPED_PHONE },
    { case_id: 3, label: 'EMAIL', placeholder: '[EMAIL_1]', original: LEGACY_EMAIL },
    { case_id: 4, label: 'PERSON', placeholder: '[PERSON_2]', original: TYPED_NAME },
    { case_id: 4, label: 'PHONE', placeholder: '[PHONE_2]', original: TYPED_PHONE },
  ]);
  const audited = workspace.db.prepare("SELECT object_ids FROM audit_log WHERE action = 'review.text_deidentified' ORDER BY seq").pluck().all() as string[];
  assert.deepEqual(
    audited.map((ids) => JSON.parse(ids) as unknown),
    [
      { case: 1, replaced: 4, fields: ['taskText', 'expected', 'rubric.0.met'], PERSON: 3, PHONE: 1 },
      { case: 2, replaced: 1, fields: ['expected'], PHONE: 1 },
      { case: 3, replaced: 1, fields: ['expected'], EMAIL: 1 },
      { case: 4, replaced: 1, fields: ['expected'], PERSON: 1 },
      { case: 4, replaced: 2, fields: ['expected'], PERSON: 1, PHONE: 1 },
      { replaced: 2, fields: ['rubricTemplates.edge-case.0.text', 'rubricTemplates.edge-case.0.met'], PERSON: 1, PHONE: 1 },
    ],
  );
  const auditLog = JSON.stringify(workspace.db.prepare('SELECT * FROM audit_log').all());
  for (const value of TYPED) assert.equal(auditLog.includes(value), false, `${value} in the audit log`);
});
