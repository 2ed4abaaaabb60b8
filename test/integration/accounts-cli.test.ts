import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO, tempDir } from '../helpers.js';

const CANARIES = ['Zebediah', 'Thornquist', 'zebediah.thornquist.k7@example.org', '555-0187', 'Philippa', 'Vandermeer', '219-44-7731', 'Octavius', 'Pembleton'];

function quarry(args: string[], env: Record<string, string | undefined>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, QUARRY_ACCOUNT: undefined, QUARRY_NEW_PASSPHRASE: undefined, ...env },
    encoding: 'utf8',
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

test('accounts and audit from the command line: convert, roles, export in three formats, verify the files alone', (t) => {
  const root = tempDir(t);
  const ws = ['--workspace', join(root, 'ws')];
  const shared = { QUARRY_PASSPHRASE: 'shared passphrase' };
  const fixture = join(REPO, 'test', 'fixtures', 'canary-log.jsonl');
  assert.equal(quarry(['ingest', fixture, ...ws, '--patterns-only'], shared).status, 0);

  const first = quarry(['accounts', 'add', 'Ana', '--role', 'admin', ...ws], { ...shared, QUARRY_NEW_PASSPHRASE: 'ana passphrase' });
  assert.equal(first.status, 0, first.err);
  assert.match(first.out, /Added admin "Ana"\. The workspace passphrase no longer opens it/);
  const stale = quarry(['audit', 'verify', ...ws], shared);
  assert.equal(stale.status, 2);
  assert.match(stale.err, /has accounts: sign in with your account name/);

  const ana = { QUARRY_PASSPHRASE: 'ana passphrase', QUARRY_ACCOUNT: 'ana' };
  assert.equal(quarry(['accounts', 'add', 'ben', '--role', 'reviewer', ...ws], { ...ana, QUARRY_NEW_PASSPHRASE: 'ben passphrase' }).status, 0);
  const passFile = join(root, 'cy.txt');
  writeFileSync(passFile, 'cy passphrase\n');
  assert.equal(quarry(['accounts', 'add', 'cy', '--role', 'auditor', '--new-passphrase-file', passFile, ...ws], ana).status, 0);
  const listed = quarry(['accounts', 'list', ...ws], ana);
  assert.match(listed.out, /^Ana\s+admin/m);
  assert.match(listed.out, /^ben\s+reviewer/m);
  assert.match(listed.out, /^cy\s+auditor/m);

  // --account on the command line, the auditor's own passphrase.
  const cy = { QUARRY_PASSPHRASE: 'cy passphrase' };
  const verify = quarry(['audit', 'verify', '--account', 'cy', ...ws], cy);
  assert.equal(verify.status, 0, verify.err);
  assert.match(verify.out, /^OK: audit chain intact, \d+ entries, \d+ signed checkpoints/);

  const ben = { QUARRY_PASSPHRASE: 'ben passphrase', QUARRY_ACCOUNT: 'ben' };
  const refused = quarry(['audit', 'export', '--format', 'csv', '--out', join(root, 'x.csv'), ...ws], ben);
  assert.equal(refused.status, 2);
  assert.match(refused.err, /"ben" is a reviewer; this command needs a role that may audit:export/);
  assert.equal(quarry(['accounts', 'list', ...ws], ben).status, 2);

  const fingerprint = /fingerprint ([0-9a-f]{64})/.exec(quarry(['audit', 'key', ...ws], {}).out)?.[1];
  assert.ok(fingerprint);
  for (const format of ['jsonl', 'csv', 'fhir']) {
    const out = join(root, `audit.${format}`);
    const exported = quarry(['audit', 'export', '--format', format, '--out', out, '--account', 'cy', ...ws], cy);
    assert.equal(exported.status, 0, exported.err);
    assert.match(exported.out, /Exported \d+ matching entries/);
    const text = readFileSync(out, 'utf8');
    for (const canary of CANARIES) assert.equal(text.includes(canary), false, `${canary} in the ${format} export`);
    const checked = quarry(['audit', 'verify-export', out], {});
    assert.equal(checked.status, 0, checked.out);
    assert.match(checked.out, new RegExp(`^OK: ${format} export intact: .* key fingerprint ${fingerprint}`));
  }
  const filtered = join(root, 'denied.jsonl');
  assert.equal(quarry(['audit', 'export', '--type', 'access', '--actor', 'ben', '--from', '2020-01-01T00:00:00Z', '--out', filtered, ...ws], { ...cy, QUARRY_ACCOUNT: 'cy' }).status, 0);
  const lines = readFileSync(filtered, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const entries = lines.filter((l) => l.type === 'entry' && l.inFilter);
  assert.equal(entries.length, 2, 'two denied calls by ben');
  assert.ok(entries.every((e) => e.actor === 'ben' && e.action === 'access.denied' && e.outcome === 'denied' && e.role === 'reviewer'));
  assert.equal(quarry(['audit', 'verify-export', filtered], {}).status, 0);
  const edited = readFileSync(filtered, 'utf8')
    .split('\n')
    .map((line) => (line.includes('"inFilter":true') ? line.replace('"actor":"ben"', '"actor":"cy"') : line));
  writeFileSync(filtered, edited.join('\n'));
  const tampered = quarry(['audit', 'verify-export', filtered], {});
  assert.equal(tampered.status, 1);
  assert.match(tampered.out, /^BROKEN at entry #\d+: entry #\d+ was altered/);

  assert.equal(quarry(['audit', 'export', '--from', 'yesterday', '--out', filtered, ...ws], { ...cy, QUARRY_ACCOUNT: 'cy' }).err.includes('--from "yesterday" is not an ISO 8601 time'), true);

  assert.equal(quarry(['accounts', 'remove', 'ben', ...ws], ana).status, 0);
  const gone = quarry(['audit', 'verify', ...ws], ben);
  assert.equal(gone.status, 2);
  assert.match(gone.err, /Wrong account name or passphrase/);
  const last = quarry(['accounts', 'remove', 'Ana', ...ws], { ...ana });
  assert.match(last.err, /signed in now/);
});
