/**
 * The source-profile schema, shared by the bridge (the mapping form sends it) and main (which validates and
 * stores it; see main/core/ingest/profiles/). A profile says how to read a generic JSONL or CSV log: the file
 * kind, CSV options and a field mapping naming the column (CSV) or JSON path (JSONL, dot-separated, array
 * indices as numbers) that holds each part of an interaction. Depends on zod only.
 */
import { z } from 'zod';

/** A CSV column name, or a JSON path such as `request.messages` or `meta.scores.0.value`. */
export const FieldRef = z.string().trim().min(1).max(200);

const ThumbsMapping = z
  .object({
    field: FieldRef,
    /** Source values (compared as trimmed, case-insensitive text) that mean thumbs up / down. */
    up: z.array(z.string().max(40)).min(1).max(20).default(['up', '1', 'true', 'yes', 'positive', '👍']),
    down: z.array(z.string().max(40)).min(1).max(20).default(['down', '-1', 'false', 'no', 'negative', '👎']),
  })
  .strict();

/** Signals Quarry knows, each read from one field; booleans accept true/false/yes/no/1/0, numbers accept numeric text. */
const SignalsMapping = z
  .object({
    thumbs: ThumbsMapping.optional(),
    regenerated: FieldRef.optional(),
    escalated: FieldRef.optional(),
    schema_valid: FieldRef.optional(),
    user_edited_chars: FieldRef.optional(),
    latency_ms: FieldRef.optional(),
    cost_usd: FieldRef.optional(),
    confidence: FieldRef.optional(),
    input_tokens: FieldRef.optional(),
    output_tokens: FieldRef.optional(),
    /** Evaluator scores: each a name and the field holding its numeric score. */
    evaluations: z.array(z.object({ name: z.string().trim().min(1).max(80), field: FieldRef }).strict()).max(32).optional(),
  })
  .strict();

const SlicesMapping = z
  .object({
    tier: FieldRef.optional(),
    intent: FieldRef.optional(),
    language: FieldRef.optional(),
    product_area: FieldRef.optional(),
    model: FieldRef.optional(),
  })
  .strict();

export const SIGNAL_KEYS = ['regenerated', 'escalated', 'schema_valid', 'user_edited_chars', 'latency_ms', 'cost_usd', 'confidence', 'input_tokens', 'output_tokens'] as const;
export const BOOLEAN_SIGNALS = new Set<string>(['regenerated', 'escalated', 'schema_valid']);
export const SLICE_KEYS = ['tier', 'intent', 'language', 'product_area', 'model'] as const;

export const FieldMapping = z
  .object({
    recordId: FieldRef.optional(),
    conversationId: FieldRef.optional(),
    timestamp: FieldRef.optional(),
    /**
     * How the text is laid out, one of:
     * - `prompt` (+ optional `response`, `system`): one record is one exchange;
     * - `messages`: a field holding an array of `{role, content}` (a JSON array, or JSON text in a CSV cell);
     * - `turn`: one record per turn (`role` and `content` fields), consecutive records with the same
     *   `conversationId` form one conversation whose last assistant turn is the response.
     */
    prompt: FieldRef.optional(),
    response: FieldRef.optional(),
    system: FieldRef.optional(),
    messages: FieldRef.optional(),
    turn: z.object({ role: FieldRef, content: FieldRef }).strict().optional(),
    signals: SignalsMapping.default({}),
    slices: SlicesMapping.default({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    const layouts = [m.prompt !== undefined, m.messages !== undefined, m.turn !== undefined].filter(Boolean).length;
    if (layouts !== 1) ctx.addIssue({ code: 'custom', path: ['prompt'], message: 'map exactly one of prompt, messages or turn' });
    if (m.turn && !m.conversationId) ctx.addIssue({ code: 'custom', path: ['conversationId'], message: 'required when records are turns' });
    if ((m.response || m.system) && !m.prompt) ctx.addIssue({ code: 'custom', path: ['response'], message: 'response and system go with prompt' });
  });
export type FieldMapping = z.infer<typeof FieldMapping>;

export const CsvOptions = z
  .object({
    delimiter: z.string().min(1).max(4).default(','),
    /** Whether the first row names the columns; without one, columns are `column_1`, `column_2`, … */
    header: z.boolean().default(true),
    quote: z.string().length(1).default('"'),
  })
  .strict();

export const SourceProfile = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, 'use 1–64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit'),
    kind: z.enum(['jsonl', 'csv']),
    csv: CsvOptions.optional(),
    mapping: FieldMapping,
  })
  .strict();
export type SourceProfile = z.infer<typeof SourceProfile>;
export type SourceProfileInput = z.input<typeof SourceProfile>;
