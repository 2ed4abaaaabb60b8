import { randomInt } from 'node:crypto';
import { base, en, es, Faker } from '@faker-js/faker';
import type { Db } from '../../store/database.js';
import type { PiiLabel } from '../types.js';
import type { DateLanguage } from './dates.js';
import { hmacHex, normalizeForLabel } from './keys.js';
import { alphanumerics, fakeCardNumber, fakeIban, fakeId, fakePhone, fakeSsn, fillShape } from './shape.js';

/**
 * Realistic fake values that stand in for real ones everywhere in a workspace. The first time a value is met its
 * fake is drawn at random (never derived from the value, so the fake says nothing about it) and stored in
 * `vault_surrogates` under an HMAC of label and normalised value; every later case reuses it. The locale of the
 * case where a value is first met picks the fake's flavour.
 */

/** Labels a surrogate cannot stand in for: a random date would break the case's timeline, use `date-shift`. */
export const SURROGATE_LABELS: readonly PiiLabel[] = [
  'PERSON', 'LOCATION', 'ORGANIZATION', 'ADDRESS', 'AGE', 'PHONE', 'EMAIL', 'URL', 'IP_ADDRESS', 'ID', 'SSN',
  'CREDIT_CARD', 'IBAN',
];

/** Labels whose canonical fake is a letters-and-digits sequence written into each occurrence's layout. */
const SHAPED: Partial<Record<PiiLabel, (original: string) => string>> = {
  PHONE: fakePhone,
  SSN: fakeSsn,
  CREDIT_CARD: fakeCardNumber,
  IBAN: fakeIban,
  ID: fakeId,
};

const FAKERS: Record<DateLanguage, Faker> = {
  en: new Faker({ locale: [en, base] }),
  es: new Faker({ locale: [es, en, base] }),
};

/** Attempts at a fake no other value of the label already uses before settling for a shared one. */
const DISTINCT_ATTEMPTS = 20;

const TITLE = /^((?:dr|dra|mr|mrs|ms|mx|sr|sra|srta|prof|profa|don|doña)\.?\s+)/i;

function fakeName(original: string, faker: Faker, language: DateLanguage): string {
  const title = TITLE.exec(original)?.[1] ?? '';
  const words = original.slice(title.length).trim().split(/\s+/).length;
  const sex = randomInt(2) === 0 ? 'female' : 'male';
  const first = faker.person.firstName(sex);
  const parts =
    words <= 1
      ? [first]
      : words === 2
        ? [first, surname(faker)]
        : // Spanish names carry two surnames; English ones a middle name.
          language === 'es'
          ? [first, surname(faker), surname(faker)]
          : [first, faker.person.middleName(sex), surname(faker)];
  return title + parts.join(' ');
}

/** One surname: the Spanish locale's `lastName()` already joins two, which would double them. */
function surname(faker: Faker): string {
  const surnames = faker.definitions.person?.last_name;
  const list = surnames?.generic ?? surnames?.female ?? [];
  return list.length > 0 ? faker.helpers.arrayElement(list) : faker.person.lastName();
}

function fakeUrl(original: string, faker: Faker): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(original)?.[0] ?? '';
  const rest = original.slice(scheme.length);
  const www = /^www\./i.test(rest) ? 'www.' : '';
  const [hostAndPath = '', query] = rest.split(/[?#]/, 2);
  const segments = hostAndPath.split('/').slice(1);
  const path = segments.map((s) => (s === '' ? '' : faker.word.noun().toLowerCase().replace(/[^a-z0-9]+/g, '-'))).join('/');
  return `${scheme}${www}${faker.internet.domainName()}${segments.length > 0 ? `/${path}` : ''}${query !== undefined ? `?id=${faker.string.alphanumeric(8)}` : ''}`;
}

/** An age in the same decade, so the fake keeps the life stage the text may depend on. */
/** "45" → "4x"; an age found with its unit ("53 años", "38-year-old") keeps the unit as written. */
function fakeAge(original: string): string | null {
  const match = /^\s*(\d{1,3})(?![\d])(\D*)$/.exec(original);
  if (!match) return null;
  const age = Number(match[1]);
  const decade = Math.floor(age / 10) * 10;
  const choices = Array.from({ length: 10 }, (_, i) => decade + i).filter((a) => a !== age && a > 0);
  return `${choices[randomInt(choices.length)]}${match[2]}`;
}

function generate(label: PiiLabel, original: string, language: DateLanguage): string | null {
  const shaped = SHAPED[label];
  if (shaped) return shaped(original);
  const faker = FAKERS[language];
  faker.seed(randomInt(2 ** 31));
  switch (label) {
    case 'PERSON':
      return fakeName(original, faker, language);
    case 'LOCATION':
      return faker.location.city();
    case 'ORGANIZATION':
      return faker.company.name();
    case 'ADDRESS':
      // "12 Main St, Springfield": a city after a comma belongs to the address as written.
      return original.includes(',') ? `${faker.location.streetAddress()}, ${faker.location.city()}` : faker.location.streetAddress();
    case 'EMAIL':
      return faker.internet.exampleEmail({ firstName: faker.person.firstName(), lastName: faker.person.lastName() }).toLowerCase();
    case 'URL':
      return fakeUrl(original, faker);
    case 'IP_ADDRESS':
      return original.includes(':') ? faker.internet.ipv6() : faker.internet.ipv4();
    case 'AGE':
      return fakeAge(original);
    default:
      return null;
  }
}

/** Upper- or lower-cases a free-text fake like the original was; mixed case is left as generated. */
function casedLike(original: string, fake: string): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return fake.toUpperCase();
  if (letters.length > 0 && letters === letters.toLowerCase() && letters !== letters.toUpperCase()) return fake.toLowerCase();
  return fake;
}

