/**
 * Property-based fuzzing of every bridge channel, through the real bridge and the real service on a real
 * encrypted workspace (patterns-only de-identifier, the example log ingested):
 * - input the contract refuses always comes back as `invalid-input` naming the field, never a throw, never
 *   `internal`, and changes nothing stored;
 * - input the contract accepts but that is hostile (huge, unicode, `..`, NUL, huge ids, far-off ISO times) gets a
 *   clear error or a proper answer, never `internal`; a refused call changes nothing but the audit log, whose chain
 *   still verifies. These inputs are built from each channel's own zod schema (test/zod-arbitrary.ts).
 * Every channel of the contract gets both halves (the session channels, which lock and unlock, last); a final test
 * checks the fuzzed channels are exactly the contract's and reports how many calls were generated.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { z } from 'zod';
import { CHANNELS, contract, type Channel } from '../../preload/api.js';
import { createBridge, type Bridge, type Envelope } from '../../main/api/bridge.js';
import { QuarryService } from '../../main/api/quarry-service.js';
import { verifyAuditChain } from '../../main/core/audit/audit-log.js';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import { unlockWorkspace, type Workspace } from '../../main/core/store/workspace.js';
import { EXAMPLE_LOG, MODELS_DIR } from '../helpers.js';
import { arbitraryFor } from '../zod-arbitrary.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

// A failure report then says what went wrong, not only which input.
fc.configureGlobal({ includeErrorInReport: true });
const RUNS = Number(process.env.QUARRY_FUZZ_RUNS ?? 100);
const PASSPHRASE = 'fuzz bridge passphrase';
const ORIGIN = 'app://quarry';
const SENDER = { url: `${ORIGIN}/index.html`, isMainFrame: true };
/** Channels that end or switch the session: fuzzing them would fuzz the lock screen, not the channel. */
const SESSION = new Set<string>(['workspace:lock', 'workspace:unlock']);

const root = mkdtempSync(join(tmpdir(), 'quarry-fuzz-bridge-'));
const workspaceDir = join(root, 'ws');
let service: QuarryService;
let bridge: Bridge;
let internal: unknown[] = [];
/** A second connection that sees what the service's connection commits (data_version, hashes). */
let observer: Workspace;
/** A third connection that keeps the state from before a call, in a read transaction, to compare with. */
let snapshotDb: Workspace;

before(async () => {
  service = new QuarryService({
    workspaceDir,
    browseStart: root,
    modelsDir: MODELS_DIR,
    createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true }),
  });
  service.unlock(PASSPHRASE, 'Fuzz Admin', 'reviewer:Fuzz Admin');
  bridge = createBridge(service.handlers, { appOrigin: ORIGIN, logError: (error) => internal.push(error) });
  const ingested = await bridge.invoke(SENDER, 'ingest:run', { path: EXAMPLE_LOG });
  assert.equal(ingested.ok, true, JSON.stringify(ingested));
  observer = unlockWorkspace(workspaceDir, PASSPHRASE);
  snapshotDb = unlockWorkspace(workspaceDir, PASSPHRASE);
});

after(async () => {
  observer?.close();
  snapshotDb?.close();
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

/** SQLite's data_version on the observer connection: it moves whenever another connection commits anything. */
function dataVersion(): number {
  return observer.db.pragma('data_version', { simple: true }) as number;
}

/**
 * The workspace's stored state apart from the audit log, as the observer connection sees it inside the read
 * transaction `snapshot` holds: a hash of every row of every table.
 */
function tableHashes(db: Workspace['db']): Map<string, string> {
  const hashes = new Map<string, string>();
  // The audit log and its signed checkpoints may grow on a refusal: refusals are audited.
  for (const table of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'audit\\_%' ESCAPE '\\' ORDER BY name").pluck().all() as string[]) {
    const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all();
    const json = JSON.stringify(rows, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v));
    hashes.set(table, createHash('sha256').update(json).digest('hex'));
  }
  return hashes;
}

/** The tables whose rows differ between two connections' views. */
function changedTables(a: Workspace['db'], b: Workspace['db']): string[] {
  const before = tableHashes(a);
  const after = tableHashes(b);
  return [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));
}

