import type { Finding, PiiLabel } from './types.js';

/**
 * Resolves overlapping findings from all detectors into one sorted, non-overlapping set.
 *
 * The rule, recall first: findings whose characters overlap (directly or through a chain) form a group, and the
 * group becomes one finding spanning the union of their characters, so no character any detector flagged is
 * ever left unflagged. Its label comes from the group's strongest member: highest score; scores within
 * `SCORE_TIE` of each other count as equal and the longer span wins; then the more specific label (validated,
 * structured types before free-text entity types); but a PERSON lying inside an address finding that covers most
 * of the group leaves the group an ADDRESS (a street a model read as a name). The merged score is the group's
 * highest score, and the source lists every contributing detector, the label's own first. Spans that merely
 * touch stay separate. A name the name lists know (`KNOWN_NAME_SOURCE`) that makes up most of a group a model read
 * as a company or a place keeps the group a person. A deny-listed term's type, chosen by the user, beats them all.
 */
const SCORE_TIE = 0.05;

/** Most specific first: a checksum or fixed syntax says more about the span than a language model's guess. */
const SPECIFICITY: readonly PiiLabel[] = [
  'IBAN', 'CREDIT_CARD', 'SSN', 'EMAIL', 'IP_ADDRESS', 'URL', 'PHONE', 'ID', 'DATE', 'AGE',
  'ADDRESS', 'PERSON', 'ORGANIZATION', 'LOCATION',
];

function isStronger(candidate: Finding, current: Finding): boolean {
  if (Math.abs(candidate.score - current.score) > SCORE_TIE) return candidate.score > current.score;
  const lengthDifference = candidate.end - candidate.start - (current.end - current.start);
  if (lengthDifference !== 0) return lengthDifference > 0;
  return SPECIFICITY.indexOf(candidate.label) < SPECIFICITY.indexOf(current.label);
}

/**
 * A person's name is the wrong label for an address a model read a street of as a name ("1554 [Mohr Lake]"). A
 * place or an organisation is not: an address block with its town or its institution reads as either, and
 * labelled sets mark a letterhead's hospital and town apart from its street.
 */
const NAME_LABELS: ReadonlySet<PiiLabel> = new Set(['PERSON']);
/** Share of a group's characters an address finding must cover for the group to be an address. */
const ADDRESS_SHARE = 0.6;

/**
 * The source of a name the name lists know as one: a first name that is no ordinary word with a known surname
 * ("Owen Wilson"), or a known name at a chat cue ("me and Lou", "casa de Daniel"). A person, whatever a model that
 * read it as a company or a place says, when such names make up most of the group. A lone first name or one before
 * an unknown word is not enough ("Tim Hortons"): measured on the social training sets, letting those win too cost
 * more precision than it gained recall.
 */
export const KNOWN_NAME_SOURCE = 'pattern:person-name';
/**
 * The same, where the name may be a place's: a word of it is a place ("Owen Wilson": Wilson, NC), or it follows a
 * comma ("West Arthur, Sierra Leone"). It outvotes a company only.
 */
export const KNOWN_NAME_WITH_PLACE_SOURCE = 'pattern:person-name-place';
/** Share of a group's characters the known names must cover for the group to stay a person. */
const KNOWN_NAME_SHARE = 0.6;
/** The source of a workspace's deny-listed term (term-lists.ts): redacted as the type the user chose for it. */
export const DENY_LIST_SOURCE = 'list:deny';
const PLACE_OR_ORGANIZATION: ReadonlySet<PiiLabel> = new Set(['ORGANIZATION', 'LOCATION']);

function mergeGroup(group: readonly Finding[]): Finding {
  // Most groups are one finding: it stands as it is.
  if (group.length === 1) return group[0] as Finding;
  let strongest = group[0] as Finding;
  let start = strongest.start;
  let end = strongest.end;
  let score = strongest.score;
  let address: Finding | undefined;
  for (const finding of group) {
    if (isStronger(finding, strongest)) strongest = finding;
    if (finding.start < start) start = finding.start;
    if (finding.end > end) end = finding.end;
    if (finding.score > score) score = finding.score;
    if (finding.label === 'ADDRESS' && (!address || finding.end - finding.start > address.end - address.start)) address = finding;
  }
  // "Owen Wilson" read as a company, "Owen Wilson & Juliette Binoche" as one: known names that make up most of the
  // group keep it a person. A longer organisation or place around a name ("Owen Wilson Productions") does not.
  if (PLACE_OR_ORGANIZATION.has(strongest.label)) {
    const outvotes = (finding: Finding): boolean =>
      finding.source === KNOWN_NAME_SOURCE || (finding.source === KNOWN_NAME_WITH_PLACE_SOURCE && strongest.label === 'ORGANIZATION');
    const names = group.filter(outvotes);
    const nameChars = names.reduce((sum, finding) => sum + finding.end - finding.start, 0);
    if (names.length > 0 && nameChars >= KNOWN_NAME_SHARE * (end - start)) strongest = names[0] as Finding;
  }
  // A name found inside a street address ("1554 [Mohr Lake], Suite 707") does not make the address a person: when
  // an address finding holds the name and covers most of the group, the group is an address. A name that sticks
  // out of the address (a letter's "Name\nStreet" read as one name) keeps the group a person.
  if (
    address &&
    NAME_LABELS.has(strongest.label) &&
    strongest.start >= address.start &&
    strongest.end <= address.end &&
    address.end - address.start >= ADDRESS_SHARE * (end - start)
  ) {
    strongest = address;
  }
  // A deny-listed term is the user's word on its type: the longest one in the group gives the label, whatever the
  // detectors read ("Ward Nine" listed as a place stays a place where the name lists read a first name and surname).
  for (const finding of group) {
    if (finding.source !== DENY_LIST_SOURCE) continue;
    if (strongest.source !== DENY_LIST_SOURCE || finding.end - finding.start > strongest.end - strongest.start) strongest = finding;
  }
  const sources = new Set([strongest.source]);
  for (const finding of group) sources.add(finding.source);
  return { start, end, label: strongest.label, score, source: [...sources].join('+') };
}

export function combineFindings(findings: readonly Finding[]): Finding[] {
  const sorted = findings.filter((finding) => finding.end > finding.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const combined: Finding[] = [];
  // The group is sorted[from, i): no array of its own for the many groups of one finding (measured over the bench
  // corpus's recognizer findings: 1.6 against 1.8 ms a copy of the data sets).
  let from = 0;
  let groupEnd = -1;
  for (let i = 0; i < sorted.length; i++) {
    const finding = sorted[i]!;
    if (i > from && finding.start >= groupEnd) {
      combined.push(groupOf(sorted, from, i));
      from = i;
    }
    groupEnd = i === from ? finding.end : Math.max(groupEnd, finding.end);
  }
  if (sorted.length > from) combined.push(groupOf(sorted, from, sorted.length));
  return combined;
}

/** `mergeGroup` of sorted[from, to). */
function groupOf(sorted: readonly Finding[], from: number, to: number): Finding {
  return to - from === 1 ? sorted[from]! : mergeGroup(sorted.slice(from, to));
}
