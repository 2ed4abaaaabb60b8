import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { contextPattern, hasContextBefore, hasDigits } from './context.js';
import { DATE_VOCABULARIES, type DateVocabulary } from './date-vocabulary.js';

/**
 * Dates, numeric and written, in any language of `DATE_VOCABULARIES`. HIPAA treats every element of a date
 * smaller than the year as identifying, so day+month and month+year are flagged; a bare year, a bare month or
 * weekday, and a time of day are not, because they rarely identify anyone and redacting them guts the text.
 * A bare year, or a day/month with no year, is flagged only when a date word ("born", "fecha") precedes it.
 * Every written form carries a number, so texts without digits are skipped outright.
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

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length).map(escape).join('|');
}

interface WrittenDatePatterns {
  readonly written: RegExp;
  readonly month: RegExp;
  readonly ambiguousMonths: ReadonlySet<string>;
  readonly context: RegExp;
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
      'gi',
    ),
    month: new RegExp(`(?<![\\p{L}])${month}(?![\\p{L}])`, 'iu'),
    ambiguousMonths: new Set(collect((v) => v.ambiguousMonths)),
    context: contextPattern(collect((v) => v.contextWords)),
  };
}

const PATTERNS = buildPatterns(Object.values(DATE_VOCABULARIES));

const isYear = (year: number): boolean => year >= 1800 && year <= 2100;
const isDayAndMonth = (a: number, b: number): boolean =>
  a >= 1 && b >= 1 && ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));

function finding(start: number, end: number, score: number): Finding {
  return { start, end, label: 'DATE', score, source: 'pattern:date' };
}

function numericDates(text: string, findings: Finding[]): void {
  for (const match of text.matchAll(ISO)) {
    const [whole, year = '', , month = '', day = ''] = match;
    if (!isYear(Number(year)) || Number(month) > 12 || !isDayAndMonth(Number(day), Number(month))) continue;
    findings.push(finding(match.index, match.index + whole.length, 0.95));
  }
  for (const match of text.matchAll(DAY_MONTH_YEAR)) {
    const [whole, first = '', separator = '', second = '', year = ''] = match;
    if (!isDayAndMonth(Number(first), Number(second))) continue;
    if (year.length === 4 && !isYear(Number(year))) continue;
    // "1.2.23" is more often a version than a date; a dotted short year needs two-digit day and month.
    if (year.length === 2 && separator === '.' && (first.length < 2 || second.length < 2)) continue;
    findings.push(finding(match.index, match.index + whole.length, year.length === 4 ? 0.9 : 0.7));
  }
  for (const match of text.matchAll(MONTH_YEAR)) {
    const [whole, month = '', year = ''] = match;
    if (Number(month) < 1 || Number(month) > 12 || !isYear(Number(year))) continue;
    // "1/2000" is as likely a dilution or a ratio as a month; "06/2016" or a date word makes it a date.
    const context = hasContextBefore(text, match.index, PATTERNS.context, 30);
    if (month.length < 2 && !context) continue;
    findings.push(finding(match.index, match.index + whole.length, context ? 0.8 : 0.6));
  }
  for (const match of text.matchAll(DAY_MONTH)) {
    const [whole, first = '', second = ''] = match;
    // Fractions ("3/4 cup") and scores look the same; only a date word makes these a date.
    if (!isDayAndMonth(Number(first), Number(second))) continue;
    if (!hasContextBefore(text, match.index, PATTERNS.context, 30)) continue;
    findings.push(finding(match.index, match.index + whole.length, 0.6));
  }
}

function writtenDates(text: string, findings: Finding[]): void {
  for (const match of text.matchAll(PATTERNS.written)) {
    const whole = match[0];
    const monthWord = PATTERNS.month.exec(whole)?.[0].replace(/\.$/, '') ?? '';
    const hasYear = /\d{4}|'\d{2}|[a-z.][-/]\d{2}$/i.test(whole);
    if (PATTERNS.ambiguousMonths.has(monthWord) && !hasYear) continue;
    findings.push(finding(match.index, match.index + whole.length, hasYear ? 0.9 : 0.75));
  }
}

function contextualYears(text: string, findings: Finding[]): void {
  for (const match of text.matchAll(BARE_YEAR)) {
    if (findings.some((f) => match.index >= f.start && match.index < f.end)) continue;
    if (!hasContextBefore(text, match.index, PATTERNS.context, 25)) continue;
    findings.push(finding(match.index, match.index + match[0].length, 0.5));
  }
}

export const dateRecognizer: Recognizer = {
  name: 'pattern:date',
  labels: ['DATE'],
  detect(text: RawText): Finding[] {
    if (!hasDigits(text, 1)) return [];
    const findings: Finding[] = [];
    numericDates(text, findings);
    writtenDates(text, findings);
    contextualYears(text, findings);
    return findings;
  },
};
