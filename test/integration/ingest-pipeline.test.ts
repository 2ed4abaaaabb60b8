/**
 * The ingest pipeline (ingest-file.ts flush, case-preparer.ts): a batch de-identified in a worker thread while the
 * batch before it is stored must store exactly what the one-thread ingest stores, count repeats across the two
 * batches in flight, keep the cancel guarantees, fall back to this thread when the worker fails, and never be used
 * for a de-identifier it cannot copy.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { patternRecognizers } from '../../main/core/deid/recognizers/index.js';
import { EMPTY_TERM_LISTS, type TermLists } from '../../main/core/deid/term-lists.js';
import type { Recognizer } from '../../main/core/deid/types.js';
import { ingestLogFile, type IngestOptions } from '../../main/core/ingest/ingest-file.js';
import { openOrCreateWorkspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, tempDir } from '../helpers.js';

const PASSPHRASE = 'pipeline passphrase';

let deidentifier: Deidentifier;
before(async () => {
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
});
after(async () => {
  await deidentifier.close();
});

/** A chat log line with PII in the user turn and the reply. */
function line(i: number): string {
  return JSON.stringify({
    id: `r${i}`,
    messages: [
      { role: 'system', content: 'You help members of Project Bluebird.' },
      { role: 'user', content: `Request ${i}: I am Dana Kessler, call me on 415-555-${String(i % 10000).padStart(4, '0')} or mail dana${i}@example.org.` },
    ],
    choices: [{ message: { role: 'assistant', content: `Thanks Dana, ticket ${i} is open for dana${i}@example.org.` } }],
    thumbs: i % 7 ? 'up' : 'down',
    metadata: { tier: i % 2 ? 'pro' : 'free' },
  });
}

/**
 * `records` lines, with repeats placed to land in the batch being read while the batch they repeat is still in
 * flight (the first batch commits at 32 records, the next at 1,024), and further away, plus two unreadable lines.
 */
function log(records: number): string {
  const lines: string[] = [];
  for (let i = 0; i < records; i++) {
    lines.push(line(i));
    if (i === 40) lines.push(line(5), line(39));
    if (i === 1100) lines.push(line(100), line(1099));
    if (i === 500) lines.push('{"broken', '{"id":"x","messages":"no"}');
  }
  return `${lines.join('\n')}\n`;
}

/** Everything an ingest stores about its cases, without timestamps. */
function stored(db: ReturnType<typeof openOrCreateWorkspace>['workspace']['db']): unknown {
  const all = (sql: string): unknown[] => db.prepare(sql).all();
  return {
    cases: all('SELECT id, line, record_id, content_hash, redacted_json, signals_json, slices_json, placeholders_json, seen_count FROM cases ORDER BY id'),
    findings: all('SELECT case_id, field, start, end, label, placeholder, source, score, original FROM vault_findings ORDER BY case_id, field, start'),
    clusters: all('SELECT case_id, cluster_id, hex(signature) AS signature, language_detected FROM case_clusters ORDER BY case_id'),
    arrivals: all('SELECT interaction_id, line FROM ingest_arrivals ORDER BY interaction_id, line'),
    queue: all('SELECT case_id, signal_mask, findings, tier, language FROM case_queue ORDER BY case_id'),
    quarantine: all('SELECT line, field FROM quarantine ORDER BY line'),
  };
}

async function ingestInto(t: TestContext, file: string, d: Deidentifier, options: IngestOptions) {
  const { workspace } = openOrCreateWorkspace(join(tempDir(t), 'ws'), PASSPHRASE);
  t.after(() => workspace.close());
  const summary = await ingestLogFile(workspace.db, d, file, options);
  return { summary, db: workspace.db };
}

test('de-identifying in the worker stores exactly what the one-thread ingest stores, repeats across batches in flight included', async (t) => {
  const file = join(tempDir(t), 'chat.jsonl');
  writeFileSync(file, log(2200));
  const one = await ingestInto(t, file, deidentifier, {});
  const piped = await ingestInto(t, file, deidentifier, { deidentifyInWorker: { termLists: EMPTY_TERM_LISTS, minBytes: 0 } });
  const counts = (s: typeof one.summary) => ({ state: s.state, records: s.records, ingested: s.ingested, duplicates: s.duplicates, quarantined: s.quarantined });
  assert.deepEqual(counts(piped.summary), { state: 'finished', records: 2206, ingested: 2200, duplicates: 4, quarantined: 2 });
  assert.deepEqual(counts(piped.summary), counts(one.summary));
  assert.deepEqual(stored(piped.db), stored(one.db));
  // The repeats count against their first arrival, in whichever batch it was.
  assert.deepEqual(piped.db.prepare('SELECT record_id FROM cases WHERE seen_count = 2 ORDER BY id').pluck().all(), ['r5', 'r39', 'r100', 'r1099']);
  const cases = JSON.stringify(piped.db.prepare('SELECT redacted_json FROM cases').pluck().all());
  assert.ok(!/dana\d+@example\.org/.test(cases), 'no e-mail left in the stored cases');
  assert.ok(cases.includes('[EMAIL_1]'));
});

