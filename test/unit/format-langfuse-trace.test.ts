/**
 * A Langfuse trace with its observations and scores nested (the API's GET /api/public/traces/{id}, the trace view's
 * JSON download): each GENERATION is an interaction with the trace's session and scores, in the holding reader (records
 * handed over) and the streaming one (a file on disk) alike; problems inside a trace name the nested field.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { detectLogFormat } from '../../main/core/ingest/formats/registry.js';
import { langfuse } from '../../main/core/ingest/formats/langfuse.js';
import { FIXTURES, readLines, type ReadOutcome } from '../fixtures/read-with-format.js';
import { tempDir } from '../helpers.js';

const TRACE = JSON.parse(readFileSync(join(FIXTURES, 'langfuse-trace.json'), 'utf8')) as Record<string, unknown>;
const oneLine = (record: unknown): string => JSON.stringify(record);

function assertTraceRead({ interactions, problems }: ReadOutcome): void {
  assert.deepEqual(
    interactions.map((i) => [i.line, i.recordId, i.conversationId]),
    [
      [1, 'gen-claims-7-draft', 'sess-claims-7'],
      [1, 'gen-claims-7-polish', 'sess-claims-7'],
    ],
  );
  const [draft, polish] = interactions;
  assert.deepEqual(
    draft!.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.equal(draft!.response!.content, 'She can appeal within 60 days of the decision.');
  // The observation's own score and the trace-level one; the polish step gets only the trace-level one.
  assert.deepEqual(draft!.signals, {
    latency_ms: 1500,
    cost_usd: 0.0031,
    input_tokens: 41,
    output_tokens: 11,
    thumbs: 'down',
    evaluations: [
      { name: 'faithfulness', score: 0.35 },
      { name: 'user-feedback', score: 0 },
    ],
  });
  assert.deepEqual(polish!.signals.evaluations, [{ name: 'user-feedback', score: 0 }]);
  assert.deepEqual(draft!.slices, { model: 'gpt-4o', product_area: 'claims' });
  assert.deepEqual(polish!.slices, { model: 'gpt-4o-mini' });
  assert.deepEqual(problems, [{ line: 1, reason: 'field scores: observationId: no generation with this id in the trace; the score was not attached' }]);
}

test('a trace download is detected as Langfuse', () => {
  assert.equal(detectLogFormat([TRACE as never], 'trace.json').id, 'langfuse');
});

test('records handed over: each generation of the trace is an interaction with its nested scores', () => {
  assertTraceRead(readLines(langfuse, [oneLine(TRACE)]));
});

test('a file on disk (streaming reader): the same interactions, and a score elsewhere in the file joins them', async (t) => {
  const file = join(tempDir(t), 'traces.jsonl');
  const extra = { traceId: 'trace-claims-7', observationId: 'gen-claims-7-polish', name: 'conciseness', value: 1 };
  writeFileSync(file, `${oneLine(TRACE)}\n${oneLine(extra)}\n`);
  const reader = langfuse.open({ file });
  await reader.prepare!();
  const items = [...reader.read(TRACE as never, 1), ...reader.read(extra as never, 2), ...reader.end()];
  const interactions = items.flatMap((item) => ('error' in item ? [] : [item.interaction]));
  assert.deepEqual(
    interactions.map((i) => i.signals.evaluations),
    [
      [
        { name: 'faithfulness', score: 0.35 },
        { name: 'user-feedback', score: 0 },
      ],
      [
        { name: 'user-feedback', score: 0 },
        { name: 'conciseness', score: 1 },
      ],
    ],
  );
  const problems = items.flatMap((item) => ('error' in item ? [item.error.message] : []));
  assert.deepEqual(problems, ['field scores: observationId: no generation with this id in the trace; the score was not attached']);
});

test('a trace without generations is one interaction from its own input and output', () => {
  const bare = { ...TRACE, observations: [(TRACE.observations as object[])[0]], scores: [] };
  const { interactions, problems } = readLines(langfuse, [oneLine(bare)]);
  assert.deepEqual(problems, []);
  assert.equal(interactions.length, 1);
  assert.equal(interactions[0]!.recordId, 'trace-claims-7');
  assert.deepEqual(interactions[0]!.signals, { latency_ms: 3100, cost_usd: 0.0047 });
  assert.equal(interactions[0]!.response!.content, 'Yes, within 60 days.');
});

test('problems inside a trace name the nested field; the trace\'s good generations are still read', () => {
  const observations = TRACE.observations as Record<string, unknown>[];
  const broken = {
    ...TRACE,
    observations: [observations[1], { ...observations[2], input: null }, 'not an observation', { ...observations[2], id: 'gen-x', calculatedTotalCost: -2 }],
    scores: [{ name: 'tone', value: { nested: true } }],
  };
  const { interactions, problems } = readLines(langfuse, [oneLine(broken)]);
  assert.deepEqual(
    interactions.map((i) => i.recordId),
    ['gen-claims-7-draft'],
  );
  assert.deepEqual(
    problems.map((p) => p.reason),
    [
      'field observations.1.input: missing',
      'field observations.2: expected an observation object',
      'field observations.3.calculatedTotalCost: expected a non-negative number',
      'field scores.0.value: expected a number, string or boolean',
    ],
  );
  const empty = readLines(langfuse, [oneLine({ id: 't', observations: [], scores: [] })]);
  assert.deepEqual(empty.problems, [{ line: 1, reason: 'field observations: a trace with no GENERATION observation and no input of its own: nothing to read' }]);
  const badScores = readLines(langfuse, [oneLine({ ...TRACE, scores: 'none' })]);
  assert.deepEqual(badScores.problems, [{ line: 1, reason: 'field scores: expected a list of scores' }]);
});
