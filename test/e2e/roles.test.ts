/**
 * Accounts, roles and the audit view end to end, in the real renderer on Chromium: an admin converts a
 * single-user workspace and adds a reviewer and an auditor; each role signs in through the UI, sees only what it
 * may use, and is refused by main when it calls a forbidden channel straight through `window.quarry.invoke`.
 * The auditor filters and exports the log; the export verifies on its own and carries no case text. Idle lock
 * and sign-in rate limiting are seen from the unlock screen.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { QuarryService } from '../../main/api/quarry-service.js';
import { verifyAuditExport } from '../../main/core/audit/verify-export.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { writeSetting } from '../../main/core/store/settings.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { launchChromiumShell, type ChromiumShell } from '../../main/shell/chromium/chromium-shell.js';
import { MODELS_DIR, REPO } from '../helpers.js';

const CANARIES = ['Zebediah', 'Thornquist', 'zebediah.thornquist.k7@example.org', '555-0187', 'Philippa', 'Vandermeer', '219-44-7731', 'Octavius', 'Pembleton'];
const SHOTS = join(REPO, 'test', 'e2e', 'screenshots');
const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-roles-'));
const workspaceDir = join(root, 'workspace');
const logsDir = join(root, 'logs');
let shell: ChromiumShell;
let service: QuarryService;
let page: Page;

before(async () => {
  mkdirSync(logsDir);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(join(REPO, 'test', 'fixtures', 'canary-log.jsonl'), join(logsDir, 'canary-log.jsonl'));
  service = new QuarryService({
    workspaceDir,
    browseStart: logsDir,
    modelsDir: MODELS_DIR,
    createDeidentifier: (modelId) => createDeidentifier({ modelsDir: MODELS_DIR, modelId, patternsOnly: true }),
  });
  shell = await launchChromiumShell({ handlers: service.handlers, rendererDir: join(REPO, 'out', 'renderer') });
  page = shell.page;
});

after(async () => {
  await shell?.close();
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

async function signIn(name: string, passphrase: string): Promise<void> {
  await page.getByTestId('unlock-reviewer').fill(name);
  await page.getByTestId('unlock-passphrase').fill(passphrase);
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('lock').waitFor();
}

async function lock(): Promise<void> {
  await page.getByTestId('lock').click();
  await page.getByTestId('unlock-submit').waitFor();
}

/** Calls a channel the way any script in the page could, and returns the error code (or 'ok'). */
async function invoke(channel: string, input: unknown): Promise<string> {
  return page.evaluate<string>(
    `window.quarry.invoke(${JSON.stringify(channel)}, ${JSON.stringify(input)}).then(() => 'ok', (e) => e.code ?? 'error')`,
  );
}

/** The audit rows on screen, as [action, text] pairs. */
async function rows(): Promise<[string, string][]> {
  return page
    .getByTestId('audit-row')
    .evaluateAll((els) =>
      (els as unknown as { getAttribute(name: string): string | null; textContent: string | null }[]).map(
        (el) => [el.getAttribute('data-action') ?? '', el.textContent ?? ''] as [string, string],
      ),
    );
}

