/**
 * Reviewer actions end to end in Chromium, all from the keyboard: the cheat sheet, missed PII (select, M, type),
 * task editing and augmentation with suggestions from a stub OpenAI-compatible server, rubric and checklist,
 * accept, reject with a reason, skip, undo; then blind double review by two reviewers (lock, unlock as another
 * name), agreement and adjudication. The canary assertion covers every screen: no fake identity reaches the
 * DOM, the console, renderer storage, any bridge payload or the LLM request.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { QuarryService } from '../../main/api/quarry-service.js';
import { REPO } from '../helpers.js';
import { openApp, type AppUnderTest } from './harness.js';

/** Caught by the de-identifier at ingest: must never reach the renderer. */
const CANARIES = ['Marisol', 'Quenneville', 'marisol.q77@example.org', '415-555-0199'];
/** Missed at ingest (the reviewer reports it): must be gone from everything after the report. */
const MISSED = 'Larkspur Wing';
/** Also missed at ingest (the surname after it is caught); reported from the keyboard alone. */
const MISSED_BY_KEY = 'okafor';
const PASSPHRASE = 'review actions passphrase';
const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');

const RECORDS = [
  {
    id: 'ra-1',
    messages: [
      {
        role: 'user',
        content: `I am Marisol Quenneville (marisol.q77@example.org). Please send my discharge summary to the ${MISSED} nurses before Friday.`,
      },
    ],
    choices: [{ message: { role: 'assistant', content: `Done, it is with nurse ${MISSED_BY_KEY} adeyemi.` } }],
    thumbs: 'down',
  },
  {
    id: 'ra-2',
    messages: [{ role: 'user', content: 'Call me at 415-555-0199 about the pharmacy opening hours on Sunday.' }],
    choices: [{ message: { role: 'assistant', content: 'The pharmacy is closed on Sundays.' } }],
  },
  {
    id: 'ra-3',
    messages: [{ role: 'user', content: 'What is the maximum daily dose of paracetamol for an adult?' }],
    choices: [{ message: { role: 'assistant', content: 'Up to 4 grams a day, spread over the day.' } }],
  },
  {
    id: 'ra-4',
    messages: [{ role: 'user', content: 'Can I get my flu vaccine at the walk-in clinic without an appointment?' }],
    choices: [{ message: { role: 'assistant', content: 'Yes, walk-ins are welcome on weekdays.' } }],
  },
];

const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-actions-'));
const workspaceDir = join(root, 'workspace');
const logsDir = join(root, 'logs');
let payloads: string[] = [];
let consoleLines: string[] = [];
const domSnapshots: string[] = [];
const llmRequests: string[] = [];
/** Bridge payloads and DOM snapshots from the moment the missed span was redacted. */
let payloadsAfterMiss = -1;
let snapshotsAfterMiss = -1;
/** The same, from the keyboard report on. */
let payloadsAfterKeyMiss = -1;
let snapshotsAfterKeyMiss = -1;
let app: AppUnderTest;
let service: QuarryService;
let page: Page;
let llm: Server;
let llmUrl = '';

before(async () => {
  mkdirSync(logsDir);
  writeFileSync(join(logsDir, 'ward-log.jsonl'), RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  llm = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      llmRequests.push(body);
      const suggestion = { persona: '', outputFormat: 'a short numbered list', requiredSources: ['the ward handbook'], scope: { temporal: 'within 24 hours' } };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { content: JSON.stringify(suggestion) } }] }));
    });
  });
  await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
  llmUrl = `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`;
  app = await openApp({ workspaceDir, browseStart: logsDir });
  ({ service, page, payloads, consoleLines } = app);
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await app?.close();
  await new Promise<void>((resolve) => (llm ? llm.close(() => resolve()) : resolve()));
  rmSync(root, { recursive: true, force: true });
});

async function snapshotDom(): Promise<void> {
  domSnapshots.push(await page.content());
}

function assertNoCanary(where: string, text: string, also: string[] = []): void {
  for (const canary of [...CANARIES, ...also]) assert.equal(text.includes(canary), false, `${canary} appeared in ${where}`);
}

function detailOf(id: number) {
  return page.locator(`[data-testid="case-detail"][data-case-id="${id}"]`);
}

async function unlock(name: string): Promise<void> {
  await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  const confirm = page.getByTestId('unlock-confirm');
  if (await confirm.count()) await confirm.fill(PASSPHRASE);
  await page.getByTestId('unlock-reviewer').fill(name);
  await page.getByTestId('unlock-submit').click();
}

