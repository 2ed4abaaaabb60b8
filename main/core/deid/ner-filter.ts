import type { Finding, PiiLabel } from './types.js';
import { KNOWN_NAME_SOURCE, KNOWN_NAME_WITH_PLACE_SOURCE } from './spans.js';
import { isFunctionWord, isPersonalPronoun } from './function-words.js';
import { isPlace } from './recognizers/location-gazetteer.js';
import { isCommonWord, isFirstName, isNameWithoutAccents, isNonNounWord, isSurname } from './recognizers/name-gazetteer.js';
import { execAll } from './recognizers/exec-all.js';
import { codeRegions } from './code-regions.js';
import { isEverydayWord } from './everyday-words.js';
import { isTechnicalTerm } from './technical-terms.js';
import { personWords } from './recognizers/person-vocabulary.js';
import { hasOrdinaryEnding, isAddressTerm, isChatWord, isFrequentWord, isClinicalAbbreviation, isGroupWord, isRecordWord, isSalutation } from './word-shapes.js';

/**
 * Drops NER spans that are clearly not names, before spans are combined and propagated (a false "del" taken for
 * a person would otherwise be redacted at every "del" of the case):
 * - spans with no letter or digit ("/", "."), spans made only of function words ("de", "the", "y"), a personal
 *   pronoun, capitalised or not ("He", "himself"; "US" is no pronoun), and a single dictionary word in lower case
 *   ("smart", "button"), in any text;
 * - in a text that capitalises its sentences and its proper nouns (clinical notes, letters, most chat), spans
 *   written entirely in lower case ("cava infrahepática", "transfusión"): where writing is cased, names are,
 *   unless the span continues a capitalised word inside a sentence ("Árpád fejedelem útja"); and there, a
 *   single capitalised word the same text also writes in lower case ("el Servicio de Urología" beside "servicio"),
 *   unless the name lists know it as a name ("Blanca" beside "raza blanca").
 *   Texts that do not capitalise (much social media) keep them, as there lower case says nothing;
 * - a PERSON span whose form says it is an ordinary word, in social and chat text above all (word-shapes.ts): a
 *   chat word or interjection ("lol", "LMAO"), a nationality ("Chinese"), a form of address ("guys"), a word with
 *   an ordinary ending ("laziness", "swimming", "rápidamente"), unless the name lists know it in some spelling
 *   ("megannnnnn", "suarez", "toms"); opening a sentence, also a dictionary word that is no noun ("Loudly",
 *   "Married": a noun may be a surname, "Stone"); never after "@" or "#", where a username or a hashtag stands.
 * - words of forms, mail headers and clinical notes alone ("Cc", "Attending", "HTN, DM2 and CAD" where the text reads
 *   as a note), a salutation ("Sir or Madam"), a subject line's "Re", a title alone before a name ("[Senator]
 *   Elizabeth Warren"), and a possessive's "s";
 * Only the free-text types are filtered: a model's date or number span is left as it is.
 */
