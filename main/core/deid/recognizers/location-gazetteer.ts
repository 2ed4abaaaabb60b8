import { allLocales, type LocaleDefinition } from '@faker-js/faker';
import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { US_STATE_CODES } from './address-vocabulary.js';
import { isCommonWord, isFirstName, isSurname } from './name-gazetteer.js';
import { isCapitalCode, isDigitCode, isLetterCode, wordsOf, type WordScan } from './word-scan.js';
import { execAll } from './exec-all.js';
import { worldCities } from './world-cities.js';

/**
 * Places (label `LOCATION`) from a gazetteer: the city, state, county and country lists that ship with the faker
 * library's locales, the world's cities of 100,000 people or more (world-cities.ts), plus Spanish provinces and
 * regions and a few abbreviations ("EE.UU.", "USA"). Built once, on
 * first use, into a Map keyed by the word scan's case-folded hash of a place's first word, so that matching is a
 * lookup per capitalised word of the shared scan and no per-name regex.
 *
 * Many places are also ordinary words or names ("Mobile", "Jackson", "Florence"): those need a second signal, a
 * cue before them ("in", "en", "from", "Provincia:"), a neighbouring place ("Irvine, CA", "Vigo (Pontevedra)") or a
 * postcode ("31620 Gorraiz"). A postcode next to a place is itself flagged, as `ADDRESS`.
 */

/** Latin-script locales: a place in another script is not seen by the capitalised-word scan. */
const PLACE_LOCALES = [
  'en', 'en_AU', 'en_CA', 'en_GB', 'en_IE', 'en_IN', 'en_NG', 'en_US', 'en_ZA', 'es', 'es_MX', 'pt_BR', 'pt_PT', 'fr', 'fr_BE',
  'fr_CA', 'fr_CH', 'fr_LU', 'it', 'de', 'de_AT', 'de_CH', 'nl', 'nl_BE', 'da', 'sv', 'nb_NO', 'fi', 'pl', 'cs_CZ', 'sk', 'hu', 'hr',
  'ro', 'lv', 'sl_SI', 'tr', 'af_ZA', 'id_ID', 'sr_RS_latin', 'eu', 'nl_BE', 'en_AU_ocker', 'en_HK', 'es', 'fr_SN', 'yo_NG', 'zu_ZA',
] as const;
/**
 * Cities, and states or regions. Counties are left out: many are ordinary words ("Central", "Time"). Countries
 * stand alone as the English and Spanish locales spell them; other locales spell some as ordinary words ("Man"),
 * so theirs are read as cities are.
 */
const PLACE_LISTS = ['city_name', 'state'] as const;
const COUNTRY_LOCALES = ['en', 'es'] as const;
/** Entries of some locales' country lists that name a union of states, not a place: "the Treaty on European Union". */
const NOT_COUNTRIES: ReadonlySet<unknown> = new Set(['European Union']);