/**
 * Runs `call` while a second observer connection holds a read transaction on the state before it, and returns
 * the tables other than the audit log that changed. Hashing happens only when something was committed at all.
 */
async function changedBesidesAudit(call: () => Promise<void>): Promise<string[]> {
  const start = dataVersion();
  const snapshot = snapshotDb.db;
  snapshot.exec('BEGIN');
  try {
    snapshot.prepare('SELECT count(*) FROM sqlite_master').get();
    await call();
    if (dataVersion() === start) return [];
    return changedTables(snapshot, observer.db);
  } finally {
    snapshot.exec('COMMIT');
  }
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '..', '../../../../etc/passwd', '/', '\u0000', 'a\u0000b', '\u202e\u200b', '😀'.repeat(50), 'x'.repeat(70_000), '%2e%2e/%2e%2e', 'C:\\Windows\\..\\', '\\\\server\\share', '__proto__', 'constructor'),
);
const hostileNumber = fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 - 1, Number.MAX_SAFE_INTEGER + 2, 1e308, -0, 0.5));
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 3 }),
  ),
})).value;

interface ObjectSchema {
  shape?: Record<string, z.ZodType & { options?: readonly unknown[]; unwrap?: () => unknown }>;
}

/** The top-level field schemas of a channel's input object, so generated objects reach the field validators. */
function inputShape(channel: Channel): Record<string, z.ZodType> {
  return (contract[channel].input as unknown as ObjectSchema).shape ?? {};
}

/** Anything at all, or objects built from the channel's own field names with hostile values. */
function inputsFor(channel: Channel): fc.Arbitrary<unknown> {
  const keys = Object.keys(inputShape(channel));
  const own = keys.length ? fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })), hostileValue, { maxKeys: keys.length + 1 }) : fc.constant({});
  return fc.oneof(fc.jsonValue(), hostileValue, own, own);
}

/** Hostile values to try in fields; each field draws from the ones its own schema accepts. */
const POOL: unknown[] = [
  '', ' ', 'a', '..', '../../../../etc/passwd', '/', '/dev/zero', '/proc/self/environ', '\u0000', 'a\u0000b', '\u202e\u200b', '😀'.repeat(50),
  'x'.repeat(63), 'x'.repeat(199), 'x'.repeat(4096), 'x'.repeat(19_999), '%2e%2e/%2e%2e', 'C:\\Windows\\..\\', '__proto__', 'constructor',
  'openai-chat', 'placeholder', 'general-pii', 'no-such-thing', 'accepted', 'rejected', 'pending', 'allow', 'deny', 'admin', 'reviewer', 'auditor',
  0, 1, 2, 7, 8, 9, 365, 36_500, 2 ** 31, 2 ** 53 - 1, -1, 0.5, true, false, null, [], {},
  [1], [1, 2, 3], [2 ** 31], [9_999_999], ['..'], ['\u0000'],
];

/** Inputs the contract's schema describes, each field hostile within what it allows (some a refinement refuses). */
function validInputsFor(channel: Channel): fc.Arbitrary<unknown> {
  return arbitraryFor(contract[channel].input as z.ZodType, { pool: POOL, anything: hostileValue });
}

function isValid(channel: Channel, input: unknown): boolean {
  return (contract[channel].input as z.ZodType).safeParse(input ?? {}).success;
}

async function keepUnlocked(): Promise<void> {
  const status = await service.handlers['workspace:status']({});
  if (!status.unlocked) service.unlock(PASSPHRASE, 'Fuzz Admin', 'reviewer:Fuzz Admin');
}

/** Channels that start an ingest job, which goes on writing in the background after the call returns. */
const STARTS_JOB = new Set<string>(['ingest:start', 'ingest:resume']);

/**
 * Waits until the ingest job a call started has ended, so that its background commits are not taken for changes
 * made by a later call (or a later test) that was refused.
 */
