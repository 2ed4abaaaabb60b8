/**
 * Splits a de-identified message into what the case view draws: prose, tool calls (name + arguments) and the
 * invocation header of a tool result. Ingest keeps tool calls as JSON lines inside the message text
 * (main/core/ingest/formats): OpenAI `tool_calls` arrays (`[{"type":"function","function":{"name","arguments"}}]`),
 * OTel GenAI / OpenInference `{"tool_call": name, "arguments": …}` parts, and tool spans that start with
 * `{"tool": name, "arguments": …}` followed by the result. A line that does not parse as one of those stays text,
 * so nothing is ever hidden. Each part keeps its offsets in the message text, for anything that maps a
 * selection back to the stored text.
 */
export type MessagePart =
  | { kind: 'text'; text: string; start: number; end: number }
  | { kind: 'tool-call'; name: string; callId: string | null; args: string; start: number; end: number }
  | { kind: 'tool-invocation'; name: string; args: string | null; start: number; end: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Arguments as readable text: JSON (also JSON inside a string) pretty-printed, anything else as it is. */
export function formatArguments(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null) return JSON.stringify(parsed, null, 2);
    } catch {
      // Not JSON: show the string itself.
    }
    return value;
  }
  return JSON.stringify(value, null, 2);
}

function toolCalls(value: unknown): { name: string; callId: string | null; args: string }[] | null {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) return null;
  const calls: { name: string; callId: string | null; args: string }[] = [];
  for (const item of list) {
    if (!isRecord(item)) return null;
    if (isRecord(item.function) && typeof item.function.name === 'string') {
      calls.push({ name: item.function.name, callId: typeof item.id === 'string' ? item.id : null, args: formatArguments(item.function.arguments) });
    } else if (typeof item.tool_call === 'string' && !Array.isArray(value)) {
      calls.push({ name: item.tool_call, callId: null, args: formatArguments(item.arguments ?? item.call) });
    } else return null;
  }
  return calls;
}

function parseJson(line: string): unknown {
  const trimmed = line.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

export function messageParts(content: string, role: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let text: { start: number; end: number } | null = null;
  const flushText = () => {
    if (text && content.slice(text.start, text.end).trim() !== '') {
      parts.push({ kind: 'text', text: content.slice(text.start, text.end), start: text.start, end: text.end });
    }
    text = null;
  };
  let offset = 0;
  for (const line of content.split('\n')) {
    const start = offset;
    const end = offset + line.length;
    offset = end + 1;
    const json = parseJson(line);
    const calls = json === undefined ? null : toolCalls(json);
    if (calls) {
      flushText();
      for (const call of calls) parts.push({ kind: 'tool-call', ...call, start, end });
      continue;
    }
    if (role === 'tool' && parts.length === 0 && text === null && isRecord(json) && typeof json.tool === 'string') {
      parts.push({ kind: 'tool-invocation', name: json.tool, args: json.arguments === undefined || json.arguments === null ? null : formatArguments(json.arguments), start, end });
      continue;
    }
    // Keep the newline between lines of one text run, exactly as stored.
    text = text ? { start: text.start, end } : { start, end };
  }
  flushText();
  return parts;
}

/** A tool result body as readable text: pretty JSON when it is JSON, else as stored. */
export function formatResult(text: string): { text: string; json: boolean } {
  const json = parseJson(text);
  return json === undefined ? { text, json: false } : { text: JSON.stringify(json, null, 2), json: true };
}
