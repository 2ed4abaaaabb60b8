import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { asRaw } from '../../text.js';
import type { Evaluation, RawInteraction, RawMessage } from '../interaction.js';
import { jsonRecords } from '../record-source.js';
import { openSource } from '../source-stream.js';
import { isObject, RecordError, stripUndefined, type LateProblem, type LocatedInteraction, type LogFormat, type RecordReader } from './format.js';
import { withEvaluations } from './evaluations.js';
import { textTimestamp } from './timestamp.js';

/**
 * Langfuse exports: observations and scores in one JSONL file, in the API's camelCase or the blob export's
 * snake_case. Each GENERATION observation is an interaction; other observation types (SPAN, EVENT) are skipped.
 * A record with `name` and `value` but no `input` is a score: it attaches to its observation, or, when it names
 * only a trace, to every generation of that trace. Scores may come before or after what they score: read from a
 * file, a first pass indexes the scores and the generations then stream (see streamingReader); records handed over
 * without their file hold every generation and score until the end.
 *
 * A trace with its observations and scores nested (the API's `GET /api/public/traces/{id}` saved to a file, or the
 * trace view's JSON download; one per line, several pretty-printed documents, or one) is read the same way: each of
 * its GENERATION observations is an interaction, with the trace's session and id where the observation lacks them,
 * and its nested scores attach inside the trace (see traceItems). A trace without generations but with input of
 * its own is one interaction.
 *
 * The file may also be one JSON array of observations and scores (the UI's JSON export) or API pages
 * `{"data": [...]}`: record-source streams their elements like lines (see json-array.ts), in both passes. Scores
 * exported to a file of their own (the scores table's export, the blob export's `scores/` files) are read in the
 * first pass too when they lie beside the observations (see scoresFileOf); problems in them name that file.
 */
type Fields = Record<string, unknown>;

function pick(record: Fields, ...keys: string[]): unknown {
  for (const key of keys) if (record[key] !== undefined && record[key] !== null) return record[key];
  return undefined;
}

function optionalString(record: Fields, keys: string[]): string | undefined {
  const value = pick(record, ...keys);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw new RecordError(keys[0]!, 'expected a string');
  return String(value);
}

function optionalNumber(record: Fields, keys: string[]): number | undefined {
  const value = pick(record, ...keys);
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || value < 0) throw new RecordError(keys[0]!, 'expected a non-negative number');
  return value;
}

function isScore(record: Fields): boolean {
  return record.name !== undefined && record.value !== undefined && record.input === undefined && record.type === undefined;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((part) => (isObject(part) && typeof part.text === 'string' ? part.text : text(part))).join('\n');
  return JSON.stringify(value ?? null);
}

function toMessage(value: Fields, fallbackRole: string): RawMessage {
  const role = typeof value.role === 'string' && value.role !== '' ? value.role : fallbackRole;
  const parts = [value.content == null ? '' : text(value.content), value.tool_calls == null ? '' : text(value.tool_calls)].filter(Boolean);
  return { role, content: asRaw(parts.join('\n')) };
}

function isMessage(value: unknown): value is Fields {
  return isObject(value) && typeof value.role === 'string';
}

/** Generation input: a chat message list, `{ messages }`, a prompt string, or any JSON value (kept as JSON). */
function inputMessages(input: unknown): RawMessage[] {
  if (input === undefined || input === null) throw new RecordError('input', 'missing');
  const list = isObject(input) && Array.isArray(input.messages) ? input.messages : input;
  if (Array.isArray(list) && list.length > 0 && list.every(isMessage)) return list.map((m) => toMessage(m, 'user'));
  return [{ role: 'user', content: asRaw(text(input)) }];
}

/** Generation output: a message, a list of messages (the last is the reply), `{ choices }`, text or JSON. */
function outputMessage(output: unknown): RawMessage | null {
  if (output === undefined || output === null) return null;
  if (isMessage(output)) return toMessage(output, 'assistant');
  if (Array.isArray(output) && output.length > 0 && output.every(isMessage)) return toMessage(output.at(-1)!, 'assistant');
  const choice = isObject(output) && Array.isArray(output.choices) ? output.choices[0] : undefined;
  if (isObject(choice) && isMessage(choice.message)) return toMessage(choice.message, 'assistant');
  return { role: 'assistant', content: asRaw(text(output)) };
}

