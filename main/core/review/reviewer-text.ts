import type { Deidentifier } from '../deid/deidentifier.js';
import { isFunctionWord } from '../deid/function-words.js';
import { normalizeValue } from '../deid/operators/placeholder.js';
import { combineFindings } from '../deid/spans.js';
import { applyAllowList, readTermLists } from '../deid/term-lists.js';
import { isPiiLabel, PII_LABELS, type Finding, type PiiLabel } from '../deid/types.js';
import { findWholeWords } from '../deid/word-search.js';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { asRaw, type RawText } from '../text.js';
import { originalTask, ReviewDraft } from './case-reviews.js';
import { readReviewSettings } from './review-settings.js';
import { DEFAULT_RUBRIC_TEMPLATES } from './rubric.js';

/**
 * Text a reviewer writes (task edits, expected behaviour, rubric, augmentation) is de-identified before it is
 * stored, with the workspace's de-identifier (patterns, NER, allow- and deny-lists) and the case's numbering:
 * a value already among the case's vault findings gets the case's placeholder back (`[PERSON_1]`), a new value
 * the next free number of its type. Placeholders the reviewer keeps are left alone.
 *
 * Two steps, because the NER model is asynchronous and a store transaction is not: `scanReviewerText` finds the
 * spans, `sealReviewerText` (inside the save's transaction) numbers them against the vault as it is then, writes
 * new values to `vault_findings` and returns the redacted texts with what was replaced (labels and placeholders
 * only). A typed value is stored in the vault under field `REVIEWER_TEXT_FIELD`, which no case text uses, so
 * export rendering and miss reports (which read fields 0…n) never place it in the conversation, while retention
 * purges it with the case's other findings.
 */
export const REVIEWER_TEXT_FIELD = -1;

const PLACEHOLDER = new RegExp(`\\[(${PII_LABELS.join('|')})_(\\d+)\\]`, 'g');
/** Known values shorter than this are not searched for by themselves (the detectors still find them). */
const MIN_KNOWN_LENGTH = 3;
const WORD = /[\p{L}\p{N}]/u;

/** One reviewer-written text, named by its path in the draft (`expected`, `rubric.2.met`). */
export interface ReviewerText {
  field: string;
  text: string;
}

/** A placeholder put into a reviewer text: what the UI may show ("[PERSON_1] in expected"), never the value. */
export interface ReplacedIdentifier {
  field: string;
  label: PiiLabel;
  placeholder: string;
}

export interface ReviewerTextScan {
  caseId: number;
  texts: ReviewerText[];
  /** Per text: the spans to replace, sorted, non-overlapping, never inside a kept placeholder. */
  spans: Finding[][];
  /** Name parts → the full name found in the same save (`Zelda` → `Zelda Quill`). */
  aliases: { part: string; full: string }[];
}

export interface SealedReviewerText {
  texts: ReviewerText[];
  replaced: ReplacedIdentifier[];
  /** Occurrences replaced, by label: what the audit log records. */
  counts: Partial<Record<PiiLabel, number>>;
}

interface KnownValue {
  label: PiiLabel;
  original: string;
  placeholder: string;
}

