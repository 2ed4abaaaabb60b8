import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { execAll } from './exec-all.js';
import { SubstringGate } from './substring-gate.js';
import { digitCount, matchesAt } from './word-scan.js';

/**
 * Explicit ages: "45 years old", "a 38-year-old", "72 y/o", "aged 45", "age: 45", "I just turned 52",
 * "varón de 53 años", "Edad: 47", "13 años de edad", "lactante de 5 meses". The number is flagged with the unit
 * written right after it ("53 años", "38-year-old", "72 y/o"): clinical annotation standards count the unit as
 * part of the age, and a placeholder reads as well without it ("varón de [AGE_1]").
 *
 * HIPAA Safe Harbor makes only ages over 89 identifiers, but an age narrows down a person in any small
 * population, so every explicit age is flagged: over 89 at 0.9, others lower. "N años" alone is as often a
 * duration ("desde hace 5 años") as an age, so Spanish needs "edad", "de edad", a person noun, or "de N años"
 * not followed by a duration phrase ("de evolución").
 */
/**
 * Every pattern holds a number, a Spanish unit word ("años", "mes", "días", "semanas") or a written-out age ("three
 * weeks old"); texts with none are skipped.
 */
const WRITTEN_OUT_AGE = /(?:week|month|day)s?[\s-]+old/i;

/** For a text without a digit: the unit words looked for in its lower case, the regex only after an "old". */
function mayHoldAgeWithoutDigits(text: string, lower: string): boolean {
  return (
    lower.includes('años') || lower.includes('mes') || lower.includes('días') || lower.includes('semanas') || (lower.includes('old') && WRITTEN_OUT_AGE.test(text))
  );
}

interface AgePattern {
  readonly regex: RegExp;
  /** Words one of which the lower-cased text must hold before `regex` is run over it: a cheap first test. */
  readonly gate?: readonly string[];
  readonly score: number;
  /** Checked on the text right after the match. */
  readonly rejectAfter?: RegExp;
  /** Checked on the text right before the number. */
  readonly rejectBefore?: RegExp;
  /**
   * For a pattern that ends in a Spanish unit after its number ("varón de 53 años"): how many words (runs of
   * non-blanks, split at commas too where the pattern allows them there) a match holds before its unit, and the
   * one unit it needs, if any. Such a pattern is tried only at the word openings that close before a unit, not
   * across the text (see `unitAnchoredStarts`).
   */
  readonly beforeUnit?: { readonly words: number; readonly commas: boolean; readonly unit?: string };
}

/**
 * Latin letters: the languages these patterns cover need no more, and unlike \p{L} this class keeps the
 * regexes out of Unicode mode, which is several times slower to scan. Patterns open with an ASCII `\b` for the
 * same reason; every word they open on starts with an ASCII letter or digit.
 */
const LETTER = 'a-zà-öø-ÿ';
// Not part of a decimal or a range ("aged 2-12" describes a group, not a person).
const NUMBER = '(\\d{1,3})(?![\\d.,]\\d|\\s*[-–]\\s*\\d)';
/** Ages written out, as clinical notes do for children ("niña de tres años"). */
const NUMBER_WORDS =
  'un|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciséis|' +
  'diecisiete|dieciocho|diecinueve|veinte|veintiuno|veintiuna|veintidós|veintitrés|veinticuatro|veinticinco|' +
  'veintiséis|veintisiete|veintiocho|veintinueve|' +
  // "sesenta y tres", as adults' ages are written out too.
  '(?:treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)(?:\\s+y\\s+(?:uno|una|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)(?![a-zà-öø-ÿ]))?|' +
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|' +
  'thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty';