async function openCase(id: number): Promise<void> {
  await page.locator(`[data-testid="case-item"][data-case-id="${id}"]`).click();
  await detailOf(id).waitFor();
  // Leave the list so the review keys reach the case view rather than a focused row.
  await page.locator('.case-head h2').click();
}

async function decisionState(): Promise<string> {
  return page.getByTestId('decision-state').innerText();
}

test('unlock, ingest, and configure review: LLM endpoint on, settings saved through the dialog', async () => {
  await unlock('Ana');
  await page.getByTestId('open-ingest').waitFor();
  await page.getByTestId('open-ingest').click();
  await page.getByTestId('file-entry').filter({ hasText: 'ward-log.jsonl' }).click();
  await page.getByTestId('ingest-run').click();
  await page.getByTestId('ingest-result').waitFor({ timeout: 120_000 });
  await snapshotDom();
  await page.keyboard.press('Escape');

  await page.getByTestId('view-agreement').click();
  await page.getByTestId('agreement-empty').waitFor();
  await page.getByTestId('open-review-settings').click();
  await page.getByTestId('settings-required-objective').check();
  await page.getByTestId('settings-required-tractable').check();
  await page.getByTestId('settings-llm-enabled').check();
  await page.getByTestId('settings-llm-url').fill('not a url');
  await page.getByTestId('settings-llm-model').fill('ward-8b');
  await page.getByTestId('settings-save').click();
  assert.match(await page.getByTestId('settings-error').innerText(), /llm\.url/);
  await page.getByTestId('settings-llm-url').fill(llmUrl);
  await page.getByTestId('settings-llm-key').fill('stub-key');
  await snapshotDom();
  await page.getByTestId('settings-save').click();
  await page.getByTestId('review-settings').waitFor({ state: 'detached' });
  await snapshotDom();
  const settings = await service.handlers['review:settings']({});
  assert.equal(settings.llm.enabled, true);
  assert.equal(settings.llm.hasApiKey, true);
  assert.deepEqual(settings.requiredChecklist, ['objective', 'tractable']);
  assert.equal(JSON.stringify(settings).includes('stub-key'), false, 'the key is never sent back');
});

test('the cheat sheet lists every action key', async () => {
  await page.getByTestId('view-review').click();
  await openCase(1);
  await page.keyboard.press('?');
  const sheet = page.getByTestId('cheat-sheet');
  await sheet.waitFor();
  const text = await sheet.innerText();
  for (const action of ['Accept', 'Reject with a reason', 'Skip', 'Undo', 'task text', 'Augment', 'missed personal data', 'rubric', 'checklist']) {
    assert.match(text, new RegExp(action, 'i'));
  }
  await snapshotDom();
  await page.keyboard.press('Escape');
  await sheet.waitFor({ state: 'detached' });
});

test('missed PII: select the text, press M, choose a type; it is redacted in the stored case and logged', async () => {
  const detail = detailOf(1);
  assert.ok((await detail.innerText()).includes(MISSED), 'the de-identifier missed the ward name');
  assert.match(await detail.innerText(), /\[PERSON_1\]/);

  await page.evaluate(`(() => {
    const body = document.querySelector('[data-testid="case-message"] .msg-body');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(${JSON.stringify(MISSED)});
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + ${MISSED.length});
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error('missed text not found');
  })()`);
  await page.keyboard.press('m');
  await page.getByTestId('missed-pii-dialog').waitFor();
  await snapshotDom();
  await page.keyboard.press('2'); // 2 = location
  await page.getByTestId('missed-pii-dialog').waitFor({ state: 'detached' });
  const notice = await page.getByTestId('case-notice').innerText();
  assert.match(notice, /Redacted as \[LOCATION_\d+\] and recorded as a de-identification miss/);
  payloadsAfterMiss = payloads.length;
  snapshotsAfterMiss = domSnapshots.length;
  const text = await detail.innerText();
  assert.equal(text.includes(MISSED), false);
  assert.match(text, /to the \[LOCATION_\d+\] nurses/);
  await snapshotDom();
  const audit = service['session'].open().db.prepare("SELECT object_ids FROM audit_log WHERE action = 'deid.miss'").pluck().all() as string[];
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.includes(MISSED), false, 'the audit log names ids and offsets only');
  assert.match(audit[0]!, /"label":"LOCATION"/);
});

