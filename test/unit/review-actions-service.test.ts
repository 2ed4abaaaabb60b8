import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBridge, type Envelope } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, tempDir } from '../helpers.js';
import { MISSED_NAME, RECORDS } from './review-workspace.js';

const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };
const PASSPHRASE = 'service passphrase';
const NOTE = 'Confirm the refill and never repeat the phone number.';

test('reviewer actions through the bridge: contract-valid answers, blind reviews, the API key kept in main, ids-only audit', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'log.jsonl');
  writeFileSync(log, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  const workspaceDir = join(dir, 'ws');
  const service = new QuarryService({
    workspaceDir,
    modelsDir: MODELS_DIR,
    createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true }),
  });
  t.after(() => service.close());
  const bridge = createBridge(service.handlers, { appOrigin: APP });
  const call = async (channel: string, input: unknown) => {
    const envelope: Envelope = await bridge.invoke(trusted, channel, input);
    return envelope;
  };
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await call(channel, input);
    assert.equal(envelope.ok, true, `${channel}: ${JSON.stringify(envelope)}`);
    return (envelope as { value: T }).value;
  };

  await ok('workspace:unlock', { passphrase: PASSPHRASE, reviewer: 'Ana' });
  await ok('ingest:run', { path: log });

  // Missed PII: the answer and the audit log carry no trace of the missed name.
  const detail = await ok<{ messages: { content: string }[] }>('cases:get', { id: 1 });
  const at = detail.messages[0]!.content.indexOf(MISSED_NAME);
  const reported = await ok<{ placeholder: string; occurrences: number; case: unknown }>('review:missedPii', {
    id: 1,
    field: 0,
    start: at,
    end: at + MISSED_NAME.length,
    label: 'PERSON',
  });
  assert.equal(reported.placeholder, '[PERSON_1]');
  assert.equal(JSON.stringify(reported).includes(MISSED_NAME), false);
  const badLabel = await call('review:missedPii', { id: 1, field: 0, start: 0, end: 2, label: 'NICKNAME' });
  assert.equal(!badLabel.ok && badLabel.error.code, 'unknown-label');

  // Decisions: a reject needs a reason; the reason and status are audited, the note is not.
  const noReason = await call('review:submit', { id: 2, decision: 'reject' });
  assert.equal(!noReason.ok && noReason.error.code, 'reason-required');
  const draft = { taskText: null, expected: NOTE, category: 'happy-path', checklist: { objective: true }, rubric: [], augmentation: { persona: '', outputFormat: '', requiredSources: [], scope: { temporal: '', comparative: '', geographic: '' } } };
  await ok('review:saveDraft', { id: 1, draft });
  const submitted = await ok<{ state: { status: string }; case: { status: string } }>('review:submit', { id: 1, decision: 'accept' });
  assert.equal(submitted.state.status, 'accepted');
  assert.equal(submitted.case.status, 'accepted');
  const undone = await ok<{ caseId: number; state: { status: string } }>('review:undo', {});
  assert.deepEqual([undone.caseId, undone.state.status], [1, 'pending']);
  const suggest = await call('review:suggest', { id: 1 });
  assert.equal(!suggest.ok && suggest.error.code, 'llm-disabled');

  // Settings: the API key goes in, never comes back, and survives a save that does not repeat it.
  const base = await ok<Record<string, unknown>>('review:settings', {});
  const llm = { enabled: true, url: 'http://127.0.0.1:9/v1', model: 'm', apiKey: 'secret-key-123' };
  const saved = await ok<{ llm: { hasApiKey: boolean } }>('review:saveSettings', { ...base, doubleReviewShare: 1, llm });
  assert.equal(saved.llm.hasApiKey, true);
  assert.equal(JSON.stringify(saved).includes('secret-key-123'), false);
  const again = await ok<{ llm: { hasApiKey: boolean } }>('review:saveSettings', { ...base, doubleReviewShare: 1, llm: { ...llm, apiKey: undefined } });
  assert.equal(again.llm.hasApiKey, true);
  const badShare = await call('review:saveSettings', { ...base, doubleReviewShare: 2, llm });
  assert.equal(badShare.ok, false);

  // Blind double review across two sign-ins.
  await ok('review:submit', { id: 3, decision: 'accept', draft });
  await ok('workspace:lock', {});
  await ok('workspace:unlock', { passphrase: PASSPHRASE, reviewer: 'Ben' });
  const benSees = await ok<{ others: unknown[]; draft: { expected: string } }>('review:state', { id: 3 });
  assert.deepEqual(benSees.others, []);
  assert.equal(benSees.draft.expected, '');
  const benCase = await ok<{ decidedBy: string | null; expected: string | null; status: string }>('cases:get', { id: 3 });
  assert.deepEqual([benCase.status, benCase.decidedBy, benCase.expected], ['pending', null, null]);
  const disputed = await ok<{ state: { status: string; others: { reviewer: string }[] } }>('review:submit', { id: 3, decision: 'reject', reasonCode: 'duplicate' });
  assert.equal(disputed.state.status, 'disputed');
  assert.deepEqual(disputed.state.others.map((o) => o.reviewer), ['Ana']);
  const agreement = await ok<{ batches: { kappa: number | null }[]; disputed: { caseId: number }[] }>('review:agreement', {});
  assert.deepEqual(agreement.disputed.map((d) => d.caseId), [3]);
  await ok('review:adjudicate', { id: 3, decision: 'reject', reasonCode: 'duplicate' });
  await service.close();

  const workspace = unlockWorkspace(workspaceDir, PASSPHRASE);
  t.after(() => workspace.close());
  const entries = workspace.db.prepare("SELECT action, object_ids FROM audit_log WHERE action LIKE 'review.%' OR action LIKE 'deid.%' OR action = 'settings.review'").all() as { action: string; object_ids: string }[];
  const actions = new Set(entries.map((e) => e.action));
  for (const action of ['deid.miss', 'review.submit', 'review.undo', 'review.draft_save', 'review.llm_suggest', 'settings.review', 'review.adjudicate']) {
    assert.ok(actions.has(action), `${action} is audit-logged`);
  }
  const logged = JSON.stringify(entries);
  for (const text of [MISSED_NAME, NOTE, 'secret-key-123']) assert.equal(logged.includes(text), false, `${text} in the audit log`);
});
