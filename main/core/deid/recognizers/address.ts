import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { ADDRESS_VOCABULARIES, UK_POSTCODE_AREAS, US_STATE_CODES } from './address-vocabulary.js';
import { caseless } from './context.js';
import { isCommonWord, isFirstName, isSurname } from './name-gazetteer.js';
import { isFunctionWord } from '../function-words.js';
import { DATE_VOCABULARIES } from './date-vocabulary.js';
import { BOUNDARY_VOCABULARIES, boundaryWords } from '../boundary-vocabulary.js';
import { digitCount, firstWord, isCapitalCode, isDigitCode, isLetterCode, isWordCode, matchesAt, startsBefore, WordTable, wordsOf, type WordScan } from './word-scan.js';
import { execAll } from './exec-all.js';

/**
 * Postal addresses (label `ADDRESS`). A street is recognised by its shape: a house number next to a name and a
 * street type ("221B Baker Street", "Calle Mayor, 5, 2º B", "Pohlstrasse 9"), or a phrase with a number after
 * an address cue ("lives at", "Domicilio:"). From there the finding grows over what follows on the same or the
 * next lines — flat and floor, city, state, postcode, country — so a multi-line address becomes one span.
 * Flat numbers, military post and postcodes are also flagged alone where their form or a context word is
 * unambiguous ("Apt. 4", "PSC 1234, Box 5678", "zip 90210", "SW1A 1AA").
 *
 * Words that can be street types are also ordinary words ("Way", "Place", "Via"), so every street form needs a
 * number or "s/n", and names must be capitalised except after the few types that never start a sentence by
 * chance ("calle", "c/").
 *
 * Every form opens or ends on a known word (a street type, a unit word, a cue, a state code) or on a number before
 * a postcode. One scan of the text's words finds those; each pattern then runs as a sticky regex only at the
 * places its matches can start, so the cost follows the cue words, not the length of the text.
 */
const VOCABULARIES = Object.values(ADDRESS_VOCABULARIES);

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+');

function alternation(words: readonly string[]): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
}

const collect = (pick: (v: (typeof VOCABULARIES)[number]) => readonly string[]): string =>
  alternation(VOCABULARIES.flatMap(pick).map((word) => word.replace(/\.$/, '')));
/** Every language's prepositions of place ("on", "at", "en"), and the same as one regex alternation. */
const PLACE_PREPOSITIONS = VOCABULARIES.flatMap((v) => v.placePrepositions ?? []);
const PLACE_PREPOSITION_WORDS = collect((v) => v.placePrepositions ?? []);

// Latin letter classes rather than \p{L}: Unicode-mode regexes scan several times slower.
// "∆" (the increment sign) stands for a Greek delta in text typed or converted badly: "ΧΑΝ∆ΡΙΑ".
const UPPER = 'A-ZÀ-ÖØ-Þ\\u0100-\\u017f\\u0218\\u021a\\u0386\\u0388-\\u038f\\u0391-\\u03ab\\u2206';
const LOWER = 'a-zß-öø-ÿ\\u0100-\\u017f\\u0219\\u021b\\u03ac-\\u03ce\\u2206';
const WORD_CHAR = `${UPPER}${LOWER}\\d`;
/** A capitalised word; a period may only close a short abbreviation ("Dr.", "Sta."), not a sentence. */
const CAPITALISED = `(?:[${UPPER}][${LOWER}]{0,3}\\.|[${UPPER}][${UPPER}${LOWER}'’-]*)`;
/** A capitalised word of two letters or more: not an initial or a stray "N" of "Nº". */
const NAME_WORD = `[${UPPER}][${LOWER}][${UPPER}${LOWER}'’.-]*`;
const ANY_WORD = `[${UPPER}${LOWER}][${UPPER}${LOWER}'’.-]*`;
const PARTICLE = "(?:de|del|la|las|los|el|y|i|d'|d’|l'|l’|da|das|do|dos|di|du|des|le|van|von|der|den|of|the)";
const NOT_WORD = `(?![${WORD_CHAR}])`;
const NOT_AFTER_WORD = `(?<![${WORD_CHAR}])`;
const HOUSE_NUMBER = `\\d{1,5}[A-Za-z]?(?:[-/]\\d{1,5}[A-Za-z]?)?${NOT_WORD}`;
/** A number followed by a unit is a quantity, not a house number: "Camino Real 5 km". */
const NOT_QUANTITY = `(?!\\s*(?:km|kms|m|mts|min|minutos|minutes|h|horas|hours|%|€|\\$|mg|kg|años|years|seconds|secs|days|weeks|months|miles|mi|ft|feet|times|people|points|pts)${NOT_WORD})`;
const NUMBER_OR_NONE = `(?:(?:n[º°o]\\.?|n\\.º|núm\\.?|#)\\s*)?(?:${HOUSE_NUMBER}${NOT_QUANTITY}|[sS]\\s?\\/\\s?[nN]${NOT_WORD}|sin número)`;

const TYPES_AFTER = collect((v) => v.streetTypesAfter);
/** After a house number, the ordinary-word street types count too: "1554 Mohr Lake". */
const NUMBERED_TYPES_AFTER = collect((v) => [...v.streetTypesAfter, ...(v.numberedStreetTypes ?? [])]);
const UNITS_AFTER = collect((v) => v.unitWordsAfter ?? []);
const TYPES_BEFORE = collect((v) => v.streetTypesBefore);
const LOWER_CASE_TYPES = collect((v) => v.lowerCaseStreetTypes);
const SUFFIXES = collect((v) => v.streetSuffixes);
const UNITS = collect((v) => v.unitWords);
const ABBREVIATED_UNITS = collect((v) => v.abbreviatedUnitWords ?? []);
const BUILDINGS = collect((v) => v.buildingWords ?? []);
const POSTCODE_WORDS = collect((v) => v.postcodeWords);
const CUES = collect((v) => v.addressCues.map((cue) => cue.replace(/:$/, '')));

const UK_POSTCODE = `(?:${alternation(UK_POSTCODE_AREAS)})\\d[A-Z\\d]?\\s?\\d[ABD-HJLNP-UW-Z]{2}${NOT_WORD}`;
/** Irish Eircodes ("D20 8R94") and codes behind a country prefix ("LV-4422", "LV3414") too. */
const POSTCODE = `(?:\\d{5,6}(?:-\\d{3,4})?|\\d{4}(?:-\\d{3})?|\\d{3}\\s\\d{2}|\\d{2}-\\d{3}|${UK_POSTCODE}|[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d|[A-Z]\\d[\\dW]\\s?[A-Z\\d]{4}|[A-Z]{2}-?\\d{4,5})${NOT_WORD}`;
const STATE_ZIP = `(?:${US_STATE_CODES.join('|')})\\s+\\d{5}(?:-\\d{4})?${NOT_WORD}`;
const DIRECTION = '(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\\.?\\s+)?';

/** Street types that place a person even without a house number: "vive en la Calle Alcalá". */
const BARE_STREET_TYPES = ['Calle', 'C/', 'Avda.', 'Avenida', 'Paseo', 'Plaza', 'Rua', 'Rúa', 'Carrer'];
const MILITARY_UNITS = ['PSC', 'CMR', 'Unit'];
const SHIP_PREFIXES = ['USS', 'USNS', 'USNV', 'USCGC'];
const MILITARY_POST = ['APO', 'FPO', 'DPO'];
/** Flat and box words that mark an address alone; "P.O. Box" is looked up by its first word, however written. */
const UNITS_ALONE = ['Apt', 'Apartment', 'Ste', 'P', 'PO', 'POBox', 'Apartado', 'Apdo', 'Suite'];

/** What a word can open or close: the bit it sets in the word table, and its list in `Anchors.hits`. */
const Kind = {
  typeAfter: 0,
  typeBefore: 1,
  lowerCaseType: 2,
  bareStreetType: 3,
  military: 4,
  state: 5,
  unit: 6,
  postcodeArea: 7,
  postcodeWord: 8,
  addressCue: 9,
  streetWord: 10,
} as const;
const KINDS = Object.keys(Kind).length;

