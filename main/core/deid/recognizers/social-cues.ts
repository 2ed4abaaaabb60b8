import type { Finding } from '../types.js';
import { KNOWN_NAME_SOURCE } from '../spans.js';
import { isFunctionWord, isPersonalPronoun } from '../function-words.js';
import { hasOrdinaryEnding, isAddressTerm, isChatWord, isFrequentWord, isGroupWord } from '../word-shapes.js';
import { isPlace } from './location-gazetteer.js';
import { isCommonWord, isCoreFirstName, isFirstName, isSurname } from './name-gazetteer.js';
import { personWords, type PersonVocabulary } from './person-vocabulary.js';
import { firstWord, matchesAt, WordTable, wordsOf } from './word-scan.js';

/**
 * Names that chat and social posts give away by how they are used, in any case, where casing says little:
 * - a companion: "me and Lou", "ME & LEXA", "lou and I", "yo y ana";
 * - a greeting, thanks or wish: "thanks sam", "happy birthday to Bea", "hola marta";
 * - a verb of saying: "john says its cuz im overtired", "ana dice";
 * - a home: "en casa de Ana";
 * - a username after "@" ("@meg_librarian"), whatever it spells (`handleFindings`).
 * The word must not be a function word, a pronoun, a chat word, a word people address each other by ("guys",
 * "mum"), a nationality, a dictionary word or a place. A known first name or surname counts in any case; after a
 * companion or a greeting, so does any other capitalised word ("ME & LEXA"); a verb of saying needs a known name.
 * A known surname right after the name joins it ("me and lou reed"). The phrases are per language in
 * person-vocabulary.ts; as in the other cue passes, the patterns run only where the shared word scan found a word
 * that opens a phrase.
 */
