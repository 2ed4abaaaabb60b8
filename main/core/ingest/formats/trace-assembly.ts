import type { Evaluation, RawInteraction, RawMessage, Signals, Slices } from '../interaction.js';
import { RecordError, stripUndefined, type LateProblem, type LocatedInteraction } from './format.js';
import { withEvaluations } from './evaluations.js';
import { fromEpochMs } from './timestamp.js';

/**
 * A span read from a trace format, reduced to what assembling interactions needs. `model` spans are LLM
 * calls, `agent` spans wrap several of them, `tool` spans are tool executions; `other` spans are kept only so
 * ancestry can be followed through them (an HTTP handler between an agent and its model calls, say).
 */
export interface TraceSpan {
  line: number;
  traceId: string;
  spanId: string;
  parentId: string | null;
  kind: 'model' | 'agent' | 'tool' | 'other';
  startMs: number | null;
  endMs: number | null;
  input: RawMessage[];
  output: RawMessage[];
  /** What a tool span contributes to its agent's trajectory. */
  toolMessage: RawMessage | null;
  evaluations: Evaluation[];
  signals: Signals;
  slices: Slices;
  conversationId?: string;
  /** The provider's id of the reply (`gen_ai.response.id`), which evaluation events may name instead of the span. */
  responseId?: string;
}

const MAX_DEPTH = 256;

/**
 * A trace is assembled once this many records have been read without any of its spans: exporters send a trace's
 * spans close together (batch processors flush every few seconds), so a trace that has been quiet this long is
 * complete. This is what bounds memory: the assembler holds only the traces touched in the last TRACE_WINDOW
 * records, not the file.
 */
export const TRACE_WINDOW = 256;
/**
 * The most spans and joined records held before the least recently touched traces are assembled early, quiet for
 * the window or not: one export request may hold thousands of spans (a collector's batch processor sends 8192 by
 * default), so a window counted in records alone bounds nothing. A trace touched by the record in hand is never
 * assembled early; a span of an early-assembled trace arriving later is quarantined as late, never merged.
 */
export const MAX_HELD = 20_000;
/** Trace ids remembered after assembly, to quarantine spans that arrive after their trace was assembled. */
const RECENT_TRACES = 16_384;

/**
 * Applies what was joined to a trace from outside its spans (OTLP log records with the message content, evaluation
 * events) to the trace's spans, just before it is assembled. Returns the joined records that fit no span.
 */
export type TraceJoin<J> = (spans: Map<string, TraceSpan>, joined: readonly J[]) => LateProblem[];

/**
 * Groups spans by trace and builds one interaction per root model/agent span: one with no model/agent span
 * above it. Everything under a root (model calls, tool executions) becomes its trajectory, in start order, so an
 * agent run reads as request → tool calls and results → answer. A trace's spans may arrive in any order and
 * across export requests; the trace is assembled when no span of it has come for `window` records (see
 * TRACE_WINDOW), or at the end of the file. A span arriving later than that is quarantined, not silently merged.
 */
export class TraceAssembler<J = never> {
  /** Open traces in least-recently-touched order (a Map keeps insertion order; touching re-inserts). */
  private readonly traces = new Map<string, { lastLine: number; spans: Map<string, TraceSpan>; joined: J[] }>();
  private readonly assembled = new Set<string>();
  private late: LateProblem[] = [];
  /** Spans and joined records in `traces`. */
  private heldItems = 0;

  /** `contentFields` names where this format keeps message text, for the report on spans captured without it. */
  constructor(
    private readonly contentFields: string,
    private readonly window = TRACE_WINDOW,
    /**
     * `join` applies records attached to a trace; `hint` ends the report on spans without content; `maxHeld`
     * overrides MAX_HELD.
     */
    private readonly options: { join?: TraceJoin<J>; hint?: string; maxHeld?: number } = {},
  ) {}

