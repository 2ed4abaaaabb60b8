/**
 * The review queue end to end in Chromium: a workspace of 5,000 synthetic de-identified cases plus canary logs
 * ingested through the UI (one with tool calls). Filters, sort, virtual scrolling far down, keyboard navigation,
 * marking and assignment, "assign next N to me", the case view's tool blocks and "why it is here"; and the canary
 * assertion: no fake identity reaches the DOM, the console, renderer storage or any bridge payload.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { QuarryService } from '../../main/api/quarry-service.js';
import { insertSyntheticCases } from '../../main/core/review/queue-synthetic.js';
import { parseSamplingPolicy } from '../../main/core/sampling/policy.js';
import { runSampling } from '../../main/core/sampling/run-sampling.js';
import { createWorkspace, unlockWorkspace } from '../../main/core/store/workspace.js';
import { REPO } from '../helpers.js';
import { openApp, type AppUnderTest } from './harness.js';

const CANARIES = [
  'Zebediah',
  'Thornquist',
  'zebediah.thornquist.k7@example.org',
  '555-0187',
  'Philippa',
  'Vandermeer',
  '219-44-7731',
  '4539 1488 0343 6467',
  'Octavius',
  'Pembleton',
  'octavius.pembleton.q9@example.net',
  '212-555-0164',
  'Wilhelmina',
  'Quackenbush',
  'w.quackenbush.z3@example.org',
];
const PASSPHRASE = 'queue e2e passphrase';
const SYNTHETIC = 5000;
const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');

const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-queue-'));
const workspaceDir = join(root, 'workspace');
const logsDir = join(root, 'logs');
let payloads: string[] = [];
let consoleLines: string[] = [];
const domSnapshots: string[] = [];
let app: AppUnderTest;
let service: QuarryService;
let page: Page;
let miningRun: { id: number; picked: number };

before(async () => {
  mkdirSync(logsDir);
  for (const name of ['canary-log.jsonl', 'canary-tools.jsonl']) copyFileSync(join(REPO, 'test', 'fixtures', name), join(logsDir, name));
  const workspace = createWorkspace(workspaceDir, PASSPHRASE);
  insertSyntheticCases(workspace.db, { count: SYNTHETIC, seed: 3 });
  const run = runSampling(workspace.db, parseSamplingPolicy({ name: 'escalations', failureSignals: ['escalated'] }), { actor: 'test' });
  miningRun = { id: run.runId, picked: run.picked.length };
  workspace.close();
  app = await openApp({ workspaceDir, browseStart: logsDir });
  ({ service, page, payloads, consoleLines } = app);
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

/** The queue's own answer for a query, straight from the handlers: what the list must show. */
async function expectedPage(filter: object, sort = 'id', dir = 'asc') {
  const page = await service.handlers['cases:page']({ offset: 0, limit: 5, filter, sort, dir, count: true } as never);
  return { ...page, total: page.total! };
}

async function listTotal(): Promise<number> {
  const list = page.getByTestId('case-list');
  await list.waitFor();
  return Number((await list.getAttribute('data-total')) ?? 0);
}

async function waitForTotal(total: number): Promise<void> {
  await page.locator(`[data-testid="case-list"][data-total="${total}"]`).waitFor({ timeout: 10_000 });
}

async function ingest(file: string): Promise<void> {
  await page.getByTestId('open-ingest').click();
  await page.getByTestId('file-entry').filter({ hasText: file }).click();
  await page.getByTestId('ingest-run').click();
  await page.getByTestId('ingest-result').waitFor({ timeout: 120_000 });
  await snapshotDom();
  await page.keyboard.press('Escape');
}

/** The case ids the list shows, top to bottom. */
async function shownIds(): Promise<number[]> {
  const rows = await page.getByTestId('case-item').all();
  return Promise.all(rows.map(async (row) => Number(await row.getAttribute('data-case-id'))));
}

async function search(text: string): Promise<void> {
  await page.getByTestId('queue-search').fill(text);
}

test('unlock opens the queue: 5,000 cases in a virtual list that renders only what is in view', async () => {
  await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  await page.getByTestId('unlock-reviewer').fill('Reviewer One');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('case-item').first().waitFor();
  await waitForTotal(SYNTHETIC);
  assert.match(await page.getByTestId('queue-total').innerText(), /5,000 cases/);
  assert.ok((await page.getByTestId('case-item').count()) < 60, 'only the rows in view are in the DOM');
  assert.match(await page.getByTestId('filter-all').innerText(), /5,000/);
  await page.locator('[data-testid="case-detail"][data-case-id="1"]').waitFor();
  await snapshotDom();
});

