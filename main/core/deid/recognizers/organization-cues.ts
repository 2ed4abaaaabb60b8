import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { placeAt } from './location-gazetteer.js';
import { isCommonWord, isSurname } from './name-gazetteer.js';
import { execAll } from './exec-all.js';
import { firstWord, matchesAt, WordTable, wordsOf } from './word-scan.js';
import { ORGANIZATION_VOCABULARIES } from './organization-vocabulary.js';
import { COMPANY_VOCABULARIES, wordAlternation } from '../boundary-vocabulary.js';

/**
 * Organisations (label `ORGANIZATION`) found by their cues: a legal-form or sector suffix after capitalised words
 * ("Enervee Corporation", "Asc Partners", "Loqate Inc"), an institution word before them ("Fundació Puigvert",
 * "Clínica Vistahermosa", "Universidad de Salamanca"), and the maker in a clinical product reference, "(Viscofresh 0,5%, Allergan, Madrid)", recognised by the place after
 * it, and capitalised names before a company form of any language ("Tatárová v.o.s.", "Magnusson Aktiebolag"). An
 * all-caps acronym counts only with a cue: in brackets right after an organisation found here ("Complejo
 * Hospitalario Universitario de Vigo (CHUVI)").
 *
 * Cue words are looked up in the shared word scan; the patterns run as sticky regexes only where one was found.
 */
// Greek as well, as the word scan reads it: "Τρίκαλα Family Practice".
const UPPER = 'A-ZÀ-ÖØ-Þ\\u0100-\\u017f\\u0386-\\u03ab';
const LOWER = 'a-zß-öø-ÿ\\u0100-\\u017f\\u03ac-\\u03ce';
const NAME = `[${UPPER}][${UPPER}${LOWER}'’&®-]*`;
const PARTICLE = "(?:de|del|de la|de los|de las|i|y|d'|of|the|for|and|&|für|di|da|do|dos|des|du|la|el)";

/**
 * "Associates" in Spanish, Portuguese, French and Italian ("Escobar Martínez Asociados"): ordinary adjectives too
 * ("Síndromes Periódicos Asociados"), so a name before them must be one the name lists know.
 */
const PARTNER_SUFFIXES: readonly string[] = ['Asociados', 'Associados', 'Associés', 'Associati'];
const VOCABULARIES = Object.values(ORGANIZATION_VOCABULARIES);
/** Kinds of institution written after their name (organization-vocabulary.ts). */
const INSTITUTION_SUFFIXES: readonly string[] = [...new Set(VOCABULARIES.flatMap((v) => v.institutionSuffixes))];
const INSTITUTIONS: ReadonlySet<string> = new Set(INSTITUTION_SUFFIXES);
const AGENCY_HEADS: ReadonlySet<string> = new Set(VOCABULARIES.flatMap((v) => v.agencyHeads));
const DESCRIPTORS: ReadonlySet<string> = new Set(VOCABULARIES.flatMap((v) => v.descriptors));
const TAKES_FIELD: ReadonlySet<string> = new Set(VOCABULARIES.flatMap((v) => v.takesField));
const KEEPS_ARTICLE: ReadonlySet<string> = new Set(VOCABULARIES.flatMap((v) => v.keepArticle));
/** A capitalised word, or a particle and one, right after an institution word: it then opens a name, not ends one. */
const HEADS_NEXT_NAME = new RegExp(`^[ \\t]+(?:(?:de|del|of|di|da|do)[ \\t]+)?[${UPPER}]`);
/** A field after an institution: "Claesson Institute [of Technology]", "Stanford School [of Medicine]". */
const FIELD_AFTER = /^[ \t]+(?:of|for)[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}/;

