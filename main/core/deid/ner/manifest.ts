/**
 * A model folder is trusted only if every file matches the sha256 its manifest.json records: the weights
 * decide what gets redacted, so a swapped or truncated file must stop the NER stage, not degrade it quietly.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize, sep } from 'node:path';

export interface ModelManifest {
  readonly id: string;
  /** Relative path (forward slashes) to sha256 hex. */
  readonly files: Readonly<Record<string, string>>;
  readonly labels: readonly string[];
  readonly eval?: unknown;
  /** How the model's scores become tags at run time (see ManifestDecoding); absent: plain argmax. */
  readonly decoding?: ManifestDecoding;
}

/**
 * Run-time decoding of a model's per-piece scores. `o_logit_shift` is subtracted from the O ("no entity") logit
 * before the best tag is taken: every piece leans towards an entity tag, trading precision for recall without
 * retraining. A model's manifest records the shift its evaluation chose, and in `languages` (ISO 639-3) the
 * languages it was chosen on: a text read as another language is decoded without it (ner/decoding.ts).
 */
export interface ManifestDecoding {
  readonly o_logit_shift?: number;
  readonly languages?: readonly string[];
}

/** The largest shift a manifest may ask for: beyond it the O tag would hardly ever win. */
export const MAX_O_LOGIT_SHIFT = 5;

export class ModelIntegrityError extends Error {
  constructor(
    message: string,
    /** The file at fault, relative to the model folder. */
    readonly file: string,
  ) {
    super(message);
    this.name = 'ModelIntegrityError';
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

function parseManifest(raw: string, where: string): ModelManifest {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new ModelIntegrityError(`${where} is not valid JSON (${(error as Error).message}).`, 'manifest.json');
  }
  const m = data as Partial<ModelManifest> | null;
  const files = m?.files;
  if (
    !m ||
    typeof m.id !== 'string' ||
    !files ||
    typeof files !== 'object' ||
    !Array.isArray(m.labels) ||
    Object.keys(files).length === 0
  ) {
    throw new ModelIntegrityError(`${where} lacks an id, a non-empty files map or labels.`, 'manifest.json');
  }
  if (m.decoding !== undefined) checkDecoding(m.decoding, where);
  for (const [path, hash] of Object.entries(files)) {
    if (typeof hash !== 'string' || !SHA256_HEX.test(hash)) {
      throw new ModelIntegrityError(`${where} gives no valid sha256 for "${path}".`, path);
    }
    const local = normalize(path);
    if (isAbsolute(path) || local.startsWith('..') || local.split(sep).includes('..')) {
      throw new ModelIntegrityError(`${where} names "${path}", which is outside the model folder.`, path);
    }
  }
  return m as ModelManifest;
}

function checkDecoding(decoding: unknown, where: string): void {
  const d = decoding as ManifestDecoding | null;
  if (typeof d !== 'object' || d === null || (d.o_logit_shift !== undefined && !isShift(d.o_logit_shift))) {
    throw new ModelIntegrityError(`${where}: decoding.o_logit_shift must be a number from -${MAX_O_LOGIT_SHIFT} to ${MAX_O_LOGIT_SHIFT}.`, 'manifest.json');
  }
  const languages = d.languages;
  if (languages !== undefined && (!Array.isArray(languages) || languages.length === 0 || !languages.every((code) => typeof code === 'string' && /^[a-z]{3}$/.test(code)))) {
    throw new ModelIntegrityError(`${where}: decoding.languages must list ISO 639-3 codes such as "eng".`, 'manifest.json');
  }
}

/** A usable O-logit shift: a finite number within ±MAX_O_LOGIT_SHIFT. */
export function isShift(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_O_LOGIT_SHIFT;
}

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Checks every file listed in `<modelDir>/manifest.json` against its sha256 and returns the manifest.
 * Throws ModelIntegrityError naming the first file that is missing or differs.
 */
export async function verifyModelFolder(modelDir: string): Promise<ModelManifest> {
  const manifestPath = join(modelDir, 'manifest.json');
  let raw: string;
  try {
    raw = await readFile(manifestPath, 'utf8');
  } catch {
    throw new ModelIntegrityError(
      `No NER model manifest at ${manifestPath}. Check the models folder setting, or restore the model folder.`,
      'manifest.json',
    );
  }
  const manifest = parseManifest(raw, manifestPath);
  for (const [file, expected] of Object.entries(manifest.files)) {
    const path = join(modelDir, ...file.split('/'));
    let actual: string;
    try {
      actual = await sha256File(path);
    } catch {
      throw new ModelIntegrityError(
        `NER model file "${file}" is missing from ${modelDir}. Restore the model folder "${manifest.id}".`,
        file,
      );
    }
    if (actual !== expected) {
      throw new ModelIntegrityError(
        `NER model file "${file}" in ${modelDir} does not match its manifest (sha256 ${actual}, expected ` +
          `${expected}). The file was changed or damaged: restore the model folder "${manifest.id}".`,
        file,
      );
    }
  }
  return manifest;
}
