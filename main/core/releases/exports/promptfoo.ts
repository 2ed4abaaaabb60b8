import { stringify } from 'yaml';
import type { ReleaseCase, ReleaseSnapshot } from '../release-types.js';
import { criterionText, evalConversation, releaseName, type ExportFile } from './case-views.js';

/**
 * `promptfoo`: a promptfoo test suite, in the shape promptfoo's configuration reference documents
 * (https://www.promptfoo.dev/docs/configuration/reference/ and …/configuration/test-cases/).
 *
 *   promptfooconfig.yaml  `description`, `prompts: [file://prompt.json]`, `tests: file://tests.yaml`; no provider:
 *                         run it with `npx promptfoo eval -c promptfooconfig.yaml --providers <provider id>`
 *   prompt.json           a chat prompt: the case's conversation (JSON message array) from `{{ messages_json }}`
 *   tests.yaml            one test per case: `description`, `vars` (`task`, `messages_json`,
 *                         `expected_behaviour`), `assert` (an `llm-rubric` for the expected behaviour and one per
 *                         rubric criterion carrying the reviewer's weight, metric `rubric`), and flat `metadata`
 *                         (case id, kind, category, release, sha256, slices) for `--filter-metadata`.
 *
 * The conversation is a JSON string var rather than an array var because promptfoo expands array vars into one
 * test per element. promptfoo renders assertion values with Nunjucks: a criterion or expected behaviour whose
 * text holds `{{`, `{%` or `{#` is put in a var (`rubric_<n>`, or the existing `expected_behaviour`) and the
 * assertion references it, so the text reaches the grader unchanged.
 */

export type PromptfooAssertion = { type: 'llm-rubric'; value: string; metric: string; weight?: number };
export type PromptfooTest = {
  description: string;
  vars: { task: string; messages_json: string; expected_behaviour: string; [templated: string]: string };
  assert: PromptfooAssertion[];
  metadata: Record<string, string | number>;
};

/** Nunjucks delimiters: promptfoo renders assertion values as templates, so text holding them is passed as a var. */
const TEMPLATE_SYNTAX = /\{[{%#]/;

export function promptfooTest(c: ReleaseCase, release: string): PromptfooTest {
  const vars: PromptfooTest['vars'] = { task: c.task.final, messages_json: JSON.stringify(evalConversation(c)), expected_behaviour: c.expected_behaviour };
  // The text itself when it is plain; otherwise a reference to a var holding it (var values are not re-rendered).
  const literal = (text: string, varName: string): string => {
    if (!TEMPLATE_SYNTAX.test(text)) return text;
    vars[varName] ??= text;
    return `{{ ${varName} }}`;
  };
  const assertions: PromptfooAssertion[] = [];
  if (c.expected_behaviour.trim()) {
    assertions.push({
      type: 'llm-rubric',
      value: `The answer does what this expected behaviour describes: ${literal(c.expected_behaviour, 'expected_behaviour')}`,
      metric: 'expected_behaviour',
    });
  }
  c.rubric.forEach((criterion, i) => {
    assertions.push({ type: 'llm-rubric', value: literal(criterionText(criterion), `rubric_${i + 1}`), metric: 'rubric', weight: criterion.weight });
  });
  const slices = Object.entries(c.slices).flatMap(([k, v]) => (typeof v === 'string' ? [[`slice_${k}`, v] as const] : []));
  return {
    description: `Case ${c.case_id} (${[c.kind, c.category].filter(Boolean).join(', ')})`,
    vars,
    assert: assertions,
    metadata: {
      case_id: c.case_id,
      kind: c.kind,
      ...(c.category ? { category: c.category } : {}),
      release,
      sha256: c.sha256,
      ...Object.fromEntries(slices),
    },
  };
}

/** YAML as promptfoo reads it: no line folding, so long texts round-trip byte for byte. */
function yaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

export function promptfooFiles(snapshot: ReleaseSnapshot): ExportFile[] {
  const release = releaseName(snapshot.manifest);
  const config = {
    description: `Quarry release ${release}: ${snapshot.cases.length} de-identified cases`,
    prompts: [{ id: 'file://prompt.json', label: 'quarry-conversation' }],
    tests: 'file://tests.yaml',
  };
  const header =
    '# yaml-language-server: $schema=https://promptfoo.dev/config-schema.json\n' +
    '# Written by Quarry. Choose the model under test when you run it:\n' +
    '#   npx promptfoo eval -c promptfooconfig.yaml --providers openai:chat:<model>\n';
  return [
    { path: 'promptfooconfig.yaml', contents: header + yaml(config) },
    { path: 'prompt.json', contents: '{{ messages_json }}\n' },
    { path: 'tests.yaml', contents: yaml(snapshot.cases.map((c) => promptfooTest(c, release))) },
  ];
}