const WORD = String.raw`\p{L}[\p{L}\p{M}'’-]*`;
const NAME_CHAR = /[\p{L}\p{M}'’-]/u;

function alternation(phrases: readonly string[]): string {
  return phrases.map((phrase) => phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]+')).join('|');
}

const NOT_IN_WORD_AFTER = String.raw`(?![\p{L}\p{N}_])`;

interface SocialCue {
  readonly phrases: readonly string[];
  /** Sticky, tried where a phrase can open: "me and X" with the name and a possible surname as groups 1 and 2; "X and I" the phrase alone. */
  readonly regex: RegExp;
  /** Whether the name follows the phrase or precedes it. */
  readonly nameAfter: boolean;
  /** Whether a capitalised word the name lists do not know counts. */
  readonly acceptsUnknown: boolean;
  /** Whether such a word counts in capitals too ("ME & LEXA"): not after a greeting ("THANK YOU BASEDGOD"). */
  readonly acceptsShouted: boolean;
  readonly score: number;
  /** Whether only a known first name counts: "casa de Campo" is a park, "casa de Daniel" a home. */
  readonly firstNameOnly: boolean;
}

function cue(
  pick: (vocabulary: PersonVocabulary) => readonly string[],
  nameAfter: boolean,
  acceptsUnknown: boolean,
  acceptsShouted: boolean,
  score: number,
  firstNameOnly = false,
): SocialCue {
  const phrases = personWords(pick);
  const source = nameAfter
    ? `(?:${alternation(phrases)})[ \\t]*,?[ \\t]+(${WORD})(?:[ \\t]+(${WORD}))?${NOT_IN_WORD_AFTER}`
    : `(?:${alternation(phrases)})${NOT_IN_WORD_AFTER}`;
  return { phrases, regex: new RegExp(source, 'dyiu'), nameAfter, acceptsUnknown, acceptsShouted, score, firstNameOnly };
}

const CUES: readonly SocialCue[] = [
  cue((v) => v.companionsBefore, true, true, true, 0.8),
  cue((v) => v.companionsAfter, false, true, true, 0.8),
  cue((v) => v.vocatives, true, true, false, 0.6),
  cue((v) => v.speechVerbs, false, false, false, 0.6),
  cue((v) => v.homesOf, true, false, false, 0.6, true),
];

/** Cue phrases by their first word, so that the patterns are tried only where a phrase can open. */
const CUE_WORDS = CUES.reduce(
  (table, { phrases }, index) => table.add(phrases.filter((phrase) => !phrase.startsWith('&')).map(firstWord), 1 << index, false),
  new WordTable(),
);
/** Cues with a phrase that opens with "&" ("& I"), tried at each "&" of a text. */
const AMPERSAND_CUES = CUES.map((c, index) => (c.phrases.some((phrase) => phrase.startsWith('&')) ? 1 << index : 0)).reduce((a, b) => a | b, 0);

/** The word ending at `end` (after blanks are skipped back), as [start, end], or null. */
function wordBefore(text: string, end: number): [number, number] | null {
  let wordEnd = end;
  while (wordEnd > 0 && (text[wordEnd - 1] === ' ' || text[wordEnd - 1] === '\t')) wordEnd--;
  if (wordEnd === end) return null;
  let start = wordEnd;
  while (start > 0 && NAME_CHAR.test(text[start - 1]!)) start--;
  while (start < wordEnd && !/\p{L}/u.test(text[start]!)) start++;
  if (start === wordEnd || (start > 0 && /[\p{N}@#_]/u.test(text[start - 1]!))) return null;
  return [start, wordEnd];
}

/** Where each cue's phrases can open in `text`, by cue. */
function cueStarts(text: string): number[][] {
  const starts: number[][] = CUES.map(() => []);
  const words = wordsOf(text);
  let ampersand = AMPERSAND_CUES ? text.indexOf('&') : -1;
  // Only the scan's cue words can be in the table; every list stays ascending.
  for (let c = 0; c < words.cueCount; c++) {
    const i = words.cues[c] as number;
    const start = words.starts[i] as number;
    // An "&" before this word opens its cues first, keeping each list ascending.
    for (; ampersand >= 0 && ampersand < start; ampersand = text.indexOf('&', ampersand + 1)) {
      CUES.forEach((_, index) => AMPERSAND_CUES & (1 << index) && starts[index]!.push(ampersand));
    }
    const kinds = CUE_WORDS.kindsOf(words, i);
    if (kinds === 0) continue;
    // Not inside a handle, a hashtag or a longer word ("@andy").
    const before = text.charCodeAt(start - 1);
    if (before === 64 || before === 35 || before === 95) continue;
    CUES.forEach((_, index) => kinds & (1 << index) && starts[index]!.push(start));
  }
  for (; ampersand >= 0; ampersand = text.indexOf('&', ampersand + 1)) CUES.forEach((_, index) => AMPERSAND_CUES & (1 << index) && starts[index]!.push(ampersand));
  return starts;
}

/**
 * How much a word at a cue looks like a name: 'known' (a capitalised first name or surname of any list, or in lower
 * case a first name of an English- or Spanish-speaking locale), 'capitalised' ("Lexa": unknown, three letters or
 * more), 'shouted' (the same in capitals, "LEXA"), or null.
 */
export function nameEvidence(word: string): 'known' | 'capitalised' | 'shouted' | null {
  const lower = word.toLowerCase();
  // "I'm", "you're": a pronoun with its verb.
  const bare = word.replace(/['’](?:m|s|ll|re|ve|d)$/i, '');
  if (word.length < 2 || isFunctionWord(bare) || isPersonalPronoun(bare) || bare.toLowerCase() === 'i') return null;
  if (isChatWord(lower) || isAddressTerm(lower) || isGroupWord(lower) || isFrequentWord(lower) || isPlace(word.split('-')[0]!)) return null;
  const shouted = word === word.toUpperCase();
  // In lower case or in capitals the writer's casing says nothing: only an English or Spanish first name counts.
  if (word === lower || shouted) {
    if (isCoreFirstName(word)) return 'known';
    if (word === lower) return null;
  } else if ((isFirstName(word) || isSurname(word)) && !isCommonWord(word)) return 'known';
  if (word.length < 3 || isCommonWord(word) || hasOrdinaryEnding(lower)) return null;
  return shouted ? 'shouted' : 'capitalised';
}

function accepts(cue: SocialCue, evidence: ReturnType<typeof nameEvidence>): boolean {
  if (evidence === 'known') return true;
  return cue.acceptsUnknown && (evidence === 'capitalised' || (evidence === 'shouted' && cue.acceptsShouted));
}

/** A lower-case function or dictionary word that may stand between a name and a verb ("just", "also", "has"). */
const isFiller = (word: string): boolean =>
  word === word.toLowerCase() && !isPersonalPronoun(word) && (isFunctionWord(word) || isFrequentWord(word) || isCommonWord(word));

export function socialCueFindings(text: string, findings: Finding[]): void {
  const starts = cueStarts(text);
  CUES.forEach((cue, index) => {
    for (const match of matchesAt(text, cue.regex, starts[index]!)) {
      // [start, end] of the name and of the word beside it: a surname after it, or a first name before it.
      let name: [number, number] | null;
      let other: [number, number] | null;
      if (cue.nameAfter) {
        name = match.indices![1] ?? null;
        other = match.indices![2] ?? null;
      } else {
        name = wordBefore(text, match.index);
        other = name && wordBefore(text, name[0]);
        // "Gabby just asked me": before a verb, an adverb may stand between the name and the cue.
        if (name && other && !cue.acceptsUnknown && isFiller(text.slice(name[0], name[1]))) {
          name = other;
          other = wordBefore(text, name[0]);
        }
      }
      const word = text.slice(name?.[0] ?? 0, name?.[1] ?? 0);
      const evidence = nameEvidence(word);
      if (!name || !accepts(cue, evidence) || (cue.firstNameOnly && !isFirstName(word))) continue;
      let [start, end] = name;
      const otherWord = other && text.slice(other[0], other[1]);
      if (otherWord && nameEvidence(otherWord) === 'known' && (cue.nameAfter ? isSurname(otherWord) : isFirstName(otherWord))) {
        start = Math.min(start, other![0]);
        end = Math.max(end, other![1]);
      }
      // A name the lists know, at a cue: a person even where a model reads a company or a place (spans.ts).
      findings.push({ start, end, label: 'PERSON', score: cue.score, source: evidence === 'known' ? KNOWN_NAME_SOURCE : 'pattern:person' });
    }
  });
}

/**
 * A username after "@" ("@meg_librarian", "RT @ JStarks28 :"), with its "@": it names an account, and an account is
 * a person's more often than not (a model that reads a company there keeps its label, as this scores lower). Not an
 * e-mail address ("ana@x.org": a letter or digit before the "@", or a domain after the name), and, where a blank
 * stands after the "@" as in tokenised posts, not the "@" of "at" before an ordinary word or a time ("@ home",
 * "@ 9:30"). Names as Twitter and most chat services allow them: letters, digits and "_", up to 30.
 */
const HANDLE = /@([ \t]?)([\p{L}\p{N}_]{2,30})(?![\p{L}\p{N}_@]|\.[\p{L}\p{N}])/uy;
const HANDLE_SCORE = 0.35;

export function handleFindings(text: string, findings: Finding[]): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at > 0 && /[\p{L}\p{N}_.+-]/u.test(text[at - 1]!)) continue;
    HANDLE.lastIndex = at;
    const match = HANDLE.exec(text);
    if (!match) continue;
    const name = match[2]!;
    if (!/\p{L}/u.test(name)) continue;
    // Tokenised "@ home": with a blank after the "@", an ordinary word is the "at" of a place or a time.
    if (match[1] && name === name.toLowerCase() && !/[\p{N}_]/u.test(name) && isOrdinaryWord(name)) continue;
    const label = isOrganizationAccount(name) ? 'ORGANIZATION' : 'PERSON';
    findings.push({ start: at, end: at + match[0].length, label, score: HANDLE_SCORE, source: 'pattern:person' });
  }
}

/** A function, frequent, chat or dictionary word, or a place: what "@ " stands before when it means "at". */
const isOrdinaryWord = (lower: string): boolean =>
  isFunctionWord(lower) || isFrequentWord(lower) || isChatWord(lower) || isAddressTerm(lower) || isCommonWord(lower) || isPlace(lower);

const ACCOUNT_WORDS = new Set(personWords((v) => v.organizationAccountWords));
const LONG_ACCOUNT_WORDS = [...ACCOUNT_WORDS].filter((word) => word.length >= 4);
/** The parts of a username: "BBCSport" → BBC, Sport; "CLG_Laois" → CLG, Laois; "itvnews" stays one. */
const USERNAME_PARTS = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+/gu;

/** Whether a username names an organisation's account by one of its parts ("@BBCSport", "@itvnews", "@CLG_Laois"). */
export function isOrganizationAccount(name: string): boolean {
  for (const part of name.match(USERNAME_PARTS) ?? []) {
    const lower = part.toLowerCase();
    if (ACCOUNT_WORDS.has(lower)) return true;
    // Words run together in lower case: a long account word closing the part ("itvnews", "nottspolice"); one
    // opening it may open a longer word ("musically").
    if (lower.length > 4 && LONG_ACCOUNT_WORDS.some((word) => lower.length > word.length && lower.endsWith(word))) return true;
  }
  return false;
}