function latencyMs(record: Fields): number | undefined {
  const start = pick(record, 'startTime', 'start_time');
  const end = pick(record, 'endTime', 'end_time');
  if (typeof start === 'string' && typeof end === 'string') {
    const ms = Date.parse(end) - Date.parse(start);
    if (ms >= 0) return ms;
  }
  // The public API reports `latency` in seconds.
  const seconds = optionalNumber(record, ['latency']);
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

function usage(record: Fields, keys: string[]): number | undefined {
  const details = pick(record, 'usageDetails', 'usage_details', 'usage');
  if (!isObject(details)) return undefined;
  const value = pick(details, ...keys);
  return typeof value === 'number' ? value : undefined;
}

interface Generation {
  line: number;
  id: string | undefined;
  traceId: string | undefined;
  interaction: RawInteraction;
  evaluations: Evaluation[];
}

interface Score {
  line: number;
  /** The scores file beside the observations the score came from; absent for the observations file itself. */
  from?: string;
  observationId: string | undefined;
  traceId: string | undefined;
  evaluation: Evaluation;
}

function readGeneration(record: Fields, line: number): Generation {
  const metadata = isObject(record.metadata) ? record.metadata : {};
  const productArea = metadata.product_area ?? metadata.productArea;
  return {
    line,
    id: optionalString(record, ['id']),
    traceId: optionalString(record, ['traceId', 'trace_id']),
    evaluations: [],
    interaction: {
      recordId: optionalString(record, ['id']) ?? null,
      ...stripUndefined({
        conversationId: optionalString(record, ['sessionId', 'session_id']),
        timestamp: textTimestamp(pick(record, 'startTime', 'start_time', 'timestamp')),
      }),
      messages: inputMessages(record.input),
      response: outputMessage(record.output),
      signals: stripUndefined({
        latency_ms: latencyMs(record),
        cost_usd: optionalNumber(record, ['calculatedTotalCost', 'total_cost', 'totalCost']),
        input_tokens: usage(record, ['input', 'promptTokens', 'prompt_tokens']),
        output_tokens: usage(record, ['output', 'completionTokens', 'completion_tokens']),
      }),
      slices: stripUndefined({
        model: optionalString(record, ['model', 'providedModelName', 'provided_model_name']),
        product_area: typeof productArea === 'string' ? productArea : undefined,
      }),
    },
  };
}

function readScore(record: Fields, line: number): Score {
  if (typeof record.name !== 'string' || record.name === '') throw new RecordError('name', 'expected a string');
  const label = pick(record, 'stringValue', 'string_value');
  const value = record.value;
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') throw new RecordError('value', 'expected a number, string or boolean');
  const score = typeof value === 'number' ? value : typeof value === 'boolean' ? Number(value) : undefined;
  return {
    line,
    observationId: optionalString(record, ['observationId', 'observation_id']),
    traceId: optionalString(record, ['traceId', 'trace_id']),
    evaluation: stripUndefined({
      name: record.name,
      score,
      label: typeof label === 'string' ? label : typeof value === 'string' ? value : undefined,
    }),
  };
}

/** A trace with its observations nested (TraceWithFullDetails): it has an `observations` list and no type. */
function isTrace(record: Fields): boolean {
  return Array.isArray(record.observations) && record.type === undefined;
}

function looksLikeLangfuse(record: Fields): boolean {
  if (isTrace(record)) return (record.observations as unknown[]).some((o) => isObject(o) && looksLikeLangfuse({ traceId: record.id, ...o }));
  if (pick(record, 'traceId', 'trace_id') === undefined) return false;
  return typeof record.type === 'string' ? ['GENERATION', 'SPAN', 'EVENT'].includes(record.type) : isScore(record);
}

/** A RecordError from inside a trace's nested list, its field named by its place (`observations.2.input`). */
function nested(error: unknown, path: string): RecordError {
  if (!(error instanceof RecordError)) throw error;
  return new RecordError(error.field ? `${path}.${error.field}` : path, error.reason);
}

/**
 * A trace's generations (see the header), each with the trace's nested scores for it in `evaluations`, and the
 * problems found inside it, reported at the trace's line and naming the nested field (`observations.2.input`).
 */
function traceGenerations(trace: Fields, line: number): { generations: Generation[]; problems: LateProblem[] } {
  const traceId = optionalString(trace, ['id']);
  const sessionId = pick(trace, 'sessionId', 'session_id');
  const problems: LateProblem[] = [];
  const generations: Generation[] = [];
  (trace.observations as unknown[]).forEach((observation, i) => {
    if (!isObject(observation)) {
      problems.push({ line, error: new RecordError(`observations.${i}`, 'expected an observation object') });
      return;
    }
    if (observation.type !== 'GENERATION') return;
    try {
      generations.push(readGeneration({ traceId, sessionId, ...observation }, line));
    } catch (error) {
      problems.push({ line, error: nested(error, `observations.${i}`) });
    }
  });
  if (generations.length === 0 && problems.length === 0) {
    if (trace.input === undefined || trace.input === null) {
      throw new RecordError('observations', 'a trace with no GENERATION observation and no input of its own: nothing to read');
    }
    generations.push({ ...readGeneration(trace, line), traceId });
  }
  const scores = trace.scores ?? [];
  if (!Array.isArray(scores)) throw new RecordError('scores', 'expected a list of scores');
  const index = new ScoreIndex();
  scores.forEach((score: unknown, i) => {
    try {
      if (!isObject(score)) throw new RecordError('', 'expected a score object');
      index.add(readScore({ traceId, ...score }, line));
    } catch (error) {
      problems.push({ line, error: nested(error, `scores.${i}`) });
    }
  });
  for (const generation of generations) generation.evaluations.push(...index.of(generation));
  for (const orphan of index.unused(line)) {
    problems.push({ line, error: new RecordError(`scores: ${orphan.error.field}`, 'no generation with this id in the trace; the score was not attached') });
  }
  return { generations, problems };
}

/** The file's valid scores by what they score, from a first pass; `used` marks those attached to a generation. */
class ScoreIndex {
  private readonly byObservation = new Map<string, (Score & { used?: boolean })[]>();
  private readonly byTrace = new Map<string, (Score & { used?: boolean })[]>();
  private readonly all: (Score & { used?: boolean })[] = [];

  add(score: Score): void {
    const key = score.observationId ?? score.traceId;
    if (key === undefined) return;
    const map = score.observationId ? this.byObservation : this.byTrace;
    const list = map.get(key);
    if (list) list.push(score);
    else map.set(key, [score]);
    this.all.push(score);
  }

  /** The scores of a generation: those naming it, and those naming only its trace. */
  of(generation: Generation): Evaluation[] {
    const found = [...(generation.id ? (this.byObservation.get(generation.id) ?? []) : []), ...(generation.traceId ? (this.byTrace.get(generation.traceId) ?? []) : [])];
    found.sort((a, b) => Number(a.from !== undefined) - Number(b.from !== undefined) || a.line - b.line);
    for (const score of found) score.used = true;
    return found.map((score) => score.evaluation);
  }

  /** Scores attached to nothing; those from the scores file are reported at `lastLine`, naming their own line. */
  unused(lastLine: number): LateProblem[] {
    return this.all
      .filter((score) => !score.used)
      .map((score) => {
        const field = score.observationId ? 'observationId' : 'traceId';
        if (score.from === undefined) return { line: score.line, error: new RecordError(field, 'no generation with this id in the file; the score was not attached') };
        return { line: lastLine, error: new RecordError(`${score.from} line ${score.line}: ${field}`, 'no generation with this id in the observations file; the score was not attached') };
      });
  }
}

/**
 * The streaming reader, for a file read from disk: `prepare` reads the file once for its scores (ids, names and
 * values; no text), then each generation is complete as it is read and goes out at once, so memory holds the
 * score index, never the generations.
 */
function streamingReader(file: string, holding: RecordReader): RecordReader {
  const index = new ScoreIndex();
  let prepared = false;
  let lastLine = 1;
  /** Problems in the scores file beside the observations, handed out with the first records read. */
  const scoresProblems: LateProblem[] = [];
  return {
    prepare: async () => {
      const source = openSource(file);
      try {
        for await (const { record, line } of jsonRecords(source.stream, file)) {
          if (!record || !isScore(record)) continue;
          try {
            index.add(readScore(record, line));
          } catch (error) {
            // Reported when the second pass reaches the line.
            if (!(error instanceof RecordError)) throw error;
          }
        }
      } finally {
        source.close();
      }
      const scoresFile = scoresFileOf(file);
      if (scoresFile) await readScoresFile(scoresFile, index, scoresProblems);
      prepared = true;
    },
    read: (record, line) => {
      if (!prepared) return holding.read(record, line);
      lastLine = line;
      // Read first: a record that throws is quarantined, and the scores file's problems wait for the next one.
      const items = streamingRead(record, line);
      if (scoresProblems.length === 0) return items;
      return [...scoresProblems.splice(0).map((p) => ({ ...p, line })), ...items];
    },
    end: () => (prepared ? [...scoresProblems.splice(0).map((p) => ({ ...p, line: lastLine })), ...index.unused(lastLine)] : holding.end()),
  };

  /** One record of the second pass: a generation goes out with its scores; scores were indexed in the first. */
  function streamingRead(record: Fields, line: number): (LocatedInteraction | LateProblem)[] {
    if (isTrace(record)) {
      const { generations, problems } = traceGenerations(record, line);
      const read = generations.map((g) => ({ line, interaction: { ...g.interaction, signals: withEvaluations(g.interaction.signals, [...g.evaluations, ...index.of(g)]) } }));
      return [...read, ...problems];
    }
    if (isScore(record)) {
      readScore(record, line);
      return [];
    }
    if (record.type === 'GENERATION') {
      const generation = readGeneration(record, line);
      return [{ line, interaction: { ...generation.interaction, signals: withEvaluations(generation.interaction.signals, index.of(generation)) } }];
    }
    if (typeof record.type !== 'string') throw new RecordError('type', 'missing: expected an observation type or a score');
    return [];
  }
}

/**
 * The scores file beside an observations file, or null: the name with its last `observations` turned into `scores`
 * (`observations.json` → `scores.json`, `lf-observations-export.jsonl` → `lf-scores-export.jsonl`), the blob
 * export's sibling folder (`…/observations/F` → `…/scores/F`), or NAME with `.scores` before its extension
 * (`export.json` → `export.scores.json`); each plain or `.gz`, the first that exists wins.
 */
export function scoresFileOf(file: string): string | null {
  const dir = dirname(file);
  const name = basename(file).replace(/\.gz$/i, '');
  const candidates: string[] = [];
  const at = name.lastIndexOf('observations');
  if (at >= 0) candidates.push(join(dir, `${name.slice(0, at)}scores${name.slice(at + 'observations'.length)}`));
  if (basename(dir) === 'observations' || basename(dir) === 'observations_v2') candidates.push(join(dirname(dir), 'scores', name));
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  if (!/\.scores$/i.test(stem)) candidates.push(join(dir, `${stem}.scores${ext}`));
  for (const candidate of candidates) {
    for (const path of [candidate, `${candidate}.gz`]) {
      try {
        if (path !== file && existsSync(path) && statSync(path).isFile()) return path;
      } catch {
        // Unreadable: as good as absent.
      }
    }
  }
  return null;
}

/** Indexes the scores of a scores file (JSONL, array or pages, plain or gzip); what cannot be read goes to `problems`. */
async function readScoresFile(scoresFile: string, index: ScoreIndex, problems: LateProblem[]): Promise<void> {
  const name = basename(scoresFile);
  const source = openSource(scoresFile);
  try {
    for await (const { record, line, error } of jsonRecords(source.stream, scoresFile)) {
      const problem = (e: RecordError): void => {
        problems.push({ line: 0, error: new RecordError(`${name} line ${line}${e.field ? `: ${e.field}` : ''}`, e.reason) });
      };
      if (!record) {
        problem(error!);
        continue;
      }
      if (!isScore(record)) {
        problem(new RecordError('', 'not a score (expected name and value); skipped'));
        continue;
      }
      try {
        index.add({ ...readScore(record, line), from: name });
      } catch (readError) {
        if (!(readError instanceof RecordError)) throw readError;
        problem(readError);
      }
    }
  } finally {
    source.close();
  }
}

export const langfuse: LogFormat = {
  id: 'langfuse',
  label: 'Langfuse export (observations, scores or traces)',
  detect: (sample) => sample.some(looksLikeLangfuse),
  open: (source) => (source ? streamingReader(source.file, holdingReader()) : holdingReader()),
};

/** The reader for records handed over without their file: every generation and score is held until the end. */
function holdingReader(): RecordReader {
  const generations: Generation[] = [];
  const scores: Score[] = [];
  return {
    read: (record, line) => {
      if (isTrace(record)) {
        // Its generations wait for the file's other scores like the rest; problems inside it are said at once.
        const { generations: inTrace, problems } = traceGenerations(record, line);
        generations.push(...inTrace);
        return problems;
      }
      if (isScore(record)) scores.push(readScore(record, line));
      else if (record.type === 'GENERATION') generations.push(readGeneration(record, line));
      else if (typeof record.type !== 'string') throw new RecordError('type', 'missing: expected an observation type or a score');
      return [];
    },
    end: () => {
      const byId = new Map(generations.filter((g) => g.id).map((g) => [g.id!, g]));
      const byTrace = new Map<string, Generation[]>();
      for (const g of generations) {
        if (!g.traceId) continue;
        const trace = byTrace.get(g.traceId) ?? [];
        trace.push(g);
        byTrace.set(g.traceId, trace);
      }
      const problems: LateProblem[] = [];
      for (const score of scores) {
        const targets = score.observationId ? [byId.get(score.observationId)].filter((g) => g !== undefined) : (byTrace.get(score.traceId ?? '') ?? []);
        if (targets.length === 0) {
          const field = score.observationId ? 'observationId' : 'traceId';
          problems.push({ line: score.line, error: new RecordError(field, 'no generation with this id in the file; the score was not attached') });
        }
        for (const generation of targets) generation.evaluations.push(score.evaluation);
      }
      const read: LocatedInteraction[] = generations.map((g) => ({ line: g.line, interaction: { ...g.interaction, signals: withEvaluations(g.interaction.signals, g.evaluations) } }));
      generations.length = 0;
      scores.length = 0;
      return [...read, ...problems];
    },
  };
}
