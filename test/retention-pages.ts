/**
 * Reads a workspace's SQLite files the way an attacker holding the key would: every page of quarry.db (free
 * pages included) and every frame of quarry.db-wal decrypted with AES-256-CBC as SQLCipher 4 lays them out
 * (4096-byte pages, 16-byte IV and 64-byte HMAC reserved at each page's end, page 1's first 16 bytes the salt),
 * plus the -shm file as it is. What it returns is every byte SQLite could ever read back, live or freed.
 */
import { createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { unwrapDataKey, WrappedKey } from '../main/core/store/keyring.js';

const PAGE = 4096;
const RESERVE = 80;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

export function workspaceDataKey(dir: string, passphrase: string): Buffer {
  const file = z.object({ wrappedKey: WrappedKey }).parse(JSON.parse(readFileSync(join(dir, 'workspace.json'), 'utf8')));
  return unwrapDataKey(file.wrappedKey, passphrase);
}

function decryptPage(key: Buffer, page: Buffer, pageNumber: number): Buffer {
  const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(pageNumber === 1 ? 16 : 0, PAGE - RESERVE)), decipher.final()]);
}

export interface DecryptedFiles {
  /** Decrypted pages of quarry.db, in file order, free pages included. */
  dbPages: Buffer[];
  /** Decrypted page images of every frame in quarry.db-wal, stale frames included. */
  walFrames: Buffer[];
  /** The raw bytes of every file (db, -wal, -shm), for a plaintext scan. */
  raw: Buffer[];
}

export function decryptWorkspaceFiles(dbFile: string, key: Buffer): DecryptedFiles {
  const db = readFileSync(dbFile);
  const dbPages: Buffer[] = [];
  for (let offset = 0; offset + PAGE <= db.length; offset += PAGE) dbPages.push(decryptPage(key, db.subarray(offset, offset + PAGE), offset / PAGE + 1));
  const walFrames: Buffer[] = [];
  const raw = [db];
  if (existsSync(`${dbFile}-wal`)) {
    const wal = readFileSync(`${dbFile}-wal`);
    raw.push(wal);
    for (let offset = WAL_HEADER; offset + FRAME_HEADER + PAGE <= wal.length; offset += FRAME_HEADER + PAGE) {
      const pageNumber = wal.readUInt32BE(offset);
      walFrames.push(decryptPage(key, wal.subarray(offset + FRAME_HEADER, offset + FRAME_HEADER + PAGE), pageNumber));
    }
  }
  if (existsSync(`${dbFile}-shm`)) raw.push(readFileSync(`${dbFile}-shm`));
  return { dbPages, walFrames, raw };
}

/** Where `needle` occurs (UTF-8 or UTF-16LE) in the decrypted pages and raw files; empty when nowhere. */
export function occurrences(files: DecryptedFiles, needle: string): string[] {
  const forms = [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')];
  const hits: string[] = [];
  const scan = (what: string, bytes: Buffer) => {
    if (forms.some((form) => bytes.includes(form))) hits.push(what);
  };
  files.dbPages.forEach((page, i) => scan(`quarry.db page ${i + 1}`, page));
  files.walFrames.forEach((page, i) => scan(`quarry.db-wal frame ${i + 1}`, page));
  files.raw.forEach((bytes, i) => scan(`raw file ${i}`, bytes));
  return hits;
}
