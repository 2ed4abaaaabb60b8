/**
 * Some patterns are slow to try at every position of a long text but need something cheap to find nearby (a bare
 * domain needs a dot followed by lowercase letters). A recognizer finds those anchors with a fast regex and runs
 * the costly pattern only on the text around them. Windows are widened to whitespace so that word-boundary
 * lookarounds at a window's edge behave as they would on the whole text.
 */
import { execAll } from './exec-all.js';
export type TextWindow = readonly [start: number, end: number];

const MAX_WIDENING = 40;

function isSpace(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

export function windowsAround(text: string, anchor: RegExp, before: number, after: number): TextWindow[] {
  const windows: [number, number][] = [];
  for (const match of execAll(anchor, text)) {
    let start = Math.max(0, match.index - before);
    let end = Math.min(text.length, match.index + match[0].length + after);
    for (let n = 0; start > 0 && n < MAX_WIDENING && !isSpace(text[start - 1]); n++) start--;
    for (let n = 0; end < text.length && n < MAX_WIDENING && !isSpace(text[end]); n++) end++;
    const last = windows.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  return windows;
}

/** Matches of a global `pattern` inside the windows, with `index` (and `indices`, if any) relative to `text`. */
export function* matchesInWindows(text: string, pattern: RegExp, windows: readonly TextWindow[]): Generator<RegExpExecArray> {
  for (const [start, end] of windows) {
    const slice = start === 0 && end === text.length ? text : text.slice(start, end);
    for (const match of execAll(pattern, slice)) {
      match.index += start;
      if (match.indices) {
        match.indices.forEach((range, i) => {
          if (range && match.indices) match.indices[i] = [range[0] + start, range[1] + start];
        });
      }
      yield match;
    }
  }
}
