/**
 * Developer helper: fills Presidio-style sentence templates ("My name is {{person}}, I live at {{address}}") with
 * faker values of many locales, giving fresh labelled sets of the same shape as presidio-synth-v2 but with values
 * nobody has read. Used by `fresh-faker-set.ts --templates FILE`.
 *
 * Labels follow the presidio-synth-v2 conversion: a whole {{address}} is one ADDRESS span; its parts written in a
 * template ({{building_number}}, {{street_name}}, {{secondary_address}}, {{zipcode}}) are ADDRESS each, towns,
 * countries and state codes LOCATION; titles, jobs and nationalities OTHER. About one record in ten is written in
 * lower case, as in that file. Unknown placeholders are an error naming the template line.
 */
import { readFileSync } from 'node:fs';
import type { Faker } from '@faker-js/faker';

/** One filled piece of a template: plain text or a labelled value. */
export type TemplatePiece = string | { label: string; text: string };

/** A parsed template: its line number in the file and its text with `\n` escapes resolved. */
export interface Template {
  line: number;
  text: string;
}

const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g;

/** Templates of a file, one a line; `\n` in a line is a line break, `\,` a comma. Blank lines are skipped. */
export function readTemplates(file: string): Template[] {
  const templates: Template[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const text = raw.replace(/\\n/g, '\n').replace(/\\,/g, ',').replace(/\uFFFD/g, '-');
      if (text.trim()) templates.push({ line: i + 1, text });
    });
  if (templates.length === 0) throw new Error(`${file}: no templates`);
  for (const t of templates) {
    for (const m of t.text.matchAll(PLACEHOLDER)) {
      if (!(m[1]! in FILLERS)) throw new Error(`${file}:${t.line}: unknown placeholder {{${m[1]}}}`);
    }
  }
  return templates;
}

const NATIONALITIES = ['French', 'German', 'Spanish', 'Mexican', 'Italian', 'Dutch', 'Polish', 'Brazilian', 'Swedish', 'Norwegian', 'Finnish', 'Czech', 'Hungarian', 'Danish', 'Australian', 'Canadian', 'Irish', 'Romanian', 'Croatian', 'Turkish', 'Greek', 'Austrian', 'Swiss', 'Portuguese', 'Latvian'];
const NATION_PLURALS = ['the French', 'Germans', 'Spaniards', 'Mexicans', 'Italians', 'the Dutch', 'Poles', 'Brazilians', 'Swedes', 'Norwegians', 'Finns'];
const NATION_WOMEN = ['Frenchwoman', 'Englishwoman', 'Irishwoman', 'Dutchwoman', 'Scotswoman', 'Welshwoman'];

const pad = (n: number) => String(n).padStart(2, '0');

/** A locale's value, or the fallback where faker has no such data for the locale (states, flats). */
function orElse(value: () => string, fallback: () => string): string {
  try {
    return value();
  } catch {
    return fallback();
  }
}
const stateCode = (f: Faker) => orElse(() => f.location.state({ abbreviated: true }), () => f.helpers.arrayElement(['CA', 'NY', 'TX', 'ON', 'NSW', 'QC']));
const flat = (f: Faker) => orElse(() => f.location.secondaryAddress(), () => `${f.helpers.arrayElement(['Apt.', 'Suite'])} ${f.string.numeric(3)}`);

/** A whole postal address in one of the shapes the Presidio data generator writes. */
function fullAddress(f: Faker): string {
  const street = f.location.streetAddress(false);
  const building = f.location.buildingNumber();
  const unit = flat(f);
  const town = f.helpers.maybe(() => f.location.city().toUpperCase(), { probability: 0.2 }) ?? f.location.city();
  const state = stateCode(f);
  const country = f.location.country();
  const zip = f.location.zipCode();
  return f.helpers.arrayElement([
    `${building} ${street} ${unit}\n${town}\n, ${state}\n ${country} ${zip}`,
    `${building} ${street}\n${town}, ${state} ${zip}`,
    `${street} ${unit}, ${town}, ${country} ${zip}`,
    `${street}\n ${unit}\n ${town}\n ${country}`,
    `${building} ${street}, ${town}, ${country}`,
    `${street}, ${zip} ${town}`,
    `the corner of ${f.location.street()} and ${f.location.street()}`,
    `${f.helpers.arrayElement(['USNS', 'USNV', 'USS', 'USCGC'])} ${f.person.lastName()}\nFPO ${f.helpers.arrayElement(['AA', 'AE', 'AP'])} ${f.string.numeric(5)}`,
    `Unit ${f.string.numeric(4)} Box ${f.string.numeric(4)}\nDPO ${f.helpers.arrayElement(['AA', 'AE', 'AP'])} ${f.string.numeric(5)}`,
    `PSC ${f.string.numeric(4)}, Box ${f.string.numeric(4)}\nAPO ${f.helpers.arrayElement(['AA', 'AE', 'AP'])} ${f.string.numeric(5)}`,
  ]);
}

function dateOfBirth(f: Faker): string {
  const d = f.date.birthdate();
  const [y, m, day] = [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  return f.helpers.arrayElement([`${m}/${day}/${y}`, `${y}-${pad(m)}-${pad(day)}`, `${pad(day)}.${pad(m)}.${y}`, d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })]);
}