/** Legal forms and sector words written after the name. Case-sensitive. */
export const ORGANIZATION_SUFFIXES: readonly string[] = [
  'Inc', 'Incorporated', 'LLC', 'LLP', 'Ltd', 'Limited', 'Corp', 'Corporation', 'GmbH', 'AG', 'PLC', 'plc', 'SA', 'SL', 'SpA', 'BV',
  'NV', 'Oy', 'AB', 'ASA', 'KG', 'Co', 'Company', 'Partners', 'Group', 'Labs', 'Laboratories', 'Laboratorios', 'Pharma',
  'Pharmaceuticals', 'Pharmaceutical', 'Technologies', 'Holdings', 'Consulting', 'Ventures', 'Capital', 'Insurance', 'Bank',
  'Foundation', 'Institute', 'Associates', 'Medical', 'Healthcare', 'Systems', 'Solutions', 'Industries', 'Enterprises',
  'Sons', 'Brothers', 'Bros',
  ...PARTNER_SUFFIXES,
  ...INSTITUTION_SUFFIXES,
];
/** Institution words written before the name. Case-sensitive. */
export const ORGANIZATION_PREFIXES: readonly string[] = [
  'Hospital', 'Hospitalario', 'Clínica', 'Clinica', 'Clinic', 'Fundació', 'Fundación', 'Fundacion', 'Universidad', 'Universitat',
  'University', 'Universidade', 'Università', 'Université', 'College', 'Instituto', 'Institut', 'Institute', 'Banco',
  'Centro', 'Complejo', 'Policlínica', 'Sanatorio', 'Laboratorios', 'Colegio', 'Asociación', 'Sociedad', 'Consorci', 'Consorcio',
  ...new Set(VOCABULARIES.flatMap((v) => v.bodyPrefixes)),
];

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\t]+');
const alternation = (words: readonly string[]): string => [...words].sort((a, b) => b.length - a.length).map(escape).join('|');

/**
 * Company forms of every language (boundary-vocabulary.ts) that are not suffixes above: "Tatárová [v.o.s.]",
 * "Magnusson [Aktiebolag]", "Garza [e Hijos]". "DA" and "CV" are left out: elsewhere they are a prosecutor and a CV.
 */
const COMPANY_FORMS: readonly string[] = Object.values(COMPANY_VOCABULARIES)
  .flatMap((v) => v.forms)
  .filter((form) => !ORGANIZATION_SUFFIXES.includes(form) && form !== 'DA' && form !== 'CV');
const NAME_WORD = `\\p{Lu}\\p{Ll}[\\p{L}\\p{M}'’-]*`;
/**
 * One to three capitalised names, the last two maybe joined ("Kopecký a Sadílek"), maybe a number of the name
 * ("Csonka 2000 Kv."), then a company form.
 */
const NAMES_BEFORE_FORM = new RegExp(
  `(?<![\\p{L}\\p{N}.])${NAME_WORD}(?:[ \\t]+(?:(?:and|&|a|en|${wordAlternation(Object.values(COMPANY_VOCABULARIES).flatMap((v) => v.joiners))})[ \\t]+)?${NAME_WORD}){0,2}(?:[ \\t]+\\d{1,4})?[ \\t]+(?:${wordAlternation(COMPANY_FORMS)})(?:(?<=\\.)|(?![\\p{L}\\p{N}]))`,
  'gu',
);
/** A form at a word the scan found: the cheap test before the scan above. */
const FORM_AT = new RegExp(`(?:${wordAlternation(COMPANY_FORMS)})(?:(?<=\\.)|(?![\\p{L}\\p{N}]))`, 'uy');

const Cue = { suffix: 1, prefix: 2, form: 4 } as const;
const CUE_WORDS = new WordTable()
  .add(ORGANIZATION_SUFFIXES, Cue.suffix, true)
  .add(ORGANIZATION_PREFIXES, Cue.prefix, true)
  .add(COMPANY_FORMS.map(firstWord), Cue.form, true);

