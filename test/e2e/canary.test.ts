/**
 * The privacy boundary, end to end: records carrying unique fake identities go through the real UI in
 * Chromium (unlock, ingest, review, export). No canary may appear in the DOM, the console, renderer storage,
 * any bridge payload, the exported file, or the SQLite files in plaintext.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CANARIES, REPO } from '../helpers.js';
import { openApp, type AppUnderTest } from './harness.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';


const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-'));
const workspaceDir = join(root, 'workspace');
const logsDir = join(root, 'logs');
let payloads: string[] = [];
let consoleLines: string[] = [];
const domSnapshots: string[] = [];
let blocked: string[] = [];
let app: AppUnderTest;
let page: Page;

before(async () => {
  mkdirSync(logsDir);
  copyFileSync(join(REPO, 'test', 'fixtures', 'canary-log.jsonl'), join(logsDir, 'canary-log.jsonl'));
  app = await openApp({ workspaceDir, browseStart: logsDir });
  ({ page, payloads, consoleLines, blocked } = app);
});

after(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

async function snapshotDom(): Promise<void> {
  domSnapshots.push(await page.content());
}

function assertNoCanary(where: string, text: string): void {
  for (const canary of CANARIES) assert.equal(text.includes(canary), false, `${canary} appeared in ${where}`);
}

test('unlock creates the workspace', async () => {
  await page.getByTestId('unlock-passphrase').fill('canary passphrase');
  const confirm = page.getByTestId('unlock-confirm');
  if (await confirm.count()) await confirm.fill('canary passphrase');
  await page.getByTestId('unlock-reviewer').fill('Reviewer One');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('open-ingest').waitFor();
  await snapshotDom();
  assert.ok(existsSync(join(workspaceDir, 'quarry.db')));
});

test('ingest through the file picker shows the counts', async () => {
  await page.getByTestId('open-ingest').click();
  await page.getByTestId('file-entry').filter({ hasText: 'canary-log.jsonl' }).click();
  await page.getByTestId('ingest-run').click();
  const result = page.getByTestId('ingest-result');
  await result.waitFor({ timeout: 60_000 });
  assert.match(await result.innerText(), /3\s+ingested/i);
  await snapshotDom();
  await page.keyboard.press('Escape');
});

test('review: open a case, write the expected behaviour, accept with the keyboard', async () => {
  const items = page.getByTestId('case-item');
  await items.first().waitFor();
  assert.equal(await items.count(), 3);
  await items.first().click();
  const detail = page.getByTestId('case-detail');
  await detail.waitFor();
  const text = await detail.innerText();
  assert.match(text, /\[PERSON_1\]/);
  assert.match(text, /\[EMAIL_1\]/);
  await snapshotDom();
  await page.keyboard.press('e');
  await page.keyboard.type('Apologise, confirm the refill request, and do not repeat contact details.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await page.locator('[data-testid="case-item"][data-status="accepted"]').waitFor();
  // Accepting moves on to the next pending case; reject that one from the keyboard too.
  await page.locator('[data-testid="case-detail"][data-case-id="2"]').waitFor();
  await page.keyboard.press('r');
  await page.getByTestId('reason-other').click(); // rejecting asks for a reason code
  await page.locator('[data-testid="case-item"][data-status="rejected"]').waitFor();
  assert.match(await page.getByTestId('filter-accepted').innerText(), /1/);
  assert.match(await page.getByTestId('filter-rejected').innerText(), /1/);
  await snapshotDom();
  mkdirSync(join(REPO, 'test', 'e2e', 'screenshots'), { recursive: true });
  await page.getByTestId('case-item').first().click();
  // The badge re-verifies the chain once decisions settle; it should count every view and decision by now.
  await page.getByTestId('audit-badge').filter({ hasText: /OK · ([89]|\d\d+) entries/ }).waitFor();
  await page.screenshot({ path: join(REPO, 'test', 'e2e', 'screenshots', 'review-screen.png') });
});

test('export writes the accepted case without any canary', async () => {
  await page.getByTestId('export').click();
  await page.getByTestId('export-confirm').click();
  const banner = page.getByTestId('export-result');
  await banner.waitFor();
  assert.match(await banner.innerText(), /Exported 1/);
  await snapshotDom();
  const exportsDir = join(workspaceDir, 'exports');
  const [file] = readdirSync(exportsDir);
  const exported = readFileSync(join(exportsDir, file!), 'utf8');
  assert.equal(exported.trim().split('\n').length, 1);
  assert.match(exported, /do not repeat contact details/);
  assertNoCanary('the exported golden set', exported);
});

test('no canary reached the DOM, console, storage, bridge or the database files', async () => {
  assert.ok(domSnapshots.length >= 5);
  domSnapshots.forEach((html, i) => assertNoCanary(`DOM snapshot ${i}`, html));
  assertNoCanary('the console', consoleLines.join('\n'));
  // A string, not a function: the test runner's transpiler would wrap a function's inner helpers in names
  // the page does not define.
  const storage = await page.evaluate<string>(`(async () => {
    const dump = (s) => JSON.stringify(Object.entries(s));
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return dump(localStorage) + dump(sessionStorage) + document.cookie + JSON.stringify(databases);
  })()`);
  assertNoCanary('renderer storage', storage);
  assert.ok(payloads.some((p) => p.includes('cases:open')), 'the tap saw the bridge traffic');
  assertNoCanary('bridge payloads', payloads.join('\n'));
  for (const suffix of ['', '-wal', '-shm']) {
    const file = join(workspaceDir, `quarry.db${suffix}`);
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    for (const canary of CANARIES) {
      assert.equal(bytes.includes(Buffer.from(canary, 'utf8')), false, `${canary} in plaintext in quarry.db${suffix}`);
      assert.equal(bytes.includes(Buffer.from(canary, 'utf16le')), false, `${canary} (UTF-16) in quarry.db${suffix}`);
    }
  }
  assert.deepEqual(blocked, [], 'the page tried to load something from outside the app');
});
