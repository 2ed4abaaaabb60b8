/**
 * Long texts are cut into overlapping windows the model can see whole; findings from the windows are put back
 * into text offsets and merged so an entity cut by one window's edge is taken whole from its neighbour, once.
 */

/** A slice of the text, end exclusive. */
export interface TextWindow {
  readonly start: number;
  readonly end: number;
}

export interface WindowPlan {
  /** Upper bound on a window's length in UTF-16 units. */
  readonly maxChars: number;
  /** How much consecutive windows share; an entity shorter than this is whole in at least one window. */
  readonly overlapChars: number;
}

/**
 * The windows the NER worker cuts. The model has 128 positions; at 4-6 characters per token in chat and
 * clinical text 400 characters keeps most windows under that (the worker splits the rest), and an 80-character
 * overlap holds any realistic name or organisation whole in at least one window.
 */
export const NER_WINDOW_PLAN: WindowPlan = { maxChars: 400, overlapChars: 80 };

/** Below this share of maxChars a window is cut mid-word rather than searched further back for a space. */
const MIN_WINDOW_SHARE = 0.5;

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/.test(char);
}

/** A cut never splits a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/** Moves a window end back to just after whitespace, unless that would make the window too short. */
function snapEnd(text: string, start: number, end: number, maxChars: number): number {
  if (end >= text.length) return text.length;
  const floor = start + Math.floor(maxChars * MIN_WINDOW_SHARE);
  for (let i = end; i > floor; i--) if (isSpace(text[i - 1])) return i;
  return safeCut(text, end);
}

/** Moves a window start forward to the beginning of a word, unless none is near. */
function snapStart(text: string, start: number, limit: number): number {
  for (let i = start; i < limit; i++) if (i === 0 || isSpace(text[i - 1])) return i;
  return safeCut(text, start);
}

export function planWindows(text: string, plan: WindowPlan): TextWindow[] {
  const { maxChars, overlapChars } = plan;
  if (maxChars <= 0 || overlapChars < 0 || overlapChars * 2 >= maxChars) {
    throw new RangeError(`window plan needs 0 <= 2 x overlap (${overlapChars}) < maxChars (${maxChars})`);
  }
  if (text.length <= maxChars) return [{ start: 0, end: text.length }];
  const windows: TextWindow[] = [];
  let start = 0;
  for (;;) {
    const end = snapEnd(text, start, Math.min(text.length, start + maxChars), maxChars);
    windows.push({ start, end });
    if (end >= text.length) return windows;
    const next = snapStart(text, Math.max(start + 1, end - overlapChars), end);
    start = next > start ? next : end;
  }
}

/** A finding of a window, in text offsets. */
export interface WindowedSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly score: number;
}

interface Candidate<T extends WindowedSpan> {
  span: T;
  /** Distance from the span to the nearest edge of its window that cuts the text; more is more context. */
  context: number;
}

/**
 * Shifts each window's spans into text offsets and merges them. Overlapping spans of the same label are one
 * entity seen from two windows: their union is kept (a window edge may have cut one of them short). Where
 * labels disagree, the span seen with more context around it wins.
 */
export function mergeWindowSpans<T extends WindowedSpan>(
  textLength: number,
  perWindow: readonly { window: TextWindow; spans: readonly T[] }[],
): T[] {
  const candidates: Candidate<T>[] = [];
  for (const { window, spans } of perWindow) {
    for (const local of spans) {
      const span = { ...local, start: local.start + window.start, end: local.end + window.start };
      const before = window.start > 0 ? span.start - window.start : Number.POSITIVE_INFINITY;
      const after = window.end < textLength ? window.end - span.end : Number.POSITIVE_INFINITY;
      candidates.push({ span, context: Math.min(before, after) });
    }
  }
  candidates.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const merged: Candidate<T>[] = [];
  for (const candidate of candidates) {
    const last = merged[merged.length - 1];
    if (!last || candidate.span.start >= last.span.end) {
      merged.push(candidate);
    } else if (candidate.span.label === last.span.label) {
      last.span = {
        ...last.span,
        end: Math.max(last.span.end, candidate.span.end),
        score: Math.max(last.span.score, candidate.span.score),
      };
      last.context = Math.max(last.context, candidate.context);
    } else if (candidate.context > last.context) {
      merged[merged.length - 1] = candidate;
    }
  }
  return merged.map((c) => c.span);
}