/** "Enervee Corporation", "Shepherd Ltd.", "Smith & Co.": one to four capitalised words, then the suffix. */
const WITH_SUFFIX = new RegExp(
  `(?<![${UPPER}${LOWER}\\d])(?:St\\.[ \\t]+)?(?:${NAME}[ \\t]+(?:(?:&|and|y)[ \\t]+)?){1,4}(?:${alternation(ORGANIZATION_SUFFIXES)})(?:\\.(?=[ \\t,;)]|$)|(?![${UPPER}${LOWER}\\d]))`,
  'y',
);
/** "Fundació Puigvert", "Hospital Universitario de Salamanca", "Universidad Complutense de Madrid". */
const WITH_PREFIX = new RegExp(
  `(?<![${UPPER}${LOWER}\\d])(?:${alternation(ORGANIZATION_PREFIXES)})(?:[ \\t]+${PARTICLE})*[ \\t]+${NAME}(?:(?:[ \\t]+${PARTICLE})*[ \\t]+${NAME}){0,5}(?:[ \\t]+\\([ \\t]*[A-Z][A-Z\\d-]{1,9}[ \\t]*\\))?`,
  'y',
);
/** "(Viscofresh 0,5%, Allergan, Madrid)": the maker between a product and a place inside brackets. */
const PRODUCT_MAKER = new RegExp(`,[ \\t]+(${NAME}(?:[ \\t]+${NAME}){0,3})[ \\t]*,[ \\t]+(?=[${UPPER}])`, 'dy');

const LEADING_DETERMINER = /^(?:(?:The|A|An|This|That|Our|Your|My|Their|His|Her|Its|Every|Each|El|La|Los|Las|Un|Una|Nuestra|Nuestro)[ \t]+)+/;

const CAPITALISED_BEFORE = new RegExp(`(?:^|[^${UPPER}${LOWER}])[${UPPER}][${LOWER}]+[ \\t]+$`);
const GENERIC_NAME = /[ \t](?:de[ \t]+)?(?:Día|Dia|Day|Urgencias|Emergency|Salud Mental)$/;

/** Words that end a prefix match: sentences and lists go on with them, names do not. */
const TRAILING_LOWER = new RegExp(`(?:[ \\t]+${PARTICLE})+$`);

/**
 * Ordinary capitalised words before a public body's head name one inside a sentence ("the International Monetary
 * Fund", "the Food and Drug Administration"): two or more of them, the first not opening the sentence or the line,
 * where any capitalised word may stand ("Central Bank figures", "Council Tax").
 */
function isAgencyName(text: string, start: number, nameWords: readonly string[], suffix: string): boolean {
  if (!AGENCY_HEADS.has(suffix) || nameWords.filter((word) => !/^(?:&|and|y)$/.test(word)).length < 2) return false;
  return start > 0 && !opensSentenceAt(text, start) && /[ \t]$/.test(text.slice(start - 1, start));
}