test('ingest the canary logs through the UI; the queue picks them up', async () => {
  await ingest('canary-log.jsonl');
  await ingest('canary-tools.jsonl');
  await waitForTotal(SYNTHETIC + 5);
});

test('the case view shows the system prompt, tool calls and results as blocks, and why the case is here', async () => {
  await search('#5004');
  await waitForTotal(1);
  await page.locator('[data-testid="case-item"][data-case-id="5004"]').click();
  const detail = page.locator('[data-testid="case-detail"][data-case-id="5004"]');
  await detail.waitFor();
  const call = detail.getByTestId('tool-call');
  assert.equal(await call.count(), 1);
  assert.equal(await call.getAttribute('data-tool'), 'find_slots');
  assert.match(await detail.getByTestId('tool-arguments').innerText(), /"patient": "\[PERSON_\d+\]"/);
  assert.match(await detail.getByTestId('tool-result').innerText(), /"slots": \[/);
  assert.match(await detail.locator('[data-role="system"]').innerText(), /System prompt/i);
  const why = await detail.getByTestId('case-why').innerText();
  assert.match(why, /Thumbs down/);
  assert.match(why, /Schema failure/);
  // The second record of canary-tools.jsonl repeats the request with "Thank you." added: the same cluster.
  const near = detail.getByTestId('near-duplicate');
  await near.first().waitFor();
  assert.equal(await near.first().getAttribute('data-case-id'), '5005');
  assert.match(await near.first().innerText(), /My name is \[PERSON_\d\]/);
  await snapshotDom();
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, 'case-view-tools.png') });

  await search('#5001');
  await page.locator('[data-testid="case-detail"][data-case-id="5001"]').waitFor();
  assert.match(await page.getByTestId('case-detail').innerText(), /\[PERSON_1\]/);
  await snapshotDom();
  await search('');
  await waitForTotal(SYNTHETIC + 5);
});

/** How many `case.view` audit entries name the case. */
function viewsOf(id: number): number {
  const db = service['session'].open().db;
  return db.prepare("SELECT count(*) FROM audit_log WHERE action = 'case.view' AND json_extract(object_ids, '$.case') = ?").pluck().get(id) as number;
}

test('a near-duplicate opens that case, by click and by keyboard, and leads back to the queue', async () => {
  await search('#5004');
  await waitForTotal(1);
  await page.locator('[data-testid="case-item"][data-case-id="5004"]').click();
  const from = page.locator('[data-testid="case-detail"][data-case-id="5004"]');
  const dup = page.locator('[data-testid="case-detail"][data-case-id="5005"]');
  await from.waitFor();
  const viewsBefore = viewsOf(5005);
  await from.locator('[data-testid="near-duplicate"][data-case-id="5005"] [data-testid="near-duplicate-open"]').click();
  await dup.waitFor();
  assert.match(await dup.getByTestId('case-detour').innerText(), /Opened as a near-duplicate\s*Back to #5004/);
  // The list keeps its own selection: 5005 is not even in this filtered list.
  await page.locator('[data-testid="case-item"][data-case-id="5004"][aria-selected="true"]').waitFor();
  assert.match(await dup.getByTestId('case-near-duplicates').innerText(), /#5004/);
  await snapshotDom();
  await dup.getByTestId('case-near-duplicates').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SCREENSHOTS, 'near-duplicate-open.png') });
  await dup.getByTestId('case-detour-back').click();
  await from.waitFor();
  assert.equal(await page.getByTestId('case-detour').count(), 0);

  // Keyboard: Enter on the focused near-duplicate opens it; j goes back to the queue's case.
  await from.getByTestId('near-duplicate-open').first().focus();
  await page.keyboard.press('Enter');
  await dup.waitFor();
  await page.keyboard.press('j');
  await from.waitFor();
  // Each showing of 5005 recorded one view, no more, no less.
  assert.equal(viewsOf(5005) - viewsBefore, 2);
  await search('');
  await waitForTotal(SYNTHETIC + 5);
});

test('stepping reads the next case ahead without recording a view; the view is recorded when it is shown', async () => {
  await page.locator('[data-testid="case-item"][data-case-id="10"]').click();
  await page.locator('[data-testid="case-detail"][data-case-id="10"]').waitFor();
  await page.getByTestId('case-list').focus();
  // The next case is read ahead (cases:peek) while case 10 is shown; no view of case 11 is logged for it.
  const peeked = () => payloads.filter((p) => p.includes('"channel":"cases:peek"') && p.includes('"input":{"id":11}')).length;
  for (let i = 0; i < 100 && peeked() === 0; i += 1) await page.waitForTimeout(20);
  assert.ok(peeked() > 0, 'case 11 was read ahead');
  const viewsBefore = viewsOf(11);
  await page.waitForTimeout(200);
  assert.equal(viewsOf(11), viewsBefore, 'reading ahead records no view');
  await page.keyboard.press('j');
  await page.locator('[data-testid="case-detail"][data-case-id="11"]').waitFor();
  for (let i = 0; i < 100 && viewsOf(11) === viewsBefore; i += 1) await page.waitForTimeout(20);
  assert.equal(viewsOf(11), viewsBefore + 1, 'showing it records one view');
});

