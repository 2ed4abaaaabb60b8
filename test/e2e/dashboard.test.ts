/**
 * The production dashboard end to end in Chromium: six weeks of traffic with a planted shift in the last week
 * (written by test/fixtures/monitor/make-shifted-traffic.ts), ingested from the dashboard's empty state. The
 * charts draw on canvas, the drift table marks the shift major, an alert appears and its mining run starts and one
 * click opens exactly that run's cases in the review queue, PNG and CSV downloads carry the chart and its
 * numbers, coverage and representativeness show real figures, an auditor reads but cannot act, and no case text
 * reaches the dashboard.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { CANARY, DAYS, PER_DAY, shiftedTraffic } from '../fixtures/monitor/make-shifted-traffic.js';
import { REPO } from '../helpers.js';
import { openApp, unlockAs, waitUntilTrue, type AppUnderTest } from './harness.js';

const PASSPHRASE = 'dashboard e2e passphrase';
/** The drift tab's default comparison over the fixture: the last 7 days against the 7 before. */
const WINDOWS = {
  current: { from: '2026-02-09T00:00:00.000Z', to: '2026-02-16T00:00:00.000Z' },
  baseline: { from: '2026-02-02T00:00:00.000Z', to: '2026-02-09T00:00:00.000Z' },
};
const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');
const CANARIES = [CANARY.name, CANARY.email, CANARY.phone, 'Zebulon', 'Quartermaine'];
/** Channels the dashboard calls; none may carry case text. */
const DASHBOARD_CHANNELS = /"channel":"(monitor:|representativeness:|sampling:runs|releases:list)/;

const TOTAL = DAYS * PER_DAY;
const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-dashboard-'));
const workspaceDir = join(root, 'workspace');
const fixture = join(root, 'shifted-traffic.jsonl');
const downloads = join(root, 'downloads');
const domSnapshots: string[] = [];
let app: AppUnderTest;
let page: Page;
let minedRun = 0;
let minedCount = 0;

before(async () => {
  mkdirSync(downloads);
  writeFileSync(fixture, shiftedTraffic().join('\n') + '\n');
  // The pattern recognizers alone (faster). Case text stays in the de-identified cases, so the dashboard's
  // no-text assertion below is tested against text that really is in the workspace.
  app = await openApp({ workspaceDir, browseStart: root, patternsOnly: true });
  page = app.page;
});