const firstWords = (phrases: readonly string[]): string[] => phrases.map(firstWord);
const vocabulary = (pick: (v: (typeof VOCABULARIES)[number]) => readonly string[]): string[] => firstWords(VOCABULARIES.flatMap(pick));

const CUE_WORDS = new WordTable()
  .add(vocabulary((v) => [...v.streetTypesAfter, ...(v.numberedStreetTypes ?? [])]), 1 << Kind.typeAfter, true)
  .add(vocabulary((v) => v.streetTypesBefore), 1 << Kind.typeBefore, true)
  .add(vocabulary((v) => v.lowerCaseStreetTypes), 1 << Kind.lowerCaseType, false)
  .add(firstWords(BARE_STREET_TYPES), 1 << Kind.bareStreetType, true)
  .add([...MILITARY_UNITS, ...SHIP_PREFIXES, ...MILITARY_POST], 1 << Kind.military, false)
  .add(US_STATE_CODES, 1 << Kind.state, true)
  .add(UNITS_ALONE, 1 << Kind.unit, false)
  .add(UK_POSTCODE_AREAS, 1 << Kind.postcodeArea, true)
  .add(vocabulary((v) => v.postcodeWords), 1 << Kind.postcodeWord, false)
  .add(vocabulary((v) => v.addressCues), 1 << Kind.addressCue, false)
  .add(vocabulary((v) => v.streetWords ?? []), 1 << Kind.streetWord, false);

/** The cue words of one text, by kind, and the capitalised words followed by a number ("Pohlstrasse 9"). */
interface Anchors {
  readonly text: string;
  readonly words: WordScan;
  /** Indices of the words of each kind, by `Kind`. */
  readonly hits: readonly (readonly number[])[];
  readonly capitalisedBeforeNumber: readonly number[];
  /** Whether some capitalised word follows five digits ("28007 Madrid"): a letterhead may hold a street. */
  readonly postcodeBeforeWord: boolean;
}

/** `\.?[ \t]+\d` at `at`: a word followed by a house number. */
function numberFollows(text: string, at: number): boolean {
  if (text.charCodeAt(at) === 46) at++;
  const first = at;
  for (let code = text.charCodeAt(at); code === 32 || code === 9; code = text.charCodeAt(++at));
  return at > first && isDigitCode(text.charCodeAt(at));
}

/** `\d{5}[ \t,]+` just before `at`. */
function postcodePrecedes(text: string, at: number): boolean {
  const first = --at;
  for (let code = text.charCodeAt(at); code === 32 || code === 9 || code === 44; code = text.charCodeAt(--at));
  if (at === first) return false;
  for (const end = at - 5; at > end; at--) if (!isDigitCode(text.charCodeAt(at))) return false;
  return true;
}

function anchorsOf(text: string): Anchors {
  const words = wordsOf(text);
  const hits: number[][] = [];
  for (let kind = 0; kind < KINDS; kind++) hits.push([]);
  const capitalisedBeforeNumber: number[] = [];
  let postcodeBeforeWord = false;
  // Only the scan's cue words can be in the table; every list stays ascending.
  for (let c = 0; c < words.cueCount; c++) {
    const i = words.cues[c] as number;
    for (let kinds = CUE_WORDS.kindsOf(words, i); kinds !== 0; kinds &= kinds - 1) hits[31 - Math.clz32(kinds & -kinds)]?.push(i);
  }
  for (let i = 0; i < words.count; i++) {
    if (words.capitals[i] === 0) continue;
    const start = words.starts[i] as number;
    if (!isCapitalCode(text.charCodeAt(start))) continue;
    if (numberFollows(text, words.ends[i] as number)) capitalisedBeforeNumber.push(i);
    postcodeBeforeWord ||= postcodePrecedes(text, start);
  }
  return { text, words, hits, capitalisedBeforeNumber, postcodeBeforeWord };
}

const starts = (a: Anchors, indices: readonly number[]): number[] => indices.map((i) => a.words.starts[i] as number);
const STREET_PREPOSITIONS: ReadonlySet<string> = new Set(PLACE_PREPOSITIONS);
/** Whether word `i` follows a preposition of place on its line, at once or past a blank run: "on [Rue] de Rivoli". */
function afterPlacePreposition(a: Anchors, i: number): boolean {
  if (i === 0) return false;
  const end = a.words.ends[i - 1] as number;
  if (!/^[ \t]+$/.test(a.text.slice(end, a.words.starts[i] as number))) return false;
  return STREET_PREPOSITIONS.has(a.text.slice(a.words.starts[i - 1] as number, end));
}
const hitsOf = (a: Anchors, kind: number): readonly number[] => a.hits[kind] ?? [];
const followedBy = (a: Anchors, kind: number, test: (text: string, end: number) => boolean): number[] =>
  hitsOf(a, kind).filter((i) => test(a.text, a.words.ends[i] as number));
const ZIP_AFTER_STATE = /\s+\d/y;
function zipFollows(text: string, end: number): boolean {
  ZIP_AFTER_STATE.lastIndex = end;
  return ZIP_AFTER_STATE.test(text);
}
/** How far before its closing word a street may start: two numbers, a direction and four words. */
const STREET_REACH = 120;

interface StreetPattern {
  /** Sticky. */
  readonly regex: RegExp;
  readonly score: number;
  /** Whether the match is a street that the following city, postcode and flat lines belong to. */
  readonly extends: boolean;
  /** Where in the text a match can start, ascending. */
  readonly starts: (anchors: Anchors) => number[];
  /** Checked on the text right before a match: a match after it is not a street. */
  readonly rejectBefore?: RegExp;
}

/** "Top 10 Key Point", "the 3 Little Pig Lane": a number after these counts or ranks, it is no house number. */
const COUNT_BEFORE = /(?:^|[^\p{L}])(?:top|the|first|last|best|worst|all|these|those|over|under|about|than|nearly|around|only|just|every|chapter|part|episode|season|vol|volume)[ \t]+$/iu;

/**
 * The street suffixes by length: a word's ending of each length is one Set lookup, where testing `endsWith` for
 * each of the hundred suffixes cost a twentieth of the address recognizer's time on short texts.
 */
const SUFFIXES_BY_LENGTH: ReadonlyMap<number, ReadonlySet<string>> = (() => {
  const byLength = new Map<number, Set<string>>();
  for (const suffix of VOCABULARIES.flatMap((v) => v.streetSuffixes)) {
    const set = byLength.get(suffix.length) ?? new Set<string>();
    byLength.set(suffix.length, set.add(suffix));
  }
  return byLength;
})();
function hasStreetSuffix(word: string): boolean {
  for (const [length, suffixes] of SUFFIXES_BY_LENGTH) if (word.length >= length && suffixes.has(word.slice(-length))) return true;
  return false;
}
/** "12345 Madrid" after a house number: a letterhead's postcode and city. */
const LETTERHEAD_POSTCODE = /\d[º°ª]?[.,]?[ \t]*[-–]?[ \t]*(?:E-)?\d{5}[ \t,]+[A-ZÀ-Þ]/g;
const LETTERHEAD_REACH = 160;

