import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { createEvalSet, createRelease } from '../../main/core/releases/index.js';
import { createWorkspace, unlockWorkspace } from '../../main/core/store/workspace.js';
import { RepresentativenessReport } from '../../preload/contract/representativeness.js';
import { REPO, tempDir } from '../helpers.js';
import { seedRepresentativeness, TEXT_WORDS } from './representativeness-seed.js';

const PASSPHRASE = 'represent passphrase';

function quarry(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE },
    encoding: 'utf8',
  });
}

test('quarry represent --run and --release: a readable summary, --json the full report, bad flags named', (t) => {
  const dir = join(tempDir(t, 'quarry-represent-'), 'ws');
  const workspace = createWorkspace(dir, PASSPHRASE);
  seedRepresentativeness(workspace.db);
  createEvalSet(workspace.db, 'triage', '', 'ana');
  const release = createRelease(workspace.db, 'triage', { createdBy: 'ana' });
  workspace.close();

  const text = quarry(['represent', '--run', '1', '--workspace', dir]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /Representativeness of run 1 \(weekly v1\); production: ingest run\(s\) 1/);
  assert.match(text.stdout, /Cases: 3 original\(s\), 2 accepted task\(s\), 10 production/);
  assert.match(text.stdout, /tier: .*\n {4}missing from the sample: enterprise \(10\.0%\)\n {4}missing from the tasks: pro \(30\.0%\), enterprise \(10\.0%\)/);
  assert.match(text.stdout, /more than 2x their original: 50\.0%/);

  const json = quarry(['represent', '--run', '1', '--production', 'workspace', '--json', '--workspace', dir]);
  assert.equal(json.status, 0, json.stderr);
  const report = RepresentativenessReport.parse(JSON.parse(json.stdout));
  assert.equal(report.counts.productionTotal, 15);

  const ofRelease = quarry(['represent', '--release', String(release.id), '--json', '--workspace', dir]);
  assert.equal(ofRelease.status, 0, ofRelease.stderr);
  assert.equal(RepresentativenessReport.parse(JSON.parse(ofRelease.stdout)).scope.label, 'triage v1');
  for (const out of [text.stdout, json.stdout, ofRelease.stdout]) for (const word of TEXT_WORDS) assert.equal(out.includes(word), false, word);

  const both = quarry(['represent', '--run', '1', '--release', '1', '--workspace', dir]);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /exactly one of --run N .* or --release N/);
  const scope = quarry(['represent', '--run', '1', '--production', 'all', '--workspace', dir]);
  assert.match(scope.stderr, /Production scope "all" is not one of ingest-runs, workspace/);
  const unknown = quarry(['represent', '--run', '9', '--workspace', dir]);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /no sampling run 9/);

  const reopened = unlockWorkspace(dir, PASSPHRASE);
  t.after(() => reopened.close());
  assert.equal(verifyAuditChain(reopened.db).ok, true);
  const actions = reopened.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'representativeness.%'").pluck().all();
  assert.deepEqual(actions, ['representativeness.run', 'representativeness.run', 'representativeness.release']);
});