/** Polls from the test side: the page's CSP forbids the string evaluation waitForFunction uses. */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting until ${what}`);
}

async function visible(testId: string): Promise<boolean> {
  return (await page.getByTestId(testId).count()) > 0;
}

test('an admin converts the single-user workspace and adds a reviewer and an auditor', async () => {
  await page.getByTestId('unlock-passphrase').fill('shared passphrase');
  await page.getByTestId('unlock-confirm').fill('shared passphrase');
  await page.getByTestId('unlock-reviewer').fill('Setup');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('open-accounts').waitFor();
  assert.equal(await invoke('ingest:run', { path: join(logsDir, 'canary-log.jsonl') }), 'ok');

  await page.getByTestId('open-accounts').click();
  await page.getByTestId('accounts-single-user').waitFor();
  assert.equal(await page.getByTestId('account-new-role').inputValue(), 'admin');
  await page.getByTestId('account-name').fill('Ana Okafor');
  await page.getByTestId('account-passphrase').fill('ana passphrase');
  await page.getByTestId('account-confirm').fill('ana passphrase');
  await page.getByTestId('account-add').click();
  await page.locator('[data-testid="account-row"][data-name="Ana Okafor"]').waitFor();
  assert.equal(await visible('accounts-single-user'), false);
  for (const [name, role, pass] of [
    ['Ben Reyes', 'reviewer', 'ben passphrase'],
    ['Chloe Auditor', 'auditor', 'chloe passphrase'],
  ] as const) {
    await page.getByTestId('account-name').fill(name);
    await page.getByTestId('account-new-role').selectOption(role);
    await page.getByTestId('account-passphrase').fill(pass);
    await page.getByTestId('account-confirm').fill(pass);
    await page.getByTestId('account-add').click();
    await page.locator(`[data-testid="account-row"][data-name="${name}"]`).waitFor();
  }
  await page.getByTestId('accounts-dialog').screenshot({ path: join(SHOTS, 'accounts.png') });
  await page.getByTestId('account-name').fill('x');
  await page.getByTestId('account-passphrase').fill('short');
  await page.getByTestId('account-confirm').fill('short');
  await page.getByTestId('account-add').click();
  assert.match(await page.getByTestId('account-form-error').innerText(), /at least 8 characters/);
  await page.keyboard.press('Escape');
  await lock();
  assert.equal(await page.locator('label[for="unlock-reviewer"]').innerText(), 'Account');
});

test('the reviewer sees the work screens only, and main refuses the rest', async () => {
  await signIn('ben reyes', 'ben passphrase');
  assert.match(await page.getByTestId('session-role').innerText(), /Reviewer/);
  assert.equal(await visible('open-ingest'), true);
  for (const hidden of ['open-accounts', 'view-audit', 'audit-badge']) assert.equal(await visible(hidden), false, hidden);
  for (const [channel, input] of [
    ['accounts:list', {}],
    ['accounts:add', { name: 'eve', role: 'admin', passphrase: 'eve passphrase' }],
    ['audit:list', {}],
    ['audit:export', { format: 'jsonl' }],
    ['audit:verify', {}],
    ['terms:add', { kind: 'deny', term: 'xyzzy' }],
  ] as const) {
    assert.equal(await invoke(channel, input), 'forbidden', channel);
  }
  assert.equal(await invoke('cases:list', {}), 'ok');
  await lock();
});

test('the auditor sees the oversight views only (audit, releases, dashboard); work channels are refused', async () => {
  await signIn('Chloe Auditor', 'chloe passphrase');
  await page.getByTestId('audit-view').waitFor();
  const tabs = await page.locator('.topbar-view').allInnerTexts();
  assert.deepEqual(tabs, ['Audit', 'Releases', 'Dashboard']);
  assert.match(await page.getByTestId('session-role').innerText(), /Auditor/);
  for (const hidden of ['open-ingest', 'export', 'open-terms', 'open-accounts', 'view-review']) assert.equal(await visible(hidden), false, hidden);
  for (const [channel, input] of [
    ['cases:list', {}],
    ['cases:get', { id: 1 }],
    ['cases:open', { id: 1 }],
    ['cases:peek', { id: 1 }],
    ['cases:decide', { id: 1, decision: 'accepted' }],
    ['ingest:run', { path: join(logsDir, 'canary-log.jsonl') }],
    ['export:golden', {}],
    ['accounts:remove', { name: 'Ana Okafor' }],
  ] as const) {
    assert.equal(await invoke(channel, input), 'forbidden', channel);
  }
  assert.equal(await invoke('audit:list', {}), 'ok');
});

test('the audit view: chain status, filters, search, and an export that verifies on its own', async () => {
  await page.getByTestId('audit-view').getByText('Chain intact').waitFor();
  await page.getByTestId('audit-row').first().waitFor();
  await page.getByTestId('audit-outcome').selectOption('denied');
  await page.locator('[data-testid="audit-row"][data-action="access.denied"]').first().waitFor();
  await eventually('only denied calls are listed', async () => (await rows()).every(([action]) => action === 'access.denied'));
  assert.match(await page.getByTestId('audit-count').innerText(), /1[2-9] entries|\d\d entries/);
  await page.getByTestId('audit-outcome').selectOption('');
  await page.getByTestId('audit-search').fill('Ben Reyes');
  await eventually('the search shows Ben Reyes only', async () => {
    const found = await rows();
    return found.length > 0 && found.every(([, text]) => text.includes('Ben Reyes'));
  });
  await page.getByTestId('audit-clear').click();
  await page.getByTestId('audit-export-jsonl').click();
  const result = page.getByTestId('audit-export-result');
  await result.waitFor();
  const path = /'(.+)'/.exec(await page.getByTestId('audit-verify-command').innerText())?.[1];
  assert.ok(path);
  const verdict = verifyAuditExport(path);
  assert.equal(verdict.ok, true, verdict.reason ?? '');
  const exported = readFileSync(path, 'utf8');
  const html = await page.content();
  for (const canary of CANARIES) {
    assert.equal(exported.includes(canary), false, `${canary} in the audit export`);
    assert.equal(html.includes(canary), false, `${canary} in the audit view`);
  }
  await page.getByTestId('audit-type').selectOption('account.add');
  await eventually('only account.adds are listed', async () => {
    const found = await rows();
    return found.length > 0 && found.every(([action]) => action === 'account.add');
  });
  await page.getByTestId('audit-type').selectOption('');
  await page.getByTestId('audit-row').nth(12).waitFor();
  const entries = /(\d+) entries/.exec(await page.getByTestId('chain-status').innerText())?.[1];
  await page.getByTestId('audit-badge').filter({ hasText: `${entries} entries` }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'audit.png') });
  await lock();
});

test('the admin sees every tab and the accounts button', async () => {
  await signIn('Ana Okafor', 'ana passphrase');
  for (const shown of ['open-accounts', 'view-audit', 'view-review', 'open-ingest', 'audit-badge']) assert.equal(await visible(shown), true, shown);
  await lock();
});

test('failed sign-ins are refused, then rate-limited in main', async () => {
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('unlock-reviewer').fill('Ben Reyes');
    await page.getByTestId('unlock-passphrase').fill(`wrong guess ${i}`);
    await page.getByTestId('unlock-submit').click();
    await page.getByTestId('unlock-error').filter({ hasText: /Wrong account name or passphrase/ }).waitFor();
  }
  await page.getByTestId('unlock-passphrase').fill('ben passphrase');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('unlock-error').filter({ hasText: /Too many failed sign-ins/ }).waitFor();
});

test('idle lock: the workspace locks itself and the unlock screen says why', async () => {
  const ws = unlockWorkspace(workspaceDir, 'ana passphrase', 'Ana Okafor');
  writeSetting(ws.db, 'idle-lock-minutes', String(1 / 60));
  ws.close();
  await signIn('Ana Okafor', 'ana passphrase');
  await page.getByTestId('idle-locked').waitFor({ timeout: 15_000 });
  assert.match(await page.getByTestId('idle-locked').innerText(), /without activity/);
  assert.equal(await invoke('cases:list', {}), 'locked');
  await page.screenshot({ path: join(SHOTS, 'idle-locked.png') });
});
