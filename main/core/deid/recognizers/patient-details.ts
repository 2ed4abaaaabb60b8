import type { RawText } from '../../text.js';
import type { Finding, Recognizer } from '../types.js';
import { PATIENT_DETAILS_VOCABULARIES, type PatientDetailsVocabulary } from './patient-details-vocabulary.js';
import { execAll } from './exec-all.js';

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

export const patientDetailsRecognizer: Recognizer = {
  name: 'pattern:patient-details',
  labels: ['ID'],
  detect(text: RawText): Finding[] {
    if (!MAY_HOLD.test(text)) return [];
    const findings: Finding[] = [];
    for (const match of execAll(DETAIL, text)) {
      findings.push({ start: match.index, end: match.index + match[0].length, label: 'ID', score: 0.45, source: 'pattern:patient-details' });
    }
    for (const match of execAll(ORIGIN, text)) {
      const end = match.index + match[0].length;
      findings.push({ start: end - match[1]!.length, end, label: 'ID', score: 0.45, source: 'pattern:patient-details' });
    }
    return findings;
  },
};
