/**
 * Malformed input for every importer, in a real encrypted workspace: an empty file, a UTF-8 byte order mark,
 * invalid UTF-8 bytes in a record, a truncated last line, wrong types and one 50 MB line. Each is read or
 * quarantined with its line and field, and after each the cases stored before are intact (integrity_check ok,
 * audit chain verifies, their rows unchanged).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { ingestLogFile, type IngestOptions, type IngestSummary } from '../../main/core/ingest/ingest-file.js';
import { parseSourceProfile } from '../../main/core/ingest/profiles/source-profile.js';
import { MAX_LINE_BYTES } from '../../main/core/ingest/record-source.js';
import type { Db } from '../../main/core/store/database.js';
import { openOrCreateWorkspace } from '../../main/core/store/workspace.js';
import { FIXTURES } from '../fixtures/read-with-format.js';
import { MODELS_DIR, tempDir } from '../helpers.js';

const PASSPHRASE = 'malformed passphrase';
const BIG_LINE_BYTES = 50 * 1024 * 1024;

let deidentifier: Deidentifier;
before(async () => {
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
});
after(async () => {
  await deidentifier.close();
});

/** A 32-hex-digit id unique to `i` (trace ids), or 16 digits (span ids). */
const hex = (i: number, width = 32): string => (0xabc000 + i).toString(16).padStart(width, '0');

function firstLine(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8').split('\n')[0]!;
}

/** Real-shaped records of one importer: `fresh(i)` is a distinct record; its text holds `Variant i`. */
interface Importer {
  name: string;
  options: IngestOptions;
  /** One JSONL line (or CSV row) per distinct interaction, with `Variant ${i}` in a text field. */
  fresh(i: number): string;
  /** Lines with wrong types, each with the field its quarantine entry must name. */
  wrongTypes: { line: string; field: RegExp }[];
  header?: string;
}

function fromTemplate(template: string, swaps: [string, (i: number) => string][], text: string): (i: number) => string {
  return (i) => {
    let line = template;
    for (const [from, to] of swaps) line = line.replaceAll(from, to(i));
    assert.ok(line.includes(text), `the template holds ${text}`);
    return line.replace(text, `${text} Variant ${i}`);
  };
}

const otelTemplate = firstLine('otel-genai-spans.jsonl');
const inferenceTemplate = firstLine('openinference-spans.jsonl');
const oasstTemplate = firstLine('oasst1-en10-trees.jsonl');

const IMPORTERS: Importer[] = [
  {
    name: 'openai-chat',
    options: { format: 'openai-chat' },
    fresh: (i) =>
      JSON.stringify({
        id: `chat-${i}`,
        messages: [{ role: 'user', content: `Variant ${i}: can I move my appointment? Call me on (617) 555-0187.` }],
        choices: [{ message: { role: 'assistant', content: 'Yes, I have moved it to Thursday.' } }],
        thumbs: 'down',
      }),
    wrongTypes: [
      { line: JSON.stringify({ id: 'w1', messages: 'hello there' }), field: /^messages/ },
      { line: JSON.stringify({ id: 'w2', messages: [{ role: 'user', content: 42 }] }), field: /^messages\.0/ },
    ],
  },
  {
    name: 'otel-genai',
    options: { format: 'otel-genai' },
    fresh: fromTemplate(otelTemplate, [['4bf92f3577b34da6a3ce929d0e0e4736', (i) => hex(i)]], 'Tell me a joke about OpenTelemetry.'),
    wrongTypes: [
      { line: JSON.stringify({ resourceSpans: 'not a list' }), field: /^resourceSpans/ },
      { line: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: hex(900), spanId: hex(900, 16), name: 'chat', attributes: 7 }] }] }] }), field: /resourceSpans/ },
    ],
  },
  {
    name: 'openinference',
    options: { format: 'openinference' },
    fresh: fromTemplate(inferenceTemplate, [['7a2f1b3c4d5e6f708192a3b4c5d6e7f8', (i) => hex(i)]], 'Why was I charged twice?'),
    wrongTypes: [
      { line: JSON.stringify({ resourceSpans: 'not a list' }), field: /^resourceSpans/ },
      { line: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: 'nope' }] }] }), field: /resourceSpans/ },
    ],
  },
  {
    name: 'langfuse',
    options: { format: 'langfuse' },
    fresh: (i) =>
      JSON.stringify({
        id: `gen-${i}`,
        traceId: `trace-${i}`,
        type: 'GENERATION',
        name: 'answer',
        model: 'gpt-4o',
        input: [{ role: 'user', content: `Variant ${i}: is physiotherapy covered for member 883-22-1190?` }],
        output: { role: 'assistant', content: 'Physiotherapy is covered up to 12 sessions a year.' },
      }),
    wrongTypes: [
      // Input and output may be any JSON (Langfuse keeps them as such), so the wrong types are in typed fields.
      { line: JSON.stringify({ id: 'gen-w1', traceId: 'trace-w1', type: 'GENERATION', input: 'hello', output: 'ok', latency: 'slow' }), field: /^latency$/ },
      { line: JSON.stringify({ id: 'gen-w2', traceId: { id: 7 }, type: 'GENERATION', input: 'hello', output: 'ok' }), field: /^traceId$/ },
    ],
  },
  {
    name: 'oasst',
    options: { format: 'oasst' },
    fresh: fromTemplate(oasstTemplate, [['054e1df3-35e0-4bb8-a585-607dbdcd24e0', (i) => `tree-${i}`]], 'How can I find the best 401k plan for my needs?'),
    wrongTypes: [
      { line: JSON.stringify({ message_tree_id: 'w1', prompt: 'not a message' }), field: /^prompt/ },
      { line: JSON.stringify({ message_tree_id: 'w2', prompt: { message_id: 'w2', text: 42, role: 'prompter', replies: [] } }), field: /^prompt/ },
    ],
  },
  {
    name: 'csv profile',
    header: 'id,question,answer,rating,latency',
    options: {
      profile: {
        name: 'support-csv',
        version: 1,
        profile: parseSourceProfile({
          name: 'support-csv',
          kind: 'csv',
          mapping: { recordId: 'id', prompt: 'question', response: 'answer', signals: { thumbs: { field: 'rating' }, latency_ms: 'latency' }, slices: {} },
        }),
      },
    },
    fresh: (i) => `r${i},"Variant ${i}: when is my refill due? I am on (617) 555-0187","It is due on Monday.",down,${1200 + i}`,
    wrongTypes: [{ line: 'w1,"A question","An answer",up,fast', field: /^latency$/ }],
  },
];