  add(span: TraceSpan): void {
    if (this.assembled.has(span.traceId)) {
      this.late.push({
        line: span.line,
        error: new RecordError('traceId', `span arrived more than ${this.window} records after the rest of its trace (or after ${this.options.maxHeld ?? MAX_HELD} other spans), which was already assembled`),
      });
      return;
    }
    const { spans } = this.touch(span.traceId, span.line);
    if (!spans.has(span.spanId)) this.heldItems += 1;
    spans.set(span.spanId, span);
  }

  /**
   * Holds a record to be joined to a trace's spans when it is assembled (see TraceJoin); it keeps the trace open
   * like a span does. False when the trace was already assembled: the caller reports the record as late.
   */
  attach(traceId: string, line: number, item: J): boolean {
    if (this.assembled.has(traceId)) return false;
    this.touch(traceId, line).joined.push(item);
    this.heldItems += 1;
    return true;
  }

  private touch(traceId: string, line: number): { lastLine: number; spans: Map<string, TraceSpan>; joined: J[] } {
    let trace = this.traces.get(traceId);
    if (trace) this.traces.delete(traceId);
    else trace = { lastLine: line, spans: new Map(), joined: [] };
    trace.lastLine = Math.max(trace.lastLine, line);
    this.traces.set(traceId, trace);
    return trace;
  }

  /** How many traces and spans are held, for tests of the memory bound. */
  held(): { traces: number; spans: number; joined: number } {
    let spans = 0;
    let joined = 0;
    for (const trace of this.traces.values()) {
      spans += trace.spans.size;
      joined += trace.joined.length;
    }
    return { traces: this.traces.size, spans, joined };
  }

  /** The traces that have been quiet for the window as of `line`, assembled; call after each record. */
  ready(line: number): (LocatedInteraction | LateProblem)[] {
    const quiet: string[] = [];
    const maxHeld = this.options.maxHeld ?? MAX_HELD;
    let held = this.heldItems;
    for (const [traceId, trace] of this.traces) {
      const crowded = held > maxHeld && trace.lastLine < line;
      if (trace.lastLine > line - this.window && !crowded) break;
      quiet.push(traceId);
      held -= trace.spans.size + trace.joined.length;
    }
    return this.take(quiet);
  }

  /** Every trace still held (the end of the file). */
  assemble(): (LocatedInteraction | LateProblem)[] {
    return this.take([...this.traces.keys()]);
  }

  private take(traceIds: string[]): (LocatedInteraction | LateProblem)[] {
    const out: (LocatedInteraction | LateProblem)[] = this.late;
    this.late = [];
    for (const traceId of traceIds) {
      const trace = this.traces.get(traceId)!;
      this.traces.delete(traceId);
      this.heldItems -= trace.spans.size + trace.joined.length;
      this.remember(traceId);
      if (trace.joined.length > 0 && this.options.join) out.push(...this.options.join(trace.spans, trace.joined));
      for (const { line, interaction } of assembleTrace(trace.spans)) {
        // Instrumentations record no text unless content capture is on; an empty case is nothing to review, nor
        // is a system prompt alone (some write the instructions whatever the capture setting).
        const empty = interaction.messages.every((m) => m.role === 'system') && interaction.response === null;
        out.push(empty ? { line, error: new RecordError(this.contentFields, `no message content captured (is content capture on?${this.options.hint ?? ''})`) } : { line, interaction });
      }
    }
    return out.sort((a, b) => a.line - b.line);
  }

  private remember(traceId: string): void {
    this.assembled.add(traceId);
    if (this.assembled.size > RECENT_TRACES) this.assembled.delete(this.assembled.values().next().value!);
  }
}

function isCall(span: TraceSpan): boolean {
  return span.kind === 'model' || span.kind === 'agent';
}

/** The nearest model/agent span above `span`, or null; stops at spans missing from the file. */
function owner(span: TraceSpan, trace: Map<string, TraceSpan>): TraceSpan | null {
  let current = span.parentId ? trace.get(span.parentId) : undefined;
  for (let depth = 0; current && depth < MAX_DEPTH; depth += 1) {
    if (isCall(current)) return current;
    current = current.parentId ? trace.get(current.parentId) : undefined;
  }
  return null;
}

