import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { contextPattern, hasContextBefore } from './context.js';
import { DATE_VOCABULARIES, type DateVocabulary } from './date-vocabulary.js';
import { isCapitalCode, isLetterCode, matchesAt, startsBefore, WordTable, wordsOf, type WordScan } from './word-scan.js';
import { execAll } from './exec-all.js';

/**
 * Dates, numeric and written, in any language of `DATE_VOCABULARIES`. HIPAA treats every element of a date
 * smaller than the year as identifying, so day+month and month+year are flagged; a bare year, a bare month or
 * weekday, and a time of day are not, because they rarely identify anyone and redacting them guts the text.
 * A bare year, or a day/month with no year, is flagged only when a date word ("born", "fecha") precedes it, or,
 * more weakly, a preposition of time ("in 1977", "desde 2005"). A weekday is flagged where a cue makes it a day
 * ("on Tuesday", "el martes", "Friday morning"). Every other form carries a number, so texts without digits are
 * only scanned for weekdays.
 */
// A colon is a time separator after a digit ("10:30") but only a label's end after a word ("Fecha:12/03/2016").
const NOT_BEFORE = '(?<![\\p{L}\\p{N}_.\\/-])(?<!\\d:)';
const NOT_AFTER = '(?![\\p{N}_]|[\\/.:-]\\d)';

const ISO = new RegExp(
  `${NOT_BEFORE}(\\d{4})([\\/.-])(\\d{1,2})\\2(\\d{1,2})` +
    `(?:(?:T|\\s+)\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:\\s*(?:Z|[+-]\\d{2}:?\\d{2}|UTC|GMT))?)?${NOT_AFTER}`,
  'gu',
);
const DAY_MONTH_YEAR = new RegExp(`${NOT_BEFORE}(\\d{1,2})([\\/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${NOT_AFTER}`, 'gu');
const MONTH_YEAR = new RegExp(`${NOT_BEFORE}(\\d{1,2})[\\/.-](\\d{4})${NOT_AFTER}`, 'gu');
const DAY_MONTH = new RegExp(`${NOT_BEFORE}(\\d{1,2})[\\/.-](\\d{1,2})${NOT_AFTER}`, 'gu');
const BARE_YEAR = /(?<![\p{L}\p{N}_.,/-])(?<!\d:)(1[89]\d{2}|20\d{2})(?![\p{L}\p{N}_]|[.,/:-]\d)/gu;
/** A typo'd three-digit day or month, "16/018/1961", "27/011/2014": a zero-padded part too long, with a full year. */
const PADDED_TYPO = new RegExp(`${NOT_BEFORE}(\\d{1,3})([\\/.-])(\\d{1,3})\\2((?:19|20)\\d{2})${NOT_AFTER}`, 'gu');
/** A cue-based year is 1900–2099 only: older numbers after "in" are more often quantities. */
const CUED_YEAR = /^(?:19|20)\d{2}$/;
/**
 * What follows a number that makes it a quantity or a size, not a year: "in 2000 mg", "from 1920 x 1080", "de 1920
 * por 1080" ("by" and "por" only before a number: "en 1983 por carcinoma" is a year).
 */
const QUANTITY_AFTER =
  /^\s*(?:[%$€£+×x*]|(?:mg|g|kg|ml|l|mm|cm|m|km|kcal|cal|calories|words|characters|chars|bytes|kb|mb|gb|px|pixels|rpm|hz|mhz|dollars|euros|usd|eur|people|persons|patients|pacientes|personas|casos|cases|units|unidades|veces|times|points|puntos|items|rows|lines|records|users|usuarios|tokens|metros|meters|metres|miles|feet|ft|lbs|pounds|steps|pasos)(?![a-zà-ÿ])|(?:by|por)\s+\d)/i;
const QUANTITY_BEFORE = /(?:[\d$€£]\s*(?:of|x|×|by|de|a|to|-)?\s*|(?:page|p\.|chapter|top|over|under|about|approximately|aproximadamente|unos|unas|más de|mas de|menos de|more than|less than|fewer than|nearly|almost|casi)\s+)$/i;

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|');
}