const NUMBER_OR_WORD = `(\\d{1,3}(?![\\d.,]\\d)|(?:${NUMBER_WORDS})(?![${LETTER}]))`;
/** Units of a young child's age; singular forms for "un mes", "una semana". */
const CHILD_UNIT_WORDS = '(?:años|año|meses|mes|días|dias|día|dia|semanas|semana)';
const CHILD_UNITS =
  CHILD_UNIT_WORDS +
  // "y medio", and a smaller unit after the larger: "dos años y diez meses", "1 mes y 29 días".
  `(?:\\s+y\\s+(?:medio|(?:\\d{1,2}|${NUMBER_WORDS})\\s+(?:meses|mes|días|dias|día|dia|semanas|semana)(?![a-zà-öø-ÿ])))?`;
const ORDINALS = 'primer|primero|segundo|tercer|tercero|cuarto|quinto|sexto|séptimo|septimo|octavo|noveno|décimo|decimo|undécimo|duodécimo';
const PERSON_NOUNS =
  'varón|varon|mujer|hombre|paciente|niña|niño|chica|chico|lactante|bebé|bebe|adolescente|anciana|anciano|joven|' +
  'señora|señor|sujeto|persona|individuo|neonato|recién nacido|recién nacida|gestante|hija|hijo|hermana|hermano|' +
  'madre|padre|esposa|esposo|abuela|abuelo|primigesta|secundigesta';
const DURATION_AFTER =
  /^\s*(?:del\s+(?:alta|ingreso|diagnóstico|diagnostico|inicio|trasplante|tratamiento|parto|nacimiento|accidente)(?![a-zà-ÿ])|de\s+(?:evolución|evolucion|duración|duracion|seguimiento|tratamiento|antigüedad|diagnóstico|la|el|del|su|sus|haber)(?![a-zà-ÿ])|(?:antes|después|despues|más tarde|mas tarde|atrás|tras|desde)(?![a-zà-ÿ]))/i;
/** "hace más de 30 años", "un periodo de 6 años", "ex fumador de 8 años": spans of time, not ages. */
const DURATION_BEFORE =
  /(?:hace|cabo|periodo|período|seguimiento|evolución|evolucion|luego|después|despues|tras|fumador|fumadora|ósea|osea|tiempo|duración|lapso|plazo|intervalo|más|mas|menos|lleva|llevaba|durante|cada|últimos|ultimos|primeros)(?:\s+[a-zà-ÿ]+)?\s+(?:de\s+)?$/i;

/** "over the age of 18", "drinking age 21": a rule about ages, not someone's age. */
const AGE_LIMIT =
  /(?:over|under|above|below|minimum|least|legal|drinking|voting|retirement|consent|maximum)\s+(?:the\s+)?(?:age|aged)(?:\s+of|\s+is)?\s*:?\s*$/i;

