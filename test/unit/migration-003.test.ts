import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { initialSchema } from '../../main/core/store/migrations/001-initial-schema.js';
import { operatorVault } from '../../main/core/store/migrations/002-operator-vault.js';
import { deidTermLists } from '../../main/core/store/migrations/003-deid-term-lists.js';

test('003 adds the term-list table with one entry per list and term', () => {
  const db = new Database(':memory:');
  for (const migration of [initialSchema, operatorVault, deidTermLists]) migration.up(db);
  const insert = db.prepare("INSERT INTO deid_terms (kind, term, label, added_by, added_at) VALUES (?, ?, ?, 'x', 'now')");
  insert.run('allow', 'Northwind', null);
  insert.run('deny', 'Northwind', 'ORGANIZATION');
  assert.throws(() => insert.run('allow', 'Northwind', null), /UNIQUE/);
  assert.throws(() => insert.run('maybe', 'Other', null), /CHECK/);
});