test('filters: signal, slice, mining run, category, status and text each narrow the list to what the store holds', async () => {
  await page.getByTestId('filter-signal').selectOption('thumbs_down');
  const thumbs = await expectedPage({ signal: 'thumbs_down' });
  await waitForTotal(thumbs.total);
  assert.ok(thumbs.total > 100 && thumbs.total < SYNTHETIC);
  const firstId = await page.getByTestId('case-item').first().getAttribute('data-case-id');
  assert.equal(Number(firstId), thumbs.rows[0]!.id);

  await page.getByTestId('filter-slice').selectOption({ label: 'billing (' + (await sliceCount('intent', 'billing')).toLocaleString('en') + ')' });
  const both = await expectedPage({ signal: 'thumbs_down', slice: { field: 'intent', value: 'billing' } });
  await waitForTotal(both.total);
  assert.ok(both.total > 0 && both.total < thumbs.total);
  assert.match(await page.getByTestId('case-item').first().innerText(), /billing/);
  await snapshotDom();

  await page.getByTestId('filter-clear').click();
  await waitForTotal(SYNTHETIC + 5);

  await page.getByTestId('filter-run').selectOption(String(miningRun.id));
  await waitForTotal(miningRun.picked);
  assert.ok(miningRun.picked > 0);
  await page.getByTestId('case-item').first().click();
  assert.match(await page.getByTestId('case-pick').first().innerText(), new RegExp(`Mining run #${miningRun.id} \\(escalations v1\\): Escalated`));
  await page.getByTestId('filter-clear').click();

  await page.getByTestId('filter-category').selectOption('adversarial');
  await page.locator('[data-testid="case-list"].case-list--empty').waitFor();
  assert.match(await page.getByTestId('case-list').innerText(), /No cases match these filters/);
  await page.getByTestId('filter-clear').click();

  await page.getByTestId('filter-accepted').click();
  await page.locator('[data-testid="case-list"].case-list--empty').waitFor();
  assert.match(await page.getByTestId('case-list').innerText(), /No accepted cases yet/);
  await page.getByTestId('filter-pending').click();
  await waitForTotal(SYNTHETIC + 5);

  await search('refund');
  const refunds = await expectedPage({ status: 'pending', text: 'refund' });
  await waitForTotal(refunds.total);
  assert.match(await page.getByTestId('case-item').first().innerText(), /refund/i);
  await search('');
  await page.getByTestId('filter-all').click();
  await waitForTotal(SYNTHETIC + 5);
});

async function sliceCount(field: string, value: string): Promise<number> {
  const facets = await service.handlers['cases:facets']({});
  return (facets.slices as Record<string, { value: string | null; count: number }[]>)[field]!.find((v) => v.value === value)!.count;
}

test('sort: signal severity, most severe first', async () => {
  await page.getByTestId('queue-sort').selectOption('severity');
  await page.getByTestId('queue-dir').click();
  const expected = await expectedPage({}, 'severity', 'desc');
  await page.locator(`[data-testid="case-item"][data-index="0"][data-case-id="${expected.rows[0]!.id}"]`).waitFor();
  assert.ok(expected.rows[0]!.severity >= expected.rows[4]!.severity);
  await page.getByTestId('queue-sort').selectOption('id');
  await page.getByTestId('queue-dir').click();
  await page.locator('[data-testid="case-item"][data-index="0"][data-case-id="1"]').waitFor();
});

test('keyboard: j and k move the selection and open each case', async () => {
  await page.locator('[data-testid="case-item"][data-index="0"]').click();
  await page.getByTestId('case-list').focus();
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('j');
  await page.locator('[data-testid="case-item"][data-index="3"][aria-selected="true"]').waitFor();
  await page.locator('[data-testid="case-detail"][data-case-id="4"]').waitFor();
  await page.keyboard.press('k');
  await page.locator('[data-testid="case-detail"][data-case-id="3"]').waitFor();
  assert.match(await page.getByTestId('queue-total').innerText(), /3 of 5,005/);
});

