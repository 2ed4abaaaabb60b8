import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export const REPO = join(import.meta.dirname, '..');
export const EXAMPLE_LOG = join(REPO, 'examples', 'chat-log.jsonl');
export const MODELS_DIR = join(REPO, 'models');

/** A fresh temporary folder removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'quarry-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
