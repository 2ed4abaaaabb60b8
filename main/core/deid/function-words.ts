/**
 * Per-language function words: articles, prepositions, conjunctions and pronouns that are never a name on their
 * own. The NER filter drops a model span made only of them, and trims them from a span's edges. Supporting a new
 * language means adding an entry here; the filter uses the union of all entries.
 */
export const FUNCTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'without', 'and', 'or', 'but', 'nor',
    'as', 'than', 'that', 'this', 'these', 'those', 'which', 'who', 'whom', 'whose', 'what', 'is', 'are', 'was', 'were',
    'be', 'been', 'it', 'its', 'he', 'she', 'his', 'her', 'him', 'they', 'them', 'their', 'we', 'our', 'you', 'your',
    'my', 'me', 'i', 'not', 'no', 'so', 'if', 'into', 'onto', 'over', 'under', 'about', 'after', 'before', 'during',
  ],
  es: [
    'el', 'la', 'los', 'las', 'lo', 'un', 'una', 'unos', 'unas', 'de', 'del', 'al', 'a', 'en', 'con', 'sin', 'por',
    'para', 'y', 'e', 'o', 'u', 'ni', 'que', 'se', 'su', 'sus', 'es', 'son', 'fue', 'era', 'como', 'más', 'mas',
    'muy', 'ya', 'le', 'les', 'me', 'mi', 'tu', 'nos', 'este', 'esta', 'estos', 'estas', 'ese', 'esa', 'eso', 'sobre',
    'entre', 'tras', 'desde', 'hasta', 'hacia', 'según', 'no', 'si', 'sí', 'pero', 'cuando', 'donde', 'cual', 'cuyo',
  ],
};

/**
 * Personal pronouns of each language: never a name ("He", "himself", "Ella"), so a model span that is one of them is
 * dropped even capitalised; other function words may be names capitalised ("Del", "Al").
 */
export const PERSONAL_PRONOUNS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'i', 'me', 'you', 'he', 'him', 'she', 'her', 'it', 'we', 'us', 'they', 'them', 'myself', 'yourself', 'himself',
    'herself', 'itself', 'ourselves', 'yourselves', 'themselves', 'his', 'hers', 'theirs', 'mine', 'yours', 'ours',
  ],
  es: ['yo', 'tú', 'él', 'ella', 'ello', 'nosotros', 'nosotras', 'vosotros', 'vosotras', 'ellos', 'ellas', 'usted', 'ustedes'],
};

const ALL = new Set(Object.values(FUNCTION_WORDS).flat());
const PRONOUNS = new Set(Object.values(PERSONAL_PRONOUNS).flat());

/**
 * Whether `word`, in lower case or capitalised, is a personal pronoun of some language. Written all in capitals
 * it may be an acronym instead ("US", "IT").
 */
export function isPersonalPronoun(word: string): boolean {
  if (word.length > 1 && word === word.toUpperCase()) return false;
  return PRONOUNS.has(word.toLowerCase());
}

/** Whether `word` (in any case) is a function word of some language. */
export function isFunctionWord(word: string): boolean {
  return ALL.has(word.toLowerCase());
}
