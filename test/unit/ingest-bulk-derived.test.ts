/**
 * An ingest writes the queue, preview, metrics and dirty-hour rows set-based (bulk-derived.ts): they must equal what
 * the row triggers compute for the stored cases, the guard table must be empty after the run, and the triggers
 * must still serve every other writer afterwards.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { migrate } from '../../main/core/store/migrate.js';
import { EXAMPLE_LOG, MODELS_DIR, tempDir } from '../helpers.js';
import { derivedCaseRows } from '../helpers-migrations.js';


const derived = derivedCaseRows;

/** A log with timestamps over several hours, signals of every kind and a few repeats. */
function log(dir: string): string {
  const file = join(dir, 'varied.jsonl');
  const lines = Array.from({ length: 280 }, (_, i) =>
    JSON.stringify({
      id: `r${i }`,
      created: 1_767_000_000 + i * 97,
      model: i % 2 ? 'gpt-4o-mini' : 'gpt-4.1',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: `Question ${i } from jane${i }@example.org about claim ${i }` },
      ],
      choices: [{ message: { role: 'assistant', content: `Answer ${i }` } }],
      thumbs: i % 3 ? 'up' : 'down',
      latency_ms: 100 + i,
      cost_usd: i / 1e5,
      metadata: { tier: i % 2 ? 'pro' : 'free', intent: ['billing', 'claims', 'refill'][i % 3] },
    }),
  );
  writeFileSync(file, `${[...lines, ...lines.slice(0, 20)].join('\n')}\n`);
  return file;
}

test('ingest stores the derived rows the triggers would, leaves no guard, and the triggers still work after', async (t) => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  try {
    const dir = tempDir(t, 'bulk-derived-');
    // Between batches (where the app's other requests run on this connection) the store's FULL sync holds; the
    // ingest lowers it only around its own commits, and restores its WAL checkpoint interval at the end.
    const seen = new Set<unknown>();
    const varied = await ingestLogFile(db, deidentifier, log(dir), { progressEveryMs: 0, onProgress: () => seen.add(db.pragma('synchronous', { simple: true })) });
    assert.deepEqual([...seen], [2]);
    assert.equal(db.pragma('synchronous', { simple: true }), 2);
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
    assert.equal(varied.ingested, 280);
    assert.equal(varied.duplicates, 20);
    const example = await ingestLogFile(db, deidentifier, EXAMPLE_LOG);
    assert.ok(example.ingested > 0);
    const cases = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    assert.equal(cases, 280 + example.ingested);
    assert.equal(db.prepare('SELECT count(*) FROM cases_bulk_insert').pluck().get(), 0, 'no guard row outlives the ingest');

    const stored = derived(db) as { queue: unknown[]; hours: unknown[] };
    assert.equal(stored.queue.length, cases);
    assert.ok(stored.hours.length > 5, 'several production hours marked dirty');
    // Recompute every derived row through the triggers: the update triggers use the same expressions.
    db.exec('DELETE FROM monitor_dirty_hours');
    db.exec(
      'UPDATE cases SET status = status, signals_json = signals_json, slices_json = slices_json, placeholders_json = placeholders_json, redacted_json = redacted_json, ingested_at = ingested_at',
    );
    assert.deepEqual(derived(db), stored);

    // Every other writer still goes through the triggers: a review decision and a deletion.
    db.prepare("UPDATE cases SET status = 'accepted' WHERE id = 1").run();
    assert.equal(db.prepare('SELECT status FROM case_queue WHERE case_id = 1').pluck().get(), 'accepted');
    assert.equal(db.prepare('SELECT status FROM case_metrics WHERE case_id = 1').pluck().get(), 'accepted');
    db.exec('DELETE FROM case_clusters WHERE case_id = 2; DELETE FROM vault_findings WHERE case_id = 2; DELETE FROM ingest_arrivals WHERE interaction_id = 2; DELETE FROM cases WHERE id = 2');
    assert.equal(db.prepare('SELECT count(*) FROM case_queue WHERE case_id = 2').pluck().get(), 0);
    assert.equal(db.prepare('SELECT count(*) FROM case_metrics WHERE case_id = 2').pluck().get(), 0);
  } finally {
    await deidentifier.close();
  }
});
