/**
 * The release commands end to end, as separate processes with two admins and an auditor: eval set, import (a bad
 * file refused whole), release, four eyes, export through `npm run -s quarry -- release export …`, a second release
 * and the diff. Nothing printed or written holds the canary phone number.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { REPO, tempDir } from '../helpers.js';
import { accept, CANARY_PHONE, RECORDS } from '../unit/releases-fixture.js';

const SHARED = 'shared release passphrase';
const ANA = { QUARRY_PASSPHRASE: 'ana passphrase long', QUARRY_ACCOUNT: 'ana' };
const BEN = { QUARRY_PASSPHRASE: 'ben passphrase long', QUARRY_ACCOUNT: 'ben' };
const CY = { QUARRY_PASSPHRASE: 'cy passphrase long', QUARRY_ACCOUNT: 'cy' };

function quarry(args: string[], env: Record<string, string | undefined>, npm = false) {
  const [command, prefix] = npm ? ['npm', ['run', '-s', 'quarry', '--']] : [process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts')]];
  const run = spawnSync(command, [...prefix, ...args], {
    cwd: REPO,
    env: { ...process.env, QUARRY_ACCOUNT: undefined, QUARRY_NEW_PASSPHRASE: undefined, ...env },
    encoding: 'utf8',
  });
  assert.ok(!`${run.stdout}${run.stderr}`.includes(CANARY_PHONE), `quarry ${args[0]} ${args[1]} printed no raw text`);
  return { status: run.status, out: run.stdout, err: run.stderr };
}

function ok(run: ReturnType<typeof quarry>): string {
  assert.equal(run.status, 0, run.err);
  return run.out;
}

test('quarry evalset and release: import, create, four eyes, export, diff', (t) => {
  const root = tempDir(t);
  const dir = join(root, 'ws');
  const ws = ['--workspace', dir];
  const log = join(root, 'log.jsonl');
  writeFileSync(log, RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  ok(quarry(['ingest', log, ...ws, '--patterns-only'], { QUARRY_PASSPHRASE: SHARED }));
  const setup = unlockWorkspace(dir, SHARED);
  for (const id of [1, 2, 3, 4]) accept(setup.db, id);
  setup.close();
  ok(quarry(['accounts', 'add', 'ana', '--role', 'admin', ...ws], { QUARRY_PASSPHRASE: SHARED, QUARRY_NEW_PASSPHRASE: ANA.QUARRY_PASSPHRASE }));
  ok(quarry(['accounts', 'add', 'ben', '--role', 'admin', ...ws], { ...ANA, QUARRY_NEW_PASSPHRASE: BEN.QUARRY_PASSPHRASE }));
  ok(quarry(['accounts', 'add', 'cy', '--role', 'auditor', ...ws], { ...ANA, QUARRY_NEW_PASSPHRASE: CY.QUARRY_PASSPHRASE }));

  assert.match(ok(quarry(['evalset', 'create', 'triage', '--description', 'Front desk', ...ws], ANA)), /Created eval set "triage" \(id 1\)/);
  const denied = quarry(['evalset', 'create', 'other', ...ws], CY);
  assert.equal(denied.status, 2);
  assert.match(denied.err, /"cy" is an? auditor; this command needs a role that may evalsets:create/);

  const bad = join(root, 'bad.jsonl');
  writeFileSync(bad, `${JSON.stringify({ messages: [{ role: 'user', content: `ring ${CANARY_PHONE}` }], expected_behaviour: 'x' })}\n{"messages": 3, "expected_behaviour": "y"}\n`);
  const refused = quarry(['evalset', 'import', bad, '--set', 'triage', '--patterns-only', ...ws], ANA);
  assert.equal(refused.status, 2);
  assert.match(refused.err, /^bad\.jsonl:2: messages: /m);
  assert.match(refused.err, /Nothing was imported: 1 problem\(s\)/);
  const good = join(root, 'good.jsonl');
  writeFileSync(good, `${JSON.stringify({ messages: [{ role: 'user', content: `ring ${CANARY_PHONE}` }], expected_behaviour: 'Call back.', signals: { thumbs: 'down' } })}\n`);
  assert.match(ok(quarry(['evalset', 'import', good, '--set', 'triage', '--patterns-only', ...ws], ANA)), /Imported 1 case\(s\) into "triage"/);
  assert.match(ok(quarry(['evalset', 'list', ...ws], CY)), /^triage: 0 release\(s\), no release yet, 1 imported case\(s\), created by ana$/m);

  assert.match(ok(quarry(['release', 'create', '--set', 'triage', ...ws], ANA)), /Created triage v1: pending, 5 case\(s\) \(2 golden, 3 regression\(s\)\), created by ana/);
  const self = quarry(['release', 'approve', '--set', 'triage', '--version', '1', ...ws], ANA);
  assert.equal(self.status, 2);
  assert.match(self.err, /created by ana; a different admin must approve it \(four eyes\)/);
  const auditor = quarry(['release', 'approve', '--set', 'triage', '--version', '1', ...ws], CY);
  assert.match(auditor.err, /this command needs a role that may releases:approve/);
  const early = quarry(['release', 'export', '--set', 'triage', '--version', '1', '--format', 'csv', '--out', join(root, 'early'), ...ws], BEN);
  assert.equal(early.status, 2);
  assert.match(early.err, /triage v1 is pending; only an approved release can be exported/);
  assert.match(ok(quarry(['release', 'approve', '--set', 'triage', '--version', 'v1', ...ws], BEN)), /Approved triage v1: approved, .* approved by ben/);

  const out = join(root, 'export');
  const exported = ok(quarry(['release', 'export', '--set', 'triage', '--version', '1', '--format', 'golden-jsonl', '--out', out, ...ws], BEN, true));
  assert.match(exported, /Exported triage v1 as golden-jsonl to /);
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  assert.ok(files.length >= 2, 'data and manifest');
  for (const f of files) assert.ok(!readFileSync(join(f.parentPath, f.name), 'utf8').includes(CANARY_PHONE), `${f.name} holds no raw text`);

  const again = unlockWorkspace(dir, ANA.QUARRY_PASSPHRASE, 'ana');
  accept(again.db, 6);
  again.close();
  assert.match(ok(quarry(['release', 'create', '--set', 'triage', ...ws], ANA)), /Created triage v2 \(from v1\): pending, 6 case\(s\)/);
  ok(quarry(['release', 'approve', '--set', 'triage', '--version', '2', ...ws], BEN));
  const diff = JSON.parse(ok(quarry(['release', 'diff', '--set', 'triage', '--from', '1', '--to', '2', '--json', ...ws], CY))) as { counts: unknown; added: unknown };
  assert.deepEqual(diff.counts, { added: 1, removed: 0, changed: 0, unchanged: 5 });
  assert.deepEqual(diff.added, [{ caseId: 6, kind: 'regression', regression: true }]);
  assert.match(ok(quarry(['release', 'diff', '--set', 'triage', '--from', '1', '--to', '2', ...ws], CY)), /v1 → v2: 1 added, 0 removed, 0 changed, 5 unchanged\n {2}added case 6 \(regression\)/);
  const listed = ok(quarry(['release', 'list', '--set', 'triage', ...ws], CY));
  assert.match(listed, /^triage v2 \(from v1\): approved, 6 case\(s\)/m);
  assert.match(listed, /^triage v1: approved, 5 case\(s\)/m);
  const growth = JSON.parse(ok(quarry(['release', 'growth', '--set', 'triage', '--json', ...ws], CY))) as { total: number }[];
  assert.equal(growth.reduce((n, w) => n + w.total, 0), 6, 'five accepted cases and one imported');

  const ws2 = unlockWorkspace(dir, CY.QUARRY_PASSPHRASE, 'cy');
  t.after(() => ws2.close());
  assert.ok(verifyAuditChain(ws2.db).ok);
  const actions = ws2.db.prepare("SELECT actor || ' ' || action || ' ' || outcome FROM audit_log WHERE action LIKE 'release.%' OR action LIKE 'evalset.%' ORDER BY seq").pluck().all();
  assert.deepEqual(actions, [
    'ana evalset.create success',
    'ana evalset.import failure',
    'ana evalset.import success',
    'ana release.create success',
    'ana release.approve denied',
    'ben release.approve success',
    'ben release.export success',
    'ana release.create success',
    'ben release.approve success',
  ]);
});
