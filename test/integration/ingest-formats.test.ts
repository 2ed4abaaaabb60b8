import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { unlockWorkspace } from '../../main/core/store/workspace.js';
import type { Signals, Slices } from '../../preload/api.js';
import { FIXTURES } from '../fixtures/read-with-format.js';
import { MODELS_DIR, REPO, tempDir } from '../helpers.js';

const PASSPHRASE = 'formats passphrase';
/** The first ten trees of ../shared/datasets/production-logs/oasst1-en100-trees.jsonl (OpenAssistant, Apache-2.0). */
const OASST = join(FIXTURES, 'oasst1-en10-trees.jsonl');
const OTEL = join(FIXTURES, 'otel-genai-spans.jsonl');

let deidentifier: Deidentifier;
before(async () => {
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
});
after(async () => {
  await deidentifier.close();
});

function runFormats(dir: string): { format: string; ingested: number; quarantined: number }[] {
  const workspace = unlockWorkspace(dir, PASSPHRASE);
  const runs = workspace.db.prepare('SELECT format, ingested, quarantined FROM ingest_runs ORDER BY id').all() as { format: string; ingested: number; quarantined: number }[];
  workspace.close();
  return runs;
}

test('OpenAssistant trees: one case per assistant reply, ranks and clear votes as signals, language as a slice', async (t) => {
  const dir = join(tempDir(t), 'ws');
  const quarry = new QuarryService({ workspaceDir: dir, modelsDir: MODELS_DIR, createDeidentifier: async () => deidentifier });
  quarry.unlock(PASSPHRASE, 'ana', 'reviewer:ana');
  const result = await quarry.handlers['ingest:run']({ path: OASST });
  assert.deepEqual({ ingested: result.ingested, duplicates: result.duplicates, quarantined: result.quarantined }, { ingested: 60, duplicates: 0, quarantined: 0 });

  const cases = await quarry.handlers['cases:list']({});
  assert.equal(cases.length, 60);
  const signals: Signals[] = cases.map((c) => c.signals);
  const slices: Slices[] = cases.map((c) => c.slices);
  assert.equal(signals.filter((s) => s.rank !== undefined).length, 51);
  assert.equal(signals.filter((s) => s.rank === 0).length, 18);
  assert.equal(signals.filter((s) => s.thumbs === 'up').length, 24);
  assert.equal(signals.filter((s) => s.thumbs === 'down').length, 3);
  assert.ok(slices.every((s) => s.language === 'en'));
  assert.equal(slices.filter((s) => s.model === 'chip20b').length, 7);

  // A reply deep in a tree carries the whole conversation above it.
  const details = await Promise.all(cases.map((c) => quarry.handlers['cases:get']({ id: c.id })));
  assert.ok(details.some((d) => d.messages.length >= 3 && d.messages.at(-1)!.role === 'user' && d.response?.role === 'assistant'));
  assert.equal(details[0]!.provenance.line, 1);
  await quarry.close();
  assert.deepEqual(runFormats(dir), [{ format: 'oasst', ingested: 60, quarantined: 0 }]);
});

test('Langfuse and OpenInference exports ingest through the service, detected or named', async (t) => {
  const dir = join(tempDir(t), 'ws');
  const quarry = new QuarryService({ workspaceDir: dir, modelsDir: MODELS_DIR, createDeidentifier: async () => deidentifier });
  quarry.unlock(PASSPHRASE, 'ana', 'reviewer:ana');
  const langfuse = await quarry.handlers['ingest:run']({ path: join(FIXTURES, 'langfuse-export.jsonl') });
  assert.deepEqual([langfuse.ingested, langfuse.quarantined], [2, 2]);
  const openInference = await quarry.handlers['ingest:run']({ path: join(FIXTURES, 'openinference-spans.jsonl'), format: 'openinference' });
  assert.deepEqual([openInference.ingested, openInference.quarantined], [3, 1]);
  const cases = await quarry.handlers['cases:list']({});
  const card = await quarry.handlers['cases:get']({ id: cases.find((c) => c.slices.model === 'gpt-4o-mini')!.id });
  assert.doesNotMatch(JSON.stringify(card), /4111 1111 1111 1111/);
  assert.deepEqual(card.signals.evaluations, [
    { name: 'hallucination', score: 0, label: 'factual' },
    { name: 'user_feedback', score: 0 },
  ]);
  await quarry.close();
  assert.deepEqual(
    runFormats(dir).map((r) => r.format),
    ['langfuse', 'openinference'],
  );
});

