import type { RawText } from '../../text.js';
import type { Finding, Recognizer } from '../types.js';
import { PATIENT_DETAILS_VOCABULARIES, type PatientDetailsVocabulary } from './patient-details-vocabulary.js';
import { execAll } from './exec-all.js';
import { firstWord, matchesAt, WordTable, wordsOf } from './word-scan.js';

/**
 * Patient details that clinical schemes count as identifying (label `ID`, as MEDDOCAN's "other patient details"
 * are): marital status and family position ("viuda", "sin hijos", "la menor de cuatro hermanos"), an infant's age
 * class ("lactante"), origin after a cue ("de origen [boliviano]") and ethnic group ("[raza caucásica]"). A people's
 * name alone is not flagged: "tinta china", "el ejército español" name no patient. Words come from
 * `PATIENT_DETAILS_VOCABULARIES`.
 */
const VOCABULARIES = Object.values(PATIENT_DETAILS_VOCABULARIES);

const collect = (pick: (v: PatientDetailsVocabulary) => readonly string[]): string =>
  [...new Set(VOCABULARIES.flatMap(pick))]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');

const NOT_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_AFTER = '(?![\\p{L}\\p{N}])';
const NEVER = '(?!)';
const or = (words: string): string => words || NEVER;

const DEMONYMS = or(collect((v) => v.demonyms));
const COUNT = '(?:\\d{1,2}|\\p{L}+)';
const DETAIL = new RegExp(
  [
    `${NOT_BEFORE}(?:${or(collect((v) => v.details))})${NOT_AFTER}`,
    `${NOT_BEFORE}(?:${or(collect((v) => v.groupWords))})\\s+\\p{Ll}+${NOT_AFTER}`,
    `${NOT_BEFORE}(?:${or(collect((v) => v.siblingArticles))})\\s+(?:${or(collect((v) => v.siblingPositions))})\\s+(?:${or(collect((v) => [v.siblingJoiner]))})\\s+${COUNT}\\s+(?:${or(collect((v) => v.siblingWords))})${NOT_AFTER}`,
  ].join('|'),
  'giu',
);
/** The people's name after an origin cue, up to one article or preposition between: "de origen [magrebí]". */
const ORIGIN = new RegExp(`${NOT_BEFORE}(?:${or(collect((v) => v.originCues))})\\s+(?:\\p{Ll}{1,3}\\s+)?(${DEMONYMS})${NOT_AFTER}`, 'giu');

/** A cheap gate: every form holds one of these stems, so most texts skip the Unicode regexes. */
const MAY_HOLD = new RegExp(
  [...new Set(VOCABULARIES.flatMap((v) => [...v.details, ...v.originCues, ...v.groupWords, ...v.siblingWords]))]
    .map((word) => word.slice(0, 4).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|') || NEVER,
  'i',
);

/**
 * Every match opens on a whole word of the shared word scan (the lookbehind rejects a letter before it, and the
 * scan's letters are all \p{L}) that is the first word of a form: a detail ("casado", "sin"), a group word, an
 * article before a sibling position ("la"), or an origin cue. The patterns run as sticky regexes at those words
 * only, instead of a case-insensitive Unicode scan of the whole text. Two chars match a vocabulary letter under
 * the `iu` flags though the scan folds them apart ("ſ" for "s", the Kelvin sign for "k"): a text holding one is
 * scanned whole, as before.
 */
const Cue = { detail: 1, origin: 2 } as const;
const CUE_WORDS = new WordTable()
  .add(VOCABULARIES.flatMap((v) => [...v.details, ...v.groupWords, ...v.siblingArticles]).map(firstWord), Cue.detail, false)
  .add(VOCABULARIES.flatMap((v) => v.originCues).map(firstWord), Cue.origin, false);
const DETAIL_AT = new RegExp(DETAIL.source, 'yiu');
const ORIGIN_AT = new RegExp(ORIGIN.source, 'yiu');
/** Chars that case-fold under `iu` to a letter the vocabularies use while the scan folds them otherwise. */
const FOLDS_UNLIKE_SCAN = /[\u017f\u212a]/;

function findingsOf(details: readonly RegExpExecArray[], origins: readonly RegExpExecArray[]): Finding[] {
  const findings: Finding[] = [];
  for (const match of details) {
    findings.push({ start: match.index, end: match.index + match[0].length, label: 'ID', score: 0.45, source: 'pattern:patient-details' });
  }
  for (const match of origins) {
    const end = match.index + match[0].length;
    findings.push({ start: end - match[1]!.length, end, label: 'ID', score: 0.45, source: 'pattern:patient-details' });
  }
  return findings;
}

/** The recognizer's answer by whole-text scans: for texts the cue words cannot stand in for, and for tests. */
export function patientDetailsByScan(text: string): Finding[] {
  if (!MAY_HOLD.test(text)) return [];
  return findingsOf(execAll(DETAIL, text), execAll(ORIGIN, text));
}

export const patientDetailsRecognizer: Recognizer = {
  name: 'pattern:patient-details',
  labels: ['ID'],
  detect(text: RawText): Finding[] {
    if (FOLDS_UNLIKE_SCAN.test(text)) return patientDetailsByScan(text);
    const words = wordsOf(text);
    const detailStarts: number[] = [];
    const originStarts: number[] = [];
    for (let c = 0; c < words.cueCount; c++) {
      const i = words.cues[c] as number;
      const kinds = CUE_WORDS.kindsOf(words, i);
      if (kinds & Cue.detail) detailStarts.push(words.starts[i] as number);
      if (kinds & Cue.origin) originStarts.push(words.starts[i] as number);
    }
    if (detailStarts.length === 0 && originStarts.length === 0) return [];
    return findingsOf(matchesAt(text, DETAIL_AT, detailStarts), matchesAt(text, ORIGIN_AT, originStarts));
  },
};