/** How a stored fake reads at one occurrence; null when it cannot be laid over this occurrence. */
function writeLike(label: PiiLabel, canonical: string, original: string): string | null {
  if (SHAPED[label]) return fillShape(original, canonical);
  if (label === 'EMAIL' || label === 'URL' || label === 'IP_ADDRESS' || label === 'AGE') return canonical;
  return casedLike(original, canonical);
}

/**
 * True when the fake would give the real value away: equal to it, or containing it. Containment is only checked
 * from four characters on: "Al" inside "Alberto" gives nothing away, and would reject most names.
 */
function reveals(label: PiiLabel, canonical: string, original: string): boolean {
  const real = normalizeForLabel(label, original);
  const fake = SHAPED[label] ? alphanumerics(canonical).join('').toLowerCase() : normalizeForLabel(label, canonical);
  return fake === real || (real.length >= 4 && fake.includes(real));
}

/** One workspace's surrogate mapping, read and extended through the encrypted database. */
export class SurrogateVault {
  private readonly cache = new Map<string, string>();
  private readonly find;
  private readonly taken;
  private readonly insert;

  constructor(
    db: Db,
    private readonly key: Buffer,
  ) {
    this.find = db.prepare('SELECT surrogate FROM vault_surrogates WHERE label = ? AND value_hmac = ?').pluck();
    this.taken = db.prepare('SELECT 1 FROM vault_surrogates WHERE label = ? AND surrogate = ?').pluck();
    this.insert = db.prepare('INSERT OR IGNORE INTO vault_surrogates (label, value_hmac, surrogate, created_at) VALUES (?, ?, ?, ?)');
  }

  /** The fake for `original` as it should read in place of this occurrence; null when the label has none. */
  surrogateFor(label: PiiLabel, original: string, language: DateLanguage): string | null {
    const canonical = this.canonicalFor(label, original, language);
    return canonical === null ? null : writeLike(label, canonical, original);
  }

  private canonicalFor(label: PiiLabel, original: string, language: DateLanguage): string | null {
    const valueKey = hmacHex(this.key, `${label}\u0000${normalizeForLabel(label, original)}`);
    const cacheKey = `${label}\u0000${valueKey}`;
    const cached = this.cache.get(cacheKey) ?? (this.find.get(label, valueKey) as string | undefined);
    if (cached !== undefined) {
      this.cache.set(cacheKey, cached);
      return cached;
    }
    let fake: string | null = null;
    for (let attempt = 0; attempt < DISTINCT_ATTEMPTS * 2; attempt++) {
      const candidate = generate(label, original, language);
      if (candidate === null) return null;
      if (reveals(label, candidate, original)) continue;
      fake = candidate;
      // Two real values sharing a fake would merge two people in the export; ages have too few fakes to avoid it.
      if (label === 'AGE' || attempt >= DISTINCT_ATTEMPTS || !this.taken.get(label, candidate)) break;
    }
    if (fake === null) return null;
    this.insert.run(label, valueKey, fake, new Date().toISOString());
    // Re-read: if another export stored a fake for this value meanwhile, that one wins everywhere.
    const stored = this.find.get(label, valueKey) as string;
    this.cache.set(cacheKey, stored);
    return stored;
  }
}