test('virtual scrolling far down fetches the rows on demand', async () => {
  const total = await listTotal();
  await page.evaluate(`(() => { const list = document.querySelector('[data-testid="case-list"]'); list.scrollTo({ top: list.scrollHeight }); })()`);
  const last = page.locator(`[data-testid="case-item"][data-index="${total - 1}"]`);
  await last.waitFor();
  assert.equal(await last.getAttribute('data-case-id'), String(total));
  assert.ok((await page.getByTestId('case-item').count()) < 60);
  await last.click();
  await page.locator(`[data-testid="case-detail"][data-case-id="${total}"]`).waitFor();
  await page.keyboard.press('k');
  await page.locator(`[data-testid="case-detail"][data-case-id="${total - 1}"]`).waitFor();
  await snapshotDom();
  await page.evaluate(`document.querySelector('[data-testid="case-list"]').scrollTo({ top: 0 })`);
});

test('assignment: mark with x, ctrl-click and shift-click, assign to a reviewer, take the next ten, filter "mine"', async () => {
  await page.locator('[data-testid="case-item"][data-index="0"]').click();
  await page.getByTestId('case-list').focus();
  await page.keyboard.press('x');
  await page.locator('[data-testid="case-item"][data-index="2"]').click({ modifiers: ['Control'] });
  await page.locator('[data-testid="case-item"][data-index="4"]').click({ modifiers: ['Shift'] });
  assert.match(await page.getByTestId('marked-count').innerText(), /4 marked/);
  // From the keyboard: n names the reviewer, Enter assigns.
  await page.keyboard.press('n');
  await page.keyboard.type('Dana Reviewer');
  await page.keyboard.press('Enter');
  await page.getByTestId('assign-bar').waitFor({ state: 'detached' });
  await page.locator('[data-testid="reviewer-progress"][data-reviewer="Dana Reviewer"]').filter({ hasText: '0/4' }).waitFor();
  assert.equal(await page.getByTestId('case-assignee').filter({ hasText: 'Dana Reviewer' }).count(), 4);

  await page.getByTestId('filter-assignee').selectOption({ label: 'Dana Reviewer' });
  await waitForTotal(4);
  const ids = await shownIds();
  assert.deepEqual(ids, [1, 3, 4, 5]);
  await page.getByTestId('filter-clear').click();

  await page.getByTestId('take-size').selectOption('10');
  await page.getByTestId('take-next').click();
  await page.locator('[data-testid="reviewer-progress"][data-reviewer="Reviewer One"]').filter({ hasText: '0/10' }).waitFor();
  await page.getByTestId('filter-assignee').selectOption('me');
  await waitForTotal(10);
  const mine = await shownIds();
  assert.deepEqual(mine, [2, 6, 7, 8, 9, 10, 11, 12, 13, 14], 'the first ten unassigned pending cases in queue order');

  // The audit log names the cases and the assignee, never text.
  const check = unlockWorkspace(workspaceDir, PASSPHRASE);
  try {
    const rows = check.db.prepare("SELECT object_ids FROM audit_log WHERE action = 'case.assign' ORDER BY seq").pluck().all() as string[];
    assert.deepEqual(rows.map((r) => JSON.parse(r) as unknown), [
      { cases: [1, 3, 4, 5], assignee: 'Dana Reviewer' },
      { cases: mine, assignee: 'Reviewer One' },
    ]);
  } finally {
    check.close();
  }

  await page.getByTestId('filter-assignee').selectOption('');
  await waitForTotal(SYNTHETIC + 5);
  await page.getByTestId('filter-signal').selectOption('thumbs_down');
  await page.getByTestId('case-item').first().waitFor();
  await page.locator('[data-testid="case-item"][data-index="1"]').click();
  await page.getByTestId('case-list').focus();
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await page.getByTestId('assign-bar').waitFor();
  await snapshotDom();
  await page.screenshot({ path: join(SCREENSHOTS, 'review-queue.png') });
  await page.getByTestId('assign-clear').click();
});

test('no canary reached the DOM, the console, renderer storage or the bridge', async () => {
  assert.ok(domSnapshots.length >= 8);
  domSnapshots.forEach((html, i) => assertNoCanary(`DOM snapshot ${i}`, html));
  assertNoCanary('the console', consoleLines.join('\n'));
  const storage = await page.evaluate<string>(`(async () => {
    const dump = (s) => JSON.stringify(Object.entries(s));
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return dump(localStorage) + dump(sessionStorage) + document.cookie + JSON.stringify(databases);
  })()`);
  assertNoCanary('renderer storage', storage);
  assert.ok(payloads.some((p) => p.includes('cases:page')) && payloads.some((p) => p.includes('cases:assign')), 'the tap saw the queue traffic');
  assertNoCanary('bridge payloads', payloads.join('\n'));
});
