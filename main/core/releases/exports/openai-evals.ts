import type { ReleaseCase, ReleaseSnapshot } from '../release-types.js';
import { evalConversation, jsonLines, prettyJson, releaseName, rubricText, type ChatMessage, type ExportFile } from './case-views.js';

/**
 * `openai-evals`: the two shapes OpenAI's eval tooling reads, as documented in the Evals API reference
 * (https://platform.openai.com/docs/api-reference/evals, mirrored by the openai SDK's types) and in openai/evals'
 * docs/build-eval.md ("input" in chat format, "ideal" the reference answer).
 *
 *   items.jsonl              one `{"item": {...}}` per line: the documented row shape of a `jsonl` data source
 *                            with `file_content` source in the Evals API (openai SDK: `CreateEvalJSONLRunDataSource
 *                            .FileContent.Content`), or uploaded as a file with purpose "evals" and named by id.
 *                            Graders and input templates reference the fields as `{{item.input}}`,
 *                            `{{item.expected_behaviour}}`, `{{item.rubric}}`; `item.messages` is an
 *                            `item_reference` for the chat input.
 *   data_source_config.json  the eval's `data_source_config` (`{"type": "custom", "item_schema": …}`), the JSON
 *                            Schema the Evals API checks every item against.
 *   samples.jsonl            the classic openai/evals registry sample: `{"input": [chat messages], "ideal": …}`,
 *                            for model-graded evals (e.g. `modelgraded_spec: fact` / `closedqa`). Cases without an
 *                            expected behaviour have no ideal answer and are left out of this file only.
 *
 * Tool results are left out of the chat messages (chat APIs need the call ids that produced them).
 */

/** One item as the Evals API sees it. A type alias, so it is assignable to the SDK's `{[key: string]: unknown}`. */
export type OpenAIEvalItem = {
  case_id: number;
  kind: ReleaseCase['kind'];
  category: string | null;
  /** The task the eval asks (the final task). */
  input: string;
  /** The conversation with the final task as its last user message. */
  messages: ChatMessage[];
  expected_behaviour: string;
  /** The answer production gave, de-identified: for a regression, the failure being guarded against. */
  logged_response: string | null;
  /** The rubric as numbered grader text ("" when the case has none). */
  rubric: string;
  slices: Record<string, string>;
  release: string;
};

export type OpenAIEvalLine = { item: OpenAIEvalItem };

/** A classic openai/evals sample. */
export type OpenAIClassicSample = {
  input: Array<{ role: 'system' | 'user' | 'assistant'; content: string }>;
  ideal: string;
};

const stringField = { type: 'string' } as const;

/** The item schema of the eval's custom data source: every item written to items.jsonl satisfies it. */
export const OPENAI_ITEM_SCHEMA = {
  type: 'object',
  properties: {
    case_id: { type: 'integer' },
    kind: { type: 'string', enum: ['golden', 'regression'] },
    category: { type: ['string', 'null'] },
    input: stringField,
    messages: {
      type: 'array',
      items: {
        type: 'object',
        properties: { role: { type: 'string', enum: ['system', 'developer', 'user', 'assistant'] }, content: stringField },
        required: ['role', 'content'],
        additionalProperties: false,
      },
    },
    expected_behaviour: stringField,
    logged_response: { type: ['string', 'null'] },
    rubric: stringField,
    slices: { type: 'object', additionalProperties: stringField },
    release: stringField,
  },
  required: ['case_id', 'kind', 'category', 'input', 'messages', 'expected_behaviour', 'logged_response', 'rubric', 'slices', 'release'],
  additionalProperties: false,
} as const;

function slicesOf(c: ReleaseCase): Record<string, string> {
  return Object.fromEntries(Object.entries(c.slices).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function openAIEvalLine(c: ReleaseCase, release: string): OpenAIEvalLine {
  return {
    item: {
      case_id: c.case_id,
      kind: c.kind,
      category: c.category,
      input: c.task.final,
      messages: evalConversation(c),
      expected_behaviour: c.expected_behaviour,
      logged_response: c.response?.content ?? null,
      rubric: rubricText(c.rubric),
      slices: slicesOf(c),
      release,
    },
  };
}

/** The classic sample, or null when the case has no expected behaviour to serve as the ideal answer. */
export function openAIClassicSample(c: ReleaseCase): OpenAIClassicSample | null {
  if (!c.expected_behaviour.trim()) return null;
  // Classic evals predate the developer role: its instructions go in as system messages.
  const input = evalConversation(c).map((m) => ({ role: m.role === 'developer' ? ('system' as const) : m.role, content: m.content }));
  return { input, ideal: c.expected_behaviour };
}

export function openAIEvalsFiles(snapshot: ReleaseSnapshot): ExportFile[] {
  const release = releaseName(snapshot.manifest);
  return [
    { path: 'items.jsonl', contents: jsonLines(snapshot.cases.map((c) => openAIEvalLine(c, release))) },
    {
      path: 'data_source_config.json',
      contents: prettyJson({ type: 'custom', item_schema: OPENAI_ITEM_SCHEMA, include_sample_schema: true }),
    },
    { path: 'samples.jsonl', contents: jsonLines(snapshot.cases.flatMap((c) => openAIClassicSample(c) ?? [])) },
  ];
}
