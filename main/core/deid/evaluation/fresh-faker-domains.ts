/**
 * Sentence frames of the fresh labelled set (fresh-faker-set.ts) for domains its first frames leave out: wire-style
 * news paragraphs, English clinical notes (discharge summaries, progress notes, referrals), e-mails with headers,
 * greetings and signature blocks, and a chat log. Each frame draws its values from one faker locale, so names,
 * towns, companies and addresses come in that locale's spelling inside English text.
 *
 * Labels follow the datasets README: a person's name without its title ("Dr.", "Prof.") is PERSON; titles,
 * professions, job titles and sex are OTHER; a whole written address, on one line or several, is one ADDRESS span;
 * towns, regions and countries are LOCATION; agencies, universities, hospitals, companies and news agencies are
 * ORGANIZATION; a date with a day, a weekday, or a date and time in a mail header is DATE ("last year", "next
 * month" are not identifiers and stay unlabelled); record numbers are ID; the age in years is AGE.
 */
import type { Faker } from '@faker-js/faker';

export type Piece = string | { label: string; text: string };

/** What a frame gets: the locale's faker (seeded) and two addresses written out in that locale's shape. */
export interface DomainInput {
  f: Faker;
  /** One line: "Street 5, 12345 Town". */
  address: string;
  /** The same address a line per part, as a letter or a signature writes it. */
  addressLines: string;
  town: string;
  country: string;
  /** A region or state of the locale, or the country where faker has none. */
  region: string;
  /** A second address, one line. */
  otherAddress: string;
}

export type DomainFrame = (input: DomainInput) => { lang: string; pieces: Piece[] };

const L = (label: string) => (text: string): Piece => ({ label, text });
const PERSON = L('PERSON');
const ORG = L('ORGANIZATION');
const LOC = L('LOCATION');
const DATE = L('DATE');
const OTHER = L('OTHER');
const ADDRESS = L('ADDRESS');
const PHONE = L('PHONE');
const EMAIL = L('EMAIL');
const ID = L('ID');
const AGE = L('AGE');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const pad = (n: number) => String(n).padStart(2, '0');

const NEWS_AGENCIES = ['Reuters', 'AP', 'AFP', 'Bloomberg', 'dpa', 'EFE', 'ANSA', 'PA Media'];
const AGENCIES = [
  'World Health Organization', 'European Medicines Agency', 'Food and Drug Administration', 'Environmental Protection Agency',
  'National Health Service', 'Centers for Disease Control and Prevention', 'International Monetary Fund', 'United Nations',
  'European Commission', 'Federal Aviation Administration', 'Securities and Exchange Commission', 'European Central Bank',
];
const OFFICES = ['Health Minister', 'Finance Minister', 'Mayor', 'Governor', 'Senator', 'Chief Executive', 'spokeswoman', 'police chief', 'Interior Minister'];
const SERVICES = ['Cardiology', 'General Surgery', 'Internal Medicine', 'Orthopaedics', 'Neurology', 'Oncology', 'Geriatrics'];

/** A value from faker, or a fallback where the locale has no such data. */
function orElse(value: () => string, fallback: () => string): string {
  try {
    return value() || fallback();
  } catch {
    return fallback();
  }
}

const first = (f: Faker) => f.person.firstName();
const last = (f: Faker) => f.person.lastName();
const company = (f: Faker) => orElse(() => f.company.name(), () => `${last(f)} ${f.helpers.arrayElement(['GmbH', 'Ltd', 'S.A.', 'Inc.', 'AB', 'Oy'])}`);
const job = (f: Faker) => orElse(() => f.person.jobTitle(), () => 'Account Manager');

function hospital(f: Faker, town: string): string {
  return f.helpers.arrayElement([`${town} General Hospital`, `St. ${last(f)}'s Hospital`, `${last(f)} Medical Center`, `University Hospital ${town}`, `${town} Regional Medical Centre`]);
}

function university(f: Faker, town: string): string {
  return f.helpers.arrayElement([`University of ${town}`, `${town} State University`, `${last(f)} Institute of Technology`, `${town} University`]);
}

