import { PII_LABELS } from '../deid/types.js';

/**
 * An imported record may already hold placeholders (`[PHONE_1]`, from a Quarry export elsewhere). De-identifying it
 * again numbers what it finds from 1, so a new phone number would also become `[PHONE_1]` and two values would
 * read as one. Before de-identification the existing placeholders are swapped for opaque markers; afterwards the
 * new placeholders are renumbered after the highest existing number of their label, and the markers put back.
 */
const PLACEHOLDER = new RegExp(`\\[(${PII_LABELS.join('|')})_(\\d+)\\]`, 'g');
const MARKER = /\uE000([A-Z]+)\uE001/g;

/** 0 → A, 25 → Z, 26 → BA: letters only, so no recognizer mistakes a marker for a number. */
function letters(i: number): string {
  let out = '';
  do {
    out = String.fromCharCode(65 + (i % 26)) + out;
    i = Math.floor(i / 26);
  } while (i > 0);
  return out;
}

function index(code: string): number {
  return [...code].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 65), 0);
}

export function protectPlaceholders(texts: readonly string[]): { texts: string[]; restore(out: readonly string[]): string[] } {
  const kept: string[] = [];
  const seen = new Map<string, number>();
  const highest = new Map<string, number>();
  // The marker characters (private use) are dropped from the input, so only markers made here are restored.
  const masked = texts.map((text) =>
    text.replace(/[\uE000\uE001]/g, '').replace(PLACEHOLDER, (placeholder: string, label: string, n: string) => {
      highest.set(label, Math.max(highest.get(label) ?? 0, Number(n)));
      let i = seen.get(placeholder);
      if (i === undefined) {
        i = kept.push(placeholder) - 1;
        seen.set(placeholder, i);
      }
      return `\uE000${letters(i)}\uE001`;
    }),
  );
  if (kept.length === 0) return { texts: masked, restore: (out) => [...out] };
  return {
    texts: masked,
    restore: (out) =>
      out.map((text) =>
        text
          .replace(PLACEHOLDER, (_p: string, label: string, n: string) => `[${label}_${Number(n) + (highest.get(label) ?? 0)}]`)
          .replace(MARKER, (marker: string, code: string) => kept[index(code)] ?? marker),
      ),
  };
}