test('missed PII by keyboard alone: M with nothing selected lists the words, type to find, Shift+→ widens, Enter, type', async () => {
  const detail = detailOf(1);
  const before = await detail.getByTestId('case-response').innerText();
  assert.match(before, new RegExp(`nurse ${MISSED_BY_KEY} \\[PERSON_\\d+\\]`), `the de-identifier missed the nurse's first name: ${before}`);
  await page.locator('.case-head h2').click();
  await page.evaluate('window.getSelection().removeAllRanges()');
  await page.keyboard.press('m');
  const words = page.getByTestId('missed-span-dialog');
  await words.waitFor();
  await page.locator('[data-testid="missed-span-filter"]:focus').waitFor();
  assert.ok((await words.getByTestId('missed-span-option').count()) > 10, 'every word of the case is listed');
  // Shift+→ / Shift+← widen and narrow the span word by word.
  await page.keyboard.type('discharge');
  assert.match(await words.getByTestId('missed-span-count').innerText(), /^1 word$/);
  assert.equal(await words.getByTestId('missed-span-chosen').innerText(), 'discharge');
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await words.getByTestId('missed-span-chosen').innerText(), 'discharge summary');
  await page.keyboard.press('Shift+ArrowLeft');
  assert.equal(await words.getByTestId('missed-span-chosen').innerText(), 'discharge');
  // A new search: the missed first name. The surname after it is a placeholder already, so the span cannot grow.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('okaf');
  assert.match(await words.getByTestId('missed-span-count').innerText(), /^1 word$/);
  await page.keyboard.press('Shift+ArrowRight');
  assert.equal(await words.getByTestId('missed-span-chosen').innerText(), MISSED_BY_KEY);
  assert.match(await words.getByTestId('missed-span-option').first().innerText(), /Model response/);
  await snapshotDom();
  await page.screenshot({ path: join(SCREENSHOTS, 'missed-span.png') });
  await page.keyboard.press('Enter');
  await words.waitFor({ state: 'detached' });
  const types = page.getByTestId('missed-pii-dialog');
  await types.waitFor();
  assert.match(await types.innerText(), new RegExp(`selected ${MISSED_BY_KEY.length} characters`));
  // Arrows move among the types; Enter takes the first (person).
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await types.waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('case-notice').innerText(), /Redacted as \[PERSON_\d+\] and recorded as a de-identification miss/);
  payloadsAfterKeyMiss = payloads.length;
  snapshotsAfterKeyMiss = domSnapshots.length;
  const response = await detail.getByTestId('case-response').innerText();
  assert.equal(response.includes(MISSED_BY_KEY), false);
  assert.match(response, /with nurse \[PERSON_\d+\] \[PERSON_\d+\]\./);
  await snapshotDom();
  const audit = service['session'].open().db.prepare("SELECT object_ids FROM audit_log WHERE action = 'deid.miss' ORDER BY seq").pluck().all() as string[];
  assert.equal(audit.length, 2);
  assert.equal(audit[1]!.includes('okafor'), false, 'the audit log names ids and offsets only');
  assert.match(audit[1]!, /"label":"PERSON"/);
  assert.match(audit[1]!, /"field":1/);

  // Escape leaves the word list without reporting anything.
  await page.keyboard.press('m');
  await words.waitFor();
  await page.keyboard.press('Escape');
  await words.waitFor({ state: 'detached' });
});

test('task: T edits the task, G augments it, Suggest asks the stub LLM with de-identified text only', async () => {
  await page.keyboard.press('t');
  await page.getByTestId('task-input').waitFor();
  await page.locator('[data-testid="task-input"]:focus').waitFor();
  await page.keyboard.type(' Confirm who will receive it.');
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  await page.locator('[data-testid="aug-persona"]:focus').waitFor();
  await page.keyboard.type('a ward clerk');
  await page.keyboard.press('Escape');
  await page.getByTestId('suggest').click();
  await page.getByTestId('aug-format').and(page.locator('[value="a short numbered list"]')).waitFor();
  assert.equal(await page.getByTestId('aug-persona').inputValue(), 'a ward clerk', 'suggestions fill only empty fields');
  assert.equal(await page.getByTestId('aug-temporal').inputValue(), 'within 24 hours');
  const composed = await page.getByTestId('composed-task').innerText();
  assert.match(composed, /^You are answering for: a ward clerk\./);
  assert.match(composed, /Confirm who will receive it\./);
  assert.match(composed, /- Time frame: within 24 hours\./);
  assert.match(composed, /- Cite these sources: the ward handbook\./);
  assert.match((await page.getByTestId('task-original').textContent()) ?? '', /\[PERSON_1\]/);

  assert.equal(llmRequests.length, 1);
  const request = llmRequests[0]!;
  assert.match(request, /\[PERSON_1\]/, 'the LLM saw the de-identified task');
  assertNoCanary('the LLM request', request, [MISSED]);
  await snapshotDom();
  await page.screenshot({ path: join(SCREENSHOTS, 'case-actions.png') });
});

