import { initialSchema } from './001-initial-schema.js';
import { operatorVault } from './002-operator-vault.js';
import { deidTermLists } from './003-deid-term-lists.js';
import { sampling } from './004-sampling.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** In order; a new migration gets the next number and a test (test/unit/migration-NNN.test.ts). */
export const migrations: readonly Migration[] = [initialSchema, operatorVault, deidTermLists, sampling];
