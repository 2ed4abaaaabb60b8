/**
 * The trace assembler's bound in spans: export requests as a collector writes them hold hundreds or thousands of
 * spans each, so the window in records (TRACE_WINDOW) alone would hold whole files; past MAX_HELD spans and joined
 * records the least recently touched traces are assembled early.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LateProblem, LocatedInteraction } from '../../main/core/ingest/formats/format.js';
import { MAX_HELD, TraceAssembler, type TraceSpan } from '../../main/core/ingest/formats/trace-assembly.js';
import type { RawText } from '../../main/core/text.js';

function chat(line: number, traceId: string, spanId = 'chat'): TraceSpan {
  return {
    line,
    traceId,
    spanId,
    parentId: null,
    kind: 'model',
    startMs: line,
    endMs: line + 1,
    input: [{ role: 'user', content: `question ${traceId}` as RawText }],
    output: [{ role: 'assistant', content: `answer ${traceId}` as RawText }],
    toolMessage: null,
    evaluations: [],
    signals: {},
    slices: {},
  };
}

test('big export requests: what is held stays near the bound, not the file; every trace is still one case', () => {
  const maxHeld = 1_000;
  const perLine = 400;
  const assembler = new TraceAssembler('gen_ai.input.messages', 256, { maxHeld });
  const out: (LocatedInteraction | LateProblem)[] = [];
  let peak = 0;
  for (let line = 1; line <= 100; line += 1) {
    for (let i = 0; i < perLine; i += 1) assembler.add(chat(line, `t${line}-${i}`));
    out.push(...assembler.ready(line));
    peak = Math.max(peak, assembler.held().spans);
  }
  out.push(...assembler.assemble());
  // The bound, plus the record in hand (never assembled early).
  assert.ok(peak <= maxHeld + perLine, `held at most ${maxHeld + perLine} spans (${peak})`);
  assert.equal(out.filter((item) => 'interaction' in item).length, 100 * perLine);
  assert.ok(out.every((item) => 'interaction' in item));
  assert.ok(MAX_HELD >= 2 * 8192, 'the default holds two collector batches');
});

test('a trace touched by the record in hand is not assembled early; one continued after eviction is reported late', () => {
  const assembler = new TraceAssembler('gen_ai.input.messages', 256, { maxHeld: 10 });
  const out: (LocatedInteraction | LateProblem)[] = [];
  // "long" gets a span on every line: always touched by the record in hand, so never split.
  for (let line = 1; line <= 5; line += 1) {
    for (let i = 0; i < 10; i += 1) assembler.add(chat(line, `l${line}-${i}`));
    assembler.add(chat(line, 'long', `s${line}`));
    out.push(...assembler.ready(line));
  }
  assert.ok(!out.some((item) => 'interaction' in item && item.interaction.recordId?.startsWith('long:')), 'the long trace is still open');
  // l1-0 was assembled early; a span of it now is late.
  assembler.add(chat(6, 'l1-0', 'again'));
  out.push(...assembler.ready(6), ...assembler.assemble());
  const late = out.filter((item): item is LateProblem => 'error' in item);
  assert.equal(late.length, 1);
  assert.match(late[0]!.error.message, /span arrived more than 256 records after the rest of its trace \(or after 10 other spans\)/);
  assert.equal(out.filter((item) => 'interaction' in item && item.interaction.recordId?.startsWith('long:')).length, 5, 'five sibling chat spans of the long trace');
});
