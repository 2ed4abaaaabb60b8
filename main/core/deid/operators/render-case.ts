import { QuarryError } from '../../errors.js';
import type { Db } from '../../store/database.js';
import { markRedacted, type RedactedText } from '../../text.js';
import { isPiiLabel, type PiiLabel } from '../types.js';
import { capAge } from './age-cap.js';
import { caseDateOffset, shiftDateText, yearOnlyText, type DateFallback, type DateRendering } from './date-shift.js';
import type { DateLanguage } from './dates.js';
import { hmacToken } from './hmac-token.js';
import { operatorKeys, type OperatorKeys } from './keys.js';
import { exportProfile, profileProblems, type ExportProfile, type OperatorName } from './profiles.js';
import { SurrogateVault } from './surrogate.js';

export interface RenderedMessage {
  role: string;
  content: RedactedText;
}

/**
 * Why an occurrence kept its placeholder although the profile asked for another operator. Placeholders and
 * reasons are safe to show and log; the values behind them never leave this module.
 */
export type FallbackReason = DateFallback | 'original-missing' | 'unsupported-value' | 'unknown-label';

export interface RenderFallback {
  placeholder: string;
  reason: FallbackReason;
}

/** A case's de-identified body (the shape stored in `cases.redacted_json`) with the profile's operators applied. */
export interface RenderedCase {
  messages: RenderedMessage[];
  response: RenderedMessage | null;
  fallbacks: RenderFallback[];
}

interface StoredMessage {
  role: string;
  content: string;
}

interface CaseRow {
  redacted_json: string;
  slices_json: string;
  placeholders_json: string;
}

interface Occurrence {
  field: number;
  start: number;
  end: number;
  label: string;
  placeholder: string;
  original: string;
}

type Rendering = { text: string } | { fallback: FallbackReason };

/** The case's language slice picks fake names and date words: Spanish for `es…`, English otherwise. */
function caseLanguage(slicesJson: string): DateLanguage {
  const language = (JSON.parse(slicesJson) as { language?: unknown }).language;
  return typeof language === 'string' && /^(es\b|es[-_]|spa|spanish|español)/i.test(language) ? 'es' : 'en';
}


/** What one case's occurrences need from the workspace, fetched only when an operator asks for it. */
class OperatorContext {
  private keysCache: OperatorKeys | undefined;
  private vaultCache: SurrogateVault | undefined;

  constructor(
    private readonly db: Db,
    readonly caseId: number,
    readonly language: DateLanguage,
    readonly now: Date,
  ) {}

  get keys(): OperatorKeys {
    this.keysCache ??= operatorKeys(this.db);
    return this.keysCache;
  }

  get surrogates(): SurrogateVault {
    this.vaultCache ??= new SurrogateVault(this.db, this.keys.surrogate);
    return this.vaultCache;
  }
}

function applyOperator(operator: OperatorName, label: PiiLabel, occurrence: Occurrence, context: OperatorContext): Rendering | DateRendering {
  const { original, placeholder } = occurrence;
  switch (operator) {
    case 'placeholder':
      return { text: placeholder };
    case 'redact':
      return { text: '[REDACTED]' };
    case 'keep':
      return { text: original };
    case 'hmac':
      return { text: hmacToken(context.keys.token, label, original) };
    case 'surrogate': {
      const fake = context.surrogates.surrogateFor(label, original, context.language);
      return fake === null ? { fallback: 'unsupported-value' } : { text: fake };
    }
    case 'date-shift':
      return shiftDateText(original, caseDateOffset(context.keys.dateShift, context.caseId), context.language);
    case 'year-only':
      return yearOnlyText(original, context.language, context.now);
    case 'age-cap':
      return { text: capAge(original, context.language) };
  }
}

function vaultMismatch(caseId: number): QuarryError {
  return new QuarryError(
    'export-vault-mismatch',
    `Case ${caseId} cannot be rendered: its de-identified text no longer lines up with its vault entries. ` +
      'Export it with the "placeholder" profile, or ingest its source file again into a fresh workspace.',
  );
}