/** Spanish provinces and autonomous communities, with their local and older spellings. */
export const SPANISH_PLACES: readonly string[] = [
  'Álava', 'Araba', 'Albacete', 'Alicante', 'Alacant', 'Almería', 'Asturias', 'Ávila', 'Badajoz', 'Barcelona', 'Burgos', 'Cáceres',
  'Cádiz', 'Cantabria', 'Castellón', 'Castelló', 'Ciudad Real', 'Córdoba', 'A Coruña', 'La Coruña', 'Cuenca', 'Girona', 'Gerona',
  'Granada', 'Guadalajara', 'Guipúzcoa', 'Gipuzkoa', 'Huelva', 'Huesca', 'Islas Baleares', 'Illes Balears', 'Baleares', 'Jaén',
  'León', 'Lleida', 'Lérida', 'Lugo', 'Madrid', 'Málaga', 'Murcia', 'Navarra', 'Nafarroa', 'Ourense', 'Orense', 'Palencia',
  'Las Palmas', 'Pontevedra', 'La Rioja', 'Salamanca', 'Santa Cruz de Tenerife', 'Tenerife', 'Segovia', 'Sevilla', 'Soria',
  'Tarragona', 'Teruel', 'Toledo', 'Valencia', 'València', 'Valladolid', 'Vizcaya', 'Bizkaia', 'Zamora', 'Zaragoza', 'Ceuta',
  'Melilla', 'Andalucía', 'Aragón', 'Canarias', 'Islas Canarias', 'Castilla y León', 'Castilla-La Mancha', 'Cataluña', 'Catalunya',
  'Comunidad Valenciana', 'Comunitat Valenciana', 'Extremadura', 'Galicia', 'Comunidad de Madrid', 'Región de Murcia',
  'País Vasco', 'Euskadi', 'Principado de Asturias', 'España', 'Spain', 'Vigo', 'Gijón', 'Oviedo', 'Bilbao', 'San Sebastián',
  'Donostia', 'Vitoria', 'Pamplona', 'Iruña', 'Santander', 'Logroño', 'Elche', 'Cartagena', 'Marbella', 'Torremolinos',
  'Ponferrada', 'Ferrol', 'Santiago de Compostela', 'Badalona', 'Sabadell', 'Terrassa', 'Hospitalet', 'Getafe', 'Alcalá de Henares',
  'Móstoles', 'Leganés', 'Fuenlabrada', 'Jerez', 'Algeciras', 'Reus', 'Manresa', 'Mataró', 'Estella', 'Tudela', 'Ourense',
  'Ciudad de México', 'México', 'Bogotá', 'Medellín', 'Cali', 'Lima', 'Santiago de Chile', 'Buenos Aires', 'Montevideo',
  'Caracas', 'Quito', 'La Habana', 'Cuba', 'Uruguay', 'Venezuela', 'Colombia', 'Argentina', 'Perú', 'Chile', 'Ecuador', 'Bolivia',
  'Paraguay', 'Francia', 'Alemania', 'Italia', 'Inglaterra', 'Reino Unido', 'Estados Unidos', 'Portugal', 'Marruecos', 'Suiza',
  'Bélgica', 'Holanda', 'Países Bajos', 'Suecia', 'Noruega', 'Dinamarca', 'Rusia', 'China', 'Japón', 'India', 'Brasil',
  'Viena', 'Londres', 'París', 'Roma', 'Berlín', 'Lisboa', 'Nueva York', 'California', 'Texas', 'Florida',
];

/** Abbreviated countries and cities, written with dots the word scan splits on. */
const ABBREVIATIONS = /(?<![\p{L}\p{N}.])(?:EE\.\s?UU\.?|EEUU|U\.S\.A\.?|U\.S\.(?=\s|$|[,;:)])|USA|U\.K\.|UK|CDMX|D\.F\.)(?![\p{L}\p{N}])/gu;
const MAY_HOLD_ABBREVIATION = /EE|U\.?[SK]|CDMX|D\.F/;

/** Words before a place that make an ambiguous word one: "lives in", "nacido en", "Provincia:". */
const CUE_BEFORE =
  /(?:(?:^|[^\p{L}])(?:in|en|from|desde|near|to|at|of|de|del|hacia|born in|nacido en|nacida en|natural de|originario de|originaria de|vive en|reside en|visit|visited|visiting|moved to)[ \t]+|(?:Localidad|Provincia|País|Pais|Ciudad|City|Country|State|Estado|Municipio|Lugar de nacimiento|Place of birth|Town)[^:\n]{0,14}:[ \t]*)$/iu;

