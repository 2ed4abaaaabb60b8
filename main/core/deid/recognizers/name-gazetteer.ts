import { allLocales, type LocaleDefinition } from '@faker-js/faker';
import { foldedKey } from './word-scan.js';

/**
 * First names and surnames for the person recognizer, taken from the name lists that ship with the faker
 * library's locales. The lists are built once, on first use, into lower-case Sets so that matching is one
 * lookup per capitalised word.
 *
 * Locales are limited to Latin-script languages whose names appear in English and Spanish text; scripts the
 * capitalised-word scan cannot see would only cost memory.
 */
const NAME_LOCALES = [
  'en', 'en_AU', 'en_GB', 'en_GH', 'en_IE', 'en_IN', 'en_NG', 'en_ZA', 'es', 'es_MX', 'pt_BR', 'pt_PT', 'fr', 'fr_BE',
  'fr_CH', 'it', 'de', 'de_AT', 'de_CH', 'nl', 'nl_BE', 'da', 'sv', 'nb_NO', 'fi', 'pl', 'cs_CZ', 'sk', 'hu', 'hr',
  'sl_SI', 'ro', 'lv', 'tr', 'af_ZA', 'id_ID', 'sr_RS_latin',
] as const;

/**
 * Names that are also everyday words, in English or Spanish, or names of things a chat is often about. As a
 * capitalised word they are a name only with a second signal: a known surname after them, or a cue.
 */
const COMMON_WORDS = [
  // English words
  'will', 'may', 'june', 'april', 'august', 'bill', 'mark', 'grace', 'rose', 'hope', 'summer', 'faith', 'joy', 'art',
  'guy', 'ray', 'rich', 'sky', 'page', 'chase', 'carol', 'dawn', 'eve', 'iris', 'ivy', 'jack', 'jewel', 'lily', 'lane',
  'max', 'miles', 'norm', 'pat', 'penny', 'ruby', 'sandy', 'star', 'sue', 'van', 'bob', 'buck', 'dock', 'frank',
  'general', 'gust', 'junior', 'king', 'major', 'porter', 'rusty', 'royal', 'sunny', 'unique', 'urban', 'golden',
  'pink', 'brown', 'bell', 'brook', 'precious', 'pearl', 'willow', 'earnest', 'an', 'can', 'do', 'so', 'in', 'on',
  'is', 'as', 'be', 'we', 'he', 'me', 'no', 'or', 'if', 'it', 'to', 'the', 'and', 'but', 'not', 'all', 'one', 'his',
  'her', 'son', 'sun', 'moon', 'love', 'angel', 'honey', 'candy', 'cherry', 'amber', 'crystal', 'destiny', 'harmony',
  'heaven', 'liberty', 'melody', 'misty', 'autumn', 'winter', 'spring', 'storm', 'river', 'rain', 'ocean', 'forest',
  'stone', 'clay', 'cliff', 'glen', 'dale', 'heath', 'holly', 'hazel', 'heather', 'jasmine', 'daisy', 'violet',
  'poppy', 'olive', 'sage', 'basil', 'pepper', 'ginger', 'brandy', 'sherry', 'tiffany', 'mercedes', 'cadillac',
  'lincoln', 'ford', 'dodge', 'chevy', 'tesla', 'apple', 'amazon', 'nike', 'dell', 'mac', 'bat', 'cat', 'kit', 'kitty',
  'jean', 'gene', 'sonny', 'christian', 'noble', 'prince', 'princess', 'duke', 'earl', 'baron', 'reed', 'wade',
  'hunter', 'archer', 'carter', 'cooper', 'mason', 'taylor', 'turner', 'walker', 'baker', 'butler', 'fisher',
  'miller', 'parker', 'tanner', 'gardener', 'gray', 'grey', 'green', 'white', 'black', 'young', 'long', 'short',
  'little', 'small', 'strong', 'best', 'good', 'early', 'north', 'south', 'east', 'west', 'london', 'paris', 'sydney',
  'florence', 'georgia', 'virginia', 'carolina', 'dakota', 'indiana', 'victoria', 'dallas', 'houston',
  'denver', 'phoenix', 'jordan', 'israel', 'india', 'china', 'kenya', 'chad', 'cuba', 'asia', 'africa', 'america',
  'trinity', 'unity', 'justice', 'patience', 'prudence', 'temperance', 'charity', 'constance', 'chance', 'sterling',
  'genesis', 'easter', 'christmas', 'noel', 'sunday', 'monday', 'friday', 'tuesday', 'january', 'march', 'nov',
  'german', 'roman', 'english', 'irish', 'french', 'norman', 'dutch', 'florentine', 'austin', 'princess',
  'name', 'phone', 'address', 'email', 'date', 'subject', 'note', 'total', 'dear', 'hi', 'hello', 'thanks', 'regards', 'yes', 'ok', 'okay', 'user', 'assistant', 'human', 'bot', 'god', 'lord',
  'else', 'judge', 'fate', 'lawyer',
  // Programming languages, products and assistants with a person's name
  'python', 'julia', 'rust', 'swift', 'java', 'kotlin', 'dart', 'go', 'perl', 'pascal', 'ada', 'elixir', 'haskell',
  'alexa', 'siri', 'cortana', 'claude', 'bard', 'gemini', 'linux', 'ubuntu', 'debian', 'django', 'flask', 'react',
  'angular', 'vue', 'jupyter', 'jenkins', 'docker', 'ansible', 'excel', 'word', 'office', 'chrome', 'safari', 'opera',
  'firefox', 'edge', 'alpha', 'beta', 'delta', 'sigma', 'omega', 'nova', 'luna', 'stella', 'aurora', 'atlas', 'titan',
  'apollo', 'mercury', 'venus', 'mars', 'jupiter', 'saturn', 'neptune', 'pluto', 'orion', 'zeus', 'thor', 'odin',
  // Spanish words
  'luz', 'sol', 'mar', 'paz', 'cruz', 'rosa', 'pilar', 'blanca', 'dolores', 'amparo', 'consuelo', 'esperanza',
  'remedios', 'socorro', 'rocío', 'rocio', 'soledad', 'nieves', 'pura', 'ángeles', 'angeles', 'reyes',
  'salud', 'alba', 'estrella', 'flor', 'perla', 'gloria', 'alegría', 'leal', 'bueno', 'franco',
  'león', 'leon', 'lobo', 'santos', 'domingo', 'mayo', 'abril', 'junio', 'julio', 'agosto', 'sin', 'con', 'por', 'para',
  'el', 'la', 'los', 'las', 'un', 'una', 'del', 'al', 'es', 'se', 'su', 'sus', 'ya', 'mi', 'tu', 'te', 'le', 'lo', 'da',
  'di', 'de', 'e', 'y', 'o', 'a', 'i', 'paciente', 'doctor', 'doctora', 'hospital', 'calle', 'san', 'santa', 'santo',
];

