import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import type { R4Bundle } from '../../main/core/audit/audit-fhir.js';
import { appendAudit } from '../../main/core/audit/audit-log.js';
import { createSigningKey } from '../../main/core/audit/checkpoints.js';
import { writeAuditExport, type AuditExportFormat } from '../../main/core/audit/export-file.js';
import { keyFingerprint } from '../../main/core/audit/export-records.js';
import { verifyAuditExport } from '../../main/core/audit/verify-export.js';
import { migrate } from '../../main/core/store/migrate.js';
import { tempDir } from '../helpers.js';

const FORMATS: AuditExportFormat[] = ['jsonl', 'csv', 'fhir'];

/** 250 entries by three actors over a span of days, so filters and checkpoints (every 100) both have work. */
function log() {
  const db = new Database(':memory:');
  migrate(db);
  const publicKey = createSigningKey(db);
  const actors = [
    ['ana', 'reviewer'],
    ['ben', 'auditor'],
    ['cy', 'admin'],
  ] as const;
  for (let i = 1; i <= 250; i++) {
    const [actor, role] = actors[i % 3]!;
    const day = String(1 + Math.floor(i / 25)).padStart(2, '0');
    const action = i % 5 === 0 ? 'case.accept' : i % 7 === 0 ? 'access.denied' : 'case.view';
    appendAudit(db, {
      actor,
      role,
      source: 'ui',
      action,
      objectIds: { case: i, tags: ['a', 'b'] },
      outcome: action === 'access.denied' ? 'denied' : 'success',
      at: `2026-03-${day}T10:00:00.000Z`,
    });
  }
  return { db, publicKey };
}

function exportTo(t: TestContext, format: AuditExportFormat, filter = {}) {
  const { db, publicKey } = log();
  const file = join(tempDir(t), `audit.${format}`);
  const count = writeAuditExport(db, publicKey, filter, format, file);
  return { db, publicKey, file, count };
}

for (const format of FORMATS) {
  test(`${format}: a whole export verifies on its own`, (t) => {
    const { file, count, publicKey } = exportTo(t, format);
    assert.equal(count, 250);
    const verdict = verifyAuditExport(file);
    assert.equal(verdict.ok, true, verdict.reason ?? '');
    assert.equal(verdict.entries, 250);
    assert.equal(verdict.walked, 250);
    assert.equal(verdict.checkpoints, 3);
    assert.equal(verdict.keyFingerprint, keyFingerprint(publicKey));
  });

  test(`${format}: a filtered export carries only the matching entries, and the links to verify them`, (t) => {
    const filter = { from: '2026-03-05T00:00:00Z', to: '2026-03-07T23:59:59Z', actor: 'ana', type: 'case' };
    const { file, count } = exportTo(t, format, filter);
    const text = readFileSync(file, 'utf8');
    assert.ok(count > 0 && count < 50, `count ${count}`);
    const verdict = verifyAuditExport(file);
    assert.equal(verdict.ok, true, verdict.reason ?? '');
    assert.equal(verdict.entries, count);
    // From the checkpoint before the first match (#100) to the head: 150 positions, most of them links.
    assert.equal(verdict.walked, 150);
    assert.ok(!text.includes('"actor":"ben"') && !/,ben,/.test(text), 'entries outside the filter are not shown');
  });
}

