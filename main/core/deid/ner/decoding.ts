/**
 * Run-time decoding of a NER model's per-piece logits: the O-logit shift its manifest records, and the languages
 * it was measured on. The shift trades precision for recall, and was chosen on text in the model's own languages;
 * a model reading a language it never learnt already takes greetings and verbs for names ("Bonjour", "je
 * voudrais"), and a shift would only make more of them. So a text the language detector reads as another
 * language is decoded without the shift; one too short to tell is decoded with it (recall first).
 */
import { francAll } from 'franc-min';
import { FUNCTION_WORDS } from '../function-words.js';

export interface NerDecoding {
  /** Subtracted from the O tag's logit before the best tag is taken. */
  readonly oLogitShift: number;
  /** ISO 639-3 codes the shift applies to; null: every text. */
  readonly languages: readonly string[] | null;
}

export const PLAIN_DECODING: NerDecoding = { oLogitShift: 0, languages: null };

/**
 * What a text's language is weighed against: the languages written most in the logs Quarry reads. Weighing a few
 * languages rather than franc's 80 costs about a third of the time, and a text in none of them (Greek, Russian,
 * Chinese) is still not one of the model's, so it gets no shift either way.
 */
const CONTRAST_LANGUAGES = ['eng', 'spa', 'fra', 'deu', 'ita', 'por', 'nld', 'pol', 'ron', 'tur', 'swe', 'ces', 'hun', 'ind', 'vie'];

/**
 * Letters and digits a text needs before its language is read: below it trigrams only guess. Short English texts
 * full of names ("Why is Katrine so impulsive?") read as Turkish or French often enough to matter.
 */
const MIN_LETTERS = 40;
/**
 * How far the best of the model's languages may score below the text's top language (franc's scores, the top one
 * 1) and the text still count as the model's. Among the English and Spanish records of the development sets, 1-2 %
 * score below 0.7 (names and handles pull trigrams anywhere); among short French, German, Dutch, Polish and Swedish
 * requests written for this measure, half do.
 */
const MODEL_LANGUAGE_SCORE = 0.7;
/** The language is read from the text's start: a few sentences decide it, and long texts would only cost time. */
const SAMPLE_CHARS = 400;

/**
 * English function words that make a text English at a glance, before franc is asked: most texts Quarry reads are
 * English, and franc costs some 0.15 ms a text. Only English (Spanish shares its articles and prepositions with
 * French, Italian and Portuguese: "de", "la", "le", "a"), and without the words other Latin-script languages also
 * write ("in", "was", "so", "an" are German; "is", "over" Dutch; "on", "or" French; "to" Polish; "no", "me", "i",
 * "a", "as", "he" Romance).
 */
const SHARED_WITH_OTHER_LANGUAGES = new Set(['in', 'an', 'so', 'was', 'is', 'over', 'on', 'or', 'to', 'no', 'me', 'i', 'a', 'as', 'he', 'her']);
const ENGLISH_MARKERS: ReadonlySet<string> = new Set(FUNCTION_WORDS.en!.filter((word) => !SHARED_WITH_OTHER_LANGUAGES.has(word)));
/** Distinct markers, and their share of the sample's words, that settle a text as English. */
const MIN_MARKERS = 3;
const MIN_MARKER_SHARE = 0.2;

function looksEnglish(sample: string): boolean {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  const markers = words.filter((word) => ENGLISH_MARKERS.has(word));
  return new Set(markers).size >= MIN_MARKERS && markers.length >= MIN_MARKER_SHARE * words.length;
}

/** Whether franc reads `text` as clearly in none of `languages`: long enough, and they score well below the top. */
function inOtherLanguage(text: string, languages: readonly string[]): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  if (sample.replace(/[^\p{L}\p{N}]/gu, '').length < MIN_LETTERS) return false;
  if (languages.includes('eng') && looksEnglish(sample)) return false;
  const scores = francAll(sample, { minLength: 1, only: [...new Set([...languages, ...CONTRAST_LANGUAGES])] });
  const best = Math.max(0, ...scores.filter(([code]) => languages.includes(code)).map(([, score]) => score));
  return scores[0]?.[0] !== 'und' && best < MODEL_LANGUAGE_SCORE;
}

/** The shift to decode `text` with: the manifest's, unless the text is clearly in a language it was not chosen for. */
export function oLogitShiftFor(text: string, decoding: NerDecoding): number {
  if (decoding.oLogitShift === 0 || decoding.languages === null) return decoding.oLogitShift;
  return inOtherLanguage(text, decoding.languages) ? 0 : decoding.oLogitShift;
}

/**
 * Lowers the O logit of every piece of batch row `row` by `shift`, in place. `logits` is [batch, sequence, width]
 * flattened; `outside` the O tag's index.
 */
export function shiftOutsideLogits(logits: Float32Array, row: number, sequence: number, width: number, outside: number, shift: number): void {
  if (shift === 0 || outside < 0) return;
  const end = (row + 1) * sequence * width;
  for (let at = row * sequence * width + outside; at < end; at += width) logits[at] = (logits[at] ?? 0) - shift;
}