/**
 * Locales of the languages Quarry reads (English and Spanish): their first names are the ones people write in lower
 * case in chat ("john says"), where a name from any list would also take words like "job" (Dutch) or "tea"
 * (Hungarian).
 */
const CORE_LOCALES: ReadonlySet<string> = new Set(['en', 'en_AU', 'en_GB', 'en_GH', 'en_IE', 'en_IN', 'en_NG', 'en_ZA', 'es', 'es_MX']);

let names: {
  first: ReadonlySet<string>;
  coreFirst: ReadonlySet<string>;
  last: ReadonlySet<string>;
  /** Every first name and surname without accents. */
  plain: ReadonlySet<string>;
  common: ReadonlySet<string>;
  /** The English dictionary's adjectives, adverbs, verbs and other words that are no noun. */
  notNouns: ReadonlySet<string>;
  firstFilter: Int32Array;
} | null = null;

/** The lists' entries are plain arrays or, by gender, objects of arrays. */
function entriesOf(list: unknown): string[] {
  if (Array.isArray(list)) return list.filter((entry): entry is string => typeof entry === 'string');
  if (list && typeof list === 'object') return Object.values(list).flatMap(entriesOf);
  return [];
}

/** A word in lower case and without its accents, as people often type names ("suarez" for "Suárez"). */
const plainForm = (word: string): string => word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

function addName(list: Set<string>, plain: Set<string>, name: string): void {
  list.add(name.toLowerCase());
  plain.add(plainForm(name));
}

