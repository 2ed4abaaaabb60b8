/**
 * The retention screen end to end in Chromium: two sources, one with raw text 45 days old; give it a 30-day
 * period, see what falls due, purge it behind the confirmation, and find the purge in the history, while the
 * de-identified cases stay.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { EXAMPLE_LOG, REPO } from '../helpers.js';
import { openApp, unlockAs, type AppUnderTest } from './harness.js';

const PASSPHRASE = 'retention e2e passphrase';
const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-retention-'));
const workspaceDir = join(root, 'workspace');
let app: AppUnderTest;
let page: Page;

function ingest(file: string): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), 'ingest', file, '--workspace', workspaceDir, '--patterns-only'], {
    cwd: REPO,
    env: { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
}

const source = (name: string) => page.locator(`[data-testid="retention-source"][data-source="${name}"]`);

before(async () => {
  ingest(EXAMPLE_LOG);
  ingest(join(REPO, 'test', 'fixtures', 'langfuse-export.jsonl'));
  const workspace = unlockWorkspace(workspaceDir, PASSPHRASE);
  workspace.db.prepare("UPDATE ingest_runs SET started_at = ? WHERE format = 'openai-chat'").run(new Date(Date.now() - 45 * 86_400_000).toISOString());
  workspace.close();
  app = await openApp({ workspaceDir, browseStart: root, patternsOnly: true });
  page = app.page;
});

after(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

test('unlock as the admin and open the retention screen: every source, no period yet', async () => {
  await unlockAs(page, PASSPHRASE, 'Compliance Admin');
  await page.getByTestId('view-retention').click();
  await page.getByTestId('retention-view').waitFor();
  await source('openai-chat').waitFor();
  assert.equal(await page.getByTestId('retention-source').count(), 2);
  assert.equal(await source('openai-chat').getByTestId('retention-raw-rows').innerText(), '8');
  assert.match(await source('openai-chat').getByTestId('retention-next-purge').innerText(), /Kept until purged by hand/);
  assert.match(await page.getByTestId('retention-due').innerText(), /Nothing is due/);
  assert.equal(await page.getByTestId('retention-audit-input').inputValue(), '2192');
  assert.match(await page.getByTestId('retention-audit').innerText(), /days \(6 years\)/);
  await page.getByTestId('retention-no-history').waitFor();
});

test('periods: an out-of-range value cannot be saved; 30 days makes the old run due', async () => {
  const chat = source('openai-chat');
  await chat.getByTestId('retention-period-input').fill('0');
  assert.equal(await chat.getByTestId('retention-period-save').isDisabled(), true);
  await chat.getByTestId('retention-period-input').fill('30');
  await chat.getByTestId('retention-period-save').click();
  await chat.locator('[data-testid="retention-due-rows"]', { hasText: '8' }).waitFor();
  assert.match(await page.getByTestId('retention-due').innerText(), /8 records past retention/);
  const langfuse = source('langfuse');
  await langfuse.getByTestId('retention-period-input').fill('365');
  await langfuse.getByTestId('retention-period-save').click();
  await langfuse.getByTestId('retention-period-save').and(page.locator(':disabled')).waitFor();
  assert.doesNotMatch(await langfuse.getByTestId('retention-next-purge').innerText(), /Kept until purged/);
  assert.equal(await langfuse.getByTestId('retention-due-rows').innerText(), '0');
});

test('purge now asks first, then purges only what is due and records it', async () => {
  await page.getByTestId('retention-purge-now').click();
  const dialog = page.getByTestId('retention-confirm');
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /openai-chat: 8 records older than 30 days/);
  await page.getByTestId('retention-confirm-cancel').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await source('openai-chat').getByTestId('retention-raw-rows').innerText(), '8', 'cancel purges nothing');

  await page.getByTestId('retention-purge-now').click();
  await page.getByTestId('retention-confirm-purge').click();
  const result = page.getByTestId('retention-purge-result');
  await result.waitFor();
  assert.match(await result.innerText(), /Purged the raw text of 8 records from 1 source/);
  assert.equal(await source('openai-chat').getByTestId('retention-raw-rows').innerText(), '0');
  assert.equal(await page.getByTestId('retention-history-row').count(), 1);
  assert.match(await page.getByTestId('retention-history-row').innerText(), /openai-chat\s+8\s+\d+\s+\d+.*reviewer:Compliance Admin/s);
  assert.match(await page.getByTestId('retention-due').innerText(), /Nothing is due/);
  mkdirSync(join(REPO, 'test', 'e2e', 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(REPO, 'test', 'e2e', 'screenshots', 'retention.png') });
});

test('the de-identified cases stay and the audit chain verifies after the purge', async () => {
  const workspace = unlockWorkspace(workspaceDir, PASSPHRASE);
  try {
    const db = workspace.db;
    assert.equal(db.prepare("SELECT count(*) FROM cases c JOIN ingest_runs r ON r.id = c.run_id WHERE r.format = 'openai-chat'").pluck().get(), 8);
    assert.equal(db.prepare("SELECT count(*) FROM vault_interactions WHERE purged_at IS NULL AND raw_json <> ''").pluck().get(), 2, 'the langfuse records keep their raw text');
    assert.deepEqual(db.prepare("SELECT action FROM audit_log WHERE action LIKE 'retention.%' ORDER BY seq").pluck().all(), [
      'retention.policy_change',
      'retention.policy_change',
      'retention.purge',
    ]);
    assert.ok(verifyAuditChain(db).ok);
  } finally {
    workspace.close();
  }
});
