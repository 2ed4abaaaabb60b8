import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export const REPO = join(import.meta.dirname, '..');
export const EXAMPLE_LOG = join(REPO, 'examples', 'chat-log.jsonl');
export const MODELS_DIR = join(REPO, 'models');
/** The fake identities in test/fixtures/canary-log.jsonl: none may ever appear outside the vault. */
export const CANARIES: readonly string[] = [
  'Zebediah',
  'Thornquist',
  'zebediah.thornquist.k7@example.org',
  '(617) 555-0187',
  '555-0187',
  'Philippa',
  'Vandermeer',
  '219-44-7731',
  '4539 1488 0343 6467',
  'Octavius',
  'Pembleton',
  'octavius.pembleton.q9@example.net',
  '212-555-0164',
];

/** A fresh temporary folder removed when the test ends. */
export function tempDir(t: TestContext, prefix = 'quarry-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
