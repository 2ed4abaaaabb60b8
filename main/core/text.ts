/**
 * The privacy boundary as types. `RawText` is production text before de-identification: it may only live in
 * main/core and the encrypted vault. `RedactedText` is what the de-identifier produces; only it may cross the
 * bridge. The brands are compile-time only, so a `string` cannot be passed where `RedactedText` is required
 * without going through `redact()`, which main/core/deid alone calls.
 */
declare const rawBrand: unique symbol;
declare const redactedBrand: unique symbol;

export type RawText = string & { readonly [rawBrand]: 'RawText' };
export type RedactedText = string & { readonly [redactedBrand]: 'RedactedText' };

/** Marks text read from a production source as raw. */
export function asRaw(text: string): RawText {
  return text as RawText;
}

/**
 * Only the de-identifier calls this, after every finding in the text has been replaced. Any other caller is a
 * boundary violation; the lint rule `no-restricted-imports` keeps it inside main/core/deid.
 */
export function markRedacted(text: string): RedactedText {
  return text as RedactedText;
}
