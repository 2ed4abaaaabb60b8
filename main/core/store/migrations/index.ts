import { initialSchema } from './001-initial-schema.js';
import { operatorVault } from './002-operator-vault.js';
import { deidTermLists } from './003-deid-term-lists.js';
import { sampling } from './004-sampling.js';
import { ingestProfiles } from './005-ingest-profiles.js';
import { caseClusters } from './006-case-clusters.js';
import { reviewQueue } from './007-review-queue.js';
import { caseReviews } from './008-case-reviews.js';
import { accountsAuditFields } from './009-accounts-audit-fields.js';
import { retention } from './010-retention.js';
import { ingestRunTracking } from './011-ingest-run-tracking.js';
import { releases } from './012-releases.js';
import { occurredAt } from './013-occurred-at.js';
import { tokenBuckets } from './014-token-buckets.js';
import { bulkCaseInserts } from './015-bulk-case-inserts.js';
import { lshRecentBuckets } from './016-lsh-recent-buckets.js';
import { lshRecentLog } from './017-lsh-recent-log.js';
import { dropArrivalsRunIndex } from './018-drop-arrivals-run-index.js';
import { caseSampling } from './019-case-sampling.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** In order; a new migration gets the next number and a test (test/unit/migration-NNN.test.ts). */
export const migrations: readonly Migration[] = [initialSchema, operatorVault, deidTermLists, sampling, ingestProfiles, caseClusters, reviewQueue, caseReviews, accountsAuditFields, retention, ingestRunTracking, releases, occurredAt, tokenBuckets, bulkCaseInserts, lshRecentBuckets, lshRecentLog, dropArrivalsRunIndex, caseSampling];
