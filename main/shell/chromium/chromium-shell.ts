import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createBridge, type BridgeOptions, type Envelope, type Handlers } from '../../api/bridge.js';
import { serveAppContent } from '../app-content.js';

/** `.invalid` never resolves, so even a request that slipped past the router could not reach a network. */
export const CHROMIUM_APP_ORIGIN = 'https://quarry.invalid';
const BINDING = '__quarryInvoke';

/** Chromium flags that keep the browser itself from calling home. */
export const QUIET_CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-first-run',
  '--no-default-browser-check',
  '--metrics-recording-only',
  // No host name is ever resolved: app content is served by the router, and the browser's own look-ups (prefetch,
  // preconnect, probes) would be DNS queries leaving the machine. An e2e run once caught one on port 53.
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

export interface ChromiumShellOptions {
  handlers: Handlers;
  rendererDir: string;
  executablePath?: string;
  headless?: boolean;
  tap?: BridgeOptions['tap'];
  /** Every URL the page tried to load that is not app content; all of them were refused. */
  onBlockedRequest?: (url: string) => void;
}

export interface ChromiumShell {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * The page-side half of the bridge, the Chromium counterpart of preload/index.ts: `window.quarry.invoke`
 * forwards to the exposed binding and turns an error envelope into an Error with the user-facing message.
 * Runs in the page, so it must be self-contained.
 */
function installPageBridge(binding: string): void {
  // `globalThis` is the page's window here; main/ is compiled without DOM types on purpose.
  const page = globalThis as unknown as Record<string, unknown>;
  const call = (page as unknown as Record<string, (c: string, i: unknown) => Promise<Envelope>>)[binding]!;
  const quarry = Object.freeze({
    async invoke(channel: string, input: unknown) {
      const envelope = await call(channel, input);
      if (envelope.ok) return envelope.value;
      const error = new Error(envelope.error.message) as Error & { code?: string };
      error.code = envelope.error.code;
      throw error;
    },
  });
  Object.defineProperty(page, 'quarry', { value: quarry, writable: false, configurable: false });
}

export async function launchChromiumShell(options: ChromiumShellOptions): Promise<ChromiumShell> {
  const headless = options.headless ?? true;
  const root = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? '/usr/bin/chromium',
    headless,
    args: [...root, ...QUIET_CHROMIUM_ARGS, ...(headless ? ["--disable-gpu"] : [])],
  });
  const context = await browser.newContext({
    viewport: headless ? { width: 1440, height: 900 } : null,
    serviceWorkers: 'block',
    permissions: [],
  });
  await context.route('**/*', async (route) => {
    const request = route.request();
    if (!request.url().startsWith(`${CHROMIUM_APP_ORIGIN}/`)) {
      options.onBlockedRequest?.(request.url());
      return route.abort('blockedbyclient');
    }
    const response = serveAppContent(options.rendererDir, request.method(), request.url());
    return route.fulfill({ status: response.status, headers: response.headers, body: response.body });
  });
  const bridge = createBridge(options.handlers, { appOrigin: CHROMIUM_APP_ORIGIN, tap: options.tap });
  await context.exposeBinding(BINDING, (source, channel: unknown, input: unknown) =>
    bridge.invoke({ url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, channel, input),
  );
  await context.addInitScript(installPageBridge, BINDING);
  const page = await context.newPage();
  context.on('page', (extra) => {
    // The app has one window; anything that opens another is closed at once.
    if (extra !== page) void extra.close();
  });
  page.on('dialog', (dialog) => void dialog.dismiss());
  await page.goto(`${CHROMIUM_APP_ORIGIN}/index.html`);
  return {
    browser,
    context,
    page,
    close: async () => {
      await browser.close();
    },
  };
}
