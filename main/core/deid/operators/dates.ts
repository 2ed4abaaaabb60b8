import { DATE_VOCABULARIES } from '../recognizers/date-vocabulary.js';

/**
 * Reads the date forms the date recognizer flags (ISO, numeric, English and Spanish written dates) into their
 * parts and writes new parts back in exactly the original's format: same separators, padding, month-name style,
 * ordinal suffix and weekday. Anything else is not a date this module can rewrite, and callers fall back to the
 * placeholder.
 */
export type DateLanguage = 'en' | 'es';

/** A date as precise as it was written: "March 2025" has no day, "14/03" no year, "1980" only a year. */
export interface PartialDate {
  year: number | null;
  month: number | null;
  day: number | null;
}

type Role = 'year' | 'shortYear' | 'month' | 'monthName' | 'day' | 'suffix' | 'weekday';

type Segment =
  | { role: 'text'; text: string }
  | { role: 'year' | 'shortYear' }
  | { role: 'month' | 'day'; pad: boolean }
  | { role: 'monthName'; language: DateLanguage; alternative: number; sample: string }
  | { role: 'suffix'; text: string }
  | { role: 'weekday'; language: DateLanguage; abbreviated: boolean; ascii: boolean; sample: string };

export interface ParsedDate {
  readonly date: PartialDate;
  /** 0 = Sunday, when the text names a weekday. */
  readonly weekday: number | null;
  readonly segments: readonly Segment[];
}

const LANGUAGES: readonly DateLanguage[] = ['en', 'es'];

const WEEKDAYS: Record<DateLanguage, { full: readonly string[]; abbreviated: readonly string[] }> = {
  en: {
    full: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
    abbreviated: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  },
  es: { full: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'], abbreviated: [] },
};
const WEEKDAY_ALIASES: Readonly<Record<string, string>> = { tues: 'tue', thur: 'thu', thurs: 'thu' };

const stripAccents = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '');

interface WordEntry {
  language: DateLanguage;
  index: number;
  alternative: number;
}

function monthWords(): Map<string, WordEntry[]> {
  const words = new Map<string, WordEntry[]>();
  for (const language of LANGUAGES) {
    DATE_VOCABULARIES[language]?.months.forEach((alternatives, index) =>
      alternatives.forEach((word, alternative) => {
        words.set(word, [...(words.get(word) ?? []), { language, index, alternative }]);
      }),
    );
  }
  return words;
}

function weekdayWords(): Map<string, { language: DateLanguage; index: number; abbreviated: boolean; ascii: boolean }[]> {
  const words = new Map<string, { language: DateLanguage; index: number; abbreviated: boolean; ascii: boolean }[]>();
  const add = (word: string, entry: { language: DateLanguage; index: number; abbreviated: boolean; ascii: boolean }): void => {
    words.set(word, [...(words.get(word) ?? []), entry]);
  };
  for (const language of LANGUAGES) {
    WEEKDAYS[language].full.forEach((word, index) => {
      add(word, { language, index, abbreviated: false, ascii: false });
      if (stripAccents(word) !== word) add(stripAccents(word), { language, index, abbreviated: false, ascii: true });
    });
    WEEKDAYS[language].abbreviated.forEach((word, index) => add(word, { language, index, abbreviated: true, ascii: false }));
  }
  for (const [alias, word] of Object.entries(WEEKDAY_ALIASES)) {
    add(alias, { language: 'en', index: WEEKDAYS.en.abbreviated.indexOf(word), abbreviated: true, ascii: false });
  }
  return words;
}

const MONTH_WORDS = monthWords();
const WEEKDAY_WORDS = weekdayWords();

const alternation = (words: Iterable<string>): string =>
  [...new Set(words)].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

const joiners = (pick: 'dayMonthJoiners' | 'monthYearJoiners' | 'ordinalSuffixes'): string =>
  alternation(LANGUAGES.flatMap((l) => DATE_VOCABULARIES[l]?.[pick] ?? []));

const WEEKDAY = `(?:(?<weekday>${alternation(WEEKDAY_WORDS.keys())})\\.?,?\\s+)?`;
const MONTH = `(?<monthName>${alternation(MONTH_WORDS.keys())})\\.?`;
const DAY = `(?<day>\\d{1,2})(?<suffix>${joiners('ordinalSuffixes')})?`;
const YEAR = `(?:(?<year>(?:1[6-9]|20)\\d{2})|'(?<shortYear>\\d{2}))`;
const DAY_TO_MONTH = `(?:\\s+(?:(?:${joiners('dayMonthJoiners')})\\s+)?|\\s?[-\\/.]\\s?)`;
const MONTH_TO_YEAR = `(?:,?\\s+(?:(?:${joiners('monthYearJoiners')})\\s+)?|[-\\/.])`;

