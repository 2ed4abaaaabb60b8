import { resolve } from 'node:path';
import { QuarryError } from '../errors.js';
import type { Db } from '../store/database.js';
import { writeReleaseExport, type WrittenExport } from './exports/index.js';
import { getRelease, releaseSnapshot } from './release-store.js';
import { EXPORT_FORMATS, type ExportFormat } from './release-types.js';

/**
 * Exports an approved release in one format into `outDir` (the writers live in ./exports). A pending or rejected
 * release is refused: only what a second user approved leaves the workspace. `outDir` becomes the export folder,
 * all or nothing; an earlier export there is replaced only with `overwrite`. The caller audit-logs the result.
 */
export function exportRelease(db: Db, releaseId: number, format: string, outDir: string, options: { overwrite?: boolean } = {}): WrittenExport {
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new QuarryError('export-format', `There is no export format "${format}". Choose one of: ${EXPORT_FORMATS.join(', ')}.`);
  }
  const release = getRelease(db, releaseId);
  if (release.state !== 'approved') {
    throw new QuarryError(
      'release-not-approved',
      `${release.evalSet} v${release.version} is ${release.state}; only an approved release can be exported.`,
    );
  }
  if (outDir.includes('\0')) throw new QuarryError('export-dir', 'The output folder name contains a NUL character.');
  const snapshot = releaseSnapshot(db, releaseId);
  const dir = resolve(outDir);
  try {
    return writeReleaseExport(snapshot, format as ExportFormat, dir, options);
  } catch (error) {
    if (error instanceof QuarryError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new QuarryError('export-dir', `Cannot write the export into ${dir}: ${code}.`);
    throw error;
  }
}
