import { isIP } from 'node:net';
import { getCountries, getCountryCallingCode, Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { contextPattern, digitsOf, hasContextAfter, hasContextBefore } from './context.js';
import { execAll } from './exec-all.js';
import { digitCount } from './word-scan.js';

/**
 * Phone numbers. A cheap regex proposes runs of digits with the separators phone numbers use; libphonenumber
 * (full metadata) then decides whether the run is a valid number internationally or nationally in one of the
 * configured regions. A context word ("tel", "call", "móvil") raises the score, and lets through numbers that
 * are plausible in length but not valid anywhere we know, since made-up and foreign numbers are still numbers; a
 * strong word ("phone", "contact") does so from further off for a number grouped as phones are written, and a "+"
 * with a country code and groups is a number even without one. Right after a phone word a local number of six digits
 * counts too ("Mobile: 614 219"); a number of eight digits or more in brackets after a capitalised name is a practice's
 * or a firm's ("Stornes Family Practice (55 27 65 61)").
 * Date-, time- and IP-shaped runs are rejected, and so are runs announced as orders, invoices or prices.
 */
export const DEFAULT_PHONE_REGIONS: readonly CountryCode[] = ['US', 'GB', 'ES', 'DE', 'FR'];

const CANDIDATE =
  /(?<![\p{L}\p{N}_+/$€£-])(?<!\d[.,:])(?:\+ ?|00)?(?:\(\+?\d{1,5}\) ?)?\d[\d .()/-]{4,24}\d(?: ?(?:x|ext\.?|extn?\.?) ?\d{1,6})?(?![\p{L}\p{N}_]|[.,:/-]\d)/gu;
const EXTENSION = / ?(?:x|ext\.?|extn?\.?) ?\d{1,6}$/;
const DATE_OR_TIME = /^(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{1,2}[/.-]\d{4}|\d{4}[/.-]\d{1,2})(?:[ T]\d{1,2}[:.]\d{2})?$/;
const CONTEXT = contextPattern([
  'phone', 'telephone', 'tel', 'tlf', 'tfno', 'telf', 'mobile', 'mob', 'cell', 'cellphone', 'call', 'called', 'calling',
  'text', 'sms', 'whatsapp', 'fax', 'desk', 'office', 'home', 'work', 'contact', 'number', 'dial', 'reach',
  'answering', 'voicemail', 'message', 'messages', 'ring', 'extension',
  'teléfono', 'telefono', 'móvil', 'movil', 'celular', 'llamar', 'llame', 'llámame', 'número', 'numero', 'contacto',
  'téléphone', 'portable', 'telefon', 'handy', 'rufnummer',
]);
/**
 * Words that announce a phone number from further off, across a name between ("Emergency contact: daughter Jazmyne
 * Ankunding, 452.721.2363"): only for a number grouped as phone numbers are written.
 */
const STRONG_CONTEXT = contextPattern([
  'phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'fax', 'contact', 'teléfono', 'telefono', 'móvil', 'movil',
  'contacto', 'téléphone', 'telefon',
]);
const STRONG_CONTEXT_REACH = 64;
/** Three or more groups of digits, as phone numbers are written: "452.721.2363", "+43 664 1234567", "(03891) 975 3372". */
const GROUPED = /^(?:\+ ?)?\(?\d{1,5}\)?(?:[ ./-]\(?\d{2,5}\)?){2,}/;
const NEGATIVE_CONTEXT = contextPattern([
  'order', 'invoice', 'receipt', 'tracking', 'ref', 'reference', 'ticket', 'isbn', 'serial', 'sku', 'pedido',
  'factura', 'referencia', 'lote', 'price', 'total', 'usd', 'eur', 'version', 'nhc', 'nass', 'mrn', 'dni', 'nie',
  'passport', 'account', 'iban', 'card', 'tarjeta', 'nºcol', 'col', 'episodio', 'historia clínica', 'policy', 'póliza',
  'zip', 'postal', 'postcode', 'cp', 'apartado', 'correos', 'box', 'suite', 'apt',
]);

/** "+90-992-172-99-40", "+55 (61) 9494-4654": a "+", a country code, then groups split by blanks, dashes or brackets. */
const INTERNATIONAL = /^\+ ?\d{1,3}(?:[ -]\(?\d{1,5}\)?|\(\d{1,5}\))(?:[ .-]?\d{2,5}){1,4}$/;

const MIN_DIGITS = 7;
const MAX_DIGITS = 15;
/**
 * Local numbers of six digits ("Mobile: 614 219", "fax 186 069") count only right after a phone word, the
 * number being what the word labels.
 */
const MIN_LABELLED_DIGITS = 6;
const LABEL_JUST_BEFORE =
  /(?<![\p{L}\p{N}])(?:tel|tlf|tfno|telf|phone|telephone|mobile|mob|cell|fax|móvil|movil|teléfono|telefono|téléphone|telefon|handy|call me on|call me at|llámame al|llame al)\.?(?:[ \t]*(?:no|nr|n[º°o])\.?)?[ \t]*[:.]?[ \t]*$/iu;
/**
 * A number in brackets right after a capitalised name, as directories and letterheads write a practice's or a
 * firm's number ("Valle Family Practice (574.713.790)"): eight digits or more, not a span of years.
 */
const BRACKETED_AFTER_NAME = /[\p{Lu}][\p{Ll}'’.-]*[ \t]*\($/u;
const YEARS = /^(?:1[89]|20)\d\d(?:[ \t]*[–/-][ \t]*|[ \t]+)(?:1[89]|20)?\d\d$/;

/**
 * Regions whose national numbers are always written with a leading trunk 0. libphonenumber accepts them without
 * it, which would make every 7–10 digit house number or count a valid German or French number.
 */
const TRUNK_ZERO_REGIONS: ReadonlySet<CountryCode> = new Set(['GB', 'DE', 'FR', 'AT', 'CH', 'NL', 'BE', 'AU', 'NZ', 'IE']);

/** Mixed dots and spaces ("1.6 .919 4.") are columns of decimals, not a number someone dials. */
const TABLE_OF_DECIMALS = /\. |\s\.|\.\./;

/**
 * The digit counts a number written nationally can have in a region, from libphonenumber's own metadata: a valid
 * number's national significant number has one of the region's possible lengths, written bare, after the
 * national (trunk) prefix, or after the country calling code without its "+". Parsing a candidate costs tens of
 * microseconds per region; a count outside these sets cannot be valid there, so that region is not parsed.
 * `undefined` (no pruning) where a national prefix is a pattern rather than plain digits.
 */
function nationalDigitCounts(region: CountryCode): ReadonlySet<number> | undefined {
  const metadata = new Metadata();
  metadata.selectNumberingPlan(region);
  const plan = metadata.numberingPlan as unknown as {
    possibleLengths(): number[];
    nationalPrefixForParsing(): unknown;
    callingCode(): string;
  };
  // Absent in the compressed metadata reads as 0 or undefined.
  const forParsing = plan.nationalPrefixForParsing();
  const prefixes = typeof forParsing === 'string' ? forParsing.split('|').filter(Boolean) : [];
  if (prefixes.some((prefix) => !/^\d+$/.test(prefix))) return undefined;
  const added = [0, plan.callingCode().length, ...prefixes.map((prefix) => prefix.length)];
  return new Set(plan.possibleLengths().flatMap((length) => added.map((extra) => length + extra)));
}

/** How many countries share `region`'s calling code (25 for the US's "+1", 4 for GB's "+44", 1 for most). */
function countriesSharingCode(region: CountryCode): number {
  const code = getCountryCallingCode(region);
  return getCountries().filter((country) => getCountryCallingCode(country) === code).length;
}

/**
 * `regions` in the order `isValidIn` tries them: regions whose calling code no other country shares first. Parsing
 * in a shared code's region makes libphonenumber test the number against each country of it (the 25 of "+1"): 42 µs a
 * parse for US on the bench corpus, 15–25 µs for ES, DE, FR. Whether some region validates a number does not depend on
 * the order, so the costly ones are asked only where the others said no: 684 parses a pass instead of 912, and the phone
 * recognizer about 5 % less CPU (74 → 70 ms a pass, six interleaved pairs).
 */
export function cheapestFirst(regions: readonly CountryCode[]): CountryCode[] {
  const shared = new Map(regions.map((region) => [region, countriesSharingCode(region)]));
  return [...regions].sort((a, b) => shared.get(a)! - shared.get(b)!);
}

const DIGIT_COUNTS = new Map<CountryCode, ReadonlySet<number> | undefined>();
function mayBeValidIn(region: CountryCode, digitCount: number): boolean {
  if (!DIGIT_COUNTS.has(region)) DIGIT_COUNTS.set(region, nationalDigitCounts(region));
  return DIGIT_COUNTS.get(region)?.has(digitCount) ?? true;
}

/**
 * Whether `candidate` is a valid number internationally or, written nationally, in one of `regions`. libphonenumber
 * reports a number it cannot read by throwing an error it catches itself; no stack trace is taken for those (the
 * errors' traces cost about a tenth of the phone recognizer's time on the bench corpus).
 */
export function isValidIn(candidate: string, regions: readonly CountryCode[]): boolean {
  const traceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return isValidInRegions(candidate, regions);
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
}

function isValidInRegions(candidate: string, regions: readonly CountryCode[]): boolean {
  if (candidate.startsWith('+') || candidate.startsWith('00')) {
    return parsePhoneNumberFromString('+' + candidate.replace(/^(?:\+|00)/, ''))?.isValid() ?? false;
  }
  const nationalDigits = digitsOf(candidate);
  // A "+" inside ("(+62) 24 6265 0524") makes libphonenumber read the number internationally whatever the region.
  const national = !candidate.includes('+');
  return regions.some(
    (region) =>
      (!TRUNK_ZERO_REGIONS.has(region) || nationalDigits.startsWith('0')) &&
      (!national || mayBeValidIn(region, nationalDigits.length)) &&
      (parsePhoneNumberFromString(candidate, region)?.isValid() ?? false),
  );
}

/** A blank, a slash or dash, a blank: between two numbers of a list ("Telfs.: 918823884 / 918823984"). */
const LIST_SEPARATOR = /[ \t]+[/–-][ \t]+/g;

/**
 * The run as it stands, or, when it holds more digits than one number can, the numbers of the list it is
 * ("917277336 - 606409021"), each with its offset.
 */
function pieces(start: number, candidate: string): [number, string][] {
  if (digitsOf(candidate.replace(EXTENSION, '')).length <= MAX_DIGITS) return [[start, candidate]];
  const out: [number, string][] = [];
  let from = 0;
  for (const separator of execAll(LIST_SEPARATOR, candidate)) {
    out.push([start + from, candidate.slice(from, separator.index)]);
    from = separator.index + separator[0].length;
  }
  out.push([start + from, candidate.slice(from)]);
  return out;
}

export function createPhoneRecognizer(configured: readonly CountryCode[] = DEFAULT_PHONE_REGIONS): Recognizer {
  const regions = cheapestFirst(configured);
  return {
    name: 'pattern:phone',
    labels: ['PHONE'],
    detect(text: RawText): Finding[] {
      if (digitCount(text) < MIN_LABELLED_DIGITS) return [];
      const findings: Finding[] = [];
      for (const match of execAll(CANDIDATE, text)) {
        for (const [start, candidate] of pieces(match.index, match[0])) {
          const core = candidate.replace(EXTENSION, '');
          const digitCount = digitsOf(core).length;
          if (digitCount > MAX_DIGITS) continue;
          const labelled = digitCount < MIN_DIGITS && LABEL_JUST_BEFORE.test(text.slice(Math.max(0, start - 24), start));
          if (digitCount < MIN_DIGITS && !labelled) continue;
          // A candidate holds no colon, so only a dotted quad can be an address: `isIP` runs its IPv4 and IPv6 patterns.
          if (DATE_OR_TIME.test(core) || (core.includes('.') && isIP(core) !== 0) || TABLE_OF_DECIMALS.test(core)) continue;
          const near = labelled || hasContextBefore(text, start, CONTEXT, 30) || hasContextAfter(text, start + candidate.length, CONTEXT, 12);
          if (!near && hasContextBefore(text, start, NEGATIVE_CONTEXT, 20)) continue;
          // From further off, a number grouped as phones are written, or one of eight digits or more written whole
          // ("Emergency contact: daughter Maja Martinsen, 43538048").
          const strongShape = GROUPED.test(core) || (digitCount >= 8 && /^\+?\d+$/.test(core));
          const bracketed =
            digitCount >= 8 && text[start + candidate.length] === ')' && !YEARS.test(core) &&
            BRACKETED_AFTER_NAME.test(text.slice(Math.max(0, start - 24), start));
          const context = near || bracketed || (strongShape && hasContextBefore(text, start, STRONG_CONTEXT, STRONG_CONTEXT_REACH));
          let score: number;
          if (isValidIn(core, regions)) score = context ? 0.95 : 0.7;
          // Written without its "+": "Tel. 34 945007000".
          else if (context) score = isValidIn('+' + digitsOf(core), regions) ? 0.85 : 0.6;
          // Written internationally with "+" and grouped: a number someone dials, even where no plan we know has it.
          else if (INTERNATIONAL.test(core) && digitCount >= 9) score = 0.55;
          else continue;
          findings.push({ start, end: start + candidate.length, label: 'PHONE', score, source: 'pattern:phone' });
        }
      }
      return findings;
    },
  };
}

export const phoneRecognizer: Recognizer = createPhoneRecognizer();
