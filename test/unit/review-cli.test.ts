import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { submitReview } from '../../main/core/review/case-reviews.js';
import { reportMissedPii } from '../../main/core/review/missed-pii.js';
import { DEFAULT_REVIEW_SETTINGS, writeReviewSettings } from '../../main/core/review/review-settings.js';
import { getCase } from '../../main/core/review/review-queue.js';
import { REPO, tempDir } from '../helpers.js';
import { MISSED_NAME, reviewWorkspace } from './review-workspace.js';

function quarry(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, QUARRY_PASSPHRASE: 'review passphrase' },
    encoding: 'utf8',
  });
}

test('quarry deid misses export and quarry agreement', async (t) => {
  const workspace = await reviewWorkspace(t);
  const { db, dir } = workspace;
  const text = getCase(db, 1).messages[0]!.content;
  const at = text.indexOf(MISSED_NAME);
  reportMissedPii(db, { caseId: 1, field: 0, start: at, end: at + MISSED_NAME.length, label: 'PERSON', reviewer: 'ana' });
  writeReviewSettings(db, { ...DEFAULT_REVIEW_SETTINGS, doubleReviewShare: 1 });
  submitReview(db, { caseId: 2, reviewer: 'ana', decision: 'reject', reasonCode: 'other' });
  submitReview(db, { caseId: 2, reviewer: 'ben', decision: 'reject', reasonCode: 'other' });
  workspace.close();

  const out = join(tempDir(t), 'misses.jsonl');
  const exported = quarry(['deid', 'misses', 'export', '--workspace', dir, '--out', out]);
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stdout, /Exported 1 de-identification miss/);
  const line = JSON.parse(readFileSync(out, 'utf8').trim()) as { case_id: number; label: string; context: { placeholder: string } };
  assert.equal(line.case_id, 1);
  assert.equal(line.label, 'PERSON');
  assert.equal(line.context.placeholder, '[PERSON_1]');
  assert.equal(readFileSync(out, 'utf8').includes(MISSED_NAME), false);

  const agreement = quarry(['agreement', '--workspace', dir]);
  assert.equal(agreement.status, 0, agreement.stderr);
  assert.match(agreement.stdout, /ingest run 1 \(log\.jsonl\): 1 case\(s\) with 2\+ reviews, 0 disagreement\(s\), raters ana, ben; kappa —, alpha —/);

  const missing = quarry(['deid', 'misses', 'export', '--workspace', dir]);
  assert.notEqual(missing.status, 0);
  assert.match(missing.stderr, /--out/);

  const { unlockWorkspace } = await import('../../main/core/store/workspace.js');
  const reopened = unlockWorkspace(dir, 'review passphrase');
  t.after(() => reopened.close());
  assert.equal(verifyAuditChain(reopened.db).ok, true);
  const actions = reopened.db.prepare('SELECT action FROM audit_log').pluck().all() as string[];
  assert.ok(actions.includes('deid.misses_export'));
});