/** Whether `start` opens the text, a sentence, a clause, a line, a quotation or a bracket (past blanks). */
function opensSentenceAt(text: string, start: number): boolean {
  return /(?:^|[.!?:;\n"“(])[ \t]*$/.test(text.slice(Math.max(0, start - 3), start));
}

function push(findings: Finding[], start: number, end: number, score: number): void {
  findings.push({ start, end, label: 'ORGANIZATION', score, source: 'pattern:organization' });
}

export const organizationRecognizer: Recognizer = {
  name: 'pattern:organization',
  labels: ['ORGANIZATION'],
  detect(text: RawText): Finding[] {
    const words = wordsOf(text);
    const suffixEnds: number[] = [];
    const prefixStarts: number[] = [];
    let formFound = false;
    for (let c = 0; c < words.cueCount; c++) {
      const i = words.cues[c] as number;
      const kinds = CUE_WORDS.kindsOf(words, i);
      if (kinds === 0) continue;
      // Forms may be written in lower case ("s.r.o.", "e Hijos"); names and institution words are capitalised.
      if (words.capitals[i] !== 0) {
        if (kinds & Cue.suffix) suffixEnds.push(i);
        if (kinds & Cue.prefix) prefixStarts.push(words.starts[i] as number);
      }
      if (kinds & Cue.form && !formFound) {
        FORM_AT.lastIndex = words.starts[i] as number;
        formFound = FORM_AT.test(text);
      }
    }
    const findings: Finding[] = [];
    // A suffix's name opens at one of the up to four capitalised words before it.
    const suffixStarts: number[] = [];
    for (const i of suffixEnds) {
      for (let k = Math.max(0, i - 5); k < i; k++) if (words.capitals[k] !== 0) suffixStarts.push(words.starts[k] as number);
    }
    const sorted = [...new Set(suffixStarts)].sort((a, b) => a - b);
    for (const match of matchesAt(text, WITH_SUFFIX, sorted)) {
      const determiner = LEADING_DETERMINER.exec(match[0])?.[0].length ?? 0;
      // The suffix alone ("The Group", "Bank") is no name.
      const name = match[0].slice(determiner);
      if (!/[ \t]/.test(name)) continue;
      // "Operating Systems", "Central Bank": ordinary words before the suffix name nothing.
      const nameWords = name.split(/[ \t]+/).slice(0, -1);
      const suffix = name.split(/[ \t]+/).at(-1)!.replace(/\.$/, '');
      // "Parker Medical Center", "Santos General Hospital": a surname names an institution though it is also a
      // common word, unless it may be a sentence's first word ("Will Hospital staff…").
      const opensSentence = opensSentenceAt(text, match.index + determiner);
      const common = (word: string, k: number): boolean =>
        isCommonWord(word) && !(INSTITUTIONS.has(suffix) && !DESCRIPTORS.has(word) && isSurname(word) && (k > 0 || !opensSentence));
      const ordinary = nameWords.every((word, k) => common(word, k) || /^(?:&|and|y)$/.test(word));
      // "Family Practice", "General Hospital", "Emergency Center": kinds of institution, unless a name stands with them.
      const described = INSTITUTIONS.has(suffix) && nameWords.every((word, k) => DESCRIPTORS.has(word) || common(word, k) || /^(?:&|and|y|St\.)$/.test(word));
      if ((ordinary || described) && !isAgencyName(text, match.index + determiner, nameWords, suffix)) continue;
      if (PARTNER_SUFFIXES.includes(suffix) && !nameWords.some((word) => isSurname(word) && !isCommonWord(word))) continue;
      let end = match.index + match[0].length;
      // "Urología Hospital General", "Oncología Hospital de Navarra": the institution word heads the next name.
      if (INSTITUTIONS.has(suffix) && HEADS_NEXT_NAME.test(text.slice(end, end + 12)) && !(TAKES_FIELD.has(suffix) && FIELD_AFTER.test(text.slice(end, end + 60)))) continue;
      if (TAKES_FIELD.has(suffix)) end += FIELD_AFTER.exec(text.slice(end, end + 60))?.[0].length ?? 0;
      // "The Vildbjerg Herald": a newspaper's article is part of its name.
      const article = KEEPS_ARTICLE.has(suffix) && /^The[ \t]+$/.test(match[0].slice(0, determiner)) ? 0 : determiner;
      push(findings, match.index + article, end, 0.55);
    }
    for (const match of matchesAt(text, WITH_PREFIX, prefixStarts)) {
      const whole = match[0].replace(TRAILING_LOWER, '');
      // "Entrevista Clínica Estructurada", "Hospital de Día": a title's word or a kind of service, not a name.
      if (CAPITALISED_BEFORE.test(text.slice(Math.max(0, match.index - 20), match.index)) || GENERIC_NAME.test(whole)) continue;
      push(findings, match.index, match.index + whole.length, 0.55);
    }
    // "Tatárová v.o.s.", "Chollet SCS": names before a company form of any language.
    if (formFound) for (const match of execAll(NAMES_BEFORE_FORM, text)) push(findings, match.index, match.index + match[0].length, 0.55);
    // "(Product, Maker, City)": the maker is an organisation when a known place follows it.
    for (let at = text.indexOf('('); at >= 0; at = text.indexOf('(', at + 1)) {
      const close = text.indexOf(')', at);
      if (close < 0 || close - at > 120) continue;
      for (let comma = text.indexOf(',', at); comma >= 0 && comma < close; comma = text.indexOf(',', comma + 1)) {
        PRODUCT_MAKER.lastIndex = comma;
        const match = PRODUCT_MAKER.exec(text);
        if (!match || PRODUCT_MAKER.lastIndex > close) continue;
        const placeStart = PRODUCT_MAKER.lastIndex;
        let w = 0;
        while (w < words.count && (words.starts[w] as number) < placeStart) w++;
        if (w >= words.count || words.starts[w] !== placeStart || !placeAt(words, w)) continue;
        const [start, end] = match.indices?.[1] ?? [0, 0];
        if (end > start) push(findings, start, end, 0.5);
      }
    }
    return findings;
  },
};
