import type { PiiLabel } from '../types.js';

/**
 * Numbers placeholders within one case: the same real value gets the same `[LABEL_n]` everywhere in the case,
 * different values of a type get 1, 2, 3… in order of first appearance.
 */
export class PlaceholderAllocator {
  private readonly byValue = new Map<string, string>();
  private readonly counts = new Map<PiiLabel, number>();
  /** Part key → full-value key; null once a part belongs to two different values and so names neither. */
  private readonly aliases = new Map<string, string | null>();

  /** Makes `part` (a surname alone, say) share the placeholder of `full`, unless it is ambiguous in this case. */
  alias(label: PiiLabel, part: string, full: string): void {
    const partKey = `${label}\u0000${normalizeValue(part)}`;
    const fullKey = `${label}\u0000${normalizeValue(full)}`;
    if (partKey === fullKey) return;
    const existing = this.aliases.get(partKey);
    this.aliases.set(partKey, existing === undefined || existing === fullKey ? fullKey : null);
  }

  placeholderFor(label: PiiLabel, value: string): string {
    const ownKey = `${label}\u0000${normalizeValue(value)}`;
    const key = this.aliases.get(ownKey) ?? ownKey;
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
