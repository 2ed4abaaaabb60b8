import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { Augmentation, ChecklistItem } from '../../../preload/contract/review-actions.js';
import { Signals } from '../../../preload/schemas.js';
import type { Deidentifier } from '../deid/deidentifier.js';
import { QuarryError } from '../errors.js';
import type { GoldenCase } from '../review/golden-export.js';
import { Category, RubricCriterion } from '../review/rubric.js';
import type { Db } from '../store/database.js';
import { asRaw } from '../text.js';
import { sha256Hex } from './hashing.js';
import { protectPlaceholders } from './kept-placeholders.js';

/**
 * Importing an existing golden set: a JSONL file, one golden.jsonl record a line (the shape Quarry exports,
 * ./release-types.ts). `origin` and `sha256` of a Quarry release export are accepted and recomputed; `kind:
 * "regression"` is kept (a team's declared regressions stay regressions), otherwise the kind follows the signals.
 * Every line is validated first; any bad line is reported with its file, line and field, and then nothing is
 * stored. The file may hold personal data, so every text field of a record goes through the workspace's
 * de-identifier (one placeholder numbering per record, as ingest does) before anything is stored; the values it
 * replaced are dropped, not kept; placeholders the file already holds keep their numbers (./kept-placeholders.ts).
 * Imported cases belong to one eval set and join its next release.
 */

const Text = z.string().max(100_000);
const Message = z.object({ role: z.string().min(1).max(64), content: Text }).strict();
const Evaluation = z.object({ name: z.string().max(200), score: z.number().optional(), label: z.string().max(200).optional() }).strict();
const SliceValue = z.string().max(200).optional();

export const ImportedGoldenRecord = z
  .object({
    case_id: z.number().int().optional(),
    deid_profile: z.string().max(64).optional(),
    messages: z.array(Message).min(1).max(500),
    response: Message.nullable().default(null),
    expected_behaviour: Text,
    task: z
      .object({ original: Text, final: Text, augmentation: Augmentation.nullable().default(null) })
      .strict()
      .optional(),
    category: Category.nullable().default(null),
    rubric: z.array(RubricCriterion).max(30).default([]),
    checklist: z.partialRecord(ChecklistItem, z.boolean()).default({}),
    // The same signals the bridge carries, with imported evaluations bounded and checked field by field.
    signals: Signals.extend({ evaluations: z.array(Evaluation).max(100).optional() })
      .strict()
      .default({}),
    slices: z
      .object({ tier: SliceValue, intent: SliceValue, language: SliceValue, model: SliceValue, product_area: SliceValue })
      .strict()
      .default({}),
    provenance: z
      .object({
        run_id: z.number().int().optional(),
        source_file: z.string().max(4096).optional(),
        line: z.number().int().optional(),
        record_id: z.string().max(500).nullable().optional(),
        content_hash: z.string().max(200).optional(),
      })
      .strict()
      .optional(),
    review: z.object({ reviewer: z.string().max(200).nullable(), decided_at: z.string().max(64).nullable() }).strict().optional(),
    kind: z.enum(['golden', 'regression']).optional(),
    origin: z.enum(['review', 'import']).optional(),
    sha256: z.string().optional(),
  })
  .strict();
export type ImportedGoldenRecord = z.infer<typeof ImportedGoldenRecord>;

/** A bad line: where it is and what is wrong; never the line's text. */
export interface ImportIssue {
  file: string;
  line: number;
  field: string;
  message: string;
}