function day(f: Faker): Date {
  return f.date.between({ from: new Date(Date.UTC(2015, 0, 1)), to: new Date(Date.UTC(2025, 11, 31)) });
}

/** A date as notes and letters write it. */
function writtenDate(f: Faker, d = day(f)): string {
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return f.helpers.arrayElement([`${pad(m)}/${pad(dd)}/${y}`, `${dd} ${MONTHS[m - 1]} ${y}`, `${MONTHS[m - 1]} ${dd}, ${y}`, `${y}-${pad(m)}-${pad(dd)}`, `${dd}.${m}.${y}`]);
}

/** A mail header's date and time, in the shapes mail programs write. */
function headerDate(f: Faker): string {
  const d = day(f);
  const [y, m, dd, wd] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), WEEKDAYS[(d.getUTCDay() + 6) % 7]!];
  const h = f.number.int({ min: 7, max: 19 });
  const min = pad(f.number.int({ min: 0, max: 59 }));
  return f.helpers.arrayElement([
    `${wd.slice(0, 3)}, ${dd} ${MONTHS[m]!.slice(0, 3)} ${y} ${pad(h)}:${min}`,
    `${wd}, ${MONTHS[m]} ${dd}, ${y} ${h > 12 ? h - 12 : h}:${min} ${h >= 12 ? 'PM' : 'AM'}`,
    `${dd} ${MONTHS[m]} ${y} at ${pad(h)}:${min}`,
  ]);
}

const monthDay = (f: Faker) => `${MONTHS[f.number.int({ min: 0, max: 11 })]} ${f.number.int({ min: 1, max: 28 })}`;
const weekday = (f: Faker) => f.helpers.arrayElement(WEEKDAYS);
const mrn = (f: Faker) => f.helpers.arrayElement([f.string.numeric(8), `${f.string.numeric(3)}-${f.string.numeric(2)}-${f.string.numeric(2)}`, `MRN${f.string.numeric(7)}`]);
const emailOf = (f: Faker, firstName: string, lastName: string) => f.internet.email({ firstName, lastName });

