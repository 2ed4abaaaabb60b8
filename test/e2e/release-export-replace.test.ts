/**
 * The Releases screen's export dialog when the folder already holds an export, end to end in Chromium: an
 * approved release (canary records among its cases) is exported in two formats; exporting again in three formats
 * writes the new one and stops at the two existing folders, saying so and offering Replace, with nothing on disk
 * changed; Keep leaves them; Replace swaps each whole. No canary reaches a page, the bridge, the console or a file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { approveRelease, createEvalSet, createRelease } from '../../main/core/releases/index.js';
import { decideCase } from '../../main/core/review/review-queue.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { CANARIES, EXAMPLE_LOG, REPO } from '../helpers.js';
import { openApp, unlockAs, type AppUnderTest } from './harness.js';

const SHOTS = join(REPO, 'test', 'e2e', 'screenshots');
const PASSPHRASE = 'export replace passphrase';
const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-export-replace-'));
const workspaceDir = join(root, 'workspace');
const filesDir = join(root, 'files');
const outDir = join(filesDir, 'evals');
const base = join(outDir, 'triage-v1');
let app: AppUnderTest;
let page: Page;
const pages: string[] = [];

before(async () => {
  mkdirSync(outDir, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  for (const file of [join(REPO, 'test', 'fixtures', 'canary-log.jsonl'), EXAMPLE_LOG]) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), 'ingest', file, '--workspace', workspaceDir, '--patterns-only'], {
      cwd: REPO,
      env: { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
  }
  const workspace = unlockWorkspace(workspaceDir, PASSPHRASE);
  try {
    const ids = workspace.db.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as number[];
    for (const id of ids) decideCase(workspace.db, id, 'accepted', 'Ana Okafor', 'Acknowledge and route to the right team.');
    createEvalSet(workspace.db, 'Triage', '', 'Ana Okafor');
    approveRelease(workspace.db, createRelease(workspace.db, 'Triage', { createdBy: 'Ana Okafor' }).id, 'Omar Haddad');
  } finally {
    workspace.close();
  }
  app = await openApp({ workspaceDir, browseStart: filesDir, patternsOnly: true });
  page = app.page;
  page.setDefaultTimeout(15_000);
  await unlockAs(page, PASSPHRASE, 'Omar Haddad');
  await page.getByTestId('lock').waitFor();
});

after(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every file under a folder, recursively, relative. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

/** Each file's modification time, to show a refused export changed nothing. */
const stamps = (dir: string) => filesUnder(dir).map((f) => `${f} ${statSync(join(dir, f)).mtimeMs}`);

async function openExport(formats: readonly string[]): Promise<void> {
  await page.getByTestId('rl-export').click();
  await page.getByTestId('rl-export-dialog').waitFor();
  for (const format of ['golden-jsonl', 'openai-evals', 'promptfoo', 'langfuse', 'hf-dataset', 'csv']) {
    const box = page.getByTestId(`rl-export-format-${format}`);
    if (formats.includes(format)) await box.check();
    else await box.uncheck();
  }
  await page.locator('[data-testid="rl-export-picker-entry"][data-name="evals"]').click();
  await page.getByTestId('rl-export-picker-dir').filter({ hasText: 'evals' }).waitFor();
  assert.equal(await page.getByTestId('rl-export-folder').inputValue(), 'triage-v1');
}

test('a first export writes one folder per format', async () => {
  await page.getByTestId('view-releases').click();
  await page.locator('[data-testid="rl-release-row"][data-version="1"]').click();
  await page.locator('[data-testid="rl-detail"][data-state="approved"]').waitFor();
  await openExport(['golden-jsonl', 'csv']);
  await page.getByTestId('rl-export-submit').click();
  await page.locator('[data-testid="rl-export-written"][data-format="csv"]').waitFor();
  assert.equal(await page.getByTestId('rl-export-existing').count(), 0);
  pages.push(await page.content());
  await page.getByTestId('rl-export-close').click();
  assert.deepEqual(readdirSync(base).sort(), ['csv', 'golden-jsonl']);
});

