/**
 * The Releases screen end to end in Chromium, with the real de-identifier and records carrying canary identities
 * (plus the example log's cases, accepted over the past weeks, as history for the growth chart): two admins (the creator and a second approver) and an auditor. Ana creates an eval set, a bad import is refused
 * whole, a good one is de-identified, Ana creates v1 and cannot approve it herself; Omar approves and exports it;
 * after another accepted case Omar creates v2, Ana approves it, and the comparison v1 → v2 shows the added case
 * with every regression carried over. The auditor sees it all read-only. No canary may reach any page of the
 * screen, the bridge, the console, or an exported file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { decideCase } from '../../main/core/review/review-queue.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import { CANARIES, EXAMPLE_LOG, REPO } from '../helpers.js';
import { openApp, type AppUnderTest } from './harness.js';

/** Only in the golden set imported through the screen. */
const IMPORT_CANARIES = ['Gwendolyn', 'Fairweather', 'gwendolyn.fairweather.z3@example.com', '303-555-0119'];
const ALL_CANARIES = [...CANARIES, ...IMPORT_CANARIES];

const SHOTS = join(REPO, 'test', 'e2e', 'screenshots');
const SHARED = 'releases e2e passphrase';
const ANA = { name: 'Ana Okafor', passphrase: 'ana passphrase' };
const OMAR = { name: 'Omar Haddad', passphrase: 'omar passphrase' };
const CHLOE = { name: 'Chloe Auditor', passphrase: 'chloe passphrase' };
const SET = 'Clinical support';
/** The example log's cases, accepted in earlier weeks before the test starts. */
const HISTORY = [4, 5, 6, 7, 8, 9, 10, 11];
/** What v1 freezes: the history, the two canary cases Ana accepts, and the imported case. */
const V1_CASES = HISTORY.length + 3;

const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-releases-'));
const workspaceDir = join(root, 'workspace');
const filesDir = join(root, 'files');
const outDir = join(filesDir, 'release-out');
let app: AppUnderTest;
let page: Page;
const domSnapshots: Array<{ where: string; html: string }> = [];

function importRecord(content: string, intent: string): string {
  return JSON.stringify({
    messages: [{ role: 'user', content }],
    response: { role: 'assistant', content: 'I will pass this to the care team.' },
    expected_behaviour: 'Acknowledge the request and route it to the care team without repeating contact details.',
    category: 'edge-case',
    signals: { thumbs: 'down' },
    slices: { tier: 'pro', intent, language: 'en' },
  });
}

before(async () => {
  mkdirSync(outDir, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(join(REPO, 'test', 'fixtures', 'canary-log.jsonl'), join(filesDir, 'canary-log.jsonl'));
  writeFileSync(
    join(filesDir, 'team-golden.jsonl'),
    `${importRecord('Hello, this is Gwendolyn Fairweather, write to gwendolyn.fairweather.z3@example.com or call 303-555-0119 about my results.', 'results')}\n`,
  );
  // Line 2 has no messages: the whole file must be refused.
  writeFileSync(join(filesDir, 'broken-golden.jsonl'), `${importRecord('A fine first line.', 'results')}\n{"expected_behaviour": "x"}\n`);
  // Ingest with the full de-identifier (patterns and the NER model), as a station would.
  for (const file of [join(filesDir, 'canary-log.jsonl'), EXAMPLE_LOG]) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), 'ingest', file, '--workspace', workspaceDir], {
      cwd: REPO,
      env: { ...process.env, QUARRY_PASSPHRASE: SHARED },
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
  }
  // History for the growth chart: the example log's cases (4–11) were accepted over the past weeks.
  const workspace = unlockWorkspace(workspaceDir, SHARED, 'Earlier Reviewer');
  try {
    for (const id of HISTORY) {
      decideCase(workspace.db, id, 'accepted', 'Earlier Reviewer', 'Answer within policy.');
      const weeksAgo = 1 + (id % 5);
      workspace.db.prepare('UPDATE cases SET decided_at = ? WHERE id = ?').run(new Date(Date.now() - weeksAgo * 7 * 86_400_000).toISOString(), id);
    }
  } finally {
    workspace.close();
  }
  app = await openApp({ workspaceDir, browseStart: filesDir });
  page = app.page;
  page.setDefaultTimeout(15_000);
});

let closed = false;

