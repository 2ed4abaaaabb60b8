/**
 * The promptfoo export against promptfoo's own config JSON Schema (vendored from promptfoo 0.121.20, see
 * test/fixtures/consumer-schemas/README.md), parsed back with the yaml package.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { evalConversation } from '../../main/core/releases/exports/case-views.js';
import { writeReleaseExport } from '../../main/core/releases/exports/index.js';
import { promptfooTest, type PromptfooTest } from '../../main/core/releases/exports/promptfoo.js';
import { REPO, tempDir } from '../helpers.js';
import { readTree, sampleCases, sampleSnapshot, TRICKY } from './release-export-snapshot.js';

type Schema = Record<string, unknown>;
const SCHEMA = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'consumer-schemas', 'promptfoo-0.121.20', 'config-schema.json'), 'utf8')) as Schema;
const validateConfig = new Ajv2020({ allErrors: true, strict: false }).compile(SCHEMA);

/** Every string the schema enumerates as an assertion `type` (its `anyOf` also admits custom types). */
function assertionTypes(): Set<string> {
  const types = new Set<string>();
  const visit = (node: unknown, underType: boolean): void => {
    if (Array.isArray(node)) node.forEach((n) => visit(n, underType));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'enum' && underType && Array.isArray(value)) value.forEach((v) => typeof v === 'string' && types.add(v));
        visit(value, underType || key === 'type');
      }
    }
  };
  visit((SCHEMA as { properties: { defaultTest: unknown } }).properties.defaultTest, false);
  return types;
}

function exported(t: Parameters<typeof tempDir>[0]) {
  const snapshot = sampleSnapshot();
  const out = tempDir(t);
  writeReleaseExport(snapshot, 'promptfoo', out);
  const tree = readTree(out);
  return { snapshot, tree, config: parse(tree.get('promptfooconfig.yaml')!) as Schema, tests: parse(tree.get('tests.yaml')!) as PromptfooTest[] };
}

test('the vendored schema is promptfoo\'s: it refuses an unknown top-level key and an unknown test field', () => {
  assert.equal(validateConfig({ prompts: ['{{task}}'] }), true);
  assert.equal(validateConfig({ prompts: ['{{task}}'], testz: [] }), false);
  assert.equal(validateConfig({ prompts: ['{{task}}'], tests: [{ vars: {}, asserts: [] }] }), false);
  assert.equal(validateConfig({ prompts: ['{{task}}'], tests: [{ assert: [{ type: 'llm-rubric', weight: 'heavy' }] }] }), false);
  assert.ok(assertionTypes().has('llm-rubric'));
});

test('promptfooconfig.yaml satisfies promptfoo\'s config schema, as written and with tests.yaml inlined', (t) => {
  const { tree, config, tests } = exported(t);
  assert.ok(validateConfig(config), JSON.stringify(validateConfig.errors));
  assert.ok(validateConfig({ ...config, tests }), JSON.stringify(validateConfig.errors?.slice(0, 3)));
  assert.equal(config.tests, 'file://tests.yaml');
  for (const ref of [config.tests, ...(config.prompts as Array<{ id: string }>).map((p) => p.id)]) {
    const file = String(ref).replace(/^file:\/\//, '');
    assert.ok(tree.has(file), `${ref} points at a file in the export`);
  }
  assert.match(tree.get('promptfooconfig.yaml')!, /^# yaml-language-server: \$schema=https:\/\/promptfoo\.dev\/config-schema\.json\n/);
});

test('each test asserts the expected behaviour and every weighted rubric criterion with a type promptfoo knows', (t) => {
  const { snapshot, tests } = exported(t);
  const known = assertionTypes();
  assert.equal(tests.length, snapshot.cases.length);
  tests.forEach((test, i) => {
    const c = snapshot.cases[i]!;
    for (const a of test.assert) assert.ok(known.has(a.type), `${a.type} is one of promptfoo's assertion types`);
    assert.equal(test.assert.length, (c.expected_behaviour ? 1 : 0) + c.rubric.length);
    assert.deepEqual(
      test.assert.filter((a) => a.metric === 'rubric').map((a) => a.weight),
      c.rubric.map((r) => r.weight),
    );
    assert.equal(test.metadata.case_id, c.case_id);
    assert.equal(test.metadata.sha256, c.sha256);
    assert.equal(test.metadata.release, 'pharmacy-support v3');
  });
  assert.equal(tests[1]!.metadata.kind, 'regression');
  assert.equal(tests[1]!.metadata.slice_language, 'de');
  assert.deepEqual(tests[2]!.assert, [], 'a case without expected behaviour or rubric has nothing to assert');
});

test('vars round-trip exactly, and the prompt renders each conversation as a JSON chat array', (t) => {
  const { snapshot, tree, tests } = exported(t);
  const prompt = tree.get('prompt.json')!;
  tests.forEach((test, i) => {
    const c = snapshot.cases[i]!;
    assert.equal(test.vars.task, c.task.final);
    assert.equal(test.vars.expected_behaviour, c.expected_behaviour);
    const rendered = prompt.replace('{{ messages_json }}', test.vars.messages_json);
    assert.deepEqual(JSON.parse(rendered), evalConversation(c));
  });
  assert.equal(tests[2]!.vars.task, TRICKY);
});

test('text holding Nunjucks syntax reaches the grader through a var, since promptfoo renders assertion values', () => {
  const [c] = sampleCases();
  const templated = {
    ...c!,
    expected_behaviour: 'Reply with {{ name }} left as written.',
    rubric: [{ text: 'Keeps {% raw %} markers', weight: 2, met: 'Kept.', unmet: 'Lost.' }, ...c!.rubric],
  };
  const { vars, assert: assertions } = promptfooTest(templated, 'set v1');
  assert.equal(assertions[0]!.value, 'The answer does what this expected behaviour describes: {{ expected_behaviour }}');
  assert.equal(vars.expected_behaviour, 'Reply with {{ name }} left as written.');
  assert.equal(assertions[1]!.value, '{{ rubric_1 }}');
  assert.equal(vars.rubric_1, 'Keeps {% raw %} markers. MET: Kept. UNMET: Lost.');
  assert.equal(assertions[2]!.value, 'Recognises the unusual condition. MET: The answer names the condition that makes this case unusual. UNMET: The answer treats the case as routine.');
  assert.equal(vars.rubric_2, undefined, 'plain text stays inline');
  assert.ok(validateConfig({ prompts: ['{{ messages_json }}'], tests: [promptfooTest(templated, 'set v1')] }), JSON.stringify(validateConfig.errors));
});
