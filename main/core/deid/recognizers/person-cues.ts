import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { isCommonWord, isFirstName, isSurname } from './name-gazetteer.js';

/**
 * Person names found by their cues, ahead of (and alongside) the NER model: a title ("Dr. Ruiz", "Sra. Pérez"),
 * an introduction ("my name is", "me llamo"), a form label ("Nombre:", "Paciente:"), a signature after a
 * closing ("Regards,\nAnna Berg"), and a gazetteer of first names and surnames for "Firstname Lastname" pairs.
 * Only the name is flagged, not the title or label, so the redacted text still reads "Dr. [PERSON]".
 *
 * A capitalised word is weak evidence: every sentence starts with one, and many names are ordinary words
 * ("Will", "Grace") or products ("Julia", "Alexa"). A gazetteer pair therefore needs a first name that is not an
 * ordinary word, or a known surname after it, and a pair opening a sentence needs both.
 */
const UPPER = 'A-ZÀ-ÖØ-Þ\\u0100-\\u017f';
const LOWER = 'a-zß-öø-ÿ\\u0100-\\u017f';
const NAME_WORD = `[${UPPER}][${LOWER}]+(?:[${UPPER}][${LOWER}]+)?(?:['’-][${UPPER}]?[${LOWER}]+)*`;
const INITIAL = `[${UPPER}]\\.`;
const PARTICLE = "(?:de|del|de la|de los|de las|la|van|von|der|den|da|das|do|dos|di|du|le|y|i|bin|ibn|al|el)";
/** "Estefanía Romero Selas", "Ruth R Montez", "Katrine T. Jørgensen", "María de la Cruz": up to five words. */
const FULL_NAME = `${NAME_WORD}(?:[ \\t]+(?:${INITIAL}|[${UPPER}](?=[ \\t,]|$)|(?:${PARTICLE}[ \\t]+)?${NAME_WORD})){0,4}`;
const LOWER_NAME = `[${LOWER}]{2,}(?:[ \\t]+[${LOWER}]{2,}){0,2}`;

/**
 * A case-insensitive form of `words` for use inside a case-sensitive regex: names after a cue must stay
 * capitalised, and V8 scans Latin-1 classes much faster without the `i` flag.
 */
export function caseless(words: string): string {
  return words.replace(/\\.|\p{L}/gu, (letter) => {
    if (letter.startsWith('\\')) return letter;
    const upper = letter.toUpperCase();
    return upper === letter.toLowerCase() ? letter : `[${upper}${letter.toLowerCase()}]`;
  });
}

const TITLES =
  'Dr|Dra|Drs|Mr|Mrs|Ms|Mx|Miss|Prof|Profa|Sr|Sra|Srta|Sres|Dña|Dª|D|Don|Doña|Sir|Dame|Lady|Lord|Rev|Fr|Sor|Capt|Sgt|Lt|Col|Gen|Hon|President|Senator|Governor|Mayor|Judge|Officer|Detective|Agent|Professor|Doctor|Doctora|Nurse|Coach|Captain|Uncle|Aunt|Tío|Tía|Señor|Señora|Señorita';
/** Titles need a period or a following capitalised name; "D" and "Fr" need the period. */
const TITLE = new RegExp(`(?<![${UPPER}${LOWER}\\d])(?:(?:${TITLES})\\.|(?:${TITLES.replace(/\|D\||\|Fr\|/g, '|')})(?=[ \\t]))[ \\t]*(${FULL_NAME})`, 'dg');

const INTRODUCTION_STRONG = new RegExp(
  `(?<![${LOWER}])${caseless('(?:my name is|my name\'s|my full name is|mi nombre es|me llamo|call me|calls me|llámame|llamame|name on the account is|signed by|firmado por)')}[ \\t]+(${FULL_NAME}|${LOWER_NAME})`,
  'dg',
);
/** "I'm Tom" is an introduction, "I'm Happy" is not: these need the name in the gazetteer. */
const INTRODUCTION_WEAK = new RegExp(`(?<![${LOWER}])${caseless("(?:I am|I'm|I’m|this is|soy|said|says|dear|hi|hello|hola|querido|querida|estimado|estimada|thanks|gracias)")}[ \\t,]+(${FULL_NAME})`, 'dg');

const LABELS =
  'Name|Full name|First name|Last name|Surname|Patient|Patient name|Physician|Doctor|Nurse|Attending|Referred by|Contact|Signed|' +
  'Nombre|Apellidos|Apellido|Nombre y apellidos|Paciente|Médico|Medico|Médica|Doctora|Enfermera|Enfermero|Remitido por|' +
  'Atendido por|Firmado|Responsable|Titular|Tutor|Madre|Padre';
