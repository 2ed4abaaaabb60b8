/**
 * Raw text kept between calls (the NER detector's findings memo) goes when the session ends: the de-identifier
 * passes forget() to its detector, and the service calls it on every lock, idle lock and sign-in switch, once a
 * session was open.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { QuarryService } from '../../main/api/quarry-service.js';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { FindingsMemo } from '../../main/core/deid/ner/detector.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import type { BatchDetector, Finding } from '../../main/core/deid/types.js';
import { EXAMPLE_LOG, MODELS_DIR, tempDir } from '../helpers.js';

/** A detector that keeps what it was asked, as the NER detector's memo does, and counts forget() calls. */
function keepingDetector(): BatchDetector & { kept: FindingsMemo; forgotten: number } {
  const kept = new FindingsMemo();
  const detector = {
    name: 'ner:keeping',
    kept,
    forgotten: 0,
    async detectBatch(texts: readonly string[]): Promise<Finding[][]> {
      for (const text of texts) kept.set(text, []);
      return texts.map(() => []);
    },
    forget() {
      detector.forgotten += 1;
      kept.clear();
    },
    async close() {},
  };
  return detector;
}

test('FindingsMemo.clear drops every text', () => {
  const memo = new FindingsMemo(1000);
  memo.set('Anna went home', []);
  memo.clear();
  assert.equal(memo.size, 0);
  assert.equal(memo.get('Anna went home'), undefined);
  memo.set('Anna went home', []);
  assert.equal(memo.size, 1, 'still usable after');
});

test('a lock leaves no text an ingest read kept in the de-identifier', async (t) => {
  const detector = keepingDetector();
  const deidentifier = new Deidentifier(patternRecognizers(), detector);
  const quarry = new QuarryService({ workspaceDir: join(tempDir(t), 'ws'), modelsDir: MODELS_DIR, createDeidentifier: async () => deidentifier });
  t.after(() => quarry.close());
  quarry.unlock('forget passphrase', 'ana', 'reviewer:ana');
  const result = await quarry.handlers['ingest:run']({ path: EXAMPLE_LOG });
  assert.ok(result.ingested > 0);
  assert.ok(detector.kept.size > 0, 'the ingest left texts in the detector');
  assert.equal(detector.forgotten, 0);

  quarry.handlers['workspace:lock']({});
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(detector.forgotten, 1);
  assert.equal(detector.kept.size, 0);
  // Locking again with nothing open forgets nothing more.
  quarry.handlers['workspace:lock']({});
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(detector.forgotten, 1);
});
