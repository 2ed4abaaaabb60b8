import { QuarryError } from '../errors.js';
import { normalizeValue } from '../deid/operators/placeholder.js';
import { isPiiLabel, PII_LABELS } from '../deid/types.js';
import { findWholeWords } from '../deid/word-search.js';
import type { Db } from '../store/database.js';
import { writeFileAtomic } from '../store/workspace.js';

/**
 * A span the de-identifier missed, reported by a reviewer: it is replaced in the stored de-identified text by a
 * placeholder of the chosen type (the next free number, or the case's existing placeholder for the same value),
 * together with every other whole-word occurrence of the same text in the case. The real value goes to the vault
 * only (`vault_findings`, source `reviewer:<name>`), so export profiles can render it like any other finding.
 *
 * The miss record keeps ids, offsets, the label and de-identified context in which the span already shows as its
 * placeholder. That is what `quarry deid misses export` writes: a regression case for the de-identifier that
 * carries no raw text. The original value never leaves the vault; whoever needs it to rebuild a labelled example
 * must do so inside the workspace.
 */
const PLACEHOLDER = /\[([A-Z][A-Z_]*)_(\d+)\]/g;
const CONTEXT = 80;

export interface MissReport {
  caseId: number;
  /** Index into the case's text fields: the request messages in order, then the response. */
  field: number;
  start: number;
  end: number;
  label: string;
  reviewer: string;
}

export interface MissResult {
  missId: number;
  placeholder: string;
  /** How many places in the case were replaced, the reported span included. */
  occurrences: number;
}

interface StoredMessage {
  role: string;
  content: string;
}
interface StoredBody {
  messages: StoredMessage[];
  response: StoredMessage | null;
  preview: string;
}

function fieldsOf(body: StoredBody): string[] {
  return [...body.messages.map((m) => m.content), ...(body.response ? [body.response.content] : [])];
}