test('exporting again stops at the folders that hold an export, says so, and changes nothing until Replace', async () => {
  const before = { golden: stamps(join(base, 'golden-jsonl')), csv: stamps(join(base, 'csv')) };
  await openExport(['golden-jsonl', 'promptfoo', 'csv']);
  await page.getByTestId('rl-export-submit').click();
  const notice = page.getByTestId('rl-export-existing');
  await notice.waitFor();
  assert.match(await notice.innerText(), /2 of these folders already have an export\. Nothing in them was changed\./);
  const items = page.getByTestId('rl-export-existing-item');
  assert.deepEqual(await Promise.all((await items.all()).map((item) => item.getAttribute('data-format'))), ['golden-jsonl', 'csv']);
  assert.match(await items.first().innerText(), /Golden JSONL\s+holds an export of Triage v1\./);
  assert.equal(await page.getByTestId('rl-export-submit').isDisabled(), true, 'Export waits for Replace or Keep');
  await page.locator('[data-testid="rl-export-written"][data-format="promptfoo"]').waitFor();
  assert.deepEqual({ golden: stamps(join(base, 'golden-jsonl')), csv: stamps(join(base, 'csv')) }, before, 'nothing was changed');
  pages.push(await page.content());
  await page.getByTestId('rl-export-replace').scrollIntoViewIfNeeded();
  await page.getByTestId('rl-export-dialog').screenshot({ path: join(SHOTS, 'release-export-replace.png') });

  await page.getByTestId('rl-export-replace').click();
  await page.locator('[data-testid="rl-export-written"][data-format="csv"]').waitFor();
  assert.equal(await notice.count(), 0);
  const written = await page.getByTestId('rl-export-written').all();
  const replaced = await Promise.all(written.map(async (w) => `${await w.getAttribute('data-format')} ${(await w.innerText()).includes('replaced')}`));
  assert.deepEqual(replaced, ['promptfoo false', 'golden-jsonl true', 'csv true']);
  pages.push(await page.content());
  await page.getByTestId('rl-export-close').scrollIntoViewIfNeeded();
  await page.getByTestId('rl-export-dialog').screenshot({ path: join(SHOTS, 'release-export-replaced.png') });
  await page.getByTestId('rl-export-close').click();

  assert.deepEqual(readdirSync(base).sort(), ['csv', 'golden-jsonl', 'promptfoo'], 'no staging or backup folder is left');
  assert.deepEqual(filesUnder(join(base, 'golden-jsonl')).sort(), ['golden.jsonl', 'manifest.json', 'regressions.jsonl', 'schema/golden.schema.json']);
});

test('Keep leaves an existing export as it is', async () => {
  const before = stamps(join(base, 'golden-jsonl'));
  await openExport(['golden-jsonl']);
  await page.getByTestId('rl-export-submit').click();
  const notice = page.getByTestId('rl-export-existing');
  await notice.waitFor();
  assert.match(await notice.innerText(), /This folder already has an export\. Nothing in it was changed\./);
  assert.equal(await page.getByTestId('rl-export-replace').innerText(), 'Replace export');
  await page.getByTestId('rl-export-keep').click();
  assert.equal(await notice.count(), 0);
  assert.equal(await page.getByTestId('rl-export-submit').isDisabled(), false);
  assert.equal(await page.getByTestId('rl-export-result').count(), 0, 'nothing was written');
  assert.deepEqual(stamps(join(base, 'golden-jsonl')), before, 'Keep changes nothing');
  pages.push(await page.content());
  await page.getByTestId('rl-export-close').click();
});

test('no canary on a page, in the bridge, the console or an exported file; the audit chain verifies', async () => {
  for (const canary of CANARIES) {
    for (const html of pages) assert.equal(html.includes(canary), false, `${canary} on a page`);
    assert.equal(app.payloads.join('\n').includes(canary), false, `${canary} in the bridge`);
    assert.equal(app.consoleLines.join('\n').includes(canary), false, `${canary} in the console`);
    for (const file of filesUnder(base)) assert.equal(readFileSync(join(base, file), 'utf8').includes(canary), false, `${canary} in ${file}`);
  }
  assert.ok(app.payloads.some((p) => p.includes('"export-exists"')), 'the tap saw the refusal');
  await app.close();
  app = undefined as unknown as AppUnderTest;
  const workspace = unlockWorkspace(workspaceDir, PASSPHRASE);
  try {
    const exports = workspace.db.prepare("SELECT object_ids FROM audit_log WHERE action = 'release.export' ORDER BY seq").pluck().all() as string[];
    assert.deepEqual(
      exports.map((ids) => (JSON.parse(ids) as { replaced: boolean }).replaced),
      [false, false, false, true, true],
      'every export that wrote is audited, the replacements as such; the refusals wrote nothing',
    );
    assert.ok(verifyAuditChain(workspace.db).ok);
  } finally {
    workspace.close();
  }
});