function renderField(text: string, occurrences: readonly Occurrence[], profile: ExportProfile, context: OperatorContext, fallbacks: RenderFallback[]): string {
  let out = '';
  let from = 0;
  // Vault offsets are in the raw text; each earlier replacement moved later ones by (placeholder − original) length.
  let drift = 0;
  for (const occurrence of occurrences) {
    const at = occurrence.start + drift;
    if (at < from || !text.startsWith(occurrence.placeholder, at)) throw vaultMismatch(context.caseId);
    drift += occurrence.placeholder.length - (occurrence.end - occurrence.start);
    let rendering: Rendering;
    if (!isPiiLabel(occurrence.label)) rendering = { fallback: 'unknown-label' };
    else rendering = applyOperator(profile.rules[occurrence.label].operator, occurrence.label, occurrence, context);
    if ('fallback' in rendering) fallbacks.push({ placeholder: occurrence.placeholder, reason: rendering.fallback });
    out += text.slice(from, at) + ('text' in rendering ? rendering.text : occurrence.placeholder);
    from = at + occurrence.placeholder.length;
  }
  return out + text.slice(from);
}

/** Placeholders whose real values are gone from the vault (purged) can only stay placeholders. */
function missingOriginals(row: CaseRow, texts: readonly string[], occurrences: readonly Occurrence[], profile: ExportProfile): RenderFallback[] {
  const known = new Set(occurrences.map((o) => o.placeholder));
  const placeholders = JSON.parse(row.placeholders_json) as { placeholder: string; label: string }[];
  return placeholders.flatMap(({ placeholder, label }) => {
    if (known.has(placeholder) || (isPiiLabel(label) && profile.rules[label].operator === 'placeholder')) return [];
    const count = texts.reduce((n, text) => n + text.split(placeholder).length - 1, 0);
    return Array.from({ length: count }, (): RenderFallback => ({ placeholder, reason: 'original-missing' }));
  });
}

/**
 * Renders one case for export under a profile, given by id (`placeholder`, `hipaa-safe-harbor`, `general-pii`)
 * or as a profile object: every placeholder in the stored de-identified text is replaced by its operator, using
 * the case's vault entries. Only the replacements leave; an occurrence an operator cannot render keeps its
 * placeholder and is listed in `fallbacks`. Surrogates met for the first time are stored in the vault, so call it
 * with a writable database.
 *
 * `now` only matters to `year-only`, which withholds years more than 89 years back.
 */
export function renderCaseForExport(db: Db, caseId: number, profile: string | ExportProfile, now: Date = new Date()): RenderedCase {
  const rules = typeof profile === 'string' ? exportProfile(profile) : profile;
  const problems = profileProblems(rules);
  if (problems.length > 0) throw new QuarryError('invalid-export-profile', `${problems.join(' ')} Fix the profile and export again.`);
  const row = db.prepare('SELECT redacted_json, slices_json, placeholders_json FROM cases WHERE id = ?').get(caseId) as CaseRow | undefined;
  if (!row) throw new QuarryError('case-not-found', `Case ${caseId} does not exist in this workspace.`);
  const body = JSON.parse(row.redacted_json) as { messages: StoredMessage[]; response: StoredMessage | null };
  const texts = [...body.messages.map((m) => m.content), ...(body.response ? [body.response.content] : [])];
  const occurrences = db
    .prepare('SELECT field, start, "end", label, placeholder, original FROM vault_findings WHERE case_id = ? ORDER BY field, start')
    .all(caseId) as Occurrence[];
  const context = new OperatorContext(db, caseId, caseLanguage(row.slices_json), now);
  const fallbacks: RenderFallback[] = [];
  const rendered = db.transaction(() =>
    texts.map((text, field) =>
      markRedacted(renderField(text, occurrences.filter((o) => o.field === field), rules, context, fallbacks)),
    ),
  )();
  fallbacks.push(...missingOriginals(row, texts, occurrences, rules));
  const message = (stored: StoredMessage, i: number): RenderedMessage => ({ role: stored.role, content: rendered[i]! });
  return {
    messages: body.messages.map(message),
    response: body.response ? message(body.response, body.messages.length) : null,
    fallbacks,
  };
}
