import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { QuarryError } from '../../errors.js';
import { EXPORT_FORMATS, type ExportFormat, type ExportResult, type ReleaseSnapshot } from '../release-types.js';
import { prettyJson, type ExportFile } from './case-views.js';
import { csvFiles } from './csv.js';
import { writeExportFolder } from './export-folder.js';
import { goldenJsonlFiles } from './golden-jsonl.js';
import { hfDatasetFiles } from './hf-dataset.js';
import { langfuseFiles } from './langfuse.js';
import { openAIEvalsFiles } from './openai-evals.js';
import { promptfooFiles } from './promptfoo.js';

/**
 * Writing a release in one of the export formats (one module each; FORMATS.md describes them all). Every format
 * is built from the release's frozen, de-identified cases only, so an export can hold no raw text, and every
 * folder also gets the release manifest as manifest.json. The folder is written all or nothing
 * (export-folder.ts): a crash leaves no export, the complete earlier one, or the complete new one.
 */

const FORMATTERS: Record<ExportFormat, (snapshot: ReleaseSnapshot) => ExportFile[]> = {
  'golden-jsonl': goldenJsonlFiles,
  'openai-evals': openAIEvalsFiles,
  promptfoo: promptfooFiles,
  langfuse: langfuseFiles,
  'hf-dataset': hfDatasetFiles,
  csv: csvFiles,
};

export const MANIFEST_FILE = 'manifest.json';

function isExportFormat(format: string): format is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(format);
}

/**
 * Refuses a snapshot whose cases are not the ones its manifest names (same ids, same order, same hashes) or
 * whose cases are out of case id order: an export must never carry a manifest that describes other content.
 */
export function checkSnapshot(snapshot: ReleaseSnapshot): void {
  const { manifest, cases } = snapshot;
  const name = `Release ${manifest?.eval_set ?? '?'} v${manifest?.version ?? '?'}`;
  const fail = (what: string) => {
    throw new QuarryError('release-snapshot-invalid', `${name} cannot be exported: ${what}.`);
  };
  if (manifest?.schema !== 'quarry.release/1') fail(`its manifest schema is ${JSON.stringify(manifest?.schema)}, expected "quarry.release/1"`);
  if (!Array.isArray(cases)) fail('it has no case list');
  if (manifest.content_hashes.length !== cases.length) {
    fail(`the manifest lists ${manifest.content_hashes.length} cases but the snapshot holds ${cases.length}`);
  }
  cases.forEach((c, i) => {
    const listed = manifest.content_hashes[i]!;
    if (i > 0 && c.case_id <= cases[i - 1]!.case_id) fail(`case ${c.case_id} (position ${i + 1}) is out of case id order`);
    if (listed.case_id !== c.case_id) fail(`position ${i + 1} is case ${c.case_id} but the manifest lists case ${listed.case_id}`);
    if (listed.sha256 !== c.sha256) fail(`case ${c.case_id}'s sha256 differs from the manifest's`);
  });
}

/** What an export wrote, and whether it replaced an earlier export in the same folder. */
export type WrittenExport = ExportResult & { replaced: boolean };

/**
 * Writes the release in `format` as the folder `outDir` (its parents created if missing): the format's files and
 * manifest.json. An earlier export there is refused (`export-exists`) unless `overwrite`, and then swapped whole;
 * a folder holding anything but an export is never touched (`export-dir-not-export`).
 */
export function writeReleaseExport(snapshot: ReleaseSnapshot, format: ExportFormat, outDir: string, options: { overwrite?: boolean } = {}): WrittenExport {
  if (!isExportFormat(format)) {
    throw new QuarryError('export-format-unknown', `Unknown export format ${JSON.stringify(format)}. Choose one of: ${EXPORT_FORMATS.join(', ')}.`);
  }
  checkSnapshot(snapshot);
  const dir = resolve(outDir);
  const files = [...FORMATTERS[format](snapshot), { path: MANIFEST_FILE, contents: prettyJson(snapshot.manifest) }];
  const { replaced } = writeExportFolder(dir, files, options);
  const written = files.map((file) => {
    const bytes = Buffer.from(file.contents, 'utf8');
    return { path: file.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  return { format, dir, files: written, replaced };
}

export { recoverExportFolder, targetState } from './export-folder.js';
export { EXPORT_FORMATS, type ExportFormat, type ExportResult } from '../release-types.js';
