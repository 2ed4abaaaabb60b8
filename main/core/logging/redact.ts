/**
 * The log redactor: every diagnostic Quarry writes passes through here first. It replaces secrets registered at
 * run time (the session passphrase while it is in memory, the LLM API key, QUARRY_PASSPHRASE) with `[REDACTED]`,
 * then credentials and tokens by shape, then whatever the de-identifier's synchronous pattern recognizers find
 * (e-mail, phone, card, SSN, IBAN, IP, URL, names with cues, ...) with `[LABEL]`. Errors are reduced to name,
 * code, message and stack frames: csv-parse's `raw`/`record` and any other property that may carry a row is dropped.
 * It fails closed: if a recognizer throws, the whole text is withheld.
 */
import { patternRecognizers } from '../deid/recognizers/index.js';
import type { Recognizer } from '../deid/types.js';
import { asRaw } from '../text.js';

export const REDACTED = '[REDACTED]';
/** Longest message kept, in characters; the rest is cut and the cut is said. */
export const MAX_MESSAGE = 2000;
/** Most stack frames kept from an error. */
export const MAX_FRAMES = 12;
/** Shortest registered secret that is replaced verbatim (shorter ones would blank ordinary words). */
const MIN_SECRET = 4;
/** How much of the scanned text is dropped before a cut, in case a secret straddled the end of the scan. */
const SCAN_MARGIN = 256;

const secrets = new Map<string, string>();

/** Remembers a secret under `key` (replacing the previous one) so that it never reaches a log. */
export function registerSecret(key: string, value: string | undefined | null): void {
  if (value && value.length >= MIN_SECRET) secrets.set(key, value);
  else secrets.delete(key);
}

/** Forgets the secret under `key`, e.g. when the session that held the passphrase ends. */
export function forgetSecret(key: string): void {
  secrets.delete(key);
}

function knownSecrets(): string[] {
  const all = [...secrets.values()];
  const fromEnv = process.env.QUARRY_PASSPHRASE;
  if (fromEnv && fromEnv.length >= MIN_SECRET) all.push(fromEnv);
  // Longest first, so a secret that contains another is replaced whole.
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/** Credentials and tokens recognised by their shape, before the de-identifier's recognizers run. */
const SHAPES: { pattern: RegExp; replace: string }[] = [
  // scheme://user:password@host
  { pattern: /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, replace: `$1${REDACTED}@` },
  // Authorization: Bearer xxx / Basic xxx
  { pattern: /\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/g, replace: `$1 ${REDACTED}` },
  // key=value / "apiKey": "value" pairs whose name says secret
  {
    pattern: /\b((?:api[_-]?key|apikey|secret|token|password|passphrase|passwd|pwd|authorization)["']?\s*[:=]\s*["']?)[^\s"',;}&]{4,}/gi,
    replace: `$1${REDACTED}`,
  },
  // Provider keys (sk-..., xoxb-..., ghp_..., AKIA...) and long opaque tokens mixing letters and digits.
  { pattern: /\b(?:sk|pk|rk|xox[abpr]|gh[pousr])[-_][A-Za-z0-9_-]{12,}/g, replace: REDACTED },
  { pattern: /\bAKIA[0-9A-Z]{16}\b/g, replace: REDACTED },
  { pattern: /\b(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{32,}\b/g, replace: REDACTED },
];

/** Long digit runs (account, record, card numbers) the recognizers did not claim; applied after them. */
const DIGIT_RUN = /\d(?:[ -]?\d){7,}/g;

let recognizers: Recognizer[] | undefined;

function patternFindings(text: string): { start: number; end: number; label: string }[] {
  recognizers ??= patternRecognizers();
  const raw = asRaw(text);
  return recognizers.flatMap((r) => r.detect(raw)).map((f) => ({ start: f.start, end: f.end, label: f.label }));
}

/** Replaces the findings with `[LABEL]`; a finding overlapping an earlier one is folded into its placeholder. */
function replaceFindings(text: string, findings: { start: number; end: number; label: string }[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  for (const f of sorted) {
    if (f.end <= at) continue;
    if (f.start < at) {
      at = f.end;
      continue;
    }
    out += `${text.slice(at, f.start)}[${f.label}]`;
    at = f.end;
  }
  return out + text.slice(at);
}

/** Cuts to `max` characters, saying how long the original was. */
function cap(text: string, max: number, originalLength: number): string {
  return text.length <= max && originalLength <= max * 2 ? text : `${text.slice(0, max)}… [cut: ${originalLength} characters in all]`;
}

/** The text with every secret and every finding replaced, cut to MAX_MESSAGE characters. */
export function redactText(text: string, max = MAX_MESSAGE): string {
  let out = text.length > max * 2 ? text.slice(0, max * 2) : text;
  for (const secret of knownSecrets()) out = out.split(secret).join(REDACTED);
  for (const { pattern, replace } of SHAPES) out = out.replace(pattern, replace);
  try {
    out = replaceFindings(out, patternFindings(out)).replace(DIGIT_RUN, '[NUMBER]');
  } catch {
    return '[text withheld: the log redactor could not scan it]';
  }
  // Where the scan stopped, a secret may have been cut in two and missed: drop the tail it could sit in.
  if (text.length > max * 2) out = out.slice(0, Math.max(0, out.length - SCAN_MARGIN));
  return cap(out, max, text.length);
}

/** What of an error may be logged: its name, code, message and stack frames, each redacted. */
export interface RedactedError {
  name: string;
  code?: string;
  message: string;
  frames: string[];
}

/** Reduces anything thrown to a RedactedError; every other property (csv-parse's `raw`, `record`, ...) is dropped. */
export function redactError(error: unknown): RedactedError {
  if (!(error instanceof Error)) {
    const described = typeof error === 'string' ? redactText(error) : `a thrown ${error === null ? 'null' : typeof error} value (not shown)`;
    return { name: 'NonError', message: described, frames: [] };
  }
  const code = (error as { code?: unknown }).code;
  const frames = (typeof error.stack === 'string' ? error.stack.split('\n') : [])
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => redactText(line.trim(), 300));
  return {
    name: redactText(String(error.name), 100),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: redactText(String(code), 100) } : {}),
    message: redactText(String(error.message)),
    frames,
  };
}

/** One redacted error as log lines: `Name [code]: message` then its frames. */
export function formatError(error: unknown): string {
  const e = redactError(error);
  const head = `${e.name}${e.code ? ` [${e.code}]` : ''}: ${e.message}`;
  return [head, ...e.frames.map((f) => `    ${f}`)].join('\n');
}