function rootOf(span: TraceSpan, trace: Map<string, TraceSpan>): TraceSpan | null {
  let root: TraceSpan | null = isCall(span) ? span : null;
  let next = owner(span, trace);
  for (let depth = 0; next && depth < MAX_DEPTH; depth += 1) {
    root = next;
    next = owner(next, trace);
  }
  return root;
}

function assembleTrace(trace: Map<string, TraceSpan>): LocatedInteraction[] {
  const members = new Map<TraceSpan, TraceSpan[]>();
  for (const span of trace.values()) {
    const root = rootOf(span, trace);
    if (!root) continue;
    if (!members.has(root)) members.set(root, []);
    if (root !== span) members.get(root)!.push(span);
  }
  return [...members].map(([root, below]) => {
    const interaction = interactionOf(root, below);
    // Apps often set the conversation id on their own span around the model calls (a request handler).
    const inherited = interaction.conversationId === undefined ? ancestorConversation(root, trace) : undefined;
    return { line: root.line, interaction: inherited === undefined ? interaction : { ...interaction, conversationId: inherited } };
  });
}

/** The conversation id of the nearest span above `span` that has one. */
function ancestorConversation(span: TraceSpan, trace: Map<string, TraceSpan>): string | undefined {
  let current = span.parentId ? trace.get(span.parentId) : undefined;
  for (let depth = 0; current && depth < MAX_DEPTH; depth += 1) {
    if (current.conversationId !== undefined) return current.conversationId;
    current = current.parentId ? trace.get(current.parentId) : undefined;
  }
  return undefined;
}

/** Spans without a start time keep their place after those with one. */
function byStart(a: TraceSpan, b: TraceSpan): number {
  if (a.startMs === null || b.startMs === null) return (a.startMs === null ? 1 : 0) - (b.startMs === null ? 1 : 0);
  return a.startMs - b.startMs;
}

function interactionOf(root: TraceSpan, below: TraceSpan[]): RawInteraction {
  const steps = [...below].sort(byStart);
  const models = steps.filter((s) => s.kind === 'model');
  const trajectory: RawMessage[] = steps.flatMap((s) => (s.kind === 'tool' ? (s.toolMessage ? [s.toolMessage] : []) : isCall(s) ? s.output : []));
  let response = root.output[0] ?? null;
  const last = trajectory.at(-1);
  if (response && last?.role === response.role && last.content === response.content) trajectory.pop();
  if (!response && last && last.role !== 'tool') response = trajectory.pop()!;

  const sum = (pick: (s: Signals) => number | undefined): number | undefined =>
    models.some((s) => pick(s.signals) !== undefined) ? models.reduce((total, s) => total + (pick(s.signals) ?? 0), 0) : undefined;
  const signals = stripUndefined({
    ...root.signals,
    input_tokens: root.signals.input_tokens ?? sum((s) => s.input_tokens),
    output_tokens: root.signals.output_tokens ?? sum((s) => s.output_tokens),
    cost_usd: root.signals.cost_usd ?? sum((s) => s.cost_usd),
  });
  return stripUndefined({
    recordId: `${root.traceId}:${root.spanId}`,
    conversationId: root.conversationId ?? steps.find((s) => s.conversationId)?.conversationId,
    // When the exchange began: the root span's start (OTLP startTimeUnixNano, OpenInference start_time).
    timestamp: fromEpochMs(root.startMs ?? steps[0]?.startMs),
    messages: [...(root.input.length > 0 ? root.input : (models[0]?.input ?? [])), ...trajectory],
    response,
    signals: withEvaluations(signals, [root, ...steps].flatMap((s) => s.evaluations)),
    slices: stripUndefined({ ...models[0]?.slices, ...root.slices, model: root.slices.model ?? models.find((s) => s.slices.model)?.slices.model }),
  });
}

export function durationMs(startMs: number | null, endMs: number | null): number | undefined {
  return startMs !== null && endMs !== null && endMs >= startMs ? Math.round((endMs - startMs) * 1000) / 1000 : undefined;
}
