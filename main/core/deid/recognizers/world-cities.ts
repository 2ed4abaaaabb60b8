/**
 * The world's cities of at least MIN_POPULATION people, as the package city-timezones lists them (MIT licence; some
 * 7,300 populated places with their population), in their usual spelling and without accents ("São Luís", "Sao
 * Luis"). The faker locales' city lists hold each country's own towns, many invented, and no city of a locale in
 * another script: Tokyo, Seoul, Cairo and Beijing were in none of them.
 */
import { createRequire } from 'node:module';
import { isEverydayWord } from '../everyday-words.js';
import { isFirstName, isSurname } from './name-gazetteer.js';

/** Not named `require`: bundled into one chunk with other modules, a top-level `require` would clash. */
const requireData = createRequire(import.meta.url);

/** Towns below this size are left out: their names are more often someone's or something's than the town's. */
const MIN_POPULATION = 100_000;

/**
 * A one-word name that is an everyday word ("Reading", "Mobile", "Independence", "Split") or a person's name
 * ("Trujillo", "Florence") is left out: a cue is not enough there ("the Declaration of Independence", "Delatorre de
 * Trujillo y Ruelas Asociados", a firm), and the NER model reads such a city where it stands.
 */
const isWordOrPersonName = (name: string): boolean =>
  !/\s/.test(name) && (isEverydayWord(name.toLowerCase()) || isFirstName(name) || isSurname(name));

interface CityRecord {
  city?: unknown;
  city_ascii?: unknown;
  pop?: unknown;
}

/** The cities' names, both spellings, read once from the package's data on first use. */
export function worldCities(): string[] {
  const records = requireData('city-timezones/data/cityMap.json') as CityRecord[];
  const names = new Set<string>();
  for (const record of records) {
    if (typeof record.pop !== 'number' || record.pop < MIN_POPULATION) continue;
    for (const name of [record.city, record.city_ascii]) {
      if (typeof name === 'string' && name.trim() !== '' && !isWordOrPersonName(name.trim())) names.add(name.trim());
    }
  }
  return [...names];
}