const PATTERNS: readonly AgePattern[] = [
  { regex: new RegExp(`\\b${NUMBER}\\s*-?\\s*(?:years?|yrs?|yr)\\.?\\s*-?\\s*old(?![${LETTER}])`, 'dgi'), score: 0.7, gate: ['old'] },
  // "6-week-old", "18 months old", "a three-day-old infant": a baby's age.
  {
    regex: new RegExp(`\\b${NUMBER_OR_WORD}\\s*-?\\s*(?:months?|mos?|weeks?|wks?|days?)\\.?\\s*-?\\s*old(?![${LETTER}])`, 'dgi'),
    score: 0.7,
    gate: ['old'],
  },
  // "al cuarto mes de vida", "al mes de vida".
  { regex: new RegExp(`\\b(?:al|el|del)\\s+((?:(?:${ORDINALS})\\s+)?(?:mes|día|dia|semana|año))\\s+de\\s+vida(?![${LETTER}])`, 'dgi'), score: 0.6, gate: ['vida'] },
  { regex: new RegExp(`\\b${NUMBER}\\s*-?\\s*(?:y\\/o|y\\.o\\.?|yo|yoa)(?![${LETTER}\\d])`, 'dgi'), score: 0.7, gate: ['yo', 'y/o', 'y.o'] },
  {
    regex: new RegExp(`\\b(?:aged|age(?:\\s+of|\\s+is|\\s+was)?|ages?\\s*:)\\s*${NUMBER}(?![${LETTER}\\d%°])`, 'dgi'),
    score: 0.6,
    rejectBefore: AGE_LIMIT,
    gate: ['age'],
  },
  {
    regex: new RegExp(`\\bturn(?:ed|s|ing)?\\s+${NUMBER}(?=\\s*(?:[.!?,;)]|$|\\s+(?:years?|today|yesterday|this|last|next|on|in|and)(?![${LETTER}])))`, 'dgi'),
    score: 0.5,
    gate: ['turn'],
  },
  { regex: new RegExp(`\\bedad(?:\\s+de|\\s*:)?\\s*${NUMBER}(?![\\d])`, 'dgi'), score: 0.7, gate: ['edad'] },
  {
    regex: new RegExp(`\\b(?:${PERSON_NOUNS})(?:[\\s,]+[${LETTER}]+){0,3}?[\\s,]+de\\s+${NUMBER_OR_WORD}\\s+${CHILD_UNITS}(?![${LETTER}])`, 'dgi'),
    score: 0.7,
    rejectAfter: DURATION_AFTER,
    rejectBefore: DURATION_BEFORE,
    gate: ['año', 'mes', 'día', 'dia', 'semana'],
    // The person noun (two words: "recién nacido"), three more words, "de" and the number (three words:
    // "sesenta y tres").
    beforeUnit: { words: 9, commas: true },
  },
  {
    // "Paciente mujer, 44 años", "Paciente morena, sexo femenino, 23 años": the age after a comma, in a description.
    regex: new RegExp(`\\b(?:${PERSON_NOUNS})(?:[\\s,]+[${LETTER}]+){0,3}?,\\s*${NUMBER_OR_WORD}\\s+${CHILD_UNITS}(?![${LETTER}])`, 'dgi'),
    score: 0.6,
    rejectAfter: DURATION_AFTER,
    gate: ['año', 'mes', 'día', 'dia', 'semana'],
    // The person noun (two words), three more words and the number (three words), split at blanks and commas.
    beforeUnit: { words: 8, commas: true },
  },
  {
    regex: new RegExp(`\\b(?:de|tenía|tenia|tiene|con|cumplió|cumplio|cumple|cumplir)\\s+${NUMBER_OR_WORD}\\s+años(?![${LETTER}])`, 'dgi'),
    score: 0.5,
    rejectAfter: DURATION_AFTER,
    rejectBefore: DURATION_BEFORE,
    gate: ['años'],
    // The opening word and the number (three words: "sesenta y tres").
    beforeUnit: { words: 4, commas: false, unit: 'años' },
  },
  {
    // "a los 7 años" is an age two times in three; "a los 5 años de la cirugía" is a delay.
    regex: new RegExp(`\\b(?:a|desde|hasta|de)\\s+los\\s+${NUMBER_OR_WORD}\\s+años(?![${LETTER}])`, 'dgi'),
    score: 0.4,
    rejectAfter: DURATION_AFTER,
    gate: ['años'],
    // "a los" and the number (three words: "sesenta y tres").
    beforeUnit: { words: 5, commas: false, unit: 'años' },
  },
];

/** Sticky copies of the unit-anchored patterns, tried at the places `unitAnchoredStarts` gives. */
const STICKY = new Map(PATTERNS.filter((p) => p.beforeUnit).map((p) => [p, new RegExp(p.regex.source, 'dyi')]));

/** Unit-anchored patterns that accept the same units and split words alike, whose starts are found together. */
interface UnitGroup {
  readonly commas: boolean;
  readonly unit: string | undefined;
  readonly patterns: AgePattern[];
}
/** Each unit-anchored pattern's group. */
const UNIT_GROUP_OF: ReadonlyMap<AgePattern, UnitGroup> = (() => {
  const groups: UnitGroup[] = [];
  const groupOf = new Map<AgePattern, UnitGroup>();
  for (const pattern of PATTERNS) {
    if (!pattern.beforeUnit) continue;
    const { commas, unit } = pattern.beforeUnit;
    let group = groups.find((g) => g.commas === commas && g.unit === unit);
    if (!group) groups.push((group = { commas, unit, patterns: [] }));
    group.patterns.push(pattern);
    groupOf.set(pattern, group);
  }
  return groupOf;
})();

