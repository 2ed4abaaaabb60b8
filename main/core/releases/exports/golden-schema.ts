import { CATEGORIES, CHECKLIST_ITEMS } from '../../review/rubric.js';
import type { ReleaseCase } from '../release-types.js';

/**
 * The documented schema of one line of a release's golden.jsonl and regressions.jsonl (JSON Schema 2020-12),
 * written into every `golden-jsonl` export as schema/golden.schema.json and described in FORMATS.md.
 *
 * A line is a frozen release case: de-identified messages and response, the reviewer's expected behaviour and
 * task, category, rubric, checklist, signals, slices, provenance ids, the reviewer, and the case's kind, origin
 * and content hash. Unknown fields are refused at every level whose fields Quarry defines, so a consumer that
 * validates against it notices when a later Quarry version changes the record.
 */

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const message = {
  type: 'object',
  description: 'A de-identified message: placeholders such as [PERSON_1], or the export profile\'s surrogates.',
  required: ['role', 'content'],
  properties: { role: string, content: string },
  additionalProperties: false,
} as const;
const scopeText = { type: 'string', maxLength: 500 } as const;

/** One property schema per ReleaseCase field: the compiler refuses this object if a field is added or removed. */
const caseProperties = {
  case_id: { type: 'integer', minimum: 1, description: 'The case id in the workspace it was reviewed in.' },
  kind: { enum: ['golden', 'regression'], description: '`regression`: an accepted failure, frozen for every later release.' },
  origin: { enum: ['review', 'import'], description: 'Reviewed in this workspace, or imported from an existing golden set.' },
  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'sha256 of the canonical JSON (keys sorted at every level, no whitespace) of this record without this field.' },
  deid_profile: { type: 'string', minLength: 1, description: 'The export profile whose operators rendered the placeholders.' },
  messages: { type: 'array', items: message, description: 'The conversation up to the logged answer.' },
  response: { anyOf: [message, { type: 'null' }], description: 'The logged answer, or null when the log had none.' },
  expected_behaviour: { type: 'string', description: 'What a good answer does, as the reviewer wrote it ("" when not written).' },
  task: {
    type: 'object',
    required: ['original', 'final', 'augmentation'],
    properties: {
      original: { type: 'string', description: 'The de-identified request the case came from.' },
      final: { type: 'string', description: 'The task the eval asks: the reviewer\'s edit composed with the augmentation.' },
      augmentation: {
        anyOf: [
          { type: 'null' },
          {
            type: 'object',
            required: ['persona', 'outputFormat', 'requiredSources', 'scope'],
            properties: {
              persona: scopeText,
              outputFormat: scopeText,
              requiredSources: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 300 }, maxItems: 20 },
              scope: {
                type: 'object',
                required: ['temporal', 'comparative', 'geographic'],
                properties: { temporal: scopeText, comparative: scopeText, geographic: scopeText },
                additionalProperties: false,
              },
            },
            additionalProperties: false,
          },
        ],
      },
    },
    additionalProperties: false,
  },
  category: { anyOf: [{ enum: [...CATEGORIES] }, { type: 'null' }] },
  rubric: {
    type: 'array',
    maxItems: 30,
    description: 'Grading criteria: each has a weight (1-10) and says when it is MET and when UNMET.',
    items: {
      type: 'object',
      required: ['text', 'weight', 'met', 'unmet'],
      properties: {
        text: { type: 'string', minLength: 1 },
        weight: { type: 'integer', minimum: 1, maximum: 10 },
        met: { type: 'string', minLength: 1 },
        unmet: { type: 'string', minLength: 1 },
      },
      additionalProperties: false,
    },
  },
  checklist: {
    type: 'object',
    description: 'The filter checklist; an item not answered is absent.',
    properties: Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, { type: 'boolean' }])),
    additionalProperties: false,
  },
  signals: {
    type: 'object',
    description: 'Production feedback and telemetry the log carried; absent when the log had none.',
    properties: {
      thumbs: { enum: ['up', 'down'] },
      regenerated: { type: 'boolean' },
      user_edited_chars: { type: 'number' },
      escalated: { type: 'boolean' },
      schema_valid: { type: 'boolean' },
      latency_ms: { type: 'number' },
      cost_usd: { type: 'number' },
      confidence: { type: 'number' },
      input_tokens: { type: 'number' },
      output_tokens: { type: 'number' },
      rank: { type: 'number' },
      evaluations: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name'],
          properties: { name: string, score: { type: 'number' }, label: string },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  },
  slices: {
    type: 'object',
    properties: { tier: string, intent: string, language: string, model: string, product_area: string },
    additionalProperties: false,
  },
  provenance: {
    type: 'object',
    description: 'Where the case came from: ids only, never text.',
    required: ['run_id', 'source_file', 'line', 'record_id', 'content_hash'],
    properties: {
      run_id: { type: 'integer' },
      source_file: { type: 'string', description: 'The log file\'s name.' },
      line: { type: 'integer' },
      record_id: nullableString,
      content_hash: string,
    },
    additionalProperties: false,
  },
  review: {
    type: 'object',
    required: ['reviewer', 'decided_at'],
    properties: { reviewer: nullableString, decided_at: nullableString },
    additionalProperties: false,
  },
} as const satisfies Record<keyof ReleaseCase, unknown>;

/** The field order of a written line: the order of the schema's properties. */
export const GOLDEN_FIELDS = Object.keys(caseProperties) as Array<keyof ReleaseCase>;

export const GOLDEN_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:quarry:release-case:1',
  title: 'Quarry release case (golden.jsonl / regressions.jsonl line)',
  description:
    'One accepted, de-identified evaluation case as a Quarry release froze it. golden.jsonl holds kind "golden", ' +
    'regressions.jsonl kind "regression"; lines are in case id order. No raw production text.',
  type: 'object',
  required: GOLDEN_FIELDS,
  properties: caseProperties,
  additionalProperties: false,
} as const;