const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:the|a|an|this|that|our|your|my|el|la|los|las|un|una)[ \t]+$/iu;
/** "Gorraiz (Navarra)": a province in brackets after a town. */
const BRACKET_BEFORE = /[\p{L}.][ \t]*\([ \t]*$/u;

interface Place {
  /** Lower-case words of the place, as the word scan splits them. */
  readonly words: readonly string[];
  readonly ambiguous: boolean;
}

let gazetteer: Map<number, Place[]> | null = null;
/**
 * A bit per first-word hash of the gazetteer: most capitalised words are no place's first word and are answered
 * here, without a Map lookup (a hash outside the small-integer range costs a boxed number per lookup).
 */
const FIRST_WORD_FILTER = new Int32Array(1 << 14);
const filterBit = (key: number): number => Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 13;

/** The word scan's hash of one word: each Latin letter folded to lower case. */
function keyOf(word: string): number {
  let key = 0;
  for (let i = 0; i < word.length; i++) key = (Math.imul(key, 31) + word.charAt(i).toLowerCase().charCodeAt(0)) | 0;
  return key;
}

/** The runs of letters of a place name, or null if it holds a letter the scan does not see. */
export function splitPlace(name: string): string[] | null {
  const words: string[] = [];
  // Offsets and slices, not a string built char by char: `isPlace` splits every word the name rules ask about (with
  // the word-by-word compare below, isPlace of the bench corpus's 24,295 capitalised names: 6.2 against 8.2 ms).
  let start = -1;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (isLetterCode(code)) {
      if (start < 0) start = i;
      continue;
    }
    // A char, or a surrogate pair (one code point), that is no letter of the scan: a letter or digit of another
    // script makes the name one the scan cannot read.
    const width = code >= 0xd800 && code <= 0xdbff && isLowSurrogate(name.charCodeAt(i + 1)) ? 2 : 1;
    if (code < 0x80 ? isDigitCode(code) : LETTER_OR_DIGIT.test(name.slice(i, i + width))) return null;
    if (start >= 0) {
      words.push(name.slice(start, i));
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) words.push(name.slice(start));
  return words.length > 0 && words.length <= 6 ? words : null;
}
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

function isAmbiguous(words: readonly string[]): boolean {
  if (words.length === 1) {
    const word = words[0] as string;
    return word.length < 4 || isCommonWord(word) || isFirstName(word) || isSurname(word);
  }
  return words.every((word) => word.length < 4 || isCommonWord(word) || isFirstName(word) || isSurname(word));
}

function load(): Map<number, Place[]> {
  // A one-word city is often an ordinary word somewhere ("Reading", "Mission", Czech "Most"): it needs a second
  // signal. Regions, countries and the curated Spanish list stand alone.
  const names = new Map<string, boolean>();
  const add = (entries: unknown, city: boolean): void => {
    if (!Array.isArray(entries)) return;
    for (const entry of entries) if (typeof entry === 'string') names.set(entry, (names.get(entry) ?? true) && city);
  };
  add(SPANISH_PLACES, false);
  const locales = allLocales as Record<string, LocaleDefinition>;
  for (const code of new Set(PLACE_LOCALES)) {
    const location = locales[code]?.location as Record<string, unknown> | undefined;
    for (const list of PLACE_LISTS) add(location?.[list], list === 'city_name');
  }
  for (const code of COUNTRY_LOCALES) add((locales[code]?.location as Record<string, unknown> | undefined)?.country, false);
  // The world's larger cities ("Tokyo", "Cairo", "Buenos Aires"), which the locales' lists of their own towns lack: as
  // any city, one word of them needs a second signal.
  add(worldCities(), true);
  // Other languages' names of countries ("Italien", "Slovaška", "Peruánska republika"), as their addresses and news
  // write them: as cities are, one word of them needs a second signal, a cue or a neighbouring place.
  for (const code of new Set(PLACE_LOCALES)) {
    const countries = (locales[code]?.location as Record<string, unknown> | undefined)?.country;
    if (Array.isArray(countries)) add(countries.filter((country) => !NOT_COUNTRIES.has(country)), true);
  }
  const map = new Map<number, Place[]>();
  const seen = new Set<string>();
  for (const [name, city] of names) {
    const words = splitPlace(name);
    // A place must open with a capital, as it is looked up only at capitalised words.
    if (!words || !isCapitalCode(name.charCodeAt(0))) continue;
    const lower = words.map((word) => word.toLowerCase());
    if (seen.has(lower.join(' '))) continue;
    seen.add(lower.join(' '));
    const key = keyOf(lower[0] as string);
    const bit = filterBit(key);
    FIRST_WORD_FILTER[bit >>> 5] = (FIRST_WORD_FILTER[bit >>> 5] as number) | (1 << (bit & 31));
    const bucket = map.get(key) ?? [];
    bucket.push({ words: lower, ambiguous: (city && words.length === 1) || isAmbiguous(words) });
    map.set(key, bucket);
  }
  for (const bucket of map.values()) bucket.sort((a, b) => b.words.length - a.words.length);
  return map;
}

function places(): Map<number, Place[]> {
  gazetteer ??= load();
  return gazetteer;
}

/** Whether only a space, a hyphen or an apostrophe joins two words of one place. */
function joins(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 2) return false;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code !== 32 && code !== 45 && code !== 39 && code !== 0x2019 && code !== 46) return false;
  }
  return true;
}

