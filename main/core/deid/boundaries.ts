import { isCommonWord, isFirstName, isNonNounWord, isSurname } from './recognizers/name-gazetteer.js';
import { BOUNDARY_VOCABULARIES, boundaryWords, boundaryWordSet, companyWords, wordAlternation } from './boundary-vocabulary.js';
import { isFunctionWord } from './function-words.js';
import { isFrequentWord } from './word-shapes.js';
import { DATE_VOCABULARIES } from './recognizers/date-vocabulary.js';
import { ORGANIZATION_PREFIXES } from './recognizers/organization-cues.js';
import { ORGANIZATION_VOCABULARIES } from './recognizers/organization-vocabulary.js';
import { isBlankCode, isCapitalCode, isDigitCode, isLetterCode } from './recognizers/word-scan.js';
import { execAll } from './recognizers/exec-all.js';
import { extendAddressTail } from './recognizers/address.js';
import { isPlace } from './recognizers/location-gazetteer.js';
import { personWords } from './recognizers/person-vocabulary.js';
import { ADDRESS_VOCABULARIES, CA_AU_REGION_CODES, US_STATE_CODES } from './recognizers/address-vocabulary.js';
import { combineFindings } from './spans.js';
import type { Finding } from './types.js';

/**
 * Span boundary rules, run on the combined findings: a detector that finds the core of an identifier often stops
 * short of its edges, and an edge left in the clear still identifies ("Calle Mayor 5, [3º B]", "[A.] Parente").
 * - ADDRESS takes in the house number written before it ("[5850] Jana Nerudy 894"), and after it the flat, floor
 *   or door ("3º B", "1º izda", "Bajo A", "s/n", "Km 9,100", "#543"), a region code and a postal code on the same
 *   or the next line ("Toronto[, ON 82269]").
 * - PERSON takes in adjacent initials ("[A.] Parente Hernández", "Jildau [S] Bouts"), adjacent capitalised
 *   words the name gazetteer knows as names ("Julieta S [Almeida]"), and a capitalised word before it in
 *   mid-sentence that is not a common word ("this is [Bartholomew] Fennick").
 * - A name inside an institution's name takes in the rest of it ("[Institut de Medicina Legal de] Catalunya").
 * - An ORGANIZATION takes in up to two capitalised words after it on its line ("Alcon [Cusí]").
 * - A bare year takes in "año"/"year" before it ("[año] 2009"); a written date takes in the first month of a
 *   range before it ("[febrero y] abril de 2002"), month names coming from the date vocabularies.
 * - Two name findings joined by a hyphen, an apostrophe, a particle or an abbreviation's period are one name
 *   ("Castellano-Leonés", "Complexo Hospitalario [de] Ourense", "Hospital Militar Dr[.] Carlos Arvelo").
 * - Address rules apply wherever the address recognizer took part, whatever label won the span.
 * - An ADDRESS and the places after it, across separators, numbers and short codes, become one ADDRESS
 *   ("27534 Þorsteinsgata 63\nMOSS\n, 51971"); an ADDRESS ending its line takes in the short lines of a letter's
 *   address block below it when they close with a postcode ("b 41\n[ rovaniemi\n bulgaria 32910]").
 * - A name finding with a house number before it, or after it where the address line goes on, is a street a name
 *   detector read as a name ("[1554] Mohr Lake", "Labinska [329], Zagreb"): it becomes an ADDRESS with its tail.
 * - Two organisations joined by ", " where the first is one word are one firm ("White, Willis and Hoffman"), and
 *   an abbreviated company form takes in its period ("Miller Ltd[.]"); partners' names joined by commas and a joiner,
 *   the last an organisation, are one firm ("Kilback[, ]Kozey and McCullough").
 * - PERSON takes in "M.ª", "Mª" and "M.a" (María) before it like an initial.
 * - In a signature block, the line between a name and its job title and an address is the employer, an
 *   ORGANIZATION ("Cormac Allan\nEchocardiographer\n[Placeilivecom]\n338 17 St Omers Road").
 * - ADDRESS takes in "the corner of" / "la esquina de" before it and the second street after it ("[and Elm St]"), and
 *   a line of a house number and words right above it ("[636 1812 Rue De La Gare]\n Apt. 271"); at a clause's start,
 *   a first street joined without the lead ("[Maarit and] Hersnapvej 75"); after a preposition of place, capitalised
 *   words and initials before it ("on [C.] Beerninckstraat 88"), and after a label's colon capitalised words before a
 *   street that starts with one ("envío: [Østre] Fiolsvingen 2").
 * - A PERSON or ORGANIZATION with a company form after it is an ORGANIZATION and takes the form in ("Skokan [a.s.]");
 *   an organisation takes in partners joined by the company joiners of several languages ("Cottier [et Roulin]").
 * - LOCATION takes in the rest of a place's name after a particle ("Saraiva [de Nossa Senhora]").
 * - An ADDRESS found from its flat or postcode takes in the street and house number before it across commas, at a
 *   clause's start ("office: [Fruškogorska 3, ]Stan 52, 63894 Čabar").
 *   It takes in flat and block words of every language with their number ("Aleea Valului[, Bloc 44 Ap. 781]"), a
 *   letters-and-digits postcode between its town and country, and the bracket it opened ("Konya (Litvanya[)]").
 * - A one-word name takes in the capitalised word after it that no list knows as an ordinary word, in any script
 *   ("Cettina [Fanucci]"); a name takes in its generation or degree ("Santos [Jr.]", "Will [DDS]"), particles and the
 *   surname after them ("Kyra[ van der Horst]"), and a title a model read as a name before its period ("Mrs[. ]Amira").
 * - A name's finding takes in the rest of the hyphenated word it stands in ("[Dertmann-]Krol", "[Pays-]Bas").
 * - Partners joined by commas and a joiner are one firm when any is an organisation, or when there are three or more
 *   single surnames ("Zboncak, Weimann and Lebsack"), whatever the model read them as.
 * Extended spans that now overlap are combined again, so the output stays sorted and non-overlapping.
 */
const UPPER = 'A-ZÀ-ÖØ-Þ\\u0100-\\u017f';
const LOWER = 'a-zß-öø-ÿ\\u0100-\\u017f';

const DOOR_SIDES = boundaryWords((v) => v.doorSides);
const FLOOR_WORDS = boundaryWords((v) => v.floorWords);