/**
 * A unit as those patterns end: after a blank, and not followed by a letter. Every match of theirs holds one, so
 * this scan for a blank and a few words replaces the patterns' own scans, which open on long word alternations
 * and so are tried at almost every word of a Spanish text.
 */
const UNIT = new RegExp(`\\s(${CHILD_UNIT_WORDS})(?![${LETTER}])`, 'gi');
/** What `\s` matches, by UTF-16 code unit. */
const BLANK = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) if (/\s/.test(String.fromCharCode(code))) BLANK[code] = 1;
const isAsciiWordCode = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
const isAsciiLetterCode = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

const separates = (code: number, commas: boolean): boolean => BLANK[code] === 1 || (commas && code === 44);

/**
 * Where a match of a unit-anchored pattern can start, ascending: every pattern opens with `\b` and an ASCII
 * letter, within the `words` runs of non-blanks (and non-commas, if `commas`) before one of `units` (the
 * positions of the units it accepts). A superset of the real starts; the sticky pattern decides.
 *
 * Given for several word counts at once (a list for each of `wordCounts`), from one walk back from each unit and
 * one pass over the chars it covers: the patterns that read the same units and separators share them. With each
 * pattern walking back and scanning apiece the age recognizer took about 3 % more CPU on the bench corpus (13.5
 * against 13.1 ms a copy of the data sets, three interleaved pairs).
 */
export function unitAnchoredStarts(text: string, units: readonly number[], wordCounts: readonly number[], commas: boolean): number[][] {
  const lists = wordCounts.map((): number[] => []);
  const most = Math.max(...wordCounts);
  // Where each list's range opens before the unit: after its number of words, or at the text's start.
  const opens = wordCounts.map(() => 0);
  let covered = 0;
  for (const unit of units) {
    let at = unit;
    for (let k = 0; k < wordCounts.length; k++) opens[k] = wordCounts[k] === 0 ? unit : -1;
    for (let n = 0; n < most && at > 0; n++) {
      while (at > 0 && separates(text.charCodeAt(at - 1), commas)) at--;
      while (at > 0 && !separates(text.charCodeAt(at - 1), commas)) at--;
      for (let k = 0; k < wordCounts.length; k++) if (wordCounts[k] === n + 1) opens[k] = at;
    }
    let from = unit;
    for (let k = 0; k < wordCounts.length; k++) {
      if (opens[k]! < 0) opens[k] = at;
      opens[k] = Math.max(opens[k]!, covered);
      from = Math.min(from, opens[k]!);
    }
    for (let i = from; i < unit; i++) {
      if (!isAsciiLetterCode(text.charCodeAt(i)) || (i > 0 && isAsciiWordCode(text.charCodeAt(i - 1)))) continue;
      for (let k = 0; k < wordCounts.length; k++) if (i >= opens[k]!) lists[k]!.push(i);
    }
    covered = Math.max(covered, unit);
  }
  return lists;
}

/** The unit right after an age's number: "años", "meses", "-year-old", " years old", " y/o", "yo". */
const UNIT_AFTER = new RegExp(
  `\\s*-?\\s*(?:(?:years?|yrs?|yr|months?|mos?|weeks?|wks?|days?)\\.?(?:\\s*-?\\s*old)?|${CHILD_UNITS}|y\\/o|y\\.o\\.?|yo|yoa)(?![${LETTER}\\d])`,
  'iy',
);

/** Where an age whose number ends at `end` ends, its unit included. */
function endWithUnit(text: string, end: number): number {
  UNIT_AFTER.lastIndex = end;
  return UNIT_AFTER.test(text) ? UNIT_AFTER.lastIndex : end;
}

