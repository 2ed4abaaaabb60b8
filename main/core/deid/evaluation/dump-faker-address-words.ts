/**
 * Developer script: regenerates `recognizers/address-vocabulary-faker.ts`, the street types and flat words of
 * faker's locale data (the street patterns say where each word stands: before the name, after it, or glued to
 * it), so that the address recognizer knows the street forms of every Latin-script locale faker writes.
 *
 *   npx tsx main/core/deid/evaluation/dump-faker-address-words.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allLocales } from '@faker-js/faker';

export const FAKER_VOCABULARY_FILE = fileURLToPath(new URL('../recognizers/address-vocabulary-faker.ts', import.meta.url));
/** Latin letters only (the recognizers' letter classes), with an abbreviation's period. */
const LATIN_WORD = /^[A-Za-zÀ-ÖØ-öø-ſ]+\.?$/;

interface LocationDefinitions {
  street_pattern?: string[];
  street_prefix?: string[];
  street_suffix?: string[];
  secondary_address?: string[];
  street_address?: { normal?: string };
}

/**
 * Street types and flat words that are also ordinary words before a number or a capitalised word ("Jr. Day 2020",
 * "Grupo 5", "And 5"): left out, the recognizer's own vocabularies cover the real street forms among them.
 */
const AMBIGUOUS = new Set([
  'Jr.', 'Grupo', 'Lado', 'Lugar', 'Mercado', 'Municipio', 'Sección', 'Sector', 'Solar', 'Monte', 'Chalet', 'Colegio', 'Conjunto',
  'Eje', 'Entrada', 'Salida', 'Square', 'Porte', 'Puente', 'Ferrocarril', 'Partida', 'Terrenos', 'Lado', 'And', 'Sub', 'Mor', 'Gar',
  'Terr', 'Cv', 'Escr', 'uy', 'End',
]);
const words = (list: readonly string[] | undefined): string[] => (list ?? []).filter((w) => LATIN_WORD.test(w) && !AMBIGUOUS.has(w));

/** Esperanto: no postal addresses are written in it, and its street words end ordinary words ("Indigo", "Código"). */
const SKIPPED_LOCALES = new Set(['eo']);

/** The generated file's text, from faker's locale data as installed. */
export function fakerAddressVocabularySource(): string {
  const before = new Set<string>();
  const afterNumbered = new Set<string>();
  const afterNamed = new Set<string>();
  const glued = new Set<string>();
  const unitsBefore = new Set<string>();
  const unitsAfter = new Set<string>();
  const locales: string[] = [];

  for (const [locale, definition] of Object.entries(allLocales).sort(([a], [b]) => a.localeCompare(b))) {
    if (SKIPPED_LOCALES.has(locale)) continue;
    const location = (definition as { location?: LocationDefinitions }).location;
    if (!location?.street_pattern) continue;
    let used = false;
    for (const pattern of location.street_pattern) {
      if (/^\{\{location\.street_prefix\}\} \{\{(?:person|location\.street_suffix)/.test(pattern)) {
        words(location.street_prefix).forEach((w) => before.add(w));
        used = true;
      }
      if (/^\{\{location\.street_suffix\}\} \{\{(?:person|location\.street_name_part)/.test(pattern)) {
        words(location.street_suffix).forEach((w) => before.add(w));
        used = true;
      }
      // "{{location.street_prefix}} {{location.street_suffix}}" (French): the suffixes are names, not types.
      if (/\}\} \{\{location\.street_suffix\}\}$/.test(pattern) && !pattern.startsWith('{{location.street_prefix}}')) {
        // A regional locale ("en_GB") may leave the address format to its language's.
        const base = (allLocales[locale.split('_')[0] as keyof typeof allLocales] as { location?: LocationDefinitions } | undefined)?.location;
        const normal = location.street_address?.normal ?? base?.street_address?.normal ?? '';
        // Where the house number comes first ("1554 Mohr Lake") the type is only trusted after a number.
        const numberFirst = normal.startsWith('{{location.buildingNumber}}');
        words(location.street_suffix).forEach((w) => (numberFirst ? afterNumbered : afterNamed).add(w));
        used = true;
      }
      if (/\}\}\{\{location\.street_suffix\}\}$/.test(pattern)) {
        words(location.street_suffix).filter((w) => w.length >= 4).forEach((w) => glued.add(w.toLowerCase()));
        used = true;
      }
    }
    for (const secondary of location.secondary_address ?? []) {
      const plain = secondary.replace(/\{\{[^}]*\}\}/g, ' ');
      const hash = plain.search(/[#\d]/);
      for (const match of plain.matchAll(/[A-Za-zÀ-ÖØ-öø-ſ]{2,}\.?/g)) {
        const word = match[0].replace(/\.$/, '');
        if (!AMBIGUOUS.has(word)) (hash < 0 || match.index < hash ? unitsBefore : unitsAfter).add(word);
        used = true;
      }
    }
    if (used) locales.push(locale);
  }

  // "10 Key Points", "5 Simple Ways": these plurals after a number count things far more often than they name a street.
  for (const word of ['Points', 'Ways', 'Keys', 'Views', 'Lights', 'Locks', 'Circles', 'Centers', 'Extensions', 'Unions']) afterNumbered.delete(word);

  const list = (set: Set<string>): string => JSON.stringify([...set].sort(), null, 0).replace(/","/g, "', '").replace(/^\["/, "['").replace(/"\]$/, "']");

  return `/**
 * Generated by main/core/deid/evaluation/dump-faker-address-words.ts from @faker-js/faker's locale data
 * (${locales.length} locales: ${locales.join(', ')}); do not edit by hand.
 * Street types by where they stand, and the words of flat and floor numbers.
 */
/** Street types written before the name: "Strada Maurilio", "bulw. Kaczorowski", "Intrarea Zambetului". */
export const FAKER_STREET_TYPES_BEFORE: readonly string[] = ${list(before)};
/** Street types written after the name, before the house number: "Tisza fasor 51", "Kartupeļu iela 166". */
export const FAKER_STREET_TYPES_AFTER: readonly string[] = ${list(afterNamed)};
/** Street types written after the name where the number comes first, accepted only there: "1554 Mohr Lake". */
export const FAKER_NUMBERED_STREET_TYPES: readonly string[] = ${list(afterNumbered)};
/** Street types glued to the name: "Aripolku", "Mylanlaan". */
export const FAKER_STREET_SUFFIXES: readonly string[] = ${list(glued)};
/** Words before a flat or floor number: "Zimmer 725", "Kat 2", "Lgh. 546". */
export const FAKER_UNIT_WORDS: readonly string[] = ${list(unitsBefore)};
/** Words after a floor number: "5 OG", "4 étage", "3 hoog". */
export const FAKER_UNIT_WORDS_AFTER: readonly string[] = ${list(unitsAfter)};
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(FAKER_VOCABULARY_FILE, fakerAddressVocabularySource());
  process.stdout.write(`Wrote ${FAKER_VOCABULARY_FILE}.\n`);
}