function load(): NonNullable<typeof names> {
  const first = new Set<string>();
  const coreFirst = new Set<string>();
  const last = new Set<string>();
  const plain = new Set<string>();
  const locales = allLocales as Record<string, LocaleDefinition>;
  for (const code of NAME_LOCALES) {
    const person = locales[code]?.person;
    // Lists hold double names ("Mary Ann", "De la Cruz"): each part counts, so a scan of single words finds them.
    for (const name of entriesOf(person?.first_name)) {
      for (const part of name.split(/[\s-]+/)) {
        addName(first, plain, part);
        if (CORE_LOCALES.has(code)) coreFirst.add(part.toLowerCase());
      }
    }
    for (const name of entriesOf(person?.last_name)) for (const part of name.split(/[\s-]+/)) addName(last, plain, part);
  }
  const common = new Set(COMMON_WORDS);
  const english = (allLocales as Record<string, LocaleDefinition>).en?.word;
  for (const word of entriesOf(english)) common.add(word.toLowerCase());
  // Surnames are often nouns ("Baker", "Stone"), seldom other parts of speech ("Loudly", "Salty", "Married").
  const notNouns = new Set<string>();
  for (const [part, words] of Object.entries(english ?? {})) {
    if (part !== 'noun') for (const word of entriesOf(words)) notNouns.add(word.toLowerCase());
  }
  for (const word of common) {
    if (word.length < 3) {
      first.delete(word);
      coreFirst.delete(word);
      last.delete(word);
    }
  }
  const firstFilter = new Int32Array(FILTER_BITS >>> 5);
  for (const name of first) {
    const bit = filterBit(foldedKey(name, 0, name.length));
    firstFilter[bit >>> 5] = (firstFilter[bit >>> 5] as number) | (1 << (bit & 31));
  }
  return { first, coreFirst, last, plain, common, notNouns, firstFilter };
}

/**
 * A bit per folded hash of the first names: the person recognizer asks about every capitalised word, and nine in
 * ten are no first name; those are answered from the bit without cutting the word out of the text.
 */
const FILTER_BITS = 1 << 19;
const filterBit = (key: number): number => Math.imul(key ^ (key >>> 16), 0x45d9f3b) >>> 13;

function lists(): NonNullable<typeof names> {
  names ??= load();
  return names;
}

const FIRST = 1;
const LAST = 2;
const COMMON = 4;
/**
 * The lists each word is in, by the word as written: the recognizers ask about the same capitalised words again
 * and again, and lower-casing each one cost more than the lookups. Cleared when it grows past a long log's vocabulary.
 */
const memo = new Map<string, number>();
const MEMO_LIMIT = 100_000;

function flagsOf(word: string): number {
  let flags = memo.get(word);
  if (flags === undefined) {
    const { first, last, common } = lists();
    const lower = word.toLowerCase();
    flags = (first.has(lower) ? FIRST : 0) | (last.has(lower) ? LAST : 0) | (common.has(lower) ? COMMON : 0);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, flags);
  }
  return flags;
}

/** A known first name, in any case. */
export function isFirstName(word: string): boolean {
  return (flagsOf(word) & FIRST) !== 0;
}

const CAPITAL_I_WITH_DOT = 0x130;

/** `isFirstName(text.slice(start, end))`, for a word of Latin letters, "'", "’" and "-" (the scan's letters). */
export function isFirstNameAt(text: string, start: number, end: number): boolean {
  const bit = filterBit(foldedKey(text, start, end));
  const { firstFilter } = lists();
  if (((firstFilter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) {
    // Lower-casing "İ" adds a char, so the hash says nothing about a word holding one.
    let dotted = false;
    for (let i = start; i < end && !dotted; i++) dotted = text.charCodeAt(i) === CAPITAL_I_WITH_DOT;
    if (!dotted) return false;
  }
  return isFirstName(text.slice(start, end));
}

/** A known surname, in any case. */
export function isSurname(word: string): boolean {
  return (flagsOf(word) & LAST) !== 0;
}

/** A name that is also an ordinary word or a product, so it needs a second signal. */
export function isCommonWord(word: string): boolean {
  return (flagsOf(word) & COMMON) !== 0;
}

/** A first name of an English- or Spanish-speaking locale that is no ordinary word: one people write in lower case. */
export function isCoreFirstName(word: string): boolean {
  return lists().coreFirst.has(word.toLowerCase()) && !isCommonWord(word);
}

/**
 * A first name or surname written without its accents ("suarez", "jose"), or with them. Only to keep a word that
 * may be a name: stripped of accents, some names of other languages spell English words.
 */
export function isNameWithoutAccents(word: string): boolean {
  return lists().plain.has(plainForm(word));
}

/**
 * An English dictionary word that is no noun ("loudly", "salty", "married"): a capitalised one opening a
 * sentence is that word, where a noun may be a surname ("Stone"). Names of the lists are not asked about here.
 */
export function isNonNounWord(word: string): boolean {
  return lists().notNouns.has(word.toLowerCase());
}
