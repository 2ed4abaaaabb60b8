/**
 * Developer script: writes a fresh labelled set in the canonical span JSONL, generated with faker's locale data
 * from sentence frames of its own (not the Presidio templates, not any labelled file), for checking a fix found
 * on the development sets against text nobody has read.
 *
 *   npx tsx main/core/deid/evaluation/fresh-faker-set.ts --out /tmp/fresh.jsonl [--seed 7] [--count 600]
 *     [--templates ../shared/datasets/deid/presidio-templates.txt]
 *
 * Addresses (street, flat, postcode, town, region, country; one line or a letter's lines), names, phones,
 * e-mails, dates and ages in 29 faker locales, in chat, support, e-mail and clinical frames, English and Spanish,
 * and news, clinical-note, e-mail and chat-log frames of fresh-faker-domains.ts. A whole written address is one
 * ADDRESS span, as in the Presidio and MEDDOCAN sets; a name's title or degree ("Dr.", "dipl.ing") is OTHER, outside
 * the PERSON span.
 * With `--templates FILE` the records are that file's sentence templates filled with the same locales' values
 * instead (see template-faker-set.ts), in English.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { allFakers, type Faker } from '@faker-js/faker';
import type { GoldSpan, LabelledRecord } from './labelled-data.js';
import { fillTemplate, readTemplates, type Template } from './template-faker-set.js';
import { DOMAIN_FRAMES } from './fresh-faker-domains.js';

const LOCALES = [
  'en_US', 'en_GB', 'de', 'fr', 'es', 'es_MX', 'it', 'nl', 'pl', 'pt_BR', 'sv', 'nb_NO', 'fi', 'cs_CZ', 'hu', 'da',
  'en_AU', 'en_CA', 'en_IE', 'ro', 'hr', 'sk', 'tr', 'el', 'de_AT', 'fr_CH', 'pt_PT', 'lv', 'sl_SI',
] as const;
/** Locales whose postal line is "Town, ST 12345"; the others write "12345 Town". */
const TOWN_FIRST = new Set(['en_US', 'en_CA', 'en_AU', 'en_GB', 'en_IE']);

type Piece = string | { label: string; text: string };

/** One record's text and gold spans from a list of plain and labelled pieces. */
/** A record as the JSONL files write it: with its language and each span's text. */
type FreshRecord = LabelledRecord & { lang: string; spans: (GoldSpan & { text: string })[] };

function assemble(id: string, lang: string, pieces: readonly Piece[]): FreshRecord {
  let text = '';
  const spans: FreshRecord['spans'] = [];
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      text += piece;
      continue;
    }
    spans.push({ start: text.length, end: text.length + piece.text.length, label: piece.label, text: piece.text });
    text += piece.text;
  }
  return { id, lang, text, spans };
}

interface Address {
  street: string;
  unit: string;
  town: string;
  postcode: string;
  region: string;
  country: string;
  locale: string;
}

function address(f: Faker, locale: string): Address {
  return {
    street: f.location.streetAddress(false),
    unit: f.location.secondaryAddress(),
    town: f.location.city(),
    postcode: f.location.zipCode(),
    region: locale === 'en_US' || locale === 'en_CA' || locale === 'en_AU' ? f.location.state({ abbreviated: true }) : '',
    country: f.location.country(),
    locale,
  };
}

function postalLine(a: Address): string {
  if (!TOWN_FIRST.has(a.locale)) return `${a.postcode} ${a.town}`;
  return a.region ? `${a.town}, ${a.region} ${a.postcode}` : `${a.town} ${a.postcode}`;
}

const ADDRESS = (text: string): Piece => ({ label: 'ADDRESS', text });
const PERSON = (text: string): Piece => ({ label: 'PERSON', text });

