import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CONTENT_SECURITY_POLICY, resolveAppPath, serveAppContent } from '../../main/shell/app-content.js';
import { tempDir } from '../helpers.js';

test('serves files inside the renderer folder with the strict CSP', (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'export {}');
  const index = serveAppContent(dir, 'GET', 'app://quarry/');
  assert.equal(index.status, 200);
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(index.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.equal(serveAppContent(dir, 'GET', 'app://quarry/assets/app.js').headers['content-type'], 'text/javascript; charset=utf-8');
  assert.equal(serveAppContent(dir, 'GET', 'app://quarry/missing.js').status, 404);
});

test('refuses anything but GET and any path that leaves the folder', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'index.html'), 'x');
  assert.equal(serveAppContent(dir, 'POST', 'app://quarry/index.html').status, 405);
  for (const url of ['app://quarry/..%2fsecret', 'app://quarry/assets/..%2F..%2Fetc/passwd', 'app://quarry/%2e%2e%2f%2e%2e%2fetc']) {
    assert.equal(resolveAppPath(dir, url), null, url);
    assert.equal(serveAppContent(dir, 'GET', url).status, 403, url);
  }
  // The URL parser folds dot segments before we see them; what is left must still land inside the folder.
  for (const url of ['app://quarry/%2e%2e/secret', 'app://quarry/assets/%2E%2E/%2E%2E/etc/passwd']) {
    assert.ok(resolveAppPath(dir, url)?.startsWith(dir), url);
  }
});

test('the policy allows no remote origin, no inline script and no network from the page', () => {
  assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'/);
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  assert.match(CONTENT_SECURITY_POLICY, /connect-src 'none'/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval|https?:|\*/);
});
