import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createBridge, type Envelope } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { EXPORT_FORMATS } from '../../main/core/releases/index.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { ReleaseExportFormat } from '../../preload/contract/releases.js';
import { MODELS_DIR, tempDir } from '../helpers.js';
import { CANARY_PHONE, RECORDS } from './releases-fixture.js';

const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };
const ACCOUNTS = { 'admin-1': 'admin', 'admin-2': 'admin', 'reviewer-1': 'reviewer', 'auditor-1': 'auditor' } as const;
const pass = (name: string) => `${name} passphrase long enough`;

/** A workspace with the fixture's cases, 1..4 accepted, and one account per name above; through the bridge. */
async function releasesApp(t: TestContext) {
  const root = tempDir(t);
  const dir = join(root, 'ws');
  const s = new QuarryService({ workspaceDir: dir, modelsDir: MODELS_DIR, createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true }) });
  t.after(() => s.close());
  const bridge = createBridge(s.handlers, { appOrigin: APP });
  const call = async (channel: string, input: unknown): Promise<Envelope> => bridge.invoke(trusted, channel, input);
  const value = async <T = Record<string, unknown>>(channel: string, input: unknown): Promise<T> => {
    const envelope = await call(channel, input);
    assert.ok(envelope.ok, `${channel}: ${JSON.stringify(envelope)}`);
    return envelope.value as T;
  };
  await value('workspace:unlock', { passphrase: 'single user passphrase', reviewer: 'Setup' });
  const log = join(root, 'log.jsonl');
  writeFileSync(log, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  await value('ingest:run', { path: log });
  for (const id of [1, 2, 3, 4]) await value('cases:decide', { id, decision: 'accepted', expected: `Expected ${id}` });
  for (const [name, role] of Object.entries(ACCOUNTS)) await value('accounts:add', { name, role, passphrase: pass(name) });
  await value('workspace:lock', {});
  const as = async (name: keyof typeof ACCOUNTS) => {
    await value('workspace:lock', {});
    await value('workspace:unlock', { passphrase: pass(name), reviewer: name });
  };
  return { root, dir, call, value, as };
}

const code = (e: Envelope) => (e.ok ? 'ok' : e.error.code);

test('the contract offers exactly the core export formats', () => {
  assert.deepEqual(ReleaseExportFormat.options, [...EXPORT_FORMATS]);
});

