/**
 * Property-based fuzzing of every log format reader: arbitrary JSON records, and real fixture records with a
 * random part replaced, deleted or made hostile. Each record is read into interactions or refused with a
 * RecordError naming why (and the field, where there is one); nothing else is ever thrown, and no refusal quotes
 * the record's text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { RecordError, type JsonRecord, type LateProblem, type LocatedInteraction, type LogFormat } from '../../main/core/ingest/formats/format.js';
import { parseJsonLine } from '../../main/core/ingest/formats/json-record.js';
import { LOG_FORMATS } from '../../main/core/ingest/formats/registry.js';
import { fixtureLines } from '../fixtures/read-with-format.js';
import { EXAMPLE_LOG, MODELS_DIR, tempDir } from '../helpers.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { QuarryError } from '../../main/core/errors.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { createWorkspace } from '../../main/core/store/workspace.js';

// A failure report then says what went wrong, not only which input.
fc.configureGlobal({ includeErrorInReport: true });
const RUNS = Number(process.env.QUARRY_FUZZ_RUNS ?? 150);
/** Planted in every string the fuzzer writes: a refusal that quotes the record would carry it. */
const CANARY = 'Qx7Canary';

const FIXTURES: Record<string, string[]> = {
  'openai-chat': readFileSync(EXAMPLE_LOG, 'utf8').split('\n'),
  'otel-genai': fixtureLines('otel-genai-spans.jsonl'),
  openinference: fixtureLines('openinference-spans.jsonl'),
  langfuse: fixtureLines('langfuse-export.jsonl'),
  oasst: fixtureLines('oasst1-en10-trees.jsonl'),
};

function records(lines: readonly string[]): JsonRecord[] {
  return lines.flatMap((line) => {
    try {
      return [parseJsonLine(line)];
    } catch {
      return [];
    }
  });
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => `${CANARY}${s}`),
  fc.constantFrom(`${CANARY}\u0000nul`, `../../${CANARY}`, `${CANARY}\u202e\u200b`, `${CANARY}${'x'.repeat(5000)}`, `${CANARY}😀𝔘ñ`),
);
/** JSON values whose strings all carry the canary. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('messages', 'choices', 'role', 'content', 'attributes', 'spans', 'type', 'name', '__proto__')), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const hostileRecord = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('id', 'messages', 'choices', 'resourceSpans', 'attributes', 'observations', 'type', 'replies', 'text', 'role')),
  hostileJson,
  { maxKeys: 6 },
) as fc.Arbitrary<JsonRecord>;

/** Every path to a value inside a JSON value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = prefix.length ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
  return here;
}

/** A copy of `record` with the value at one path replaced by `replacement`, or deleted when it is undefined. */
function mutate(record: JsonRecord, pick: number, replacement: unknown): JsonRecord {
  const copy = structuredClone(record);
  const all = paths(copy);
  if (all.length === 0) return copy;
  const path = all[pick % all.length]!;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else {
    parent[last] = replacement;
  }
  return copy;
}

/** What the fuzzing saw, so a test can show it exercised both outcomes. */
const seen = { read: 0, refused: 0 };

function checkItems(items: readonly (LocatedInteraction | LateProblem)[], maxLine: number): void {
  for (const item of items) {
    if ('error' in item) seen.refused += 1;
    else seen.read += 1;
    assert.ok(Number.isInteger(item.line) && item.line >= 1 && item.line <= maxLine, `line ${item.line}`);
    if ('error' in item) {
      checkRefusal(item.error);
      continue;
    }
    const { interaction } = item;
    assert.ok(Array.isArray(interaction.messages));
    for (const m of [...interaction.messages, ...(interaction.response ? [interaction.response] : [])]) {
      assert.equal(typeof m.role, 'string');
      assert.equal(typeof m.content, 'string');
    }
    assert.ok(interaction.messages.length > 0 || interaction.response !== null, 'an interaction has some text');
  }
}

function checkRefusal(error: unknown): void {
  assert.ok(error instanceof RecordError, `only RecordError may be thrown, got ${(error as Error)?.stack ?? String(error)}`);
  assert.ok(error.message.length > 0, 'a refusal says why');
  assert.ok(!error.message.includes(CANARY), `the refusal quotes the record: ${error.message.slice(0, 200)}`);
}