test('rubric and checklist: B picks the category template, saved back as the template; accept waits for C, 1, 2', async () => {
  await page.keyboard.press('b');
  await page.getByTestId('panel-rubric').waitFor();
  await page.getByTestId('category-edge-case').check();
  await page.getByTestId('rubric-criterion').nth(2).waitFor();
  await page.getByTestId('criterion-weight').first().fill('5');
  await page.getByTestId('rubric-save-template').click();
  await page.getByTestId('case-notice').filter({ hasText: 'Saved as the template for this category.' }).waitFor();
  assert.equal((await service.handlers['review:settings']({})).rubricTemplates['edge-case']?.[0]?.weight, 5);
  // A new, empty criterion is kept in the draft without complaint; it is removed again before accepting.
  await page.getByTestId('criterion-add').click();
  await page.getByTestId('rubric-criterion').nth(3).waitFor();
  await page.waitForTimeout(1300);
  assert.equal(await page.getByTestId('decision-error').count(), 0);
  await page.getByTestId('criterion-remove').nth(3).click();
  await page.locator('.case-head h2').click();
  await page.evaluate(`document.querySelector('.task-panel-body').scrollTo(0, 0)`);
  await snapshotDom();
  await page.screenshot({ path: join(SCREENSHOTS, 'rubric.png') });

  await page.keyboard.press('e');
  await page.keyboard.type('Confirm the request and who receives the summary; repeat no contact details.');
  await page.keyboard.press('Escape');
  await page.locator('.case-head h2').click();
  await page.keyboard.press('a');
  assert.match(await page.getByTestId('decision-error').innerText(), /tick objective, tractable/);
  await page.keyboard.press('c');
  await page.getByTestId('panel-checklist').waitFor();
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  assert.equal(await page.getByTestId('check-objective').isChecked(), true);
  assert.equal(await page.getByTestId('check-tractable').isChecked(), true);
  await snapshotDom();
  await page.keyboard.press('a');
  // Accepting opens the next pending case.
  await detailOf(2).waitFor();
  const accepted = await service.handlers['review:state']({ id: 1 });
  assert.equal(accepted.status, 'accepted');
  assert.equal(accepted.mine?.category, 'edge-case');
  assert.equal(accepted.mine?.rubric[0]?.weight, 5);
  assert.equal(accepted.mine?.augmentation.persona, 'a ward clerk');
});

