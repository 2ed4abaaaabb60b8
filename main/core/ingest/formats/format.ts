import type { RawInteraction } from '../interaction.js';

/** Why one record could not be read. `field` is a path into the record; the message never quotes its text. */
export class RecordError extends Error {
  constructor(
    readonly field: string,
    /** What is wrong, without the field: for an error passed on under another field name. */
    readonly reason: string,
  ) {
    super(field ? `field ${field}: ${reason}` : reason);
  }
}

/** An interaction and the line of the record it was read from (for provenance and quarantine). */
export interface LocatedInteraction {
  line: number;
  interaction: RawInteraction;
}

/** A record that only turned out to be unusable once the whole file was read (an orphan score, say). */
export interface LateProblem {
  line: number;
  error: RecordError;
}

/** One parsed line (or the whole file, when it is a single JSON document). */
export type JsonRecord = Record<string, unknown>;

/**
 * Reads the records of one file. Formats whose interactions span several records (a trace's spans, a
 * generation and its scores) hold those records until they are complete or `end`; everything else answers
 * record by record. `read` may also return earlier records' interactions and late problems as they complete.
 */
export interface RecordReader {
  /**
   * Called once before the first `read`, when present: a first pass over the file for what the reader must know
   * before any record can be completed (the Langfuse reader indexes the file's scores), holding no text.
   */
  prepare?(): Promise<void>;
  /** Throws `RecordError` naming the field at fault in this record. */
  read(record: JsonRecord, line: number): (LocatedInteraction | LateProblem)[];
  end(): (LocatedInteraction | LateProblem)[];
}

/** One log format Quarry can ingest. */
export interface LogFormat {
  readonly id: string;
  readonly label: string;
  /** Whether the first records of a file (the ones that parsed) look like this format. */
  detect(sample: readonly JsonRecord[]): boolean;
  /** `source.file` is the file being read, for formats that join a file beside it (OTLP logs beside traces). */
  open(source?: { file: string }): RecordReader;
}

/** A reader for formats where each record stands alone. */
export function recordByRecord(read: (record: JsonRecord) => RawInteraction[]): () => RecordReader {
  return () => ({
    read: (record, line) => read(record).map((interaction) => ({ line, interaction })),
    end: () => [],
  });
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The first zod issue as a `RecordError`, its path prefixed with where the checked value sits in the record. */
export function issueError(issues: readonly { path: PropertyKey[]; message: string }[], prefix = ''): RecordError {
  const issue = issues[0]!;
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return new RecordError(path || '(record)', issue.message);
}
