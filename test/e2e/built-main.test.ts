/**
 * The main process as electron-vite bundles it (out/main, built by `npm run test:e2e` before these tests): the
 * Electron shell cannot start on these machines, so this is where the bundle's own code runs. Bundling joins many
 * modules into one scope, where two top-level names may clash; the source-level tests cannot see that.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PatternPool } from '../../main/core/deid/pattern-pool.js';
import type { Finding } from '../../main/core/deid/types.js';
import { asRaw } from '../../main/core/text.js';

const OUT_MAIN = fileURLToPath(new URL('../../out/main/', import.meta.url));

describe('the bundled main process', () => {
  it('loads every shared chunk', async () => {
    const chunks = readdirSync(`${OUT_MAIN}chunks`).filter((file) => file.endsWith('.js'));
    assert.ok(chunks.length > 0, 'out/main/chunks holds the bundle (run electron-vite build first)');
    for (const chunk of chunks) await import(pathToFileURL(`${OUT_MAIN}chunks/${chunk}`).href);
  });

  it('runs the bundled pattern worker, NER filter included', async () => {
    const pool = await PatternPool.start({ size: 1, entry: pathToFileURL(`${OUT_MAIN}pattern-worker.js`) });
    try {
      const text = 'Replace the path with your own. Then run it again. Ask Maria Lopez about it.';
      const ner = (part: string): Finding => {
        const start = text.indexOf(part);
        return { start, end: start + part.length, label: 'PERSON', score: 0.9, source: 'ner:test' };
      };
      const [detected] = await pool.detectCases([[asRaw(text)]], Promise.resolve([[ner('path'), ner('Maria Lopez')]]));
      assert.deepEqual(detected!.spans[0]!.map((f) => text.slice(f.start, f.end)), ['Maria Lopez']);
    } finally {
      await pool.close();
    }
  });
});
