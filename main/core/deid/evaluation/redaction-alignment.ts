/**
 * Recovers which input characters a redact-only library replaced. The library is configured to replace every
 * match with a marker character that never occurs in the input, so its output is the input's kept stretches,
 * verbatim and in order, separated by runs of the marker. Placing each kept stretch back into the input gives
 * the replaced regions in between.
 */

export interface ReplacedRegion {
  start: number;
  end: number;
}

/** Bounds the backtracking on pathological texts; real outputs resolve in a handful of steps. */
const MAX_PLACEMENT_ATTEMPTS = 100_000;

/**
 * The regions of `input` that `redacted` replaced with `marker`, or null if `redacted` is not the input with
 * stretches replaced by the marker (the library also changed kept text). Replacements that touch merge into
 * one region. Where a kept stretch could sit in more than one place, the earliest placement that still lets
 * every later stretch fit wins, so regions are as short as possible on their left.
 */
export function replacedRegions(input: string, redacted: string, marker: string): ReplacedRegion[] | null {
  if (input.includes(marker)) throw new Error('The redaction marker occurs in the input; choose another marker.');
  if (!redacted.includes(marker)) return redacted === input ? [] : null;
  // Runs of markers become one gap: the empty strings between adjacent markers carry no kept text.
  const parts = redacted.split(marker);
  const head = parts[0]!;
  const tail = parts.at(-1)!;
  const middle = parts.slice(1, -1).filter((part) => part !== '');
  if (!input.startsWith(head) || !input.endsWith(tail)) return null;
  const tailStart = input.length - tail.length;

  const starts: number[] = [];
  let attempts = 0;
  // Each gap replaced at least one character: a regex replacement never deletes nothing.
  const place = (index: number, from: number): boolean => {
    if (index === middle.length) return from < tailStart;
    const stretch = middle[index]!;
    for (let at = input.indexOf(stretch, from + 1); at !== -1 && at + stretch.length < tailStart; at = input.indexOf(stretch, at + 1)) {
      if (++attempts > MAX_PLACEMENT_ATTEMPTS) return false;
      starts[index] = at;
      if (place(index + 1, at + stretch.length)) return true;
    }
    return false;
  };
  if (!place(0, head.length)) return null;

  const regions: ReplacedRegion[] = [];
  let cursor = head.length;
  middle.forEach((stretch, i) => {
    regions.push({ start: cursor, end: starts[i]! });
    cursor = starts[i]! + stretch.length;
  });
  regions.push({ start: cursor, end: tailStart });
  return regions;
}