const LABEL_LINE = new RegExp(`(?<![${UPPER}${LOWER}])(?:${LABELS})[ \\t]*:[ \\t]*(?:(?:${TITLES})\\.?[ \\t]+)?(${FULL_NAME})`, 'dg');

const CLOSINGS =
  'Regards|Best regards|Kind regards|Warm regards|Best wishes|Best|Thanks|Thank you|Many thanks|Cheers|Sincerely|' +
  'Yours sincerely|Yours truly|Yours|Love|Saludos|Un saludo|Saludos cordiales|Atentamente|Cordialmente|Un abrazo|Gracias';
const SIGNATURE = new RegExp(`(?:^|\\n)[ \\t>]*${caseless(`(?:${CLOSINGS})`)}[ \\t]*[,.!]?[ \\t]*\\n[ \\t>]*(${FULL_NAME})[ \\t]*(?=\\n|$)`, 'dg');

interface CuePattern {
  readonly regex: RegExp;
  readonly score: number;
  /** Whether the name must hold a gazetteer word to count. */
  readonly needsKnownName: boolean;
}

/** A transcript's speaker: "Nicole: Remember me?" at the start of a line. */
const SPEAKER = new RegExp(`(?:^|\\n)[ \\t>]*(${NAME_WORD})(?=:[ \\t])`, 'dg');

const CUES: readonly CuePattern[] = [
  { regex: SPEAKER, score: 0.5, needsKnownName: true },
  { regex: TITLE, score: 0.7, needsKnownName: false },
  { regex: INTRODUCTION_STRONG, score: 0.8, needsKnownName: false },
  { regex: INTRODUCTION_WEAK, score: 0.6, needsKnownName: true },
  { regex: LABEL_LINE, score: 0.7, needsKnownName: false },
  { regex: SIGNATURE, score: 0.6, needsKnownName: true },
];

/** Words of a name-shaped match that end it early: "my name is John and I ..." keeps "John". */
const STOP_WORDS = new Set([
  'and', 'but', 'or', 'the', 'a', 'an', 'i', 'im', 'from', 'with', 'at', 'in', 'on', 'to', 'of', 'for', 'is', 'was',
  'y', 'e', 'o', 'con', 'en', 'por', 'para', 'que', 'soy', 'tengo', 'have', 'am', 'not', 'your', 'you', 'my', 'mi',
  'here', 'there', 'this', 'that', 'please', 'por favor', 'but', 'so', 'also', 'too', 'just', 'who', 'which',
]);

function trimToName(text: string, start: number, end: number): number {
  const words = text.slice(start, end).split(/([ \t]+)/);
  let length = 0;
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i] ?? '';
    if (i > 0 && STOP_WORDS.has(word.toLowerCase())) break;
    length += (i > 0 ? (words[i - 1] ?? '').length : 0) + word.length;
  }
  return start + length;
}

const hasKnownName = (name: string): boolean =>
  name.split(/[ \t]+/).some((word) => (isFirstName(word) || isSurname(word)) && !isCommonWord(word));

function cueFindings(text: string, findings: Finding[]): void {
  for (const { regex, score, needsKnownName } of CUES) {
    for (const match of text.matchAll(regex)) {
      const [start, rawEnd] = match.indices?.[1] ?? [0, 0];
      if (rawEnd === 0) continue;
      const end = trimToName(text, start, rawEnd);
      const name = text.slice(start, end);
      if (end <= start || STOP_WORDS.has(name.toLowerCase()) || isCommonWord(name.split(/[ \t]/)[0] ?? '') && !name.includes(' ')) continue;
      if (needsKnownName && !hasKnownName(name)) continue;
      findings.push({ start, end, label: 'PERSON', score, source: 'pattern:person' });
    }
  }
}