function date(f: Faker): string {
  const d = f.date.past({ years: 30 });
  const [y, m, day] = [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const meses = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return f.helpers.arrayElement([
    `${pad(day)}/${pad(m)}/${y}`,
    `${y}-${pad(m)}-${pad(day)}`,
    `${months[m - 1]} ${day}, ${y}`,
    `${day} ${months[m - 1]} ${y}`,
    `${day} de ${meses[m - 1]} de ${y}`,
  ]);
}

type Frame = (f: Faker, a: Address, b: Address, name: string) => { lang: string; pieces: Piece[] };

/** A frame of fresh-faker-domains.ts, given the two addresses written out. */
function domainFrame(frame: (typeof DOMAIN_FRAMES)[number]): Frame {
  return (f, a, b) => {
    let region = a.region;
    if (!region) {
      try {
        region = f.location.state();
      } catch {
        region = a.country;
      }
    }
    return frame({
      f,
      address: `${a.street}, ${postalLine(a)}`,
      addressLines: `${a.street}\n${postalLine(a)}\n${a.country}`,
      town: a.town,
      country: a.country,
      region: region || a.country,
      otherAddress: `${b.street}, ${postalLine(b)}`,
    });
  };
}

/** The frames: each returns the pieces of one record. */
const FRAMES: Frame[] = [
  (_f, a) => ({ lang: 'en', pieces: ['Please ship the replacement to ', ADDRESS(`${a.street}, ${postalLine(a)}`), ' as soon as you can.'] }),
  (_f, a, _b, name) => ({ lang: 'en', pieces: ['New address for ', PERSON(name), ': ', ADDRESS(`${a.street}, ${a.unit}, ${postalLine(a)}, ${a.country}`)] }),
  (f, a, _b, name) => ({
    lang: 'en',
    pieces: [PERSON(name), '\n', ADDRESS(`${a.street}\n${a.unit}\n${postalLine(a)}\n${a.country}`), `\n\nDear Sir or Madam,\nI am writing about invoice ${f.string.numeric(6)}.`],
  }),
  (_f, a) => ({ lang: 'en', pieces: ['i moved to ', ADDRESS(`${a.street}, ${a.town}`), ' last month, can u update my profile'] }),
  (f, a, _b, name) => ({
    lang: 'en',
    pieces: ['Pt ', PERSON(name), ', ', { label: 'AGE', text: String(f.number.int({ min: 90, max: 104 })) }, ' y/o, lives at ', ADDRESS(`${a.street}, ${postalLine(a)}`), '. Contact: ', { label: 'PHONE', text: f.phone.number() }, '.'],
  }),
  (_f, a, b) => ({ lang: 'en', pieces: ['The courier left it at ', ADDRESS(a.street), ' instead of ', ADDRESS(b.street), ', can you check?'] }),
  (f, a, _b, name) => ({
    lang: 'en',
    pieces: ['From: ', PERSON(name), ' <', { label: 'EMAIL', text: f.internet.email() }, '>\nSent: ', { label: 'DATE', text: date(f) }, '\n\nPlease send the forms to my office: ', ADDRESS(`${a.street}, ${a.unit}, ${postalLine(a)}`), '. Thanks!'],
  }),
  (_f, a) => ({ lang: 'es', pieces: ['Dirección de envío: ', ADDRESS(`${a.street}, ${postalLine(a)} (${a.country})`)] }),
  (f, a, _b, name) => ({ lang: 'es', pieces: ['Hola, soy ', PERSON(name), ' y mi dirección es ', ADDRESS(`${a.street}, ${a.unit}, ${a.town}`), '. Nací el ', { label: 'DATE', text: date(f) }, '.'] }),
  (f, a) => ({ lang: 'en', pieces: ['Delivery note ', f.string.numeric(5), '\nDeliver to:\n', ADDRESS(`${a.street}\n${postalLine(a)}`), '\nLeave with the neighbour if nobody is home.'] }),
  (_f, a, _b, name) => ({ lang: 'en', pieces: ['hey ', PERSON(name), ' here, the party is at ', ADDRESS(`${a.street} ${a.unit}`), ' tonight, bring snacks'] }),
  (f, a) => ({ lang: 'es', pieces: ['Paciente de ', { label: 'AGE', text: `${f.number.int({ min: 20, max: 95 })} años` }, ', con domicilio en ', ADDRESS(`${a.street}, ${postalLine(a)}`), ', acude a consulta.'] }),
  ...DOMAIN_FRAMES.map(domainFrame),
];

/** Generational suffixes that belong to a name ("Jr.", "III"); faker's other suffixes are degrees ("PhD", "dipl.ing"). */
const NAME_SUFFIXES = new Set(['Jr.', 'Sr.', 'I', 'II', 'III', 'IV', 'V', 'ml.', 'st.']);

/** A locale's name titles (prefixes) and degrees (suffixes), longest first. */
function titles(f: Faker): { prefixes: string[]; suffixes: string[] } {
  const person = f.rawDefinitions.person as { prefix?: Record<string, string[]> | string[]; suffix?: string[] } | undefined;
  const prefix = person?.prefix;
  const prefixes = Array.isArray(prefix) ? prefix : Object.values(prefix ?? {}).flat();
  const suffixes = (person?.suffix ?? []).filter((s) => !NAME_SUFFIXES.has(s));
  const longestFirst = (a: string, b: string) => b.length - a.length;
  return { prefixes: [...new Set(prefixes)].sort(longestFirst), suffixes: [...new Set(suffixes)].sort(longestFirst) };
}

/** The record with each PERSON span's leading title and trailing degree moved out of it into OTHER spans. */
function splitTitles(record: FreshRecord, f: Faker): FreshRecord {
  const { prefixes, suffixes } = titles(f);
  const spans: FreshRecord['spans'] = [];
  for (const span of record.spans) {
    if (span.label !== 'PERSON') {
      spans.push(span);
      continue;
    }
    let { start, end } = span;
    const before: FreshRecord['spans'] = [];
    const after: FreshRecord['spans'] = [];
    const prefix = prefixes.find((p) => record.text.startsWith(`${p} `, start));
    if (prefix) {
      before.push({ start, end: start + prefix.length, label: 'OTHER', text: prefix });
      start += prefix.length + 1;
    }
    for (const suffix of suffixes) {
      const tail = [`, ${suffix}`, ` ${suffix}`].find((t) => record.text.slice(start, end).endsWith(t));
      if (!tail) continue;
      after.push({ start: end - suffix.length, end, label: 'OTHER', text: suffix });
      end -= tail.length;
      break;
    }
    spans.push(...before, { start, end, label: 'PERSON', text: record.text.slice(start, end) }, ...after);
  }
  return { ...record, spans };
}

function options(): { out: string; seed: number; count: number; templates: string | null } {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, seed: { type: 'string', default: '7' }, count: { type: 'string', default: '600' }, templates: { type: 'string' } },
  });
  if (!values.out) throw new Error('--out <file.jsonl> is required');
  const seed = Number(values.seed);
  const count = Number(values.count);
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) throw new Error('--seed and --count take whole numbers');
  return { out: resolve(values.out), seed, count, templates: values.templates ? resolve(values.templates) : null };
}

