/**
 * Offline language detection for cases whose log gave no language: franc-min's trigram models on the
 * de-identified user text, reported as ISO 639-1 where one exists and `und` when the text is too short or unclear.
 */
import { franc } from 'franc-min';

/** franc-min's ISO 639-3 codes → ISO 639-1. Individual languages map to their macrolanguage's code (arb → ar). */
const ISO_639_1: Readonly<Record<string, string>> = {
  amh: 'am', arb: 'ar', azj: 'az', bel: 'be', ben: 'bn', bos: 'bs', bul: 'bg', ces: 'cs', cmn: 'zh', deu: 'de',
  ell: 'el', eng: 'en', fra: 'fr', fuv: 'ff', guj: 'gu', hau: 'ha', hin: 'hi', hrv: 'hr', hun: 'hu', ibo: 'ig',
  ind: 'id', ita: 'it', jav: 'jv', jpn: 'ja', kan: 'kn', kaz: 'kk', kin: 'rw', koi: 'kv', kor: 'ko', lin: 'ln',
  mal: 'ml', mar: 'mr', mya: 'my', nld: 'nl', npi: 'ne', nya: 'ny', pan: 'pa', pbu: 'ps', pes: 'fa', plt: 'mg',
  pol: 'pl', por: 'pt', qug: 'qu', ron: 'ro', run: 'rn', rus: 'ru', sin: 'si', som: 'so', spa: 'es', srp: 'sr',
  sun: 'su', swe: 'sv', swh: 'sw', tam: 'ta', tel: 'te', tgl: 'tl', tha: 'th', tur: 'tr', ukr: 'uk', urd: 'ur',
  uzn: 'uz', vie: 'vi', yor: 'yo', zlm: 'ms', zul: 'zu', zyb: 'za',
};

export const UNDETERMINED = 'und';

/**
 * Texts with less than this (letters and digits, placeholders removed) are `und`: trigrams would only guess.
 * A Han, kana or Hangul character counts three times, as it carries about a word.
 */
export const MIN_DETECTABLE_CHARS = 20;
const IDEOGRAPHIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Detection reads at most this much: a few sentences decide the language, and long texts would only cost time. */
const SAMPLE_CHARS = 400;

const PLACEHOLDER = /\[[A-Z][A-Z_]*_\d+\]/g;

/** ISO 639-1 for franc's ISO 639-3 code; languages without a two-letter code keep their three letters. */
export function toIso6391(iso6393: string): string {
  return ISO_639_1[iso6393] ?? iso6393;
}

/**
 * The language of a de-identified text. Placeholders such as `[PERSON_1]` are removed first: they are English
 * words in every language's text.
 */
export function detectLanguage(text: string): string {
  const sample = text.replace(PLACEHOLDER, ' ').replace(/\s+/g, ' ').trim().slice(0, SAMPLE_CHARS);
  const weight = sample.replace(/[^\p{L}\p{N}]/gu, '').length + 2 * (sample.match(IDEOGRAPHIC)?.length ?? 0);
  if (weight < MIN_DETECTABLE_CHARS) return UNDETERMINED;
  const code = franc(sample, { minLength: 1 });
  return code === UNDETERMINED ? UNDETERMINED : toIso6391(code);
}