const STREETS: readonly StreetPattern[] = [
  {
    // "615 Benedum Drive", "17031 2202 Rissik St", "350 W 42nd St", "077 Příční 1429 St."
    regex: new RegExp(
      `${NOT_AFTER_WORD}(?:${HOUSE_NUMBER}\\s+){1,2}${DIRECTION}(?:(?:${CAPITALISED}|\\d{1,4}(?:st|nd|rd|th)?)[ \\t]+){0,3}(?:${CAPITALISED}|\\d{1,4}(?:st|nd|rd|th))(?:[ \\t]+\\d{1,5})?[ \\t]+(?:${NUMBERED_TYPES_AFTER})\\.?${NOT_WORD}`,
      'y',
    ),
    score: 0.7,
    extends: true,
    starts: (a) => startsBefore(a.text, starts(a, hitsOf(a, Kind.typeAfter)), STREET_REACH, isDigitCode),
    rejectBefore: COUNT_BEFORE,
  },
  {
    // "Augsburger Strasse 36", "Rákóczi út 13.", "Trenerys gate 232", "Albert-Schweitzer-Str. 9" (the type after a hyphen)
    regex: new RegExp(`${NOT_AFTER_WORD}(?:${CAPITALISED}(?:[ \\t]+|(?<=[${LOWER}]-))){1,3}(?:${TYPES_AFTER})\\.?[ \\t]+${HOUSE_NUMBER}${NOT_QUANTITY}`, 'y'),
    score: 0.6,
    extends: true,
    starts: (a) => startsBefore(a.text, starts(a, followedBy(a, Kind.typeAfter, numberFollows)), STREET_REACH, isLetterCode),
  },
  {
    // "Pohlstrasse 9", "Nybyvägen 65", "Snellmaninkatu 55"
    regex: new RegExp(`${NOT_AFTER_WORD}[${UPPER}][${LOWER}]*(?:${SUFFIXES})\\.?[ \\t]+${HOUSE_NUMBER}${NOT_QUANTITY}`, 'y'),
    score: 0.6,
    extends: true,
    starts: (a) => starts(a, a.capitalisedBeforeNumber.filter((i) => hasStreetSuffix(a.text.slice(a.words.starts[i], a.words.ends[i]).toLowerCase()))),
  },
  {
    // "Calle Carmen Romero, 23", "C/ Dr. Esquerdo 46", "Ctra. Madrid - Cartagena s/n", "Via Roma 131"
    regex: new RegExp(
      `${NOT_AFTER_WORD}(?:${TYPES_BEFORE})(?:\\.|${NOT_WORD})\\s*(?:(?:${CAPITALISED}|${PARTICLE}|-)[ \\t]*){0,6}?${CAPITALISED},?[ \\t]*(?:${caseless(BUILDINGS)})?\\.?[ \\t]*${NUMBER_OR_NONE}`,
      'y',
    ),
    score: 0.7,
    extends: true,
    starts: (a) => starts(a, hitsOf(a, Kind.typeBefore)),
  },
  {
    // "calle monforte de lemos 141", "C/ Los Vientos, 8"
    regex: new RegExp(`${NOT_AFTER_WORD}(?:${caseless(LOWER_CASE_TYPES)})(?:\\.|${NOT_WORD})\\s*(?:${ANY_WORD}[ \\t]+){0,5}?${ANY_WORD},?[ \\t]*${NUMBER_OR_NONE}`, 'y'),
    score: 0.6,
    extends: true,
    starts: (a) => starts(a, hitsOf(a, Kind.lowerCaseType)),
  },
  {
    // Spanish and Latin American letterheads drop the street type but keep postcode and city after the number:
    // "Doctor Esquerdo, 46. 28007 Madrid", "Hermanos Falcó, s/n - 02006 Albacete".
    regex: new RegExp(
      `${NOT_AFTER_WORD}(?:(?:${CAPITALISED}|${PARTICLE})[ \\t]+){0,4}${CAPITALISED},?[ \\t]*${NUMBER_OR_NONE}(?:[ \\t]*[,-][ \\t]*\\d{1,2}\\s?[º°ªo]?\\s?[A-Z]?${NOT_WORD})?(?=[.,]?[ \\t]*[-–]?[ \\t]*(?:E-)?\\d{5}[ \\t,]+${CAPITALISED})`,
      'y',
    ),
    score: 0.6,
    extends: true,
    // No cue word marks the street, but a postcode and city after it are rare enough to scan for.
    starts: (a) =>
      a.postcodeBeforeWord ? startsBefore(a.text, [...execAll(LETTERHEAD_POSTCODE, a.text)].map((m) => m.index), LETTERHEAD_REACH, isLetterCode) : [],
  },
  {
    // French, Portuguese and Romanian forms write the house number before the street type: "12 Allée de la Pompe",
    // "428 12 Avenue de Provence", "7 Masía Julio César Deleón Corral".
    regex: new RegExp(`${NOT_AFTER_WORD}(?:${HOUSE_NUMBER}[ \\t]+){1,2}(?:${TYPES_BEFORE})(?:\\.|${NOT_WORD})[ \\t]*(?:(?:${CAPITALISED}|${PARTICLE}|-)[ \\t]*){0,5}?${CAPITALISED}${NOT_WORD}(?![ \\t]+${CAPITALISED})`, 'y'),
    score: 0.6,
    extends: true,
    starts: (a) => startsBefore(a.text, starts(a, hitsOf(a, Kind.typeBefore)), 16, isDigitCode),
    rejectBefore: COUNT_BEFORE,
  },
  {
    // Numbered streets of Colombian and other Latin American addresses: "Calle 28 No. 13A - Piso 15", "Carrera 3 #
    // 49-00", "Calle 78b Numero 69-240": the street's number, a number word or "#", the crossing street and the lot.
    regex: new RegExp(
      `${NOT_AFTER_WORD}(?:${TYPES_BEFORE})\\.?[ \\t]+\\d{1,3}[A-Za-z]?(?:[ \\t]+(?:[Bb]is|[Ss]ur|[Nn]orte|[Ee]ste|[Oo]este))?[ \\t]*(?:(?:${caseless('No|Nº|N°|Nro|Número|Numero|Núm')})\\.?|#)[ \\t]*\\d{1,3}[A-Za-z]?(?:[ \\t]*-[ \\t]*\\d{1,3}[A-Za-z]?)?${NOT_WORD}`,
      'y',
    ),
    score: 0.7,
    extends: true,
    starts: (a) => starts(a, hitsOf(a, Kind.typeBefore)),
  },
  {
    // A street without its number still places a person: "vive en la Calle Alcalá".
    regex: new RegExp(`${NOT_AFTER_WORD}(?:${BARE_STREET_TYPES.map(escape).join('|')})[ \\t]*(?:(?:${PARTICLE})[ \\t]+)*${NAME_WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)*${CAPITALISED}){0,3}`, 'y'),
    score: 0.4,
    extends: false,
    starts: (a) => starts(a, hitsOf(a, Kind.bareStreetType)),
  },
  {
    // Right after a preposition of place, any street type written first places a person without a number too:
    // "is on Andador República de Cuba", "the bus stops on Rue de Rivoli", "moved to Incrocio Umile".
    regex: new RegExp(`${NOT_AFTER_WORD}(?:${TYPES_BEFORE})(?:\\.|${NOT_WORD})[ \\t]*(?:(?:${PARTICLE})[ \\t]+)*${NAME_WORD}(?:[ \\t]+(?:${PARTICLE}[ \\t]+)*${CAPITALISED}){0,3}${NOT_WORD}(?![ \\t]*,?[ \\t]*\\d)(?![ \\t]+${NAME_WORD})`, 'y'),
    score: 0.4,
    extends: false,
    // With a number after it the street is the numbered forms' to read.
    starts: (a) => starts(a, hitsOf(a, Kind.typeBefore).filter((i) => afterPlacePreposition(a, i))),
  },
  {
    // US military post: "PSC 3294, Box 9168", "USNS Saibara FPO AP 12428".
    regex: new RegExp(
      `${NOT_AFTER_WORD}(?:(?:${MILITARY_UNITS.join('|')})\\s+\\d{3,5},?\\s+Box\\s+\\d{3,5}|(?:${SHIP_PREFIXES.join('|')})\\s+${CAPITALISED})(?:\\s+(?:${MILITARY_POST.join('|')})\\s+(?:AA|AE|AP)\\s+\\d{5})?|(?:${MILITARY_POST.join('|')})\\s+(?:AA|AE|AP)\\s+\\d{5}${NOT_WORD}`,
      'yi',
    ),
    score: 0.7,
    extends: true,
    starts: (a) => starts(a, hitsOf(a, Kind.military)),
  },
  {
    // "Springfield, IL 62704"
    regex: new RegExp(`${NOT_AFTER_WORD}(?:${CAPITALISED}[ \\t]+){0,2}${CAPITALISED},?[ \\t]+${STATE_ZIP}`, 'y'),
    score: 0.7,
    extends: false,
    starts: (a) => startsBefore(a.text, starts(a, followedBy(a, Kind.state, zipFollows)), STREET_REACH, isLetterCode),
  },
  {
    // A flat number alone is still part of an address; "Suite" is a musical form too, so it needs digits only.
    regex: new RegExp(`${NOT_AFTER_WORD}(?:${caseless('(?:Apt|Apartment|Ste|P\\.?\\s?O\\.?\\s?Box|Apartado\\s+de\\s+Correos|Apdo)')}\\.?\\s*#?\\s*\\d{1,5}[A-Za-z]?|${caseless('Suite')}\\s+#?\\d{2,5})${NOT_WORD}`, 'y'),
    score: 0.5,
    extends: true,
    starts: (a) => starts(a, hitsOf(a, Kind.unit)),
  },
  {
    regex: new RegExp(`${NOT_AFTER_WORD}${UK_POSTCODE}`, 'y'),
    score: 0.5,
    extends: false,
    starts: (a) => starts(a, followedBy(a, Kind.postcodeArea, (text, end) => isDigitCode(text.charCodeAt(end)))),
  },
];

