/**
 * An empty input file (no bytes, only blank lines or a byte order mark, or an empty gzip) ingested with format
 * detection is refused with "the file is empty", naming it, before any run is recorded; not as an unknown format.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { createDeidentifier } from '../../main/core/deid/create-deidentifier.js';
import type { Deidentifier } from '../../main/core/deid/deidentifier.js';
import { QuarryError } from '../../main/core/errors.js';
import { ingestLogFile } from '../../main/core/ingest/ingest-file.js';
import { openOrCreateWorkspace } from '../../main/core/store/workspace.js';
import { MODELS_DIR, tempDir } from '../helpers.js';

let deidentifier: Deidentifier;
before(async () => {
  deidentifier = await createDeidentifier({ modelsDir: MODELS_DIR, patternsOnly: true });
});
after(async () => {
  await deidentifier.close();
});

test('an empty file is refused as empty, naming it, and records no run', async (t) => {
  const dir = tempDir(t);
  const { workspace } = openOrCreateWorkspace(join(dir, 'ws'), 'empty file passphrase');
  try {
    const files: [string, string | Buffer][] = [
      ['empty.jsonl', ''],
      ['blank-lines.jsonl', '\n  \n\r\n'],
      ['bom-only.jsonl', Buffer.from([0xef, 0xbb, 0xbf])],
      ['empty.jsonl.gz', gzipSync('')],
    ];
    for (const [name, content] of files) {
      const file = join(dir, name);
      writeFileSync(file, content);
      await assert.rejects(ingestLogFile(workspace.db, deidentifier, file), (error: unknown) => {
        assert.ok(error instanceof QuarryError);
        assert.equal(error.code, 'ingest-file-empty');
        assert.equal(error.message, `${name} is empty: it holds no records to ingest (was it exported completely?).`);
        return true;
      });
    }
    assert.equal(workspace.db.prepare('SELECT COUNT(*) FROM ingest_runs').pluck().get(), 0);
    // A file with only a broken line is not empty: the broken line's own reason says what and where.
    const broken = join(dir, 'broken.jsonl');
    writeFileSync(broken, '{"truncated": \n');
    await assert.rejects(ingestLogFile(workspace.db, deidentifier, broken), (error: unknown) => {
      assert.ok(error instanceof QuarryError);
      assert.equal(error.code, 'ingest-file-unreadable');
      assert.match(error.message, /^broken\.jsonl line 1: not valid JSON/);
      return true;
    });
    // A whole-array export that breaks before its first record: the same, with the position in the array.
    const array = join(dir, 'broken-array.json');
    writeFileSync(array, '[\n  {"messages": [}\n]\n');
    await assert.rejects(ingestLogFile(workspace.db, deidentifier, array), (error: unknown) => {
      assert.ok(error instanceof QuarryError);
      assert.equal(error.code, 'ingest-file-unreadable');
      assert.match(error.message, /^broken-array\.json line 2: /);
      return true;
    });
    // Text that is no JSON at all keeps the advice to map its fields with a source profile.
    const csv = join(dir, 'rows.csv');
    writeFileSync(csv, 'question,answer\nhi,hello\n');
    await assert.rejects(ingestLogFile(workspace.db, deidentifier, csv), /rows\.csv is not a known JSON log format/);
  } finally {
    workspace.close();
  }
});
