import { isIP } from 'node:net';
import type { Finding, Recognizer } from '../types.js';
import type { RawText } from '../../text.js';
import { contextPattern, hasContextBefore } from './context.js';
import { execAll } from './exec-all.js';
import { digitCount } from './word-scan.js';

/**
 * IPv4 and IPv6 addresses, validated by `node:net`. A dotted quad right after a version marker ("v1.2.3.4",
 * "version 10.0.19041.1") is a version number, not an address, and is skipped; any other valid quad is flagged
 * because an address cannot be told from a four-part version by shape alone and recall comes first.
 */
const IPV4 = /(?<![\p{L}\p{N}_.]|\d\.)(?:\d{1,3}\.){3}\d{1,3}(?![\p{N}_]|\.\d)/gu;
// Not in Unicode mode, which scans several times slower; ASCII word boundaries suffice around hex digits.
const IPV6 = /(?<![\w:.])(?:[0-9a-f]{1,4}:|::?)(?:[0-9a-f]{0,4}:){1,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9a-f]{1,4})?(?:%\w+)?(?![\w:])/gi;
/**
 * Two colons with at most four hex digits between them (what `/[0-9a-f]?:[0-9a-f]{0,4}:/i` finds); testing this
 * first spares the slow IPv6 pattern on almost every text. A loop from colon to colon: on the bench corpus's texts
 * with two colons it took a tenth of the time of that regex, which is tried at every char.
 */
export function mayHoldIpv6(text: string): boolean {
  for (let colon = text.indexOf(':'), next = text.indexOf(':', colon + 1); next >= 0; colon = next, next = text.indexOf(':', colon + 1)) {
    if (next - colon - 1 > 4) continue;
    let hex = true;
    for (let i = colon + 1; i < next && hex; i++) hex = isHexCode(text.charCodeAt(i));
    if (hex) return true;
  }
  return false;
}
const isHexCode = (code: number): boolean => (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 102);
const VERSION = /(?:\bv|\b(?:version|versión|ver|build|release|firmware|os|ios|android|windows|node|python)\s*:?\s*)$/i;
const CONTEXT = contextPattern(['ip', 'ipv4', 'ipv6', 'address', 'host', 'server', 'client', 'from', 'dirección', 'servidor']);

/**
 * Every match of `IPV4` holds a digit, a dot, up to three digits, a dot, up to three digits, a dot and a digit: this
 * test, which opens on a digit and needs neither Unicode mode nor a lookbehind, spares the full scan of most texts.
 */
const MAY_HOLD_IPV4 = /\d\.\d{1,3}\.\d{1,3}\.\d/;

function ipv4Findings(text: string): Finding[] {
  const findings: Finding[] = [];
  if (!MAY_HOLD_IPV4.test(text)) return findings;
  for (const match of execAll(IPV4, text)) {
    const candidate = match[0];
    if (isIP(candidate) !== 4) continue;
    const start = match.index;
    if (VERSION.test(text.slice(Math.max(0, start - 12), start))) continue;
    const score = hasContextBefore(text, start, CONTEXT, 30) ? 0.95 : 0.8;
    findings.push({ start, end: start + candidate.length, label: 'IP_ADDRESS', score, source: 'pattern:ip-address' });
  }
  return findings;
}

function ipv6Findings(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of execAll(IPV6, text)) {
    const candidate = match[0];
    const address = candidate.split('%')[0] ?? '';
    // Hex words joined by `::` ("abc::def" in C++) validate as IPv6; real addresses carry digits and several groups.
    if (isIP(address) !== 6 || !/\d/.test(address) || address.replace(/[^0-9a-f]/gi, '').length < 4) continue;
    findings.push({ start: match.index, end: match.index + candidate.length, label: 'IP_ADDRESS', score: 0.9, source: 'pattern:ip-address' });
  }
  return findings;
}

export const ipAddressRecognizer: Recognizer = {
  name: 'pattern:ip-address',
  labels: ['IP_ADDRESS'],
  detect(text: RawText): Finding[] {
    // Four numbers are needed, and a dot.
    const findings = digitCount(text) >= 4 && text.includes('.') ? ipv4Findings(text) : [];
    // Two colons at least, or the IPv6 test is not worth its scan.
    const colon = text.indexOf(':');
    if (colon < 0 || text.indexOf(':', colon + 1) < 0) return findings;
    return mayHoldIpv6(text) ? findings.concat(ipv6Findings(text)) : findings;
  },
};
