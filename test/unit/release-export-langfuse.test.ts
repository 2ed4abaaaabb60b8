/**
 * The Langfuse export against @langfuse/core's own request types (vendored excerpt, see
 * test/fixtures/consumer-schemas/README.md): a type-level check compiled by tsc, and run-time checks of the
 * written lines against the same declarations' fields and documented limits.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { writeReleaseExport } from '../../main/core/releases/exports/index.js';
import {
  LANGFUSE_ID_MAX,
  langfuseItemId,
  type LangfuseDataset,
  type LangfuseDatasetItem,
} from '../../main/core/releases/exports/langfuse.js';
import type { CreateDatasetItemRequest, CreateDatasetRequest, DatasetStatus } from '../fixtures/consumer-schemas/langfuse-core-5.11.1/dataset-requests.js';
import { tempDir } from '../helpers.js';
import { parseJsonl, readTree, sampleCases, sampleSnapshot, snapshotOf } from './release-export-snapshot.js';

// Type-level: what the exporter writes is a request body Langfuse's SDK accepts.
const asItem = (item: LangfuseDatasetItem): CreateDatasetItemRequest => item;
const asDataset = (dataset: LangfuseDataset): CreateDatasetRequest => dataset;

/** The request's fields; the type below fails to compile if the list and the declaration differ. */
const ITEM_FIELDS = ['datasetName', 'input', 'expectedOutput', 'metadata', 'sourceTraceId', 'sourceObservationId', 'id', 'status'] as const;
type Unlisted = Exclude<keyof CreateDatasetItemRequest, (typeof ITEM_FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : never = true;
const STATUSES: DatasetStatus[] = ['ACTIVE', 'ARCHIVED'];

function exported(t: Parameters<typeof tempDir>[0], snapshot = sampleSnapshot()) {
  const out = tempDir(t);
  writeReleaseExport(snapshot, 'langfuse', out);
  const tree = readTree(out);
  return { snapshot, dataset: JSON.parse(tree.get('dataset.json')!) as LangfuseDataset, items: parseJsonl(tree.get('dataset-items.jsonl')!) as LangfuseDatasetItem[] };
}

test('every line is a CreateDatasetItemRequest for the eval set\'s dataset, with ids Langfuse accepts', (t) => {
  assert.ok(everyFieldListed);
  const { snapshot, dataset, items } = exported(t);
  assert.equal(items.length, snapshot.cases.length);
  const validateInput = new Ajv({ strict: true }).compile(dataset.inputSchema);
  for (const item of items) {
    const request = asItem(item);
    for (const key of Object.keys(request)) assert.ok((ITEM_FIELDS as readonly string[]).includes(key), `${key} is a CreateDatasetItemRequest field`);
    assert.equal(request.datasetName, dataset.name);
    assert.ok(request.id && request.id.length <= LANGFUSE_ID_MAX);
    assert.ok(STATUSES.includes(request.status!));
    assert.ok(validateInput(request.input), `input satisfies the dataset's inputSchema: ${JSON.stringify(validateInput.errors)}`);
  }
  assert.equal(new Set(items.map((i) => i.id)).size, items.length, 'ids are unique');
  assert.deepEqual(items.map((i) => i.id), ['quarry:pharmacy-support:2', 'quarry:pharmacy-support:5', 'quarry:pharmacy-support:9']);
});

test('dataset.json is the CreateDatasetRequest that names the dataset after the eval set', (t) => {
  const { snapshot, dataset } = exported(t);
  const request = asDataset(dataset);
  assert.equal(request.name, 'pharmacy-support');
  assert.deepEqual(dataset.metadata, { source: 'quarry', release: 'pharmacy-support v3', version: 3, content_sha256: snapshot.manifest.content_sha256 });
});

test('input, expected output and metadata carry the case', (t) => {
  const { snapshot, items } = exported(t);
  const [full, regression, bare] = items;
  assert.equal(full!.input.task, snapshot.cases[0]!.task.final);
  assert.equal(full!.input.messages.at(-1)!.content, snapshot.cases[0]!.task.final);
  assert.equal(full!.expectedOutput, 'List the expiring prescriptions by date.');
  assert.deepEqual(full!.metadata.rubric, snapshot.cases[0]!.rubric);
  assert.equal(regression!.metadata.kind, 'regression');
  assert.equal('expectedOutput' in bare!, false, 'no expected output is sent when the reviewer wrote none');
  assert.equal(bare!.metadata.sha256, snapshot.cases[2]!.sha256);
});

test('a long eval set name still gives ids within Langfuse\'s 255 characters, stable and distinct per case', (t) => {
  const longName = 'x'.repeat(300);
  const { items } = exported(t, snapshotOf(sampleCases(), longName));
  for (const item of items) assert.ok(item.id.length <= LANGFUSE_ID_MAX, `${item.id.length} characters`);
  assert.equal(items[0]!.id, langfuseItemId(longName, 2));
  assert.notEqual(items[0]!.id, items[1]!.id);
  assert.notEqual(langfuseItemId(longName, 2), langfuseItemId(`${longName}y`, 2));
});
