/**
 * The log redactor (main/core/logging): each pattern it replaces, secrets registered at run time, errors
 * reduced to name/code/message/stack, length caps, the logger's levels, and the lint rule that keeps main-process
 * code from writing to the console directly.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { forgetSecret, formatError, log, MAX_FRAMES, MAX_MESSAGE, redactError, redactText, registerSecret, setLogSink, type LogLevel } from '../../main/core/logging/index.js';
import { REPO } from '../helpers.js';

const CASES: { what: string; text: string; secret: string; label?: string }[] = [
  { what: 'e-mail', text: 'reply sent to ana.gil@salud-canary.es today', secret: 'ana.gil@salud-canary.es', label: '[EMAIL]' },
  { what: 'phone', text: 'call her on +34 612 345 678 after nine', secret: '612 345 678', label: '[PHONE]' },
  { what: 'card (Luhn)', text: 'card 4111 1111 1111 1111 was declined', secret: '4111 1111 1111 1111', label: '[CREDIT_CARD]' },
  { what: 'US SSN', text: 'SSN 536-22-8416 on file', secret: '536-22-8416' },
  { what: 'IBAN', text: 'pay to DE89370400440532013000 now', secret: 'DE89370400440532013000', label: '[IBAN]' },
  { what: 'IP address', text: 'connection from 10.20.30.40 refused', secret: '10.20.30.40', label: '[IP_ADDRESS]' },
  { what: 'URL with credentials', text: 'fetch postgres://admin:hunter2pw@db.internal:5432/quarry failed', secret: 'hunter2pw' },
  { what: 'bearer token', text: 'header Authorization: Bearer abcDEF123456ghiJKL sent', secret: 'abcDEF123456ghiJKL' },
  { what: 'key=value secret', text: 'config api_key=Zq8vWm3L password: "tr0ub4dor"', secret: 'Zq8vWm3L' },
  { what: 'provider API key', text: 'used key sk-proj-4f9d2b7c1e0a5566aa for the call', secret: 'sk-proj-4f9d2b7c1e0a5566aa' },
  { what: 'AWS access key', text: 'AKIAIOSFODNN7EXAMPLE leaked', secret: 'AKIAIOSFODNN7EXAMPLE' },
  { what: 'long opaque token', text: 'session 9f8e7d6c5b4a39281706f5e4d3c2b1a0ffee was reused', secret: '9f8e7d6c5b4a39281706f5e4d3c2b1a0ffee' },
  { what: 'long digit run', text: 'medical record 004417982231 not found', secret: '004417982231' },
  { what: 'bare long digit run', text: 'value 7741 0098 2231 5 returned', secret: '7741 0098 2231 5', label: '[NUMBER]' },
  { what: 'name with a cue', text: 'the note was signed by Dr. Eulalia Marchetti yesterday', secret: 'Marchetti' },
];

for (const { what, text, secret, label } of CASES) {
  test(`redactText replaces a ${what}`, () => {
    assert.ok(text.includes(secret));
    const out = redactText(text);
    assert.equal(out.includes(secret), false, out);
    if (label) assert.ok(out.includes(label), out);
  });
}

test('ordinary diagnostics stay readable: paths, codes, counts and stack frames are kept', () => {
  const lines = [
    'quarry: Cannot read the passphrase file /tmp/ws/pass.txt: ENOENT.',
    "Electron's binary is not available here; opening Quarry in the Chromium shell (/usr/bin/chromium).",
    'at QuarryService.unlock (/work/main/main/api/quarry-service.ts:138:25)',
    'ingest: 8 ingested, 1 duplicates skipped, 2 quarantined (run 3)',
  ];
  for (const line of lines) assert.equal(redactText(line), line);
});

test('registered secrets and QUARRY_PASSPHRASE become [REDACTED]; forgotten ones are no longer known', (t) => {
  const before = process.env.QUARRY_PASSPHRASE;
  t.after(() => {
    if (before === undefined) delete process.env.QUARRY_PASSPHRASE;
    else process.env.QUARRY_PASSPHRASE = before;
    forgetSecret('test-pass');
    forgetSecret('test-key');
  });
  registerSecret('test-pass', 'plain words as passphrase');
  registerSecret('test-key', 'KeyNoShape!');
  process.env.QUARRY_PASSPHRASE = 'env side secret';
  const out = redactText('unlock with plain words as passphrase, key KeyNoShape!, env env side secret.');
  assert.equal(out, 'unlock with [REDACTED], key [REDACTED], env [REDACTED].');

  // A secret that contains another is replaced whole, not left half visible.
  registerSecret('test-key', 'plain words as passphrase and more');
  assert.equal(redactText('x plain words as passphrase and more y'), 'x [REDACTED] y');

  forgetSecret('test-pass');
  forgetSecret('test-key');
  delete process.env.QUARRY_PASSPHRASE;
  assert.equal(redactText('plain words as passphrase'), 'plain words as passphrase');
  // Too short to replace without blanking ordinary words: ignored.
  registerSecret('test-key', 'abc');
  assert.equal(redactText('abc'), 'abc');
});

test('an error keeps name, code, message and stack frames, all redacted; raw, record, field and cause are dropped', () => {
  const row = 'Eulalia Marchetti,eulalia@canary-mail.example,536-22-8416';
  const error = Object.assign(new Error(`Invalid Record Length on line 2: "${row}"`), {
    code: 'CSV_RECORD_INCONSISTENT_COLUMNS',
    raw: row,
    record: row.split(','),
    field: 'Marchetti',
    cause: new Error(row),
  });
  assert.ok(error.stack!.includes('eulalia@canary-mail.example'), 'V8 repeats the message in the stack');
  const reduced = redactError(error);
  assert.deepEqual(Object.keys(reduced).sort(), ['code', 'frames', 'message', 'name']);
  assert.equal(reduced.code, 'CSV_RECORD_INCONSISTENT_COLUMNS');
  assert.ok(reduced.frames.length > 0 && reduced.frames.length <= MAX_FRAMES);
  assert.ok(reduced.frames.every((f) => f.startsWith('at ')));
  const printed = formatError(error);
  assert.match(printed, /^Error \[CSV_RECORD_INCONSISTENT_COLUMNS\]: Invalid Record Length on line 2: "/);
  assert.match(printed, /\n {4}at .*log-redactor\.test\.ts:\d+:\d+/);
  for (const piece of ['Marchetti', 'eulalia@canary-mail.example', '536-22-8416']) assert.equal(printed.includes(piece), false, printed);
});

test('a JSON.parse error quoting its input is redacted', () => {
  let thrown: unknown;
  try {
    JSON.parse('{"note": "write to eulalia@canary-mail.example" oops}');
  } catch (error) {
    thrown = error;
  }
  assert.ok((thrown as Error).message.includes('eulalia@canary-mail.example') || (thrown as Error).message.includes('position'));
  assert.equal(formatError(thrown).includes('eulalia@canary-mail.example'), false);
  assert.match(formatError(thrown), /^SyntaxError: /);
});

test('non-Error values: strings are redacted, anything else is not shown', () => {
  assert.equal(formatError('failed for eulalia@canary-mail.example'), 'NonError: failed for [EMAIL]');
  assert.equal(formatError({ raw: 'Eulalia Marchetti' }), 'NonError: a thrown object value (not shown)');
  assert.equal(formatError(null), 'NonError: a thrown null value (not shown)');
});

test('long messages are cut and say so', () => {
  const out = redactText('word '.repeat(1000));
  assert.ok(out.length < MAX_MESSAGE + 60, String(out.length));
  assert.match(out, /… \[cut: 5000 characters in all\]$/);
  // Far longer input is not even scanned beyond twice the cap.
  assert.ok(redactText('x'.repeat(1_000_000)).length < MAX_MESSAGE + 60);
});

test('log writes info, warn and error through the redactor to its sink', (t) => {
  const lines: [LogLevel, string][] = [];
  const restore = setLogSink((level, line) => lines.push([level, line]));
  t.after(restore);
  log.info('opened for eulalia@canary-mail.example');
  log.warn('slow');
  log.error('handler failed:', new Error('bad row 536-22-8416'));
  restore();
  assert.deepEqual(lines.map(([level]) => level), ['info', 'warn', 'error']);
  assert.equal(lines[0]![1], 'opened for [EMAIL]');
  assert.equal(lines[1]![1], 'slow');
  assert.match(lines[2]![1], /^handler failed: Error: bad row \S+\n {4}at /);
  assert.equal(lines[2]![1].includes('536-22-8416'), false);
});

test('lint: main-process code may not write to the console except through main/core/logging; the CLI may print results', async () => {
  const eslint = new ESLint({ cwd: REPO });
  const rules = async (code: string, file: string) => {
    const [result] = await eslint.lintText(code, { filePath: `${REPO}/${file}` });
    return result!.messages.map((m) => m.ruleId);
  };
  assert.deepEqual(await rules("console.error('x');\n", 'main/api/handlers/example.ts'), ['no-console']);
  assert.deepEqual(await rules("console.log('x');\n", 'main/core/store/example.ts'), ['no-console']);
  assert.deepEqual(await rules("console.error('x');\n", 'main/cli/example.ts'), ['no-console']);
  assert.deepEqual(await rules("console.log('x');\n", 'main/cli/example.ts'), []);
  assert.deepEqual(await rules("console.error('x');\n", 'main/core/logging/example.ts'), []);
});

test('an uncaught error and an unhandled rejection are written redacted, and the process exits 1', () => {
  const logging = `${REPO}/main/core/logging/index.ts`;
  for (const fault of ["throw Object.assign(new Error('row eulalia@canary-mail.example'), { raw: 'Eulalia Marchetti' });", "void Promise.reject(new Error('row eulalia@canary-mail.example'));"]) {
    const script = `const { installCrashLogging } = await import(${JSON.stringify(logging)}); installCrashLogging('probe'); ${fault}`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    assert.equal(child.status, 1, child.stderr);
    assert.match(child.stderr, /^probe: unexpected failure: Error: row \[EMAIL\]\n/);
    assert.equal(`${child.stdout}${child.stderr}`.includes('eulalia@canary-mail.example'), false);
    assert.equal(`${child.stdout}${child.stderr}`.includes('Marchetti'), false);
  }
});