export interface PlaceMatch {
  readonly start: number;
  readonly end: number;
  readonly ambiguous: boolean;
  /** Index of the place's last word in the scan. */
  readonly lastWord: number;
}

/** The longest place that opens at word `i` of `words`, if any. */
export function placeAt(words: WordScan, i: number): PlaceMatch | null {
  const { text } = words;
  const start = words.starts[i] as number;
  if (!isCapitalCode(text.charCodeAt(start))) return null;
  // "IDE", "MAN": a short word in capitals is an acronym.
  const length = (words.ends[i] as number) - start;
  if (length <= 4 && isCapitalCode(text.charCodeAt(start + 1)) && isCapitalCode(text.charCodeAt(start + length - 1))) return null;
  const gazetteer = places();
  const key = words.keys[i] as number;
  const bit = filterBit(key);
  if (((FIRST_WORD_FILTER[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return null;
  const bucket = gazetteer.get(key);
  if (!bucket) return null;
  // Places of a bucket share first words: each word of the text is lower-cased once for all of them.
  const lowered: (string | undefined)[] = [];
  for (const place of bucket) {
    if (i + place.words.length > words.count) continue;
    let ok = true;
    for (let k = 0; k < place.words.length && ok; k++) {
      const w = i + k;
      const wordStart = words.starts[w] as number;
      const wordEnd = words.ends[w] as number;
      const expected = place.words[k] as string;
      ok = wordEnd - wordStart === expected.length && (lowered[k] ??= text.slice(wordStart, wordEnd).toLowerCase()) === expected;
      if (ok && k > 0) ok = joins(text, words.ends[w - 1] as number, words.starts[w] as number);
    }
    if (!ok) continue;
    const lastWord = i + place.words.length - 1;
    // "Santa Fe" in "Santa Fern": the place must end where a word ends.
    return { start, end: words.ends[lastWord] as number, ambiguous: place.ambiguous, lastWord };
  }
  return null;
}

/** Whether `name` (one or more words) is a known place, in any case. */
export function isPlace(name: string): boolean {
  const words = splitPlace(name);
  if (!words) return false;
  const lower = words.map((word) => word.toLowerCase());
  const bucket = places().get(keyOf(lower[0] as string));
  // Word by word: neither side's words hold a blank, so this is the equality of the two names joined by blanks.
  return bucket !== undefined && bucket.some((place) => sameWords(place.words, lower));
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

const STATE_CODES = new Set(US_STATE_CODES);
/** ", CA", " (Navarra)", ", España": what follows a place that names another one. */
const PAIR_AFTER = /^(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*|[ \t]+)/;
/** A postcode before a place: "31620 Gorraiz", "E-20012 San Sebastián". */
const POSTCODE_BEFORE = /(?<![\p{L}\p{N}.,/-])(?:[A-Z]{1,2}-)?(\d{5})[ \t,]+$/u;
/** A postcode after a place: "Montevideo 11600", "Chennai 600095", "Quinta de São Tiago 3610-114". */
const POSTCODE_AFTER = /^[ \t,]+(\d{4,6}(?:-\d{3,4})?|\d{3}[ \t]\d{2})(?![\p{L}\p{N}]|[.,/:]\d)/u;
const YEAR = /^(?:1[89]|20)\d{2}$/;

function postcodeNear(text: string, place: PlaceMatch, findings: Finding[]): boolean {
  const before = POSTCODE_BEFORE.exec(text.slice(Math.max(0, place.start - 12), place.start));
  if (before) {
    const start = place.start - before[0].length + before[0].indexOf(before[1] as string);
    findings.push({ start, end: start + (before[1] as string).length, label: 'ADDRESS', score: 0.5, source: 'pattern:location' });
    return true;
  }
  const after = POSTCODE_AFTER.exec(text.slice(place.end, place.end + 16));
  if (after && !YEAR.test(after[1] as string)) {
    const start = place.end + after[0].length - (after[1] as string).length;
    findings.push({ start, end: start + (after[1] as string).length, label: 'ADDRESS', score: 0.5, source: 'pattern:location' });
    return true;
  }
  return false;
}

/** A state code or another known place right after `place`: "Irvine, CA", "Vigo (Pontevedra)". */
function pairedPlace(words: WordScan, place: PlaceMatch): PlaceMatch | 'state' | null {
  const next = place.lastWord + 1;
  if (next >= words.count) return null;
  const { text } = words;
  const gap = text.slice(place.end, words.starts[next] as number);
  if (!PAIR_AFTER.test(gap) || PAIR_AFTER.exec(gap)?.[0] !== gap || !/[,(]/.test(gap)) return null;
  const word = text.slice(words.starts[next] as number, words.ends[next] as number);
  if (STATE_CODES.has(word) && !isLetterCode(text.charCodeAt(words.ends[next] as number))) return 'state';
  return placeAt(words, next);
}

const POSSESSIVE = /^['’]s(?![\p{L}])/u;
const FOLLOWS_PLACE = /^(?:[ \t]*[,(][ \t]*|[ \t]+(?:and|or|y|o|e|&)[ \t]+)$/;
/** A comma or an opening bracket after a place, where a paired place may follow. */
function isPairOpening(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code === 44 || code === 40 || (code === 32 && text.charCodeAt(at + 1) === 40);
}

function gazetteerFindings(text: string, findings: Finding[]): void {
  const words = wordsOf(text);
  let previous: PlaceMatch | null = null;
  for (let i = 0; i < words.count; i++) {
    if (words.capitals[i] === 0) continue;
    const place = placeAt(words, i);
    if (!place) continue;
    // Inside a longer capitalised run ("Jackson Hole Ventures") only the whole run could be a place.
    const afterEnd = words.ends[place.lastWord] as number;
    const digitOrPostcode = postcodeNear(text, place, findings);
    // The signals below cost a regex each: each is computed only when the ones before it did not decide.
    const pair = place.ambiguous || isPairOpening(text, afterEnd) ? pairedPlace(words, place) : null;
    const before = text.slice(Math.max(0, place.start - 30), place.start);
    // "The Mobile app", "un Toledo": an article makes a single word a thing, not a place.
    if (place.lastWord === i && !digitOrPostcode && ARTICLE_BEFORE.test(before)) continue;
    // "in Newton's law": a name's possessive; an ambiguous word needs more than a cue there.
    if (place.ambiguous && POSSESSIVE.test(text.slice(afterEnd, afterEnd + 3))) continue;
    const signalled =
      !place.ambiguous ||
      digitOrPostcode ||
      pair !== null ||
      (previous !== null && FOLLOWS_PLACE.test(text.slice(previous.end, place.start))) ||
      (BRACKET_BEFORE.test(before) && text.charCodeAt(afterEnd) === 41) ||
      CUE_BEFORE.test(before);
    if (!signalled) continue;
    findings.push({ start: place.start, end: afterEnd, label: 'LOCATION', score: place.ambiguous ? 0.45 : 0.5, source: 'pattern:location' });
    if (pair === 'state') {
      const s = words.starts[place.lastWord + 1] as number;
      findings.push({ start: s, end: s + 2, label: 'LOCATION', score: 0.5, source: 'pattern:location' });
    }
    previous = place;
    i = place.lastWord;
  }
}

function abbreviationFindings(text: string, findings: Finding[]): void {
  if (!MAY_HOLD_ABBREVIATION.test(text)) return;
  for (const match of execAll(ABBREVIATIONS, text)) {
    findings.push({ start: match.index, end: match.index + match[0].length, label: 'LOCATION', score: 0.5, source: 'pattern:location' });
  }
}

export const locationRecognizer: Recognizer = {
  name: 'pattern:location',
  labels: ['LOCATION', 'ADDRESS'],
  detect(text: RawText): Finding[] {
    const findings: Finding[] = [];
    gazetteerFindings(text, findings);
    abbreviationFindings(text, findings);
    return findings;
  },
};