test('jsonl: an altered, deleted, reordered or cut entry is named', (t) => {
  const { file } = exportTo(t, 'jsonl');
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const at = (seq: number) => lines.findIndex((l) => l.includes(`"type":"entry"`) && l.includes(`"seq":${seq},`));
  const check = (edited: string[], pattern: RegExp, seq: number | null) => {
    writeFileSync(file, `${edited.join('\n')}\n`);
    const verdict = verifyAuditExport(file);
    assert.equal(verdict.ok, false);
    assert.match(verdict.reason ?? '', pattern);
    if (seq !== null) assert.equal(verdict.firstBroken, seq);
  };
  check(lines.map((l, i) => (i === at(41) ? l.replace('"outcome":"success"', '"outcome":"failure"') : l)), /entry #41 was altered/, 41);
  check(lines.filter((_, i) => i !== at(41)), /entry #41 is missing/, 41);
  const swapped = [...lines];
  [swapped[at(41)], swapped[at(42)]] = [swapped[at(42)]!, swapped[at(41)]!];
  check(swapped, /entry #41 is missing \(next is #42\)|out of order/, null);
  check(lines.slice(0, at(230) + 1), /not covered by a signed checkpoint/, 201);
  check(lines.map((l) => (l.includes('"type":"checkpoint"') && l.includes('"seq":200,') ? l.replace(/"signature":"(.)/, (_, first: string) => `"signature":"${first === 'A' ? 'B' : 'A'}`) : l)), /#200 has an invalid signature/, 200);
});

test('csv: an altered cell is caught', (t) => {
  const { file } = exportTo(t, 'csv');
  writeFileSync(file, readFileSync(file, 'utf8').replace(',ana,reviewer,', ',ana,admin,'));
  const verdict = verifyAuditExport(file);
  assert.equal(verdict.ok, false);
  assert.match(verdict.reason ?? '', /was altered/);
});

test('fhir: a Bundle of R4 AuditEvents with codings, agent, observer and entities; readable fields are checked too', (t) => {
  const { file } = exportTo(t, 'fhir', { type: 'access.denied' });
  const bundle = JSON.parse(readFileSync(file, 'utf8')) as R4Bundle;
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'collection');
  assert.ok(bundle.entry.length > 0);
  for (const { resource } of bundle.entry) {
    assert.equal(resource.resourceType, 'AuditEvent');
    assert.deepEqual(resource.type, { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110113', display: 'Security Alert' });
    assert.equal(resource.subtype?.[0]?.code, 'access.denied');
    assert.match(resource.recorded, /^2026-03-/);
    assert.equal(resource.outcome, '8');
    assert.equal(resource.agent[0]?.requestor, true);
    assert.ok(resource.agent[0]?.who?.identifier?.value);
    assert.ok(resource.agent[0]?.role?.[0]?.text);
    assert.ok(resource.source.observer.display);
    assert.deepEqual(
      resource.entity?.map((e) => e.what?.identifier?.value),
      [String(JSON.parse(resource.extension![0]!.valueString!).seq), 'a', 'b'],
    );
  }
  assert.equal(verifyAuditExport(file).ok, true);
  bundle.entry[0]!.resource.agent[0]!.who!.display = 'someone else';
  writeFileSync(file, JSON.stringify(bundle));
  const verdict = verifyAuditExport(file);
  assert.equal(verdict.ok, false);
  assert.match(verdict.reason ?? '', /agent\.who was changed/);
});

test('a file that is not an export is refused with a clear message', (t) => {
  const file = join(tempDir(t), 'x.txt');
  writeFileSync(file, 'hello');
  assert.throws(() => verifyAuditExport(file), /not a readable Quarry audit export|not a Quarry audit export/);
  assert.throws(() => verifyAuditExport(join(tempDir(t), 'missing.jsonl')), /Cannot read .*ENOENT/);
});

test('a search term filters the export but is never written into it (typed text stays out of the record)', (t) => {
  const { file, count } = exportTo(t, 'jsonl', { search: 'Zebediah', outcome: 'denied' });
  assert.equal(count, 0);
  const text = readFileSync(file, 'utf8');
  assert.equal(text.includes('Zebediah'), false);
  assert.deepEqual(JSON.parse(text.split('\n')[0]!).filter, { search: true, outcome: 'denied' });
  assert.equal(verifyAuditExport(file).ok, true);
  const denied = exportTo(t, 'csv', { outcome: 'denied' });
  assert.ok(denied.count > 0);
  assert.equal(verifyAuditExport(denied.file).entries, denied.count);
});
