/**
 * Secrets never in logs: canaries (a passphrase, a name and e-mail in malformed records, an LLM API key, all of
 * them inside a thrown error's message, stack, properties and cause) are pushed through the CLI, spawned with
 * its stdout and stderr captured, and through createBridge with a throwing handler, with process output
 * captured. No canary may appear anywhere. Each part first shows the canaries do reach the output when the
 * error is printed without the redactor, so the scan can fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { createBridge, type Envelope, type Handlers } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { MODELS_DIR, REPO, tempDir } from '../helpers.js';
import { ALL_CANARIES, CANARY, faultError } from '../fixtures/log-canaries.js';

const FIXTURE = join(REPO, 'test', 'fixtures', 'log-canaries.ts');
const APP = 'app://quarry';
const trusted = { url: `${APP}/index.html`, isMainFrame: true };

function leaked(output: string): string[] {
  return ALL_CANARIES.filter((canary) => output.includes(canary));
}

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: REPO,
    env: { ...process.env, QUARRY_PASSPHRASE: CANARY.passphrase, QUARRY_ACCOUNT: '', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

const quarry = (args: string[], env?: Record<string, string>) => run([join(REPO, 'main', 'cli.ts'), ...args], env);

test('CLI: no canary in stdout or stderr, through malformed records, a wrong passphrase file and an unexpected error', (t) => {
  const dir = tempDir(t);
  const ws = ['--workspace', join(dir, 'ws')];
  const jsonl = join(dir, 'bad.jsonl');
  writeFileSync(
    jsonl,
    [
      JSON.stringify({ messages: [{ role: 'user', content: 'Is the clinic open today?' }, { role: 'assistant', content: 'Yes, until six.' }] }),
      `{"messages":[{"role":"user","content":"I am ${CANARY.name}, write to ${CANARY.email}"}, BROKEN`,
      `{"messages":[{"role":"user","content":"${CANARY.email}"}]}} trailing ${CANARY.name}`,
    ].join('\n'),
  );
  const csv = join(dir, 'bad.csv');
  writeFileSync(csv, `id,q,a\n1,"hello","hi"\n2,"${CANARY.name} ${CANARY.email}" x,"oops"\n3,"unterminated ${CANARY.name} ${CANARY.email}\n`);
  const profile = join(dir, 'profile.json');
  writeFileSync(profile, JSON.stringify({ name: 'helpdesk', kind: 'csv', mapping: { recordId: 'id', prompt: 'q', response: 'a' } }));
  const passFile = join(dir, 'pass.txt');
  writeFileSync(passFile, `${CANARY.filePassphrase}\n`);

  // Unredacted, the fault error shows every canary it holds: the scan below can see them.
  const unredacted = run([FIXTURE]);
  assert.notEqual(unredacted.status, 0);
  assert.deepEqual(leaked(unredacted.output).sort(), [CANARY.passphrase, CANARY.email, CANARY.name, CANARY.shapedApiKey].sort());

  const runs = [
    { what: 'ingest malformed JSONL', result: quarry(['ingest', jsonl, ...ws, '--patterns-only']), status: 0, shows: /2 quarantined/ },
    { what: 'save a CSV profile', result: quarry(['profiles', 'save', profile, ...ws]), status: 0, shows: /Saved source profile/ },
    { what: 'ingest malformed CSV', result: quarry(['ingest', csv, '--profile', 'helpdesk', ...ws, '--patterns-only']), status: 0, shows: /2 quarantined/ },
    { what: 'a canary typed as an option value', result: quarry(['ingest', jsonl, '--format', CANARY.shapedApiKey, ...ws]), status: 1, shows: /argument '\[REDACTED\]' is invalid/ },
    { what: 'wrong passphrase file', result: quarry(['ingest', 'runs', ...ws, '--passphrase-file', passFile]), status: 2, shows: /Wrong passphrase/ },
    {
      what: 'unexpected error after sign-in',
      result: run(['--import', FIXTURE, join(REPO, 'main', 'cli.ts'), 'ingest', 'runs', ...ws], { QUARRY_LOG_FAULT: '1' }),
      status: 1,
      shows: /quarry: unexpected failure: Error \[CSV_RECORD_INCONSISTENT_COLUMNS\]: Invalid Record Length/,
    },
  ];
  for (const { what, result, status, shows } of runs) {
    assert.equal(result.status, status, `${what}: exit status; output:\n${result.output}`);
    assert.match(result.output, shows, what);
    assert.deepEqual(leaked(result.output), [], `${what}: canaries in the output:\n${result.output}`);
  }
  // The redacted fault still says where it happened: stack frames are kept.
  assert.match(runs.at(-1)!.result.output, /\n {4}at QuarryService\.unlock \(.*quarry-service\.ts:\d+:\d+\)/);
});

test('bridge: a throwing handler is logged without the passphrase, API key, name, e-mail or raw record', async (t) => {
  const dir = tempDir(t);
  const service = new QuarryService({
    workspaceDir: join(dir, 'ws'),
    modelsDir: MODELS_DIR,
    createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true }),
  });
  t.after(() => service.close());
  const plain = createBridge(service.handlers, { appOrigin: APP });
  const ok = async (channel: string, input: unknown) => {
    const envelope = await plain.invoke(trusted, channel, input);
    assert.equal(envelope.ok, true, `${channel}: ${JSON.stringify(envelope)}`);
    return (envelope as { value: unknown }).value;
  };
  // Signing in registers the passphrase; saving the review settings registers the API key.
  await ok('workspace:unlock', { passphrase: CANARY.passphrase, reviewer: 'Ana' });
  const settings = (await ok('review:settings', {})) as { llm: Record<string, unknown> } & Record<string, unknown>;
  const { hasApiKey: _hasApiKey, ...llm } = settings.llm;
  await ok('review:saveSettings', { ...settings, llm: { ...llm, apiKey: CANARY.plainApiKey } });

  const throwing = (): never => {
    throw faultError([CANARY.passphrase, CANARY.plainApiKey]);
  };
  const handlers = { ...service.handlers, 'cases:get': throwing } as Handlers;

  // Printed as Node prints errors, the same failure holds every canary.
  const raw: unknown[] = [];
  await createBridge(handlers, { appOrigin: APP, logError: (error) => raw.push(error) }).invoke(trusted, 'cases:get', { id: 1 });
  assert.equal(raw.length, 1);
  assert.deepEqual(leaked(inspect(raw[0], { depth: 5 })).sort(), [CANARY.passphrase, CANARY.email, CANARY.name, CANARY.plainApiKey].sort());

  // Through the default logger, captured where it writes: process stdout and stderr.
  const captured: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const capture = (chunk: unknown): boolean => {
    captured.push(String(chunk));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  let envelope: Envelope;
  try {
    envelope = await createBridge(handlers, { appOrigin: APP }).invoke(trusted, 'cases:get', { id: 1 });
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
  }
  const output = captured.join('');
  assert.match(output, /\[quarry\] handler failed: Error \[CSV_RECORD_INCONSISTENT_COLUMNS\]: Invalid Record Length/);
  assert.match(output, /\[REDACTED\]/);
  assert.deepEqual(leaked(output), [], `canaries in the log:\n${output}`);
  assert.deepEqual(leaked(JSON.stringify(envelope)), []);
  assert.equal(!envelope.ok && envelope.error.code, 'internal');
});
