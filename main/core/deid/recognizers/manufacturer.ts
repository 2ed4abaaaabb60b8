import type { RawText } from '../../text.js';
import type { Finding, Recognizer } from '../types.js';
import { execAll } from './exec-all.js';
import { isPlace } from './location-gazetteer.js';
import { isCommonWord } from './name-gazetteer.js';

/**
 * Makers of drugs, implants and devices (label `ORGANIZATION`), named in brackets after the product as case reports
 * do: "(Combigan®, Allergan)", "(Galimplant, Sarria, España)", "(MODUS ARS 1.5; Medartis®, Basel, Suiza)". Inside
 * one bracket, split at commas, semicolons and sentence periods, a part of one to four capitalised words is a maker
 * when it follows a product marked ® or ™, or when a town and a known place, or a known place, close the bracket
 * right after it. A bracket
 * of a name and places only ("(Madrid, España)") names no maker.
 */
const BRACKET = /\(([^()\n]{3,160})\)/g;
const SEPARATOR = /[ \t]*(?:[,;]|\.(?=[ \t]))[ \t]*/g;
const MAKER = /^\p{Lu}[\p{L}\d'’&.-]*(?:[ \t]+(?:and|y|&|\p{Lu}[\p{L}\d'’&.-]*)){0,3}$/u;
const MARKED = /[®™]$/;
/** Country abbreviations written with periods, which the gazetteer reads as words. */
const DOTTED_COUNTRY = /^(?:U\.S\.A\.?|EE\.\s?UU\.?|U\.K\.?)$/;

interface Part {
  start: number;
  text: string;
}

function partsOf(inner: string, offset: number): Part[] {
  const parts: Part[] = [];
  let from = 0;
  for (const separator of execAll(SEPARATOR, inner)) {
    parts.push({ start: offset + from, text: inner.slice(from, separator.index) });
    from = separator.index + separator[0].length;
  }
  parts.push({ start: offset + from, text: inner.slice(from) });
  return parts;
}

/** Whether `inner` holds a char every `SEPARATOR` match holds. */
function mayHoldSeparator(inner: string): boolean {
  return inner.includes(',') || inner.includes(';') || inner.includes('.');
}

const isPlacePart = (part: Part): boolean => isPlace(part.text) || DOTTED_COUNTRY.test(part.text);

function isMaker(part: Part): boolean {
  const name = part.text.replace(MARKED, '');
  return MAKER.test(name) && !isPlace(name) && !isCommonWord(name);
}

export const manufacturerRecognizer: Recognizer = {
  name: 'pattern:manufacturer',
  labels: ['ORGANIZATION'],
  detect(text: RawText): Finding[] {
    if (!text.includes('(')) return [];
    const findings: Finding[] = [];
    for (const bracket of execAll(BRACKET, text)) {
      // A bracket without a comma, semicolon or period is one part: most of a clinical note's, not split at all.
      if (!mayHoldSeparator(bracket[1]!)) continue;
      const parts = partsOf(bracket[1]!, bracket.index + 1);
      if (parts.length < 2) continue;
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        if (!isMaker(part)) continue;
        const afterProduct = i > 0 && MARKED.test(parts[i - 1]!.text);
        const rest = parts.slice(i + 1);
        // "Sarria, España": a town the gazetteer may not know, then a place it knows, close the bracket.
        const placesClose = rest.length >= 1 && rest.length <= 2 && isPlacePart(rest.at(-1)!) && rest.every((p) => MAKER.test(p.text) || isPlacePart(p));
        if (!afterProduct && !placesClose) continue;
        const name = part.text.replace(MARKED, '');
        findings.push({ start: part.start, end: part.start + name.length, label: 'ORGANIZATION', score: 0.5, source: 'pattern:manufacturer' });
        break;
      }
    }
    return findings;
  },
};