/**
 * "13 años de edad", "19 días de vida", "un mes y medio de vida", "nueve meses de edad": found from the unit
 * phrase, then the number before it, since a regex opening on the number-word alternation is tried at every word.
 */
const OF_LIFE = new RegExp(`${CHILD_UNITS}\\s+de\\s+(?:vida(?!\\s+útil)|edad)(?![${LETTER}])`, 'gi');
const NUMBER_BEFORE = new RegExp(`(?:^|[^${LETTER}\\d])(\\d{1,3}|${NUMBER_WORDS})\\s+$`, 'i');

function agesOfLife(text: string, held: number, findings: Finding[], seen: Set<number>): void {
  if ((held & OF_LIFE_BITS) === 0) return;
  for (const match of execAll(OF_LIFE, text)) {
    const from = Math.max(0, match.index - 16);
    const number = NUMBER_BEFORE.exec(text.slice(from, match.index));
    const value = number?.[1];
    if (!number || value === undefined) continue;
    const numberStart = from + number.index + number[0].indexOf(value);
    if (seen.has(numberStart) || Number(value) > 125) continue;
    seen.add(numberStart);
    const end = endWithUnit(text, numberStart + value.length);
    findings.push({ start: numberStart, end, label: 'AGE', score: Number(value) > 89 ? 0.9 : 0.8, source: 'pattern:age' });
  }
}

/** "he was", "I'm", "she is": a person and a form of "to be" right before a number. */
const PERSON_IS_BEFORE = /(?:^|[^a-zà-öø-ÿ'’])(?:(?:he|she|i|they|we)[ \t]+(?:was|were|is|am|are)|i'm|i’m|im|he's|she's)[ \t]+$/i;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** A number of up to three digits closing its clause; the character before it is checked by the caller. */
const CLAUSE_END_NUMBER = /\d{1,3}(?!\d)(?=[ \t]*(?:[.!?,;)](?!\d)|$))/g;

/**
 * "Written when he was 78.", "I'm 45, and", "she is 92!": a bare number of up to three digits that closes its
 * clause right after a person and "to be". The scan opens on the number (a digit, cheap to scan for), since a
 * regex opening on the pronoun alternation would be tried at every word.
 */
function agesAfterToBe(text: string, findings: Finding[], seen: Set<number>): void {
  for (const match of execAll(CLAUSE_END_NUMBER, text)) {
    const start = match.index;
    const before = text[start - 1];
    if (before !== undefined && (isDigit(before.charCodeAt(0)) || before === '.' || before === ',') || seen.has(start)) continue;
    const age = Number(match[0]);
    if (age > 125 || !PERSON_IS_BEFORE.test(text.slice(Math.max(0, start - 16), start))) continue;
    seen.add(start);
    findings.push({ start, end: start + match[0].length, label: 'AGE', score: age > 89 ? 0.9 : 0.45, source: 'pattern:age' });
  }
}

/**
 * Two ages sharing one unit: "padres de 74 y 64 años", "de los 12 a los 17 años", "entre 3 y 5 meses". The
 * second is found with its unit by the patterns above or here; the first, which has no unit of its own, only here.
 * The scan opens on the first number (a digit: cheap to scan for), and the word before it is checked after.
 */
const AGE_PAIR = new RegExp(`(\\d{1,3})\\s+(?:y|e|a|hasta)\\s+(?:los\\s+)?(\\d{1,3})\\s+(?:años|meses)(?![${LETTER}])`, 'dgi');
const PAIR_OPENER = new RegExp(`(?:^|[^${LETTER}])(?:(?:de|entre|desde)\\s+(?:los\\s+)?|a\\s+los\\s+)$`, 'i');

