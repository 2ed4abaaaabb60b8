import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LogFormatId } from '../../preload/api.js';
import { QuarryError } from '../../main/core/errors.js';
import type { JsonRecord } from '../../main/core/ingest/formats/format.js';
import { parseJsonLine } from '../../main/core/ingest/formats/json-record.js';
import { detectLogFormat, LOG_FORMAT_IDS, logFormat } from '../../main/core/ingest/formats/registry.js';
import { EXAMPLE_LOG } from '../helpers.js';
import { FIXTURES } from '../fixtures/read-with-format.js';

/** The first parsed records of a file, as ingest samples them. */
function sample(file: string): JsonRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, 8)
    .flatMap((line) => {
      try {
        return [parseJsonLine(line)];
      } catch {
        return [];
      }
    });
}

test('each fixture is detected as its format', () => {
  const expected: [string, string][] = [
    [join(FIXTURES, 'otel-genai-spans.jsonl'), 'otel-genai'],
    [join(FIXTURES, 'openinference-spans.jsonl'), 'openinference'],
    [join(FIXTURES, 'langfuse-export.jsonl'), 'langfuse'],
    [join(FIXTURES, 'oasst1-en10-trees.jsonl'), 'oasst'],
    [join(FIXTURES, 'canary-log.jsonl'), 'openai-chat'],
    [EXAMPLE_LOG, 'openai-chat'],
  ];
  for (const [file, id] of expected) assert.equal(detectLogFormat(sample(file), file).id, id, file);
});

test('a shape no format knows is refused with the list of known formats', () => {
  const file = join(FIXTURES, 'unknown-format.jsonl');
  assert.throws(
    () => detectLogFormat(sample(file), 'unknown-format.jsonl'),
    (error: unknown) =>
      error instanceof QuarryError &&
      error.code === 'ingest-format-unknown' &&
      error.message.startsWith('unknown-format.jsonl does not look like any known log format') &&
      LOG_FORMAT_IDS.every((id) => error.message.includes(id)),
  );
  assert.throws(() => detectLogFormat([], 'empty.jsonl'), /empty\.jsonl has no readable JSON record in its first lines/);
  assert.throws(() => logFormat('csv'), /Unknown log format "csv"\. Known formats: openinference/);
});

test('the bridge contract offers exactly the registered formats', () => {
  assert.deepEqual([...LogFormatId.options].sort(), [...LOG_FORMAT_IDS].sort());
});