test('through the bridge: roles, four eyes, export of approved releases only, and one audit entry per action', async (t) => {
  const { root, dir, call, value, as } = await releasesApp(t);

  await as('auditor-1');
  assert.equal(code(await call('evalsets:create', { name: 'triage' })), 'forbidden');
  assert.deepEqual((await value<{ sets: unknown[]; formats: string[] }>('evalsets:list', {})).sets, []);

  await as('reviewer-1');
  await value('evalsets:create', { name: 'triage', description: 'Front desk' });
  const v1 = await value<{ id: number; state: string; counts: { total: number; regressions: number } }>('releases:create', { set: 'triage' });
  assert.deepEqual([v1.state, v1.counts.total, v1.counts.regressions], ['pending', 4, 2]);
  assert.equal(code(await call('releases:approve', { id: v1.id })), 'forbidden', 'approving is for admins');
  assert.equal(code(await call('releases:export', { id: v1.id, format: 'csv', dir: join(root, 'out') })), 'forbidden');

  await as('admin-1');
  const v1Approved = await value<{ state: string; decidedBy: string }>('releases:approve', { id: v1.id });
  assert.deepEqual([v1Approved.state, v1Approved.decidedBy], ['approved', 'admin-1']);
  await value('cases:decide', { id: 6, decision: 'accepted' });
  const v2 = await value<{ id: number; version: number; parentVersion: number }>('releases:create', { set: 'triage' });
  assert.deepEqual([v2.version, v2.parentVersion], [2, 1]);
  const selfApproval = await call('releases:approve', { id: v2.id });
  assert.equal(code(selfApproval), 'release-four-eyes');
  assert.match(selfApproval.ok ? '' : selfApproval.error.message, /created by admin-1; a different admin must approve it/);
  assert.equal(code(await call('releases:export', { id: v2.id, format: 'csv', dir: join(root, 'out') })), 'release-not-approved');

  await as('admin-2');
  await value('releases:approve', { id: v2.id });
  const out = join(root, 'export');
  const exported = await value<{ format: string; files: { path: string }[] }>('releases:export', { id: v2.id, format: 'golden-jsonl', dir: out });
  assert.ok(exported.files.length > 0);
  for (const f of exported.files) {
    assert.ok(existsSync(join(out, f.path)), f.path);
    assert.ok(!readFileSync(join(out, f.path), 'utf8').includes(CANARY_PHONE), `${f.path} holds no raw text`);
  }

  await as('auditor-1');
  const listed = await value<{ version: number; state: string }[]>('releases:list', { set: 'triage' });
  assert.deepEqual(listed.map((r) => [r.version, r.state]), [[2, 'approved'], [1, 'approved']]);
  const got = await value<{ manifest: { approvedBy: string; reviewers: string[] }; cases: { total: number; rows: { caseId: number; kind: string; preview: string }[] } }>(
    'releases:get',
    { id: v2.id, limit: 2 },
  );
  assert.equal(got.manifest.approvedBy, 'admin-2');
  assert.equal(got.cases.total, 5);
  assert.deepEqual(got.cases.rows.map((r) => [r.caseId, r.kind]), [[1, 'regression'], [2, 'golden']]);
  assert.match(got.cases.rows[0]!.preview, /\[PHONE_1\]/);
  assert.ok(!JSON.stringify(got).includes(CANARY_PHONE));
  const diff = await value<{ counts: Record<string, number>; added: { caseId: number; regression: boolean }[] }>('releases:diff', { from: v1.id, to: v2.id });
  assert.deepEqual(diff.counts, { added: 1, removed: 0, changed: 0, unchanged: 4 });
  assert.deepEqual(diff.added, [{ caseId: 6, kind: 'regression', regression: true }]);
  const growth = await value<{ weeks: { total: number }[] }>('releases:growth', {});
  assert.equal(growth.weeks.reduce((n, w) => n + w.total, 0), 5);
  assert.equal(code(await call('releases:reject', { id: v2.id })), 'forbidden');
  await value('workspace:lock', {});

  const ws = unlockWorkspace(dir, pass('admin-1'), 'admin-1');
  t.after(() => ws.close());
  assert.ok(verifyAuditChain(ws.db).ok);
  const entries = ws.db
    .prepare("SELECT actor, action, outcome, object_ids FROM audit_log WHERE action LIKE 'release.%' OR action LIKE 'evalset.%' ORDER BY seq")
    .all() as { actor: string; action: string; outcome: string; object_ids: string }[];
  assert.deepEqual(
    entries.map((e) => [e.actor, e.action, e.outcome]),
    [
      ['reviewer-1', 'evalset.create', 'success'],
      ['reviewer-1', 'release.create', 'success'],
      ['admin-1', 'release.approve', 'success'],
      ['admin-1', 'release.create', 'success'],
      ['admin-1', 'release.approve', 'denied'],
      ['admin-2', 'release.approve', 'success'],
      ['admin-2', 'release.export', 'success'],
    ],
  );
  assert.deepEqual(JSON.parse(entries[1]!.object_ids), { release: v1.id, evalSet: 1, version: 1, cases: 4, regressions: 2, profile: 'placeholder' });
  for (const e of entries) assert.ok(!e.object_ids.includes(CANARY_PHONE) && !e.object_ids.includes('Front desk'), 'ids and counts only');
});

