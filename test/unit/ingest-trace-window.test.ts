import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LateProblem, LocatedInteraction } from '../../main/core/ingest/formats/format.js';
import { otelGenAi } from '../../main/core/ingest/formats/otel-genai.js';
import { TRACE_WINDOW, TraceAssembler, type TraceSpan } from '../../main/core/ingest/formats/trace-assembly.js';
import type { RawText } from '../../main/core/text.js';

function span(line: number, traceId: string, spanId: string, parentId: string | null, kind: TraceSpan['kind'], text: string): TraceSpan {
  return {
    line,
    traceId,
    spanId,
    parentId,
    kind,
    startMs: line,
    endMs: line + 1,
    input: kind === 'agent' ? [{ role: 'user', content: `question ${text}` as RawText }] : [],
    output: kind === 'tool' ? [] : [{ role: 'assistant', content: `answer ${text}` as RawText }],
    toolMessage: kind === 'tool' ? { role: 'tool', content: `tool ${text}` as RawText } : null,
    evaluations: [],
    signals: {},
    slices: {},
  };
}

const interactions = (items: (LocatedInteraction | LateProblem)[]) => items.filter((i): i is LocatedInteraction => 'interaction' in i);

test('traces are assembled once quiet for the window, so what is held is bounded by the window, not the file', () => {
  const assembler = new TraceAssembler('gen_ai.input.messages');
  const out: (LocatedInteraction | LateProblem)[] = [];
  let peak = 0;
  const traces = 5000;
  // Each trace's spans arrive over three consecutive lines, children before the root, as exporters send them.
  for (let t = 0, line = 1; t < traces; t += 1) {
    assembler.add(span(line, `t${t}`, 'tool', 'agent', 'tool', `${t}`));
    out.push(...assembler.ready(line++));
    assembler.add(span(line, `t${t}`, 'llm', 'agent', 'model', `${t}`));
    out.push(...assembler.ready(line++));
    assembler.add(span(line, `t${t}`, 'agent', null, 'agent', `${t}`));
    out.push(...assembler.ready(line++));
    peak = Math.max(peak, assembler.held().spans);
  }
  out.push(...assembler.assemble());
  assert.ok(peak <= TRACE_WINDOW + 3, `held at most the window's spans (${peak})`);
  const cases = interactions(out);
  assert.equal(cases.length, traces, 'one case per trace, none split by the window');
  assert.deepEqual(
    cases[0]!.interaction.messages.map((m) => m.role),
    ['user', 'tool'],
  );
  assert.equal(cases[0]!.interaction.response?.content, 'answer 0');
  assert.equal(assembler.held().spans, 0);
});

test('spans of one trace interleaved with others within the window still make one case; a later one is quarantined', () => {
  const assembler = new TraceAssembler('gen_ai.input.messages', 10);
  const out: (LocatedInteraction | LateProblem)[] = [];
  assembler.add(span(1, 'a', 'tool', 'root', 'tool', 'a'));
  out.push(...assembler.ready(1));
  for (let line = 2; line < 9; line += 1) {
    assembler.add(span(line, `other${line}`, 'root', null, 'model', `${line}`));
    out.push(...assembler.ready(line));
  }
  assembler.add(span(9, 'a', 'root', null, 'agent', 'a'));
  out.push(...assembler.ready(9));
  for (let line = 10; line < 30; line += 1) out.push(...assembler.ready(line));
  // Trace a was assembled at line 19; a span for it at line 30 is too late to join it.
  assembler.add(span(30, 'a', 'late', 'root', 'tool', 'late'));
  out.push(...assembler.ready(30), ...assembler.assemble());
  const a = interactions(out).find((i) => i.interaction.recordId === 'a:root')!;
  assert.deepEqual(
    a.interaction.messages.map((m) => m.content),
    ['question a', 'tool a'],
  );
  const late = out.filter((i): i is LateProblem => 'error' in i);
  assert.equal(late.length, 1);
  assert.equal(late[0]!.line, 30);
  assert.match(late[0]!.error.message, /field traceId: span arrived more than 10 records after the rest of its trace/);
});

test('the OTel GenAI reader hands back traces while the file is read, not only at its end', () => {
  const reader = otelGenAi.open();
  let early = 0;
  const lines = TRACE_WINDOW * 3;
  for (let line = 1; line <= lines; line += 1) {
    const record = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: `trace${line}`,
                  spanId: 'span1',
                  name: 'chat',
                  startTimeUnixNano: '1700000000000000000',
                  endTimeUnixNano: '1700000000500000000',
                  attributes: [
                    { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                    { key: 'gen_ai.input.messages', value: { stringValue: JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: `hi ${line}` }] }]) } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    early += reader.read(record, line).length;
  }
  assert.equal(early, lines - TRACE_WINDOW, 'every trace but the last window was handed back during the read');
  assert.equal(reader.end().length, TRACE_WINDOW);
});
