/**
 * The OTLP logs file written beside an OTLP traces file. Collectors export each signal to its own file (the file
 * exporter's `traces.jsonl` and `logs.jsonl`), and some GenAI instrumentations (the OpenTelemetry contrib OpenAI
 * one) put all message content in log records, not on spans: the trace readers join the two by trace and span id.
 *
 * Which file is the companion of `dir/NAME` (NAME without a trailing `.gz`): NAME with its last `traces` turned into
 * `logs` (`traces.jsonl` → `logs.jsonl`, `run.traces.json` → `run.logs.json`), else NAME with `.logs` before its
 * extension (`run.jsonl` → `run.logs.jsonl`); the first that exists wins.
 *
 * The companion is read lazily and synchronously, one export request (line) at a time, as the traces file
 * advances, so memory holds one line of it, whatever its size; its file is open only while it is being read, so an
 * ingest cancelled part way leaves no descriptor behind. A gzip companion (by its magic bytes, whatever its name) is
 * inflated as it is read, through SyncGunzip (a worker that closes the file when reading stops).
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { JsonRecord } from './format.js';
import { RecordError } from './format.js';
import { parseJsonLine } from './json-record.js';
import { GunzipError, SyncGunzip } from './sync-gunzip.js';

/** The longest companion line read; a longer one is skipped (and reported), never held. */
const MAX_LINE_BYTES = 32 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

/** The names a traces file's companion logs file may have, in the order they are tried. */
export function companionNames(tracesFile: string): string[] {
  const name = basename(tracesFile).replace(/\.gz$/i, '');
  const names: string[] = [];
  const at = name.lastIndexOf('traces');
  if (at >= 0) names.push(`${name.slice(0, at)}logs${name.slice(at + 'traces'.length)}`);
  const ext = extname(name);
  if (!/\.logs$/i.test(name.slice(0, name.length - ext.length))) names.push(`${name.slice(0, name.length - ext.length)}.logs${ext}`);
  return names.filter((n) => n !== name);
}

/** The companion logs file of `tracesFile`, or null when there is none beside it. */
export function findCompanionLogs(tracesFile: string): string | null {
  const dir = dirname(tracesFile);
  for (const name of companionNames(tracesFile)) {
    for (const candidate of [join(dir, name), join(dir, `${name}.gz`)]) {
      try {
        if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
      } catch {
        // Unreadable: as good as absent.
      }
    }
  }
  return null;
}

/** One parsed line of the companion, or why it could not be read. */
export interface CompanionLine {
  line: number;
  record?: JsonRecord;
  error?: RecordError;
}

/** A synchronous JSONL line reader over the companion file. */
export class CompanionLogs {
  readonly name: string;
  private fd: number | null = null;
  /** Bytes of the file read so far: reading resumes there after `release`. */
  private position = 0;
  private readonly buffer = Buffer.alloc(CHUNK_BYTES);
  private parts: Buffer[] = [];
  private size = 0;
  private tooLong = false;
  private lineNumber = 0;
  private pending: Buffer[] = [];
  private eof = false;
  /** The inflater of a gzip companion; null for a plain one (read with readSync at `position`). */
  private readonly gunzip: SyncGunzip | null;
  /** Why a gzip companion stopped early, reported once as the next line. */
  private damage: RecordError | null = null;

  private constructor(
    readonly file: string,
    gzip: boolean,
  ) {
    this.name = basename(file);
    this.gunzip = gzip ? new SyncGunzip(file) : null;
  }

  /** Opens the companion, plain or gzip (told by its first two bytes). */
  static open(file: string): CompanionLogs {
    let head = Buffer.alloc(2);
    const fd = openSync(file, 'r');
    try {
      head = head.subarray(0, readSync(fd, head, 0, 2, 0));
    } finally {
      closeSync(fd);
    }
    return new CompanionLogs(file, head.length === 2 && head[0] === 0x1f && head[1] === 0x8b);
  }

  /** The next non-empty line, parsed; null at the end of the file. */
  next(): CompanionLine | null {
    for (;;) {
      const raw = this.rawLine();
      if (raw === null) {
        const damage = this.damage;
        this.damage = null;
        return damage ? { line: this.lineNumber + 1, error: damage } : null;
      }
      if (raw.text === null) return { line: raw.line, error: new RecordError(`${this.name} line ${raw.line}`, 'line too long to join, skipped') };
      if (raw.text.trim() === '') continue;
      try {
        const record = parseJsonLine(raw.text);
        if (raw.invalidUtf8) return { line: raw.line, error: new RecordError(`${this.name} line ${raw.line}`, 'contains bytes that are not valid UTF-8 (re-export the file as UTF-8); its log records were not joined') };
        return { line: raw.line, record };
      } catch (error) {
        if (!(error instanceof RecordError)) throw error;
        return { line: raw.line, error: new RecordError(`${this.name} line ${raw.line}`, error.message) };
      }
    }
  }

  /** Closes the file until the next `next` (which reopens it where reading stopped; a gzip worker closes it itself). */
  release(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** The next physical line (null text when it was over the limit), or null at the end. */
  private rawLine(): { line: number; text: string | null; invalidUtf8: boolean } | null {
    for (;;) {
      const chunk = this.pending.shift();
      if (chunk) {
        const at = chunk.indexOf(0x0a);
        if (at === -1) {
          this.take(chunk);
          continue;
        }
        this.take(chunk.subarray(0, at));
        if (at + 1 < chunk.length) this.pending.unshift(chunk.subarray(at + 1));
        return this.finish();
      }
      if (this.eof) {
        if (this.size > 0 || this.tooLong) return this.finish();
        return null;
      }
      const read = this.readChunk();
      if (read === null) this.eof = true;
      else this.pending.push(read);
    }
  }

  /** The next bytes of the file (inflated for gzip), or null at its end (or where a damaged gzip stops). */
  private readChunk(): Buffer | null {
    if (this.gunzip) {
      try {
        return this.gunzip.read();
      } catch (error) {
        if (!(error instanceof GunzipError)) throw error;
        const why = error.code ? `${error.code}: ${error.message}` : error.message;
        this.damage = new RecordError(`${this.name} line ${this.lineNumber + 1}`, `not a complete gzip file (${why}); the log records after this point were not joined`);
        return null;
      }
    }
    this.fd ??= openSync(this.file, 'r');
    const read = readSync(this.fd, this.buffer, 0, CHUNK_BYTES, this.position);
    this.position += read;
    if (read === 0) {
      this.release();
      return null;
    }
    return Buffer.from(this.buffer.subarray(0, read));
  }

  private take(piece: Buffer): void {
    if (this.tooLong) return;
    if (this.size + piece.length > MAX_LINE_BYTES) {
      this.tooLong = true;
      this.parts = [];
      this.size = 0;
      return;
    }
    this.parts.push(piece);
    this.size += piece.length;
  }

  private finish(): { line: number; text: string | null; invalidUtf8: boolean } {
    this.lineNumber += 1;
    const tooLong = this.tooLong;
    const bytes = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.tooLong = false;
    if (tooLong) return { line: this.lineNumber, text: null, invalidUtf8: false };
    let text = bytes.toString('utf8');
    if (this.lineNumber === 1) text = text.replace(/^\uFEFF/, '');
    return { line: this.lineNumber, text: text.endsWith('\r') ? text.slice(0, -1) : text, invalidUtf8: !isUtf8(bytes) };
  }
}
