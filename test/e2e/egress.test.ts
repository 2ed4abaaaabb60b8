/**
 * No network egress: a whole session in the Chromium shell (unlock, ingest examples/chat-log.jsonl through the
 * file picker with the real NER model, review accept and reject, export the golden set, verify the audit log,
 * create a release, have a second admin approve it and export it)
 * while every request the page makes and every connection the main process (and its workers and the browser)
 * attempts is recorded. The only allowed destination is app content on https://quarry.invalid; no LLM endpoint is
 * configured by default, so there must be no outbound connection at all.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { CHROMIUM_APP_ORIGIN, launchChromiumShell, type ChromiumShell } from '../../main/shell/chromium/chromium-shell.js';
import { startEgressMonitor, type EgressMonitor } from '../egress-monitor.js';
import { EXAMPLE_LOG, MODELS_DIR, REPO } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-egress-'));
const workspaceDir = join(root, 'workspace');
const logsDir = join(root, 'logs');
const pageRequests: string[] = [];
const webSockets: string[] = [];
const blocked: string[] = [];
let monitor: EgressMonitor;
let shell: ChromiumShell;
let service: QuarryService;
let page: Page;

before(async () => {
  mkdirSync(logsDir);
  copyFileSync(EXAMPLE_LOG, join(logsDir, 'chat-log.jsonl'));
  monitor = startEgressMonitor();
  service = new QuarryService({
    workspaceDir,
    browseStart: logsDir,
    modelsDir: MODELS_DIR,
    createDeidentifier: (modelId) => createDeidentifier({ modelsDir: MODELS_DIR, modelId }),
  });
  shell = await launchChromiumShell({ handlers: service.handlers, rendererDir: join(REPO, 'out', 'renderer'), onBlockedRequest: (url) => blocked.push(url) });
  page = shell.page;
  shell.context.on('request', (request) => pageRequests.push(`${request.method()} ${request.url()}`));
  page.on('websocket', (socket) => webSockets.push(socket.url()));
  // The page loaded before the listener: reload so its own requests are recorded too.
  await page.reload();
});

after(async () => {
  monitor?.stop();
  await shell?.close();
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

test('the recorders work: a connection attempt and an open internet socket are both seen', async () => {
  await assert.rejects(fetch('https://example.com/'), /Network access attempted/);
  assert.deepEqual(monitor.attempts.splice(0), ['fetch https://example.com/']);
  const server = createServer();
  // No host: binding to the wildcard address needs no DNS lookup, which the monitor would refuse.
  await new Promise<void>((resolve) => server.listen(0, resolve));
  await new Promise((resolve) => setTimeout(resolve, 250));
  const seen = [...monitor.sockets].filter((s) => s.startsWith(`${process.pid} (`) && s.includes(") tcp"));
  await new Promise((resolve) => server.close(resolve));
  assert.equal(seen.length, 1, 'the sampler saw the listening socket');
  monitor.sockets.clear();
});

test('a whole session: unlock, ingest, review, export, audit verify', async () => {
  await page.getByTestId('unlock-passphrase').fill('egress passphrase');
  const confirm = page.getByTestId('unlock-confirm');
  if (await confirm.count()) await confirm.fill('egress passphrase');
  await page.getByTestId('unlock-reviewer').fill('Egress Reviewer');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('open-ingest').click();
  await page.getByTestId('file-entry').filter({ hasText: 'chat-log.jsonl' }).click();
  await page.getByTestId('ingest-run').click();
  const result = page.getByTestId('ingest-result');
  await result.waitFor({ timeout: 120_000 });
  assert.match(await result.innerText(), /8\s+ingested/i);
  await page.keyboard.press('Escape');

  await page.getByTestId('case-item').first().click();
  await page.getByTestId('case-detail').waitFor();
  await page.keyboard.press('a');
  await page.locator('[data-testid="case-item"][data-status="accepted"]').waitFor();
  await page.keyboard.press('r');
  const reason = page.getByTestId('reason-other');
  if (await reason.count()) await reason.click();
  await page.locator('[data-testid="case-item"][data-status="rejected"]').waitFor();

  await page.getByTestId('export').click();
  await page.getByTestId('export-confirm').click();
  await page.getByTestId('export-result').waitFor();
  assert.equal(readdirSync(join(workspaceDir, 'exports')).length, 1);
  await page.getByTestId('audit-badge').filter({ hasText: /OK/ }).waitFor();
});

test('a release: create a set and v1, a second admin approves it, export it', async () => {
  await page.getByTestId('view-releases').click();
  await page.getByTestId('rl-new-set-empty').click();
  await page.getByTestId('rl-set-name').fill('Egress golden');
  await page.getByTestId('rl-create-set-submit').click();
  await page.getByTestId('rl-new-release').click();
  await page.getByTestId('rl-create-release-submit').click();
  await page.locator('[data-testid="rl-detail"][data-state="pending"]').waitFor();
  const added = await page.evaluate<string>(
    `window.quarry.invoke('accounts:add', { name: 'Egress Approver', role: 'admin', passphrase: 'approver passphrase' }).then(() => 'ok', (e) => e.message)`,
  );
  assert.equal(added, 'ok');
  await page.getByTestId('lock').click();
  await page.getByTestId('unlock-reviewer').fill('Egress Approver');
  await page.getByTestId('unlock-passphrase').fill('approver passphrase');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('view-releases').click();
  await page.getByTestId('rl-approve').click();
  await page.locator('[data-testid="rl-detail"][data-state="approved"]').waitFor();
  await page.getByTestId('rl-export').click();
  await page.getByTestId('rl-export-format-hf-dataset').check();
  await page.getByTestId('rl-export-submit').click();
  await page.locator('[data-testid="rl-export-written"][data-format="hf-dataset"]').waitFor();
  assert.ok(existsSync(join(logsDir, 'egress-golden-v1', 'golden-jsonl', 'manifest.json')));
  assert.ok(existsSync(join(logsDir, 'egress-golden-v1', 'hf-dataset', 'README.md')));
});

test('nothing left the machine: app requests only, no socket, no lookup, no WebSocket', (t) => {
  assert.ok(pageRequests.length > 0, 'the page’s requests were recorded');
  t.diagnostic(`page requests: ${pageRequests.length} (${[...new Set(pageRequests)].join(', ')}); main-process attempts: ${monitor.attempts.length}; WebSockets: ${webSockets.length}`);
  const foreign = pageRequests.filter((r) => !r.startsWith(`GET ${CHROMIUM_APP_ORIGIN}/`));
  assert.deepEqual(foreign, [], 'the page requested something other than app content');
  assert.deepEqual(blocked, []);
  assert.deepEqual(webSockets, []);
  monitor.stop();
  assert.deepEqual(monitor.attempts, [], 'the main process tried to connect');
  assert.deepEqual([...monitor.sockets], [], 'an internet socket was open in the process tree');
});