const FILTERED: ReadonlySet<PiiLabel> = new Set(['PERSON', 'ORGANIZATION', 'LOCATION']);

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const HAS_UPPER_OR_DIGIT = /[\p{Lu}\p{Lt}\p{N}]/u;
const HAS_UPPER = /[\p{Lu}\p{Lt}]/u;
const WORDS = /[\p{L}\p{M}'’]+/gu;
/** A sentence's first word: at the text's start, after a line break, or after ., ! or ? and a blank. */
const SENTENCE_OPENER = /(?:^|\n|[.!?]\s)[\s"“'(¿¡*-]*(\p{L})/gu;
/** A capitalised word inside a sentence: after a letter, digit or comma and blanks. */
const INNER_CAPITAL = /[\p{L}\p{N},;][ \t]+\p{Lu}\p{Ll}/u;

/** Sentences needed before casing is trusted: one capitalised sentence may be an accident of the keyboard. */
const MIN_SENTENCES = 2;
const MIN_CAPITALISED_SHARE = 0.8;

/**
 * A text longer than a social post (280 characters of prose) with at least three sentences, capitalised as above,
 * is cased even with no capitalised word inside its sentences: an assistant's answer that happens to name nothing
 * ("There are many ways to become proficient at programming. …") is written with the same care as one that does,
 * and a model's lower-case "method" there is no organisation. Posts are left to the inner-capital test: three
 * capitalised sentences of one ("Im starting to hate verizon . I normally have …") still write brands in lower case.
 */
const MIN_SENTENCES_WITHOUT_INNER_CAPITAL = 3;
const MIN_CHARS_WITHOUT_INNER_CAPITAL = 280;

/**
 * The text with its code regions (`codeRegions`) taken out, for the questions asked of its prose: a fenced block
 * becomes a line break (the prose after it opens a line), a line of code a blank line, inline code a neutral word
 * ("Use `os.path` to" reads "Use 0 to"): a digit, which neither opens a sentence in lower case ("- `-s`: This option
 * …" is no sentence opened in lower case) nor is a capitalised word.
 */
function proseOf(text: string, code: readonly [number, number][]): string {
  if (code.length === 0) return text;
  let prose = '';
  let last = 0;
  for (const [start, end] of code) {
    prose += text.slice(last, start) + (text[start] === '`' && text[start + 1] !== '`' ? '0' : '\n');
    last = end;
  }
  return prose + text.slice(last);
}

/**
 * Whether the text capitalises its sentences and has capitalised words inside them, or is a longer text that
 * capitalises its sentences (MIN_SENTENCES_WITHOUT_INNER_CAPITAL). Code is not read: an
 * assistant's answer that explains a script in capitalised sentences is cased, however its code lines begin.
 * `code`: the text's code regions, if already found.
 */
export function isCasedText(text: string, code: readonly [number, number][] = codeRegions(text)): boolean {
  return isCasedProse(proseOf(text, code));
}

function isCasedProse(text: string): boolean {
  let openers = 0;
  let capitalised = 0;
  for (const match of execAll(SENTENCE_OPENER, text)) {
    openers++;
    const letter = match[1]!;
    if (letter !== letter.toLowerCase()) capitalised++;
  }
  return (
    openers >= MIN_SENTENCES &&
    capitalised / openers >= MIN_CAPITALISED_SHARE &&
    ((openers >= MIN_SENTENCES_WITHOUT_INNER_CAPITAL && text.length >= MIN_CHARS_WITHOUT_INNER_CAPITAL) || INNER_CAPITAL.test(text))
  );
}

function onlyFunctionWords(span: string): boolean {
  const words = span.match(WORDS);
  return words !== null && !HAS_UPPER_OR_DIGIT.test(span) && words.every(isFunctionWord);
}

/** The word before `at`, skipping blanks and lower-case function words ("Calle [de la] paz"); '' if none. */
function wordBefore(text: string, at: number): { word: string; start: number } {
  let end = at;
  for (;;) {
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    let start = end;
    while (start > 0 && /[\p{L}\p{M}'’]/u.test(text[start - 1]!)) start--;
    const word = text.slice(start, end);
    if (word === '' || !isFunctionWord(word) || word !== word.toLowerCase()) return { word, start };
    end = start;
  }
}

/**
 * A lower-case span that continues a capitalised word inside a sentence is the tail of a multi-word name
 * ("Árpád fejedelem útja", "Vialidad de la barranca"), not a common noun; unless it is made of everyday words that
 * no name or place list knows (onlyEverydayWords): "our SRE [systems]", "a Python [program]".
 */
function continuesCapitalisedName(text: string, start: number): boolean {
  const { word, start: wordStart } = wordBefore(text, start);
  if (word === '' || word[0] === word[0]!.toLowerCase()) return false;
  return !opensSentence(text, wordStart);
}

function opensSentence(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && /[\s"“'(¿¡*-]/.test(text[i - 1]!)) i--;
  if (i === 0 || text[i] === '\n' || text.slice(i, at).includes('\n')) return true;
  return /[.!?:]/.test(text[i - 1]!) && i < at;
}

const LOWER_CASE_WORD = /^[\p{Ll}\p{M}'’]+$/u;

/**
 * A single ordinary word in lower case ("smart", "button", "himself", "laziness", "lol"), unless it is also a known
 * name or place ("chad", "tanner", "india"), which people write in lower case as often as not.
 */
function isLowerCaseCommonWord(span: string): boolean {
  return LOWER_CASE_WORD.test(span) && isDictionaryWord(span);
}

/** Technical terms only ("API", "JSON and XML", "SRE"), joined by function words or punctuation. */
function onlyTechnicalTerms(span: string): boolean {
  const words = span.split(/[\s,;/&()+.:-]+/).filter(Boolean);
  return words.some(isTechnicalTerm) && words.every((word) => isTechnicalTerm(word) || (isFunctionWord(word) && word === word.toLowerCase()));
}

/** A single everyday word in lower case ("path", "lower", "benefits") that no name or place list knows. */
function isLowerCaseEverydayWord(span: string): boolean {
  // A single letter is left to the rule for letters (the word list has every letter).
  return span.length > 1 && LOWER_CASE_WORD.test(span) && isEverydayWord(span) && isNoNameOrPlace(span);
}

/** Lower-case everyday words only, none known to a name or place list ("systems", "program", "web service"). */
const onlyEverydayWords = (span: string): boolean => span.split(/\s+/).every(isLowerCaseEverydayWord);

/** Runs of one letter, shortened: "megannnnnn" → "megan", "sooo" → "so". */
const squeeze = (word: string): string => word.replace(/(\p{L})\1{2,}/gu, '$1');

/** A known name or place, as written or with its letter runs and a plural or possessive "s" taken off ("toms"). */
function isKnownNameOrPlace(lower: string): boolean {
  const forms = new Set([lower, squeeze(lower)]);
  for (const form of [...forms]) if (form.length > 3 && form.endsWith('s')) forms.add(form.slice(0, -1));
  return [...forms].some((form) => isNameWithoutAccents(form) || isPlace(form));
}

/**
 * A word whose form says it is ordinary, in any case ("laziness", "Fuming", "LMAO", "hahaha", "soldiers"): a chat
 * word, an ending of ordinary words, or the plural of a dictionary word, unless the name or place lists know it.
 */
function isOrdinaryShape(word: string): boolean {
  if (!ONE_WORD.test(word)) return false;
  const lower = squeeze(word.toLowerCase());
  const plural = lower.length > 4 && lower.endsWith('s') && (isCommonWord(lower.slice(0, -1)) || (lower.endsWith('es') && isCommonWord(lower.slice(0, -2))));
  // Capitalised, only the longer endings: "Fuming", not "Mulcair".
  const ending = hasOrdinaryEnding(lower, word === lower ? 1 : 3);
  const ordinary = isChatWord(lower) || isGroupWord(lower) || isAddressTerm(lower) || isFrequentWord(lower) || ending;
  return (ordinary || plural) && !isKnownNameOrPlace(lower);
}

/**
 * Words a model took for a person whose form says they are ordinary: in lower case, one such word ("laziness",
 * "lol") or only such words ("conweird rumbling"); capitalised or in capitals, a chat word or a nationality or
 * faith anywhere ("LMAO", "Congratulations", "Chinese"), or a word with an ordinary ending where its capital says
 * nothing, opening a sentence or in capitals ("Fuming ."): inside a sentence a capital is a sign of a name
 * ("Salmond beat Darling"). Capitalised plurals are kept, a team or a band ("Vikings"), and so is a word before
 * another capitalised word, the start of a longer name ("Delegación Benito Juárez").
 */
function isOrdinaryPersonSpan(text: string, start: number, span: string): boolean {
  // A frequent word in lower case is that word, even where some list also has it as a name ("else", "will").
  if (LOWER_CASE_WORD.test(span)) return isFrequentWord(span) || isOrdinaryShape(span);
  if (onlyOrdinaryLowerCaseWords(span)) return true;
  if (!ONE_WORD.test(span)) return false;
  const lower = span.toLowerCase();
  if (isChatWord(lower) || isGroupWord(lower)) return !isKnownNameOrPlace(lower);
  if (lower.endsWith('s') || beforeCapitalisedWord(text, start + span.length)) return false;
  const opens = span === span.toUpperCase() || opensSentenceInLine(text, start);
  // A word the dictionary has as no noun ("Loudly", "Salty", "Married"), opening a sentence: a noun may be a surname.
  return opens && (isOrdinaryShape(span) || (isDictionaryWord(span) && isNonNounWord(span)));
}

/** Blanks, quotes and brackets before a line's first word, after a list's marker ("- ", "* ", "2. ", "b) ") or not. */
const LINE_OPENING = /(?:^|\n)[ \t]*(?:[-*•]|\d{1,3}[.)]|[a-z][.)])?[ \t"“'(]*$/;
/** The same, with the list's marker required. */
const LIST_ITEM_OPENING = /(?:^|\n)[ \t]*(?:[-*•]|\d{1,3}[.)]|[a-z][.)])[ \t"“'(]*$/;

/** The text's 12 characters before `at`, a line break standing for the text's start. */
const openingBefore = (text: string, at: number): string => (at <= 12 ? `\n${text.slice(0, at)}` : text.slice(at - 12, at));

/**
 * In cased prose, a single capitalised everyday word that opens a line, a list item or a sentence, that no name or
 * place list knows and that opens no longer name ("[Networking]", "2. [Establish] clear goals", "[However], ..."):
 * its capital is the line's, and the word is that word. A person only where the word opens a list item and the
 * dictionary says it is no noun ("- [Develop] a plan"): a word opening a sentence may be a surname no list has
 * ("Castle said ...").
 */
function isEverydayOpener(text: string, finding: Finding, span: string): boolean {
  if (!isEverydayWord(span.toLowerCase()) || !isNoNameOrPlace(span) || beforeCapitalisedWord(text, finding.end)) return false;
  const before = openingBefore(text, finding.start);
  if (finding.label === 'PERSON') return isNonNounWord(span) && LIST_ITEM_OPENING.test(before);
  return LINE_OPENING.test(before) || opensSentenceInLine(text, finding.start);
}

/** Whether a capitalised word follows: the span then opens a longer proper name ("Delegación Benito Juárez"). */
const beforeCapitalisedWord = (text: string, end: number): boolean => /^[ \t]+\p{Lu}/u.test(text.slice(end, end + 4));

/**
 * Whether a word opens the text or a sentence after ".", "!" or "?" on the same line. A word opening a line of a
 * block (an address, a signature) or a field's value after a colon ("Provincia: Plasencia") is left to the model:
 * there it is often a place or a surname ("Sobrado").
 */
function opensSentenceInLine(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && /[ \t"“'(¿¡*-]/.test(text[i - 1]!)) i--;
  return i === 0 || /[.!?]/.test(text[i - 1]!);
}

/**
 * Lower-case words, each a function word, a dictionary word or an ordinary shape ("conweird rumbling"), or, with
 * no known name among them, holding a function, frequent or chat word ("hery we", "qué pereza"): a name's
 * particles ("maría de la cruz") come with a known name.
 */
function onlyOrdinaryLowerCaseWords(span: string): boolean {
  const words = span.split(/\s+/).filter(Boolean);
  if (words.length < 2 || !words.every((word) => LOWER_CASE_WORD.test(word))) return false;
  if (words.every((word) => isFunctionWord(word) || isDictionaryWord(word) || isOrdinaryShape(word))) return true;
  const grammatical = (word: string) => isFunctionWord(word) || isFrequentWord(word) || isChatWord(word);
  return words.some(grammatical) && !words.some((word) => isKnownNameOrPlace(word));
}

/**
 * A username or a hashtag: the span follows "@" or "#", at once or after a blank ("@paulwalk", "# birminghamcity").
 * A username identifies someone whatever it spells, and a hashtag runs words together, so endings say nothing.
 */
function isTag(text: string, start: number): boolean {
  const before = text[start - 1] === ' ' ? text[start - 2] : text[start - 1];
  return before === '@' || before === '#';
}

const ONE_WORD = /^[\p{L}\p{M}'’]+$/u;

/** One ordinary dictionary word that is no known name or place. */
function isDictionaryWord(span: string): boolean {
  return ONE_WORD.test(span) && isCommonWord(span) && isNoNameOrPlace(span);
}

/** Whether no first-name, surname or place list knows the word. */
const isNoNameOrPlace = (word: string): boolean => !isFirstName(word) && !isSurname(word) && !isPlace(word);

/** Whether a word is part of an e-mail address, a domain or a path ("madrid" of "x@salud.madrid.org"). */
function isInAddress(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? ' ';
  const after = text[end] ?? ' ';
  return /[.@/_\\-]/.test(before) || /[@/_\\]/.test(after) || (/[.-]/.test(after) && /[\p{L}\p{N}]/u.test(text[end + 1] ?? ' '));
}

/** Words the text writes in lower case: there, the same word capitalised is a common noun ("el Servicio"). */
function lowerCaseWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const match of execAll(WORDS, text)) {
    const word = match[0];
    if (word !== word.toLowerCase() || isInAddress(text, match.index, match.index + word.length)) continue;
    words.add(word);
  }
  return words;
}

/** A personal pronoun that is not also a known name when capitalised ("Ella" is both: kept). */
const isPronounNotName = (span: string): boolean =>
  isPersonalPronoun(span) && !(span !== span.toLowerCase() && (isFirstName(span) || isSurname(span)));

const SINGLE_CAPITALISED_WORD = /^\p{Lu}[\p{Ll}\p{M}'’]+$/u;

/** Lower-case words, blanks and punctuation only: what a model adds before a name it reads as a place ("casa de"). */
const ONLY_LOWER_CASE_WORDS = /^[\p{Ll}\p{M}\s'’.,;:&-]*$/u;

/**
 * A model's place or organisation made of a name the recognizers know at a cue and lower-case words around it ("casa
 * de [Daniel]", "[Grayson] and"): cut down to the name, so that the person outvotes it when spans are combined.
 */
function narrowToKnownName(text: string, finding: Finding, names: readonly Finding[]): Finding {
  for (const name of names) {
    if (name.start < finding.start || name.end > finding.end || (name.start === finding.start && name.end === finding.end)) continue;
    if (name.source === KNOWN_NAME_WITH_PLACE_SOURCE && finding.label !== 'ORGANIZATION') continue;
    // Before the name, lower-case words ("casa de"); after it, function words only: a lower-case word there may be
    // the rest of the name ("casa de jaime villa [portillo]").
    const after = text.slice(name.end, finding.end).match(WORDS) ?? [];
    if (ONLY_LOWER_CASE_WORDS.test(text.slice(finding.start, name.start)) && after.every((word) => word === word.toLowerCase() && isFunctionWord(word))) {
      return { ...finding, start: name.start, end: name.end };
    }
  }
  return finding;
}

/**
 * The findings of a NER model on `text` without those that are clearly not names. `recognized`, the pattern
 * recognizers' findings on the same text, lets a place or organisation made of a known name and lower-case words
 * shrink to the name.
 */
export function filterNerFindings(text: string, findings: readonly Finding[], recognized: readonly Finding[] = []): Finding[] {
  const names = recognized.filter((f) => f.source === KNOWN_NAME_SOURCE || f.source === KNOWN_NAME_WITH_PLACE_SOURCE);
  const kept = filterFindings(text, splitAtLineBreaks(text, findings));
  return names.length === 0 ? kept : kept.map((finding) => (PLACE_OR_ORGANIZATION.has(finding.label) ? narrowToKnownName(text, finding, names) : finding));
}

const PLACE_OR_ORGANIZATION: ReadonlySet<PiiLabel> = new Set(['LOCATION', 'ORGANIZATION']);

/**
 * A model's name, place or organisation that runs over a line break, cut at it into one finding per line: a block's
 * lines are read apart ("816 Coy Gardens\nBerge-over-Flatley": a street, then a town), and a person's name across
 * the street below it ("Ana Ruiz\nCalle Mayor 5") would make the address a name. A line's part that is one
 * dictionary word alone is dropped: the model ran on into the next line's label or greeting ("Service:", "Dear").
 */
function splitAtLineBreaks(text: string, findings: readonly Finding[]): readonly Finding[] {
  let split: Finding[] | undefined;
  findings.forEach((finding, i) => {
    // Looked for inside the span only: a search from its start to the text's next line break would read on past it.
    const inside = FILTERED.has(finding.label) ? text.slice(finding.start, finding.end).indexOf('\n') : -1;
    const lineBreak = inside < 0 ? -1 : finding.start + inside;
    if (lineBreak < 0) {
      split?.push(finding);
      return;
    }
    split ??= findings.slice(0, i);
    let start = finding.start;
    for (let at = lineBreak; start < finding.end; at = text.indexOf('\n', start)) {
      const end = at < 0 || at >= finding.end ? finding.end : at;
      let partStart = start;
      let partEnd = end;
      while (partStart < partEnd && /\s/.test(text[partStart]!)) partStart++;
      while (partEnd > partStart && /\s/.test(text[partEnd - 1]!)) partEnd--;
      if (partEnd > partStart && !isDictionaryWord(text.slice(partStart, partEnd))) split.push({ ...finding, start: partStart, end: partEnd });
      start = end + 1;
    }
  });
  return split ?? findings;
}

const CAPITALS_WORD = /[A-Za-z][A-Za-z\d]*/g;

/**
 * Whether a text reads as a clinical note: two or more different clinical abbreviations in it ("HTN", "PCI"). One
 * alone may be a club's or a firm's acronym in a post ("CCU exercise science program", "ASA rules").
 */
function isClinicalText(text: string): boolean {
  const seen = new Set<string>();
  for (const match of text.matchAll(CAPITALS_WORD)) {
    if (isClinicalAbbreviation(match[0])) seen.add(match[0]);
    if (seen.size >= 2) return true;
  }
  return false;
}

/** Letters, digits and the joints of identifiers: the token a span lies in, in code or an identifier. */
const TOKEN_CHAR = /[\p{L}\p{N}_.$]/u;

/** The token around [start, end): the span extended over letters, digits, "_", "." and "$" (no "." at its ends). */
function tokenAt(text: string, start: number, end: number): string {
  while (start > 0 && TOKEN_CHAR.test(text[start - 1]!)) start--;
  while (end < text.length && TOKEN_CHAR.test(text[end]!)) end++;
  return text.slice(start, end).replace(/^\.+|\.+$/g, '');
}

/** snake_case or SCREAMING_CASE. */
const SNAKE_CASE = /_\p{L}|\p{L}_/u;
/** Lower-case words joined by dots ("os.path", "json.loads"); with a word of three or more, not "s.r.o." or "e.g.". */
const DOTTED = /^\p{Ll}[\p{Ll}\p{N}]*(?:\.\p{Ll}[\p{Ll}\p{N}]*)+$/u;
const LONG_PART = /[\p{Ll}\p{N}]{3}/u;

/**
 * Whether a span lies in a programmer's identifier, wherever it stands ("bucket_name", "ELEM_PSW", "os.path"): a
 * model reads "bucket" or "path" in it as a name. A username or hashtag is left alone (see isTag).
 */
function isIdentifier(text: string, start: number, end: number): boolean {
  // A span across blanks is more than an identifier ("Eliza <Fruzsina_Meszaros37": a name before an address).
  if (/\s/.test(text.slice(start, end))) return false;
  const token = tokenAt(text, start, end);
  return SNAKE_CASE.test(token) || (DOTTED.test(token) && LONG_PART.test(token));
}

/** Whether `at` lies in one of the ordered code regions. */
function inCode(code: readonly [number, number][], at: number): boolean {
  return code.some(([start, end]) => start <= at && at < end);
}

/**
 * Whether `at` lies in a string literal or a comment on its line of code: after an odd number of one kind of quote,
 * or after "#" or "//" that opens a comment. There a name is data or prose ('name = "maria garcia"', "# ask Ana"),
 * and the rules for prose decide on it.
 */
function inStringOrComment(text: string, at: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', at - 1) + 1, at);
  const odd = (quote: string): boolean => line.split(quote).length % 2 === 0;
  return odd('"') || odd("'") || /(?:^|\s)(?:#|\/\/)/.test(line);
}

/** A lower-case word with an inner capital ("timsortAux", "elementStack"), or letters run into digits ("len1"). */
const CODE_WORD = /^\p{Ll}+\p{Lu}|\p{L}\p{N}|\p{N}\p{L}/u;

/**
 * Inside code, a span that is a code token: lower case, camelCase, letters run into digits, a word called or
 * reached into ("print(", "client.", "= Service"), or one imported, constructed or extended ("import Logger").
 * Names in code stand in its strings and comments ("author = 'jane doe'"): those are left to the rules for prose.
 */
function isCodeToken(text: string, start: number, end: number): boolean {
  if (inStringOrComment(text, start)) return false;
  const token = tokenAt(text, start, end);
  if (token === token.toLowerCase() || CODE_WORD.test(token)) return true;
  if (/^[ \t]*[(.[]/.test(text.slice(end, end + 3)) || /[.=][ \t]*$/.test(text.slice(Math.max(0, start - 3), start))) return true;
  // A class or module imported, constructed or extended ("import ServiceAccountCredentials", "new Logger").
  return /\b(?:import|new|extends|implements)[ \t]+$/.test(text.slice(Math.max(0, start - 12), start));
}

/** Titles of nobility that are part of many a name as it is known ("Lady Gaga", "Sir Elton John"). */
const NAME_TITLES = new Set(['Lady', 'Lord', 'Dame', 'Sir']);
/** Titles that are no name the name lists know ("Senator", "Dr"; not "Judge", "Don"), and more than an initial. */
const TITLES: ReadonlySet<string> = new Set(
  personWords((v) => v.titles).filter((title) => title.length > 1 && !NAME_TITLES.has(title) && !isFirstName(title) && !isSurname(title)),
);

/**
 * A person's title alone before the name it introduces ("[Senator] Elizabeth Warren", "[Dr.] Patel"): the name is
 * the model's to find, the title names no one. A title closing a phrase ("Plaza Mayor") is left as it is.
 */
function isTitleBeforeName(text: string, end: number, span: string): boolean {
  return TITLES.has(span.replace(/\.$/, '')) && /^\.?[ \t]+\p{Lu}/u.test(text.slice(end, end + 4));
}

/**
 * One lower-case letter alone: it names no one (a loop's "j", a formula's "n", the "s" of a possessive,
 * "Coroner['s]"), unless it is a letter of an abbreviation ("s.r.o."), which stays the firm's.
 */
const isStrayLetter = (text: string, start: number, span: string): boolean =>
  /^\p{Ll}$/u.test(span) && (/['’]/.test(text[start - 1] ?? '') || (text[start - 1] !== '.' && text[start + 1] !== '.'));

/**
 * The hyphenated word a span lies in, whole: a model's "E-" of "E-mail" is the record word "E-mail", which split at
 * its hyphen would be "E" and "mail". Empty for a span with no hyphen in or next to it.
 */
function hyphenatedWordAt(text: string, start: number, end: number): string {
  if (!text.slice(Math.max(0, start - 1), end + 1).includes('-')) return '';
  while (start > 0 && /[\p{L}-]/u.test(text[start - 1]!)) start--;
  while (end < text.length && /[\p{L}-]/u.test(text[end]!)) end++;
  return text.slice(start, end);
}

/** The prefix of a reply's or a forward's subject line ("Re:", "Fwd:", "AW:"). */
const SUBJECT_PREFIX = /^(?:re|fw|fwd|aw|wg|rv|tr|sv)$/i;

/**
 * A span made only of words of forms, mail headers and clinical notes ("Cc", "Attending", "HTN, DM2 and CAD": the
 * abbreviations only in a text that reads as a clinical note), or of a salutation's forms of address no name list
 * knows ("Sir or Madam"), joined by function words and punctuation; or a subject line's "Re" before its colon. A name
 * among them ("Darling", "Tia Smith") keeps the span.
 */
function isRecordSpan(text: string, end: number, span: string, clinical: () => boolean): boolean {
  if (SUBJECT_PREFIX.test(span) && text[end] === ':') return true;
  const words = span.split(/[\s,;/&()+.:-]+/).filter(Boolean);
  if (words.length === 0) return false;
  let record = false;
  for (const word of words) {
    if (isRecordWord(word) || (isClinicalAbbreviation(word) && clinical())) record = true;
    else if (isSalutation(word.toLowerCase()) && !isFirstName(word) && !isSurname(word)) record = true;
    else if (!isFunctionWord(word) || word !== word.toLowerCase()) return false;
  }
  return record;
}

/** Blanks, commas, semicolons and colons: what a model's span may carry at its end after the name. */
const TRAILING = /[\s,;:]/;
const LETTER = /[\p{L}\p{M}'’]/u;

/**
 * A model's span with the lower-case function words, blanks and list punctuation at its end taken off ("Algorithms
 * [for]", "United States [and]", "San Diego[,]"): no name ends in one, and a span kept whole would take the word
 * with it wherever the name recurs, and the comma out of the redacted text. A span that is nothing else is left as
 * it is (other rules read it).
 */
function withoutTrailingFunctionWords(text: string, finding: Finding): Finding {
  let end = finding.end;
  for (;;) {
    while (end > finding.start && TRAILING.test(text[end - 1]!)) end--;
    let start = end;
    while (start > finding.start && LETTER.test(text[start - 1]!)) start--;
    const word = text.slice(start, end);
    if (start === finding.start || !TRAILING.test(text[start - 1]!) || word !== word.toLowerCase() || !isFunctionWord(word)) break;
    end = start;
  }
  return end === finding.end || end === finding.start ? finding : { ...finding, end };
}

function filterFindings(text: string, findings: readonly Finding[]): Finding[] {
  let cased: boolean | undefined;
  let code: [number, number][] | undefined;
  let lowerWords: Set<string> | undefined;
  // Whether the text reads as a clinical note: asked only at a clinical abbreviation, and then read once per text.
  let clinicalNote: boolean | undefined;
  const clinical = (): boolean => (clinicalNote ??= isClinicalText(text));
  return findings.flatMap((found) => {
    // Capitalised spans only: a lower-case run's function words are what other rules read it by ("hery we").
    const finding = FILTERED.has(found.label) && HAS_UPPER.test(text.slice(found.start, found.end)) ? withoutTrailingFunctionWords(text, found) : found;
    return keep(finding) ? [finding] : [];
  });

  function keep(finding: Finding): boolean {
    if (!FILTERED.has(finding.label)) return true;
    const span = text.slice(finding.start, finding.end);
    if (isStrayLetter(text, finding.start, span)) return false;
    if (!HAS_WORD_CHAR.test(span) || onlyFunctionWords(span) || isPronounNotName(span)) return false;
    if (isLowerCaseCommonWord(span)) return false;
    // An organisation is often written as an everyday word in lower case ("twitter", "target", "apple").
    if (finding.label !== 'ORGANIZATION' && isLowerCaseEverydayWord(span)) return false;
    if (isRecordSpan(text, finding.end, span, clinical) || isRecordWord(hyphenatedWordAt(text, finding.start, finding.end)) || isTitleBeforeName(text, finding.end, span)) return false;
    if (finding.label === 'PERSON' && !isTag(text, finding.start) && isOrdinaryPersonSpan(text, finding.start, span)) return false;
    if (!isTag(text, finding.start) && isIdentifier(text, finding.start, finding.end)) return false;
    code ??= codeRegions(text);
    if (code.length > 0 && inCode(code, finding.start) && isCodeToken(text, finding.start, finding.end)) return false;
    cased ??= isCasedText(text, code);
    // Technical terms where the text is written with care or holds code, as answers and developers' mail are; a
    // post may make a brand of one.
    if ((cased || code.length > 0) && onlyTechnicalTerms(span)) return false;
    if (!cased) return true;
    if (SINGLE_CAPITALISED_WORD.test(span)) {
      if (isEverydayOpener(text, finding, span)) return false;
      lowerWords ??= lowerCaseWords(text);
      return !lowerWords.has(span.toLowerCase()) || isFirstName(span) || isSurname(span);
    }
    return HAS_UPPER_OR_DIGIT.test(span) || (continuesCapitalisedName(text, finding.start) && !onlyEverydayWords(span));
  }
}
