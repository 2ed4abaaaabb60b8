import type { ReleaseCase, ReleaseSnapshot } from '../release-types.js';
import { jsonLines, prettyJson, type ExportFile } from './case-views.js';
import { GOLDEN_FIELDS, GOLDEN_SCHEMA } from './golden-schema.js';

/**
 * `golden-jsonl`: Quarry's own documented format, for eval harnesses that read JSON Lines.
 *
 *   golden.jsonl               accepted cases of kind "golden", one JSON object per line, in case id order
 *   regressions.jsonl          accepted failures (kind "regression"), frozen from release to release
 *   schema/golden.schema.json  the JSON Schema (2020-12) every line of both files satisfies
 *
 * The consumer's documented shape is the schema itself (see golden-schema.ts and FORMATS.md): a line is the
 * release case exactly as frozen, its fields in the schema's order, so `sha256` can be re-checked by anyone who
 * canonicalises the record the way the release store does.
 */

/** The record with its fields in schema order (and nothing else). */
export function goldenRecord(c: ReleaseCase): Record<string, unknown> {
  return Object.fromEntries(GOLDEN_FIELDS.map((field) => [field, c[field]]));
}

export function goldenJsonlFiles(snapshot: ReleaseSnapshot): ExportFile[] {
  const of = (kind: ReleaseCase['kind']) => snapshot.cases.filter((c) => c.kind === kind).map(goldenRecord);
  return [
    { path: 'golden.jsonl', contents: jsonLines(of('golden')) },
    { path: 'regressions.jsonl', contents: jsonLines(of('regression')) },
    { path: 'schema/golden.schema.json', contents: prettyJson(GOLDEN_SCHEMA) },
  ];
}