after(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

async function snapshotDom(): Promise<void> {
  domSnapshots.push(await page.content());
}

/** The first series colour (charts.css --chart-1): pixels of it mean a series was drawn, not only the axes. */
const SERIES_1: [number, number, number] = [0x24, 0x57, 0xc5];

/**
 * Waits until a chart's canvas has at least `min` pixels of the first series' colour, read in the page; echarts
 * paints on the next animation frame after its option is set. Fails with the count it saw.
 */
async function expectDrawn(testId: string, min: number): Promise<void> {
  const [r, g, b] = SERIES_1;
  const count = `(() => {
    const canvas = document.querySelector('[data-testid="${testId}-canvas"] canvas');
    if (!canvas) return -1;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - ${r}) < 40 && Math.abs(data[i + 1] - ${g}) < 40 && Math.abs(data[i + 2] - ${b}) < 40) drawn++;
    }
    return drawn;
  })()`;
  try {
    await waitUntilTrue(page, `${count} >= ${min}`, 10_000);
  } catch {
    assert.fail(`${testId} drew ${await page.evaluate<number>(count)} pixels, expected at least ${min}`);
  }
}

/** Takes a screenshot once the audit badge has re-verified the chain after the dashboard's (audited) reads. */
async function screenshot(name: string): Promise<void> {
  await page.waitForTimeout(1100);
  await page.locator('[data-testid="audit-badge"][data-state="ok"]').waitFor();
  await page.screenshot({ path: join(SCREENSHOTS, name) });
}

/** Scrolls the dashboard to its top, its bottom, or so the element matching a selector starts at the top. */
async function scrollDashboard(to: string): Promise<void> {
  if (to === 'top' || to === 'bottom') await page.evaluate(`document.querySelector('.db').scrollTo(0, ${to === 'top' ? 0 : 100000})`);
  else {
    await page.evaluate(`(() => {
      const db = document.querySelector('.db');
      db.scrollTop += document.querySelector('${to}').getBoundingClientRect().top - db.getBoundingClientRect().top - 12;
    })()`);
  }
}

test('an empty workspace offers the ingest; after it the dashboard opens on the whole range, charts drawn', async () => {
  await unlockAs(page, PASSPHRASE, 'Compliance Lead');
  await page.getByTestId('view-dashboard').click();
  await page.getByTestId('db-empty').waitFor();
  await snapshotDom();
  await page.getByTestId('db-ingest').click();
  await page.getByTestId('file-entry').filter({ hasText: 'shifted-traffic.jsonl' }).click();
  await page.getByTestId('ingest-run').click();
  await page.getByTestId('ingest-result').waitFor({ timeout: 120_000 });
  assert.match(await page.getByTestId('ingest-result').innerText(), new RegExp(`${TOTAL}\\s+ingested`, 'i'));
  await page.keyboard.press('Escape');
  // The ingest changed the cases: the dashboard reloads by itself.
  await page.getByTestId('db-extent').waitFor();
  assert.match(await page.getByTestId('db-extent').innerText(), new RegExp(`${TOTAL.toLocaleString('en-US')} interactions[\\s\\S]*5 Jan 2026 – 15 Feb 2026`));
  assert.equal(await page.getByTestId('db-kpi-cases').innerText(), TOTAL.toLocaleString('en-US'));
  // One point per day (the suggested window for six weeks).
  assert.equal(await page.getByTestId('db-chart-signals').getAttribute('data-points'), String(DAYS));
  for (const chart of ['db-chart-signals', 'db-chart-latency', 'db-chart-cost']) {
    await page.locator(`[data-testid="${chart}-canvas"][aria-busy="false"] canvas`).waitFor();
    await expectDrawn(chart, 300);
  }
  // The accessible name and summary of the canvas.
  const canvasHost = page.getByTestId('db-chart-signals-canvas');
  assert.equal(await canvasHost.getAttribute('role'), 'img');
  assert.match(await page.locator(`#${(await canvasHost.getAttribute('aria-describedby'))!.replace(/:/g, '\\:')}`).innerText(), /Line chart of 5 series over 42 day/);
  // The weekly window folds the six weeks into six points.
  await page.getByTestId('db-window-week').click();
  await page.locator('[data-testid="db-chart-signals"][data-points="6"]').waitFor();
  // A week in hours; then back to the whole range by day.
  await page.getByTestId('db-range-preset').selectOption('7d');
  await page.getByTestId('db-window-hour').click();
  await page.locator('[data-testid="db-chart-signals"][data-points="168"]').waitFor();
  assert.equal(await page.getByTestId('db-range-from').inputValue(), '2026-02-09');
  assert.equal(await page.getByTestId('db-kpi-cases').innerText(), (7 * PER_DAY).toLocaleString('en-US'));
  // A range typed backwards is named, not sent.
  await page.getByTestId('db-range-from').fill('2026-02-20');
  assert.match(await page.getByTestId('db-range-error').innerText(), /ends \(2026-02-15\) before it starts \(2026-02-20\)/);
  await page.getByTestId('db-range-preset').selectOption('all');
  await page.getByTestId('db-window-day').click();
  await page.locator(`[data-testid="db-chart-signals"][data-points="${DAYS}"]`).waitFor();
  await page.locator('[data-testid="db-chart-signals-canvas"][aria-busy="false"] canvas').waitFor();
  await snapshotDom();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await screenshot('dashboard-overview.png');
});

test('PNG and CSV downloads carry the chart and its numbers', async () => {
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('db-chart-signals-png').click()]);
  assert.match(png.suggestedFilename(), /^quarry-signal-rates-\d{4}-\d{2}-\d{2}\.png$/);
  const pngFile = join(downloads, png.suggestedFilename());
  await png.saveAs(pngFile);
  const image = readFileSync(pngFile);
  assert.deepEqual([...image.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  const width = image.readUInt32BE(16);
  const height = image.readUInt32BE(20);
  assert.ok(width > 2000 && height > 500, `drawn at twice the size, with its title: ${width}×${height}`);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('db-chart-signals-csv').click()]);
  assert.match(csv.suggestedFilename(), /^quarry-signal-rates-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvFile = join(downloads, csv.suggestedFilename());
  await csv.saveAs(csvFile);
  const text = readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '');
  const rows = parse(text) as string[][];
  assert.deepEqual(rows[0], ['Day (UTC)', 'Thumbs-down', 'Regeneration', 'Heavy edit', 'Escalation', 'Schema failure']);
  assert.equal(rows.length, DAYS + 1);
  assert.equal(rows[1]![0], '5 Jan');
  assert.equal(rows[DAYS]![0], '15 Feb');
  // The planted shift: thumbs-down on about 15% of the last week against about 4% before.
  const thumbs = rows.slice(1).map((r) => Number(r[1]));
  assert.ok(thumbs.every((v) => v >= 0 && v <= 1), 'rates are shares');
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  assert.ok(mean(thumbs.slice(-7)) > 0.1, `last week ${mean(thumbs.slice(-7))}`);
  assert.ok(mean(thumbs.slice(0, -7)) < 0.07, `before ${mean(thumbs.slice(0, -7))}`);
  for (const canary of CANARIES) assert.equal(text.includes(canary), false);
});

