import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QuarryError } from '../../errors.js';
import { isPiiLabel, PII_LABELS, type PiiLabel } from '../types.js';

/**
 * How a model's entity types become Quarry's labels. Quarry's own models use Quarry's names; a side-loaded
 * model (an ONNX export of a public NER model) brings its own (PER, LOC, ORG, MISC…), mapped by the optional
 * `quarry-labels.json` in its folder: `{ "PER": "PERSON", "MISC": null }`. `null` drops a type.
 */
export const LABEL_MAP_FILE = 'quarry-labels.json';

export type LabelMap = Readonly<Record<string, PiiLabel | null>>;

/** The names public NER models commonly use; a model's own file overrides them. */
const COMMON_NAMES: LabelMap = {
  PER: 'PERSON',
  PERSON: 'PERSON',
  LOC: 'LOCATION',
  LOCATION: 'LOCATION',
  GPE: 'LOCATION',
  ORG: 'ORGANIZATION',
  ORGANIZATION: 'ORGANIZATION',
  MISC: null,
};

/** Reads and checks a model folder's label map; errors name the file and the entry at fault. */
export function readLabelMap(modelDir: string): LabelMap {
  const file = join(modelDir, LABEL_MAP_FILE);
  if (!existsSync(file)) return COMMON_NAMES;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new QuarryError('label-map-invalid', `${file} is not valid JSON.`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new QuarryError('label-map-invalid', `${file} must be an object mapping the model's types to Quarry labels.`);
  }
  const map: Record<string, PiiLabel | null> = { ...COMMON_NAMES };
  for (const [type, label] of Object.entries(data)) {
    if (label !== null && !isPiiLabel(label)) {
      throw new QuarryError('label-map-invalid', `${file}: "${type}" maps to ${JSON.stringify(label)}, which is not one of ${PII_LABELS.join(', ')} or null.`);
    }
    map[type] = label;
  }
  return map;
}

/** The Quarry label for a model's entity type, or null when the type is not an identifier. */
export function mapEntityType(map: LabelMap, type: string): PiiLabel | null {
  if (Object.hasOwn(map, type)) return map[type] ?? null;
  return isPiiLabel(type) ? type : null;
}