const WRITTEN: readonly RegExp[] = [
  `^${WEEKDAY}${DAY}${DAY_TO_MONTH}${MONTH}(?:${MONTH_TO_YEAR}${YEAR})?$`,
  `^${WEEKDAY}${MONTH}\\s+${DAY}(?:,?\\s+${YEAR})?$`,
  `^${MONTH}${MONTH_TO_YEAR}${YEAR}$`,
  `^${MONTH}[-\\/](?<shortYear>\\d{2})$`,
].map((source) => new RegExp(source, 'diu'));

const ISO = /^(?<year>\d{4})(?<sep>[/.-])(?<month>\d{1,2})\k<sep>(?<day>\d{1,2})(?:(?:T|\s+)\d{1,2}:\d{2}.*)?$/d;
const NUMERIC = /^(?<first>\d{1,2})(?<sep>[/.-])(?<second>\d{1,2})\k<sep>(?<year>\d{4}|\d{2})$/d;
const MONTH_YEAR = /^(?<month>\d{1,2})[/.-](?<year>\d{4})$/d;
const DAY_MONTH = /^(?<first>\d{1,2})[/.-](?<second>\d{1,2})$/d;
const BARE_YEAR = /^(?<year>1[89]\d{2}|20\d{2})$/d;

/** Two-digit years: "25" is 2025, "98" is 1998. */
const fullYear = (twoDigits: number): number => (twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits);

function daysInMonth(year: number | null, month: number): number {
  // A date without a year may be 29 February, so its month is measured in a leap year.
  return new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
}

function isValid(date: PartialDate): boolean {
  if (date.month !== null && (date.month < 1 || date.month > 12)) return false;
  if (date.day === null) return true;
  return date.month !== null && date.day >= 1 && date.day <= daysInMonth(date.year, date.month);
}

/** Cuts the text into typed parts (by capture group) and the literal text between them. */
function segmentsOf(text: string, match: RegExpExecArray, roles: Partial<Record<string, Role>>, build: (role: Role, value: string) => Segment): Segment[] {
  const parts: { start: number; end: number; segment: Segment }[] = [];
  for (const [group, role] of Object.entries(roles)) {
    const span = match.indices?.groups?.[group];
    const value = match.groups?.[group];
    if (!span || value === undefined || !role) continue;
    parts.push({ start: span[0], end: span[1], segment: build(role, value) });
  }
  parts.sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let last = 0;
  for (const part of parts) {
    if (part.start > last) segments.push({ role: 'text', text: text.slice(last, part.start) });
    segments.push(part.segment);
    last = part.end;
  }
  if (last < text.length) segments.push({ role: 'text', text: text.slice(last) });
  return segments;
}

function numericSegment(pad: boolean) {
  return (role: Role): Segment => (role === 'month' || role === 'day' ? { role, pad } : ({ role } as Segment));
}

function parseNumeric(text: string, language: DateLanguage): ParsedDate | null {
  const iso = ISO.exec(text);
  if (iso?.groups) {
    const { year = '', month = '', day = '' } = iso.groups;
    const date = { year: Number(year), month: Number(month), day: Number(day) };
    const pad = month.length === 2 && day.length === 2;
    return { date, weekday: null, segments: segmentsOf(text, iso, { year: 'year', month: 'month', day: 'day' }, numericSegment(pad)) };
  }
  const full = NUMERIC.exec(text) ?? DAY_MONTH.exec(text);
  if (full?.groups) {
    const { first = '', second = '', sep = '', year } = full.groups;
    const a = Number(first);
    const b = Number(second);
    // Day first unless the text can only be month first, or it is English with slashes or dashes ("03/14/2025").
    const monthFirst = b > 12 || (a <= 12 && language === 'en' && sep !== '.');
    const roles: Record<string, Role> = monthFirst ? { first: 'month', second: 'day' } : { first: 'day', second: 'month' };
    if (year !== undefined) roles.year = year.length === 4 ? 'year' : 'shortYear';
    const date = {
      year: year === undefined ? null : year.length === 4 ? Number(year) : fullYear(Number(year)),
      month: monthFirst ? a : b,
      day: monthFirst ? b : a,
    };
    const pad = first.length === 2 && second.length === 2;
    return { date, weekday: null, segments: segmentsOf(text, full, roles, numericSegment(pad)) };
  }
  const monthYear = MONTH_YEAR.exec(text);
  if (monthYear?.groups) {
    const { month = '', year = '' } = monthYear.groups;
    const date = { year: Number(year), month: Number(month), day: null };
    return { date, weekday: null, segments: segmentsOf(text, monthYear, { month: 'month', year: 'year' }, numericSegment(month.length === 2)) };
  }
  const bare = BARE_YEAR.exec(text);
  if (bare?.groups) {
    return { date: { year: Number(bare.groups.year), month: null, day: null }, weekday: null, segments: segmentsOf(text, bare, { year: 'year' }, numericSegment(false)) };
  }
  return null;
}