test('a failed action stores nothing and logs nothing; an import reports bad lines', async (t) => {
  const { root, dir, call, value, as } = await releasesApp(t);
  await as('reviewer-1');
  await value('evalsets:create', { name: 'triage' });
  assert.equal(code(await call('evalsets:create', { name: 'triage' })), 'evalset-exists');
  assert.equal(code(await call('releases:create', { set: 'nope' })), 'evalset-not-found');
  const bad = join(root, 'bad.jsonl');
  writeFileSync(bad, `${JSON.stringify({ messages: [{ role: 'user', content: `call ${CANARY_PHONE}` }], expected_behaviour: 'x', tier: 'pro' })}\n`);
  const rejected = await value<{ ok: boolean; issues: { file: string; line: number; field: string }[] }>('evalsets:import', { set: 'triage', path: bad });
  assert.deepEqual(rejected, { ok: false, issues: [{ file: 'bad.jsonl', line: 1, field: 'tier', message: 'unknown field' }] });
  const goodFile = join(root, 'good.jsonl');
  writeFileSync(goodFile, `${JSON.stringify({ messages: [{ role: 'user', content: `call ${CANARY_PHONE}` }], expected_behaviour: 'Call back.' })}\n`);
  const imported = await value<{ ok: boolean; imported: number; duplicates: number; set: { importedCases: number } }>('evalsets:import', { set: 'triage', path: goodFile });
  assert.deepEqual([imported.ok, imported.imported, imported.duplicates, imported.set.importedCases], [true, 1, 0, 1]);
  await value('workspace:lock', {});

  const ws = unlockWorkspace(dir, pass('admin-1'), 'admin-1');
  t.after(() => ws.close());
  assert.equal(ws.db.prepare('SELECT count(*) FROM eval_sets').pluck().get(), 1);
  assert.equal(ws.db.prepare('SELECT count(*) FROM releases').pluck().get(), 0);
  assert.ok(!JSON.stringify(ws.db.prepare('SELECT record_json FROM imported_cases').pluck().all()).includes(CANARY_PHONE));
  assert.deepEqual(
    ws.db.prepare("SELECT action, outcome, object_ids FROM audit_log WHERE action LIKE 'evalset.%' OR action LIKE 'release.%' ORDER BY seq").all(),
    [
      { action: 'evalset.create', outcome: 'success', object_ids: '{"evalSet":1}' },
      { action: 'evalset.import', outcome: 'failure', object_ids: '{"evalSet":1,"badLines":1}' },
      { action: 'evalset.import', outcome: 'success', object_ids: '{"evalSet":1,"cases":1,"duplicates":0}' },
    ],
  );
});

test('a single-user workspace cannot approve: a typed name is not a second person', async (t) => {
  const root = tempDir(t);
  const s = new QuarryService({ workspaceDir: join(root, 'ws'), modelsDir: MODELS_DIR, createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true }) });
  t.after(() => s.close());
  const bridge = createBridge(s.handlers, { appOrigin: APP });
  const call = (channel: string, input: unknown) => bridge.invoke(trusted, channel, input);
  assert.ok((await call('workspace:unlock', { passphrase: 'single user passphrase', reviewer: 'Ana' })).ok);
  const log = join(root, 'log.jsonl');
  writeFileSync(log, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  assert.ok((await call('ingest:run', { path: log })).ok);
  assert.ok((await call('cases:decide', { id: 2, decision: 'accepted' })).ok);
  assert.ok((await call('evalsets:create', { name: 'triage' })).ok);
  const created = await call('releases:create', { set: 'triage' });
  assert.ok(created.ok);
  await call('workspace:lock', {});
  assert.ok((await call('workspace:unlock', { passphrase: 'single user passphrase', reviewer: 'Someone Else' })).ok);
  const approval = await call('releases:approve', { id: (created.value as { id: number }).id });
  assert.equal(code(approval), 'release-four-eyes-accounts');
  assert.match(approval.ok ? '' : approval.error.message, /needs two people with their own accounts/);
});