function agePairs(text: string, findings: Finding[], seen: Set<number>): void {
  for (const match of execAll(AGE_PAIR, text)) {
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    if (!PAIR_OPENER.test(before) || (match.index > 0 && isDigit(text.charCodeAt(match.index - 1)))) continue;
    const matchEnd = match.index + match[0].length;
    if (DURATION_AFTER.test(text.slice(matchEnd, matchEnd + 40)) || DURATION_BEFORE.test(before)) continue;
    for (const group of [1, 2]) {
      const [start, end] = match.indices?.[group] ?? [0, 0];
      const age = Number(match[group]);
      if (end === 0 || seen.has(start) || age > 125) continue;
      seen.add(start);
      findings.push({ start, end: group === 2 ? endWithUnit(text, end) : end, label: 'AGE', score: age > 89 ? 0.9 : 0.45, source: 'pattern:age' });
    }
  }
}

/** Every word a gate of this recognizer tests, looked for in the lower-cased text in one pass. */
const GATES = new SubstringGate([...new Set([...PATTERNS.flatMap((p) => p.gate ?? []), 'vida', 'edad', 'años', 'meses'])]);
/** Each pattern's gate as bits of `GATES`. */
const GATE_BITS = new Map(PATTERNS.map((p) => [p, p.gate?.reduce((bits, word) => bits | GATES.bit(word), 0)]));
const OF_LIFE_BITS = GATES.bit('vida') | GATES.bit('edad');
const PAIR_BITS = GATES.bit('años') | GATES.bit('meses');

export const ageRecognizer: Recognizer = {
  name: 'pattern:age',
  labels: ['AGE'],
  detect(text: RawText): Finding[] {
    // Gates test the lower-cased text with includes(): a case-insensitive regex per word cost more than the patterns.
    const lower = text.toLowerCase();
    // A digit, from the shared word scan, settles it for most texts; the others are tested word by word.
    if (digitCount(text) === 0 && !mayHoldAgeWithoutDigits(text, lower)) return [];
    const findings: Finding[] = [];
    const seen = new Set<number>();
    // Each gate word is looked for once per text, though several patterns share it: all of them in one pass.
    const held = GATES.scan(lower);
    agesOfLife(text, held, findings, seen);
    agesAfterToBe(text, findings, seen);
    if ((held & PAIR_BITS) !== 0) agePairs(text, findings, seen);
    let units: { at: number; unit: string }[] | undefined;
    let anchored: Map<AgePattern, number[]> | undefined;
    for (const pattern of PATTERNS) {
      const { regex, score, rejectAfter, rejectBefore, gate, beforeUnit } = pattern;
      if (gate && (held & GATE_BITS.get(pattern)!) === 0) continue;
      let matches: RegExpExecArray[];
      if (beforeUnit) {
        units ??= execAll(UNIT, text).map((match) => ({ at: match.index + 1, unit: match[1]!.toLowerCase() }));
        anchored ??= new Map();
        if (!anchored.has(pattern)) {
          // The starts of the pattern's whole group, found together when the first of them is tried.
          const group = UNIT_GROUP_OF.get(pattern)!;
          const at = units.filter(({ unit }) => group.unit === undefined || unit === group.unit).map((u) => u.at);
          const lists = unitAnchoredStarts(text, at, group.patterns.map((p) => p.beforeUnit!.words), group.commas);
          group.patterns.forEach((p, k) => anchored!.set(p, lists[k]!));
        }
        matches = matchesAt(text, STICKY.get(pattern)!, anchored.get(pattern)!);
      } else matches = execAll(regex, text);
      for (const match of matches) {
        const [start, end] = match.indices?.[1] ?? [0, 0];
        // Written-out numbers give NaN: they only reach twenty, so neither limit below applies to them.
        const age = Number(match[1]);
        if (end === 0 || seen.has(start) || age > 125) continue;
        const matchEnd = match.index + match[0].length;
        if (rejectAfter?.test(text.slice(matchEnd, matchEnd + 40))) continue;
        if (rejectBefore?.test(text.slice(Math.max(0, start - 30), start))) continue;
        seen.add(start);
        findings.push({ start, end: endWithUnit(text, end), label: 'AGE', score: age > 89 ? 0.9 : score, source: 'pattern:age' });
      }
    }
    return findings;
  },
};