test('reject with a reason code, skip, previous / next, then undo twice walks back skip and reject', async () => {
  await page.locator('.case-head h2').click();
  await page.keyboard.press('r');
  await page.getByTestId('reason-picker').waitFor();
  await snapshotDom();
  await page.keyboard.press('2'); // not-a-task
  await detailOf(3).waitFor();
  assert.equal((await service.handlers['review:state']({ id: 2 })).mine?.reasonCode, 'not-a-task');
  await page.locator('[data-testid="case-item"][data-case-id="2"][data-status="rejected"]').waitFor();

  await page.locator('.case-head h2').click();
  await page.keyboard.press('s');
  await detailOf(4).waitFor();
  // Previous and next from the keyboard.
  await page.keyboard.press('k');
  await detailOf(3).waitFor();
  await page.keyboard.press('j');
  await detailOf(4).waitFor();
  await page.locator('.case-head h2').click();
  await page.keyboard.press('u');
  assert.match(await page.getByTestId('case-notice').innerText(), /Undid your skip of case #3/);
  await page.keyboard.press('u');
  await page.getByTestId('case-notice').filter({ hasText: /Undid your rejection of case #2; it is pending again/ }).waitFor();
  await page.locator('[data-testid="case-item"][data-case-id="2"][data-status="pending"]').waitFor();
  await snapshotDom();
  const undos = service['session'].open().db.prepare("SELECT count(*) FROM audit_log WHERE action = 'review.undo'").pluck().get();
  assert.equal(undos, 2);
});

test('blind double review: Ana decides, Ben cannot see it, they disagree; agreement shows kappa and alpha; adjudication settles it', async () => {
  await page.getByTestId('view-agreement').click();
  await page.getByTestId('open-review-settings').click();
  await page.getByTestId('settings-share').fill('100');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('review-settings').waitFor({ state: 'detached' });

  await page.getByTestId('view-review').click();
  await openCase(4);
  await page.getByTestId('double-review-badge').waitFor();
  await page.keyboard.press('c');
  await page.keyboard.press('1');
  await page.keyboard.press('2');
  await page.keyboard.press('a');
  await page.locator('[data-testid="case-item"][data-case-id="4"]').click();
  await detailOf(4).waitFor();
  assert.match(await decisionState(), /You accepted .* waiting for 1 more blind review/);
  assert.equal(await detailOf(4).getByTestId('case-status').innerText(), 'Pending');

  await page.getByTestId('lock').click();
  await unlock('Ben');
  await page.getByTestId('case-item').first().waitFor();
  await openCase(4);
  assert.match(await decisionState(), /Not yet decided · needs two blind reviews/);
  const blind = await detailOf(4).innerText();
  assert.equal(/Ana/.test(blind), false, 'Ben sees nothing of Ana’s review before deciding');
  await snapshotDom();
  await page.keyboard.press('r');
  await page.getByTestId('reason-picker').waitFor();
  await page.keyboard.press('5'); // low-quality
  await page.locator('[data-testid="case-item"][data-case-id="4"]').click();
  await detailOf(4).waitFor();
  assert.equal(await detailOf(4).getByTestId('case-status').innerText(), 'Disputed');
  assert.match(await decisionState(), /You rejected \(low-quality\).*Ana accepted.*awaiting adjudication/);

  await page.getByTestId('view-agreement').click();
  const row = page.getByTestId('agreement-row').first();
  await row.waitFor();
  assert.match(await row.innerText(), /Ingest run #1/);
  assert.match(await row.innerText(), /Ana, Ben/);
  // One case, accept vs reject: observed agreement 0, chance agreement 0, so kappa = alpha = 0.
  assert.equal(await row.getByTestId('kappa').innerText(), '0.00');
  assert.equal(await row.getByTestId('alpha').innerText(), '0.00');
  const disputed = page.locator('[data-testid="disputed-case"][data-case-id="4"]');
  await disputed.waitFor();
  assert.equal(await disputed.getByTestId('adj-review').count(), 2);
  assert.match(await disputed.innerText(), /Ana[\s\S]*Accepted[\s\S]*Ben[\s\S]*Rejected[\s\S]*low-quality/);
  await snapshotDom();
  await page.screenshot({ path: join(SCREENSHOTS, 'agreement.png') });

  await disputed.getByTestId('adjudicate-accept').click();
  await page.getByTestId('disputed-empty').waitFor();
  const settled = await service.handlers['review:state']({ id: 4 });
  assert.equal(settled.status, 'accepted');
  assert.equal(settled.adjudication?.reviewer, 'Ben');
  await snapshotDom();
});

test('no canary reached the DOM, console, storage or bridge; the missed span is gone from everything after its report', async () => {
  assert.ok(domSnapshots.length >= 10);
  domSnapshots.forEach((html, i) => assertNoCanary(`DOM snapshot ${i}`, html, i >= snapshotsAfterMiss ? [MISSED] : []));
  assertNoCanary('the console', consoleLines.join('\n'));
  const storage = await page.evaluate<string>(`(async () => {
    const dump = (s) => JSON.stringify(Object.entries(s));
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return dump(localStorage) + dump(sessionStorage) + document.cookie + JSON.stringify(databases);
  })()`);
  assertNoCanary('renderer storage', storage, [MISSED]);
  assert.ok(payloadsAfterMiss > 0 && payloads.some((p) => p.includes('review:submit')));
  assertNoCanary('bridge payloads', payloads.join('\n'));
  assertNoCanary('bridge payloads after the miss was reported', payloads.slice(payloadsAfterMiss).join('\n'), [MISSED]);
  assert.ok(payloadsAfterKeyMiss > payloadsAfterMiss && snapshotsAfterKeyMiss > snapshotsAfterMiss);
  assertNoCanary('bridge payloads after the keyboard report', payloads.slice(payloadsAfterKeyMiss).join('\n'), [MISSED, MISSED_BY_KEY]);
  domSnapshots.slice(snapshotsAfterKeyMiss).forEach((html, i) => assertNoCanary(`DOM snapshot ${snapshotsAfterKeyMiss + i}`, html, [MISSED_BY_KEY]));
  assert.equal(consoleLines.filter((l) => l.startsWith('pageerror')).length, 0, consoleLines.join('\n'));
});
