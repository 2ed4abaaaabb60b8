import { RecordError, type JsonRecord } from './format.js';

/** Parses one line of a JSONL file into an object; errors give a column, never the text around it. */
export function parseJsonLine(line: string): JsonRecord {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    // V8's message quotes the offending text, which may be raw PII: keep only the position.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new RecordError('', position ? `not valid JSON (syntax error at column ${Number(position) + 1})` : 'not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new RecordError('', 'expected a JSON object per line');
  }
  return json as JsonRecord;
}
