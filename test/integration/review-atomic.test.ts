/**
 * Every decision path commits its change and its audit entry together: with the audit log refusing writes, each
 * call fails and leaves every table exactly as it was; once the log accepts writes again, the same call succeeds
 * and adds exactly one audit entry. (A killed process is the same case: kill-review.test.ts.)
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createBridge, type Envelope } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { MODELS_DIR, tempDir } from '../helpers.js';
import { MISSED_NAME, RECORDS } from '../unit/review-workspace.js';

const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };
const PASSPHRASE = 'atomic review passphrase';

type Db = { exec(sql: string): void; prepare(sql: string): { all(): unknown[]; pluck(): { get(): unknown; all(): unknown[] } } };

test('decisions, drafts, redactions and assignments: the change and its audit entry commit together or not at all', async (t) => {
  const dir = tempDir(t);
  const log = join(dir, 'log.jsonl');
  writeFileSync(log, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  const service = new QuarryService({
    workspaceDir: join(dir, 'ws'),
    modelsDir: MODELS_DIR,
    createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true }),
  });
  t.after(() => service.close());
  const bridge = createBridge(service.handlers, { appOrigin: APP });
  const call = (channel: string, input: unknown): Promise<Envelope> => bridge.invoke(trusted, channel, input);
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const envelope = await call(channel, input);
    assert.equal(envelope.ok, true, `${channel}: ${JSON.stringify(envelope)}`);
    return (envelope as { value: T }).value;
  };
  await ok('workspace:unlock', { passphrase: PASSPHRASE, reviewer: 'Ana' });
  await ok('ingest:run', { path: log });

  const db = (): Db => (service as unknown as { session: { open(): { db: Db } } }).session.open().db;
  /** Every row of every table: what "nothing changed" is checked against. */
  const everything = (): string => {
    const tables = db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    return JSON.stringify(tables.map((name) => [name, db().prepare(`SELECT * FROM "${name}"`).all()]));
  };
  const auditCount = (): number => db().prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

  /** With the audit log refusing writes the call fails and changes nothing; then it succeeds with one entry. */
  async function atomic(channel: string, input: unknown): Promise<void> {
    db().exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END");
    const before = everything();
    const refused = await call(channel, input);
    db().exec('DROP TRIGGER temp.refuse_audit');
    assert.equal(refused.ok, false, `${channel} must fail when its audit entry cannot be written`);
    assert.ok(everything() === before, `${channel} left a change without its audit entry`);
    const entries = auditCount();
    await ok(channel, input);
    assert.equal(auditCount(), entries + 1, `${channel} wrote one audit entry`);
  }

  const draft = {
    taskText: null,
    expected: 'Refill the inhaler; repeat no contact details.',
    category: 'happy-path',
    checklist: {},
    rubric: [],
    augmentation: { persona: '', outputFormat: '', requiredSources: [], scope: {} },
  };
  const state = await ok<{ draft: typeof draft }>('review:state', { id: 1 });
  const fullDraft = { ...state.draft, expected: draft.expected, category: 'happy-path' };

  await atomic('cases:decide', { id: 1, decision: 'accepted', expected: 'Refill it.' });
  await atomic('cases:saveExpected', { id: 1, expected: 'Refill it, then confirm.' });
  await atomic('cases:assign', { ids: [2], reviewer: 'Ben' });
  await atomic('cases:assign', { ids: [2], reviewer: null });
  await atomic('cases:claim', { count: 1 });
  await atomic('review:saveDraft', { id: 2, draft: fullDraft });
  await atomic('review:submit', { id: 2, decision: 'reject', reasonCode: 'duplicate', draft: fullDraft });
  await atomic('review:undo', {});

  const detail = await ok<{ messages: { content: string }[] }>('cases:get', { id: 1 });
  const at = detail.messages[0]!.content.indexOf(MISSED_NAME);
  assert.ok(at >= 0, 'the patterns-only de-identifier leaves the name for the reviewer');
  await atomic('review:missedPii', { id: 1, field: 0, start: at, end: at + MISSED_NAME.length, label: 'PERSON' });

  // A disputed case, then its adjudication.
  const { llm, ...base } = await ok<{ llm: { enabled: boolean; url: string; model: string } }>('review:settings', {});
  await ok('review:saveSettings', { ...base, doubleReviewShare: 1, llm: { enabled: llm.enabled, url: llm.url, model: llm.model } });
  await ok('review:submit', { id: 3, decision: 'accept', draft: fullDraft });
  await ok('workspace:lock', {});
  await ok('workspace:unlock', { passphrase: PASSPHRASE, reviewer: 'Ben' });
  await ok('review:submit', { id: 3, decision: 'reject', reasonCode: 'duplicate' });
  assert.equal((await ok<{ status: string }>('review:state', { id: 3 })).status, 'disputed');
  await atomic('review:adjudicate', { id: 3, decision: 'reject', reasonCode: 'duplicate' });

  // Reading ahead records nothing; opening records the view.
  const views = auditCount();
  await ok('cases:peek', { id: 2 });
  assert.equal(auditCount(), views);
  await ok('cases:open', { id: 2 });
  assert.equal(auditCount(), views + 1);
  assert.equal(verifyAuditChain(db() as never).ok, true);
});
