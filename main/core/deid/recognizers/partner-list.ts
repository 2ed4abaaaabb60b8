import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { COMPANY_VOCABULARIES, wordAlternation } from '../boundary-vocabulary.js';
import { isFunctionWord } from '../function-words.js';
import { isPlace } from './location-gazetteer.js';
import { isCommonWord, isFirstName, isSurname } from './name-gazetteer.js';

/**
 * A firm named after its partners (label `ORGANIZATION`): three or more surnames in a list closed by a joiner of any
 * language, "Kok, van den Heuvel and Kramer", "Schaffarzik, Hirt und Behrenbruch", "Eide, Henriksen Bakken og Wold".
 * Each partner is found as a name by itself; the list as one span keeps the commas and the joiner between them from
 * showing which firm it is, and the firm from reading as three people: its score ties with a model's surest, so the
 * list, longer than each partner, keeps its label when it takes in partners found as people or places.
 *
 * A list of ordinary words ("Sales, Marketing and Finance"), of places ("Paris, London and Berlin") or of first names
 * ("Tom, Dick and Harry") is no firm: every partner must be no ordinary or function word and no known place, and
 * one at least a known surname that is no first name.
 */
// Latin letter classes rather than \p{L}: Unicode-mode regexes scan several times slower.
const UPPER = 'A-ZÀ-ÖØ-Þ\\u0100-\\u017f';
const LOWER = 'a-zß-öø-ÿ\\u0100-\\u017f';
const NAME = `[${UPPER}][${LOWER}][${UPPER}${LOWER}'’-]*`;
/** Surname particles written in lower case: "van den Heuvel", "de la Cruz", "von Bülow". */
const PARTICLES = "(?:(?:van|von|de|der|den|del|la|da|di|du|dos|das|le|ter|ten|d'|d’)[ \\t]+)";
/** One partner: a surname of one or two words, with its particles. */
const PARTNER = `${PARTICLES}{0,2}${NAME}(?:[ \\t-]${NAME})?`;
const JOINERS = wordAlternation(Object.values(COMPANY_VOCABULARIES).flatMap((v) => v.joiners));
/** The second partner, the closing joiner and the last one; the first is read back from the comma. Sticky. */
const REST = new RegExp(`, (${PARTNER}),?[ \\t]+(?:${JOINERS})[ \\t]+(${PARTNER})(?![${UPPER}${LOWER}\\d])`, 'y');
/** What may open the second partner: a capital or a particle's first letter ("van", "de", "le", "ter", "d'"). */
const OPENS_PARTNER = new RegExp(`[${UPPER}vdlt]`);
const FIRST = new RegExp(`(?<![${UPPER}${LOWER}\\d'’-])(${PARTNER})$`);

/** A word that cannot stand in a partner's surname: a function word, a place, an ordinary word no surname list holds. */
const notSurname = (word: string): boolean =>
  isFunctionWord(word.toLowerCase()) || isPlace(word) || (isCommonWord(word) && !isSurname(word));
/** A known surname that is neither a first name nor an ordinary word: "Schneider", not "Brown" or "Harry". */
const plainSurname = (word: string): boolean => isSurname(word) && !isFirstName(word) && !isCommonWord(word);

/** The capitalised words of `partner`, or null when one of them cannot be a surname. */
function partnerWords(partner: string): string[] | null {
  const words = partner.split(/[ \t-]+/).filter((word) => /^[A-ZÀ-ÖØ-Þ\u0100-\u017f]/.test(word));
  return words.some(notSurname) ? null : words;
}

function partnerListFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  // Only at a comma and a blank before a capital or a particle: a sticky test there, not a scan of the whole text.
  for (let at = text.indexOf(', '); at >= 0; at = text.indexOf(', ', at + 2)) {
    if (!OPENS_PARTNER.test(text[at + 2] ?? '')) continue;
    REST.lastIndex = at;
    const match = REST.exec(text);
    if (!match) continue;
    const before = FIRST.exec(text.slice(Math.max(0, match.index - 40), match.index));
    if (!before) continue;
    // "Can [Kok], ...": a first partner of two words needs a plain surname for the first of them too.
    let first = before[1]!;
    const space = first.search(/[ \t][^ \t]+$/);
    if (space > 0 && !plainSurname(first.slice(0, space).trim().split(/[ \t]+/).pop()!)) first = first.slice(space + 1);
    const partners = [first, match[1]!, match[2]!].map(partnerWords);
    if (partners.some((words) => words === null)) continue;
    // Two partners at least with a plain surname: "Smith, Jones and Brown", not "Tom, Dick and Harry".
    if (partners.filter((words) => words!.some(plainSurname)).length < 2) continue;
    const start = match.index - first.length;
    findings.push({ start, end: match.index + match[0].length, label: 'ORGANIZATION', score: 0.95, source: 'pattern:partner-list' });
  }
  return findings;
}

export const partnerListRecognizer: Recognizer = {
  name: 'pattern:partner-list',
  labels: ['ORGANIZATION'],
  detect(text: RawText): Finding[] {
    return text.includes(', ') ? partnerListFindings(text) : [];
  },
};