const CAPITALISED_WORD = new RegExp(`${NAME_WORD}|${INITIAL}`, 'g');
/** Text that makes the next word a sentence opener: its capital says nothing. */
const SENTENCE_BREAK = /(?:^|[.!?:;"“”*#>\-–•(]|\n)[\s"“'*(]*$/;
/** Words after a first name that make the pair a place, an organisation or a thing, not a person. */
const NOT_A_SURNAME = new Set([
  'street', 'st', 'avenue', 'road', 'lane', 'drive', 'court', 'way', 'park', 'square', 'bridge', 'station', 'airport',
  'university', 'college', 'school', 'hospital', 'clinic', 'church', 'cathedral', 'inc', 'ltd', 'llc', 'corp', 'company',
  'group', 'foundation', 'institute', 'center', 'centre', 'museum', 'library', 'county', 'city', 'island', 'islands',
  'river', 'lake', 'mountain', 'valley', 'beach', 'bay', 'day', 'award', 'prize', 'cup', 'league', 'hotel', 'restaurant',
  'theater', 'theatre', 'hall', 'tower', 'road', 'calle', 'avenida', 'hospital', 'universidad', 'colegio', 'plaza',
]);

const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:the|a|an|el|la|los|las|un|una|our|your|my|his|her|their)[ \t]+$/iu;
const LETTER = /[A-Za-zß-öø-ÿ\u0100-\u017f]/;
const LOWER_CASE_REACH = 600;

/**
 * "Firstname Lastname" pairs from the gazetteer: one pass over capitalised words, one Set lookup per word. A
 * pair inside a longer run of capitalised words is a title or a proper noun phrase ("Top Gun Maverick",
 * "Kennedy Space Center"); a word the same text also uses in lower case is an ordinary word ("Ender Dragon" in
 * a text about ender pearls); a pair after an article is a thing ("the Roman Empire").
 */
function gazetteerFindings(text: string, findings: Finding[]): void {
  const words = [...text.matchAll(CAPITALISED_WORD)];
  // Looked up near the candidate only: a long log is many conversations, and the cost must stay per candidate.
  const usedInLowerCase = (word: string, near: number): boolean => {
    const lower = word.toLowerCase();
    const from = Math.max(0, near - LOWER_CASE_REACH);
    const nearby = text.slice(from, near + LOWER_CASE_REACH);
    for (let at = nearby.indexOf(lower); at >= 0; at = nearby.indexOf(lower, at + 1)) {
      if (!LETTER.test(nearby[at - 1] ?? ' ') && !LETTER.test(nearby[at + lower.length] ?? ' ')) return true;
    }
    return false;
  };
  const opensSentenceAt = (index: number): boolean => SENTENCE_BREAK.test(text.slice(Math.max(0, index - 6), index));
  const adjacent = (a: RegExpMatchArray, b: RegExpMatchArray): boolean =>
    /^[ \t]+$/.test(text.slice((a.index ?? 0) + a[0].length, b.index));
  for (let i = 0; i + 1 < words.length; i++) {
    const first = words[i] as RegExpMatchArray;
    const firstWord = first[0];
    if (firstWord.endsWith('.') || !isFirstName(firstWord)) continue;
    const previous = words[i - 1];
    // After a sentence-opening capitalised word ("Ask Anna Berg") the run may still be a name, if it ends in a surname.
    const afterCapitalised = previous !== undefined && !previous[0].endsWith('.') && adjacent(previous, first);
    if (afterCapitalised && !opensSentenceAt(previous.index ?? 0)) continue;
    const firstStart = first.index ?? 0;
    let j = i + 1;
    let end = firstStart + firstWord.length;
    let surnameSeen = false;
    let ordinary = false;
    const nameWords = [firstWord];
    // The name may hold a middle initial and run to three words after the first.
    while (j < words.length && j - i <= 3) {
      const next = words[j] as RegExpMatchArray;
      const gap = text.slice(end, next.index);
      if (!/^[ \t]+$/.test(gap) && !/^[ \t]+(?:de|del|de la|van|von|da|di|le)[ \t]+$/.test(gap)) break;
      const word = next[0];
      const bare = word.replace(/['’]s$/, '');
      if (NOT_A_SURNAME.has(bare.toLowerCase()) || (!word.endsWith('.') && isCommonWord(bare))) {
        ordinary = true;
        break;
      }
      if (isSurname(bare)) surnameSeen = true;
      if (!word.endsWith('.')) nameWords.push(bare);
      end = (next.index ?? 0) + word.length;
      j++;
      if (!word.endsWith('.') && !isSurname(bare) && !isFirstName(bare)) break;
    }
    if (j === i + 1 || ordinary) continue;
    const following = words[j];
    if (following && adjacent(words[j - 1] as RegExpMatchArray, following)) continue;
    const before = text.slice(Math.max(0, firstStart - 8), firstStart);
    if (ARTICLE_BEFORE.test(before)) continue;
    const opensSentence = opensSentenceAt(firstStart);
    const ordinaryFirst = isCommonWord(firstWord);
    if (ordinaryFirst && (opensSentence || !surnameSeen)) continue;
    if (afterCapitalised && !surnameSeen) continue;
    // At a sentence start the capitals say nothing, but a known first name followed by a word used nowhere in
    // lower case still does, if weakly.
    const score = surnameSeen ? 0.6 : opensSentence ? 0.4 : 0.45;
    // Last, as the costliest test: a word this text also writes in lower case is an ordinary word.
    if (nameWords.some((word) => usedInLowerCase(word, firstStart))) continue;
    findings.push({ start: firstStart, end, label: 'PERSON', score, source: 'pattern:person' });
    i = j - 1;
  }
}

export const personCueRecognizer: Recognizer = {
  name: 'pattern:person',
  labels: ['PERSON'],
  detect(text: RawText): Finding[] {
    const findings: Finding[] = [];
    cueFindings(text, findings);
    gazetteerFindings(text, findings);
    return findings;
  },
};