/** Writes the lines (with the importer's header, if any) to a new file and returns its path. */
function write(dir: string, name: string, importer: Importer, lines: (string | Buffer)[], options: { bom?: boolean; trailingNewline?: boolean } = {}): string {
  const path = join(dir, name);
  const all = importer.header ? [importer.header, ...lines] : lines;
  const parts: Buffer[] = options.bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
  all.forEach((line, i) => {
    parts.push(typeof line === 'string' ? Buffer.from(line) : line);
    if (i < all.length - 1 || options.trailingNewline !== false) parts.push(Buffer.from('\n'));
  });
  writeFileSync(path, Buffer.concat(parts));
  return path;
}

/** Stored rows and their checksum: they must never change while later files are read. */
function snapshot(db: Db): { cases: number; digest: string } {
  const rows = db.prepare('SELECT c.id, c.content_hash, c.redacted_json, v.raw_json FROM cases c JOIN vault_interactions v ON v.id = c.id ORDER BY c.id').all();
  return { cases: rows.length, digest: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
}

/** The workspace is sound and every case stored before is there unchanged. */
function assertIntact(db: Db, before: { cases: number; digest: string }, label: string): void {
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok', `${label}: integrity_check`);
  assert.ok(verifyAuditChain(db).ok, `${label}: the audit chain verifies`);
  const rows = db.prepare('SELECT c.id, c.content_hash, c.redacted_json, v.raw_json FROM cases c JOIN vault_interactions v ON v.id = c.id ORDER BY c.id LIMIT ?').all(before.cases);
  assert.equal(createHash('sha256').update(JSON.stringify(rows)).digest('hex'), before.digest, `${label}: earlier cases unchanged`);
}

/** A line of about `bytes` bytes, written in pieces so the test itself never holds it whole. */
function writeBigFile(path: string, importer: Importer, before: string, after: string): void {
  const fd = openSync(path, 'w');
  try {
    if (importer.header) writeSync(fd, `${importer.header}\n`);
    writeSync(fd, `${before}\n`);
    const piece = 'x'.repeat(1024 * 1024);
    if (importer.header) {
      writeSync(fd, 'big,"');
      for (let written = 0; written < BIG_LINE_BYTES; written += piece.length) writeSync(fd, piece);
      writeSync(fd, '",answer,up,1\n');
    } else {
      writeSync(fd, '{"id":"big","messages":[{"role":"user","content":"');
      for (let written = 0; written < BIG_LINE_BYTES; written += piece.length) writeSync(fd, piece);
      writeSync(fd, '"}]}\n');
    }
    writeSync(fd, `${after}\n`);
  } finally {
    closeSync(fd);
  }
}

const quarantined = (s: IngestSummary): [number, string | null, string][] => s.quarantine.map((q) => [q.line, q.field, q.reason]);

for (const importer of IMPORTERS) {
  test(`${importer.name}: malformed input is read or quarantined by line and field; stored cases stay intact`, async (t) => {
    const dir = tempDir(t);
    const { workspace } = openOrCreateWorkspace(join(dir, 'ws'), PASSPHRASE);
    const db = workspace.db;
    const ingest = (path: string): Promise<IngestSummary> => ingestLogFile(db, deidentifier, path, importer.options);
    try {
      // A clean file first: what every later file must leave untouched.
      const clean = await ingest(write(dir, 'clean.jsonl', importer, [importer.fresh(1), importer.fresh(2)]));
      // One record may hold several interactions (an OpenAssistant tree has one per reply).
      const unit = clean.ingested / 2;
      assert.ok(unit >= 1 && Number.isInteger(unit), `the clean file ingests (${clean.ingested})`);
      assert.equal(clean.quarantined, 0);
      let stored = snapshot(db);

      // An empty file: a run is recorded, nothing is read or stored.
      const empty = await ingest(write(dir, 'empty.jsonl', { ...importer, header: undefined }, []));
      assert.deepEqual({ state: empty.state, records: empty.records, ingested: empty.ingested, quarantined: empty.quarantined }, { state: 'finished', records: 0, ingested: 0, quarantined: 0 });
      assert.equal(db.prepare('SELECT records FROM ingest_runs WHERE id = ?').pluck().get(empty.runId), 0, 'the empty run is recorded');
      assertIntact(db, stored, 'empty file');

      // A byte order mark is dropped: the first record reads normally.
      const bom = await ingest(write(dir, 'bom.jsonl', importer, [importer.fresh(10), importer.fresh(11)], { bom: true }));
      assert.deepEqual([bom.ingested, bom.quarantined], [2 * unit, 0], 'a BOM file reads normally');
      if (importer.options.format) {
        // Detection sees the first record without the mark too.
        const detected = await ingestLogFile(db, deidentifier, write(dir, 'bom-detect.jsonl', importer, [importer.fresh(12)], { bom: true }));
        assert.deepEqual([detected.format, detected.ingested, detected.quarantined], [importer.options.format, unit, 0], 'a BOM file is detected as its format');
      }
      assertIntact(db, stored, 'BOM');
      stored = snapshot(db);

      // Invalid UTF-8 inside a text field: quarantined with its line and the field, the next record stored.
      const broken = Buffer.from(importer.fresh(20));
      const at = broken.indexOf('Variant 20');
      broken[at] = 0xff;
      broken[at + 1] = 0xfe;
      const invalid = await ingest(write(dir, 'invalid-utf8.jsonl', importer, [broken, importer.fresh(21)]));
      assert.equal(invalid.ingested, unit, 'the valid record after it is stored');
      assert.equal(invalid.quarantined, 1);
      const [line, field, reason] = quarantined(invalid)[0]!;
      assert.equal(line, importer.header ? 2 : 1);
      assert.ok(field, `the invalid UTF-8 entry names a field (${reason})`);
      assert.match(reason, /not valid UTF-8/);
      assertIntact(db, stored, 'invalid UTF-8');
      stored = snapshot(db);

      // A truncated last line (no line break, cut mid-record): quarantined with its line number.
      const whole = importer.fresh(31);
      const truncated = await ingest(write(dir, 'truncated.jsonl', importer, [importer.fresh(30), whole.slice(0, Math.floor(whole.length / 2))], { trailingNewline: false }));
      assert.equal(truncated.ingested, unit);
      assert.deepEqual(
        quarantined(truncated).map(([l]) => l),
        [importer.header ? 3 : 2],
      );
      assert.match(truncated.quarantine[0]!.reason, importer.header ? /quoted field is never closed|fields where the header has/ : /not valid JSON/);
      assertIntact(db, stored, 'truncated line');
      stored = snapshot(db);

      // Wrong types: each quarantined naming the field at fault.
      const wrong = await ingest(write(dir, 'wrong-types.jsonl', importer, [...importer.wrongTypes.map((w) => w.line), importer.fresh(40)]));
      assert.equal(wrong.ingested, unit, 'the well-typed record after them is stored');
      assert.equal(wrong.quarantined, importer.wrongTypes.length, JSON.stringify(quarantined(wrong)));
      importer.wrongTypes.forEach((w, i) => {
        const entry = wrong.quarantine[i]!;
        assert.equal(entry.line, i + 1 + (importer.header ? 1 : 0));
        assert.match(entry.field ?? '', w.field, `wrong-type line ${i + 1}: ${entry.field} / ${entry.reason}`);
      });
      assertIntact(db, stored, 'wrong types');
      stored = snapshot(db);

      // One 50 MB line: skipped as too long without being held, the records around it stored.
      const bigPath = join(dir, 'big-line.jsonl');
      writeBigFile(bigPath, importer, importer.fresh(50), importer.fresh(51));
      let peak = 0;
      const base = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss - base);
      }, 5);
      const big = await ingest(bigPath);
      clearInterval(sampler);
      assert.equal(big.ingested, 2 * unit, 'the records before and after the long line are stored');
      assert.deepEqual(
        quarantined(big).map(([l, f]) => [l, f]),
        [[importer.header ? 3 : 2, null]],
      );
      assert.match(big.quarantine[0]!.reason, /line too long/);
      assert.ok(peak < 2 * MAX_LINE_BYTES + 64 * 1024 * 1024, `memory grew by ${Math.round(peak / 1048576)} MiB reading a 50 MiB line`);
      t.diagnostic(`${importer.name}: rss grew by at most ${Math.round(peak / 1048576)} MiB reading a 50 MiB line`);
      assertIntact(db, stored, '50 MB line');
    } finally {
      workspace.close();
    }
  });
}