/** Every case id of a mining run, read from main in pages of the largest size it serves. */
async function runCaseIds(runId: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await app.service.handlers['cases:page']({ offset, limit: 500, filter: { runId }, sort: 'id', dir: 'asc', count: false });
    ids.push(...page.rows.map((r) => r.id));
    if (page.rows.length < 500) return ids;
  }
}

test('the drift table marks the planted shift major, an alert appears, its mining run starts and opens in the queue', async () => {
  await page.getByTestId('db-tab-drift').click();
  const table = page.getByTestId('db-drift-table');
  await table.waitFor();
  // Default comparison: the last 7 days against the 7 before, which is where the shift was planted.
  assert.equal(await page.getByTestId('db-current-from').inputValue(), '2026-02-09');
  assert.equal(await page.getByTestId('db-baseline-from').inputValue(), '2026-02-02');
  const lengthPsi = page.locator('[data-testid="db-drift-row"][data-metric="input_length"][data-statistic="PSI"]');
  await lengthPsi.waitFor();
  assert.equal(await lengthPsi.getAttribute('data-band'), 'major');
  assert.match(await lengthPsi.innerText(), /Major/);
  assert.ok(Number((await lengthPsi.locator('td.num').innerText()).trim()) >= 0.25);
  const intentMix = page.locator('[data-testid="db-drift-row"][data-metric="intent_mix"][data-band="major"]');
  assert.ok((await intentMix.count()) >= 1, 'the new intent shifts the intent mix');
  // The vocabulary: the new intent's requests use other words. Net of chance, with the plain distance beside it.
  const vocabulary = page.locator('[data-testid="db-drift-row"][data-metric="vocabulary"][data-statistic="JS distance, net of chance"]');
  assert.equal(await vocabulary.getAttribute('data-band'), 'major');
  assert.ok(Number((await vocabulary.locator('td.num').innerText()).trim()) >= 0.1);
  const chance = page.locator('[data-testid="db-drift-row"][data-metric="vocabulary"][data-statistic="Plain JS vs chance"]');
  assert.match(await chance.innerText(), /0\.\d{3} vs 0\.\d{3}[\s\S]*Differs/);
  await page.locator('[data-testid="db-quality-row"][data-metric="thumbs_down"][data-crossed="true"]').waitFor();
  await page.locator('[data-testid="db-chart-drift-bins-canvas"][aria-busy="false"] canvas').waitFor();
  await expectDrawn('db-chart-drift-bins', 300);

  const alert = page.locator('[data-testid="db-alert"][data-metric="input_length"]');
  await alert.waitFor();
  const vocabularyAlert = page.locator('[data-testid="db-alert"][data-metric="vocabulary"]');
  await vocabularyAlert.waitFor();
  assert.equal(await vocabularyAlert.getAttribute('data-severity'), 'major');
  assert.equal(await alert.getAttribute('data-severity'), 'major');
  const cases = await alert.getByTestId('db-alert-cases').innerText();
  const count = Number(cases.match(/^([\d,]+) cases/)?.[1]?.replace(/,/g, ''));
  assert.ok(count > 30 && count <= 7 * PER_DAY, cases);
  assert.match(cases, /#\d+/);
  await snapshotDom();
  await screenshot('dashboard-drift.png');
  // The vocabulary's chart: hashed token groups only, no word.
  await page.getByTestId('db-drift-metric-vocabulary').click();
  await page.locator('[data-testid="db-chart-drift-bins"]').filter({ hasText: 'Vocabulary (token distribution)' }).waitFor();
  await page.locator('[data-testid="db-chart-drift-bins-canvas"][aria-busy="false"] canvas').waitFor();
  await expectDrawn('db-chart-drift-bins', 100);
  await scrollDashboard('[data-testid="db-chart-drift-bins"]');
  await snapshotDom();
  await screenshot('dashboard-drift-vocabulary.png');
  await scrollDashboard('top');
  await page.getByTestId('db-drift-metric-input_length').click();

  await alert.getByTestId('db-alert-mine').click();
  const mined = alert.getByTestId('db-alert-mined');
  await mined.waitFor();
  const text = await mined.innerText();
  const run = text.match(new RegExp(`Mining run #(\\d+) picked ${count.toLocaleString('en-US')} cases`));
  assert.ok(run, text);
  minedRun = Number(run[1]);
  minedCount = count;
  // It is a normal mining run: the sampling list has it with its picks.
  const runs = await app.service.handlers['sampling:runs']({});
  assert.equal(runs.find((r) => r.id === minedRun)?.picked, count);
  await scrollDashboard('.db-grid--drift');
  await snapshotDom();
  await screenshot('dashboard-alerts.png');

  // The run holds exactly the alert's cases (all of them, read from main without the panel's cap).
  const alerts = await app.service.handlers['monitor:alerts']({ ...WINDOWS, caseLimit: 1000 });
  const alertIds = alerts.alerts.find((a) => a.metric === 'input_length' && !a.slice)!.caseIds;
  assert.equal(alertIds.length, count);
  const runIds = await runCaseIds(minedRun);
  assert.deepEqual([...runIds].sort((a, b) => a - b), alertIds);

  // One click opens those cases in the review queue, the run filter set in its bar.
  const open = alert.getByTestId('db-alert-open-queue');
  assert.equal(await open.innerText(), `Open these ${count.toLocaleString('en-US')} cases in the review queue →`);
  await open.click();
  await page.locator('[data-testid="view-review"][aria-current="page"]').waitFor();
  const filterRun = page.getByTestId('filter-run');
  // The queue opens on the filter, so the first total it shows is already the run's.
  await waitUntilTrue(page, `/^[\\d,]+ cases?/.test(document.querySelector('[data-testid="queue-total"]')?.textContent ?? '')`);
  assert.match(await page.getByTestId('queue-total').innerText(), new RegExp(`^${count.toLocaleString('en-US')} cases`));
  assert.equal(await filterRun.inputValue(), String(minedRun));
  assert.equal(await filterRun.getAttribute('data-active'), 'true');
  // Once the filter choices load, the selected option names the run with its picks.
  await page.locator('[data-testid="filter-run"] option:checked', { hasText: `· ${count.toLocaleString('en-US')} picked` }).waitFor({ state: 'attached' });
  assert.match(await page.getByTestId('queue-total').innerText(), new RegExp(`^${count.toLocaleString('en-US')} cases · 1 of ${count.toLocaleString('en-US')}$`));
  // The rows drawn are the run's first cases in queue order, and nothing else.
  await page.getByTestId('case-item').first().waitFor();
  const rows = page.getByTestId('case-item');
  const drawn: [number, number][] = [];
  for (let i = 0; i < (await rows.count()); i++) drawn.push([Number(await rows.nth(i).getAttribute('data-index')), Number(await rows.nth(i).getAttribute('data-case-id'))]);
  const shownIds = drawn.sort((x, y) => x[0] - y[0]).map(([, id]) => id);
  assert.ok(shownIds.length >= 5, `${shownIds.length} rows drawn`);
  assert.deepEqual(shownIds, alertIds.slice(0, shownIds.length));
  await page.getByTestId('case-detail').waitFor();
  await screenshot('dashboard-alert-to-queue.png');

  // Choosing the Review tab by hand later opens the queue unfiltered; then back to the alerts for the next test.
  await page.getByTestId('view-dashboard').click();
  await page.getByTestId('dashboard-screen').waitFor();
  await page.getByTestId('view-review').click();
  await waitUntilTrue(page, `document.querySelector('[data-testid="queue-total"]')?.textContent.startsWith('${TOTAL.toLocaleString('en-US')} cases')`);
  assert.equal(await page.getByTestId('filter-run').inputValue(), '');
  await page.getByTestId('view-dashboard').click();
  await page.getByTestId('db-tab-drift').click();
  await page.locator('[data-testid="db-alert"][data-metric="input_length"]').waitFor();
});

test('an alert on a slice opens the dashboard on that slice', async () => {
  await page.getByTestId('db-alerts-group').selectOption('tier');
  const sliced = page.locator('[data-testid="db-alert"]').filter({ has: page.getByTestId('db-alert-slice') }).first();
  await sliced.waitFor();
  const label = await sliced.getByTestId('db-alert-slice').innerText();
  const value = label.replace(/^Tier = /, '');
  await sliced.getByTestId('db-alert-slice').click();
  await page.getByTestId('db-overview').waitFor();
  assert.equal(await page.getByTestId('db-slice-field').inputValue(), 'tier');
  assert.equal(await page.getByTestId('db-slice-value').inputValue(), value);
  await page.locator('[data-testid="db-chart-signals-canvas"][aria-busy="false"] canvas').waitFor();
  assert.ok(Number((await page.getByTestId('db-kpi-cases').innerText()).replace(/,/g, '')) < TOTAL, 'the slice narrows the figures');
  await snapshotDom();
  // Every tier side by side: one line per tier value.
  await page.getByTestId('db-slice-value').selectOption('');
  const bySlice = page.getByTestId('db-chart-by-slice');
  await page.locator('[data-testid="db-chart-by-slice-canvas"][aria-busy="false"] canvas').waitFor();
  assert.match(await bySlice.innerText(), /Thumbs-down rate by tier/);
  const summary = await bySlice.locator('p.visually-hidden').innerText();
  assert.match(summary, /^Line chart of 3 series over 42 day values/);
  for (const tier of ['free', 'pro', 'enterprise']) assert.match(summary, new RegExp(`\\b${tier}: from`));
  await page.getByTestId('db-slice-field').selectOption('');
});

test('accepting some of the mined cases shows in coverage and representativeness', async () => {
  // Review three of the mined cases so the golden set and the run's tasks are not empty.
  await page.getByTestId('view-review').click();
  await page.getByTestId('filter-run').selectOption(String(minedRun));
  await page.getByTestId('case-item').first().click();
  await page.getByTestId('case-detail').waitFor();
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('a');
    await page.locator('[data-testid="case-item"][data-status="accepted"]').nth(i).waitFor();
  }

  await page.getByTestId('view-dashboard').click();
  await page.getByTestId('db-tab-coverage').click();
  const intent = page.locator('[data-testid="db-coverage-row"][data-field="intent"]');
  await intent.waitFor();
  assert.match(await page.getByTestId('dashboard-screen').innerText(), new RegExp(`3 accepted cases against ${TOTAL.toLocaleString('en-US')} production interactions`));
  const canvas = page.locator('[data-testid="db-chart-coverage-canvas"][aria-busy="false"] canvas');
  await canvas.waitFor();
  await expectDrawn('db-chart-coverage', 300);
  // Three accepted cases cannot cover the five intents production has.
  assert.notEqual(await intent.locator('.db-gap').count(), 0);
  await snapshotDom();
  await screenshot('dashboard-coverage.png');

  await page.getByTestId('db-tab-represent').click();
  await page.getByTestId('db-represent-report').waitFor();
  assert.equal(await page.getByTestId('db-represent-source').inputValue(), `run:${minedRun}`);
  assert.equal(await page.getByTestId('db-represent-originals').innerText(), minedCount.toLocaleString('en-US'));
  assert.equal(await page.getByTestId('db-represent-tasks').innerText(), '3');
  for (const chart of ['db-chart-length-chars', 'db-chart-length-tokens', 'db-chart-slice-mix']) {
    await page.locator(`[data-testid="${chart}-canvas"][aria-busy="false"] canvas`).waitFor();
    await expectDrawn(chart, 300);
  }
  await snapshotDom();
  await screenshot('dashboard-representativeness.png');
  await scrollDashboard('bottom');
  await snapshotDom();
});