/** Feeds records to one reader as lines 1..n, then ends it; every outcome must be an interaction or a refusal. */
function readAll(format: LogFormat, input: readonly JsonRecord[]): void {
  const reader = format.open();
  input.forEach((record, i) => {
    try {
      checkItems(reader.read(record, i + 1), i + 1);
    } catch (error) {
      seen.refused += 1;
      checkRefusal(error);
    }
  });
  checkItems(reader.end(), input.length);
}

test('a JSONL line is an object or a refusal that gives a column, never the text', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string().map((s) => `${CANARY}${s}`), fc.json().map((j) => `${j}${CANARY}`), hostileJson.map((v) => JSON.stringify(v) ?? CANARY)), (line) => {
      try {
        const record = parseJsonLine(line);
        assert.ok(record && typeof record === 'object' && !Array.isArray(record));
      } catch (error) {
        checkRefusal(error);
      }
    }),
    { numRuns: RUNS * 2 },
  );
});

for (const format of LOG_FORMATS) {
  const seeds = records(FIXTURES[format.id] ?? []);

  test(`${format.id}: arbitrary records are read or refused with a reason, never thrown`, () => {
    fc.assert(fc.property(fc.array(hostileRecord, { minLength: 1, maxLength: 4 }), (input) => readAll(format, input)), { numRuns: RUNS });
  });

  test(`${format.id}: real records with one part replaced, deleted or hostile are read or refused`, () => {
    assert.ok(seeds.length > 0, `a fixture for ${format.id}`);
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.nat(), fc.option(hostileJson, { nil: undefined, freq: 3 }))
      .map(([record, pick, replacement]) => mutate(record, pick, replacement));
    seen.read = 0;
    seen.refused = 0;
    fc.assert(fc.property(fc.array(mutated, { minLength: 1, maxLength: 6 }), (input) => readAll(format, input)), { numRuns: RUNS });
    assert.ok(seen.read > 0 && seen.refused > 0, `both outcomes exercised (${seen.read} read, ${seen.refused} refused)`);
  });

  test(`${format.id}: detection never throws on arbitrary first records`, () => {
    fc.assert(
      fc.property(fc.array(hostileRecord, { maxLength: 4 }), (sample) => {
        assert.equal(typeof format.detect(sample), 'boolean');
      }),
      { numRuns: RUNS },
    );
  });
}

test('whole files of mixed good, damaged and garbage lines: every line is stored, skipped or quarantined with its line number', async (t) => {
  const dir = tempDir(t);
  const workspace = createWorkspace(join(dir, 'ws'), 'fuzz passphrase');
  const deid = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
  t.after(async () => {
    workspace.close();
    await deid.close();
  });
  const seeds = records(FIXTURES['openai-chat']!);
  const line = fc.oneof(
    fc.constantFrom(...seeds).map((r) => JSON.stringify(r)),
    fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.option(hostileJson, { nil: undefined })).map(([r, p, v]) => JSON.stringify(mutate(r, p, v))),
    fc.string({ maxLength: 60 }).map((s) => `${CANARY}${s.replace(/\n/g, ' ')}`),
    fc.constant(''),
  );
  let file = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 12 }), async (lines) => {
      const path = join(dir, `f${(file += 1)}.jsonl`);
      writeFileSync(path, lines.join('\n'));
      const runsBefore = workspace.db.prepare('SELECT count(*) FROM ingest_runs').pluck().get() as number;
      try {
        const summary = await ingestLogFile(workspace.db, deid, path, { format: 'openai-chat' });
        const nonEmpty = lines.filter((l) => l.trim() !== '').length;
        assert.equal(summary.ingested + summary.duplicates + summary.quarantined, nonEmpty, 'every line is accounted for');
        for (const q of summary.quarantine) {
          assert.ok(q.line >= 1 && q.line <= lines.length && lines[q.line - 1]!.trim() !== '', `quarantined line ${q.line} is a real line`);
          assert.ok(q.reason.length > 0 && !q.reason.includes(CANARY), `reason quotes the record: ${q.reason.slice(0, 120)}`);
        }
      } catch (error) {
        assert.ok(error instanceof QuarryError, String((error as Error).stack));
        assert.equal(workspace.db.prepare('SELECT count(*) FROM ingest_runs').pluck().get(), runsBefore, 'a refused file stores nothing');
      }
    }),
    { numRuns: Math.max(10, Math.round(RUNS / 5)) },
  );
  assert.equal(workspace.db.pragma('integrity_check', { simple: true }), 'ok');
});