/** `count` records, deterministic for a seed. */
export function freshFakerSet(seed: number, count: number): FreshRecord[] {
  const records: FreshRecord[] = [];
  for (let i = 0; i < count; i++) {
    const locale = LOCALES[i % LOCALES.length]!;
    const f = allFakers[locale];
    f.seed(seed * 100_003 + i);
    const frame = FRAMES[f.number.int({ min: 0, max: FRAMES.length - 1 })]!;
    const { lang, pieces } = frame(f, address(f, locale), address(f, locale), f.person.fullName());
    records.push(splitTitles(assemble(`fresh-${seed}-${i}-${locale}`, lang, pieces), f));
  }
  return records;
}

/** `count` records from the templates, each filled with one locale's values; deterministic for a seed. */
export function templateFakerSet(templates: readonly Template[], seed: number, count: number): FreshRecord[] {
  const records: FreshRecord[] = [];
  for (let i = 0; i < count; i++) {
    const locale = LOCALES[i % LOCALES.length]!;
    const f = allFakers[locale];
    f.seed(seed * 100_003 + i);
    const template = f.helpers.arrayElement(templates);
    records.push(assemble(`tpl-${seed}-${i}-${locale}-l${template.line}`, 'en', fillTemplate(f, template)));
  }
  return records;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { out, seed, count, templates } = options();
  const records = templates ? templateFakerSet(readTemplates(templates), seed, count) : freshFakerSet(seed, count);
  writeFileSync(out, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  process.stdout.write(`Wrote ${count} records to ${out}.\n`);
}
