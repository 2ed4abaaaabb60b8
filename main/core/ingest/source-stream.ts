/**
 * Opens an input file as a text stream, gunzipping `.gz` (or any gzip-magic) input on the fly, and counts the
 * bytes read from disk, so progress is "compressed bytes of the file size" for gzip and plain bytes otherwise.
 * Nothing here holds more than the stream's own buffers, whatever the file's size.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { QuarryError } from '../errors.js';

export interface SourceStream {
  /** Decompressed bytes, to be decoded as UTF-8. */
  readonly stream: Readable;
  /** The file's size on disk. */
  readonly totalBytes: number;
  readonly gzip: boolean;
  /** Bytes read from disk so far (compressed bytes for gzip). */
  bytesRead(): number;
  close(): void;
}

/** Whether the file starts with the gzip magic bytes; the name does not decide, the content does. */
export function isGzipFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Stats the input and refuses anything but a readable regular file, naming it. */
export function checkInputFile(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    return stat.size;
  } catch (error) {
    throw new QuarryError('ingest-file-unreadable', `Cannot read ${file}: ${(error as Error).message}.`);
  }
}

export function openSource(file: string): SourceStream {
  const totalBytes = checkInputFile(file);
  const gzip = isGzipFile(file);
  const raw = createReadStream(file);
  let read = 0;
  raw.on('data', (chunk: Buffer | string) => {
    read += chunk.length;
  });
  let stream: Readable = raw;
  if (gzip) {
    const gunzip = createGunzip();
    raw.on('error', (error) => gunzip.destroy(error));
    gunzip.on('error', () => raw.destroy());
    stream = raw.pipe(gunzip);
  }
  return {
    stream,
    totalBytes,
    gzip,
    bytesRead: () => read,
    close: () => {
      raw.destroy();
      if (stream !== raw) stream.destroy();
    },
  };
}

/** A gzip stream that ends early or is corrupt, as a user-facing error naming the file. */
export function sourceError(file: string, error: unknown): QuarryError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_') || code === 'ERR_ZLIB') {
    return new QuarryError('ingest-gzip-corrupt', `${file} is not a complete gzip file (${code}); what was read before the damage is stored.`);
  }
  return new QuarryError('ingest-file-unreadable', `Cannot read ${file}: ${(error as Error).message}.`);
}