/** "zip 90210", "CP: 28035", "código postal 08001": only the code is flagged. */
/** After a postcode word any short code counts: "CP: 1650000" (Chile), "zip code is 880" (a partial zip). */
/**
 * Letters and digits too, of any area: "postcode FY4 8HD" (UK), "zip code is N76 Q180" (Ireland); after the word, an
 * inward code with a digit for its first letter as well, as codes are mistyped ("postcode EH36 96O").
 */
const POSTCODE_AFTER_WORD = `(?:${POSTCODE}|\\d{3,7}(?:-\\d{3,4})?${NOT_WORD}|(?:[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z\\d][A-Z]|[A-Z]\\d[\\dW]\\s?[A-Z\\d]{4})${NOT_WORD})`;
const POSTCODE_WITH_WORD = new RegExp(`${NOT_AFTER_WORD}(?:${POSTCODE_WORDS})\\.?\\s*(?:is|es|was|:|-|#|number|no\\.?)?\\s*(${POSTCODE_AFTER_WORD})`, 'dyi');

/**
 * "lives at 12 Oak", "Address: Pagari 18": what follows the cue up to the end of the clause, when it opens like an
 * address and holds a number. "IP address is", "e-mail address:" are other kinds of address.
 */
const CUE = new RegExp(
  `(?:${caseless(CUES)})(?:\\s+(?:of|de)(?:\\s+[^\\s:]+){1,3}?\\s+(?:is|was|es|era))?(?:\\s*:|\\s+is|\\s+es|\\s+was)?[ \\t]*\\n?[ \\t]*`,
  'y',
);
const OTHER_KIND_OF_ADDRESS =
  /(?:^|[^a-z])(?:ip|e-?mail|mac|web|memory|return|mailing list|internet|server|host|url|wallet|bitcoin|ethereum|contract|network|dirección\s+de\s+correo)\s+$/i;
const CUE_SEGMENT = new RegExp(`(?:\\d{1,6}|${CAPITALISED})[^\\n!?;]{0,100}?(?=[.;,]?(?:\\s*$|[ \\t]*\\n|[.!?;](?:\\s|$)|\\.\\s))`, 'y');
const HAS_HOUSE_NUMBER = /(?<![\w.,:/])\d{1,6}[A-Za-z]?(?![A-Za-z\d]|[.,:/]\d)/;
/** The number in "Room 5 of Building 2" or "version 3" is not a house number; a cue segment must look like a place. */
const NOT_A_PLACE = /^(?:version|v\d|chapter|line|page|step|level|room|building|python|windows|ios|android)\b/i;

const SEPARATOR = '(?:[ \\t]*\\.[ \\t]+(?=(?:E-)?\\d{5}(?!\\d))|[ \\t]*(?:\\n[ \\t>?]*)?[,/][ \\t]*(?:\\n[ \\t>?]*)?|[ \\t]*\\n[ \\t>?]*|[ \\t]+|[ \\t]*-[ \\t]*)';
const PLACE_WORDS = `(?:${CAPITALISED}|nan)(?:[ \\t]+(?:${PARTICLE}[ \\t]+)?(?:${CAPITALISED}|\\(${CAPITALISED}\\)))`;
/**
 * A word of a town's name: capitalised, no period (a sentence's end is not an abbreviation here), and no field's
 * label before its colon ("Valladolid [E-mail]: ...").
 */
const TOWN_WORD = `[${UPPER}][${UPPER}${LOWER}'’-]*(?![${WORD_CHAR}'’-])(?![ \\t]*:)`;
/** A number word between a flat word and its number: "Flat No. 5", "stanovanje št. 534", "byt č. 3", "ap. nr. 12". */
const UNIT_NUMBER_WORD = `(?:${caseless('No|Nr|Nro')}|št|č|n[º°o])\\.?[ \\t]*(?=\\d)`;
/** One more piece of an address after a street: flat, floor, postcode, state, city, country. */
const TAIL = new RegExp(
  `${SEPARATOR}(?:(?:${UNITS}|Apt|Suite|Unit|Box)\\.?\\s*[#º°]?\\s*(?:${UNIT_NUMBER_WORD})?(?:[${WORD_CHAR}]{1,5}|[${WORD_CHAR}]{1,3}\\s?[º°ª])(?:\\s?[º°ª])?${NOT_WORD}` +
    `|(?:dcha|izda|izq|dcho|izdo|derecha|izquierda)\\.?${NOT_WORD}` +
    `|(?:${ABBREVIATED_UNITS})\\.[ \\t]*\\d{1,4}[A-Za-z]?${NOT_WORD}` +
    // "5 OG", "9. th", "8.em", "4 étage", "3 hoog achter"
    (UNITS_AFTER ? `|\\d{1,3}\\.?[ \\t]?(?:${UNITS_AFTER})\\.?(?:[ \\t]+(?:${UNITS_AFTER})\\.?)?${NOT_WORD}` : '') +
    // A flat or floor number, not the first part of a "354 73" or "09-261" postcode.
    `|(?!\\d{3}\\s\\d{2}${NOT_WORD}|\\d{2}-\\d{3}${NOT_WORD})\\d{1,3}\\s?[º°ª]?\\s?[A-Z]?${NOT_WORD}(?![.,:]\\d)` +
    `|[A-Z]${NOT_WORD}(?!\\.\\s?[A-Z]|-)` +
    // A postcode and the town written after it, wherever the sentence goes on: "20696 Ennodorf as soon as", "E-47005
    // Valladolid" (Spain's country prefix).
    `|${STATE_ZIP}|(?:(?:E-)?${POSTCODE}|\\d{4}[ \\t]?[A-Z]{2}${NOT_WORD})(?:[ \\t]+${TOWN_WORD}(?:[ \\t-]+(?:${PARTICLE}[ \\t]+)?${TOWN_WORD}){0,2})?` +
    // A postcode after the town stands apart from it: "London S[W1A 2AA]" is no town "London S" before "W1A 2AA".
    `|${PLACE_WORDS}{0,3}(?=[ \\t]*(?:[,\\n]|$|[.;)?!](?:\\s|$))|[ \\t]+(?:${POSTCODE})))` +
    // A floor word right after the house number: "Jagtvej 2[. th]", "Kossuth utca 5[. em]".
    (UNITS_AFTER ? `|\\.?[ \\t]?(?:${UNITS_AFTER})\\.?${NOT_WORD}` : '') +
    // A region or country qualifier in brackets after a place: "Cyprus (Greek)", "Madrid (España)".
    `|[ \\t]*\\(${CAPITALISED}(?:[ \\t]+${CAPITALISED})?\\)` +
    // A one-word city, with its province in brackets: "31620 Gorraiz (Navarra)", "Riisa\n"; "nan" where an export
    // wrote a missing field.
    `|${SEPARATOR}(?:${CAPITALISED}|nan(?=[ \\t]*[,\\n]))(?:[ \\t]+\\(${CAPITALISED}(?:[ \\t]+${CAPITALISED})?\\))?(?=[ \\t]*(?:[,\\n(]|$|[.;)?!](?:\\s|$))|[ \\t]+(?:${POSTCODE}))` +
    // The country and postcode line of a letter, after a blank line: "\n\n Estonia 62488".
    `|[ \\t]*\\n[ \\t]*\\n[ \\t>?]*(?:${CAPITALISED}[ \\t]+){1,3}(?:${POSTCODE})`,
  'y',
);
const MAX_TAIL_PIECES = 8;
/** "2060 Avenida Otoniel Dutra 1277": forms put a building or customer number before the street. */
const LEADING_NUMBER = /(?:\d{1,6}[ \t]+){1,2}$/;