after(async () => {
  if (!closed) await app?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Calls a channel the way any script in the page could; returns the error code, or 'ok'. */
async function invoke(channel: string, input: unknown): Promise<string> {
  return page.evaluate<string>(
    `window.quarry.invoke(${JSON.stringify(channel)}, ${JSON.stringify(input)}).then(() => 'ok', (e) => (e.code ?? 'error') + ': ' + e.message)`,
  );
}

async function signIn(who: { name: string; passphrase: string }): Promise<void> {
  await page.getByTestId('unlock-reviewer').fill(who.name);
  await page.getByTestId('unlock-passphrase').fill(who.passphrase);
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('lock').waitFor();
}

async function lock(): Promise<void> {
  await page.getByTestId('lock').click();
  await page.getByTestId('unlock-submit').waitFor();
}

async function openReleases(): Promise<void> {
  await page.getByTestId('view-releases').click();
  await page.getByTestId('releases-view').waitFor();
}

async function snapshot(where: string): Promise<void> {
  domSnapshots.push({ where, html: await page.content() });
}

const release = (version: number) => page.locator(`[data-testid="rl-release-row"][data-version="${version}"]`);
const detail = () => page.getByTestId('rl-detail');

function assertNoCanary(where: string, text: string): void {
  for (const canary of ALL_CANARIES) assert.equal(text.includes(canary), false, `${canary} appeared in ${where}`);
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

test('setup: two admins and an auditor; Ana accepts two cases', async () => {
  await page.getByTestId('unlock-passphrase').fill(SHARED);
  await page.getByTestId('unlock-reviewer').fill('Setup');
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('lock').waitFor();
  assert.equal(await invoke('accounts:add', { name: ANA.name, role: 'admin', passphrase: ANA.passphrase }), 'ok');
  assert.equal(await invoke('accounts:add', { name: OMAR.name, role: 'admin', passphrase: OMAR.passphrase }), 'ok');
  assert.equal(await invoke('accounts:add', { name: CHLOE.name, role: 'auditor', passphrase: CHLOE.passphrase }), 'ok');
  await lock();
  await signIn(ANA);
  for (const id of [1, 2]) {
    assert.equal(await invoke('cases:open', { id }), 'ok');
    assert.equal(await invoke('cases:decide', { id, decision: 'accepted', expected: 'Acknowledge and route to the right team.' }), 'ok');
  }
});

test('Ana creates an eval set from the empty screen', async () => {
  await openReleases();
  await page.getByTestId('rl-no-set').waitFor();
  await snapshot('the empty releases screen');
  await page.getByTestId('rl-new-set-empty').click();
  await page.getByTestId('rl-set-name').fill(SET);
  await page.getByTestId('rl-set-description').fill('Accepted patient-support cases for the nightly CI gate.');
  await page.getByTestId('rl-create-set-submit').click();
  await page.getByTestId('rl-set-title').filter({ hasText: SET }).waitFor();
  await page.getByTestId('rl-no-releases').waitFor();
  assert.match(await page.getByTestId('rl-notice').innerText(), /Created the eval set Clinical support/);
  // A second set with the same name is refused before it is sent.
  await page.getByTestId('rl-new-set').click();
  await page.getByTestId('rl-set-name').fill(SET.toLowerCase());
  assert.equal(await page.getByTestId('rl-create-set-submit').isDisabled(), true);
  await page.keyboard.press('Escape');
});

test('import: a file with a bad line stores nothing; a good one is de-identified and waits for the next release', async () => {
  await page.getByTestId('rl-import').click();
  await page.locator('[data-testid="rl-import-picker-entry"][data-name="broken-golden.jsonl"]').click();
  await page.getByTestId('rl-import-submit').click();
  const issues = page.getByTestId('rl-import-issues');
  await issues.waitFor();
  assert.match(await issues.innerText(), /Nothing was imported/);
  assert.match(await page.getByTestId('rl-import-issue').first().innerText(), /Line 2, messages/);
  await snapshot('the import dialog with issues');
  await page.locator('[data-testid="rl-import-picker-entry"][data-name="team-golden.jsonl"]').click();
  await page.getByTestId('rl-import-submit').click();
  await page.getByTestId('rl-import-dialog').waitFor({ state: 'detached', timeout: 60_000 });
  assert.match(await page.getByTestId('rl-notice').innerText(), /Imported 1 case into Clinical support/);
  await page.locator('[data-testid="rl-set"][data-name="Clinical support"]').filter({ hasText: '1 imported' }).waitFor();
});

test('Ana creates v1; she cannot approve her own release and the screen says why', async () => {
  await page.getByTestId('rl-new-release').click();
  const dialog = page.getByTestId('rl-create-release-dialog');
  await dialog.waitFor();
  assert.equal(await page.getByTestId('rl-release-profile-placeholder').isChecked(), true);
  await page.getByTestId('rl-create-release-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await release(1).waitFor();
  assert.equal(await release(1).getAttribute('data-state'), 'pending');
  await page.locator('[data-testid="rl-detail"][data-state="pending"]').waitFor();
  assert.equal(await page.getByTestId('rl-manifest-total').innerText(), String(V1_CASES));
  assert.equal(await page.getByTestId('rl-approve').isDisabled(), true);
  assert.match(await page.getByTestId('rl-decision-blocker').innerText(), /You created v1, so a second admin must approve it/);
  assert.equal(await page.getByTestId('rl-export').count(), 0, 'a pending release offers no export');
  // Main refuses the creator's approval even when the button is bypassed.
  const id = Number(await detail().getAttribute('data-release-id'));
  assert.match(await invoke('releases:approve', { id }), /^release-four-eyes: .*different admin must approve/);
  assert.match(await invoke('releases:export', { id, format: 'csv', dir: outDir }), /^release-not-approved/);
  await page.getByTestId('rl-case-row').first().waitFor();
  assert.equal(await page.getByTestId('rl-case-row').count(), V1_CASES);
  await snapshot('v1 pending, as its creator');
  await lock();
});

test('Omar approves v1: the manifest names him, with counts, hash, reviewers and the frozen cases', async () => {
  await signIn(OMAR);
  await openReleases();
  await release(1).click();
  await page.getByTestId('rl-approve').and(page.locator(':enabled')).waitFor();
  assert.equal(await page.getByTestId('rl-decision-blocker').count(), 0);
  await page.getByTestId('rl-approve').click();
  await page.locator('[data-testid="rl-detail"][data-state="approved"]').waitFor();
  assert.equal(await release(1).getAttribute('data-state'), 'approved');
  assert.match(await page.getByTestId('rl-manifest-approver').innerText(), /Omar Haddad/);
  assert.match(await page.getByTestId('rl-manifest-hash').innerText(), /^[0-9a-f]{64}$/);
  assert.match(await page.getByTestId('rl-manifest-reviewers').innerText(), /Ana Okafor/);
  assert.match(await page.getByTestId('rl-manifest-runs').innerText(), /Ingest run 1\s+2/);
  assert.match(await page.getByTestId('rl-manifest-runs').innerText(), /Imported\s+1/);
  const regressions = Number(await page.getByTestId('rl-manifest-regressions').innerText());
  assert.ok(regressions >= 2, 'the thumbs-down cases are regressions');
  await page.getByTestId('rl-cases-kind-regression').click();
  await page.getByTestId('rl-cases-range').filter({ hasText: `of ${regressions}` }).waitFor();
  assert.equal(await page.locator('[data-testid="rl-case-row"][data-kind="golden"]').count(), 0);
  const previews = await page.getByTestId('rl-cases').innerText();
  assert.match(previews, /\[PERSON_1\]/, 'the cases read de-identified');
  await page.getByTestId('rl-cases-kind-all').click();
  await page.getByTestId('rl-cases-range').filter({ hasText: `of ${V1_CASES}` }).waitFor();
  await snapshot('v1 approved: manifest and cases');
  await page.evaluate(`document.querySelector('[data-testid="rl-detail"]').scrollIntoView({ block: 'start' })`);
  await page.screenshot({ path: join(SHOTS, 'release-manifest.png') });
});

test('Omar exports v1 in two formats to a folder he picks; the files hold no canary', async () => {
  await page.getByTestId('rl-export').click();
  const dialog = page.getByTestId('rl-export-dialog');
  await dialog.waitFor();
  await page.getByTestId('rl-export-format-csv').check();
  await page.locator('[data-testid="rl-export-picker-entry"][data-name="release-out"]').click();
  await page.getByTestId('rl-export-picker-dir').filter({ hasText: 'release-out' }).waitFor();
  assert.equal(await page.getByTestId('rl-export-folder').inputValue(), 'clinical-support-v1');
  await page.getByTestId('rl-export-submit').click();
  const result = page.getByTestId('rl-export-result');
  await result.waitFor();
  await page.locator('[data-testid="rl-export-written"][data-format="csv"]').waitFor();
  assert.match(await result.innerText(), /Wrote \d+ files in 2 formats/);
  await snapshot('the export dialog with what was written');
  await dialog.screenshot({ path: join(SHOTS, 'release-export.png') });
  await page.getByTestId('rl-export-close').click();

  const base = join(outDir, 'clinical-support-v1');
  const golden = readFileSync(join(base, 'golden-jsonl', 'golden.jsonl'), 'utf8');
  const regressions = readFileSync(join(base, 'golden-jsonl', 'regressions.jsonl'), 'utf8');
  const lines = [golden, regressions].flatMap((text) => text.split('\n').filter(Boolean));
  assert.equal(lines.length, V1_CASES, 'every case of v1, in golden.jsonl or regressions.jsonl');
  assert.ok(existsSync(join(base, 'golden-jsonl', 'manifest.json')));
  assert.ok(filesUnder(join(base, 'csv')).some((f) => f.endsWith('.csv')));
  assert.ok(statSync(join(base, 'golden-jsonl', 'regressions.jsonl')).size > 0);
  for (const file of filesUnder(base)) {
    assertNoCanary(`exported ${relative(base, file)}`, readFileSync(file, 'utf8'));
  }
});

test('after another accepted case Omar creates v2 and Ana approves it', async () => {
  assert.equal(await invoke('cases:open', { id: 3 }), 'ok');
  assert.equal(await invoke('cases:decide', { id: 3, decision: 'accepted', expected: 'Confirm the letter went to the address on file.' }), 'ok');
  await page.getByTestId('rl-new-release').filter({ hasText: 'v2' }).click();
  await page.getByTestId('rl-create-release-submit').click();
  await release(2).waitFor();
  await page.locator('[data-testid="rl-detail"][data-state="pending"]').waitFor();
  assert.equal(await page.getByTestId('rl-manifest-total').innerText(), String(V1_CASES + 1));
  assert.equal(await page.getByTestId('rl-approve').isDisabled(), true, 'Omar created v2');
  await page.getByTestId('rl-notice-dismiss').click();
  await page.screenshot({ path: join(SHOTS, 'releases-list.png') });
  await lock();
  await signIn(ANA);
  await openReleases();
  await release(2).click();
  await page.getByTestId('rl-approve').and(page.locator(':enabled')).click();
  await page.locator('[data-testid="rl-detail"][data-state="approved"]').waitFor();
  assert.match(await page.getByTestId('rl-manifest-approver').innerText(), /Ana Okafor/);
});

test('compare v1 → v2: one case added, every regression carried over unchanged', async () => {
  await page.getByTestId('rl-tab-diff').click();
  await page.getByTestId('rl-diff').waitFor();
  assert.equal(await page.getByTestId('rl-diff-from').inputValue(), String(await idOf(1)));
  assert.equal(await page.getByTestId('rl-diff-to').inputValue(), String(await idOf(2)));
  const added = page.getByTestId('rl-diff-count-added');
  await added.waitFor();
  assert.match(await added.innerText(), /Added\s+1/i);
  assert.match(await page.getByTestId('rl-diff-count-removed').innerText(), /Removed\s+0/i);
  assert.match(await page.getByTestId('rl-diff-count-changed').innerText(), /Changed\s+0/i);
  assert.match(await page.getByTestId('rl-diff-count-unchanged').innerText(), new RegExp(`Unchanged\\s+${V1_CASES}`, 'i'));
  assert.equal(await page.locator('[data-testid="rl-diff-case"][data-bucket="added"]').getAttribute('data-case-id'), '3');
  assert.match(await page.getByTestId('rl-diff-freeze').innerText(), /Every regression of v1 is in v2 unchanged/);
  assert.ok((await page.locator('[data-testid="rl-diff-case"][data-bucket="unchanged"][data-regression="true"]').count()) >= 2);
  await snapshot('the comparison v1 → v2');
  await page.screenshot({ path: join(SHOTS, 'release-diff.png') });
});

test('the creator may withdraw a pending release: Ana rejects her own v3', async () => {
  await page.getByTestId('rl-tab-releases').click();
  await page.getByTestId('rl-new-release').filter({ hasText: 'v3' }).click();
  await page.getByTestId('rl-create-release-submit').click();
  await release(3).waitFor();
  await page.locator('[data-testid="rl-detail"][data-state="pending"]').waitFor();
  assert.equal(await page.getByTestId('rl-approve').isDisabled(), true);
  await page.getByTestId('rl-reject').click();
  await page.locator('[data-testid="rl-detail"][data-state="rejected"]').waitFor();
  assert.equal(await release(3).getAttribute('data-state'), 'rejected');
  assert.match(await detail().innerText(), /Rejected by Ana Okafor/);
  assert.equal(await page.getByTestId('rl-export').count(), 0, 'a rejected release offers no export');
  assert.equal(await page.getByTestId('rl-approve').count(), 0, 'a decided release offers no decision');
  assert.match(await invoke('releases:approve', { id: Number(await detail().getAttribute('data-release-id')) }), /^release-decided/);
  await snapshot('v3 rejected');
});

/** A release's id from its row (the rows are in the releases tab). */
const releaseIds = new Map<number, number>();
async function idOf(version: number): Promise<number> {
  if (!releaseIds.has(version)) {
    const listed = JSON.parse(await page.evaluate<string>(`window.quarry.invoke('releases:list', { set: ${JSON.stringify(SET)} }).then((r) => JSON.stringify(r))`)) as Array<{ id: number; version: number }>;
    for (const r of listed) releaseIds.set(r.version, r.id);
  }
  return releaseIds.get(version)!;
}

test('growth: cases added per week by category and by slice, drawn by the shared chart', async () => {
  await page.getByTestId('rl-tab-growth').click();
  await page.getByTestId('rl-growth-summary').waitFor();
  // The history, three accepted cases this week and the imported one.
  assert.match(await page.getByTestId('rl-growth-summary').innerText(), new RegExp(`^${V1_CASES + 1} cases added`));
  await page.getByTestId('rl-growth-category-canvas').locator('canvas').first().waitFor();
  await page.getByTestId('rl-growth-slice-canvas').locator('canvas').first().waitFor();
  await page.getByTestId('rl-growth-field').selectOption('intent');
  await page.getByTestId('rl-growth-slice').filter({ hasText: 'by intent' }).waitFor();
  // The canvas is drawn on: some pixel differs from the background.
  const drawn = await page.evaluate<boolean>(`(() => {
    const canvas = document.querySelector('[data-testid="rl-growth-category-canvas"] canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] !== 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) return true;
    return false;
  })()`);
  assert.equal(drawn, true, 'the growth chart drew something');
  await page.waitForTimeout(400); // the charts' entry animation
  await snapshot('growth');
  await page.screenshot({ path: join(SHOTS, 'release-growth.png') });
  await lock();
});

test('the auditor sees sets, releases, comparison and growth, and no button that changes anything', async () => {
  await signIn(CHLOE);
  await openReleases();
  await release(2).waitFor();
  await release(1).click();
  await page.locator('[data-testid="rl-detail"][data-state="approved"]').waitFor();
  for (const hidden of ['rl-new-set', 'rl-import', 'rl-new-release', 'rl-approve', 'rl-reject', 'rl-export']) {
    assert.equal(await page.getByTestId(hidden).count(), 0, `${hidden} is hidden from the auditor`);
  }
  await page.getByTestId('rl-tab-diff').click();
  await page.getByTestId('rl-diff-count-added').waitFor();
  await snapshot('the auditor’s view');
  assert.match(await invoke('releases:create', { set: SET }), /^forbidden/);
  assert.match(await invoke('releases:export', { id: await idOf(2), format: 'csv', dir: outDir }), /^forbidden/);
});

test('no canary on any page of the screen, in the bridge or the console; the audit chain verifies', async () => {
  assert.ok(domSnapshots.length >= 8);
  for (const { where, html } of domSnapshots) assertNoCanary(where, html);
  assertNoCanary('bridge payloads', app.payloads.join('\n'));
  assertNoCanary('the console', app.consoleLines.join('\n'));
  assert.ok(app.payloads.some((p) => p.includes('"releases:get"')), 'the tap saw the releases traffic');
  assert.deepEqual(app.blocked, []);
  await app.close();
  closed = true;
  const workspace = unlockWorkspace(workspaceDir, ANA.passphrase, ANA.name);
  try {
    const actions = workspace.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'release.%' OR action LIKE 'evalset.%' ORDER BY seq").pluck().all();
    for (const action of ['evalset.create', 'evalset.import', 'release.create', 'release.approve', 'release.reject', 'release.export']) assert.ok(actions.includes(action), action);
    assert.ok(verifyAuditChain(workspace.db).ok);
  } finally {
    workspace.close();
  }
});