/** A floor written as an ordinal: "3º", "3.º", "2ª", "1o", "3.o". */
const ORDINAL = `\\d{1,2}(?:[ \\t]*\\.?[ \\t]*[ºª°]|\\.?o(?![${LOWER}]))`;
/** A house number after a street name and a comma, when what follows is a floor, a separator or a capital. */
const NUMBER_AFTER_STREET = new RegExp(`[ \\t]*,[ \\t]*\\d{1,4}[A-Za-z]?(?![\\d${LOWER}])(?=[ \\t]*(?:[,.;\\n]|$|${ORDINAL}|[${UPPER}]))`, 'y');
/** A house number and one or two street words before an address's number: "462 Stubengraben ", "5850 Jana Nerudy ". */
const STREET_BEFORE_NUMBER = /(?:^|[\s,>:])(\d{1,6}[ \t]+\p{Lu}[\p{L}'’.-]*(?:[ \t]+\p{Lu}[\p{L}'’.-]*)?)[ \t]+$/u;
/** A house number right before the address: "5850 ", "903 83 ". */
const NUMBER_BEFORE = /(?:^|[\s,>:(])(\d{1,6}[A-Za-z]?)[ \t]+$/;
/** "Km 9,100", "esc. 2", "puerta 14", "Apto. 116", "interior 35", "Nº 10", "No. 654", "#543". */
const UNIT_WORD = `[ \\t]*(?:[,.\\-][ \\t]*)?(?:km|Km|KM|esc|Esc|escalera|Escalera|puerta|Puerta|pta|Pta|piso|Piso|planta|Planta|portal|Portal|bloque|Bloque|blq|Blq|apto|Apto|apt|Apt|interior|Interior|int|Int|N[º°o]|No|Nr|nº|#)\\.?[ \\t]*\\d{1,5}(?:[.,]\\d{1,3})?[A-Za-z]?(?![\\d${LOWER}])`;
/** Flat, floor and door tails after an address's number, Spanish and English forms. */
const UNIT_TAIL = new RegExp(
  [
    // "3º B", "2ºb", "3.º C", "3.o B", "1o A", "5ºA izq", "7o dcha", "1º izda", "- P1 2B"
    `[ \\t]*(?:[,.\\-][ \\t]*)?(?:P[ \\t]?\\d{1,2}[ \\t]+)?${ORDINAL}(?:[ \\t]*[A-Za-z](?![${LOWER}]))?(?:[ \\t]*(?:${DOOR_SIDES})\\.?)?`,
    // ".º C", "ºb", ".o B": the ordinal sign of a floor whose number ends the address
    `(?:\\.?[ \\t]*[ºª°]|\\.?o(?![${LOWER}]))(?:[ \\t]*[A-Za-z](?![${LOWER}]))?(?:[ \\t]*(?:${DOOR_SIDES})\\.?)?`,
    // "Bajo A", "Entlo. 2", "Ático"
    `[ \\t]*(?:[,.\\-][ \\t]*)?(?:${FLOOR_WORDS})\\.?(?:[ \\t]*[A-Z0-9](?![${LOWER}]))?`,
    // "s/n"
    `[ \\t]*,?[ \\t]*s\\/n(?![${LOWER}])`,
    UNIT_WORD,
    // ". 13 A", "-1A"
    `[ \\t]*[,.\\-][ \\t]*\\d{1,3}[ \\t]?[A-Z](?![\\d${UPPER}${LOWER}])`,
  ].join('|'),
  'y',
);
/** After an address that does not end in a number, only a unit word and its number: ", Km 9,100", " puerta 14". */
const UNIT_WORD_TAIL = new RegExp(UNIT_WORD, 'y');
/** A comma and a line break, in either order, or either alone, or a blank: between the parts of a postal line. */
const POSTAL_SEPARATOR = '(?:[ \\t]*,?[ \\t]*\\n?[ \\t]*,?[ \\t]*)';
/** ", ON 82269", ",\n 82269", " 28035", ", CO\n 70079", "-170": a region code and a postal code after an address. */
const POSTAL_TAIL = new RegExp(
  `(?:${POSTAL_SEPARATOR}(?:[A-Z]{2,3})(?=[ \\t]*(?:\\n|,|$|\\d{4,6}(?!\\d)))|${POSTAL_SEPARATOR}\\d{4,6}(?:-\\d{3,4})?(?![\\d${UPPER}${LOWER}])|-\\d{3,4}(?!\\d))`,
  'y',
);
const ADDRESS_ENDS_IN_NUMBER = /\d[A-Za-z]?[ºª°]?$/;
/**
 * A postcode of letters and digits after a town, with a province code before a Canadian one: "Ziemewell[ BR4 8XC]"
 * (UK), "Treutelbury,[ ON J2S 2J8]" (Canada), "Chelseystead[ H08 S8S1]" (Ireland). Their mix of letters and digits
 * is rare enough in prose to be taken without a list of areas.
 */
const ALPHANUMERIC_POSTCODE_TAIL = new RegExp(
  `${POSTAL_SEPARATOR}(?:(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT)[ \\t]+)?(?:[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]\\d[A-Z]{2}|[A-Z]\\d[A-Z][ \\t]?\\d[A-Z]\\d|[A-Z]\\d[\\dW][ \\t][A-Z\\d]{4})(?![\\p{L}\\d])`,
  'uy',
);
/** A region or country in brackets after a town: "Gulbene[ (Burundija)]", "Illnau-Effretikon[ (Corée du Sud)]". */
const BRACKETED_PLACE_TAIL = /[ \t]*\(\p{Lu}[\p{L}'’.-]*(?:[ \t]+[\p{L}'’.-]+){0,4}\)/uy;
/** "the corner of" before a street: it says where, like the street itself ("[the corner of] Dalbraut 99 and ..."). */
const ADDRESS_LEAD_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${boundaryWords((v) => v.addressLeads)})[ \\t]+$`, 'iu');
const ADDRESS_LEAD_FIRST = new RegExp(`^(?:${boundaryWords((v) => v.addressLeads)})[ \\t]`, 'iu');
/**
 * The second street of a corner: the word for street closing the first one ("Oak 5[ St.]"), a joiner, then an optional
 * number and abbreviated type ("ul."), and up to five capitalised words or numbers on the line ("[and Waechter
 * Turnpike]", "[y Calle Mayor]").
 */
const CORNER_SECOND_STREET = new RegExp(
  `(?:[ \\t]+(?:${boundaryWords((v) => v.streetWords)})\\.?)?[ \\t]+(?:${boundaryWords((v) => v.cornerJoiners)})[ \\t]+(?:\\d{1,5}[ \\t]+)?(?:\\p{Ll}{1,4}\\.[ \\t]*)?\\p{Lu}[\\p{L}'’-]*(?:[ \\t]+(?:\\p{Lu}[\\p{L}'’-]*\\.?|\\d{1,5}(?![\\p{L}\\d]))){0,4}`,
  'uy',
);
/**
 * A corner written without its lead, its first street a bare name, at a clause's start (a line's start, a colon, a
 * question, a preposition of place): "to the same: [Maarit and] Hersnapvej 75", "return to [Leon and] Eyrarodda 66".
 */
const CORNER_FIRST_STREET = new RegExp(
  `(?:^|\\n|[:?]|[^\\p{L}](?:${boundaryWords((v) => v.placePrepositions)}))[ \\t>]*(\\p{Lu}[\\p{L}'’-]*(?:[ \\t]+\\p{Lu}[\\p{L}'’-]*){0,2}[ \\t]+(?:${boundaryWords((v) => v.cornerJoiners)})[ \\t]+)$`,
  'u',
);
/** Capitalised words or initials right after a preposition of place: "on [Peter ]", "on [C. ]". */
const STREET_NAME_BEFORE = new RegExp(
  `(?:^|[^\\p{L}])(?:${boundaryWords((v) => v.placePrepositions)})[ \\t]+((?:\\p{Lu}(?:[\\p{Ll}'’-]+|\\.)[ \\t]+){1,2})$`,
  'u',
);
/** The same after a label's colon, before a street whose name starts with a capital: "envío: [Østre ]Fiolsvingen 2". */
const STREET_NAME_AFTER_COLON = /:[ \t]+((?:\p{Lu}[\p{Ll}'’-]+[ \t]+){1,2})$/u;
/**
 * A line that is, or ends after a colon or a preposition of place in, a house number or two and words, right above
 * an address line found alone: "arrived at [636 1812 Rue De La Gare]\n Apt. 271".
 */
const STREET_LINE_BEFORE = new RegExp(
  `(?:^|\\n|:|[^\\p{L}](?:${boundaryWords((v) => v.placePrepositions)})[ \\t])[ \\t>]*(\\d{1,6}(?:[ \\t]+\\d{1,6})?[ \\t]+\\p{L}[\\p{L}'’.-]*(?:[ \\t]+[\\p{L}\\d'’.-]+){0,5})[ \\t]*\\n[ \\t>]*$`,
  'u',
);
const MAX_TAILS = 4;

/** An initial ("S", "S.") or a capitalised word, right after `at` past one blank run. */
const NAME_PART_AFTER = new RegExp(`[ \\t]+([${UPPER}]\\.?(?![${UPPER}${LOWER}])|[${UPPER}][${LOWER}]+(?:-[${UPPER}][${LOWER}]+)?)(?![${UPPER}${LOWER}\\d])`, 'y');
const NAME_PART = new RegExp(`^(?:[${UPPER}](?:\\.?ª|\\.a|\\.)?|[${UPPER}][${LOWER}]+(?:-[${UPPER}][${LOWER}]+)?)$`);
/** Letters, "-", "." and "ª" (of "M.ª", "Mª": María abbreviated). */
const isNameChar = (code: number): boolean => isLetterCode(code) || code === 45 || code === 46 || code === 0xaa;

/** Where the initial or known name word right before `at` (past blanks) starts; -1 if there is none. */
function namePartBefore(text: string, at: number): number {
  let end = at;
  while (end > 0 && isBlankCode(text.charCodeAt(end - 1))) end--;
  if (end === at || end === 0) return -1;
  let start = end;
  while (start > 0 && isNameChar(text.charCodeAt(start - 1))) start--;
  if (start > 0 && isDigitCode(text.charCodeAt(start - 1))) return -1;
  const word = text.slice(start, end);
  if (!NAME_PART.test(word)) return -1;
  if (isInitial(word) || isKnownName(word)) return start;
  // A capitalised word in mid-sentence right before a name is its first part even when no list knows it
  // ("this is [Bartholomew] Fennick"): the writer capitalised it for that reason.
  return midSentence(text, start) && !isCommonWord(word) && !isFunctionWord(word) ? start : -1;
}

/** Whether the word at `at` follows a lower-case word or a comma on its line (so its capital is not a sentence's). */
function midSentence(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && isBlankCode(text.charCodeAt(i - 1))) i--;
  if (i === at || i === 0) return false;
  const before = text[i - 1]!;
  return before === ',' || /\p{Ll}/u.test(before);
}

const isQuoteOrBlankCode = (code: number): boolean => code === 32 || code === 9 || code === 62;
const NEWLINE = 10;
const COMMA = 44;

/**
 * The code of the last char before `at` that `skipped` does not accept (NaN at the text's start): the cheap test
 * that spares a pattern anchored at the end of the text before an address (`[ \t]*,[ \t]*$`, `\n[ \t>]*$`) its
 * scan of that text, which V8 tries from every char of it. Over the bench corpus these scans were about 1 % of
 * the patterns' time.
 */
function lastBefore(text: string, at: number, skipped: (code: number) => boolean): number {
  return text.charCodeAt(skipBack(text, at, skipped));
}

/** The index of the last char before `at` that `skipped` does not accept; -1 when every char before it is skipped. */
function skipBack(text: string, at: number, skipped: (code: number) => boolean): number {
  let i = at - 1;
  while (i >= 0 && skipped(text.charCodeAt(i))) i--;
  return i;
}

/** The last word of each corner joiner ("and", "y"): `CORNER_FIRST_STREET` ends on one and blanks. */
const CORNER_JOINER_ENDS: ReadonlySet<string> = new Set(Object.values(BOUNDARY_VOCABULARIES).flatMap((v) => v.cornerJoiners).map((joiner) => joiner.split(' ').at(-1)!));

/** Whether the text before `at` ends on a corner joiner's last word and blanks: else `CORNER_FIRST_STREET` cannot match it. */
function cornerJoinerBefore(text: string, at: number): boolean {
  const end = skipBack(text, at, isBlankCode) + 1;
  if (end === at) return false;
  const start = skipBack(text, end, (code) => !isBlankCode(code)) + 1;
  return CORNER_JOINER_ENDS.has(text.slice(start, end));
}

/** Whether `NUMBER_BEFORE` (or `HOUSE_NUMBER_BEFORE`) can match the text before `at`: blanks, after a digit or a digit and a letter. */
function numberMayPrecede(text: string, at: number): boolean {
  if (!isBlankCode(text.charCodeAt(at - 1))) return false;
  const i = skipBack(text, at, isBlankCode);
  const code = text.charCodeAt(i);
  return isDigitCode(code) || (((code | 32) >= 97 && (code | 32) <= 122) && isDigitCode(text.charCodeAt(i - 1)));
}
const isKnownName = (word: string): boolean => (isFirstName(word) || isSurname(word)) && !isCommonWord(word);
/** "A", "A.", and the abbreviated "María" of Spanish names: "M.ª", "Mª", "M.a". */
const isInitial = (word: string): boolean => /^\p{Lu}(?:\.?ª|\.a|\.)?$/u.test(word);

/** Where `group`, followed only by blanks, starts in `match`. */
const groupStart = (match: string, group: string): number => match.replace(/[ \t]+$/, '').length - group.length;

function extendAddress(text: string, finding: Finding): Finding {
  let { start, end } = finding;
  // "[462 Stubengraben] 80 Apt. 608": an address found from its number and unit, after a number and a name.
  if (isDigitCode(text.charCodeAt(start))) {
    const street = STREET_BEFORE_NUMBER.exec(text.slice(Math.max(0, start - 48), start));
    if (street) start -= street[0].length - groupStart(street[0], street[1]!);
  }
  for (let n = 0; n < 2; n++) {
    const before = numberMayPrecede(text, start) ? NUMBER_BEFORE.exec(text.slice(Math.max(0, start - 16), start)) : null;
    if (!before) break;
    start -= before[0].length - groupStart(before[0], before[1]!);
  }
  // These three patterns end on a blank: without one right before the address, none is tried.
  const blank = isBlankCode(text.charCodeAt(start - 1));
  const lead = blank ? ADDRESS_LEAD_BEFORE.exec(text.slice(Math.max(0, start - 24), start)) : null;
  if (lead) start -= lead[0].length - lead[0].indexOf(lead[1]!);
  const firstStreet = lead || !cornerJoinerBefore(text, start) ? null : CORNER_FIRST_STREET.exec(text.slice(Math.max(0, start - 60), start));
  if (firstStreet) start -= firstStreet[1]!.length;
  // "on [Peter] Zuidhove 188", "on [C.] Beerninckstraat 88": capitalised words between a preposition of place and
  // a street found from its type or number are the first words of its name.
  const nameBefore =
    lead || firstStreet
      ? null
      : ((blank ? STREET_NAME_BEFORE.exec(text.slice(Math.max(0, start - 40), start)) : null) ??
        (/^\p{Lu}\p{Ll}/u.test(text.slice(start, start + 2)) ? STREET_NAME_AFTER_COLON.exec(text.slice(Math.max(0, start - 40), start)) : null));
  if (nameBefore && !nameBefore[1]!.split(/[ \t]+/).some((word) => isFunctionWord(word.replace(/\.$/, '')) || MONTH_FIRST.test(word))) {
    start -= nameBefore[1]!.length;
  }
  start = streetBeforeComma(text, start);
  // "636 1812 Rue De La Gare\n Apt. 271": the street line above a flat line found alone.
  const streetLine = lastBefore(text, start, isQuoteOrBlankCode) === NEWLINE ? STREET_LINE_BEFORE.exec(text.slice(Math.max(0, start - 80), start)) : null;
  if (streetLine) start -= streetLine[0].length - streetLine[0].indexOf(streetLine[1]!);
  if (ADDRESS_LEAD_FIRST.test(text.slice(start, start + 24))) {
    CORNER_SECOND_STREET.lastIndex = end;
    if (CORNER_SECOND_STREET.test(text)) end = CORNER_SECOND_STREET.lastIndex;
  }
  for (let n = 0; n < MAX_TAILS; n++) {
    const tails = ADDRESS_ENDS_IN_NUMBER.test(text.slice(Math.max(0, end - 3), end)) ? [UNIT_TAIL] : [UNIT_WORD_TAIL, NO_NUMBER, NUMBER_AFTER_STREET];
    let next = -1;
    for (const tail of tails) {
      tail.lastIndex = end;
      if (tail.test(text)) {
        next = tail.lastIndex;
        break;
      }
    }
    if (next < 0) {
      POSTAL_TAIL.lastIndex = end;
      if (POSTAL_TAIL.test(text)) next = POSTAL_TAIL.lastIndex;
    }
    for (const tail of [ALPHANUMERIC_POSTCODE_TAIL, BRACKETED_PLACE_TAIL, FLAT_TAIL]) {
      if (next >= 0) break;
      tail.lastIndex = end;
      if (tail.test(text)) next = tail.lastIndex;
    }
    // A street read from a name finding has not been through the address recognizer: its tail (flat words of
    // every language, a town, a region, a country) is taken here.
    if (next < 0 && finding.source.includes(STREET_SOURCE)) next = extendAddressTail(text, end);
    if (next <= end) break;
    end = next;
  }
  // A bracket the address opened closes right after it: "Konya (Litvanya[)]".
  if (/^[ \t]*\)/.test(text.slice(end, end + 3)) && countOf(text, '(', start, end) > countOf(text, ')', start, end)) end = text.indexOf(')', end) + 1;
  return start === finding.start && end === finding.end ? finding : { ...finding, start, end };
}

/** How often `char` occurs in `text` between `from` and `to`. */
function countOf(text: string, char: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf(char, from); i >= 0 && i < to; i = text.indexOf(char, i + 1)) count++;
  return count;
}

/** A capitalised word of any script right after a name, on its line, not before a number: "Cettina [Fanucci]", "Άγγελος [Κούνδουρος]". */
const SURNAME_AFTER = /[ \t]+(\p{Lu}\p{Ll}[\p{L}'’-]*)(?![\p{L}\d.'’-])(?![ \t]*\d)/uy;
const WEEKDAYS: ReadonlySet<string> = new Set(Object.values(DATE_VOCABULARIES).flatMap((v) => v.weekdays.map((day) => day.toLowerCase())));
const STREET_TYPES_AFTER: ReadonlySet<string> = new Set(Object.values(ADDRESS_VOCABULARIES).flatMap((v) => [...v.streetTypesAfter, ...(v.numberedStreetTypes ?? [])]));

/**
 * The surname after a one-word name that is no known surname itself: a capitalised word no list knows as a name is
 * still the surname when it is no ordinary word, no English word but a noun ("Anna Could"), no function, month or
 * weekday word, street type or institution's head ("says Cettina [Fanucci] in", "Παύλος [Δαμασκηνός]").
 */
function surnameAfter(text: string, start: number, end: number, to: number): number {
  // One capitalised word, not a username ("@borkware Somehow"), nor a surname already ("Smith [Cardiology]").
  const name = text.slice(start, end);
  if (!/^\p{Lu}\p{Ll}[\p{L}'’-]*$/u.test(name) || (isSurname(name) && !isFirstName(name))) return end;
  SURNAME_AFTER.lastIndex = end;
  const after = SURNAME_AFTER.exec(text);
  if (!after) return end;
  const word = after[1]!;
  const lower = word.toLowerCase();
  if (
    isCommonWord(word) || isNonNounWord(word) || isFunctionWord(lower) || MONTH_FIRST.test(word) || WEEKDAYS.has(lower) ||
    STREET_TYPES_AFTER.has(word) || INSTITUTION_HEADS.has(word)
  ) {
    return end;
  }
  // A word another finding already covers stays that finding's.
  return SURNAME_AFTER.lastIndex <= to ? SURNAME_AFTER.lastIndex : end;
}

/** A generation or degree after a name: "[ Jr.]", "[ PhD]". */
const NAME_SUFFIX_AFTER = new RegExp(`[ \\t]+(?:${boundaryWords((v) => v.nameSuffixes ?? [])})(?:\\.(?![\\p{L}\\d])|(?![\\p{L}\\d.]))`, 'uy');

/** A suffix that ends a name's finding without its period: "Ritsma Jr[.]". */
const NAME_SUFFIX_LAST = new RegExp(`[ \\t](?:${boundaryWords((v) => v.nameSuffixes ?? [])})$`, 'u');
/** Particles of a surname, not "of" ("Bishop of London"). */
const SURNAME_PARTICLES = boundaryWords((v) => v.nameParticles.filter((particle) => particle !== 'of'));
/** Particles and the capitalised surname after them: "Kyra[ van der Horst]", "Ana[ de la Fuente]". */
const PARTICLE_SURNAME_AFTER = new RegExp(`(?:[ \\t]+(?:${SURNAME_PARTICLES})){1,3}[ \\t]+\\p{Lu}\\p{Ll}[\\p{L}'’-]*(?![\\p{L}\\d])`, 'uy');
/** A finding that stops after the particles: "[Kyra van der] Horst". */
const ENDS_IN_PARTICLE = new RegExp(`[ \\t](?:${SURNAME_PARTICLES})$`, 'u');
const CAPITALISED_AFTER = /[ \t]+\p{Lu}\p{Ll}[\p{L}'’-]*(?![\p{L}\d])/uy;

/** Where a name ends with the particles and surname after it, or the surname after the particles it ends in. */
function particleSurnameAfter(text: string, start: number, end: number, to: number): number {
  const endsInParticle = ENDS_IN_PARTICLE.test(text.slice(Math.max(start, end - 8), end));
  // After a name a list knows ("Ana [de la Fuente]"), not after a unit a recognizer ran on into ("Servicio [de Nefrología]").
  const lastWord = /[\p{L}'’-]+$/u.exec(text.slice(start, end))?.[0] ?? '';
  if (!endsInParticle && !isKnownName(lastWord)) return end;
  const regex = endsInParticle ? CAPITALISED_AFTER : PARTICLE_SURNAME_AFTER;
  regex.lastIndex = end;
  if (!regex.test(text) || regex.lastIndex > to) return end;
  // Not the unit of an institution nor a function word: "Jefe [del Servicio]".
  const surname = /\p{L}[\p{L}'’-]*$/u.exec(text.slice(end, regex.lastIndex))?.[0] ?? '';
  if (INSTITUTION_HEADS.has(surname) || isFunctionWord(surname.toLowerCase())) return end;
  return regex.lastIndex;
}

function extendPerson(text: string, finding: Finding, to = text.length): Finding {
  // A suffix's period, or the surname after particles, may follow a name ending in a letter.
  if (text[finding.end] === '.' && NAME_SUFFIX_LAST.test(text.slice(Math.max(finding.start, finding.end - 6), finding.end))) {
    return { ...finding, end: finding.end + 1 };
  }
  // Most names stand between punctuation or lower-case words: nothing to look up.
  if (!isBlankCode(text.charCodeAt(finding.end)) && !isBlankCode(text.charCodeAt(finding.start - 1))) return finding;
  let { start, end } = finding;
  NAME_SUFFIX_AFTER.lastIndex = end;
  if (NAME_SUFFIX_AFTER.test(text)) end = NAME_SUFFIX_AFTER.lastIndex;
  end = particleSurnameAfter(text, start, end, to);
  for (let n = 0; n < 2; n++) {
    NAME_PART_AFTER.lastIndex = end;
    const after = NAME_PART_AFTER.exec(text);
    if (!after || !(isInitial(after[1]!) || isKnownName(after[1]!))) break;
    end = NAME_PART_AFTER.lastIndex;
  }
  if (end === finding.end) end = surnameAfter(text, start, end, to);
  for (let n = 0; n < 2; n++) {
    const wordStart = namePartBefore(text, start);
    if (wordStart < 0) break;
    start = wordStart;
  }
  if (start === finding.start) start = lowerCaseFirstNameBefore(text, start, end);
  return start === finding.start && end === finding.end ? finding : { ...finding, start, end };
}

/** A lower-case word right before `at` on its line, after one blank: "player [tellervo] nieminen". */
const LOWER_CASE_WORD_BEFORE = /(?:^|[^\p{L}\p{N}@#_'’-])(\p{Ll}{3,}) $/u;

/**
 * Where a name written in lower case starts with the first name before it: "tennis player [tellervo ]nieminen". The
 * word must be a first name of the lists that is no ordinary, frequent or function word, and the whole name in lower
 * case; a capitalised name's lower-case neighbour is a word of the sentence ("pol panel Alannah MacTiernan").
 */
function lowerCaseFirstNameBefore(text: string, start: number, end: number): number {
  // Cheap tests first: a blank before, a small letter first; most names fail the second.
  if (text.charCodeAt(start - 1) !== 32 || !isLetterCode(text.charCodeAt(start)) || isCapitalCode(text.charCodeAt(start))) return start;
  const name = text.slice(start, end);
  if (name !== name.toLowerCase() || name === name.toUpperCase()) return start;
  const before = LOWER_CASE_WORD_BEFORE.exec(text.slice(Math.max(0, start - 24), start));
  const word = before?.[1];
  if (!word || !isFirstName(word) || isCommonWord(word) || isFunctionWord(word) || isFrequentWord(word)) return start;
  return start - word.length - 1;
}

/**
 * What may stand between two parts of one written address: separators, line breaks, numbers, brackets, short
 * upper-case codes and flat or floor words with their number ("\n", ", ", ",\n 51034", " (", ", ON\n ", ", m. 893, ").
 */
const variants = (words: readonly string[]): string[] => words.flatMap((w) => [w, w.toLowerCase(), w[0]!.toUpperCase() + w.slice(1)]);
/** Address words as written: "PO Box" keeps its one space. */
const escapeWords = (words: readonly string[]): string => wordAlternation(words, false);
/** Flat, floor and block words of every language with their number: "m. 297", "Zimmer 403", "Bloc 76", "4. th". */
const GAP_UNIT_WORDS = escapeWords(
  variants([...Object.values(ADDRESS_VOCABULARIES).flatMap((v) => v.unitWords), ...Object.values(BOUNDARY_VOCABULARIES).flatMap((v) => v.unitWordsBetween)]),
);
/** A postcode of letters and digits between a town and its country: "Wehnerridge[ ZE5 0KY ](Latvia)". */
const GAP_POSTCODE = '[A-Z]{1,2}\\d[A-Z\\d]?[ \\t]\\d[A-Z\\d]{2}(?![\\p{L}\\d])';
const GAP_UNIT_WORDS_AFTER = escapeWords(variants(Object.values(ADDRESS_VOCABULARIES).flatMap((v) => v.unitWordsAfter ?? [])));
const ADDRESS_GAP = new RegExp(
  `^(?:[\\s,.;\\-–()/#]|${GAP_POSTCODE}|(?:${GAP_UNIT_WORDS})\\.?[ \\t]*\\d{1,5}[A-Za-z]?(?![\\p{L}\\d])|\\d{1,3}\\.?[ \\t]*(?:${GAP_UNIT_WORDS_AFTER})\\.?(?![\\p{L}])|\\d{1,6}(?![\\p{L}])|\\p{Lu}{1,3}(?![\\p{L}]))*$`,
  'u',
);
const MAX_ADDRESS_GAP = 24;
/**
 * A flat, block or floor word of any language and its number after a street: "Aleea Valului[, Bloc 44][ Ap. 781]",
 * "rynek Komorowski 394[ m. 621]", "Soška ulica 714 stanovanje[ št. 635]".
 */
const FLAT_TAIL = new RegExp(`[ \\t]*,?[ \\t]*(?:${GAP_UNIT_WORDS})\\.?[ \\t]*\\d{1,5}[A-Za-z]?(?![\\p{L}\\d])`, 'uy');

/** A flat or floor piece between a street and the rest of its address: "Oppgang A", "Bloc 78", "4ος", "1 OG". */
const UNIT_PIECE = `(?:(?:${GAP_UNIT_WORDS})\\.?[ \\t]*[A-Z\\d]{1,4}|\\d{1,2}\\.?[ \\t]*(?:${GAP_UNIT_WORDS_AFTER}|\\p{Ll}{1,3})\\.?)(?![\\p{L}\\d])`;
/**
 * A street, with its house number, or with its type first, and the flat pieces after it, each closed by a comma, at a
 * clause's start (a line's start, a colon, a preposition of place) right before an address found from its flat or
 * postcode: "office: [Fruškogorska 3, ]Stan 52, 63894 Čabar", "for Andrea: [Theas Gate 7, Oppgang A, ]9505 Nordgrunn".
 */
const STREET_BEFORE_COMMA = new RegExp(
  `(?:^|\\n|:|[^\\p{L}](?:${boundaryWords((v) => v.placePrepositions)}))[ \\t>]*((?:\\p{Lu}[\\p{L}'’.-]*[ \\t]+){0,3}\\p{Lu}[\\p{L}'’.-]*(?:[ \\t]+\\d{1,5}[A-Za-z]?)?(?:[ \\t]*,[ \\t]*${UNIT_PIECE})*[ \\t]*,[ \\t]*)$`,
  'u',
);
/** Where an address found from its flat or postcode starts: a digit or a flat word. */
const FLAT_OR_POSTCODE_FIRST = new RegExp(`^(?:\\d|(?:${GAP_UNIT_WORDS})\\.?[ \\t]*[A-Z\\d])`, 'u');
const STREET_TYPES_FIRST: ReadonlySet<string> = new Set(Object.values(ADDRESS_VOCABULARIES).flatMap((v) => v.streetTypesBefore.map((type) => type.replace(/\.$/, ''))));

/** Where the street before a comma ahead of `start` begins (see STREET_BEFORE_COMMA); `start` if there is none. */
function streetBeforeComma(text: string, start: number): number {
  if (lastBefore(text, start, isBlankCode) !== COMMA || !FLAT_OR_POSTCODE_FIRST.test(text.slice(start, start + 16))) return start;
  const match = STREET_BEFORE_COMMA.exec(text.slice(Math.max(0, start - 90), start));
  if (!match) return start;
  const street = match[1]!.slice(0, match[1]!.indexOf(','));
  const words = street.split(/[ \t]+/).filter(Boolean);
  // A house number, or a street type first ("Intrarea Preluca, Bloc 78"), says the words are a street.
  if (!/\d/.test(street) && !STREET_TYPES_FIRST.has(words[0]!.replace(/\.$/, ''))) return start;
  if (words.some((word) => (isFunctionWord(word.toLowerCase()) && !NAME_PARTICLES.has(word)) || MONTH_FIRST.test(word))) return start;
  return start - match[1]!.length;
}
const ADDRESS_PART: ReadonlySet<Finding['label']> = new Set(['ADDRESS', 'LOCATION']);

/**
 * An address written over several lines or with its town and postcode after commas arrives as several findings
 * (street, town, country): an ADDRESS and the places that follow it across such a gap become one ADDRESS.
 */
function joinAddressBlocks(text: string, findings: readonly Finding[]): Finding[] {
  if (!findings.some(foundAsAddress)) return [...findings];
  const out: Finding[] = [];
  // Whether the last finding of `out` is, or grew from, an address.
  let lastIsAddress = false;
  for (const finding of findings) {
    const last = out.at(-1);
    const gap = last ? text.slice(last.end, finding.start) : '';
    if (
      last &&
      lastIsAddress &&
      (ADDRESS_PART.has(finding.label) || foundAsAddress(finding)) &&
      finding.start - last.end <= MAX_ADDRESS_GAP &&
      ADDRESS_GAP.test(gap) &&
      !gap.includes('\n\n')
    ) {
      const label = last.label === 'ADDRESS' || finding.label === 'ADDRESS' ? 'ADDRESS' : last.label;
      out[out.length - 1] = extendAddress(text, { ...last, end: finding.end, label, score: Math.max(last.score, finding.score) });
      continue;
    }
    out.push(finding);
    lastIsAddress = foundAsAddress(finding);
  }
  return out;
}

/** A postcode closing an address block's last line: "32910", "67-346", "lv0687", "926 54", "PE3 3QM". */
const BLOCK_POSTCODE = /(?:^|[ \t,])(?:\d{4,6}|\d{2,3}[- ]\d{2,3}|\p{L}{1,2}-?\d{4,5}|[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z\d]{2})$/u;
/** A name or organisation only the model found: on a town's line closing in a postcode, it is the town. */
const isModelName = (f: Finding): boolean => (f.label === 'PERSON' || f.label === 'ORGANIZATION') && !f.source.includes('pattern:');
/** A word of an address block's line: a name, a code or a number ("b 41", "m. 282", "Isola di Pasqua", ", OW"). */
const BLOCK_WORD = /^,?[\p{L}\d][\p{L}\d.'’()-]*,?$/u;
const MAX_BLOCK_LINES = 4;
const MAX_BLOCK_LINE = 40;

/**
 * A letter's address block goes on below its street line with short lines, the flat, the town, the country, and
 * closes with a postcode ("5 tuulikkilinja 4\n b 41\n[ rovaniemi\n bulgaria 32910]"): an address ending its line
 * takes in up to four such lines when the last of them ends in a postcode. A line with a colon, a question, a
 * sentence's function word or a finding of another kind (a phone, a name) ends the block unchanged, but for a name
 * only the model read on the postcode's line ("99 Geovanny Garth\n[Dietrich]-on-O'Hara PE3 3QM": the town).
 */
function addressBlockLines(text: string, findings: readonly Finding[]): Finding[] {
  if (!findings.some(foundAsAddress) || !text.includes('\n')) return [...findings];
  return findings.map((finding) => {
    if (!foundAsAddress(finding)) return finding;
    let at = text.indexOf('\n', finding.end);
    if (at < 0 || !/^[ \t,]*$/.test(text.slice(finding.end, at))) return finding;
    let blankSeen = false;
    for (let n = 0; n < MAX_BLOCK_LINES && at < text.length; n++) {
      const lineStart = at + 1;
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      at = lineEnd;
      const line = text.slice(lineStart, lineEnd).replace(/^[ \t>]+/, '').replace(/[ \t]+$/, '');
      if (line === '') {
        if (blankSeen) return finding;
        blankSeen = true;
        n--;
        continue;
      }
      const words = line.split(/[ \t]+/);
      if (line.length > MAX_BLOCK_LINE || words.length > 4 || /[:?!@]/.test(line)) return finding;
      if (!words.every((word) => BLOCK_WORD.test(word))) return finding;
      if (words.some((word) => isFunctionWord(word.toLowerCase().replace(/,/g, '')) && !NAME_PARTICLES.has(word))) return finding;
      // Another kind of finding on the line (a phone, a name) is no part of the address.
      const postcode = BLOCK_POSTCODE.test(line);
      if (findings.some((f) => f.start < lineEnd && f.end > lineStart && !ADDRESS_PART.has(f.label) && !foundAsAddress(f) && !(postcode && isModelName(f)))) return finding;
      if (postcode) return { ...finding, end: countryLineEnd(text, findings, lineStart + text.slice(lineStart, lineEnd).replace(/[ \t]+$/, '').length) };
    }
    return finding;
  });
}

/** Where the line after an address block's postcode ends when a place found fills it, the country ("...SN51 45W\n[Chile]"). */
function countryLineEnd(text: string, findings: readonly Finding[], end: number): number {
  const lineBreak = text.indexOf('\n', end);
  if (lineBreak < 0 || !/^[ \t]*$/.test(text.slice(end, lineBreak))) return end;
  let lineStart = lineBreak + 1;
  while (lineStart < text.length && (text[lineStart] === ' ' || text[lineStart] === '\t')) lineStart++;
  const place = findings.find((f) => f.start === lineStart && f.label === 'LOCATION');
  if (!place || !/^[ \t]*(?:\n|$)/.test(text.slice(place.end, place.end + 8))) return end;
  return place.end;
}

/** Free-text entity types, whose names run on across particles and hyphens. */
const NAMED: ReadonlySet<Finding['label']> = new Set(['PERSON', 'ORGANIZATION', 'LOCATION', 'ADDRESS']);
/** Between two parts of one name: a hyphen or apostrophe, or a particle ("Complexo Hospitalario de Ourense"). */
const NAME_JOINER = new RegExp(`^(?:[-‐’']|[ \\t]+(?:${boundaryWords((v) => v.nameParticles)})[ \\t]+)$`);
/** Abbreviations that end in a period inside a name: "Hospital Dr. Carlos Arvelo", "Cdad. Real", "Col. San Lucas". */
const ABBREVIATION_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${boundaryWords((v) => v.nameAbbreviations)})$`, 'u');

/** The titles of the person vocabularies, as written: "Mrs", "Srta", "Dr". */
const TITLES: ReadonlySet<string> = new Set(personWords((v) => v.titles));
/** A title of the person vocabularies, or an academic one ending in "Dr" ("JUDr", "MUDr", "PhDr"). */
const isTitle = (word: string): boolean => TITLES.has(word) || /^\p{Lu}\p{L}{0,3}Dr$/u.test(word);

/** Two findings whose gap makes them one name: the stronger one's label covers both. */
function joinNames(text: string, findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const last = out.at(-1);
    if (last && NAMED.has(last.label) && NAMED.has(finding.label) && finding.start - last.end <= 8) {
      const gap = text.slice(last.end, finding.start);
      // "Chief executive Teona Marinescu [of] Parvu, Popovici and Szekely": a person of an organisation is two names.
      const personOfFirm = last.label === 'PERSON' && finding.label === 'ORGANIZATION' && /^[ \t]+of[ \t]+$/.test(gap);
      const joined =
        (NAME_JOINER.test(gap) && !personOfFirm) ||
        ((gap === '. ' || gap === '.') && ABBREVIATION_BEFORE.test(text.slice(Math.max(0, last.end - 5), last.end))) ||
        // "Mrs[. ]Amira Ward", "JUDr[. ]Mabel": a title a model read as part of the name, apart from it by its period.
        (gap === '. ' && last.label === 'PERSON' && finding.label === 'PERSON' && isTitle(text.slice(last.start, last.end))) ||
        // "White, Willis and Hoffman", "Skadden, Arps": a firm named after its partners is one organisation (a
        // list of organisations, whose first is more than one word, stays a list).
        (gap === ', ' && last.label === 'ORGANIZATION' && finding.label === 'ORGANIZATION' && /^\p{Lu}[\p{L}'’-]*$/u.test(text.slice(last.start, last.end)));
      if (joined) {
        const stronger = finding.score > last.score ? finding : last;
        out[out.length - 1] = { ...stronger, start: last.start, end: finding.end, source: [...new Set([last.source, finding.source])].join('+') };
        continue;
      }
    }
    out.push(finding);
  }
  return out;
}

/** The words that join the last partner of a firm named after its partners, over every language. */
const PARTNER_JOINER = `(?:and|&|${companyWords((v) => v.joiners)})`;
const PARTNER_COMMA = /^,[ \t]+$/;
const PARTNER_LAST = new RegExp(`^,?[ \\t]+${PARTNER_JOINER}[ \\t]+$`, 'u');
const PARTNER_INSIDE = new RegExp(`[ \\t]${PARTNER_JOINER}[ \\t]`, 'u');
/** A partner's name: one to three words on one line, or partners already joined by a comma ("Klein, Peeters"). */
const PARTNER_NAME = /^[^\s,®™]+(?:,?[ \t]+[^\s,®™]+){0,3}$/u;

/** One capitalised word that is no known first name, as partners' surnames are: "Zboncak", not "Alice". */
const isSurnameWord = (word: string): boolean => /^\p{Lu}[\p{L}'’-]+$/u.test(word) && !isFirstName(word);

/** An organisation, or a name the organisation recognizer read as one by its form ("Escobar Martínez Asociados"). */
const isOrganization = (f: Finding): boolean => f.label === 'ORGANIZATION' || f.source.includes('pattern:organization');

/**
 * A firm named after its partners, "Kilback, Kozey and McCullough", "Macedo, Carvalho e Moreira", arrives as names
 * with the commas and the joiner between them in the clear: person, organisation and (unknown) place findings of one
 * to three words joined by ", " and ending with a joiner (or ending with an organisation that holds the joiner, "Kozey
 * and McCullough") become one ORGANIZATION when the last one is an organisation or has a company word ("Asociados"),
 * when any of them is an organisation, or when three or more are single words no list knows as first names. A list
 * of people ("Alice, Bob and Carol") or of known places ("Paris, London and Berlin") stays a list.
 */
function joinPartnerLists(text: string, findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  // A surname a model read as a place is a partner too ("Walther, Bartels und Lamos"); a known place is not (below).
  const isPartner = (f: Finding | undefined): boolean =>
    f !== undefined && (f.label === 'PERSON' || f.label === 'ORGANIZATION' || f.label === 'LOCATION') && PARTNER_NAME.test(text.slice(f.start, f.end));
  // The last may be longer: an organisation found with what follows it ("Hicks and Brown and Abt Associates").
  const isLast = (f: Finding | undefined): boolean =>
    isPartner(f) || (f !== undefined && isOrganization(f) && !text.slice(f.start, f.end).includes('\n'));
  for (let i = 0; i < findings.length; i++) {
    const first = findings[i]!;
    let k = i;
    let commas = 0;
    let joined = false;
    // The gap is tested first: it is cheap, and between most neighbours no comma or joiner stands, which settles it.
    while (!joined && k + 1 < findings.length) {
      const gap = text.slice(findings[k]!.end, findings[k + 1]!.start);
      const last = PARTNER_LAST.test(gap);
      if (!last && !PARTNER_COMMA.test(gap)) break;
      if (!isPartner(findings[k]) || !isLast(findings[k + 1])) break;
      if (last) joined = true;
      else commas++;
      k++;
      if (!isPartner(findings[k])) break;
    }
    if (k === i) {
      // No list (`listed` below would be false): no regex more. With the gap tested first, the boundary rules took
      // about a tenth less CPU over the bench corpus's findings (interleaved runs, in isolation).
      out.push(first);
      continue;
    }
    const last = findings[k]!;
    const members = findings.slice(i, k + 1);
    const listed = commas > 0 || text.slice(first.start, last.start).includes(',');
    const firm =
      listed &&
      (joined || PARTNER_INSIDE.test(text.slice(last.start, last.end))) &&
      !members.some((f) => f.label === 'LOCATION' && isPlace(text.slice(f.start, f.end))) &&
      (isOrganization(last) ||
        // "Lewicki, Karpiński and Filipek" with any partner read as an organisation.
        members.some(isOrganization) ||
        // "Zboncak, Weimann and Lebsack", read as people or places: three or more single surnames, not first names.
        (joined && members.length >= 3 && members.every((f) => isSurnameWord(text.slice(f.start, f.end)))));
    if (!firm) {
      out.push(first);
      continue;
    }
    out.push({ ...last, start: first.start, end: last.end, label: 'ORGANIZATION', source: [...new Set(members.map((f) => f.source))].join('+') });
    i = k;
  }
  return out;
}

/** "febrero y abril de 2002", "March to May 2000": the first month of a range shares the date's year. */
const MONTH_WORDS = [...new Set(Object.values(DATE_VOCABULARIES).flatMap((v) => v.months.flat()))].sort((a, b) => b.length - a.length).join('|');
const MONTH_RANGE_BEFORE = new RegExp(`(?:^|[^\\p{L}])((?:${MONTH_WORDS})\\.?[ \\t]*(?:${boundaryWords((v) => v.monthRangeJoiners)})[ \\t]*)$`, 'iu');
const MONTH_FIRST = new RegExp(`^(?:${MONTH_WORDS})(?![\\p{L}])`, 'iu');

/** "año 2009", "the year 2009": the word before a bare year is part of the date as written. */
const YEAR_WORD_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${boundaryWords((v) => v.yearWords)})[ \\t]+$`, 'iu');

function extendDate(text: string, finding: Finding): Finding {
  if (MONTH_FIRST.test(text.slice(finding.start, finding.start + 12))) {
    const range = MONTH_RANGE_BEFORE.exec(text.slice(Math.max(0, finding.start - 24), finding.start));
    if (range) return { ...finding, start: finding.start - range[1]!.length };
  }
  if (finding.end - finding.start !== 4 || !/^\d{4}$/.test(text.slice(finding.start, finding.end))) return finding;
  const before = YEAR_WORD_BEFORE.exec(text.slice(Math.max(0, finding.start - 12), finding.start));
  if (!before) return finding;
  return { ...finding, start: finding.start - (before[0].length - before[0].indexOf(before[1]!)) };
}

/**
 * Words that head an institution's name: the organisation recognizer's prefixes and the units inside
 * institutions, which name one only together with what follows ("Servicio Castellano-Leonés de Salud").
 */
const INSTITUTION_HEADS: ReadonlySet<string> = new Set([
  ...ORGANIZATION_PREFIXES,
  ...boundaryWordSet((v) => v.institutionHeads),
]);
const NAME_WORD = new RegExp(`^[${UPPER}][${UPPER}${LOWER}'’-]*$`);
const NAME_PARTICLES = boundaryWordSet((v) => v.nameParticles);
/** A lower-case word that may stand inside an institution's name: "Instituto [de] Medicina", "School [of the] Arts". */
const isParticle = (word: string): boolean => word === word.toLowerCase() && (NAME_PARTICLES.has(word) || isFunctionWord(word));
const MAX_INSTITUTION_WORDS = 6;

const LETTER_RUN = /[\p{L}'’-]+/gu;

/** The words (letter runs) of `text` between `from` and `to` on one line, as offsets. */
function wordsIn(text: string, from: number, to: number): { start: number; end: number }[] {
  const words: { start: number; end: number }[] = [];
  for (const match of execAll(LETTER_RUN, text.slice(from, to))) words.push({ start: from + match.index, end: from + match.index + match[0].length });
  return words;
}

/**
 * A place's name goes on after a particle with capitalised words: "Saraiva [de Nossa Senhora]", "Roșiorii [de Vede]",
 * "Johns[-under-Simonis]". Not over a date ("Madrid de Mayo" is no town) or across a line.
 */
const PLACE_NAME_AFTER = new RegExp(
  `(?:[ \\t]+(?:${boundaryWords((v) => v.nameParticles)})[ \\t]+|-(?:${boundaryWords((v) => v.nameParticles)}|under|upon|on|sur|am|an|in)-)\\p{Lu}[\\p{Ll}'’-]+(?:[ \\t]+\\p{Lu}[\\p{Ll}'’-]+){0,2}(?![\\p{L}\\d])`,
  'uy',
);

/**
 * A state, province or territory code after a town, closing the phrase: "Lake Jaymeshire[, IL]", "Summerside[, PE]."
 * Not before a lower-case word ("Paris, OR maybe"): there the capitals may be a word.
 */
const REGION_CODE_AFTER = new RegExp(`,[ \\t]+(?:${[...US_STATE_CODES, ...CA_AU_REGION_CODES].join('|')})(?![\\p{L}\\d])(?=[ \\t]*(?:[,.;:)\\n]|$|\\d))`, 'uy');

function extendPlace(text: string, finding: Finding): Finding {
  PLACE_NAME_AFTER.lastIndex = finding.end;
  const after = PLACE_NAME_AFTER.exec(text);
  const end = !after || after[0].split(/[ \t-]+/).some((word) => MONTH_FIRST.test(word)) ? finding.end : PLACE_NAME_AFTER.lastIndex;
  REGION_CODE_AFTER.lastIndex = end;
  const region = REGION_CODE_AFTER.test(text) ? REGION_CODE_AFTER.lastIndex : end;
  return region === finding.end ? finding : { ...finding, end: region };
}

/**
 * `Math.max(text.lastIndexOf('\n', at - 1) + 1, floor, 0)` for `at` > 0 (at 0, `floor` or 0): where the line holding
 * `at` starts, but no earlier than `floor`, looked for no further back than that.
 */
export function lineStartWithin(text: string, at: number, floor: number): number {
  const stop = Math.max(floor, 0);
  for (let i = at - 1; i >= stop; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return stop;
}

/**
 * `Math.min(text.indexOf('\n', from)` (the text's length if none)`, ceiling)`: where the line holding `from` ends,
 * but no later than `ceiling`, looked for no further on than that.
 */
export function lineEndWithin(text: string, from: number, ceiling: number): number {
  const stop = Math.min(ceiling, text.length);
  for (let i = from; i < stop; i++) if (text.charCodeAt(i) === 10) return i;
  return stop;
}

/**
 * A name found inside an institution's name takes in the rest of it: back to the head word ("[Institut de Medicina
 * Legal de] Catalunya"), and from a head word on over capitalised words and particles ("Facultad [de Medicina]").
 * Only blanks and the words themselves may lie between, on one line.
 */
function extendInstitution(text: string, finding: Finding): Finding {
  let { start, end } = finding;
  // Only a blank may stand between the name and a word before it: without one, no word before is read. The line's
  // start is looked for only as far back as the words are read (a text without line breaks was read back to its
  // start for each name).
  const before = isBlankCode(text.charCodeAt(start - 1)) ? wordsIn(text, lineStartWithin(text, start, start - 80), start) : [];
  for (let k = before.length - 1, n = 0; k >= 0 && n < MAX_INSTITUTION_WORDS; k--, n++) {
    const word = before[k]!;
    const gap = text.slice(word.end, k === before.length - 1 ? start : before[k + 1]!.start);
    const value = text.slice(word.start, word.end);
    if (!/^[ \t]+$/.test(gap) || !(NAME_WORD.test(value) || isParticle(value))) break;
    if (INSTITUTION_HEADS.has(value)) {
      start = word.start;
      break;
    }
  }
  const firstWord = /^[\p{L}]+/u.exec(text.slice(start, end))?.[0] ?? '';
  if (INSTITUTION_HEADS.has(firstWord)) {
    const after = wordsIn(text, end, lineEndWithin(text, end, end + 80));
    let last = end;
    for (let k = 0, n = 0; k < after.length && n < MAX_INSTITUTION_WORDS; k++, n++) {
      const word = after[k]!;
      const value = text.slice(word.start, word.end);
      if (!/^[ \t]+$/.test(text.slice(k === 0 ? end : after[k - 1]!.end, word.start))) break;
      if (isParticle(value)) continue;
      if (!NAME_WORD.test(value)) break;
      last = word.end;
    }
    end = last;
  }
  if (start === finding.start && end === finding.end) return finding;
  return { ...finding, start, end, label: 'ORGANIZATION' };
}

/**
 * Up to two capitalised words right after an organisation's name, on its line, after a joiner or a particle:
 * "Alcon [Cusí]", "Lilly [y Dista]", "Hospital Universitario Puerta [del Mar]". Not after "of": "Institute of Health
 * [Stroke Scale]" names a scale, and institutions named with "of" are joined by `extendInstitution`.
 */
const ORGANIZATION_WORDS_AFTER = new RegExp(
  `(?:[ \\t]+(?:(?:y|and|&|${boundaryWords((v) => v.nameParticles.filter((particle) => particle !== 'of'))}|${companyWords((v) => v.joiners)})[ \\t]+)?[${UPPER}][${UPPER}${LOWER}'’&-]+(?![${UPPER}${LOWER}\\d])){1,2}`,
  'y',
);

/**
 * A company form after a name, as written or dotted in lower case: "Skokan[ a.s.]", "Varga[ Zrt.]", "Baby[ A/S]"; after
 * a number of the name ("Szabó[ 2000 Zrt.]"), and two forms in a row ("Jakab[ és Tsa. Bt.]").
 */
const COMPANY_FORMS = companyWords((v) => [...v.forms, ...v.forms.filter((form) => form.includes('.')).map((form) => form.toLowerCase())].map((form) => form.replace(/\.$/, '')));
const COMPANY_FORM_AFTER = new RegExp(`(?:[ \\t]+\\d{1,4}(?=[ \\t]+(?:${COMPANY_FORMS})(?![\\p{L}\\d])))?(?:[ \\t]+(?:${COMPANY_FORMS})(?:\\.(?=[^\\p{L}\\d]|$)|(?=[^\\p{L}\\d.]|$))){1,2}`, 'uy');

/** A company form abbreviated with a period: "Miller Ltd[.]", "Johnson Inc[.]", "Talleres Pérez S.A[.]". */
const COMPANY_FORM_PERIOD = new RegExp(`(?:^|[^\\p{L}])(?:Ltd|Inc|Co|Corp|Bros|Cía|Cia|Ltda|LLC|PLC|S\\.A|S\\.L|S\\.p\\.A|N\\.V|B\\.V|AG|GmbH|${COMPANY_FORMS})$`, 'u');

/** A joiner and a partner's name of one or two words, before a company form: "Hrubeš[ a Janík] v.o.s.". */
const PARTNER_BEFORE_FORM = new RegExp(`[ \\t]+(?:and|&|a|en|${companyWords((v) => v.joiners)})[ \\t]+\\p{Lu}[\\p{L}'’-]+(?:[ \\t]+\\p{Lu}[\\p{L}'’-]+)?`, 'uy');

/** A name in quotes right after an institution's name: 'Hospital Universitario ["San Cecilio"]'. */
const QUOTED_NAME_AFTER = /[ \t]*(?:"[\p{Lu}][^"\n]{0,48}"|“[\p{Lu}][^”\n]{0,48}”|'[\p{Lu}][^'\n]{0,48}')/uy;

/**
 * A name finding with a company form after it is a company: it takes the form in and becomes an ORGANIZATION. A
 * finding that stops inside the form ("Hanko s" of "Hanko s.r.o.", "Miklošková a" of "Miklošková a.s.") takes the
 * rest of it in the same way.
 */
function companyFromName(text: string, finding: Finding): Finding {
  if (finding.label !== 'PERSON' && finding.label !== 'ORGANIZATION') return finding;
  COMPANY_FORM_AFTER.lastIndex = finding.end;
  if (COMPANY_FORM_AFTER.test(text)) return { ...finding, end: COMPANY_FORM_AFTER.lastIndex, label: 'ORGANIZATION' };
  // "Hrubeš[ a Janík v.o.s.]": a partner joined after the name, then the form. With the form, even the joiners that
  // are prepositions elsewhere (Czech "a", Dutch "en") join partners.
  PARTNER_BEFORE_FORM.lastIndex = finding.end;
  if (PARTNER_BEFORE_FORM.test(text)) {
    COMPANY_FORM_AFTER.lastIndex = PARTNER_BEFORE_FORM.lastIndex;
    if (COMPANY_FORM_AFTER.test(text)) return { ...finding, end: COMPANY_FORM_AFTER.lastIndex, label: 'ORGANIZATION' };
  }
  const lastBlank = lastBlankInside(text, finding.start, finding.end);
  if (lastBlank < 0) return finding;
  COMPANY_FORM_AFTER.lastIndex = lastBlank;
  if (!COMPANY_FORM_AFTER.test(text) || COMPANY_FORM_AFTER.lastIndex <= finding.end) return finding;
  return { ...finding, end: COMPANY_FORM_AFTER.lastIndex, label: 'ORGANIZATION' };
}

/**
 * The last blank (space or tab) of text(start, end), -1 if none: what `lastIndexOf(' ')` and `lastIndexOf('\t')`
 * from `end - 1` answer when past `start`, without their search back to the text's start (a text without tabs was
 * read whole for each name: on the bench corpus the first line of the boundary rules' profile).
 */
export function lastBlankInside(text: string, start: number, end: number): number {
  for (let at = end - 1; at > start; at--) if (isBlankCode(text.charCodeAt(at))) return at;
  return -1;
}

/** A newspaper's name that keeps its article ("Herald", "Times"), closing a finding: "[The ]Ciudad del Carmen Herald". */
const KEEPS_ARTICLE_LAST = new RegExp(`(?:^|[ \\t])(?:${wordAlternation(Object.values(ORGANIZATION_VOCABULARIES).flatMap((v) => v.keepArticle))})$`, 'u');
const ARTICLE_BEFORE_NAME = /(?:^|[^\p{L}])The[ \t]+$/u;

/** Where a newspaper's name found without its article starts with it: "first reported by [The ]Novo mesto Herald". */
function newspaperArticleStart(text: string, finding: Finding): number {
  if (!KEEPS_ARTICLE_LAST.test(text.slice(Math.max(finding.start, finding.end - 12), finding.end))) return finding.start;
  const before = ARTICLE_BEFORE_NAME.exec(text.slice(Math.max(0, finding.start - 6), finding.start));
  return before ? finding.start - before[0].replace(/^[^T]/, '').length : finding.start;
}

function extendOrganization(text: string, found: Finding): Finding {
  const articleStart = newspaperArticleStart(text, found);
  const finding = articleStart === found.start ? found : { ...found, start: articleStart };
  ORGANIZATION_WORDS_AFTER.lastIndex = finding.end;
  let end = ORGANIZATION_WORDS_AFTER.test(text) ? ORGANIZATION_WORDS_AFTER.lastIndex : finding.end;
  // "Németh és Varga[ Zrt.]": a company form after the partners' names.
  COMPANY_FORM_AFTER.lastIndex = end;
  if (COMPANY_FORM_AFTER.test(text)) end = COMPANY_FORM_AFTER.lastIndex;
  // A quote the name opened closes right after it ('"Gómez Ulla["]'), or a quoted name follows.
  const quotes = (text.slice(finding.start, end).match(/["“”]/g) ?? []).length;
  if (quotes % 2 === 1 && /["”]/.test(text[end] ?? '')) end += 1;
  // A name ending in a period ends its sentence there ("Erberk Group. \"Don't feed me\""): a quote after it is not its.
  else if (text[end - 1] !== '.') {
    QUOTED_NAME_AFTER.lastIndex = end;
    if (QUOTED_NAME_AFTER.test(text)) end = QUOTED_NAME_AFTER.lastIndex;
  }
  const period = text[end] === '.' && COMPANY_FORM_PERIOD.test(text.slice(Math.max(0, end - 8), end)) ? 1 : 0;
  return end + period === finding.end ? finding : { ...finding, end: end + period };
}

/** Whether the address recognizer took part in a finding, whatever label won. */
const foundAsAddress = (finding: Finding): boolean =>
  finding.label === 'ADDRESS' || finding.source.includes('pattern:address') || finding.source.includes(STREET_SOURCE);

/** The source tag of a name finding read as a street by `streetFromName`. */
const STREET_SOURCE = 'boundary:street';
/** Free-text findings a street name can arrive as: the NER model reads "Labinska", "Mohr Lake" as names. */
const STREET_NAME_LABELS: ReadonlySet<Finding['label']> = new Set(['PERSON', 'LOCATION', 'ORGANIZATION']);
/**
 * A house number right after a name: "Labinska 329, ...", "Borgo Gabriella 4 instead of". Not a year or a quantity
 * ("Trump 2020", "LeBron 23 points").
 */
const HOUSE_NUMBER_AFTER = /^[ \t]*,?[ \t]*(\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?)(?![\d\p{L}]|[.,:]\d)/u;
/** A house number right before a name, at a clause's start or after a blank: "at [1554] Mohr Lake". */
const HOUSE_NUMBER_BEFORE = /(?:^|[\s(>])(\d{1,6}[A-Za-z]?)[ \t]+$/u;
/** What after a number makes it a count or a measure, not a house number. */
const QUANTITY_WORD =
  /^[ \t]*(?:%|[$€£]|y\/o|(?:points?|pts|goals?|games?|times|years?|yrs|months?|weeks?|days?|hours?|hrs|minutes?|mins?|seconds?|secs?|kg|km|mi|miles|lbs?|mg|ml|kb|mb|gb|tb|mm|cm|px|followers|likes|views|subs|subscribers|people|percent|años|meses|días|veces|horas|puntos|goles)(?![\p{L}]))/iu;
const BARE_YEAR = /^(?:1[89]|20)\d{2}$/;
const AT_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${boundaryWords((v) => v.streetPrepositions) || '(?!)'})[ \\t]+$`, 'iu');

/**
 * A name finding with a house number beside it is a street that a name detector read as a name ("Labinska 329",
 * "1554 Mohr Lake"): it takes in the number and becomes an ADDRESS, so the flat, postcode and town after it join it.
 */
function streetFromName(text: string, finding: Finding, from: number, to: number): Finding {
  if (!STREET_NAME_LABELS.has(finding.label) || foundAsAddress(finding)) return finding;
  let { start, end } = finding;
  const after = HOUSE_NUMBER_AFTER.exec(text.slice(end, end + 24));
  // "Jane Doe, 54, seen at": after a comma, a person's number is an age or a count, not a house number.
  const afterComma = after !== null && after[0].includes(',');
  if (
    after &&
    !(afterComma && finding.label === 'PERSON') &&
    end + after[0].length <= to &&
    !BARE_YEAR.test(after[1]!) &&
    !QUANTITY_WORD.test(text.slice(end + after[0].length, end + after[0].length + 16))
  ) {
    end += after[0].length;
  }
  const before = numberMayPrecede(text, start) ? HOUSE_NUMBER_BEFORE.exec(text.slice(Math.max(0, start - 12), start)) : null;
  if (before && !BARE_YEAR.test(before[1]!)) {
    const numberStart = start - (before[0].length - groupStart(before[0], before[1]!));
    if (numberStart >= from) start = numberStart;
  }
  if (start === finding.start && end === finding.end) return finding;
  // A number first, a place's number after a comma ("Gran Vía, 111"), or an address line going on after a comma or
  // a line break make it a street. A name with a number after it mid-sentence ("LeBron 23", "Olympus 128 MB",
  // "Springfield 5 blocks away") is left as it was: taking the number in would also change the term propagation
  // looks for elsewhere in the case.
  const street =
    start < finding.start ||
    (finding.label === 'LOCATION' && afterComma) ||
    /^[ \t]*(?:[,\n]|$)/.test(text.slice(end, end + 4)) ||
    // "left it at Podravska 62 instead of": a name and a number after "at" is a place's street and house number.
    (end > finding.end && AT_BEFORE.test(text.slice(Math.max(0, start - 8), start))) ||
    // "return to Leon and Eyrarodda 66 in case": a name and a number as the second street of a corner.
    (end > finding.end && cornerJoinerBefore(text, start) && CORNER_FIRST_STREET.test(text.slice(Math.max(0, start - 60), start)));
  if (!street) return finding;
  return { ...finding, start, end, label: 'ADDRESS', source: `${finding.source}+${STREET_SOURCE}` };
}

/**
 * ", s/n" (sin número) and a unit word with its number (", Km 9,100", " puerta 14"): only a street takes them,
 * whichever detector found the street and whatever label won.
 */
const NO_NUMBER = /[ \t]*,?[ \t]*s\/n(?![\p{L}])/uy;

/** A run of letters joined by hyphens right before `at` ("Dertmann-"), or after it ("-Βαρνακιώτης", "-over-Rau"). */
const HYPHENED_BEFORE = /(?:^|[^\p{L}\p{N}'’-])((?:\p{L}+-)+)$/u;
const HYPHENED_AFTER = /^((?:-\p{L}+)+)(?![\p{L}\p{N}'’-])/u;

/**
 * A name's finding takes in the rest of the hyphenated word it stands in: a model often reads one part of a double
 * name ("[Dertmann-]Krol", "Μακρής[-Βαρνακιώτης]", "[Pays-]Bas") or stops at the hyphen ("Kulimann-"). Not past the
 * findings beside it, nor into a number ("COVID-19").
 */
function wholeHyphenedWord(text: string, finding: Finding, from: number, to: number): Finding {
  if (!NAMED.has(finding.label)) return finding;
  let { start, end } = finding;
  if (text[start - 1] === '-') {
    const before = HYPHENED_BEFORE.exec(text.slice(Math.max(from, start - 40), start));
    if (before) start -= before[1]!.length;
  }
  const tail = text[end - 1] === '-' ? end - 1 : end;
  if (text[tail] === '-') {
    const after = HYPHENED_AFTER.exec(text.slice(tail, Math.min(to, tail + 40)));
    if (after) end = tail + after[1]!.length;
  }
  return start === finding.start && end === finding.end ? finding : { ...finding, start, end };
}

/** The kinds of institution written after a name ("Hospital", "Herald"), as a span's last word. */
const INSTITUTION_LAST = new RegExp(`[ \\t](?:${wordAlternation(Object.values(ORGANIZATION_VOCABULARIES).flatMap((v) => v.institutionSuffixes))})$`, 'u');

/**
 * A name closing on a kind of institution is the institution's: a model's "[Carmen Herald]" is a newspaper. Not where a
 * capitalised word follows: there the word opens the next institution's name ("Dr. Ana Ruiz [Hospital] Torrevieja").
 */
function institutionFromName(text: string, finding: Finding): Finding {
  if (finding.label !== 'PERSON' || !INSTITUTION_LAST.test(text.slice(Math.max(finding.start, finding.end - 16), finding.end))) return finding;
  return CAPITALISED_AFTER_NAME.test(text.slice(finding.end, finding.end + 4)) ? finding : { ...finding, label: 'ORGANIZATION' };
}
const CAPITALISED_AFTER_NAME = /^[ \t]+\p{Lu}/u;

/** `from` and `to` bound what the finding may take in: the end of the finding before it, the start of the one after. */
function extendOne(text: string, found: Finding, from: number, to: number): Finding {
  const finding = companyFromName(text, streetFromName(text, institutionFromName(text, wholeHyphenedWord(text, found, from, to)), from, to));
  if (foundAsAddress(finding)) return extendAddress(text, finding);
  if (NAMED.has(finding.label)) {
    for (const tail of [NO_NUMBER, UNIT_WORD_TAIL]) {
      tail.lastIndex = finding.end;
      if (tail.test(text)) return { ...finding, end: tail.lastIndex };
    }
  }
  if (finding.label === 'ORGANIZATION') return extendOrganization(text, extendInstitution(text, finding));
  if (finding.label === 'LOCATION') return extendPlace(text, extendInstitution(text, finding));
  if (finding.label === 'PERSON') return extendPerson(text, finding, to);
  if (finding.label === 'DATE') return extendDate(text, finding);
  return finding;
}

/** One line of a signature block: its offsets without the quote marks and blanks around it. */
function lineAround(text: string, at: number): { start: number; end: number } {
  let start = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  while (start < end && /[ \t>]/.test(text[start]!)) start++;
  while (end > start && /[ \t]/.test(text[end - 1]!)) end--;
  return { start, end };
}

const COMPANY_FORM_WORD = /(?:^|[^\p{L}])(?:Inc|Ltd|LLC|LLP|PLC|Corp|Co|GmbH|AG|S\.A|S\.L|SA|SL|NV|BV|Group|Grupo)(?:[^\p{L}]|$)/u;
const SIGNATURE_LINE = /^\p{Lu}[\p{L}\d'’&.-]*(?:[ \t]+[\p{L}\d'’&.,-]+){0,3}$/u;

/**
 * A signature block: a name alone on its line, a job title, then the employer's name alone on its line right above
 * the address ("Cormac Allan\nEchocardiographer\n[Placeilivecom]\n338 17 St Omers Road"). Without a title line
 * between, the line must name a company form ("Smith [Ltd.]").
 */
function signatureOrganizations(text: string, findings: readonly Finding[]): Finding[] {
  if (!text.includes('\n') || !findings.some(foundAsAddress) || !findings.some((f) => f.label === 'PERSON')) return [...findings];
  const added: Finding[] = [];
  for (const address of findings) {
    if (!foundAsAddress(address) || lineAround(text, address.start).start !== address.start || address.start === 0) continue;
    const line = lineAround(text, address.start - 1);
    if (line.end <= line.start || findings.some((f) => f.start < line.end && line.start < f.end)) continue;
    const value = text.slice(line.start, line.end);
    if (!SIGNATURE_LINE.test(value) || value.split(/[ \t]+/).every((word) => isCommonWord(word) || isFunctionWord(word))) continue;
    // The name: alone on the line above, or above a job title.
    const isNameLine = (at: number): boolean => {
      if (at <= 0) return false;
      const above = lineAround(text, at - 1);
      return findings.some((f) => f.label === 'PERSON' && f.start === above.start && f.end === above.end);
    };
    // Right below the name, the line may as well be the job title ("Jane Doe\nDirector\n5 Main St"): only a company
    // form says it is the employer there.
    const belowName = isNameLine(line.start);
    if (belowName ? !COMPANY_FORM_WORD.test(value) : !(line.start > 0 && isNameLine(lineAround(text, line.start - 1).start))) continue;
    added.push({ start: line.start, end: line.end, label: 'ORGANIZATION', score: 0.45, source: 'boundary:signature' });
  }
  return added.length === 0 ? [...findings] : [...findings, ...added].sort((a, b) => a.start - b.start);
}

/** The findings with the boundary rules applied, combined again where extended spans now overlap. */
export function extendBoundaries(text: string, findings: readonly Finding[]): Finding[] {
  if (findings.length === 0) return [];
  let changed = false;
  const extended = findings.map((finding, i) => {
    const next = extendOne(text, finding, findings[i - 1]?.end ?? 0, findings[i + 1]?.start ?? text.length);
    if (next !== finding) changed = true;
    return next;
  });
  const joined = signatureOrganizations(text, joinPartnerLists(text, joinNames(text, addressBlockLines(text, joinAddressBlocks(text, changed ? combineFindings(extended) : extended)))));
  // A joined address may have grown into the finding after it: spans must leave the text in order, once each.
  return joined.some((finding, i) => i > 0 && finding.start < joined[i - 1]!.end) ? combineFindings(joined) : joined;
}