/** The same preview ingest builds: the first user message, whitespace folded, 200 characters. */
function previewOf(body: StoredBody, texts: string[]): string {
  const index = body.messages.findIndex((m) => m.role === 'user');
  return (texts[index >= 0 ? index : 0] ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
}

function placeholderSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

interface VaultOccurrence {
  field: number;
  start: number;
  end: number;
  label: string;
  placeholder: string;
  original: string;
}

/** Where a position in the de-identified field text lies in the raw text, given the field's vault findings. */
function rawOffset(position: number, findings: readonly VaultOccurrence[]): number {
  let drift = 0;
  for (const f of findings) {
    const at = f.start + drift;
    if (at >= position) break;
    drift += f.placeholder.length - (f.end - f.start);
  }
  return position - drift;
}

function rawFields(db: Db, caseId: number): string[] | null {
  const row = db.prepare('SELECT * FROM vault_interactions WHERE id = ?').get(caseId) as { raw_json: string; purged_at?: string | null } | undefined;
  if (!row || row.purged_at) return null;
  try {
    const raw = JSON.parse(row.raw_json) as { messages?: { content?: unknown }[]; response?: { content?: unknown } | null };
    if (!Array.isArray(raw.messages)) return null;
    const texts = [...raw.messages.map((m) => m.content), ...(raw.response ? [raw.response.content] : [])];
    return texts.every((t) => typeof t === 'string') ? (texts as string[]) : null;
  } catch {
    return null;
  }
}

function nextPlaceholder(label: string, known: readonly string[]): string {
  let max = 0;
  for (const placeholder of known) {
    const match = /^\[([A-Z_]+)_(\d+)\]$/.exec(placeholder);
    if (match && match[1] === label) max = Math.max(max, Number(match[2]));
  }
  return `[${label}_${max + 1}]`;
}

export function reportMissedPii(db: Db, report: MissReport): MissResult {
  const { caseId, field, label, reviewer } = report;
  if (!isPiiLabel(label)) throw new QuarryError('unknown-label', `"${label}" is not an entity type (${PII_LABELS.join(', ')}).`);
  return db.transaction(() => {
    const row = db.prepare('SELECT redacted_json, placeholders_json FROM cases WHERE id = ?').get(caseId) as
      | { redacted_json: string; placeholders_json: string }
      | undefined;
    if (!row) throw new QuarryError('case-not-found', `Case ${caseId} does not exist in this workspace.`);
    const body = JSON.parse(row.redacted_json) as StoredBody;
    const texts = fieldsOf(body);
    const text = texts[field];
    if (text === undefined) throw new QuarryError('invalid-span', `Case ${caseId} has no message ${field + 1}.`);
    let { start, end } = report;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end)) {
      throw new QuarryError('invalid-span', `Case ${caseId}, message ${field + 1}: the selection ${start}–${end} is outside the text.`);
    }
    while (start < end && /\s/.test(text[start]!)) start += 1;
    while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
    if (start === end) throw new QuarryError('invalid-span', `Case ${caseId}, message ${field + 1}: the selection is only white space.`);
    if (placeholderSpans(text).some((p) => overlaps(p, { start, end }))) {
      throw new QuarryError('invalid-span', `Case ${caseId}, message ${field + 1}: the selection overlaps a placeholder; select only the missed text.`);
    }
    const value = text.slice(start, end);

    const findings = db
      .prepare('SELECT field, start, "end", label, placeholder, original FROM vault_findings WHERE case_id = ? ORDER BY field, start')
      .all(caseId) as VaultOccurrence[];
    const placeholders = JSON.parse(row.placeholders_json) as { placeholder: string; label: string }[];
    const sameValue = findings.find((f) => f.label === label && normalizeValue(f.original) === normalizeValue(value));
    const placeholder =
      sameValue?.placeholder ?? nextPlaceholder(label, [...placeholders.map((p) => p.placeholder), ...findings.map((f) => f.placeholder)]);

    // Every whole-word occurrence of the same text in the case, outside placeholders; the reported one always.
    const targets = texts.map((t, i) => {
      const taken = placeholderSpans(t);
      const found = findWholeWords(t, value, true).filter((o) => !taken.some((p) => overlaps(p, o)));
      if (i === field && !found.some((o) => o.start === start)) found.push({ start, end });
      return found.sort((a, b) => a.start - b.start);
    });

    const raw = rawFields(db, caseId);
    const insertFinding = db.prepare(
      'INSERT INTO vault_findings (case_id, field, start, end, label, placeholder, source, score, original) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)',
    );
    const newTexts = texts.map((t, i) => {
      const spans = targets[i]!;
      if (raw) {
        const fieldFindings = findings.filter((f) => f.field === i);
        for (const span of spans) {
          const rawStart = rawOffset(span.start, fieldFindings);
          // Only a span that lines up with the raw text goes to the vault; anything else would break exports.
          if (raw[i]?.slice(rawStart, rawStart + value.length) === value) {
            insertFinding.run(caseId, i, rawStart, rawStart + value.length, label, placeholder, `reviewer:${reviewer}`, value);
          }
        }
      }
      let out = t;
      for (const span of [...spans].reverse()) out = out.slice(0, span.start) + placeholder + out.slice(span.end);
      return out;
    });

    const messages = body.messages.map((m, i) => ({ ...m, content: newTexts[i]! }));
    const response = body.response ? { ...body.response, content: newTexts[body.messages.length]! } : null;
    const next = { ...body, messages, response, preview: '' };
    next.preview = previewOf(next, newTexts);
    if (!placeholders.some((p) => p.placeholder === placeholder)) placeholders.push({ placeholder, label });
    db.prepare('UPDATE cases SET redacted_json = ?, placeholders_json = ? WHERE id = ?').run(JSON.stringify(next), JSON.stringify(placeholders), caseId);

    // Where the reported span now sits: shifted by the replacements before it in the same field.
    const before = targets[field]!.filter((s) => s.start < start).length;
    const at = start + before * (placeholder.length - value.length);
    const updated = newTexts[field]!;
    const occurrences = targets.reduce((n, spans) => n + spans.length, 0);
    const missId = Number(
      db
        .prepare(
          `INSERT INTO deid_misses (case_id, field, start, end, label, placeholder, occurrences, reviewer, context_before, context_after, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          caseId,
          field,
          start,
          end,
          label,
          placeholder,
          occurrences,
          reviewer,
          updated.slice(Math.max(0, at - CONTEXT), at),
          updated.slice(at + placeholder.length, at + placeholder.length + CONTEXT),
          new Date().toISOString(),
        ).lastInsertRowid,
    );
    return { missId, placeholder, occurrences };
  })();
}

/** One line of the misses export: ids, offsets, the label and de-identified context; never the missed text. */
export interface MissExportLine {
  miss_id: number;
  case_id: number;
  run_id: number;
  record_id: string | null;
  field: number;
  start: number;
  end: number;
  label: string;
  placeholder: string;
  occurrences: number;
  reviewer: string;
  reported_at: string;
  context: { before: string; placeholder: string; after: string };
}

export function listMisses(db: Db): MissExportLine[] {
  const rows = db
    .prepare(
      `SELECT m.*, c.run_id, c.record_id FROM deid_misses m JOIN cases c ON c.id = m.case_id ORDER BY m.id`,
    )
    .all() as {
    id: number;
    case_id: number;
    run_id: number;
    record_id: string | null;
    field: number;
    start: number;
    end: number;
    label: string;
    placeholder: string;
    occurrences: number;
    reviewer: string;
    context_before: string;
    context_after: string;
    created_at: string;
  }[];
  return rows.map((r) => ({
    miss_id: r.id,
    case_id: r.case_id,
    run_id: r.run_id,
    record_id: r.record_id,
    field: r.field,
    start: r.start,
    end: r.end,
    label: r.label,
    placeholder: r.placeholder,
    occurrences: r.occurrences,
    reviewer: r.reviewer,
    reported_at: r.created_at,
    context: { before: r.context_before, placeholder: r.placeholder, after: r.context_after },
  }));
}

/** Writes every recorded miss to `out` as JSONL (atomically); returns the miss ids written. */
export function exportMisses(db: Db, out: string): number[] {
  const lines = listMisses(db);
  writeFileAtomic(out, lines.map((l) => `${JSON.stringify(l)}\n`).join(''), 0o600);
  return lines.map((l) => l.miss_id);
}
