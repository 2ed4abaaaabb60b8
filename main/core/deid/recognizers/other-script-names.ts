import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { execAll } from './exec-all.js';

/**
 * Names written in another script inside a Latin-script text: "Discussed with Χριστινα Δασκαλοπούλου, RN",
 * "Hello Dr. Αλεξόπουλος,". The NER model reads Latin-script text; in such a text a capitalised Greek or Cyrillic
 * word (a capital, then small letters) is a proper name: a person, a place or a firm, all of them to hide. It is
 * reported as PERSON with a low score, so that an address, a place or an organisation found over it wins.
 * A text written in that script (a Greek letter, a Russian note: its small-letter words are of that script) is
 * left to the other detectors: there every sentence opens with such a word.
 */
const CAPITALISED = '(?:[\\u0386\\u0388-\\u038f\\u0391-\\u03ab][\\u03ac-\\u03ce]+|[\\u0400-\\u042f][\\u0430-\\u045f]+)';
const NAME_RUN = new RegExp(`(?<![\\p{L}\\p{M}])${CAPITALISED}(?:-${CAPITALISED})?(?:[ \\t]+${CAPITALISED}(?:-${CAPITALISED})?){0,2}(?![\\p{L}\\p{M}])`, 'gu');
const OTHER_SCRIPT_LETTER = /[\u0370-\u04ff]/;
/** A word opening with a small letter, Latin or of the other script: the words a sentence is written in. */
const SMALL_WORD = /(?<![\p{L}\p{M}])(?:([a-zß-öø-ÿ])|[\u03ac-\u03ce\u0430-\u045f])[\p{L}\p{M}]/gu;

/** Whether the text's ordinary (small-letter) words are Latin rather than of the other script. */
function writtenInLatin(text: string): boolean {
  let latin = 0;
  let other = 0;
  for (const match of execAll(SMALL_WORD, text)) {
    if (match[1] === undefined) other++;
    else latin++;
  }
  return latin > other;
}

export const otherScriptNameRecognizer: Recognizer = {
  name: 'pattern:other-script-name',
  labels: ['PERSON'],
  detect(text: RawText): Finding[] {
    if (!OTHER_SCRIPT_LETTER.test(text) || !writtenInLatin(text)) return [];
    return execAll(NAME_RUN, text).map((match) => ({
      start: match.index,
      end: match.index + match[0].length,
      label: 'PERSON',
      score: 0.4,
      source: 'pattern:other-script-name',
    }));
  },
};