/** At most this many issues are reported; the first ones are enough to fix the file. */
const MAX_ISSUES = 100;
/** Records de-identified per call. */
const DEID_CHUNK = 32;
/** The largest file imported: it is read, validated and de-identified whole before anything is stored. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

export interface ParsedLine {
  line: number;
  hash: string;
  record: ImportedGoldenRecord;
}

function issuesOf(file: string, line: number, error: z.ZodError): ImportIssue[] {
  return error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = issue.path.map(String).join('.');
    if (keys.length > 0) return { file, line, field: keys.map((k) => (path ? `${path}.${k}` : k)).join(', '), message: 'unknown field' };
    return { file, line, field: path || '(record)', message: issue.message };
  });
}

/** Validates every line of the file; blank lines are skipped. */
export function parseGoldenJsonl(path: string): { lines: ParsedLine[]; issues: ImportIssue[] } {
  const file = basename(path);
  let text: string;
  try {
    // Only a regular file: a device (/dev/zero) or a pipe has no end to read to, and reading one would never end.
    const stat = statSync(path);
    if (!stat.isFile()) throw new QuarryError('import-file', `Cannot read ${path}: not a regular file.`);
    if (stat.size > MAX_IMPORT_BYTES) {
      throw new QuarryError('import-file', `Cannot import ${path}: it is over ${MAX_IMPORT_BYTES / (1024 * 1024)} MiB; split the golden set into smaller files.`);
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof QuarryError) throw error;
    throw new QuarryError('import-file', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
  }
  const lines: ParsedLine[] = [];
  const issues: ImportIssue[] = [];
  text.split('\n').forEach((raw, index) => {
    const body = raw.replace(/\r$/, '');
    if (body.trim() === '' || issues.length >= MAX_ISSUES) return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      issues.push({ file, line, field: '(line)', message: 'not valid JSON' });
      return;
    }
    const parsed = ImportedGoldenRecord.safeParse(value);
    if (parsed.success) lines.push({ line, hash: sha256Hex(body), record: parsed.data });
    else issues.push(...issuesOf(file, line, parsed.error).slice(0, MAX_ISSUES - issues.length));
  });
  if (lines.length === 0 && issues.length === 0) issues.push({ file, line: 1, field: '(file)', message: 'the file holds no records' });
  return { lines, issues };
}

/** The text fields of a record, in a fixed order, and how to put de-identified ones back. */
function textFields(r: ImportedGoldenRecord): { texts: string[]; rebuild: (out: string[]) => Omit<GoldenCase, 'case_id' | 'provenance'> } {
  const texts: string[] = [];
  const take = (text: string): number => texts.push(text) - 1;
  const messages = r.messages.map((m) => ({ role: m.role, at: take(m.content) }));
  const response = r.response ? { role: r.response.role, at: take(r.response.content) } : null;
  const expected = take(r.expected_behaviour);
  const userText = [...r.messages].reverse().find((m) => m.role === 'user')?.content ?? r.messages.at(-1)!.content;
  const original = take(r.task?.original ?? userText);
  const final = take(r.task?.final ?? r.task?.original ?? userText);
  const rubric = r.rubric.map((c) => ({ weight: c.weight, text: take(c.text), met: take(c.met), unmet: take(c.unmet) }));
  const aug = r.task?.augmentation ?? null;
  const augmentation = aug && {
    persona: take(aug.persona),
    outputFormat: take(aug.outputFormat),
    requiredSources: aug.requiredSources.map(take),
    scope: { temporal: take(aug.scope.temporal), comparative: take(aug.scope.comparative), geographic: take(aug.scope.geographic) },
  };
  const reviewer = r.review?.reviewer ? take(r.review.reviewer) : null;
  return {
    texts,
    rebuild: (out) => ({
      deid_profile: 'placeholder',
      messages: messages.map((m) => ({ role: m.role, content: out[m.at]! })) as GoldenCase['messages'],
      response: (response && { role: response.role, content: out[response.at]! }) as GoldenCase['response'],
      expected_behaviour: out[expected]!,
      task: {
        original: out[original]!,
        final: out[final]!,
        augmentation: augmentation && {
          persona: out[augmentation.persona]!,
          outputFormat: out[augmentation.outputFormat]!,
          requiredSources: augmentation.requiredSources.map((i) => out[i]!),
          scope: {
            temporal: out[augmentation.scope.temporal]!,
            comparative: out[augmentation.scope.comparative]!,
            geographic: out[augmentation.scope.geographic]!,
          },
        },
      },
      category: r.category,
      rubric: rubric.map((c) => ({ text: out[c.text]!, weight: c.weight, met: out[c.met]!, unmet: out[c.unmet]! })),
      checklist: r.checklist,
      signals: r.signals,
      slices: r.slices,
      review: { reviewer: reviewer === null ? null : out[reviewer]!, decided_at: r.review?.decided_at ?? null },
    }),
  };
}

