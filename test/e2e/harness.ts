/**
 * What every end-to-end test starts with: the real QuarryService behind the Chromium shell on the built renderer,
 * with the bridge traffic, console and refused requests recorded for the canary assertions; and signing in.
 */
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { launchChromiumShell, type ChromiumShell } from '../../main/shell/chromium/chromium-shell.js';
import { MODELS_DIR, REPO } from '../helpers.js';

export interface AppUnderTest {
  service: QuarryService;
  shell: ChromiumShell;
  page: Page;
  /** Every bridge call and its answer, as JSON. */
  payloads: string[];
  /** Console lines and page errors. */
  consoleLines: string[];
  /** Requests the shell refused. */
  blocked: string[];
  close(): Promise<void>;
}

export interface AppOptions {
  workspaceDir: string;
  /** Where the ingest file browser starts. */
  browseStart?: string;
  /** De-identify with the pattern recognizers alone (faster; for tests about something else). */
  patternsOnly?: boolean;
}

export async function openApp(options: AppOptions): Promise<AppUnderTest> {
  const payloads: string[] = [];
  const consoleLines: string[] = [];
  const blocked: string[] = [];
  const service = new QuarryService({
    workspaceDir: options.workspaceDir,
    browseStart: options.browseStart,
    modelsDir: MODELS_DIR,
    createDeidentifier: (modelId) => createDeidentifier({ modelsDir: MODELS_DIR, modelId, patternsOnly: options.patternsOnly }),
  });
  const shell = await launchChromiumShell({
    handlers: service.handlers,
    rendererDir: join(REPO, 'out', 'renderer'),
    tap: (channel, input, envelope) => payloads.push(JSON.stringify({ channel, input, envelope })),
    onBlockedRequest: (url) => blocked.push(url),
  });
  const page = shell.page;
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  return {
    service,
    shell,
    page,
    payloads,
    consoleLines,
    blocked,
    async close() {
      await shell.close();
      await service.close();
    },
  };
}

/** Fills the unlock screen (the confirmation too, when the workspace is being created) and submits it. */
export async function unlockAs(page: Page, passphrase: string, name: string): Promise<void> {
  await page.getByTestId('unlock-passphrase').fill(passphrase);
  const confirm = page.getByTestId('unlock-confirm');
  if (await confirm.count()) await confirm.fill(passphrase);
  await page.getByTestId('unlock-reviewer').fill(name);
  await page.getByTestId('unlock-submit').click();
}

/**
 * Waits until `expression` (JavaScript, evaluated in the page) is truthy, polling from the test side: the app's CSP
 * forbids the string evaluation `page.waitForFunction` falls back to when its first check fails.
 */
export async function waitUntilTrue(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate<unknown>(expression)) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting until ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