export const DOMAIN_FRAMES: readonly DomainFrame[] = [
  // News: dateline, a company chief with an office, a plant in a town.
  ({ f, town, region }) => {
    const [pf, pl] = [first(f), last(f)];
    return {
      lang: 'en',
      pieces: [
        LOC(town.toUpperCase()), ' (', ORG(f.helpers.arrayElement(NEWS_AGENCIES)), ') - ', OTHER(f.helpers.arrayElement(['Chief executive', 'Chairman', 'Chief financial officer'])), ' ', PERSON(`${pf} ${pl}`), ' of ',
        ORG(company(f)), ' said on ', DATE(weekday(f)), ' the company would cut 300 jobs at its plant in ', LOC(town), ', ', LOC(region),
        ', after sales fell sharply last year. "We did not take this decision lightly," ', PERSON(pl), ' told reporters.',
      ],
    };
  },
  // News: an accident, a hospital, an agency declining to comment.
  ({ f, town, country }) => ({
    lang: 'en',
    pieces: [
      PERSON(`${first(f)} ${last(f)}`), ', a ', AGE(String(f.number.int({ min: 19, max: 88 }))), '-year-old ', OTHER(f.helpers.arrayElement(['teacher', 'nurse', 'farmer', 'taxi driver', 'student'])), ' from ', LOC(town),
      ', was taken to ', ORG(hospital(f, town)), ' on ', DATE(monthDay(f)), ' after the crash, police said. A spokesperson for the ',
      ORG(f.helpers.arrayElement(AGENCIES)), ' in ', LOC(country), ' declined to comment.',
    ],
  }),
  // News: research, a university, a newspaper, a meeting next month.
  ({ f, town, country }) => {
    const [pf, pl] = [first(f), last(f)];
    return {
      lang: 'en',
      pieces: [
        'Researchers at the ', ORG(university(f, town)), ' and ', ORG(company(f)), ' published the study on ', DATE(`${monthDay(f)}, ${f.number.int({ min: 2015, max: 2025 })}`),
        '. Lead author Dr. ', PERSON(`${pf} ${pl}`), ' said the findings, first reported by ', ORG(`The ${town} Herald`), ', would be presented at a meeting in ',
        LOC(country), ' next month. Prof. ', PERSON(pl), ' has studied the disease for a decade.',
      ],
    };
  },
  // News: politics, two officials meeting in a city on a weekday.
  ({ f, town, country }) => ({
    lang: 'en',
    pieces: [
      OTHER(f.helpers.arrayElement(OFFICES)), ' ', PERSON(`${first(f)} ${last(f)}`), ' met ', PERSON(`${first(f)} ${last(f)}`), ' of the ', ORG(f.helpers.arrayElement(AGENCIES)),
      ' in ', LOC(town), ' on ', DATE(weekday(f)), ' to discuss funding for hospitals in ', LOC(country), '. Talks will resume in the spring, officials said.',
    ],
  }),
  // Clinical: discharge summary with header fields, history and follow-up.
  ({ f, town, address }) => {
    const [pf, pl, dl] = [first(f), last(f), last(f)];
    const admitted = day(f);
    const discharged = new Date(admitted.getTime() + f.number.int({ min: 1, max: 12 }) * 86_400_000);
    return {
      lang: 'en',
      pieces: [
        'DISCHARGE SUMMARY\nPatient: ', PERSON(`${pl}, ${pf}`), '    MRN: ', ID(mrn(f)), '    DOB: ', DATE(writtenDate(f)), '\nAdmission Date: ', DATE(writtenDate(f, admitted)),
        '    Discharge Date: ', DATE(writtenDate(f, discharged)), '\nAttending: Dr. ', PERSON(`${first(f)} ${dl}`), '\nService: ', f.helpers.arrayElement(SERVICES), ', ', ORG(hospital(f, town)),
        '\n\nHPI: Pt is a ', AGE(String(f.number.int({ min: 18, max: 96 }))), ' yo ', OTHER(f.helpers.arrayElement(['M', 'F'])), ' with hx of HTN, DM2 and CAD s/p PCI who presented to the ED with chest pain x2 days. Troponin 0.04, EF 45%.',
        '\n\nFollow-up: Dr. ', PERSON(dl), ' in 2 weeks at ', ADDRESS(address), '. Tel ', PHONE(f.phone.number()), ', fax ', PHONE(f.phone.number()), '.',
      ],
    };
  },
  // Clinical: progress note in SOAP form.
  ({ f, town }) => {
    const sex = f.helpers.arrayElement(['F', 'M']);
    return {
      lang: 'en',
      pieces: [
        'Progress Note - ', DATE(writtenDate(f)), '\nS: ', AGE(String(f.number.int({ min: 18, max: 96 }))), 'yo ', OTHER(sex), ' POD #2 after lap chole, pain controlled on PO meds. ',
        sex === 'F' ? 'Husband ' : 'Wife ', PERSON(first(f)), ' at bedside.\nO: T 37.2, HR 88, BP 132/78, SpO2 97% RA. Abd soft, incisions c/d/i.\nA/P: Continue abx x5 days. Discussed with ',
        PERSON(`${first(f)} ${last(f)}`), ', RN. Dispo home tomorrow if tolerating diet.\n\nSigned: ', PERSON(`${first(f)} ${last(f)}`), ', ', OTHER('MD'), '\n', ORG(hospital(f, town)), ', 4 West',
      ],
    };
  },
  // Clinical: referral with emergency contact, insurance and home address on several lines.
  ({ f, addressLines, town }) => {
    const [pf, pl] = [first(f), last(f)];
    return {
      lang: 'en',
      pieces: [
        'Referral received from Dr. ', PERSON(last(f)), ' of ', ORG(`${town} Family Practice`), ' (', PHONE(f.phone.number()), ') regarding ', PERSON(`${pf} ${pl}`), ', DOB ', DATE(writtenDate(f)),
        ', insurance ID ', ID(f.string.alphanumeric({ length: 10, casing: 'upper' })), '.\nLives alone at:\n', ADDRESS(addressLines), '\nEmergency contact: daughter ', PERSON(`${first(f)} ${pl}`), ', ',
        PHONE(f.phone.number()), '.\nPlease schedule within 4 weeks; pt prefers mornings.',
      ],
    };
  },
  // E-mail: headers, greeting, body with an address, signature block.
  ({ f, address, addressLines }) => {
    const [sf, sl, rf, rl, cf, cl] = [first(f), last(f), first(f), last(f), first(f), last(f)];
    const org = company(f);
    return {
      lang: 'en',
      pieces: [
        'From: ', PERSON(`${sf} ${sl}`), ' <', EMAIL(emailOf(f, sf, sl)), '>\nTo: ', PERSON(`${rf} ${rl}`), ' <', EMAIL(emailOf(f, rf, rl)), '>\nCc: ', EMAIL(emailOf(f, cf, cl)),
        '\nDate: ', DATE(headerDate(f)), '\nSubject: Re: contract renewal for ', ORG(org), '\n\n', f.helpers.arrayElement(['Hi ', 'Hello ', 'Dear ']), PERSON(rf), ',\n\nThanks for the call on ',
        DATE(weekday(f)), '. Please send the signed copy to our office at ', ADDRESS(address), ' by the end of the month.\n\nBest regards,\n', PERSON(`${sf} ${sl}`), '\n', OTHER(job(f)),
        '\n', ORG(org), '\nTel: ', PHONE(f.phone.number()), ' | Mobile: ', PHONE(f.phone.number()), '\n', ADDRESS(addressLines),
      ],
    };
  },
  // E-mail: a short message about a relative, signed with a first name, sent from a phone.
  ({ f }) => {
    const [mf, pl] = [first(f), last(f)];
    return {
      lang: 'en',
      pieces: [
        'Hello Dr. ', PERSON(last(f)), ',\n\nI am writing on behalf of my mother, ', PERSON(`${mf} ${pl}`), ' (DOB ', DATE(writtenDate(f)), '). She was seen in your clinic on ', DATE(monthDay(f)),
        ' and is still waiting for the results. You can reach her at ', PHONE(f.phone.number()), ' or me at ', EMAIL(emailOf(f, mf, pl)), '.\n\nThanks,\n', PERSON(first(f)), '\n\nSent from my iPhone',
      ],
    };
  },
  // E-mail: a forwarded message inside a reply.
  ({ f, otherAddress }) => {
    const [af, al, bf, bl] = [first(f), last(f), first(f), last(f)];
    return {
      lang: 'en',
      pieces: [
        'FYI, see below.\n\n---------- Forwarded message ---------\nFrom: ', PERSON(`${af} ${al}`), ' <', EMAIL(emailOf(f, af, al)), '>\nDate: ', DATE(headerDate(f)), '\nSubject: Invoice ',
        f.string.numeric(6), '\nTo: ', PERSON(`${bf} ${bl}`), ' <', EMAIL(emailOf(f, bf, bl)), '>\n\n', PERSON(bf), ', the goods were delivered to ', ADDRESS(otherAddress), ' but nobody signed for them. Can ',
        ORG(company(f)), ' confirm?\n\n', PERSON(af),
      ],
    };
  },
  // Chat log with timestamps and first names.
  ({ f, town }) => {
    const [a, b] = [first(f), first(f)];
    return {
      lang: 'en',
      pieces: [
        '[10:42] ', PERSON(a), ': are we still meeting at the station in ', LOC(town), '?\n[10:43] ', PERSON(b), ': yes!! train gets in at 6, call me on ', PHONE(f.phone.number()),
        ' if it is late\n[10:44] ', PERSON(a), ': ok. ', PERSON(last(f)), ' says hi btw',
      ],
    };
  },
];
