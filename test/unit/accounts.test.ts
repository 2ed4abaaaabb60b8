import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { addAccount, listAccounts, removeAccount, setAccountPassphrase, setAccountRole } from '../../main/core/accounts/accounts.js';
import { QuarryError } from '../../main/core/errors.js';
import { createWorkspace, readWorkspaceFile, unlockWorkspace } from '../../main/core/store/workspace.js';
import { tempDir } from '../helpers.js';

const code = (expected: string) => (error: unknown) => error instanceof QuarryError && error.code === expected;

function workspaceWithAccounts(t: TestContext) {
  const dir = join(tempDir(t), 'ws');
  const ws = createWorkspace(dir, 'shared passphrase');
  ws.db.prepare("INSERT INTO ingest_runs (source_file, format, started_at) VALUES ('marker.jsonl', 'x', 'now')").run();
  addAccount(ws, 'Ana Admin', 'admin', 'ana passphrase');
  addAccount(ws, 'ben', 'reviewer', 'ben passphrase');
  addAccount(ws, 'cy', 'auditor', 'cy passphrase');
  ws.close();
  return dir;
}

test('the first account converts a single-user workspace: the shared passphrase stops working', (t) => {
  const dir = join(tempDir(t), 'ws');
  const ws = createWorkspace(dir, 'shared passphrase');
  assert.throws(() => addAccount(ws, 'ben', 'reviewer', 'ben passphrase'), code('first-account-admin'));
  assert.deepEqual(addAccount(ws, 'Ana', 'admin', 'ana passphrase'), { converted: true });
  ws.close();
  const file = readWorkspaceFile(dir);
  assert.equal(file.version, 2);
  assert.equal(file.wrappedKey, undefined);
  assert.equal(file.accounts.length, 1);
  assert.ok(!readFileSync(join(dir, 'workspace.json'), 'utf8').includes('ana passphrase'));
  assert.throws(() => unlockWorkspace(dir, 'shared passphrase', undefined), code('account-required'));
  assert.throws(() => unlockWorkspace(dir, 'shared passphrase', 'Ana'), code('wrong-passphrase'));
  const reopened = unlockWorkspace(dir, 'ana passphrase', 'ana');
  assert.deepEqual(reopened.account, { name: 'Ana', role: 'admin' });
  reopened.close();
});

test('each account opens the workspace with its own passphrase only; unknown names get the same answer', (t) => {
  const dir = workspaceWithAccounts(t);
  for (const [name, pass, role] of [
    ['ana admin', 'ana passphrase', 'admin'],
    ['BEN', 'ben passphrase', 'reviewer'],
    ['cy', 'cy passphrase', 'auditor'],
  ] as const) {
    const ws = unlockWorkspace(dir, pass, name);
    assert.equal(ws.account?.role, role);
    assert.equal(ws.db.prepare('SELECT source_file FROM ingest_runs').pluck().get(), 'marker.jsonl');
    ws.close();
  }
  assert.throws(() => unlockWorkspace(dir, 'ana passphrase', 'ben'), (e: unknown) => code('wrong-passphrase')(e) && /Wrong account name or passphrase/.test((e as Error).message));
  assert.throws(() => unlockWorkspace(dir, 'ana passphrase', 'nobody'), (e: unknown) => code('wrong-passphrase')(e) && /Wrong account name or passphrase/.test((e as Error).message));
});

test('removing an account deletes its wrap: its passphrase stops working, the others and the database do not change', (t) => {
  const dir = workspaceWithAccounts(t);
  const ws = unlockWorkspace(dir, 'ana passphrase', 'Ana Admin');
  const wrapsBefore = readWorkspaceFile(dir).accounts.filter((a) => a.name !== 'ben').map((a) => a.wrappedKey);
  removeAccount(ws, 'ben');
  assert.deepEqual(listAccounts(ws).map((a) => a.name), ['Ana Admin', 'cy']);
  assert.deepEqual(ws.db.prepare('SELECT name, removed_at IS NOT NULL AS removed FROM accounts ORDER BY name').all(), [
    { name: 'Ana Admin', removed: 0 },
    { name: 'ben', removed: 1 },
    { name: 'cy', removed: 0 },
  ]);
  ws.close();
  // The other accounts' wraps are untouched: nothing was re-encrypted.
  assert.deepEqual(readWorkspaceFile(dir).accounts.map((a) => a.wrappedKey), wrapsBefore);
  assert.throws(() => unlockWorkspace(dir, 'ben passphrase', 'ben'), code('wrong-passphrase'));
  const cy = unlockWorkspace(dir, 'cy passphrase', 'cy');
  assert.equal(cy.db.prepare('SELECT source_file FROM ingest_runs').pluck().get(), 'marker.jsonl');
  cy.close();
  assert.ok(!readFileSync(join(dir, 'workspace.json'), 'utf8').includes('"ben"'));
});

