import { isIP } from 'node:net';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { contextPattern, digitsOf, hasContextAfter, hasContextBefore, hasDigits } from './context.js';
import { execAll } from './exec-all.js';

/**
 * Phone numbers. A cheap regex proposes runs of digits with the separators phone numbers use; libphonenumber
 * (full metadata) then decides whether the run is a valid number internationally or nationally in one of the
 * configured regions. A context word ("tel", "call", "móvil") raises the score, and lets through numbers that
 * are plausible in length but not valid anywhere we know, since made-up and foreign numbers are still numbers.
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
const NEGATIVE_CONTEXT = contextPattern([
  'order', 'invoice', 'receipt', 'tracking', 'ref', 'reference', 'ticket', 'isbn', 'serial', 'sku', 'pedido',
  'factura', 'referencia', 'lote', 'price', 'total', 'usd', 'eur', 'version', 'nhc', 'nass', 'mrn', 'dni', 'nie',
  'passport', 'account', 'iban', 'card', 'tarjeta', 'nºcol', 'col', 'episodio', 'historia clínica', 'policy', 'póliza',
  'zip', 'postal', 'postcode', 'cp', 'apartado', 'correos', 'box', 'suite', 'apt',
]);

const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/**
 * Regions whose national numbers are always written with a leading trunk 0. libphonenumber accepts them without
 * it, which would make every 7–10 digit house number or count a valid German or French number.
 */
const TRUNK_ZERO_REGIONS: ReadonlySet<CountryCode> = new Set(['GB', 'DE', 'FR', 'AT', 'CH', 'NL', 'BE', 'AU', 'NZ', 'IE']);

/** Mixed dots and spaces ("1.6 .919 4.") are columns of decimals, not a number someone dials. */
const TABLE_OF_DECIMALS = /\. |\s\.|\.\./;

function isValidIn(candidate: string, regions: readonly CountryCode[]): boolean {
  if (candidate.startsWith('+') || candidate.startsWith('00')) {
    return parsePhoneNumberFromString('+' + candidate.replace(/^(?:\+|00)/, ''))?.isValid() ?? false;
  }
  const nationalDigits = digitsOf(candidate);
  return regions.some(
    (region) =>
      (!TRUNK_ZERO_REGIONS.has(region) || nationalDigits.startsWith('0')) &&
      (parsePhoneNumberFromString(candidate, region)?.isValid() ?? false),
  );
}

export function createPhoneRecognizer(regions: readonly CountryCode[] = DEFAULT_PHONE_REGIONS): Recognizer {
  return {
    name: 'pattern:phone',
    labels: ['PHONE'],
    detect(text: RawText): Finding[] {
      if (!hasDigits(text, MIN_DIGITS)) return [];
      const findings: Finding[] = [];
      for (const match of execAll(CANDIDATE, text)) {
        const candidate = match[0];
        const core = candidate.replace(EXTENSION, '');
        const digitCount = digitsOf(core).length;
        if (digitCount < MIN_DIGITS || digitCount > MAX_DIGITS) continue;
        if (DATE_OR_TIME.test(core) || isIP(core) !== 0 || TABLE_OF_DECIMALS.test(core)) continue;
        const start = match.index;
        const context = hasContextBefore(text, start, CONTEXT, 30) || hasContextAfter(text, start + candidate.length, CONTEXT, 12);
        if (!context && hasContextBefore(text, start, NEGATIVE_CONTEXT, 20)) continue;
        let score: number;
        if (isValidIn(core, regions)) score = context ? 0.95 : 0.7;
        // Written without its "+": "Tel. 34 945007000".
        else if (context) score = isValidIn('+' + digitsOf(core), regions) ? 0.85 : 0.6;
        else continue;
        findings.push({ start, end: start + candidate.length, label: 'PHONE', score, source: 'pattern:phone' });
      }
      return findings;
    },
  };
}

export const phoneRecognizer: Recognizer = createPhoneRecognizer();
