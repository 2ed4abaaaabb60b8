import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { QuarryError } from '../../main/core/errors.js';
import { createWorkspace, unlockWorkspace, workspaceExists } from '../../main/core/store/workspace.js';
import { tempDir } from '../helpers.js';

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

test('a new workspace is an SQLCipher file in WAL mode that plain SQLite cannot read', (t) => {
  const dir = join(tempDir(t), 'ws');
  const workspace = createWorkspace(dir, 'a long passphrase');
  assert.ok(workspaceExists(dir));
  assert.equal(workspace.db.pragma('journal_mode', { simple: true }), 'wal');
  workspace.db.prepare("INSERT INTO ingest_runs (source_file, format, started_at) VALUES ('plaintext-marker-7731.jsonl', 'x', 'now')").run();
  workspace.close();
  const bytes = readFileSync(join(dir, 'quarry.db'));
  assert.notEqual(bytes.subarray(0, 15).toString('latin1'), 'SQLite format 3');
  assert.equal(bytes.includes(Buffer.from('plaintext-marker-7731')), false);
  const plain = new Database(join(dir, 'quarry.db'));
  assert.throws(() => plain.prepare('SELECT count(*) FROM sqlite_master').get(), /not a database|file is not a database|encrypted/i);
  plain.close();
  const reopened = unlockWorkspace(dir, 'a long passphrase');
  assert.equal(reopened.db.prepare('SELECT source_file FROM ingest_runs').pluck().get(), 'plaintext-marker-7731.jsonl');
  reopened.close();
});

test('a wrong passphrase says so and leaves every file as it was', (t) => {
  const dir = join(tempDir(t), 'ws');
  createWorkspace(dir, 'the right passphrase').close();
  const before = snapshot(dir);
  assert.throws(
    () => unlockWorkspace(dir, 'the wrong passphrase'),
    (error: unknown) => error instanceof QuarryError && error.code === 'wrong-passphrase',
  );
  assert.deepEqual(snapshot(dir), before);
});

test('creating over an existing workspace, or with a short passphrase, is refused', (t) => {
  const dir = join(tempDir(t), 'ws');
  assert.throws(() => createWorkspace(dir, 'short'), /at least 8 characters/);
  assert.equal(existsSync(dir), false);
  createWorkspace(dir, 'a long passphrase').close();
  assert.throws(() => createWorkspace(dir, 'another passphrase'), /already exists/);
});

test('unlocking a folder without a workspace says where it looked', (t) => {
  const dir = tempDir(t);
  assert.throws(() => unlockWorkspace(dir, 'whatever it is'), (error: unknown) => error instanceof QuarryError && error.message.includes(dir));
});
