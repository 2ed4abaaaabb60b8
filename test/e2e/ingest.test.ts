/**
 * Ingest end to end in Chromium: a CSV with fake identities goes through the field-mapping screen (preview
 * de-identified in main), is saved as a profile and ingested with progress showing; a large JSONL ingest is
 * cancelled part way and a second run adds exactly the rest. The Ingest tab lists the runs, resumes a cancelled
 * one with live progress, and shows and exports a run's quarantine. No identity may reach the DOM or the bridge.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { launchChromiumShell, type ChromiumShell } from '../../main/shell/chromium/chromium-shell.js';
import { MODELS_DIR, REPO } from '../helpers.js';

const IDENTITIES = ['hollis.quimby.x3@example.org', 'quimby.x3', '(503) 555-0148', '503-555-0148', '318-52-9087', '10.44.201.7'];
const CSV_ROWS = 1500;
const BIG_RECORDS = 6000;

const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-ingest-'));
const logsDir = join(root, 'logs');
const screenshots = join(REPO, 'test', 'e2e', 'screenshots');
const payloads: string[] = [];
const domSnapshots: string[] = [];
let shell: ChromiumShell;
let service: QuarryService;
let page: Page;

function csvLog(): string {
  const rows = ['id,session,question,answer,rating,latency,plan,lang'];
  for (let i = 0; i < CSV_ROWS; i += 1) {
    const question =
      i % 3 === 0
        ? `"Please write to hollis.quimby.x3@example.org about claim ${i}, or call (503) 555-0148"`
        : i % 3 === 1
          ? `"My SSN is 318-52-9087 and the portal at 10.44.201.7 rejects form ${i}"`
          : `How do I reset my password? (ticket ${i})`;
    rows.push([`r${i}`, `s${Math.floor(i / 2)}`, question, `"Thanks, we will follow up on ${i}."`, i % 4 === 0 ? 'down' : 'up', String(200 + (i % 500)), i % 2 ? 'pro' : 'free', 'en'].join(','));
  }
  rows.splice(7, 0, 'r-short,s-x,too few', 'r-bad,s-bad,"unclosed question,answer,up,1,pro,en');
  return `${rows.join('\n')}\n`;
}

function bigLog(topic = 'Order'): string {
  const lines: string[] = [];
  for (let i = 0; i < BIG_RECORDS; i += 1) {
    lines.push(JSON.stringify({ id: `b${i}`, messages: [{ role: 'user', content: `${topic} ${i}: is it shipped yet? Reference ${i * 7}.` }], thumbs: i % 5 ? 'up' : 'down' }));
  }
  return `${lines.join('\n')}\n`;
}

before(async () => {
  mkdirSync(logsDir);
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(join(logsDir, 'support-export.csv'), csvLog());
  writeFileSync(join(logsDir, 'orders.jsonl'), bigLog());
  writeFileSync(join(logsDir, 'returns.jsonl'), bigLog('Return'));
  writeFileSync(join(logsDir, 'refunds.jsonl'), bigLog('Refund'));
  service = new QuarryService({
    workspaceDir: join(root, 'workspace'),
    browseStart: logsDir,
    modelsDir: MODELS_DIR,
    createDeidentifier: async (modelId) => {
      // Patterns only, paced like the NER model (a pause per batch of 32), so the run is long enough to watch and
      // cancel on any machine; this test is about the ingest path and its screens, not the model.
      const deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, modelId, patternsOnly: true });
      const deidentifyCases = deidentifier.deidentifyCases.bind(deidentifier);
      deidentifier.deidentifyCases = async (cases) => {
        await new Promise((resolve) => setTimeout(resolve, 120));
        return deidentifyCases(cases);
      };
      return deidentifier;
    },
  });
  shell = await launchChromiumShell({
    handlers: service.handlers,
    rendererDir: join(REPO, 'out', 'renderer'),
    tap: (channel, input, envelope) => payloads.push(JSON.stringify({ channel, input, envelope })),
  });
  page = shell.page;
  await page.setViewportSize({ width: 1360, height: 900 });
});

after(async () => {
  await shell?.close();
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

function assertNoIdentity(where: string, text: string): void {
  for (const identity of IDENTITIES) assert.equal(text.includes(identity), false, `${identity} appeared in ${where}`);
}

test('unlock creates the workspace', async () => {
  await page.getByTestId('unlock-passphrase').fill('ingest passphrase');
  const confirm = page.getByTestId('unlock-confirm');
  if (await confirm.count()) await confirm.fill('ingest passphrase');
  await page.getByTestId('unlock-reviewer').fill('Reviewer One');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('open-ingest').waitFor();
});

test('a CSV goes through the mapping screen, de-identified, and ingests with progress', async () => {
  await page.getByTestId('open-ingest').click();
  await page.getByTestId('file-entry').filter({ hasText: 'support-export.csv' }).click();
  await page.getByTestId('ingest-run').click();
  await page.getByTestId('mapper-notice').waitFor();
  const preview = page.getByTestId('mapper-preview');
  await preview.waitFor();
  const previewText = await preview.innerText();
  assert.match(previewText, /\[EMAIL_1\]/);
  assert.match(previewText, /\[PHONE_1\]/);
  assertNoIdentity('the mapping preview', await page.content());
  assert.match(await page.getByTestId('mapper-problems').innerText(), /cannot be read/);

  // The suggestion from the column names pre-fills the form; the user confirms and adds what it missed.
  assert.equal(await page.getByTestId('map-prompt').inputValue(), 'question');
  assert.equal(await page.getByTestId('map-response').inputValue(), 'answer');
  assert.equal(await page.getByTestId('map-thumbs').inputValue(), 'rating');
  await page.getByTestId('map-conversationId').selectOption('session');
  await page.getByTestId('map-latency_ms').selectOption('latency');
  await page.getByTestId('map-tier').selectOption('plan');
  await page.getByTestId('map-language').selectOption('lang');
  await page.getByTestId('map-profile-name').fill('support-desk');
  await page.screenshot({ path: join(screenshots, 'ingest-mapping.png') });
  // What the user chose stays chosen (a late preview must not put the suggestion back).
  assert.equal(await page.getByTestId('map-conversationId').inputValue(), 'session');

  await page.getByTestId('map-save-ingest').click();
  await page.getByTestId('ingest-progress').waitFor();
  domSnapshots.push(await page.content());
  const result = page.getByTestId('ingest-result');
  await result.waitFor({ timeout: 120_000 });
  const text = await result.innerText();
  // The rows plus two broken ones (a quote never closed swallows the next lines into one record; a short row).
  assert.match(text, /ingested/);
  const ingested = Number(/(\d+)\s+ingested/.exec(text)![1]);
  const quarantined = Number(/(\d+)\s+quarantined/.exec(text)![1]);
  assert.ok(ingested >= CSV_ROWS - 10 && ingested <= CSV_ROWS, `ingested ${ingested}`);
  assert.ok(quarantined >= 1, 'the broken rows are quarantined');
  const table = await page.getByTestId('quarantine-table').innerText();
  assert.match(table, /header has 8/);
  domSnapshots.push(await page.content());
  await page.screenshot({ path: join(screenshots, 'ingest-summary.png') });
  await page.getByTestId('ingest-another').click();
  // The saved profile is offered for the next file (the list arrives from main just after the step changes).
  await page.locator('[data-testid="ingest-profile"] option', { hasText: 'support-desk (v1, CSV)' }).waitFor({ state: 'attached' });
  assert.match(await page.getByTestId('ingest-profile').innerText(), /support-desk \(v1, CSV\)/);
});

test('a large ingest shows rate and ETA, cancels cleanly, and a re-run adds exactly the rest', async () => {
  await page.getByTestId('ingest-profile').selectOption('');
  await page.getByTestId('file-entry').filter({ hasText: 'orders.jsonl' }).click();
  await page.screenshot({ path: join(screenshots, 'ingest-browse.png') });
  await page.getByTestId('ingest-run').click();
  await page.locator('[data-testid="ingest-progress"][data-state="running"]').waitFor();
  // Screenshot and cancel as soon as the run is well under way, before a fast machine could finish it.
  const figuresText = page.getByTestId('ingest-progress-figures');
  let figures = '';
  for (const started = Date.now(); Date.now() - started < 120_000; await new Promise((r) => setTimeout(r, 50))) {
    figures = await figuresText.innerText();
    if (Number(/([\d,]+) records/.exec(figures)?.[1]?.replace(/,/g, '') ?? 0) > 300 && / left/.test(figures)) break;
  }
  await page.screenshot({ path: join(screenshots, 'ingest-progress.png') });
  assert.match(figures, /\d+%/);
  assert.match(figures, /records\/s/);
  assert.match(figures, /left/);
  await page.getByTestId('ingest-cancel').click();
  const cancelled = page.locator('[data-testid="ingest-result"][data-state="cancelled"]');
  await cancelled.waitFor({ timeout: 60_000 });
  const first = Number(/(\d+)\s+ingested/.exec(await cancelled.innerText())![1]);
  assert.ok(first > 0 && first < BIG_RECORDS, `cancelled part way (${first} stored)`);
  await page.getByTestId('ingest-cancelled').waitFor();

  await page.getByTestId('ingest-another').click();
  await page.getByTestId('file-entry').filter({ hasText: 'orders.jsonl' }).click();
  await page.getByTestId('ingest-run').click();
  const finished = page.locator('[data-testid="ingest-result"][data-state="finished"]');
  await finished.waitFor({ timeout: 300_000 });
  const rest = await finished.innerText();
  assert.match(rest, new RegExp(`${BIG_RECORDS - first}\\s+ingested`));
  assert.match(rest, new RegExp(`${first}\\s+duplicates`));
  await page.keyboard.press('Escape');
});

test('the Ingest tab lists runs, resumes a cancelled one with live progress, and shows and exports a quarantine', async () => {
  // A third log, cancelled part way from the dialog.
  await page.getByTestId('open-ingest').click();
  await page.getByTestId('file-entry').filter({ hasText: 'returns.jsonl' }).click();
  await page.getByTestId('ingest-run').click();
  const figuresText = page.getByTestId('ingest-progress-figures');
  for (const started = Date.now(); Date.now() - started < 120_000; await new Promise((r) => setTimeout(r, 50))) {
    if (Number(/([\d,]+) records/.exec(await figuresText.innerText().catch(() => ''))?.[1]?.replace(/,/g, '') ?? 0) > 300) break;
  }
  await page.getByTestId('ingest-cancel').click();
  const cancelled = page.locator('[data-testid="ingest-result"][data-state="cancelled"]');
  await cancelled.waitFor({ timeout: 60_000 });
  const stored = Number(/(\d+)\s+ingested/.exec(await cancelled.innerText())![1]);
  await page.getByTestId('ingest-done').click();

  // A command-line ingest into the same workspace, killed part way: the app lists it as interrupted.
  const cli = spawn(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), 'ingest', join(logsDir, 'refunds.jsonl'), '--workspace', join(root, 'workspace'), '--patterns-only', '--progress-interval', '0.05'],
    { cwd: REPO, env: { ...process.env, QUARRY_PASSPHRASE: 'ingest passphrase' } },
  );
  let cliErr = '';
  await new Promise<void>((resolve, reject) => {
    cli.stderr.on('data', (chunk: Buffer) => {
      cliErr += chunk.toString();
      if (Number(/(\d+) records/.exec(cliErr.split('\n').filter(Boolean).at(-1) ?? '')?.[1] ?? 0) > 300 && !cli.killed) {
        cli.kill('SIGKILL');
        resolve();
      }
    });
    cli.on('exit', () => (cli.killed ? resolve() : reject(new Error(`the CLI ingest ended before it was killed: ${cliErr}`))));
  });

  await page.getByTestId('view-ingest').click();
  const rows = page.getByTestId('run-row');
  await rows.first().waitFor();
  const states: (string | null)[][] = [];
  for (const row of await rows.all()) states.push([await row.getAttribute('data-run-id'), await row.getAttribute('data-state')]);
  assert.deepEqual(states, [
    ['5', 'interrupted'],
    ['4', 'cancelled'],
    ['3', 'finished'],
    ['2', 'cancelled'],
    ['1', 'finished'],
  ]);
  const csvRun = page.locator('[data-testid="run-row"][data-run-id="1"]');
  assert.match(await csvRun.innerText(), /support-export\.csv/);
  assert.match(await csvRun.innerText(), /support-desk v1/);
  const returnsRun = page.locator('[data-testid="run-row"][data-run-id="4"]');
  assert.match(await returnsRun.innerText(), new RegExp(`returns\\.jsonl[\\s\\S]*Cancelled[\\s\\S]*${stored.toLocaleString('en-US')}`));

  // Resume: a new run that records what it resumes, live progress while it goes, and exactly the rest added.
  await returnsRun.getByTestId('run-resume').click();
  const live = page.locator('[data-testid="run-row"][data-run-id="6"][data-state="running"]');
  await live.waitFor({ timeout: 60_000 });
  await live.getByTestId('run-live').waitFor();
  assert.equal(await page.locator('[data-testid="run-row"][data-run-id="5"]').getByTestId('run-resume').count(), 1, 'an interrupted run offers Resume');
  for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 50))) {
    if (/rec\/s · about/.test(await live.innerText().catch(() => ''))) break;
  }
  assert.match(await live.innerText(), /resumes #4/);
  assert.match(await live.innerText(), /\d+% of [\d.]+ (KB|MB) · [\d,]+ rec\/s · (about|estimating)/);
  await page.screenshot({ path: join(screenshots, 'ingest-runs.png') });
  const done = page.locator('[data-testid="run-row"][data-run-id="6"][data-state="finished"]');
  await done.waitFor({ timeout: 300_000 });
  const doneText = await done.innerText();
  assert.match(doneText, new RegExp(`${(BIG_RECORDS - stored).toLocaleString('en-US')}\\s+${stored.toLocaleString('en-US')}\\s+0`), doneText);
  assert.match(await returnsRun.innerText(), /resumed by #6/);
  assert.equal(await returnsRun.getByTestId('run-resume').count(), 0, 'a resumed run offers no second resume');

  // The CSV run's quarantine: listed with line, field and reason; exported under the workspace's exports folder.
  await csvRun.getByTestId('run-quarantine').click();
  const dialog = page.getByTestId('run-quarantine-dialog');
  await dialog.getByTestId('quarantine-table').waitFor();
  assert.match(await dialog.getByTestId('quarantine-table').innerText(), /header has 8/);
  await dialog.getByTestId('quarantine-export').click();
  const exported = dialog.getByTestId('quarantine-exported');
  await exported.waitFor();
  const path = /to (\/\S+\.csv)/.exec(await exported.innerText())![1]!;
  assert.ok(path.startsWith(join(root, 'workspace', 'exports', 'quarantine-run-1-')), path);
  assert.ok(existsSync(path));
  const csv = readFileSync(path, 'utf8').trim().split('\n');
  assert.equal(csv[0], 'run_id,file,line,field,reason');
  assert.ok(csv.length >= 2 && csv.slice(1).every((line) => line.startsWith('1,support-export.csv,')));
  domSnapshots.push(await page.content());
  await page.screenshot({ path: join(screenshots, 'ingest-quarantine.png') });
  await dialog.getByTestId('run-quarantine-close').click();
});

test('no identity reached the DOM or the bridge', () => {
  domSnapshots.forEach((html, i) => assertNoIdentity(`DOM snapshot ${i}`, html));
  assert.ok(payloads.some((p) => p.includes('ingest:preview')));
  assertNoIdentity('bridge payloads', payloads.join('\n'));
});
