import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { passesNhsCheck, passesSpanishIdLetter } from './checksums.js';
import { digitCount, firstWord, isDigitCode, matchesAt, WordTable, wordsOf } from './word-scan.js';
import { execAll } from './exec-all.js';

/**
 * Record, account and document numbers (label `ID`). Their shapes are too varied to flag alone, so a number is
 * an ID when it follows a keyword naming one ("MRN", "policy no.", "NHC:", "DNI", "passport number is").
 * Spanish DNI/NIE carry a check letter and are flagged anywhere they validate. Order numbers, prices and
 * amounts have no keyword here and stay as they are; SSNs belong to the SSN recognizer.
 */
const KEYWORDS = [
  'mrn', 'medical record', 'medical record number', 'record number', 'record no', 'patient id', 'patient number',
  'hospital number', 'chart number', 'account', 'account number', 'acct', 'a/c', 'policy', 'policy number',
  'member id', 'membership number', 'insurance number', 'insurance id', 'subscriber id', 'licence', 'license',
  'licence number', 'license number', 'passport', 'passport number', 'nhs', 'nhs number', 'nhs no',
  'national insurance', 'ni number', 'nino', 'employee id', 'student id', 'staff id', 'badge', 'case number',
  'claim number', 'customer id', 'customer number', 'client id', 'tax id', 'vat number', 'ein', 'id', 'id number',
  'identification number', 'identity number', 'identity card', 'id card',
  'historia clínica', 'historia clinica', 'número de historia', 'nhc', 'dni', 'nie', 'nif', 'cif', 'nass', 'nuss',
  'nss', 'naf', 'cip', 'cipa', 'tis', 'tarjeta sanitaria', 'seguridad social', 'afiliación', 'afiliacion', 'nºcol',
  'nº col', 'n° col', 'colegiado', 'nº colegiado', 'número de colegiado', 'episodio', 'pasaporte', 'póliza',
  'poliza', 'cuenta', 'expediente', 'identificación', 'identificacion', 'cédula', 'cedula', 'matrícula',
];

function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

// Latin letter classes rather than \p{L}: Unicode mode scans several times slower. Tried only where a keyword's
// first word stands (see keywordStarts), as a sticky regex.
const KEYWORD = new RegExp(`(?:${alternation(KEYWORDS)})(?![a-zà-öø-ÿ])`, 'iy');
const KEYWORD_WORDS = new WordTable().add(new Set(KEYWORDS.map(firstWord)), 1, false);
/** What may sit between keyword and number: punctuation and words such as "number is", "nº", "del paciente". */
const FILLER =
  /(?:[\s:#=()\-–.,]|'s|(?:number|num|nos?|nº|n°|nro|is|was|es|número|numero|de|del|paciente|id|code|código|codigo)(?![\p{L}]))*/iuy;
const TOKEN = /(?:\p{L}{1,4}[-/]?)?\d(?:\d|[ /.-](?=\d)){3,30}(?:-?\p{Lu}{1,2})?(?![\p{L}\p{N}])/uy;
/**
 * A code of letters and digits mixed through it ("TDXI18UGEU", "0IKGXJ09W6", "A1B2-C3D4"), as insurers and registries
 * issue: five to 24 characters with at least two digits, or six or more capitals and digits with one ("PSRM6QVLTS"),
 * after a keyword only.
 */
const MIXED_TOKEN =
  /(?:(?=[A-Za-z\d-]*\d[A-Za-z\d-]*\d)[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){4,23}|(?=[A-Z\d]*\d)[A-Z\d]{6,24})(?![\p{L}\p{N}])/uy;
/**
 * A code of capitals alone ("XLUZAXACHX": a random code that happens to hold no digit), after a keyword only: eight to
 * 24 capitals with few vowels, as no word written in capitals has ("UNAVAILABLE", "CONFIDENTIAL", "PENDINGAPPROVAL").
 */
const LETTER_TOKEN = /[A-Z]{8,24}(?![\p{L}\p{N}])/uy;
const MAX_CODE_VOWEL_SHARE = 0.3;
const isCodeOfCapitals = (token: string): boolean => (token.match(/[AEIOU]/g)?.length ?? 0) <= MAX_CODE_VOWEL_SHARE * token.length;
const MAX_FILLER = 30;
const SPANISH_ID = /(?<![\p{L}\p{N}])(?:\d{8}|[XYZxyz]-?\d{7})-?[A-Za-z](?![\p{L}\p{N}])/gu;

/**
 * Where a keyword can start: a word that opens one, not glued to a digit, and "Nº"/"N°" glued to the end of a
 * preceding word ("MartínezNºCol:", as forms write it).
 */
function keywordStarts(text: string): number[] {
  const words = wordsOf(text);
  const starts: number[] = [];
  for (let c = 0; c < words.cueCount; c++) {
    const i = words.cues[c] as number;
    const start = words.starts[i] as number;
    if (KEYWORD_WORDS.kindsOf(words, i) !== 0 && !isDigitCode(text.charCodeAt(start - 1))) starts.push(start);
  }
  let glued = false;
  for (const sign of ['Nº', 'N°']) {
    for (let at = text.indexOf(sign, 1); at >= 0; at = text.indexOf(sign, at + 1)) {
      if (!/[a-zà-öø-ÿ]/i.test(text[at - 1]!)) continue;
      starts.push(at);
      glued = true;
    }
  }
  return glued ? [...new Set(starts)].sort((a, b) => a - b) : starts;
}

const letterCode = (match: RegExpExecArray | null): RegExpExecArray | null => (match && isCodeOfCapitals(match[0]) ? match : null);

function keywordFindings(text: string, findings: Finding[]): void {
  for (const keyword of matchesAt(text, KEYWORD, keywordStarts(text))) {
    FILLER.lastIndex = keyword.index + keyword[0].length;
    FILLER.exec(text);
    if (FILLER.lastIndex - keyword.index - keyword[0].length > MAX_FILLER) continue;
    TOKEN.lastIndex = FILLER.lastIndex;
    MIXED_TOKEN.lastIndex = FILLER.lastIndex;
    LETTER_TOKEN.lastIndex = FILLER.lastIndex;
    const token = TOKEN.exec(text) ?? MIXED_TOKEN.exec(text) ?? letterCode(LETTER_TOKEN.exec(text));
    if (!token) continue;
    const digits = token[0].replace(/\D/g, '');
    const score = passesNhsCheck(digits) ? 0.9 : 0.7;
    findings.push({ start: token.index, end: token.index + token[0].length, label: 'ID', score, source: 'pattern:id' });
  }
}

function spanishIdFindings(text: string, findings: Finding[]): void {
  for (const match of execAll(SPANISH_ID, text)) {
    if (!passesSpanishIdLetter(match[0].replace(/-/g, ''))) continue;
    const keywordFinding = findings.find((f) => f.start <= match.index && match.index < f.end);
    if (keywordFinding) {
      keywordFinding.score = Math.max(keywordFinding.score, 0.9);
      continue;
    }
    findings.push({ start: match.index, end: match.index + match[0].length, label: 'ID', score: 0.9, source: 'pattern:id' });
  }
}

export const identifierRecognizer: Recognizer = {
  name: 'pattern:id',
  labels: ['ID'],
  detect(text: RawText): Finding[] {
    if (digitCount(text) < 2) return [];
    const findings: Finding[] = [];
    keywordFindings(text, findings);
    spanishIdFindings(text, findings);
    return findings;
  },
};