async function jobEnded(started: { jobId: string }): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { state } = await service.handlers['ingest:progress']({ jobId: started.jobId });
    if (state !== 'starting' && state !== 'running') return;
    assert.ok(Date.now() < deadline, `ingest job ${started.jobId} is still ${state} after a minute`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Bugs this fuzzer found in other areas and that are not fixed yet: the channel's accepted half still runs in
 * full, but is reported as a TODO (with the bug) instead of failing the suite. Remove an entry once it is fixed.
 */
const KNOWN_FAILURES: Partial<Record<Channel, string>> = {};

/** Channels whose refused half, and whose accepted half, ran with inputs of that kind; and the calls made. */
const fuzzedRefused = new Set<string>();
const fuzzedAccepted = new Set<string>();
let calls = 0;

test('the fuzzer covers every channel in the contract, and its observers see commits', async () => {
  assert.ok(CHANNELS.length >= 10);
  for (const channel of CHANNELS) assert.ok(contract[channel].input, channel);
  // The checks below can fail: a committed change moves data_version and the table hash.
  const changed = await changedBesidesAudit(async () => {
    assert.equal((await bridge.invoke(SENDER, 'retention:setPeriod', { source: 'openai-chat', days: 3650 })).ok, true);
  });
  assert.deepEqual(changed, ['retention_policies']);
});

for (const channel of CHANNELS) {
  test(`${channel}: refused input is invalid-input naming the field, and changes nothing`, async () => {
    let exercised = 0;
    await fc.assert(
      fc.asyncProperty(inputsFor(channel), async (input) => {
        if (isValid(channel, input)) return;
        exercised += 1;
        calls += 1;
        const before = dataVersion();
        const envelope = await bridge.invoke(SENDER, channel, input);
        assert.equal(envelope.ok, false);
        const { error } = envelope as Extract<Envelope, { ok: false }>;
        assert.equal(error.code, 'invalid-input', `${channel}: ${error.code} ${error.message}`);
        assert.match(error.message, new RegExp(`^${channel}: field \\S+: .+`));
        assert.equal(dataVersion(), before, 'nothing was committed, not even to the audit log');
      }),
      { numRuns: RUNS },
    );
    assert.ok(exercised >= Math.min(5, RUNS / 10), `${channel}: enough refused inputs were tried (${exercised})`);
    fuzzedRefused.add(channel);
  });

  // The session channels end or switch the session: their accepted half runs last, below.
  if (!SESSION.has(channel)) acceptedHalf(channel);
}

/**
 * Accepted hostile input for `channel`: an answer or a clear error, never internal; a refusal changes nothing but
 * the audit log. At least a third of the generated inputs must pass the contract (the rest a refinement refuses).
 */
function acceptedHalf(channel: Channel): void {
  const known = KNOWN_FAILURES[channel];
  const name = `${channel}: accepted hostile input gets an answer or a clear error, never internal; a refusal changes nothing but the audit log`;
  test(name, known ? { todo: known } : {}, async () => {
    fuzzedAccepted.add(channel);
    internal = [];
    let exercised = 0;
    let generated = 0;
    await fc.assert(
      fc.asyncProperty(validInputsFor(channel), async (input) => {
        generated += 1;
        if (!isValid(channel, input)) return;
        exercised += 1;
        calls += 1;
        await keepUnlocked();
        let envelope: Envelope | undefined;
        const changed = await changedBesidesAudit(async () => {
          envelope = await bridge.invoke(SENDER, channel, input);
        });
        if (envelope!.ok) {
          if (STARTS_JOB.has(channel)) await jobEnded(envelope!.value as { jobId: string });
          return;
        }
        const { error } = envelope as Extract<Envelope, { ok: false }>;
        const shown = JSON.stringify(input).slice(0, 200);
        assert.notEqual(error.code, 'internal', `${channel} failed inside on ${shown}: ${internal.map((e) => (e as Error)?.stack ?? typeof e).join('\n')}`);
        assert.notEqual(error.code, 'invalid-input', `${channel}: the contract accepted ${shown}`);
        assert.ok(error.message.length > 10, 'the error says what happened');
        assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
        assert.deepEqual(changed, [], `${channel} refused (${error.code}) but changed stored data`);
      }),
      { numRuns: Math.round(RUNS / 2) },
    );
    assert.ok(exercised * 3 >= generated, `${channel}: only ${exercised} of ${generated} generated inputs passed the contract`);
    assert.deepEqual(internal, []);
  });
}

/**
 * The session channels' accepted half, on a workspace of their own without accounts (the fuzzing above may have
 * added accounts to the main one, which retires its shared passphrase): lock and unlock with hostile input get a
 * status or a clear error (wrong passphrase, then the sign-in back-off), never internal; nothing stored changes
 * but the audit log. Lock first: failed unlocks start the back-off, which would refuse re-unlocking between locks.
 */
for (const channel of ['workspace:lock', 'workspace:unlock'] as const) {
  test(`${channel}: accepted hostile input gets a status or a clear error, never internal; nothing stored changes but the audit log`, async (t) => {
    const dir = join(root, 'ws-session');
    const pass = 'session fuzz passphrase';
    const session = new QuarryService({ workspaceDir: dir, browseStart: root, modelsDir: MODELS_DIR, createDeidentifier: () => createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true }) });
    t.after(() => session.close());
    session.unlock(pass, 'Session Fuzz', 'reviewer:Session Fuzz');
    const sessionBridge = createBridge(session.handlers, { appOrigin: ORIGIN, logError: (error) => internal.push(error) });
    const watcher = unlockWorkspace(dir, pass);
    t.after(() => watcher.close());
    internal = [];
    let exercised = 0;
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(arbitraryFor(contract[channel].input as z.ZodType, { pool: [...POOL, pass], anything: hostileValue }), async (input) => {
        if (!isValid(channel, input)) return;
        exercised += 1;
        calls += 1;
        if (channel === 'workspace:lock' && !(await session.handlers['workspace:status']({})).unlocked) session.unlock(pass, 'Session Fuzz', 'reviewer:Session Fuzz');
        const before = tableHashes(watcher.db);
        const envelope = await sessionBridge.invoke(SENDER, channel, input);
        const changed = [...tableHashes(watcher.db)].filter(([table, hash]) => before.get(table) !== hash).map(([table]) => table);
        if (envelope.ok) {
          answered += 1;
          return;
        }
        const shown = JSON.stringify(input).slice(0, 200);
        assert.notEqual(envelope.error.code, 'internal', `${channel} failed inside on ${shown}`);
        assert.notEqual(envelope.error.code, 'invalid-input', `${channel}: the contract accepted ${shown}`);
        assert.match(envelope.error.code, /^(wrong-passphrase|rate-limited)$/, envelope.error.message);
        assert.doesNotMatch(envelope.error.message, /\n\s+at /, 'no stack trace');
        assert.deepEqual(changed, [], `${channel} refused (${envelope.error.code}) but changed stored data`);
      }),
      { numRuns: Math.round(RUNS / 2) },
    );
    assert.ok(exercised * 3 >= Math.round(RUNS / 2), `${channel}: ${exercised} accepted inputs tried`);
    if (channel === 'workspace:lock') assert.equal(answered, exercised, 'every lock answers with the status');
    assert.deepEqual(internal, []);
    fuzzedAccepted.add(channel);
  });
}

test('every channel in the contract was fuzzed with both refused and accepted input', (t) => {
  assert.deepEqual([...fuzzedRefused].sort(), [...CHANNELS].sort(), 'refused half');
  assert.deepEqual([...fuzzedAccepted].sort(), [...CHANNELS].sort(), 'accepted half');
  t.diagnostic(`${calls} bridge calls generated over ${CHANNELS.length} channels (${RUNS} refused + ${Math.round(RUNS / 2)} accepted runs per channel)`);
});

test('after all of it the workspace is intact and its audit chain verifies', async () => {
  await service.close();
  // The observer connection, opened before the fuzzing: accounts the fuzzer may have created change how the
  // workspace is unlocked, not what it holds.
  const db = observer.db;
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  assert.ok(verifyAuditChain(db).ok);
  assert.equal(db.prepare('SELECT count(*) FROM cases').pluck().get(), 8, 'every ingested case is still there');
});
