/**
 * Identifiers a reviewer types are de-identified on save, end to end in Chromium with the real de-identifier
 * (patterns and NER): a new name and phone number typed into the expected behaviour, and the patient's own name
 * retyped, become placeholders in the field on screen and in the stored draft; the notice names the placeholders
 * only; no answer from main ever carries the typed values. The reviewer's decision moves the queue on and the
 * next case says what was replaced on the last one.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { QuarryService } from '../../main/api/quarry-service.js';
import { REPO } from '../helpers.js';
import { openApp, unlockAs, type AppUnderTest } from './harness.js';

/** The patient, in the ingested record: the de-identifier redacts it at ingest. */
const PATIENT = 'Rosalind Achterberg';
/** Only ever typed by the reviewer. */
const TYPED_NAME = 'Ignatius Wolfenden';
const TYPED_PHONE = '303-555-0148';
const CANARIES = [PATIENT, 'Achterberg', TYPED_NAME, 'Wolfenden', TYPED_PHONE];
const SCREENSHOTS = join(REPO, 'test', 'e2e', 'screenshots');

const RECORDS = [
  {
    id: 'rt-1',
    messages: [{ role: 'user', content: `My name is ${PATIENT}. Can my inhaler refill be ready by Friday?` }],
    choices: [{ message: { role: 'assistant', content: 'Yes, it will be ready on Friday afternoon.' } }],
  },
  {
    id: 'rt-2',
    messages: [{ role: 'user', content: 'Is the pharmacy open on public holidays?' }],
    choices: [{ message: { role: 'assistant', content: 'Only in the morning.' } }],
  },
];

const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-reviewer-text-'));
const logsDir = join(root, 'logs');
let app: AppUnderTest;
let page: Page;
let service: QuarryService;
const domSnapshots: string[] = [];

before(async () => {
  mkdirSync(logsDir);
  writeFileSync(join(logsDir, 'pharmacy-log.jsonl'), RECORDS.map((r) => JSON.stringify(r)).join('\n'));
  app = await openApp({ workspaceDir: join(root, 'workspace'), browseStart: logsDir });
  ({ page, service } = app);
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

function assertNoCanary(where: string, text: string): void {
  for (const canary of CANARIES) assert.equal(text.includes(canary), false, `${canary} appeared in ${where}`);
}

test('a name and phone typed into the expected behaviour are stored, and shown, as placeholders', async () => {
  await unlockAs(page, 'reviewer text passphrase', 'Ana');
  await page.getByTestId('open-ingest').click();
  await page.getByTestId('file-entry').filter({ hasText: 'pharmacy-log.jsonl' }).click();
  await page.getByTestId('ingest-run').click();
  await page.getByTestId('ingest-result').waitFor({ timeout: 120_000 });
  await page.keyboard.press('Escape');

  await page.locator('[data-testid="case-item"][data-case-id="1"]').click();
  const detail = page.locator('[data-testid="case-detail"][data-case-id="1"]');
  await detail.waitFor();
  assert.match(await detail.innerText(), /\[PERSON_1\]/);
  await page.locator('.case-head h2').click();
  await page.keyboard.press('e');
  await page.keyboard.type(`Tell ${PATIENT} the refill is ready; Dr. ${TYPED_NAME} can be reached on ${TYPED_PHONE}.`);

  // The draft saves a second after typing stops; the answer brings the placeholders back.
  const notice = page.getByTestId('replaced-notice');
  await notice.waitFor({ timeout: 30_000 });
  const said = await notice.innerText();
  assert.match(said, /3 identifiers you typed were replaced:/);
  assert.match(said, /\[PERSON_1\]/, 'the patient retyped keeps the case placeholder');
  assert.match(said, /\[PERSON_2\]/, 'the new name is the next person');
  assert.match(said, /\[PHONE_1\]/);
  assert.match((await notice.getAttribute('title')) ?? '', /stay in the encrypted vault and never reach an export/);

  const field = page.getByTestId('expected-input');
  const shown = await field.inputValue();
  assert.equal(shown, 'Tell [PERSON_1] the refill is ready; Dr. [PERSON_2] can be reached on [PHONE_1].');
  await page.keyboard.press('Escape');
  domSnapshots.push(await page.content());
  await page.screenshot({ path: join(SCREENSHOTS, 'reviewer-text-replaced.png') });

  // Stored as shown: read back through the bridge.
  const state = await service.handlers['review:state']({ id: 1 });
  assert.equal(state.draft.expected, shown);
  assertNoCanary('the stored draft', JSON.stringify(state));
});

test('the decision moves on, and the next case says what was replaced on the last one', async () => {
  await page.keyboard.press('e');
  await page.keyboard.type(` Call ${TYPED_PHONE} only if the patient asks.`);
  await page.keyboard.press('Escape');
  // Skip records the draft with the decision at once, before the autosave runs.
  await page.keyboard.press('s');
  await page.locator('[data-testid="case-detail"][data-case-id="2"]').waitFor();
  const notice = page.getByTestId('replaced-notice');
  await notice.waitFor();
  assert.match(await notice.innerText(), /1 identifier you typed on case #1 was replaced:\s*\[PHONE_1\]/);
  domSnapshots.push(await page.content());
  await page.screenshot({ path: join(SCREENSHOTS, 'reviewer-text-next-case.png') });
  await page.getByTestId('replaced-notice-dismiss').click();
  await notice.waitFor({ state: 'detached' });
  const state = await service.handlers['review:state']({ id: 1 });
  assert.match(state.mine?.expected ?? state.draft.expected, /Call \[PHONE_1\] only if the patient asks\.$/);
});

test('no typed identifier came back over the bridge or stayed in the page', () => {
  for (const payload of app.payloads) {
    // The reviewer's own keystrokes go to main (the input); no answer may carry them back.
    const { envelope } = JSON.parse(payload) as { envelope: unknown };
    assertNoCanary('a bridge answer', JSON.stringify(envelope));
  }
  domSnapshots.forEach((html, i) => assertNoCanary(`DOM snapshot ${i}`, html));
  assertNoCanary('the console', app.consoleLines.join('\n'));
});
