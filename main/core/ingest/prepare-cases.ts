/**
 * The part of storing a case that needs no database: de-identifying its text fields, building the rows' JSON, the
 * detected language and the MinHash signature. Ingest runs it for a batch while the batch before it is stored:
 * in a worker thread for the patterns-only de-identifier (main/workers/ingest-worker.ts), on this thread otherwise
 * (the NER model already runs in its own worker threads). Either way the same function turns a case into the same
 * values.
 */
import type { Deidentifier, Replacement } from '../deid/deidentifier.js';
import { languageToDetect, userTextOf } from '../enrich/enrich-cases.js';
import { minhashSignature } from '../enrich/minhash.js';
import type { RawText } from '../text.js';
import type { RawInteraction } from './interaction.js';

/** A case ready to store: the values of its `cases`, `vault_findings` and `case_clusters` rows. */
export interface PreparedCase {
  redactedJson: string;
  signalsJson: string;
  slicesJson: string;
  placeholdersJson: string;
  /** Replaced spans with their originals: raw text, which only ever goes to the vault. */
  replacements: Replacement[];
  /** The language detected from the user text, or null when the log gave one. */
  detected: string | null;
  /** MinHash signature of the de-identified user text; null when it has no words. */
  signature: Uint32Array | null;
}

/** Records handed to the de-identifier at once (its NER model batches inputs; larger calls only cost memory). */
export const DEID_CHUNK = 32;

/** A case's text fields in a fixed order: every request message, then the response. */
export function caseFields(interaction: RawInteraction): RawText[] {
  return [...interaction.messages.map((m) => m.content), ...(interaction.response ? [interaction.response.content] : [])];
}

function firstUserPreview(texts: string[], interaction: RawInteraction): string {
  const index = interaction.messages.findIndex((m) => m.role === 'user');
  const text = texts[index >= 0 ? index : 0] ?? '';
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The stored values of one case from its interaction and its de-identified fields. */
function preparedCase(interaction: RawInteraction, texts: string[], replacements: Replacement[]): PreparedCase {
  const messageCount = interaction.messages.length;
  const redacted = {
    messages: interaction.messages.map((m, j) => ({ role: m.role, content: texts[j] })),
    response: interaction.response ? { role: interaction.response.role, content: texts[messageCount] } : null,
    preview: firstUserPreview(texts, interaction),
  };
  const placeholders = [...new Map(replacements.map((r) => [r.placeholder, r.label])).entries()].map(([placeholder, label]) => ({ placeholder, label }));
  // Enrichment from the text in hand: the detected language goes into the slices as inserted, rather than a
  // read-back and an update of the stored case (which re-ran the queue trigger). The language is read from the raw
  // user text, which never leaves this process: a language code identifies no one, and the raw text still has every
  // word (in a language the NER model never learnt, it takes greetings and verbs for names, and placeholders would be
  // all that is left to read). Near-duplicates are found on the de-identified text, as the backfill finds them.
  const enrichText = userTextOf(redacted.messages);
  const detected = languageToDetect(interaction.slices, userTextOf(interaction.messages));
  const slices = detected === null ? interaction.slices : { ...interaction.slices, language: detected };
  return {
    redactedJson: JSON.stringify(redacted),
    signalsJson: JSON.stringify(interaction.signals),
    slicesJson: JSON.stringify(slices),
    placeholdersJson: JSON.stringify(placeholders),
    replacements,
    detected,
    signature: minhashSignature(enrichText),
  };
}

/**
 * Prepares a batch of cases, in order. Between chunks of DEID_CHUNK cases it lets timers and I/O run (progress
 * polls, a cancel, the app's other requests), which a large batch would otherwise hold up for its whole
 * de-identification.
 */
export async function prepareCases(deidentifier: Deidentifier, interactions: readonly RawInteraction[]): Promise<PreparedCase[]> {
  const out: PreparedCase[] = [];
  for (let i = 0; i < interactions.length; i += DEID_CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const chunk = interactions.slice(i, i + DEID_CHUNK);
    const results = await deidentifier.deidentifyCases(chunk.map(caseFields));
    chunk.forEach((interaction, k) => out.push(preparedCase(interaction, results[k]!.texts, results[k]!.replacements)));
  }
  return out;
}