interface WrittenDatePatterns {
  /** Sticky: tried only where a written date can start (see `writtenDateStarts`). */
  readonly written: RegExp;
  readonly month: RegExp;
  readonly ambiguousMonths: ReadonlySet<string>;
  readonly context: RegExp;
  /** A year cue, then up to two modifiers, at the end of the text before a year. */
  readonly yearCue: RegExp;
  /** A year and a joiner at the end of the text before another year: "en 1993 y ". */
  readonly joinedYear: RegExp;
  readonly weekdayCueBefore: RegExp;
  readonly weekdayCueAfter: RegExp;
  readonly capitalisedWeekdays: ReadonlySet<string>;
  readonly monthCueBefore: RegExp;
  /** A time of day right after a date, with its joiner and zone: ", 7:39 PM", " at 16:36", " 10:21 +0100". */
  readonly timeAfter: RegExp;
}

/**
 * The written-date pattern stays out of Unicode mode (ASCII `\b`, Latin letters) because it is tried at every
 * position of every text and Unicode mode scans several times slower.
 */
function buildPatterns(vocabularies: readonly DateVocabulary[]): WrittenDatePatterns {
  const collect = (pick: (v: DateVocabulary) => readonly string[]) => vocabularies.flatMap(pick);
  const month = `(?:${alternation(collect((v) => v.months.flat()))})\\.?`;
  const weekday = `(?:${alternation(collect((v) => v.weekdays))})\\.?`;
  const suffix = alternation(collect((v) => v.ordinalSuffixes));
  const day = `(?:3[01]|[12]\\d|0?[1-9])(?!\\d)(?:${suffix})?`;
  const year = `(?:(?:1[6-9]|20)\\d{2}(?!\\d)|'\\d{2}(?!\\d))`;
  // "diciembre-08", "sep/04": a two-digit year needs the tight separator to be read as one.
  const shortYear = `[-\\/]\\d{2}(?!\\d)`;
  const dayMonthJoiner = alternation(collect((v) => v.dayMonthJoiners));
  const monthYearJoiner = alternation(collect((v) => v.monthYearJoiners));
  const dayToMonth = `(?:\\s+(?:(?:${dayMonthJoiner})\\s+)?|\\s?[-\\/.]\\s?)`;
  const monthToYear = monthYearJoiner ? `(?:,?\\s+(?:(?:${monthYearJoiner})\\s+)?|[-\\/.])` : `(?:,?\\s+|[-\\/.])`;
  const dayFirst = `${day}${dayToMonth}${month}(?:${monthToYear}${year})?`;
  const monthFirst = `${month}\\s+${day}(?:,?\\s+${year})?`;
  const monthYear = `${month}(?:${monthToYear}${year}|${shortYear})`;
  const weekdayPrefix = `(?:${weekday},?\\s+)?`;
  return {
    written: new RegExp(
      `\\b${weekdayPrefix}(?:${dayFirst}|${monthFirst}|${monthYear})(?![a-zà-öø-ÿ\\d_])`,
      'yi',
    ),
    month: new RegExp(`(?<![\\p{L}])${month}(?![\\p{L}])`, 'iu'),
    ambiguousMonths: new Set(collect((v) => v.ambiguousMonths)),
    context: contextPattern(collect((v) => v.contextWords)),
    yearCue: new RegExp(
      `(?:^|[^\\p{L}\\p{N}])(?:${alternation(collect((v) => v.yearCues))})(?:[\\s,]+(?:${alternation(collect((v) => v.yearModifiers))})){0,2}[\\s,]+$`,
      'iu',
    ),
    joinedYear: new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:19|20)\\d{2}\\s*(?:${alternation(collect((v) => v.yearJoiners))})\\s*$`, 'iu'),
    weekdayCueBefore: new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternation(collect((v) => v.weekdayCuesBefore))})[ \\t]+$`, 'iu'),
    weekdayCueAfter: new RegExp(`^(?:[ \\t]*,|[ \\t]+(?:${alternation(collect((v) => v.weekdayCuesAfter).filter((w) => w !== ','))})(?![\\p{L}\\p{N}]))`, 'iu'),
    capitalisedWeekdays: new Set(collect((v) => v.capitalisedWeekdays)),
    monthCueBefore: new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${alternation(collect((v) => v.monthCuesBefore)).replace(/ /g, '[ \\t]+')})[ \\t]+$`, 'iu'),
    timeAfter: new RegExp(
      `^(?:,?[ \\t]+(?:(?:${alternation(collect((v) => v.timeJoiners)).replace(/ /g, '[ \\t]+')})[ \\t]+)?|T)` +
        `(?:(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?(?:[ \\t]*[AaPp]\\.?[Mm]\\.?)?|(?:1[0-2]|0?[1-9])[ \\t]*[AaPp]\\.?[Mm]\\.?)` +
        `(?:[ \\t]*\\(?(?:Z|[+-]\\d{2}:?\\d{2}|UTC|GMT|[A-Z]{2,4}T)\\)?)?(?![\\p{L}\\p{N}])`,
      'u',
    ),
  };
}

const PATTERNS = buildPatterns(Object.values(DATE_VOCABULARIES));

/** Full weekday names of every language, looked up in the shared word scan: a text without one costs no regex. */
const WEEKDAYS = new WordTable().add(
  Object.values(DATE_VOCABULARIES).flatMap((v) => v.weekdays.filter((w) => w.length > 4 && [...w].every((c) => isLetterCode(c.charCodeAt(0))))),
  1,
  false,
);

/** Month names of every language that are not also ordinary words, for months standing alone after a cue. */
const AMBIGUOUS_MONTHS = new Set(Object.values(DATE_VOCABULARIES).flatMap((v) => v.ambiguousMonths));
const MONTHS = new WordTable().add(
  Object.values(DATE_VOCABULARIES).flatMap((v) => v.months.flat().filter((m) => m.length > 3 && !AMBIGUOUS_MONTHS.has(m) && [...m].every((c) => isLetterCode(c.charCodeAt(0))))),
  1,
  false,
);

const isYear = (year: number): boolean => year >= 1800 && year <= 2100;
const isDayAndMonth = (a: number, b: number): boolean =>
  a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));

function finding(start: number, end: number, score: number): Finding {
  return { start, end, label: 'DATE', score, source: 'pattern:date' };
}

/** Sticky copies of the numeric forms, tried only where `numericStarts` says a match can open. */
const ISO_AT = new RegExp(ISO.source, 'uy');
const DAY_MONTH_YEAR_AT = new RegExp(DAY_MONTH_YEAR.source, 'uy');
const MONTH_YEAR_AT = new RegExp(MONTH_YEAR.source, 'uy');
const DAY_MONTH_AT = new RegExp(DAY_MONTH.source, 'uy');
const SEPARATORS = ['/', '.', '-'];
const isDigitAt = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at);
  return code >= 48 && code <= 57;
};

/**
 * Where a numeric date can open, ascending: the first digit of a run of one to four digits that a separator
 * ("/", ".", "-") and another digit follow. Every numeric form opens so, and no digit may stand before it; the
 * Unicode-mode patterns then run there only, not along the whole text.
 */
function numericStarts(text: string): number[] {
  const starts: number[] = [];
  for (const separator of SEPARATORS) {
    for (let at = text.indexOf(separator, 1); at >= 0; at = text.indexOf(separator, at + 1)) {
      if (!isDigitAt(text, at + 1) || !isDigitAt(text, at - 1)) continue;
      let start = at - 1;
      while (start > 0 && at - start < 4 && isDigitAt(text, start - 1)) start--;
      if (start === 0 || !isDigitAt(text, start - 1)) starts.push(start);
    }
  }
  return starts.sort((a, b) => a - b);
}

function numericDates(text: string, findings: Finding[]): void {
  const starts = numericStarts(text);
  if (starts.length === 0) return;
  for (const match of matchesAt(text, ISO_AT, starts)) {
    const [whole, year = '', , month = '', day = ''] = match;
    if (!isYear(Number(year)) || Number(month) > 12 || !isDayAndMonth(Number(day), Number(month))) continue;
    findings.push(finding(match.index, match.index + whole.length, 0.95));
  }
  for (const match of matchesAt(text, DAY_MONTH_YEAR_AT, starts)) {
    const [whole, first = '', separator = '', second = '', year = ''] = match;
    if (!isDayAndMonth(Number(first), Number(second))) continue;
    if (year.length === 4 && !isYear(Number(year))) continue;
    // "1.2.23" is more often a version than a date; a dotted short year needs two-digit day and month.
    if (year.length === 2 && separator === '.' && (first.length < 2 || second.length < 2)) continue;
    findings.push(finding(match.index, match.index + whole.length, year.length === 4 ? 0.9 : 0.7));
  }
  for (const match of matchesAt(text, MONTH_YEAR_AT, starts)) {
    const [whole, month = '', year = ''] = match;
    if (Number(month) < 1 || Number(month) > 12 || !isYear(Number(year))) continue;
    // "1/2000" is as likely a dilution or a ratio as a month; "06/2016" or a date word makes it a date.
    const context = hasContextBefore(text, match.index, PATTERNS.context, 30);
    if (month.length < 2 && !context) continue;
    findings.push(finding(match.index, match.index + whole.length, context ? 0.8 : 0.6));
  }
  for (const match of matchesAt(text, DAY_MONTH_AT, starts)) {
    const [whole, first = '', second = ''] = match;
    // Fractions ("3/4 cup") and scores look the same; only a date word makes these a date.
    if (!isDayAndMonth(Number(first), Number(second))) continue;
    if (!hasContextBefore(text, match.index, PATTERNS.context, 30)) continue;
    findings.push(finding(match.index, match.index + whole.length, 0.6));
  }
}

/** Every month name and abbreviation of every language, looked up in the shared word scan. */
const ANY_MONTH = new WordTable().add(
  Object.values(DATE_VOCABULARIES).flatMap((v) => v.months.flat()),
  1,
  false,
);
/**
 * How far before its month name a written date can start: a weekday, a day with its suffix and a joiner
 * ("miércoles, 30 de ", "Wednesday, 30th of ").
 */
const MONTH_REACH = 40;
const opensWord = (code: number): boolean => isLetterCode(code) || (code >= 48 && code <= 57);

/**
 * Where a written date can start: every written date holds a month name, so the word openings shortly before
 * each month name of the text (and the month names themselves). The pattern, an alternation tried at every
 * position, then runs only there: a text without a month name costs one pass of the shared word scan.
 */
function writtenDateStarts(text: string, words: WordScan): number[] {
  const months: number[] = [];
  for (let c = 0; c < words.cueCount; c++) {
    const i = words.cues[c] as number;
    if (ANY_MONTH.kindsOf(words, i) !== 0) months.push(words.starts[i] as number);
  }
  if (months.length === 0) return months;
  // startsBefore gives the openings before each month, not the month itself: merge the two ascending lists.
  const before = startsBefore(text, months, MONTH_REACH, opensWord);
  const all: number[] = [];
  for (let a = 0, b = 0; a < before.length || b < months.length; ) {
    const next = b >= months.length || (a < before.length && (before[a] as number) < (months[b] as number)) ? before[a++]! : months[b++]!;
    if (all.at(-1) !== next) all.push(next);
  }
  return all;
}

function writtenDates(text: string, words: WordScan, findings: Finding[]): void {
  for (const match of matchesAt(text, PATTERNS.written, writtenDateStarts(text, words))) {
    const whole = match[0];
    const monthWord = PATTERNS.month.exec(whole)?.[0].replace(/\.$/, '') ?? '';
    const hasYear = /\d{4}|'\d{2}|[a-z.][-/]\d{2}$/i.test(whole);
    if (PATTERNS.ambiguousMonths.has(monthWord) && !hasYear) continue;
    findings.push(finding(match.index, match.index + whole.length, hasYear ? 0.9 : 0.75));
  }
}

/** A cheap test, without Unicode mode, for a zero-padded three-digit part between separators. */
const MAY_HOLD_TYPO = /(?:^|\D)0\d\d[/.-]\d|\d[/.-]0\d\d[/.-]\d/;

function typoDates(text: string, findings: Finding[]): void {
  if (!MAY_HOLD_TYPO.test(text)) return;
  for (const match of execAll(PADDED_TYPO, text)) {
    const [whole, first = '', , second = ''] = match;
    // Exactly one part is a zero-padded three-digit number; the other is a plausible day or month.
    const padded = [first, second].filter((part) => part.length === 3);
    const other = first.length === 3 ? second : first;
    if (padded.length !== 1 || !padded[0]?.startsWith('0') || Number(other) < 1 || Number(other) > 31) continue;
    findings.push(finding(match.index, match.index + whole.length, 0.6));
  }
}

function contextualYears(text: string, findings: Finding[]): void {
  const cued: number[] = [];
  for (const match of execAll(BARE_YEAR, text)) {
    const start = match.index;
    const end = start + match[0].length;
    if (findings.some((f) => start >= f.start && start < f.end)) continue;
    if (hasContextBefore(text, start, PATTERNS.context, 25)) {
      findings.push(finding(start, end, 0.5));
      continue;
    }
    if (!CUED_YEAR.test(match[0])) continue;
    const before = text.slice(Math.max(0, start - 40), start);
    if (QUANTITY_BEFORE.test(before.slice(-24)) && !PATTERNS.joinedYear.test(before)) continue;
    if (QUANTITY_AFTER.test(text.slice(end, end + 16))) continue;
    const joined = PATTERNS.joinedYear.test(before) && cued.length > 0 && start - (cued.at(-1) as number) < 16;
    // "1999 y 2002": two joined years vouch for each other.
    const pairAfter = /^\s*(?:y|and|e|o|or|to|a|-|–)\s*(?:19|20)\d{2}(?!\d)/i.test(text.slice(end, end + 12));
    // "(1938)", "Obwegeser et al. (1964)": a year alone in brackets dates what the sentence tells.
    const bracketed = text[start - 1] === '(' && text[end] === ')' && !QUANTITY_AFTER.test(text.slice(end + 1, end + 17));
    if (!PATTERNS.yearCue.test(before) && !joined && !pairAfter && !bracketed) continue;
    cued.push(end);
    findings.push(finding(start, end, 0.4));
  }
}

/**
 * A time of day written right after a full date belongs to it ("Mon, 3 Jul 2017 10:21", "4 March 2018 at 16:36",
 * "May 17, 2015, 7:39 PM"), as in mail headers and clinical notes; a time standing alone is still not flagged.
 */
function withTimeOfDay(text: string, findings: Finding[]): void {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (!isDigitAt(text, f.end - 1)) continue;
    const time = PATTERNS.timeAfter.exec(text.slice(f.end, f.end + 32));
    if (time) findings[i] = { ...f, end: f.end + time[0].length };
  }
}

/** A weekday used as a day: a cue word before ("on", "el") or after ("morning", a comma). */
function weekdays(text: string, words: WordScan, findings: Finding[]): void {
  for (let c = 0; c < words.cueCount; c++) {
    const i = words.cues[c] as number;
    if (WEEKDAYS.kindsOf(words, i) === 0) continue;
    const start = words.starts[i] as number;
    const end = words.ends[i] as number;
    const cued =
      PATTERNS.weekdayCueBefore.test(text.slice(Math.max(0, start - 12), start)) || PATTERNS.weekdayCueAfter.test(text.slice(end, end + 12));
    const capitalised =
      isCapitalCode(text.charCodeAt(start)) && PATTERNS.capitalisedWeekdays.has(text.slice(start, end).toLowerCase());
    if (!cued && !capitalised) continue;
    if (findings.some((f) => start >= f.start && start < f.end)) continue;
    findings.push(finding(start, end, cued ? 0.5 : 0.4));
  }
}

/** A month name alone after a cue ("Consulta en junio", "since March"), where no longer date holds it. */
function cuedMonths(text: string, words: WordScan, findings: Finding[]): void {
  for (let c = 0; c < words.cueCount; c++) {
    const i = words.cues[c] as number;
    if (MONTHS.kindsOf(words, i) === 0) continue;
    const start = words.starts[i] as number;
    if (!PATTERNS.monthCueBefore.test(text.slice(Math.max(0, start - 16), start))) continue;
    if (findings.some((f) => start >= f.start && start < f.end)) continue;
    findings.push(finding(start, words.ends[i] as number, 0.45));
  }
}

export const dateRecognizer: Recognizer = {
  name: 'pattern:date',
  labels: ['DATE'],
  detect(text: RawText): Finding[] {
    const findings: Finding[] = [];
    const words = wordsOf(text);
    if (words.digits > 0) {
      numericDates(text, findings);
      typoDates(text, findings);
      writtenDates(text, words, findings);
      withTimeOfDay(text, findings);
      contextualYears(text, findings);
    }
    weekdays(text, words, findings);
    cuedMonths(text, words, findings);
    return findings;
  },
};
