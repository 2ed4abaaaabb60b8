/**
 * The Langfuse reader streams a file read from disk: a first pass indexes the scores, then every generation goes
 * out as it is read, with scores attached wherever in the file they are. Records handed over without their file
 * are still held to the end (format-langfuse.test.ts).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { LocatedInteraction } from '../../main/core/ingest/formats/format.js';
import { parseJsonLine } from '../../main/core/ingest/formats/json-record.js';
import { langfuse } from '../../main/core/ingest/formats/langfuse.js';
import { fixtureLines, readLines } from '../fixtures/read-with-format.js';
import { tempDir } from '../helpers.js';

const generation = (i: number): string =>
  JSON.stringify({
    id: `obs-${i}`,
    traceId: `trace-${i}`,
    type: 'GENERATION',
    model: 'gpt-4o',
    input: [{ role: 'user', content: `question ${i}` }],
    output: { role: 'assistant', content: `answer ${i}` },
    usageDetails: { input: 10, output: 5 },
  });
const score = (target: Record<string, string>, name: string, value: number | string): string => JSON.stringify({ ...target, name, value });

type Items = ReturnType<ReturnType<typeof langfuse.open>['end']>;

/** Reads a file the way ingest does: open with the file, prepare, then each line (a throw quarantines it), the end. */
async function readFile(file: string, lines: string[]): Promise<{ perLine: number[]; items: Items; refused: { line: number; reason: string }[] }> {
  const reader = langfuse.open({ file });
  await reader.prepare?.();
  const perLine: number[] = [];
  const items: Items = [];
  const refused: { line: number; reason: string }[] = [];
  lines.forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      const out = reader.read(parseJsonLine(text), i + 1);
      perLine.push(out.length);
      items.push(...out);
    } catch (error) {
      refused.push({ line: i + 1, reason: (error as Error).message });
    }
  });
  items.push(...reader.end());
  return { perLine, items, refused };
}

test('generations go out as they are read, with scores from anywhere in the file attached', async (t) => {
  const lines = [
    score({ observationId: 'obs-2' }, 'helpfulness', 0.9),
    generation(1),
    generation(2),
    generation(3),
    score({ observationId: 'obs-1' }, 'user_feedback', 0),
    score({ traceId: 'trace-3' }, 'hallucination', 'none'),
    score({ observationId: 'obs-404' }, 'orphan', 1),
  ];
  const file = join(tempDir(t), 'export.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const { perLine, items } = await readFile(file, lines);
  // One interaction per generation line, nothing held for the end but the orphan score.
  assert.deepEqual(perLine, [0, 1, 1, 1, 0, 0, 0]);
  const interactions = items.filter((item): item is LocatedInteraction => 'interaction' in item);
  assert.deepEqual(
    interactions.map((i) => [i.line, i.interaction.signals.evaluations ?? [], i.interaction.signals.thumbs]),
    [
      [2, [{ name: 'user_feedback', score: 0 }], 'down'],
      [3, [{ name: 'helpfulness', score: 0.9 }], undefined],
      [4, [{ name: 'hallucination', label: 'none' }], undefined],
    ],
  );
  assert.deepEqual(
    items.filter((item) => 'error' in item).map((item) => [item.line, 'error' in item ? item.error.message : '']),
    [[7, 'field observationId: no generation with this id in the file; the score was not attached']],
  );
});

test('streaming and holding read the fixture export to the same cases and problems', async (t) => {
  const lines = fixtureLines('langfuse-export.jsonl');
  const file = join(tempDir(t), 'langfuse-export.jsonl');
  writeFileSync(file, lines.join('\n'));
  const held = readLines(langfuse, lines);
  const streamed = await readFile(file, lines);
  const interactions = streamed.items.filter((item): item is LocatedInteraction => 'interaction' in item).map((i) => ({ ...i.interaction, line: i.line }));
  assert.deepEqual(interactions, held.interactions);
  const problems = [...streamed.refused, ...streamed.items.flatMap((item) => ('error' in item ? [{ line: item.line, reason: item.error.message }] : []))];
  assert.deepEqual(problems, held.problems);
  assert.ok(held.problems.length > 0, 'the fixture has problems to compare');
});

test('a gzip export streams too: the first pass reads through the gzip', async (t) => {
  const lines = [generation(1), score({ observationId: 'obs-1' }, 'thumbs', 'up')];
  const file = join(tempDir(t), 'export.jsonl.gz');
  writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
  const { perLine, items } = await readFile(file, lines);
  assert.deepEqual(perLine, [1, 0]);
  assert.equal('interaction' in items[0]! && items[0].interaction.signals.thumbs, 'up');
});

test('memory: streaming a large export holds the score index, not the generations', async (t) => {
  const count = 20_000;
  const filler = 'x'.repeat(2_000);
  const file = join(tempDir(t), 'big.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1) {
    lines.push(JSON.stringify({ id: `obs-${i}`, traceId: `trace-${i}`, type: 'GENERATION', input: `question ${i} ${filler}`, output: `answer ${i} ${filler}` }));
  }
  for (let i = 0; i < count; i += 100) lines.push(score({ observationId: `obs-${i}` }, 'user_feedback', 1));
  writeFileSync(file, lines.join('\n'));
  const reader = langfuse.open({ file });
  await reader.prepare?.();
  let out = 0;
  let scored = 0;
  lines.forEach((text, i) => {
    for (const item of reader.read(parseJsonLine(text), i + 1)) {
      out += 1;
      if ('interaction' in item && item.interaction.signals.thumbs === 'up') scored += 1;
    }
  });
  // Every generation was handed on by `read` itself (none kept for `end`), each with its score.
  assert.equal(out, count);
  assert.equal(scored, count / 100);
  assert.deepEqual(reader.end(), []);
});