function dateTime(f: Faker): string {
  const d = f.date.past({ years: 40 });
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function driverLicence(f: Faker): string {
  return f.helpers.arrayElement([
    `${f.string.alpha({ length: 1, casing: 'upper' })}${f.string.numeric(12)}`,
    `${f.string.numeric(4)}-${f.string.numeric(2)}-${f.string.numeric(4)}`,
    f.string.numeric(7),
    `${f.string.alpha({ length: 1, casing: 'upper' })}${f.string.numeric(14)}`,
  ]);
}

/** A first and last name: faker's full names may carry a title ("Dr.", "Ing.") or a suffix, which are OTHER here. */
function fullName(f: Faker, sex?: 'female' | 'male'): string {
  return `${f.person.firstName(sex)} ${f.person.lastName(sex)}`;
}

type Filler = (f: Faker) => { label: string; text: string };
const as = (label: string, value: (f: Faker) => string): Filler => (f) => ({ label, text: value(f) });

/** What each placeholder is filled with, and its gold label. */
const FILLERS: Record<string, Filler> = {
  person: as('PERSON', (f) => fullName(f)),
  name: as('PERSON', (f) => fullName(f)),
  name_female: as('PERSON', (f) => fullName(f, 'female')),
  name_male: as('PERSON', (f) => fullName(f, 'male')),
  first_name: as('PERSON', (f) => f.person.firstName()),
  first_name_male: as('PERSON', (f) => f.person.firstName('male')),
  first_name_female: as('PERSON', (f) => f.person.firstName('female')),
  first_name_nonbinary: as('PERSON', (f) => f.person.firstName()),
  last_name: as('PERSON', (f) => f.person.lastName()),
  last_name_male: as('PERSON', (f) => f.person.lastName('male')),
  last_name_female: as('PERSON', (f) => f.person.lastName('female')),
  prefix: as('OTHER', (f) => f.helpers.arrayElement(['Mr.', 'Ms.', 'Mrs.', 'Dr.'])),
  prefix_male: as('OTHER', (f) => f.helpers.arrayElement(['Mr.', 'Dr.'])),
  prefix_female: as('OTHER', (f) => f.helpers.arrayElement(['Ms.', 'Mrs.', 'Dr.'])),
  job: as('OTHER', (f) => f.person.jobTitle()),
  nationality: as('OTHER', (f) => f.helpers.arrayElement(NATIONALITIES)),
  nation_plural: as('OTHER', (f) => f.helpers.arrayElement(NATION_PLURALS)),
  nation_woman: as('OTHER', (f) => f.helpers.arrayElement(NATION_WOMEN)),
  address: as('ADDRESS', fullAddress),
  street_name: as('ADDRESS', (f) => (f.datatype.boolean() ? f.location.street() : f.location.streetAddress(false))),
  building_number: as('ADDRESS', (f) => f.location.buildingNumber()),
  secondary_address: as('ADDRESS', flat),
  zipcode: as('ADDRESS', (f) => f.location.zipCode()),
  postcode: as('ADDRESS', (f) => f.location.zipCode()),
  city: as('LOCATION', (f) => (f.datatype.boolean({ probability: 0.2 }) ? f.location.city().toUpperCase() : f.location.city())),
  country: as('LOCATION', (f) => f.location.country()),
  state_abbr: as('LOCATION', stateCode),
  organization: as('ORGANIZATION', (f) => f.company.name()),
  credit_card_number: as('CREDIT_CARD', (f) => {
    const n = f.finance.creditCardNumber();
    return f.datatype.boolean({ probability: 0.7 }) ? n.replace(/\D/g, '') : n;
  }),
  iban: as('IBAN', (f) => f.finance.iban()),
  phone_number: as('PHONE', (f) => f.phone.number()),
  email: as('EMAIL', (f) => f.internet.email()),
  url: as('URL', (f) => f.internet.url()),
  ip_address: as('IP_ADDRESS', (f) => (f.datatype.boolean({ probability: 0.8 }) ? f.internet.ipv4() : f.internet.ipv6())),
  ssn: as('ID', (f) => `${f.string.numeric(3)}-${f.string.numeric(2)}-${f.string.numeric(4)}`),
  us_driver_license: as('ID', driverLicence),
  age: as('AGE', (f) => String(f.number.int({ min: 1, max: 99 }))),
  year: as('DATE', (f) => String(f.number.int({ min: 1900, max: 2024 }))),
  date_time: as('DATE', dateTime),
  date_of_birth: as('DATE', dateOfBirth),
  day_of_week: as('DATE', (f) => f.date.weekday()),
};

/** The pieces of one template filled with this faker's values, in lower case one time in ten. */
export function fillTemplate(f: Faker, template: Template): TemplatePiece[] {
  const lower = f.datatype.boolean({ probability: 0.1 });
  const low = (s: string) => (lower ? s.toLowerCase() : s);
  const pieces: TemplatePiece[] = [];
  let last = 0;
  for (const m of template.text.matchAll(PLACEHOLDER)) {
    if (m.index > last) pieces.push(low(template.text.slice(last, m.index)));
    const { label, text } = FILLERS[m[1]!]!(f);
    pieces.push({ label, text: low(text.trim()) });
    last = m.index + m[0].length;
  }
  if (last < template.text.length) pieces.push(low(template.text.slice(last)));
  return pieces;
}