test('the worker applies the term lists it is given, as the caller de-identifier does', async (t) => {
  const terms: TermLists = { allow: [], deny: [{ term: 'Project Bluebird', label: 'ORGANIZATION' }] };
  const withTerms = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  withTerms.setTermLists(terms);
  const file = join(tempDir(t), 'chat.jsonl');
  writeFileSync(file, log(300));
  const one = await ingestInto(t, file, withTerms, {});
  const piped = await ingestInto(t, file, withTerms, { deidentifyInWorker: { termLists: terms, minBytes: 0 } });
  assert.deepEqual(stored(piped.db), stored(one.db));
  assert.equal(piped.db.prepare("SELECT count(*) FROM cases WHERE redacted_json LIKE '%Bluebird%'").pluck().get(), 0);
});

test('a de-identifier the worker cannot copy (another detector) is used on this thread instead', async (t) => {
  const zebra: Recognizer = {
    name: 'zebra',
    labels: ['PERSON'],
    detect: (text) => [...text.matchAll(/Request/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, label: 'PERSON', score: 1, source: 'zebra' })),
  };
  const custom = new Deidentifier([...patternRecognizers(), zebra], null);
  const file = join(tempDir(t), 'chat.jsonl');
  writeFileSync(file, log(100));
  const piped = await ingestInto(t, file, custom, { deidentifyInWorker: { termLists: EMPTY_TERM_LISTS, minBytes: 0 } });
  assert.equal(piped.summary.ingested, 100);
  assert.equal(piped.db.prepare("SELECT count(*) FROM vault_findings WHERE source = 'zebra'").pluck().get(), 100);
});

test('a cancel with the worker stores whole batches only, counts exactly them, and a re-run adds the rest', async (t) => {
  const file = join(tempDir(t), 'chat.jsonl');
  writeFileSync(file, log(3000));
  const { workspace } = openOrCreateWorkspace(join(tempDir(t), 'ws'), PASSPHRASE);
  t.after(() => workspace.close());
  const controller = new AbortController();
  const worker = { deidentifyInWorker: { termLists: EMPTY_TERM_LISTS, minBytes: 0 } };
  const first = await ingestLogFile(workspace.db, deidentifier, file, {
    ...worker,
    signal: controller.signal,
    progressEveryMs: 0,
    onProgress: (p) => p.records >= 1500 && controller.abort(),
  });
  assert.equal(first.state, 'cancelled');
  const count = () => workspace.db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
  assert.ok(first.ingested >= 1400 && first.ingested < 3000, `stored ${first.ingested} before the cancel`);
  assert.equal(count(), first.ingested, 'the summary counts exactly what was stored');
  const second = await ingestLogFile(workspace.db, deidentifier, file, worker);
  assert.equal(second.state, 'finished');
  assert.equal(count(), 3000);
  assert.equal(workspace.db.prepare('SELECT count(*) FROM case_clusters').pluck().get(), 3000);
  assert.equal(workspace.db.prepare('SELECT count(*) FROM case_queue').pluck().get(), 3000);
});

test('when the worker fails, its batches are prepared on this thread instead and the run stores everything once', async (t) => {
  const file = join(tempDir(t), 'chat.jsonl');
  writeFileSync(file, log(1500));
  const one = await ingestInto(t, file, deidentifier, {});
  // Term lists the worker cannot read: every batch it is sent fails there.
  const broken = { deidentifyInWorker: { termLists: null as unknown as TermLists, minBytes: 0 } };
  const piped = await ingestInto(t, file, deidentifier, broken);
  assert.deepEqual({ state: piped.summary.state, ingested: piped.summary.ingested, duplicates: piped.summary.duplicates }, { state: 'finished', ingested: 1500, duplicates: 4 });
  assert.deepEqual(stored(piped.db), stored(one.db));
});

test('large records (pasted documents) go through the worker and store as on one thread', async (t) => {
  const file = join(tempDir(t), 'large.jsonl');
  const paragraph = 'The member Dana Kessler asked about claim 4471 and wrote from dana@example.org about the refill. ';
  // Some 150 KB a record.
  const lines = Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({ id: `big${i}`, messages: [{ role: 'user', content: `Document ${i}. ${paragraph.repeat(1500)}` }], choices: [{ message: { role: 'assistant', content: 'Noted.' } }] }),
  );
  writeFileSync(file, `${lines.join('\n')}\n${line(1)}\n`);
  const one = await ingestInto(t, file, deidentifier, {});
  const piped = await ingestInto(t, file, deidentifier, { deidentifyInWorker: { termLists: EMPTY_TERM_LISTS, minBytes: 0 } });
  assert.equal(piped.summary.ingested, 11);
  assert.deepEqual(stored(piped.db), stored(one.db));
});