test('the last admin can be neither removed nor demoted, and the signed-in account cannot remove itself', (t) => {
  const dir = workspaceWithAccounts(t);
  const ws = unlockWorkspace(dir, 'ana passphrase', 'Ana Admin');
  assert.throws(() => setAccountRole(ws, 'ana admin', 'reviewer'), code('last-admin'));
  assert.throws(() => removeAccount(ws, 'Ana Admin'), code('account-in-use'));
  assert.deepEqual(setAccountRole(ws, 'cy', 'admin'), { from: 'auditor', to: 'admin' });
  assert.deepEqual(setAccountRole(ws, 'Ana Admin', 'reviewer'), { from: 'admin', to: 'reviewer' });
  assert.throws(() => setAccountRole(ws, 'cy', 'auditor'), code('last-admin'));
  assert.throws(() => addAccount(ws, 'BEN', 'auditor', 'another passphrase'), code('account-exists'));
  assert.throws(() => addAccount(ws, ' ', 'auditor', 'another passphrase'), code('invalid-account-name'));
  assert.throws(() => addAccount(ws, 'dee', 'auditor', 'short'), code('weak-passphrase'));
  assert.throws(() => removeAccount(ws, 'nobody'), code('account-missing'));
  ws.close();
  assert.equal(unlockWorkspace(dir, 'cy passphrase', 'cy').account?.role, 'admin');
});

test('a new passphrase replaces the old one for that account only', (t) => {
  const dir = workspaceWithAccounts(t);
  const ws = unlockWorkspace(dir, 'ana passphrase', 'Ana Admin');
  setAccountPassphrase(ws, 'ben', 'ben new passphrase');
  ws.close();
  assert.throws(() => unlockWorkspace(dir, 'ben passphrase', 'ben'), code('wrong-passphrase'));
  unlockWorkspace(dir, 'ben new passphrase', 'ben').close();
  unlockWorkspace(dir, 'ana passphrase', 'Ana Admin').close();
});

test('the data key copy is zeroed when the workspace closes', (t) => {
  const dir = join(tempDir(t), 'ws');
  const ws = createWorkspace(dir, 'shared passphrase');
  let lent: Buffer | null = null;
  ws.withDataKey((key) => {
    lent = key;
  });
  const before = createHash('sha256').update(lent!).digest('hex');
  ws.close();
  assert.notEqual(createHash('sha256').update(lent!).digest('hex'), before);
  assert.ok(lent!.every((b: number) => b === 0));
  assert.throws(() => ws.withDataKey(() => 1), code('locked'));
});

test('a passphrase given to add or change an account is redacted from every later log line and error', async (t) => {
  const { redactText } = await import('../../main/core/logging/index.js');
  const dir = join(tempDir(t), 'ws');
  const ws = createWorkspace(dir, 'shared passphrase');
  t.after(() => ws.close());
  addAccount(ws, 'Dana', 'admin', 'dana secret words');
  assert.ok(!redactText('stack: unlock failed with dana secret words').includes('dana secret words'));
  setAccountPassphrase(ws, 'dana', 'another long phrase');
  assert.ok(!redactText('retry with another long phrase').includes('another long phrase'));
  // Registered before validation: a rejected passphrase does not leak through the error that rejects it either.
  assert.throws(() => addAccount(ws, 'bad name!!', 'reviewer', 'rejected but secret'));
  assert.ok(!redactText('echo rejected but secret').includes('rejected but secret'));
});
