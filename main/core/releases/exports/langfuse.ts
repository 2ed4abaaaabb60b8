import { createHash } from 'node:crypto';
import type { ReleaseCase, ReleaseSnapshot } from '../release-types.js';
import { evalConversation, jsonLines, prettyJson, releaseName, type ChatMessage, type ExportFile } from './case-views.js';

/**
 * `langfuse`: Langfuse dataset items, one `CreateDatasetItemRequest` per line (the public API's
 * `POST /api/public/dataset-items` body, https://api.reference.langfuse.com, typed in @langfuse/core and sent by
 * `langfuse.api.datasetItems.create(item)` in @langfuse/client), plus the `CreateDatasetRequest`
 * (`POST /api/public/v2/datasets`) that creates the dataset first.
 *
 *   dataset.json         `{name, description, metadata, inputSchema}`: the dataset is named after the eval set
 *   dataset-items.jsonl  `{id, datasetName, input, expectedOutput, metadata, status}` per case, where
 *                        `input` is `{task, messages}` (the conversation with the final task as its last user
 *                        turn), `expectedOutput` the reviewer's expected behaviour (left out when none was
 *                        written), and `metadata` the case id, kind, category, rubric, slices, release and sha256.
 *
 * Items are upserted on `id`, which Langfuse requires to be unique in the project and at most 255 characters:
 * `quarry:<eval set>:<case id>`, so re-importing a later release updates the same items rather than
 * duplicating them (a case's frozen record does not change between releases).
 */

export type LangfuseDatasetItem = {
  id: string;
  datasetName: string;
  input: { task: string; messages: ChatMessage[] };
  expectedOutput?: string;
  metadata: {
    case_id: number;
    kind: ReleaseCase['kind'];
    category: string | null;
    rubric: ReleaseCase['rubric'];
    slices: ReleaseCase['slices'];
    release: string;
    sha256: string;
  };
  status: 'ACTIVE';
};

export type LangfuseDataset = {
  name: string;
  description: string;
  metadata: { source: 'quarry'; release: string; version: number; content_sha256: string };
  inputSchema: Record<string, unknown>;
};

/** Langfuse's limit on a dataset item id. */
export const LANGFUSE_ID_MAX = 255;

/** `quarry:<set>:<case>`, or with the set's sha256 in its place when a long set name would pass the limit. */
export function langfuseItemId(evalSet: string, caseId: number): string {
  const id = `quarry:${evalSet}:${caseId}`;
  if (id.length <= LANGFUSE_ID_MAX) return id;
  return `quarry:${createHash('sha256').update(evalSet).digest('hex')}:${caseId}`;
}

const INPUT_SCHEMA = {
  type: 'object',
  required: ['task', 'messages'],
  properties: {
    task: { type: 'string' },
    messages: {
      type: 'array',
      items: { type: 'object', required: ['role', 'content'], properties: { role: { type: 'string' }, content: { type: 'string' } } },
    },
  },
};

export function langfuseItem(c: ReleaseCase, evalSet: string, release: string): LangfuseDatasetItem {
  return {
    id: langfuseItemId(evalSet, c.case_id),
    datasetName: evalSet,
    input: { task: c.task.final, messages: evalConversation(c) },
    ...(c.expected_behaviour.trim() ? { expectedOutput: c.expected_behaviour } : {}),
    metadata: { case_id: c.case_id, kind: c.kind, category: c.category, rubric: c.rubric, slices: c.slices, release, sha256: c.sha256 },
    status: 'ACTIVE',
  };
}

export function langfuseFiles(snapshot: ReleaseSnapshot): ExportFile[] {
  const { manifest } = snapshot;
  const release = releaseName(manifest);
  const dataset: LangfuseDataset = {
    name: manifest.eval_set,
    description: `De-identified, human-reviewed evaluation cases from Quarry (${release}).`,
    metadata: { source: 'quarry', release, version: manifest.version, content_sha256: manifest.content_sha256 },
    inputSchema: INPUT_SCHEMA,
  };
  return [
    { path: 'dataset.json', contents: prettyJson(dataset) },
    { path: 'dataset-items.jsonl', contents: jsonLines(snapshot.cases.map((c) => langfuseItem(c, manifest.eval_set, release))) },
  ];
}
