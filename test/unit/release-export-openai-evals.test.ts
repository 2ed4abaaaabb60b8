/**
 * The OpenAI evals export against the openai SDK's own types (compiled by tsc with the rest of the tests) and
 * at run time against the shapes those types describe and the eval's own item schema.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { EvalCreateParams } from 'openai/resources/evals/evals';
import type { CreateEvalCompletionsRunDataSource, CreateEvalJSONLRunDataSource, RunCreateParams } from 'openai/resources/evals/runs/runs';
import { writeReleaseExport } from '../../main/core/releases/exports/index.js';
import {
  OPENAI_ITEM_SCHEMA,
  openAIClassicSample,
  openAIEvalLine,
  type OpenAIClassicSample,
  type OpenAIEvalLine,
} from '../../main/core/releases/exports/openai-evals.js';
import { tempDir } from '../helpers.js';
import { parseJsonl, readTree, sampleSnapshot, TRICKY } from './release-export-snapshot.js';

// Type-level: what the exporter produces is what the SDK accepts. tsc fails here if either side drifts.
function asJsonlSource(lines: OpenAIEvalLine[]): RunCreateParams['data_source'] {
  const content: CreateEvalJSONLRunDataSource.FileContent.Content[] = lines;
  return { type: 'jsonl', source: { type: 'file_content', content } };
}
function asCompletionsSource(lines: OpenAIEvalLine[]): CreateEvalCompletionsRunDataSource {
  return {
    type: 'completions',
    model: 'gpt-4.1-mini',
    source: { type: 'file_content', content: lines },
    input_messages: { type: 'item_reference', item_reference: 'item.messages' },
  };
}
function asChatInput(sample: OpenAIClassicSample): ChatCompletionMessageParam[] {
  return sample.input;
}
function asDataSourceConfig(config: { type: 'custom'; item_schema: typeof OPENAI_ITEM_SCHEMA; include_sample_schema: boolean }): EvalCreateParams['data_source_config'] {
  return config;
}

const CHAT_ROLES = new Set(['system', 'developer', 'user', 'assistant']);

function exported(t: Parameters<typeof tempDir>[0]) {
  const snapshot = sampleSnapshot();
  const out = tempDir(t);
  writeReleaseExport(snapshot, 'openai-evals', out);
  return { snapshot, tree: readTree(out) };
}

test('items.jsonl lines are {"item": {...}} rows that satisfy the eval data source config written beside them', (t) => {
  const { snapshot, tree } = exported(t);
  const lines = parseJsonl(tree.get('items.jsonl')!) as OpenAIEvalLine[];
  assert.equal(lines.length, snapshot.cases.length);
  const config = JSON.parse(tree.get('data_source_config.json')!) as { type: 'custom'; item_schema: typeof OPENAI_ITEM_SCHEMA; include_sample_schema: boolean };
  assert.equal(config.type, 'custom');
  assert.equal(config.include_sample_schema, true);
  assert.deepEqual(config.item_schema, OPENAI_ITEM_SCHEMA);
  const validate = new Ajv({ allErrors: true, strict: true }).compile(config.item_schema);
  for (const line of lines) {
    // The SDK's FileContent.Content: an object with `item` (a JSON object) and optionally `sample`, nothing else.
    assert.deepEqual(Object.keys(line), ['item']);
    assert.equal(typeof line.item, 'object');
    assert.ok(line.item !== null && !Array.isArray(line.item));
    assert.ok(validate(line.item), JSON.stringify(validate.errors));
    for (const m of line.item.messages) assert.ok(CHAT_ROLES.has(m.role), `role ${m.role} is a chat role`);
  }
  // The whole file as one run data source, as the SDK would send it.
  const source = asJsonlSource(lines);
  assert.equal(source.type, 'jsonl');
  assert.equal(asCompletionsSource(lines).source.type, 'file_content');
  assert.ok(asDataSourceConfig(config));
});

test('an item carries the final task as the last user turn, without tool results, and the rubric as grader text', (t) => {
  const { snapshot } = exported(t);
  const full = snapshot.cases[0]!;
  const { item } = openAIEvalLine(full, 'pharmacy-support v3');
  assert.equal(item.input, full.task.final);
  assert.deepEqual(item.messages, [
    { role: 'system', content: 'You are a pharmacy assistant.' },
    { role: 'user', content: full.task.final },
  ]);
  assert.equal(item.logged_response, 'Two of them expire this month.');
  assert.match(item.rubric, /^1\. \[weight 3\] Recognises the unusual condition\. MET: .+ UNMET: .+\n2\. /);
  assert.deepEqual(item.slices, { tier: 'pro', intent: 'pharmacy', language: 'en' });
  assert.equal(item.release, 'pharmacy-support v3');
});

test('samples.jsonl holds classic {"input": messages, "ideal": …} samples for the cases with an expected behaviour', (t) => {
  const { snapshot, tree } = exported(t);
  const samples = parseJsonl(tree.get('samples.jsonl')!) as OpenAIClassicSample[];
  const withIdeal = snapshot.cases.filter((c) => c.expected_behaviour !== '');
  assert.equal(samples.length, withIdeal.length);
  assert.equal(samples.length, 2, 'the case without an expected behaviour is left out');
  samples.forEach((sample, i) => {
    assert.deepEqual(Object.keys(sample).sort(), ['ideal', 'input']);
    assert.equal(sample.ideal, withIdeal[i]!.expected_behaviour);
    assert.ok(sample.input.length > 0);
    for (const m of sample.input) {
      assert.ok(['system', 'user', 'assistant'].includes(m.role), `classic role ${m.role}`);
      assert.equal(typeof m.content, 'string');
    }
    assert.deepEqual(sample.input.at(-1), { role: 'user', content: withIdeal[i]!.task.final });
    assert.ok(asChatInput(sample).length > 0);
  });
  assert.equal(openAIClassicSample(snapshot.cases[2]!), null);
});

test('text round-trips exactly through the JSON lines', (t) => {
  const { tree } = exported(t);
  const lines = parseJsonl(tree.get('items.jsonl')!) as OpenAIEvalLine[];
  assert.equal(lines[2]!.item.input, TRICKY);
  assert.deepEqual(lines[2]!.item.messages, [{ role: 'user', content: TRICKY }]);
  assert.equal(lines[2]!.item.logged_response, null);
  assert.equal(lines[2]!.item.category, null);
});
