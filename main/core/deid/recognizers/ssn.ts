import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { contextPattern, hasContextBefore } from './context.js';
import { execAll } from './exec-all.js';
import { digitCount } from './word-scan.js';

/**
 * US Social Security numbers. The dashed form `123-45-6789` is distinctive enough to flag alone; the same nine
 * digits written unseparated or with spaces/dots are as common as any other number, so they need a context word.
 * Numbers the SSA never issues (area 000, 666, 900–999; group 00; serial 0000) are rejected, as are runs of one
 * repeated digit and 123-45-6789, the number printed in examples; an area of 900–999 after a context word is a
 * taxpayer number (ITIN) or a mistyped SSN, an identifier either way ("SSN: 909-80-6376").
 */
const DASHED = /(?<![\p{L}\p{N}_-])(\d{3})-(\d{2})-(\d{4})(?![\p{L}\p{N}_]|-\d)/gu;
const LOOSE = /(?<![\p{L}\p{N}_.-])(\d{3})([ .]?)(\d{2})\2(\d{4})(?![\p{L}\p{N}_]|[.-]\d)/gu;
const CONTEXT = contextPattern(['ssn', 'ss#', 'ss #', 'social security', 'social sec', 'ssa', 'tin', 'itin']);

function isIssuable(area: string, group: string, serial: string, named = false): boolean {
  const areaNumber = Number(area);
  if (areaNumber === 0 || areaNumber === 666 || (areaNumber >= 900 && !named)) return false;
  if (group === '00' || serial === '0000') return false;
  const digits = area + group + serial;
  return !/^(\d)\1{8}$/.test(digits) && digits !== '123456789';
}

export const ssnRecognizer: Recognizer = {
  name: 'pattern:ssn',
  labels: ['SSN'],
  detect(text: RawText): Finding[] {
    if (digitCount(text) < 9) return [];
    const findings: Finding[] = [];
    for (const match of execAll(DASHED, text)) {
      const [whole, area = '', group = '', serial = ''] = match;
      const named = hasContextBefore(text, match.index, CONTEXT, 50);
      if (!isIssuable(area, group, serial, named)) continue;
      const score = named ? 0.95 : 0.7;
      findings.push({ start: match.index, end: match.index + whole.length, label: 'SSN', score, source: 'pattern:ssn' });
    }
    for (const match of execAll(LOOSE, text)) {
      const [whole, area = '', , group = '', serial = ''] = match;
      if (!isIssuable(area, group, serial) || !hasContextBefore(text, match.index, CONTEXT, 50)) continue;
      findings.push({ start: match.index, end: match.index + whole.length, label: 'SSN', score: 0.85, source: 'pattern:ssn' });
    }
    return findings;
  },
};