/** The case's vault findings, one per label and value (ingest, missed-PII reports, earlier reviewer text). */
function knownValues(db: Db, caseId: number): KnownValue[] {
  const rows = db.prepare('SELECT label, placeholder, original FROM vault_findings WHERE case_id = ? ORDER BY field, start').all(caseId) as {
    label: string;
    placeholder: string;
    original: string;
  }[];
  const seen = new Set<string>();
  const out: KnownValue[] = [];
  for (const row of rows) {
    if (!isPiiLabel(row.label)) continue;
    const key = `${row.label}\u0000${normalizeValue(row.original)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ label: row.label, original: row.original, placeholder: row.placeholder });
  }
  return out;
}

function caseExists(db: Db, caseId: number): void {
  if (db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId) === undefined) {
    throw new QuarryError('case-not-found', `Case ${caseId} does not exist in this workspace.`);
  }
}

function placeholderSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The capitalised parts of a multi-word name that may stand for it alone ("Quill" of "Zelda Quill"). */
function nameParts(value: string): string[] {
  const tokens = value.trim().split(/\s+/);
  if (tokens.length < 2) return [];
  return tokens
    .map((t) => t.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((t) => t.length >= MIN_KNOWN_LENGTH && t[0] === t[0]!.toLocaleUpperCase() && t[0] !== t[0]!.toLocaleLowerCase() && !isFunctionWord(t));
}

/** A name part that belongs to one known person only; parts shared by two people name neither. */
function knownParts(known: readonly KnownValue[]): Map<string, string | null> {
  const parts = new Map<string, string | null>();
  for (const k of known) {
    if (k.label !== 'PERSON') continue;
    for (const part of nameParts(k.original)) {
      const existing = parts.get(part);
      parts.set(part, existing === undefined || existing === k.placeholder ? k.placeholder : null);
    }
  }
  return parts;
}

/** Where the case's known values (and unambiguous parts of known names) recur in a reviewer text. */
function knownOccurrences(text: string, known: readonly KnownValue[], parts: ReadonlyMap<string, string | null>): Finding[] {
  const found: Finding[] = [];
  const lowered = text.toLocaleLowerCase();
  for (const k of known) {
    const value = k.original.trim();
    if (value.length < MIN_KNOWN_LENGTH) continue;
    // One word is matched with its case, so a name like "Will" does not take every "will" with it.
    const caseSensitive = !/\s/.test(value);
    for (const o of findWholeWords(text, value, caseSensitive, lowered)) found.push({ ...o, label: k.label, score: 0.9, source: 'vault:case' });
  }
  for (const [part, placeholder] of parts) {
    if (placeholder === null) continue;
    for (const o of findWholeWords(text, part, true)) found.push({ ...o, label: 'PERSON', score: 0.9, source: 'vault:case' });
  }
  return found;
}

/** The longest known value written as whole words inside `value`, if any. */
function containedKnown(value: string, known: readonly KnownValue[]): KnownValue | undefined {
  let best: KnownValue | undefined;
  for (const k of known) {
    const original = k.original.trim();
    if (original.length < MIN_KNOWN_LENGTH || original.length >= value.length || (best && best.original.trim().length >= original.length)) continue;
    if (findWholeWords(value, original).length > 0) best = k;
  }
  return best;
}

/** Cuts the parts of a span that lie on kept placeholders away; what is left must still hold a letter or digit. */
function outsidePlaceholders(text: string, spans: readonly Finding[], kept: readonly { start: number; end: number }[]): Finding[] {
  if (kept.length === 0) return [...spans];
  const out: Finding[] = [];
  for (const span of spans) {
    let pieces = [{ start: span.start, end: span.end }];
    for (const p of kept) {
      pieces = pieces.flatMap((piece) =>
        p.end <= piece.start || p.start >= piece.end
          ? [piece]
          : [
              { start: piece.start, end: Math.max(piece.start, p.start) },
              { start: Math.min(piece.end, p.end), end: piece.end },
            ],
      );
    }
    for (let { start, end } of pieces) {
      while (start < end && /[\s,;:]/.test(text[start]!)) start += 1;
      while (end > start && /[\s,;:]/.test(text[end - 1]!)) end -= 1;
      if (end > start && WORD.test(text.slice(start, end))) out.push({ ...span, start, end });
    }
  }
  return out;
}

/**
 * Finds the identifiers in reviewer-written texts of a case: the de-identifier's findings (kept placeholders
 * blanked out first, so no detector reads into them) and every recurrence of the case's known values. The
 * de-identifier may be given as a function, called only when there is text to scan.
 */
export async function scanReviewerText(
  db: Db,
  deidentifier: Deidentifier | (() => Promise<Deidentifier>),
  caseId: number,
  texts: readonly ReviewerText[],
): Promise<ReviewerTextScan> {
  caseExists(db, caseId);
  const written = texts.filter((t) => t.text.trim().length > 0);
  const starts = vettedStarts(db, caseId);
  const regions = written.map((t) => typedRegion(t.text, starts(t.field)));
  const active = written.flatMap((t, i) => (regions[i] ? [i] : []));
  if (active.length === 0) return { caseId, texts: written, spans: written.map(() => []), aliases: [] };
  const { kept, blanked } = blankPlaceholders(active.map((i) => written[i]!));
  const known = knownValues(db, caseId);
  const parts = knownParts(known);
  const terms = readTermLists(db);
  const detected = await detectOutsidePlaceholders(deidentifier, active.map((i) => written[i]!), kept, blanked);
  const spans: Finding[][] = written.map(() => []);
  active.forEach((i, k) => {
    const fromVault = applyAllowList(blanked[k]!, knownOccurrences(blanked[k]!, known, parts), terms);
    const found = outsidePlaceholders(written[i]!.text, combineFindings([...(detected.spans[k] ?? []), ...fromVault]), kept[k]!);
    const region = regions[i]!;
    spans[i] = found.filter((f) => f.start < region.end && f.end > region.start);
  });
  return { caseId, texts: written, spans, aliases: detected.aliases };
}

/**
 * Text a field may start from that was de-identified already or is the product's own: the case's de-identified
 * request for the task, the rubric templates (the defaults, and the workspace's saved ones when `db` is given)
 * for rubric criteria. Only what the reviewer changed from it is theirs to scan: the NER model reads short
 * rubric phrases poorly ("Discloses no protected information" as a person), and re-reading vetted text would
 * only add such false findings.
 */
function vettedStarts(db: Db | null, caseId: number | null): (field: string) => string[] {
  let templates: Templates[] | undefined;
  return (field) => {
    if (field === 'taskText' && db && caseId !== null) return [originalTask(db, caseId)];
    const kind = /^rubric(?:Templates\.[^.]+)?\.\d+\.(text|met|unmet)$/.exec(field)?.[1] as 'text' | 'met' | 'unmet' | undefined;
    if (!kind) return [];
    templates ??= [DEFAULT_RUBRIC_TEMPLATES, ...(db ? [readReviewSettings(db).rubricTemplates] : [])];
    return templates.flatMap((t) => Object.values(t).flatMap((rubric) => (rubric ?? []).map((c) => c[kind])));
  };
}

/**
 * The part of `text` the reviewer wrote, widened to whole words: what differs from the closest vetted start
 * (common beginning and end cut off); all of it when there is none; null when nothing new is left (the text is
 * a vetted start, or only lost characters between words).
 */
function typedRegion(text: string, starts: readonly string[]): { start: number; end: number } | null {
  let best = { start: 0, end: text.length };
  for (const base of starts) {
    let start = 0;
    while (start < text.length && start < base.length && text[start] === base[start]) start += 1;
    let tail = 0;
    while (tail < text.length - start && tail < base.length - start && text[text.length - 1 - tail] === base[base.length - 1 - tail]) tail += 1;
    if (text.length - tail - start < best.end - best.start) best = { start, end: text.length - tail };
  }
  let { start, end } = best;
  // Nothing added: new only if the characters lost joined two words into one.
  if (start === end && !(start > 0 && end < text.length && WORD.test(text[start - 1]!) && WORD.test(text[end]!))) return null;
  while (start > 0 && WORD.test(text[start - 1]!)) start -= 1;
  while (end < text.length && WORD.test(text[end]!)) end += 1;
  return end > start && /[\p{L}\p{N}]/u.test(text.slice(start, end)) ? { start, end } : null;
}

function blankPlaceholders(texts: readonly ReviewerText[]): { kept: { start: number; end: number }[][]; blanked: RawText[] } {
  const kept = texts.map((t) => placeholderSpans(t.text));
  const blanked = texts.map((t, i) => asRaw(kept[i]!.reduce((s, p) => s.slice(0, p.start) + ' '.repeat(p.end - p.start) + s.slice(p.end), t.text)));
  return { kept, blanked };
}

async function detectOutsidePlaceholders(
  deidentifier: Deidentifier | (() => Promise<Deidentifier>),
  texts: readonly ReviewerText[],
  kept: readonly { start: number; end: number }[][],
  blanked: readonly RawText[],
): Promise<{ spans: Finding[][]; aliases: { part: string; full: string }[] }> {
  // Asked for only when there is text: loading the NER model takes a moment.
  const detector = typeof deidentifier === 'function' ? await deidentifier() : deidentifier;
  const [detected] = await detector.detectCases([blanked]);
  return {
    spans: texts.map((t, i) => outsidePlaceholders(t.text, detected?.spans[i] ?? [], kept[i]!)),
    aliases: (detected?.aliases ?? []).map(({ part, full }) => ({ part, full })),
  };
}

/**
 * Reviewer text that belongs to no case (the rubric templates in the review settings): identifiers become
 * placeholders numbered within these texts, after any the texts already hold. A template is not evidence, so
 * the typed values are kept nowhere.
 */
export async function deidentifyCaselessText(
  deidentifier: Deidentifier | (() => Promise<Deidentifier>),
  texts: readonly ReviewerText[],
): Promise<SealedReviewerText> {
  const all = texts.filter((t) => t.text.trim().length > 0);
  // The product's default templates are not the reviewer's text; only what differs from them is scanned.
  const starts = vettedStarts(null, null);
  const regions = all.map((t) => typedRegion(t.text, starts(t.field)));
  const written = all.filter((_t, i) => regions[i]);
  if (written.length === 0) return { texts: [], replaced: [], counts: {} };
  const { kept, blanked } = blankPlaceholders(written);
  const detected = await detectOutsidePlaceholders(deidentifier, written, kept, blanked);
  detected.spans = detected.spans.map((spans, k) => {
    const region = regions[all.indexOf(written[k]!)]!;
    return spans.filter((f) => f.start < region.end && f.end > region.start);
  });
  const highest = new Map<string, number>();
  for (const t of written) for (const m of t.text.matchAll(PLACEHOLDER)) highest.set(m[1]!, Math.max(highest.get(m[1]!) ?? 0, Number(m[2])));
  const aliases = new Map(detected.aliases.map((a) => [normalizeValue(a.part), normalizeValue(a.full)]));
  const numbered = new Map<string, string>();
  const placeholderOf = (label: PiiLabel, value: string): string => {
    const norm = normalizeValue(value);
    const key = `${label}\u0000${(label === 'PERSON' && aliases.get(norm)) || norm}`;
    let placeholder = numbered.get(key);
    if (!placeholder) {
      const n = (highest.get(label) ?? 0) + 1;
      highest.set(label, n);
      placeholder = `[${label}_${n}]`;
      numbered.set(key, placeholder);
    }
    return placeholder;
  };
  return replaceSpans(written, detected.spans, (span, value) => ({ label: span.label, placeholder: placeholderOf(span.label, value) }));
}

/** The texts with each span replaced by the placeholder `assign` gives it (called in text order). */
function replaceSpans(
  texts: readonly ReviewerText[],
  spans: readonly Finding[][],
  assign: (span: Finding, value: string, text: number, index: number) => { label: PiiLabel; placeholder: string },
): SealedReviewerText {
  const replaced: ReplacedIdentifier[] = [];
  const counts: Partial<Record<PiiLabel, number>> = {};
  const out = texts.map((entry, i) => {
    let text = '';
    let last = 0;
    (spans[i] ?? []).forEach((span, j) => {
      const { label, placeholder } = assign(span, entry.text.slice(span.start, span.end), i, j);
      counts[label] = (counts[label] ?? 0) + 1;
      if (!replaced.some((r) => r.field === entry.field && r.placeholder === placeholder)) replaced.push({ field: entry.field, label, placeholder });
      text += entry.text.slice(last, span.start) + placeholder;
      last = span.end;
    });
    return { field: entry.field, text: text + entry.text.slice(last) };
  });
  return { texts: out, replaced, counts };
}

/** Highest number per label already used anywhere the case's placeholders live, so a new one never collides. */
function usedNumbers(db: Db, caseId: number, texts: readonly ReviewerText[]): Map<string, number> {
  const sources: string[] = [
    ...((db.prepare('SELECT placeholders_json FROM cases WHERE id = ?').pluck().all(caseId) as string[]) ?? []),
    ...(db.prepare('SELECT placeholder FROM vault_findings WHERE case_id = ?').pluck().all(caseId) as string[]),
    ...(db.prepare('SELECT draft_json FROM case_drafts WHERE case_id = ?').pluck().all(caseId) as string[]),
    ...(db
      .prepare("SELECT coalesce(task_text, '') || coalesce(expected, '') || rubric_json || augmentation_json FROM case_reviews WHERE case_id = ?")
      .pluck()
      .all(caseId) as string[]),
    ...(db.prepare("SELECT coalesce(expected, '') FROM cases WHERE id = ?").pluck().all(caseId) as string[]),
    ...texts.map((t) => t.text),
  ];
  const highest = new Map<string, number>();
  for (const source of sources) {
    for (const m of source.matchAll(PLACEHOLDER)) highest.set(m[1]!, Math.max(highest.get(m[1]!) ?? 0, Number(m[2])));
  }
  return highest;
}

/**
 * Replaces the scanned spans by placeholders numbered for the case, and keeps each new value in the vault. Call
 * it inside the transaction that stores the texts: numbering reads the vault as it is at that moment.
 */
export function sealReviewerText(db: Db, scan: ReviewerTextScan, reviewer: string): SealedReviewerText {
  const { caseId } = scan;
  caseExists(db, caseId);
  const known = knownValues(db, caseId);
  const byKey = new Map(known.map((k) => [`${k.label}\u0000${normalizeValue(k.original)}`, k.placeholder]));
  // The same value under another label keeps its first placeholder: one value, one stand-in per case.
  const byValue = new Map<string, { label: PiiLabel; placeholder: string }>();
  for (const k of known) if (!byValue.has(normalizeValue(k.original))) byValue.set(normalizeValue(k.original), k);
  const parts = knownParts(known);
  const aliases = new Map(scan.aliases.map((a) => [normalizeValue(a.part), normalizeValue(a.full)]));
  const highest = usedNumbers(db, caseId, scan.texts);
  const insert = db.prepare(
    'INSERT INTO vault_findings (case_id, field, start, end, label, placeholder, source, score, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );

  const placeholderFor = (span: Finding, value: string): { label: PiiLabel; placeholder: string; isNew: boolean } => {
    const norm = normalizeValue(value);
    const full = span.label === 'PERSON' ? aliases.get(norm) : undefined;
    for (const candidate of full ? [full, norm] : [norm]) {
      const exact = byKey.get(`${span.label}\u0000${candidate}`);
      if (exact) return { label: span.label, placeholder: exact, isNew: false };
      const other = byValue.get(candidate);
      if (other) return { ...other, isNew: false };
    }
    const part = span.label === 'PERSON' ? parts.get(value.trim()) : undefined;
    if (part) return { label: 'PERSON', placeholder: part, isNew: false };
    // A span a detector drew past a known value ("Tell Zebediah Thornquist") is that value: the whole span takes
    // its placeholder, so nothing typed is left in the clear and the case keeps one number per person.
    const inside = containedKnown(value, known);
    if (inside) return { label: inside.label, placeholder: inside.placeholder, isNew: false };
    const n = (highest.get(span.label) ?? 0) + 1;
    highest.set(span.label, n);
    return { label: span.label, placeholder: `[${span.label}_${n}]`, isNew: true };
  };

  // Full names first, so a part written before its name ("Zelda … Zelda Quill") still shares the name's number.
  const order = scan.spans.flatMap((spans, i) => spans.map((span, j) => ({ i, j, value: scan.texts[i]!.text.slice(span.start, span.end) })));
  order.sort((a, b) => Number(/\s/.test(b.value.trim())) - Number(/\s/.test(a.value.trim())));
  const assigned = scan.spans.map((spans) => spans.map(() => ({ label: 'PERSON' as PiiLabel, placeholder: '' })));
  for (const { i, j, value } of order) {
    const span = scan.spans[i]![j]!;
    const { label, placeholder, isNew } = placeholderFor(span, value);
    if (isNew) {
      insert.run(caseId, REVIEWER_TEXT_FIELD, span.start, span.end, label, placeholder, `reviewer-text:${reviewer}`, span.score, value);
      const norm = normalizeValue(value);
      byKey.set(`${label}\u0000${norm}`, placeholder);
      if (!byValue.has(norm)) byValue.set(norm, { label, placeholder });
    }
    assigned[i]![j] = { label, placeholder };
  }

  return replaceSpans(scan.texts, scan.spans, (_span, _value, i, j) => assigned[i]![j]!);
}

/** Every reviewer-written text of a draft, by path; the category and checklist are choices, not text. */
export function draftTexts(draft: ReviewDraft): ReviewerText[] {
  const { augmentation: a } = draft;
  return [
    ...(draft.taskText !== null ? [{ field: 'taskText', text: draft.taskText }] : []),
    { field: 'expected', text: draft.expected },
    ...draft.rubric.flatMap((c, i) => [
      { field: `rubric.${i}.text`, text: c.text },
      { field: `rubric.${i}.met`, text: c.met },
      { field: `rubric.${i}.unmet`, text: c.unmet },
    ]),
    { field: 'augmentation.persona', text: a.persona },
    { field: 'augmentation.outputFormat', text: a.outputFormat },
    ...a.requiredSources.map((text, i) => ({ field: `augmentation.requiredSources.${i}`, text })),
    { field: 'augmentation.scope.temporal', text: a.scope.temporal },
    { field: 'augmentation.scope.comparative', text: a.scope.comparative },
    { field: 'augmentation.scope.geographic', text: a.scope.geographic },
  ];
}

/** The draft with the sealed texts put back in their places; fields not sealed keep their text. */
export function withDraftTexts(draft: ReviewDraft, texts: readonly ReviewerText[]): ReviewDraft {
  const by = new Map(texts.map((t) => [t.field, t.text]));
  const pick = (field: string, text: string) => by.get(field) ?? text;
  const { augmentation: a } = draft;
  return {
    ...draft,
    taskText: draft.taskText === null ? null : pick('taskText', draft.taskText),
    expected: pick('expected', draft.expected),
    rubric: draft.rubric.map((c, i) => ({ ...c, text: pick(`rubric.${i}.text`, c.text), met: pick(`rubric.${i}.met`, c.met), unmet: pick(`rubric.${i}.unmet`, c.unmet) })),
    augmentation: {
      persona: pick('augmentation.persona', a.persona),
      outputFormat: pick('augmentation.outputFormat', a.outputFormat),
      requiredSources: a.requiredSources.map((s, i) => pick(`augmentation.requiredSources.${i}`, s)),
      scope: {
        temporal: pick('augmentation.scope.temporal', a.scope.temporal),
        comparative: pick('augmentation.scope.comparative', a.scope.comparative),
        geographic: pick('augmentation.scope.geographic', a.scope.geographic),
      },
    },
  };
}

/** The audit entry's ids for a save that replaced something: the case (null: the templates), fields, counts by label. */
export function reviewerTextAuditIds(caseId: number | null, sealed: SealedReviewerText): Record<string, number | readonly string[]> {
  const total = Object.values(sealed.counts).reduce((n, c) => n + (c ?? 0), 0);
  return { ...(caseId === null ? {} : { case: caseId }), replaced: total, fields: [...new Set(sealed.replaced.map((r) => r.field))], ...sealed.counts };
}

/** A draft with its reviewer-written texts sealed, and what was replaced. */
export function sealDraft(db: Db, scan: ReviewerTextScan, reviewer: string, draft: ReviewDraft): SealedReviewerText & { draft: ReviewDraft } {
  const sealed = sealReviewerText(db, scan, reviewer);
  const next = withDraftTexts(draft, sealed.texts);
  // A placeholder can be longer than the value it stands for: a field at its limit may go over it.
  const checked = ReviewDraft.safeParse(next);
  if (!checked.success) {
    const field = checked.error.issues[0]?.path.join('.') ?? '(draft)';
    if (sealed.replaced.some((r) => r.field === field)) {
      throw new QuarryError(
        'reviewer-text-too-long',
        `Case ${scan.caseId}: ${field} is over its length limit once the identifiers in it are replaced by placeholders; shorten it and save again.`,
      );
    }
  }
  return { ...sealed, draft: next };
}

type Templates = Partial<Record<string, readonly { text: string; weight: number; met: string; unmet: string }[]>>;

/** The rubric templates' texts by path (`rubricTemplates.edge-case.0.met`). */
export function templateTexts(templates: Templates): ReviewerText[] {
  return Object.entries(templates).flatMap(([category, rubric]) =>
    (rubric ?? []).flatMap((c, i) => [
      { field: `rubricTemplates.${category}.${i}.text`, text: c.text },
      { field: `rubricTemplates.${category}.${i}.met`, text: c.met },
      { field: `rubricTemplates.${category}.${i}.unmet`, text: c.unmet },
    ]),
  );
}

/** The templates with the de-identified texts put back in their places (same categories, same criteria). */
export function withTemplateTexts<T extends Templates>(templates: T, texts: readonly ReviewerText[]): T {
  const by = new Map(texts.map((t) => [t.field, t.text]));
  return Object.fromEntries(
    Object.entries(templates).map(([category, rubric]) => [
      category,
      (rubric ?? []).map((c, i) => {
        const at = `rubricTemplates.${category}.${i}`;
        return { ...c, text: by.get(`${at}.text`) ?? c.text, met: by.get(`${at}.met`) ?? c.met, unmet: by.get(`${at}.unmet`) ?? c.unmet };
      }),
    ]),
  ) as unknown as T;
}
