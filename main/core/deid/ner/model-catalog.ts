/**
 * The models a station has: Quarry's own, and any transformers.js-compatible token-classification model an
 * administrator side-loads (an ONNX export of a public NER model). Side-loading copies the folder in, records
 * how its entity types map to Quarry's labels, and writes the sha256 manifest that every later load checks.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { QuarryError } from '../../errors.js';
import { writeFileAtomic } from '../../store/workspace.js';
import { LABEL_MAP_FILE, mapEntityType, readLabelMap } from './label-map.js';
import { verifyModelFolder } from './manifest.js';

export interface CatalogModel {
  id: string;
  /** Quarry labels the model can produce, after its label map. */
  labels: string[];
  builtIn: boolean;
}

const BUILT_IN_PREFIX = 'quarry-ner-';
const REQUIRED_FILES = ['config.json', 'tokenizer.json', join('onnx', 'model.onnx')];
const MODEL_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;

function entityTypes(modelDir: string): string[] {
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as { id2label?: Record<string, string> };
  return [...new Set(Object.values(config.id2label ?? {}).map((tag) => tag.replace(/^[BIESLU]-/, '')).filter((t) => t !== 'O'))];
}

function quarryLabels(modelDir: string): string[] {
  const map = readLabelMap(modelDir);
  return [...new Set(entityTypes(modelDir).flatMap((type) => mapEntityType(map, type) ?? []))].sort();
}

export function listModels(modelsDir: string): CatalogModel[] {
  if (!existsSync(modelsDir)) return [];
  return readdirSync(modelsDir)
    .filter((id) => existsSync(join(modelsDir, id, 'manifest.json')) && existsSync(join(modelsDir, id, 'config.json')))
    .sort()
    .map((id) => ({ id, labels: quarryLabels(join(modelsDir, id)), builtIn: id.startsWith(BUILT_IN_PREFIX) }));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => path.split(sep).join('/'))
    .sort();
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Copies a model folder into `modelsDir/<id>`, with an optional label map, writes its manifest and verifies
 * the copy. Refuses a folder transformers.js cannot load, an existing id, and a label map that names no
 * Quarry label.
 */
export async function sideLoadModel(source: string, modelsDir: string, id: string, labelMapFile?: string): Promise<CatalogModel> {
  if (!MODEL_ID.test(id)) throw new QuarryError('model-id', `"${id}" is not a usable model id: use 2–64 lower-case letters, digits, '.', '_' or '-'.`);
  if (id.startsWith(BUILT_IN_PREFIX)) throw new QuarryError('model-id', `Ids starting with "${BUILT_IN_PREFIX}" are reserved for Quarry's own models.`);
  for (const file of REQUIRED_FILES) {
    if (!existsSync(join(source, file))) {
      throw new QuarryError('model-incomplete', `${source} has no ${file}; a token-classification model exported for transformers.js needs it.`);
    }
  }
  const target = join(modelsDir, id);
  if (existsSync(target)) throw new QuarryError('model-exists', `A model called "${id}" is already installed in ${modelsDir}.`);
  cpSync(source, target, { recursive: true, filter: (path) => relative(source, path) !== 'manifest.json' });
  try {
    if (labelMapFile) cpSync(labelMapFile, join(target, LABEL_MAP_FILE));
    const labels = quarryLabels(target);
    if (labels.length === 0) {
      throw new QuarryError(
        'model-labels',
        `None of the model's entity types (${entityTypes(target).join(', ')}) maps to a Quarry label; pass a label map.`,
      );
    }
    const files = Object.fromEntries(filesUnder(target).map((path) => [path, sha256(join(target, path))]));
    writeFileAtomic(join(target, 'manifest.json'), `${JSON.stringify({ id, files, labels, sideLoadedFrom: source }, null, 2)}\n`, 0o644);
    await verifyModelFolder(target);
    return { id, labels, builtIn: false };
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw error;
  }
}
