import type { Evaluation, RawInteraction, RawMessage, Signals, Slices } from '../interaction.js';
import { RecordError, stripUndefined, type LateProblem, type LocatedInteraction } from './format.js';
import { withEvaluations } from './evaluations.js';

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
}

const MAX_DEPTH = 256;

/**
 * A trace is assembled once this many records have been read without any of its spans: exporters send a trace's
 * spans close together (batch processors flush every few seconds), so a trace that has been quiet this long is
 * complete. This is what bounds memory: the assembler holds only the traces touched in the last TRACE_WINDOW
 * records, not the file.
 */
export const TRACE_WINDOW = 256;
/** Trace ids remembered after assembly, to quarantine spans that arrive after their trace was assembled. */
const RECENT_TRACES = 16_384;

/**
 * Groups spans by trace and builds one interaction per root model/agent span: one with no model/agent span
 * above it. Everything under a root (model calls, tool executions) becomes its trajectory, in start order, so an
 * agent run reads as request → tool calls and results → answer. A trace's spans may arrive in any order and
 * across export requests; the trace is assembled when no span of it has come for `window` records (see
 * TRACE_WINDOW), or at the end of the file. A span arriving later than that is quarantined, not silently merged.
 */
export class TraceAssembler {
  /** Open traces in least-recently-touched order (a Map keeps insertion order; touching re-inserts). */
  private readonly traces = new Map<string, { lastLine: number; spans: Map<string, TraceSpan> }>();
  private readonly assembled = new Set<string>();
  private late: LateProblem[] = [];

  /** `contentFields` names where this format keeps message text, for the report on spans captured without it. */
  constructor(
    private readonly contentFields: string,
    private readonly window = TRACE_WINDOW,
  ) {}

  add(span: TraceSpan): void {
    if (this.assembled.has(span.traceId)) {
      this.late.push({
        line: span.line,
        error: new RecordError('traceId', `span arrived more than ${this.window} records after the rest of its trace, which was already assembled`),
      });
      return;
    }
    let trace = this.traces.get(span.traceId);
    if (trace) this.traces.delete(span.traceId);
    else trace = { lastLine: span.line, spans: new Map() };
    trace.lastLine = Math.max(trace.lastLine, span.line);
    trace.spans.set(span.spanId, span);
    this.traces.set(span.traceId, trace);
  }

  /** How many traces and spans are held, for tests of the memory bound. */
  held(): { traces: number; spans: number } {
    let spans = 0;
    for (const trace of this.traces.values()) spans += trace.spans.size;
    return { traces: this.traces.size, spans };
  }

  /** The traces that have been quiet for the window as of `line`, assembled; call after each record. */
  ready(line: number): (LocatedInteraction | LateProblem)[] {
    const quiet: string[] = [];
    for (const [traceId, trace] of this.traces) {
      if (trace.lastLine > line - this.window) break;
      quiet.push(traceId);
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
      this.remember(traceId);
      for (const { line, interaction } of assembleTrace(trace.spans)) {
        const empty = interaction.messages.length === 0 && interaction.response === null;
        // Instrumentations record no text unless content capture is on; an empty case is nothing to review.
        out.push(empty ? { line, error: new RecordError(this.contentFields, 'no message content captured (is content capture on?)') } : { line, interaction });
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
  return [...members].map(([root, below]) => ({ line: root.line, interaction: interactionOf(root, below) }));
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
    messages: [...(root.input.length > 0 ? root.input : (models[0]?.input ?? [])), ...trajectory],
    response,
    signals: withEvaluations(signals, [root, ...steps].flatMap((s) => s.evaluations)),
    slices: stripUndefined({ ...models[0]?.slices, ...root.slices, model: root.slices.model ?? models.find((s) => s.slices.model)?.slices.model }),
  });
}

export function durationMs(startMs: number | null, endMs: number | null): number | undefined {
  return startMs !== null && endMs !== null && endMs >= startMs ? Math.round((endMs - startMs) * 1000) / 1000 : undefined;
}
