import type { PiiLabel } from '../types.js';

/**
 * Numbers placeholders within one case: the same real value gets the same `[LABEL_n]` everywhere in the case,
 * different values of a type get 1, 2, 3… in order of first appearance.
 */
export class PlaceholderAllocator {
  private readonly byValue = new Map<string, string>();
  private readonly counts = new Map<PiiLabel, number>();

  placeholderFor(label: PiiLabel, value: string): string {
    const key = `${label}\u0000${normalizeValue(value)}`;
    const known = this.byValue.get(key);
    if (known) return known;
    const n = (this.counts.get(label) ?? 0) + 1;
    this.counts.set(label, n);
    const placeholder = `[${label}_${n}]`;
    this.byValue.set(key, placeholder);
    return placeholder;
  }
}

/** "John  Smith", "john smith" and "JOHN SMITH" are one person; so are "555-0100" and "555 0100". */
export function normalizeValue(value: string): string {
  const folded = value.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  return /^[\d\s()+.\-/]+$/.test(folded) ? folded.replace(/\D/g, '') : folded;
}