/** Where an address ending at `end` ends once its flat, floor, postcode, town and country pieces are taken in. */
export function extendAddressTail(text: string, end: number): number {
  return extendTail(text, end);
}

/**
 * In text written all in lower case, the town, region and country lines of a letter's block, up to a line closed by
 * a postcode ("\n cáceres\n micronesia 79512", "\nlady frere\n, ec\n 76634"). Only whole lines ending in a postcode:
 * a lower-case sentence going on after an address ("\nthanks a lot") is no town.
 */
const LOWER_CASE_LINE_START = '[ \\t]*,?[ \\t]*\\n[ \\t>?]*,?[ \\t]*';
const LOWER_CASE_WORDS = `[${LOWER}][${LOWER}'’.-]*(?:[ \\t]+[${LOWER}][${LOWER}'’.-]*){0,3}`;
const LOWER_CASE_TAIL_LINE = new RegExp(
  `(?:${LOWER_CASE_LINE_START}${LOWER_CASE_WORDS}[ \\t]*(?=\\n)){0,3}${LOWER_CASE_LINE_START}(?:${LOWER_CASE_WORDS}[ \\t]+)?(?:${POSTCODE})[ \\t]*(?=\\n|$|[.?!](?:\\s|$))`,
  'y',
);
const CAPITAL_LETTER = /\p{Lu}/u;

function extendTail(text: string, end: number): number {
  const tails = CAPITAL_LETTER.test(text) ? [TAIL] : [TAIL, LOWER_CASE_TAIL_LINE];
  for (let pieces = 0; pieces < MAX_TAIL_PIECES; pieces++) {
    const next = tailPiece(text, end, tails);
    if (next < 0) break;
    end = next;
  }
  return end;
}

/** Where the first of `tails` that takes a piece at `end` ends; -1 if none does. */
function tailPiece(text: string, end: number, tails: readonly RegExp[]): number {
  for (const tail of tails) {
    tail.lastIndex = end;
    const match = tail.exec(text);
    if (match && match[0].trim() !== '') return tail.lastIndex;
  }
  return -1;
}

function extendHead(text: string, start: number): number {
  const leading = LEADING_NUMBER.exec(text.slice(Math.max(0, start - 16), start));
  return leading ? start - leading[0].length : start;
}