/** An imported record as stored: a golden record, and `regression` when the file declared it one. */
export type ImportedRecord = GoldenCase & { declared_kind?: 'regression' };

/** A record ready to store: de-identified, its case id still to be given. */
export interface PreparedImport {
  file: string;
  line: number;
  hash: string;
  record: Omit<ImportedRecord, 'case_id'>;
}

export type ImportPreparation = { ok: true; file: string; records: PreparedImport[] } | { ok: false; issues: ImportIssue[] };

/** Validates the whole file, then de-identifies every record; stores nothing. */
export async function prepareGoldenImport(deidentifier: Deidentifier, path: string): Promise<ImportPreparation> {
  const { lines, issues } = parseGoldenJsonl(path);
  if (issues.length > 0) return { ok: false, issues };
  const file = basename(path);
  const records: PreparedImport[] = [];
  for (let i = 0; i < lines.length; i += DEID_CHUNK) {
    const chunk = lines.slice(i, i + DEID_CHUNK);
    const fields = chunk.map((l) => textFields(l.record));
    const protectedFields = fields.map((f) => protectPlaceholders(f.texts));
    const done = await deidentifier.deidentifyCases(protectedFields.map((p) => p.texts.map(asRaw)));
    chunk.forEach((l, j) => {
      const rebuilt = fields[j]!.rebuild(protectedFields[j]!.restore(done[j]!.texts));
      records.push({
        file,
        line: l.line,
        hash: l.hash,
        record: {
          ...rebuilt,
          provenance: { run_id: 0, source_file: file, line: l.line, record_id: null, content_hash: l.hash },
          ...(l.record.kind === 'regression' ? { declared_kind: 'regression' as const } : {}),
        },
      });
    });
  }
  return { ok: true, file, records };
}

/** First id of imported cases: above any workspace case id. */
export const IMPORTED_ID_BASE = 1_000_000_000;

/**
 * Stores prepared records into the set (call inside the transaction that audits it). A line whose content the set
 * already imported is skipped. Returns the new case ids and how many were skipped.
 */
export function storeGoldenImport(db: Db, evalSetId: number, prepared: readonly PreparedImport[], importedBy: string): { caseIds: number[]; duplicates: number } {
  const known = new Set(
    (db.prepare("SELECT record_json ->> '$.provenance.content_hash' FROM imported_cases WHERE eval_set_id = ?").pluck().all(evalSetId) as string[]),
  );
  let next = Math.max(IMPORTED_ID_BASE, (db.prepare('SELECT max(id) FROM imported_cases').pluck().get() as number | null) ?? 0) + 1;
  const insert = db.prepare('INSERT INTO imported_cases (id, eval_set_id, source_file, line, record_json, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const at = new Date().toISOString();
  const caseIds: number[] = [];
  let duplicates = 0;
  for (const p of prepared) {
    if (known.has(p.hash)) {
      duplicates += 1;
      continue;
    }
    known.add(p.hash);
    const id = next++;
    const record: ImportedRecord = { case_id: id, ...p.record };
    insert.run(id, evalSetId, p.file, p.line, JSON.stringify(record), at, importedBy);
    caseIds.push(id);
  }
  return { caseIds, duplicates };
}

/** The set's imported records, as stored (de-identified). */
export function importedRecords(db: Db, evalSetId: number): ImportedRecord[] {
  return (db.prepare('SELECT record_json FROM imported_cases WHERE eval_set_id = ? ORDER BY id').pluck().all(evalSetId) as string[]).map(
    (json) => JSON.parse(json) as ImportedRecord,
  );
}
