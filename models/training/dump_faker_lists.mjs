// Dumps the name, place and company word lists that synth.py fills its templates with, from the faker locale
// data installed with the app, so the synthetic corpus needs no network access.
import { writeFileSync } from 'node:fs';
import { allLocales } from '@faker-js/faker';

const LOCALES = ['en', 'en_US', 'en_GB', 'en_IE', 'en_AU', 'en_CA', 'en_IN', 'es', 'es_MX', 'fr', 'de', 'it', 'pt_BR', 'nl', 'pl',
  // Latin-script locales added for 0.2.0's social text (names from Africa, Scandinavia, Central Europe, Asia).
  'en_NG', 'en_ZA', 'en_GH', 'zu_ZA', 'yo_NG', 'af_ZA', 'sv', 'da', 'nb_NO', 'fi', 'cs_CZ', 'hr', 'hu', 'ro', 'tr',
  'id_ID', 'vi', 'pt_PT', 'cy', 'de_AT', 'fr_BE', 'nl_BE', 'sk', 'sl_SI', 'lv'];

function strings(value) {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

// Faker patterns such as "{{person.last_name}}" are templates, not values.
const literal = (s) => !s.includes('{{') && !s.includes('#') && s.trim().length > 1;
const unique = (xs) => [...new Set(xs.filter(literal).map((s) => s.trim()))].sort();

const lists = {};
for (const code of LOCALES) {
  const locale = allLocales[code];
  if (!locale) continue;
  lists[code] = {
    firstNames: unique(strings(locale.person?.first_name)),
    lastNames: unique(strings(locale.person?.last_name)),
    cities: unique(strings(locale.location?.city_name)),
    states: unique(strings(locale.location?.state)),
    countries: unique(strings(locale.location?.country)),
    streets: unique(strings(locale.location?.street_name)),
    companySuffixes: unique(strings(locale.company?.legal_entity_type)),
    companyNouns: unique(strings(locale.company?.noun)),
    streetSuffixes: unique(strings(locale.location?.street_suffix)),
  };
}
const out = process.argv[2];
writeFileSync(out, JSON.stringify(lists));
console.log(Object.entries(lists).map(([k, v]) => `${k}: ${Object.entries(v).map(([f, l]) => `${f}=${l.length}`).join(' ')}`).join('\n'));