function pickEntry<T extends { language: DateLanguage }>(entries: readonly T[] | undefined, language: DateLanguage): T | undefined {
  return entries?.find((e) => e.language === language) ?? entries?.[0];
}

function parseWritten(text: string, language: DateLanguage): ParsedDate | null {
  for (const pattern of WRITTEN) {
    const match = pattern.exec(text);
    if (!match?.groups) continue;
    const { monthName = '', day, year, shortYear, weekday } = match.groups;
    const month = pickEntry(MONTH_WORDS.get(monthName.toLowerCase()), language);
    if (!month) return null;
    const weekdayEntry = weekday === undefined ? undefined : pickEntry(WEEKDAY_WORDS.get(weekday.toLowerCase()), language);
    const date = {
      year: year !== undefined ? Number(year) : shortYear !== undefined ? fullYear(Number(shortYear)) : null,
      month: month.index + 1,
      day: day === undefined ? null : Number(day),
    };
    const roles: Record<string, Role> = { monthName: 'monthName', day: 'day', suffix: 'suffix', year: 'year', shortYear: 'shortYear', weekday: 'weekday' };
    const segments = segmentsOf(text, match, roles, (role, value): Segment => {
      switch (role) {
        case 'monthName':
          return { role, language: month.language, alternative: month.alternative, sample: value };
        case 'weekday':
          return { role, language: weekdayEntry?.language ?? language, abbreviated: weekdayEntry?.abbreviated ?? false, ascii: weekdayEntry?.ascii ?? false, sample: value };
        case 'day':
          return { role, pad: value.length === 2 && value.startsWith('0') };
        case 'suffix':
          return { role, text: value };
        default:
          return { role } as Segment;
      }
    });
    return { date, weekday: weekdayEntry?.index ?? null, segments };
  }
  return null;
}

/** Parses one date as the date recognizer flags it; null when the text is not a date this module can rewrite. */
export function parseDate(text: string, language: DateLanguage): ParsedDate | null {
  const parsed = parseNumeric(text, language) ?? parseWritten(text, language);
  return parsed && isValid(parsed.date) ? parsed : null;
}

function withCasingOf(sample: string, word: string): string {
  if (sample.length > 1 && sample === sample.toUpperCase() && sample !== sample.toLowerCase()) return word.toUpperCase();
  const first = sample.charAt(0);
  if (first !== first.toLowerCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word;
}

function englishOrdinal(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Writes `date` (and `weekday`, 0 = Sunday) in the format `parsed` was read from. */
export function formatDate(parsed: ParsedDate, date: PartialDate, weekday: number | null): string {
  return parsed.segments
    .map((segment) => {
      switch (segment.role) {
        case 'text':
          return segment.text;
        case 'year':
          return String(date.year);
        case 'shortYear':
          return pad2((date.year ?? 0) % 100);
        case 'month':
          return segment.pad ? pad2(date.month ?? 0) : String(date.month);
        case 'day':
          return segment.pad ? pad2(date.day ?? 0) : String(date.day);
        case 'suffix':
          if (/^(st|nd|rd|th)$/i.test(segment.text)) return withCasingOf(segment.text, englishOrdinal(date.day ?? 0));
          // Spanish marks only the first of the month as an ordinal: "1º de marzo" but "2 de marzo".
          return date.day === 1 ? segment.text : '';
        case 'monthName': {
          const alternatives = DATE_VOCABULARIES[segment.language]?.months[(date.month ?? 1) - 1] ?? [];
          return withCasingOf(segment.sample, alternatives[Math.min(segment.alternative, alternatives.length - 1)] ?? '');
        }
        case 'weekday': {
          const names = segment.abbreviated ? WEEKDAYS[segment.language].abbreviated : WEEKDAYS[segment.language].full;
          const name = names[weekday ?? 0] ?? '';
          return withCasingOf(segment.sample, segment.ascii ? stripAccents(name) : name);
        }
      }
    })
    .join('');
}

const DAY_MS = 86_400_000;

/**
 * Moves a date by whole days. A date missing its day is moved from mid-month and one missing its month from
 * mid-year, so that a shift changes it only when the shift crosses a boundary of the precision it was written in.
 */
export function shiftDate(date: PartialDate, days: number): PartialDate {
  const year = date.year ?? 2000;
  const month = date.month ?? 7;
  const day = date.day ?? (date.month === null ? 2 : 15);
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return {
    year: date.year === null ? null : shifted.getUTCFullYear(),
    month: date.month === null ? null : shifted.getUTCMonth() + 1,
    day: date.day === null ? null : shifted.getUTCDate(),
  };
}

/** The weekday `days` after `weekday`. */
export function shiftWeekday(weekday: number | null, days: number): number | null {
  return weekday === null ? null : (((weekday + days) % 7) + 7) % 7;
}