function streetFindings(anchors: Anchors, findings: Finding[]): void {
  const { text } = anchors;
  for (const { regex, score, extends: grows, starts, rejectBefore } of STREETS) {
    for (const match of matchesAt(text, regex, starts(anchors))) {
      if (rejectBefore?.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
      let start = match.index;
      let end = start + match[0].replace(/[\s,]+$/, '').length;
      if (grows) {
        start = extendHead(text, start);
        end = extendTail(text, end);
      }
      findings.push({ start, end, label: 'ADDRESS', score, source: 'pattern:address' });
    }
  }
}

/**
 * A street in a language with no known street type is still an address by its place in a letter: a line that is
 * "[number] Capitalised Word(s) number" and nothing else ("20789 Allika 46", "Buerlia 227"), followed by a line
 * that opens with a flat word ("Suite 501"), a postcode and city ("32005 Ourense"), or a city and postcode.
 */
const LINE_PREFIX = '[ \\t>?*-]*';
const STREET_LINE = new RegExp(
  `${LINE_PREFIX}((?:\\d{1,6}[ \\t]+)?(?:(?:${CAPITALISED}|${PARTICLE})[ \\t]+){0,3}${NAME_WORD}[ \\t]+\\d{1,5}[A-Za-z]?)[ \\t,]*(?=\\n)`,
  'dy',
);
const ADDRESS_NEXT_LINE = new RegExp(
  `\\n${LINE_PREFIX}(?:(?:${caseless(UNITS)}|${caseless('Apt|Suite|Unit|Box|P\\.?\\s?O\\.?\\s?Box')})\\.?[ \\t]*#?[ \\t]*\\d|(?:[A-Z]{1,2}-)?${POSTCODE}[ \\t,]+${CAPITALISED}|(?:${CAPITALISED}[ \\t]+){1,3}(?:${POSTCODE}|${STATE_ZIP}))`,
  'y',
);

function lineStart(text: string, at: number): number {
  const newline = text.lastIndexOf('\n', at - 1);
  return newline + 1;
}

function streetLineFindings(anchors: Anchors, findings: Finding[]): void {
  const { text, words } = anchors;
  let done = -1;
  for (const i of anchors.capitalisedBeforeNumber) {
    const start = lineStart(text, words.starts[i] as number);
    if (start <= done) continue;
    STREET_LINE.lastIndex = start;
    const line = STREET_LINE.exec(text);
    if (!line) continue;
    ADDRESS_NEXT_LINE.lastIndex = STREET_LINE.lastIndex;
    if (!ADDRESS_NEXT_LINE.test(text)) continue;
    const [streetStart, streetEnd] = line.indices?.[1] ?? [0, 0];
    done = streetEnd;
    // "Chapter 5", "Level 3": a word of the language before a number is a heading, not a foreign street.
    const street = text.slice(streetStart, streetEnd);
    const name = street.replace(/^\d+[ \t]+/, '').replace(/[ \t]+\d+[A-Za-z]?$/, '');
    if (NOT_A_PLACE.test(name) || name.split(/[ \t]+/).every((word) => isCommonWord(word))) continue;
    findings.push({ start: streetStart, end: extendTail(text, streetEnd), label: 'ADDRESS', score: 0.55, source: 'pattern:address' });
  }
}

/** "in Bjert 6091", "in Quinta de São Tiago 3610-114": a town and its postcode after a preposition of place. */
const TOWN_POSTCODE = /^[ \t]+(\d{4,5}|\d{4}-\d{3}|\d{3}[ \t]\d{2})(?![\dA-Za-z]|[.,/:-]\d|[ \t]*(?:%|km|m|kg|mg|ml|rpm|px|x\b))/;
const PLACE_PREPOSITION = new RegExp(`(?:^|[^${WORD_CHAR}])(?:in|en|at|near|from|desde)[ \\t]+(?:(?:${CAPITALISED}|${PARTICLE})[ \\t]+){0,3}$`);
const YEAR = /^(?:1[89]|20)\d{2}$/;

function townPostcodeFindings(anchors: Anchors, findings: Finding[]): void {
  const { text, words } = anchors;
  for (const i of anchors.capitalisedBeforeNumber) {
    const end = words.ends[i] as number;
    const postcode = TOWN_POSTCODE.exec(text.slice(end, end + 24));
    if (!postcode || YEAR.test(postcode[1] as string)) continue;
    const start = words.starts[i] as number;
    const before = text.slice(Math.max(0, start - 60), start);
    const word = text.slice(start, end);
    // "in Windows 2000" is excluded as a year; "in Python 3000", "in Level 5000" by the word.
    if (!PLACE_PREPOSITION.test(before) || NOT_A_PLACE.test(word) || isCommonWord(word)) continue;
    const codeStart = end + postcode[0].length - (postcode[1] as string).length;
    findings.push({ start: codeStart, end: codeStart + (postcode[1] as string).length, label: 'ADDRESS', score: 0.45, source: 'pattern:address' });
  }
}

function postcodeFindings(anchors: Anchors, findings: Finding[]): void {
  for (const match of matchesAt(anchors.text, POSTCODE_WITH_WORD, starts(anchors, hitsOf(anchors, Kind.postcodeWord)))) {
    const [start, end] = match.indices?.[1] ?? [0, 0];
    if (end > 0) findings.push({ start, end, label: 'ADDRESS', score: 0.6, source: 'pattern:address' });
  }
}

function cueFindings(anchors: Anchors, findings: Finding[]): void {
  const { text } = anchors;
  for (const cue of matchesAt(text, CUE, starts(anchors, hitsOf(anchors, Kind.addressCue)))) {
    if (/[a-z]/i.test(text[cue.index - 1] ?? ' ') || OTHER_KIND_OF_ADDRESS.test(text.slice(Math.max(0, cue.index - 20), cue.index))) continue;
    CUE_SEGMENT.lastIndex = cue.index + cue[0].length;
    const segment = CUE_SEGMENT.exec(text);
    if (!segment || !HAS_HOUSE_NUMBER.test(segment[0]) || NOT_A_PLACE.test(segment[0])) continue;
    const start = segment.index;
    const end = extendTail(text, start + segment[0].replace(/[\s,]+$/, '').length);
    findings.push({ start, end, label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
  }
}

/**
 * A street of a language with no known street type, written inline after a preposition of place with a building or
 * customer number before it or a house number after it: "at 641 Dašická 688", "at 9816 214 Pavlou Drandaki",
 * "to 74678 midtvollen 130". Two numbers around one to four words is the shape; a date ("on 5 May 2020"), a year
 * and words that are all common ("at 5 pm 3") are not streets.
 */
const PLACE_BEFORE_NUMBER = new RegExp(`(?<![A-Za-z])(?:${PLACE_PREPOSITION_WORDS})[ \\t]+(?=\\d)`, 'g');
const PLACE_BEFORE_NUMBER_AT = new RegExp(PLACE_BEFORE_NUMBER.source, 'y');
/** Lengths of the prepositions, longest first; none if one is not a plain word (then the text is scanned whole). */
const PREPOSITION_LENGTHS = PLACE_PREPOSITIONS.every((word) => /^[A-Za-z]+$/.test(word))
  ? [...new Set(PLACE_PREPOSITIONS.map((word) => word.length))].sort((a, b) => b - a)
  : null;

/** The global scan `placesBeforeNumbers` stands in for: for texts it cannot read by words, and for tests. */
export function placesBeforeNumbersByScan(text: string): RegExpExecArray[] {
  return execAll(PLACE_BEFORE_NUMBER, text);
}

/**
 * The matches a global scan for `PLACE_BEFORE_NUMBER` finds, tried only where one can end: a preposition is letters
 * closing a word of the shared scan that blanks and a digit follow, so each such word is tried at each preposition
 * length before its end.
 */
export function placesBeforeNumbers(text: string): RegExpExecArray[] {
  if (!PREPOSITION_LENGTHS) return placesBeforeNumbersByScan(text);
  const words = wordsOf(text);
  const starts: number[] = [];
  for (let i = 0; i < words.count; i++) {
    const end = words.ends[i] as number;
    let at = end;
    for (let code = text.charCodeAt(at); code === 32 || code === 9; code = text.charCodeAt(++at));
    if (at === end || !isDigitCode(text.charCodeAt(at))) continue;
    for (const length of PREPOSITION_LENGTHS) if (end - length >= (words.starts[i] as number)) starts.push(end - length);
  }
  return matchesAt(text, PLACE_BEFORE_NUMBER_AT, starts);
}
const INLINE_STREET = /(\d{1,6})[ \t]+(?:(\d{1,5})[ \t]+)?((?:\p{L}[\p{L}'’-]*\.?[ \t]+){0,3}\p{L}[\p{L}'’-]*)(?:[ \t]+(\d{1,5}[A-Za-z]?))?(?![\p{L}\d]|[.,:/-]\d)/uy;
const MONTH_NAMES: ReadonlySet<string> = new Set(Object.values(DATE_VOCABULARIES).flatMap((v) => v.months.flat()));
/** Lower-case words an inline street may hold: particles ("rue [de] Tanger") and street types ("[rue] La Boétie"). */
const INLINE_LOWER_WORDS: ReadonlySet<string> = new Set([
  ...PARTICLE.slice('(?:'.length, -')'.length).split('|'),
  ...VOCABULARIES.flatMap((v) => v.lowerCaseStreetTypes),
]);

function inlineStreetFindings(text: string, findings: Finding[]): void {
  for (const place of placesBeforeNumbers(text)) {
    INLINE_STREET.lastIndex = place.index + place[0].length;
    const street = INLINE_STREET.exec(text);
    if (!street || (street[2] === undefined && street[4] === undefined)) continue;
    if ([street[1], street[2], street[4]].some((number) => number !== undefined && YEAR.test(number))) continue;
    const words = street[3]!.split(/[ \t]+/).map((word) => word.replace(/\.$/, ''));
    if (words.some((word) => MONTH_NAMES.has(word.toLowerCase()))) continue;
    // "in 2 games 3": a plural of a common word counts things.
    const common = (word: string): boolean => isCommonWord(word) || isCommonWord(word.replace(/e?s$/, '')) || isFunctionWord(word.toLowerCase());
    if (!words.some((word) => word.length >= 3 && !common(word))) continue;
    // Capitalised, as names of streets are: "8 después de administración de 3" is a count and a dose.
    if (!words.every((word) => isCapitalCode(word.charCodeAt(0)) || INLINE_LOWER_WORDS.has(word))) continue;
    findings.push({ start: street.index, end: extendTail(text, street.index + street[0].length), label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
  }
}

/**
 * A flat line of a letter's address block, on a line of its own ("Apto. 946", "Ap. 92", "7.em 32 ajtó"), with the
 * street line right above it when that holds a number ("765 Marginal Moreira", "Bloc 60 Aleea Timocului") and the
 * town, country and postcode lines after it: the block is one address even when no street type is known.
 */
const UNIT_PIECE = `(?:(?:${caseless(UNITS)}|${caseless('Apt|Suite|Unit')})\\.?[ \\t]*[#º°]?[ \\t]*\\d{1,5}[A-Za-z]?${UNITS_AFTER ? `|\\d{1,4}\\.?[ \\t]?(?:${UNITS_AFTER})\\.?` : ''})`;
/** Sticky, tried at each line's start. */
const UNIT_LINE = new RegExp(`${LINE_PREFIX}(${UNIT_PIECE}(?:[ \\t]+${UNIT_PIECE}){0,2})[ \\t,]*(?=\\n|$)`, 'dy');
const UNIT_FIRST = new RegExp(`^${UNIT_PIECE}`);
const UNIT_PIECES = new RegExp(UNIT_PIECE, 'g');
/** The line above a flat line, when it is a street: short, with a number, not a name or a heading alone. */
const STREET_ABOVE = new RegExp(`(?:^|\\n)${LINE_PREFIX}([^\\n]{0,60}\\d[^\\n]{0,60}?)[ \\t,]*\\n${LINE_PREFIX}$`, 'd');

/** A line that can be a street: words and a number, not a flat line, not a sentence ("The letter arrived at 5 ..."). */
function isStreetLine(line: string): boolean {
  if (!/\p{L}{3}/u.test(line) || NOT_A_PLACE.test(line)) return false;
  // A flat line is no street; a block opening a street line is ("Bloc 60 Aleea Timocului").
  if (UNIT_FIRST.test(line) && !/\p{L}{3}/u.test(line.replace(UNIT_PIECES, ''))) return false;
  return !line.split(/[ \t]+/).some((word) => word === word.toLowerCase() && isFunctionWord(word) && !INLINE_LOWER_WORDS.has(word));
}

function unitLineFindings(text: string, findings: Finding[]): void {
  if (!text.includes('\n')) return;
  for (let at = 0; at >= 0; at = text.indexOf('\n', at) + 1 || -1) {
    UNIT_LINE.lastIndex = at;
    const line = UNIT_LINE.exec(text);
    if (!line) continue;
    let [start, end] = line.indices?.[1] ?? [0, 0];
    const unitEnd = end;
    const above = STREET_ABOVE.exec(text.slice(Math.max(0, start - 140), start));
    if (above && isStreetLine(above[1]!)) {
      start = Math.max(0, start - 140) + (above.indices?.[1]?.[0] ?? 0);
    }
    end = extendTail(text, end);
    // "Room 5" alone is no address: a street above or a town after must say so.
    const placeAfter = /\p{L}{3}|\d{4}/u.test(text.slice(unitEnd, end).replace(UNIT_PIECES, ''));
    if (start === line.indices?.[1]?.[0] && !placeAfter) continue;
    findings.push({ start, end, label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
  }
}

/**
 * A street name before the language's word for street, whatever its own type: "on Hoge Wei 32 St.", "at 74678
 * midtvollen 130 st.", "Árpád fejedelem útja 3. street" (a name and a house number), "on Marina Fort Street"
 * (capitalised words). The name starts after the last function word ("enter on"), and past lower-case words before
 * a capitalised one; a name in lower case is taken only from text written in lower case ("i have 2 St. Bernards"
 * is no street).
 */
const NAME_NUMBER_BEFORE = new RegExp(`((?:${ANY_WORD}[ \\t]+){1,4})\\d{1,5}[A-Za-z]?\\.?[ \\t]+$`);
/** A house number last before the word for street: the cheap test before `NAME_NUMBER_BEFORE` scans back. */
const NUMBER_LAST = /\d[A-Za-z]?\.?[ \t]+$/;
const NAME_BEFORE = new RegExp(`((?:${NAME_WORD}[ \\t]+){1,3})$`);
/** "Zita köz St.", "Čuguna laukums street": a name and its own street type, then the word for street. */
const NAME_TYPE_BEFORE = new RegExp(`((?:${NAME_WORD}[ \\t]+){1,3}(?:${TYPES_AFTER})\\.?[ \\t]+)$`);
/** "Quai Pierre Charron St.", "Udsigtsvej St.": a name that holds its own type, before it or glued to its end. */
const TYPED_NAME_BEFORE = new RegExp(
  `((?:(?:${TYPES_BEFORE})\\.?[ \\t]+(?:(?:${CAPITALISED}|${PARTICLE})[ \\t]+){0,3}${CAPITALISED}|(?:${CAPITALISED}[ \\t]+){0,2}[${UPPER}][${LOWER}]*(?:${SUFFIXES}))[ \\t]+)$`,
);
/** "848 Route du Haut des Roches St.": a house number, then capitalised words and particles. */
const NUMBER_NAME_BEFORE = new RegExp(`((?:\\d{1,5}[A-Za-z]?[ \\t]+){1,2}(?:(?:${CAPITALISED}|${PARTICLE})[ \\t]+){0,4}${CAPITALISED}[ \\t]+)$`);

/**
 * A street named by its type after the name, with no number, right after a preposition of place: "on Köypınar
 * Sokak", "lives on Abbey Road", "at 31 Rákóczi út". Only the types that are no ordinary words ("Drive", "Court"
 * are) and only capitalised names: "on the road", "at Google Drive" stay plain.
 */
const NAMED_TYPES: ReadonlySet<string> = new Set(VOCABULARIES.flatMap((v) => v.namedStreetTypes ?? []));
const NAME_AFTER_PREPOSITION = new RegExp(
  `${NOT_AFTER_WORD}(?:${PLACE_PREPOSITION_WORDS})[ \\t]+((?:${HOUSE_NUMBER}[ \\t]+)?(?:${NAME_WORD}[ \\t]+){1,3})$`,
);

function namedStreetFindings(anchors: Anchors, findings: Finding[]): void {
  const { text, words: scan } = anchors;
  for (const i of hitsOf(anchors, Kind.typeAfter)) {
    const at = scan.starts[i] as number;
    const end = scan.ends[i] as number;
    if (!NAMED_TYPES.has(text.slice(at, end))) continue;
    const name = NAME_AFTER_PREPOSITION.exec(text.slice(Math.max(0, at - 60), at));
    if (!name) continue;
    const words = name[1]!.trim().split(/[ \t]+/);
    if (words.some((word) => isFunctionWord(word.toLowerCase()))) continue;
    findings.push({ start: at - name[1]!.length, end: extendTail(text, end), label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
  }
}

function streetWordFindings(anchors: Anchors, findings: Finding[]): void {
  const { text, words: scan } = anchors;
  for (const i of hitsOf(anchors, Kind.streetWord)) {
    const at = scan.starts[i] as number;
    let wordEnd = scan.ends[i] as number;
    // "1st", "St" inside "Hoge-St": a word of the scan glued to a digit or a letter is no street word.
    if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
    if (text.charCodeAt(wordEnd) === 46) wordEnd++;
    const before = text.slice(Math.max(0, at - 90), at);
    // Capitalised words alone only before the whole word: "St." also abbreviates "Saint".
    const match =
      (NUMBER_LAST.test(before) ? NAME_NUMBER_BEFORE.exec(before) : null) ??
      NUMBER_NAME_BEFORE.exec(before) ??
      NAME_TYPE_BEFORE.exec(before) ??
      TYPED_NAME_BEFORE.exec(before) ??
      (wordEnd - at > 3 ? NAME_BEFORE.exec(before) : null);
    if (!match) continue;
    const words = match[1]!.trim().split(/[ \t]+/);
    let skip = 0;
    words.forEach((w, k) => {
      if (isFunctionWord(w.toLowerCase())) skip = k + 1;
    });
    const capital = words.findIndex((w, k) => k >= skip && isCapitalCode(w.charCodeAt(0)));
    if (capital >= 0) {
      while (skip < capital && !INLINE_LOWER_WORDS.has(words[skip]!)) skip++;
    } else if (/[A-Z]/.test(before.slice(-40))) continue;
    if (skip === words.length) continue;
    let start = at - match[0].length;
    for (let k = 0; k < skip; k++) start = text.indexOf(words[k + 1]!, start + words[k]!.length);
    findings.push({ start: extendHead(text, start), end: wordEnd, label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
  }
}

/**
 * In text written all in lower case, a numbered street with its type after the name: "3747 3911 fourth avenue",
 * "at 23 oak street". Function words ("5 miles down the road") and quantities ("5 km road") are no street names.
 */
const LOWER_CASE_STREET = new RegExp(
  `${NOT_AFTER_WORD}(?:${HOUSE_NUMBER}${NOT_QUANTITY}[ \\t]+){1,2}((?:[${LOWER}][${LOWER}'’-]*[ \\t]+){0,3}[${LOWER}][${LOWER}'’-]*)[ \\t]+(?:${caseless(NUMBERED_TYPES_AFTER)})\\.?${NOT_WORD}`,
  'g',
);

/** Particles inside street names ("rua [de] santa maria"), unlike English function words ("down [the] road"). */
const NAME_PARTICLES: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'da', 'das', 'do', 'dos', 'di', 'du', 'des', 'le', 'van', 'von', 'der', 'den']);
const LOWER_CASE_UNIT = new RegExp(`[ \\t]*,?[ \\t]+(?:${caseless(UNITS)}|${caseless('Apt|Suite|Unit')})\\.?[ \\t]*#?[ \\t]*\\d{1,5}[A-Za-z]?${NOT_WORD}`, 'y');

function lowerCaseStreetFindings(text: string, findings: Finding[]): void {
  if (CAPITAL_LETTER.test(text)) return;
  for (const street of execAll(LOWER_CASE_STREET, text)) {
    const words = street[1]!.split(/[ \t]+/);
    if (words.some((word) => isFunctionWord(word) && !NAME_PARTICLES.has(word))) continue;
    let end = street.index + street[0].length;
    LOWER_CASE_UNIT.lastIndex = end;
    if (LOWER_CASE_UNIT.test(text)) end = LOWER_CASE_UNIT.lastIndex;
    end = extendTail(text, end);
    findings.push({ start: street.index, end, label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
  }
}

/**
 * "the corner of Terlouwweg and Koenweg", "la esquina de Cda. San Miguel y Calle Hernán": two capitalised street
 * names joined after a corner lead are an address even without a house number or a known street type.
 */
const CORNER_NAME = `(?:[dlDL]['’])?${CAPITALISED}`;
/** Articles inside street names besides the particles: "Unter [dem] Schildchen", "[Am] Markt", "Haus [zur] Linde". */
const CORNER_PARTICLE = `(?:${PARTICLE}|dem|am|im|zum|zur|an)`;
/**
 * A street of a corner: numbers, a lower-case type ("pl.", "skwer", "droga"), capitalised words and particles, a
 * name's abbreviated type ("Dornierstr[.]"), a lower-case type after the name ("Sērenes [bulvāris]", "Vajdahunyad
 * [dűlő]").
 */
const CORNER_STREET = `(?:\\d{1,5}[A-Za-z]?[ \\t]+){0,2}(?:[${LOWER}]{1,10}\\.?[ \\t]+)?(?:(?:${CORNER_NAME}|${CORNER_PARTICLE})[ \\t]+){0,4}${CORNER_NAME}(?:(?<=[sS]tr)\\.)?(?:[ \\t]+(?:${TYPES_AFTER})\\.?${NOT_WORD})?(?:[ \\t]+\\d{1,5}[A-Za-z]?${NOT_WORD})?`;
const CORNER = new RegExp(
  `(?<![${WORD_CHAR}])(?:${caseless(boundaryWords((v) => v.addressLeads))})[ \\t]+${CORNER_STREET}(?:[ \\t]+(?:${caseless(collect((v) => v.streetWords ?? []))})\\.?)?[ \\t]+(?:${boundaryWords((v) => v.cornerJoiners)})[ \\t]+${CORNER_STREET}`,
  'g',
);

/** The key word of each corner lead ("corner", "esquina"), as written in text: a cheap test before the regex. */
const CORNER_KEYS = [
  ...new Set(
    Object.values(BOUNDARY_VOCABULARIES)
      .flatMap((v) => v.addressLeads)
      .map((lead) => lead.split(' ').sort((a, b) => b.length - a.length)[0]!)
      .flatMap((key) => [key, key[0]!.toUpperCase() + key.slice(1), key.toUpperCase()]),
  ),
];
/** Any corner key, in one scan of the text rather than one `includes` per key. */
const CORNER_KEY = new RegExp(CORNER_KEYS.map(escape).join('|'));

/**
 * The same corner in text written all in lower case: "the corner of aleea veronica micle and aleea veronica micle".
 * Each street is up to four words; the first may hold no function or ordinary word ("the corner of the room and"),
 * the second ends before one; a street type, a number or a known name must be among them ("corner of kitchen and hall").
 */
const LOWER_CORNER_WORD = `[${LOWER}\\d][${LOWER}\\d'’.-]*`;
const LOWER_CORNER = new RegExp(
  `(?<![${WORD_CHAR}])(?:${boundaryWords((v) => v.addressLeads)})[ \\t]+((?:${LOWER_CORNER_WORD}[ \\t]+){1,4})(?:${boundaryWords((v) => v.cornerJoiners)})[ \\t]+(${LOWER_CORNER_WORD}(?:[ \\t]+${LOWER_CORNER_WORD}){0,3})`,
  'g',
);
const LOWER_STREET_TYPES: ReadonlySet<string> = new Set(
  VOCABULARIES.flatMap((v) => [...v.streetTypesBefore, ...v.streetTypesAfter]).map((word) => word.replace(/\.$/, '').toLowerCase()),
);
/** A word that may stand in a street's name in lower-case text: not a function word nor an ordinary one, or a particle or type. */
const lowerStreetWord = (word: string): boolean => {
  const bare = word.replace(/[.,]+$/, '');
  if (NAME_PARTICLES.has(bare) || LOWER_STREET_TYPES.has(bare) || /^\d/.test(bare)) return true;
  return !isFunctionWord(bare) && !isCommonWord(bare);
};

function cornerFindings(text: string, findings: Finding[]): void {
  if (!CORNER_KEY.test(text)) return;
  for (const corner of execAll(CORNER, text)) {
    findings.push({ start: corner.index, end: corner.index + corner[0].length, label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
  }
  if (CAPITAL_LETTER.test(text)) return;
  for (const corner of execAll(LOWER_CORNER, text)) {
    if (!corner[1]!.trim().split(/[ \t]+/).every(lowerStreetWord)) continue;
    const second = corner[2]!.split(/[ \t]+/);
    const kept = second.findIndex((word) => !lowerStreetWord(word));
    const words = kept < 0 ? second : second.slice(0, kept);
    // Something must name a street: a type, a number or a name ("[aleea] [veronica] micle"), not "kitchen and hall".
    const all = [...corner[1]!.trim().split(/[ \t]+/), ...words].map((word) => word.replace(/[.,]+$/, ''));
    if (words.length === 0 || !all.some((word) => LOWER_STREET_TYPES.has(word) || /^\d/.test(word) || isFirstName(word) || isSurname(word))) continue;
    const secondStart = corner.index + corner[0].length - corner[2]!.length;
    let end = secondStart;
    for (const word of words) end = text.indexOf(word, end) + word.length;
    findings.push({ start: corner.index, end, label: 'ADDRESS', score: 0.5, source: 'pattern:address' });
  }
}

/**
 * Every street form holds a digit or "s/n"; so does every postcode. A text without a digit is read only if it holds
 * one of these (" st." for "Magyar körtér St."), in any case (looked for in its lower case: faster than a
 * case-insensitive regex's scan).
 */
const STREET_WORDS_WITHOUT_DIGITS = ['s/n', 'calle', 'avda', 'avenida', 'paseo', 'plaza', 'rua', 'carrer', 'street', 'corner', 'esquina', ' st.'];
/**
 * Any of those words, in any case, in one scan: for ASCII words a case-insensitive (non-Unicode) regex finds what
 * the lower-cased text's `includes` finds, at half the cost of lower-casing the text and searching it per word.
 */
const STREET_WORD_WITHOUT_DIGITS = new RegExp(STREET_WORDS_WITHOUT_DIGITS.map((word) => word.replace(/[./]/g, '\\$&')).join('|'), 'i');
/**
 * The named street types in ASCII letters, as written and whole ("on Abbey Road", not "broad"): a type with other
 * letters needs a digit in the text.
 */
const NAMED_TYPE_WITHOUT_DIGITS = new RegExp(`(?<![A-Za-z])(?:${[...NAMED_TYPES].filter((word) => /^[A-Za-z]+$/.test(word)).join('|')})(?![A-Za-z])`);

/** A preposition of place, then a street type written first: "on Rue de Rivoli" needs no number. */
const PREPOSITION_THEN_TYPE = new RegExp(`(?<![${WORD_CHAR}])(?:${PLACE_PREPOSITION_WORDS})[ \\t]+(?:${TYPES_BEFORE})(?:\\.|${NOT_WORD})`);

function mayHoldAddressWithoutDigits(text: string): boolean {
  return STREET_WORD_WITHOUT_DIGITS.test(text) || PREPOSITION_THEN_TYPE.test(text) || NAMED_TYPE_WITHOUT_DIGITS.test(text);
}

export const addressRecognizer: Recognizer = {
  name: 'pattern:address',
  labels: ['ADDRESS'],
  detect(text: RawText): Finding[] {
    if (digitCount(text) === 0 && !mayHoldAddressWithoutDigits(text)) return [];
    const anchors = anchorsOf(text);
    const findings: Finding[] = [];
    streetFindings(anchors, findings);
    streetLineFindings(anchors, findings);
    townPostcodeFindings(anchors, findings);
    postcodeFindings(anchors, findings);
    cueFindings(anchors, findings);
    inlineStreetFindings(text, findings);
    unitLineFindings(text, findings);
    streetWordFindings(anchors, findings);
    namedStreetFindings(anchors, findings);
    cornerFindings(text, findings);
    lowerCaseStreetFindings(text, findings);
    return findings;
  },
};
