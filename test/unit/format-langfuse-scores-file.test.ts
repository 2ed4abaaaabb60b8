/**
 * Langfuse scores exported to a file of their own (the scores table's export, the blob export's `scores/` folder)
 * are joined to the observations file beside them in the reader's first pass; an orphan or malformed score in that
 * file is reported naming it and its line.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { LateProblem, LocatedInteraction } from '../../main/core/ingest/formats/format.js';
import { langfuse, scoresFileOf } from '../../main/core/ingest/formats/langfuse.js';
import { jsonRecords } from '../../main/core/ingest/record-source.js';
import { openSource } from '../../main/core/ingest/source-stream.js';
import { tempDir } from '../helpers.js';

const generation = (i: number): Record<string, unknown> => ({
  id: `obs-${i}`,
  traceId: `trace-${i}`,
  type: 'GENERATION',
  model: 'gpt-4o',
  input: [{ role: 'user', content: `question ${i}` }],
  output: { role: 'assistant', content: `answer ${i}` },
});

/** Reads `file` the way ingest does: prepare, then every record of the file (array or lines), then the end. */
async function readFile(file: string): Promise<{ interactions: LocatedInteraction[]; problems: string[] }> {
  const reader = langfuse.open({ file });
  await reader.prepare?.();
  const items: (LocatedInteraction | LateProblem)[] = [];
  const source = openSource(file);
  try {
    for await (const { record, line } of jsonRecords(source.stream, file)) if (record) items.push(...reader.read(record, line));
  } finally {
    source.close();
  }
  items.push(...reader.end());
  return {
    interactions: items.filter((i): i is LocatedInteraction => 'interaction' in i),
    problems: items.flatMap((i) => ('error' in i ? [`${i.line} ${i.error.message}`] : [])),
  };
}

test('the scores file beside a UI observations export is joined; its orphans and bad records name it', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'observations.json'), JSON.stringify([generation(1), generation(2)], null, 2));
  writeFileSync(
    join(dir, 'scores.json'),
    JSON.stringify(
      [
        { id: 's1', traceId: 'trace-1', observationId: 'obs-1', name: 'user_feedback', value: 0, source: 'API', dataType: 'NUMERIC' },
        { id: 's2', traceId: 'trace-2', name: 'hallucination', value: 'none', source: 'EVAL', dataType: 'CATEGORICAL' },
        { id: 's3', traceId: 'trace-9', observationId: 'obs-9', name: 'orphan', value: 1 },
        { id: 's4', traceId: 'trace-1', name: 'broken', value: { nested: true } },
      ],
      null,
      2,
    ),
  );
  assert.equal(scoresFileOf(join(dir, 'observations.json')), join(dir, 'scores.json'));
  const { interactions, problems } = await readFile(join(dir, 'observations.json'));
  assert.deepEqual(
    interactions.map((i) => [i.line, i.interaction.signals.evaluations ?? [], i.interaction.signals.thumbs]),
    [
      [2, [{ name: 'user_feedback', score: 0 }], 'down'],
      [18, [{ name: 'hallucination', label: 'none' }], undefined],
    ],
  );
  assert.deepEqual(problems, [
    '2 field scores.json line 26: value: expected a number, string or boolean',
    '18 field scores.json line 19: observationId: no generation with this id in the observations file; the score was not attached',
  ]);
});

test('the blob export layout: observations/F.jsonl beside scores/F.jsonl.gz (snake_case)', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'observations'));
  mkdirSync(join(dir, 'scores'));
  const file = join(dir, 'observations', '2025-03-01T10-00.jsonl');
  writeFileSync(file, `${JSON.stringify({ ...generation(1), trace_id: 'trace-1', traceId: undefined })}\n`);
  writeFileSync(join(dir, 'scores', '2025-03-01T10-00.jsonl.gz'), gzipSync(`${JSON.stringify({ id: 's1', trace_id: 'trace-1', observation_id: 'obs-1', name: 'helpfulness', value: 0.8, data_type: 'NUMERIC' })}\n`));
  assert.equal(scoresFileOf(file), join(dir, 'scores', '2025-03-01T10-00.jsonl.gz'));
  const { interactions, problems } = await readFile(file);
  assert.deepEqual(problems, []);
  assert.deepEqual(interactions[0]!.interaction.signals.evaluations, [{ name: 'helpfulness', score: 0.8 }]);
});

test('scores files are looked for by name: observations → scores, NAME.scores.EXT, never the file itself', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'lf-scores-export.jsonl'), '');
  assert.equal(scoresFileOf(join(dir, 'lf-observations-export.jsonl.gz')), join(dir, 'lf-scores-export.jsonl'));
  writeFileSync(join(dir, 'run.scores.json.gz'), gzipSync(''));
  assert.equal(scoresFileOf(join(dir, 'run.json')), join(dir, 'run.scores.json.gz'));
  assert.equal(scoresFileOf(join(dir, 'other.json')), null);
  assert.equal(scoresFileOf(join(dir, 'run.scores.json.gz')), null);
});
