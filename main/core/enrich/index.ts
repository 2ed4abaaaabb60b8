export { enrichCases, enrichPendingCases, pendingEnrichment, userText, type EnrichSummary } from './enrich-cases.js';
export { UNDETERMINED, detectLanguage, toIso6391 } from './language.js';
export { BANDS, HASHES, ROWS, estimatedJaccard, minhashSignature } from './minhash.js';
export { NEAR_DUPLICATE, clusterOf, nearDuplicatesOf, type NearDuplicate } from './near-duplicates.js';