test('an admin edits a threshold; a bad pair is refused with its message', async () => {
  // The section tabs follow the tab pattern: arrow keys move between them.
  await page.getByTestId('db-tab-represent').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('db-tab-thresholds').getAttribute('aria-selected'), 'true');
  const major = page.getByTestId('db-threshold-psiMajor');
  await major.waitFor();
  assert.equal(await major.inputValue(), '0.25');
  await major.fill('0.05');
  await page.getByTestId('db-thresholds-save').click();
  await page.getByTestId('db-threshold-psiModerate-error').waitFor();
  assert.match(await page.getByTestId('db-threshold-psiModerate-error').innerText(), /psiModerate must be below psiMajor/);
  await major.fill('0.3');
  await page.getByTestId('db-thresholds-save').click();
  await page.getByTestId('db-thresholds-outcome').waitFor();
  assert.match(await page.getByTestId('db-thresholds').innerText(), /Changed by Compliance Lead/);
  assert.equal((await app.service.handlers['monitor:thresholds']({})).thresholds.psiMajor, 0.3);
  await snapshotDom();
});

test('an auditor reads the dashboard but cannot mine or change thresholds, and main refuses both', async () => {
  await app.service.handlers['accounts:add']({ name: 'Lead Admin', role: 'admin', passphrase: 'lead admin passphrase' });
  await app.service.handlers['accounts:add']({ name: 'Audra Auditor', role: 'auditor', passphrase: 'auditor passphrase' });
  await page.getByTestId('lock').click();
  await page.getByTestId('unlock-reviewer').fill('Audra Auditor');
  await page.getByTestId('unlock-passphrase').fill('auditor passphrase');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('view-dashboard').click();
  await page.getByTestId('db-tab-drift').click();
  await page.locator('[data-testid="db-alert"][data-metric="input_length"]').waitFor();
  assert.equal(await page.getByTestId('db-alert-mine').count(), 0, 'no mining button for an auditor');
  assert.equal(await page.getByTestId('db-alert-open-queue').count(), 0, 'no link to a review queue an auditor does not have');
  assert.equal(await page.getByTestId('view-review').count(), 0);
  await page.getByTestId('db-tab-thresholds').click();
  await page.getByTestId('db-threshold-psiMajor').waitFor();
  assert.equal(await page.getByTestId('db-threshold-psiMajor').getAttribute('readonly'), '');
  assert.equal(await page.getByTestId('db-thresholds-save').count(), 0);
  const refused = (channel: string, input: unknown) =>
    page.evaluate<string>(`window.quarry.invoke(${JSON.stringify(channel)}, ${JSON.stringify(input)}).then(() => 'ok', (e) => e.code ?? 'error')`);
  assert.equal(await refused('monitor:setThresholds', { thresholds: { psiMajor: 0.5 } }), 'forbidden');
  assert.equal(await refused('monitor:mineAlert', { ...WINDOWS, alertId: 'any' }), 'forbidden');
  await snapshotDom();
});

test('no case text reached the dashboard: DOM, console and its bridge traffic', () => {
  assert.ok(domSnapshots.length >= 7);
  const dashboardPayloads = app.payloads.filter((p) => DASHBOARD_CHANNELS.test(p));
  assert.ok(dashboardPayloads.length >= 10, 'the tap saw the dashboard traffic');
  // Case text could leak: the review queue's own payloads carry the de-identified requests.
  const phrase = 'prior authorization for the procedure';
  assert.ok(app.payloads.some((p) => !DASHBOARD_CHANNELS.test(p) && p.includes(phrase)), 'case text is live in the workspace');
  for (const canary of CANARIES) {
    domSnapshots.forEach((html, i) => assert.equal(html.includes(canary), false, `${canary} in dashboard DOM snapshot ${i}`));
    assert.equal(app.consoleLines.join('\n').includes(canary), false, `${canary} in the console`);
    assert.equal(dashboardPayloads.join('\n').includes(canary), false, `${canary} in a dashboard bridge payload`);
  }
  assert.equal(dashboardPayloads.join('\n').includes(phrase), false, 'request text in a dashboard bridge payload');
  assert.deepEqual(app.blocked, [], 'the page tried to load something from outside the app');
});