test('a Langfuse trace download (one pretty-printed trace with nested observations and scores) ingests as it is', async (t) => {
  const dir = join(tempDir(t), 'ws');
  const quarry = new QuarryService({ workspaceDir: dir, modelsDir: MODELS_DIR, createDeidentifier: async () => deidentifier });
  quarry.unlock(PASSPHRASE, 'ana', 'reviewer:ana');
  const trace = await quarry.handlers['ingest:run']({ path: join(FIXTURES, 'langfuse-trace.json') });
  assert.deepEqual([trace.format, trace.ingested, trace.quarantined], ['langfuse', 2, 1]);
  assert.match(trace.quarantine[0]!.reason, /no generation with this id in the trace/);
  const cases = await quarry.handlers['cases:list']({});
  const draft = await quarry.handlers['cases:get']({ id: cases.find((c) => c.slices.model === 'gpt-4o')!.id });
  assert.doesNotMatch(JSON.stringify(draft), /555 0142/);
  assert.deepEqual(draft.signals.evaluations, [
    { name: 'faithfulness', score: 0.35 },
    { name: 'user-feedback', score: 0 },
  ]);
  await quarry.close();
});

function quarryCli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'main', 'cli.ts'), ...args], {
    cwd: REPO,
    env: { ...process.env, QUARRY_PASSPHRASE: PASSPHRASE },
    encoding: 'utf8',
  });
}

test('OTel GenAI traces through the CLI: detected, assembled, de-identified; --format overrides; unknown shapes refused', (t) => {
  const dir = join(tempDir(t), 'ws');
  const ingest = quarryCli(['ingest', OTEL, '--workspace', dir, '--patterns-only']);
  assert.equal(ingest.status, 0, ingest.stderr);
  assert.match(ingest.stdout, /otel-genai-spans\.jsonl: 5 ingested, 0 duplicates skipped, 2 quarantined/);
  assert.match(ingest.stdout, /quarantined line 7: field resourceSpans\.0\.scopeSpans\.0\.spans\.0\.attributes\[gen_ai\.input\.messages\]: not valid JSON/);
  assert.match(ingest.stdout, /quarantined line 6: field gen_ai\.input\.messages: no message content captured/);

  const single = quarryCli(['ingest', join(FIXTURES, 'otel-genai-single.json'), '--workspace', dir, '--patterns-only']);
  assert.equal(single.status, 0, single.stderr);
  assert.match(single.stdout, /1 ingested, 0 duplicates skipped, 0 quarantined/);

  const forced = quarryCli(['ingest', OTEL, '--workspace', dir, '--patterns-only', '--format', 'openai-chat']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stdout, /0 ingested, 0 duplicates skipped, 7 quarantined/);
  assert.match(forced.stdout, /quarantined line 1: field messages: missing/);

  const unknown = quarryCli(['ingest', join(FIXTURES, 'unknown-format.jsonl'), '--workspace', dir, '--patterns-only']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown-format\.jsonl does not look like any known log format\. Known formats: openinference .*openai-chat/);
  const badChoice = quarryCli(['ingest', OTEL, '--workspace', dir, '--format', 'csv']);
  assert.notEqual(badChoice.status, 0);
  assert.match(badChoice.stderr, /Allowed choices are openinference, otel-genai, langfuse, oasst, openai-chat/);

  assert.deepEqual(
    runFormats(dir).map((r) => [r.format, r.ingested, r.quarantined]),
    [
      ['otel-genai', 5, 2],
      ['otel-genai', 1, 0],
      ['openai-chat', 0, 7],
    ],
  );
  const workspace = unlockWorkspace(dir, PASSPHRASE);
  const rows = workspace.db.prepare('SELECT redacted_json, signals_json, slices_json FROM cases ORDER BY id').all() as Record<string, string>[];
  workspace.close();
  const redacted = JSON.stringify(rows);
  assert.doesNotMatch(redacted, /ophelia\.brightwater@examplemail\.com/);
  assert.match(redacted, /\[EMAIL_1\]/);
  const agent = rows.find((r) => JSON.parse(r.slices_json!).product_area === 'claims')!;
  assert.deepEqual(
    JSON.parse(agent.redacted_json!).messages.map((m: { role: string }) => m.role),
    ['user', 'assistant', 'tool'],
  );
  assert.deepEqual(JSON.parse(agent.signals_json!).evaluations, [{ name: 'Groundedness', score: 1 }]);
});
