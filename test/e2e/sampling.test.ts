/**
 * The sampling screen end to end in Chromium: build a policy in the form, see the schema's message for a bad
 * value, watch the live preview, run it, and find the run listed with the preview's figures.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { REPO } from '../helpers.js';
import { openApp, unlockAs, type AppUnderTest } from './harness.js';

const PASSPHRASE = 'sampling e2e passphrase';
const NAMES = ['Theodora Quillfeather', 'Bartholomew Fennick'];
const root = mkdtempSync(join(tmpdir(), 'quarry-e2e-sampling-'));
const workspaceDir = join(root, 'workspace');
let app: AppUnderTest;
let page: Page;

const TOPICS = ['refill my prescription', 'move my appointment', 'question about my invoice', 'reset my portal password', 'lab results'];
const LANGS: Record<string, string> = {
  fr: 'Bonjour, je voudrais déplacer mon rendez-vous de mardi prochain à jeudi après-midi, merci beaucoup.',
  es: 'Necesito cambiar la dirección de facturación de mi cuenta antes de la próxima factura, por favor.',
  de: 'Ich brauche bitte eine neue Überweisung für die Kardiologie, mein Termin ist nächste Woche.',
};

/** 60 chat records without a language field: failures, three tiers, a family of near-duplicates, three languages. */
function writeLog(file: string): void {
  const lines: string[] = [];
  for (let i = 0; i < 60; i++) {
    const language = i % 12 === 5 ? Object.keys(LANGS)[Math.floor(i / 12) % 3]! : null;
    const content = language
      ? LANGS[language]!
      : i < 10
        ? `Hello, this is ${NAMES[i % 2]}, could you please help me refill my blood pressure prescription before the weekend${i % 2 ? ' thanks' : ''}`
        : `Hi, request ${i}: I want to ${TOPICS[i % TOPICS.length]} and check the form ${i * 13} for my account ${i * 101}.`;
    lines.push(
      JSON.stringify({
        id: `rec-${i}`,
        messages: [{ role: 'user', content }],
        choices: [{ message: { role: 'assistant', content: 'A coordinator will follow up shortly.' } }],
        thumbs: i % 9 === 0 ? 'down' : 'up',
        regenerated: i % 13 === 0,
        confidence: i % 7 === 0 ? 0.2 : 0.9,
        tier: i % 5 === 0 ? 'enterprise' : i % 2 ? 'pro' : 'free',
      }),
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

before(async () => {
  const log = join(root, 'traffic.jsonl');
  writeLog(log);
  const ingest = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), 'ingest', log, '--workspace', workspaceDir], {
    cwd: REPO,
    env: { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE },
    encoding: 'utf8',
  });
  assert.equal(ingest.status, 0, ingest.stderr);
  app = await openApp({ workspaceDir, browseStart: root });
  page = app.page;
});

after(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

test('unlock and open the sampling screen', async () => {
  await unlockAs(page, PASSPHRASE, 'Eval Engineer');
  await page.getByTestId('view-sampling').click();
  await page.getByTestId('sampling-screen').waitFor();
  await page.getByTestId('runs-empty').waitFor();
  // The default policy previews at once.
  await page.getByTestId('preview-picked').waitFor();
  assert.match(await page.getByTestId('preview-picked').innerText(), /of 60 cases/);
});

test('a bad value shows the schema message beside its field and blocks the run', async () => {
  await page.getByTestId('sp-base-rate').fill('2');
  const error = page.getByTestId('sp-base-rate-error');
  await error.waitFor();
  assert.match(await error.innerText(), /too big|<=\s*1/i);
  assert.equal(await page.getByTestId('sampling-run').isDisabled(), true);
  await page.getByTestId('sp-seed').fill('abc');
  assert.match(await page.getByTestId('sp-seed-error').innerText(), /Enter a number/);
  await page.getByTestId('sp-seed').fill('7');
  await page.getByTestId('sp-base-rate').fill('0.3');
  await error.waitFor({ state: 'detached' });
});

test('build a policy, preview per trigger and stratum, run it, and see the run listed', async () => {
  await page.getByTestId('sp-name').fill('weekly-e2e');
  await page.getByTestId('sp-signal-low_confidence').check();
  await page.getByTestId('sp-stratum-tier').check();
  await page.getByTestId('sp-stratum-language').check();
  await page.getByTestId('sp-min').fill('2');
  await page.getByTestId('sp-max').fill('40');
  await page.getByTestId('sp-budget').fill('40');
  await page.getByTestId('sp-one-per-cluster').check();

  const strata = page.getByTestId('preview-stratum-row');
  await strata.first().waitFor();
  await page.locator('[data-testid="sampling-preview"][aria-busy="false"]').waitFor();
  assert.ok((await strata.count()) >= 4, 'rows per tier × language');
  const attribute = async (rows: typeof strata, name: string) => Promise.all((await rows.all()).map((r) => r.getAttribute(name)));
  const languages = await attribute(strata, 'data-stratum');
  assert.ok(languages.some((s) => s?.includes('language=fr')), 'detected languages stratify');
  const triggers = await attribute(page.getByTestId('preview-trigger-row'), 'data-signal');
  assert.deepEqual(triggers.sort(), ['escalated', 'low_confidence', 'regenerated', 'thumbs_down']);
  assert.match(await page.getByTestId('preview-cut').innerText(), /near-duplicate/);
  const previewed = (await page.getByTestId('preview-picked').innerText()).match(/^([\d,]+) of 60 cases/)?.[1];
  assert.ok(previewed, 'the preview shows a total');

  await page.getByTestId('sampling-run').click();
  const outcome = page.getByTestId('sampling-outcome');
  await outcome.filter({ hasText: 'Run #1' }).waitFor();
  assert.match(await outcome.innerText(), new RegExp(`Run #1 picked ${previewed} of 60 cases with weekly-e2e v1, seed 7`));
  const row = page.locator('[data-testid="run-row"][data-run-id="1"]');
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`weekly-e2e\\s+v1[\\s\\S]*\\b7\\b[\\s\\S]*60[\\s\\S]*${previewed}`));
  await page.locator('[data-testid="policy-item"][data-policy-name="weekly-e2e"]').waitFor();
  assert.equal(await page.locator('[data-testid="policy-item"][data-policy-name="weekly-e2e"] [data-testid="policy-version"]').innerText(), 'v1');

  const dom = await page.content();
  const seen = { DOM: dom, 'a bridge payload': app.payloads.join('\n'), 'the console': app.consoleLines.join('\n') };
  for (const name of NAMES) for (const [where, text] of Object.entries(seen)) assert.equal(text.includes(name), false, `${name} appeared in ${where}`);
  mkdirSync(join(REPO, 'test', 'e2e', 'screenshots'), { recursive: true });
  await page.locator('[data-testid="sampling-preview"][aria-busy="false"]').waitFor();
  // The run changed the cases, so the preview refreshed; let its fade back in finish before the picture.
  await page.waitForFunction(() => {
    // Runs in the page; the test's TypeScript has no DOM library, hence the narrow view of the window.
    const view = globalThis as unknown as { document: { querySelector(s: string): unknown }; getComputedStyle(e: unknown): { opacity: string } };
    return view.getComputedStyle(view.document.querySelector('.sp-preview-body')).opacity === '1';
  });
  await page.screenshot({ path: join(REPO, 'test', 'e2e', 'screenshots', 'sampling.png'), fullPage: false });
});
