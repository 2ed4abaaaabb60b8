/**
 * Golden-set releases: named eval sets, immutable numbered releases with manifests, four-eyes approval,
 * regression freezing, diffs, imports of existing golden sets, growth per week and exports. Other areas import
 * from here (the exporters receive `releaseSnapshot`; representativeness reads it too).
 */
export { createEvalSet, findEvalSet, getEvalSet, getEvalSetById, listEvalSets, type EvalSet } from './eval-sets.js';
export { createRelease, releaseCounts, type CreateReleaseOptions } from './create-release.js';
export { approveRelease, approverName, rejectRelease } from './approval.js';
export {
  findReleaseByVersion,
  getRelease,
  latestApproved,
  listReleases,
  releaseCasePage,
  releaseCases,
  releaseHashes,
  releaseSnapshot,
  type ReleaseState,
  type ReleaseSummary,
} from './release-store.js';
export { diffReleases, type DiffCase, type ReleaseDiff } from './diff.js';
export {
  IMPORTED_ID_BASE,
  ImportedGoldenRecord,
  importedRecords,
  parseGoldenJsonl,
  prepareGoldenImport,
  storeGoldenImport,
  type ImportIssue,
  type ImportedRecord,
  type ImportPreparation,
  type PreparedImport,
} from './import-golden.js';
export { growthByWeek, isoWeekOf, weekStart, type GrowthWeek } from './growth.js';
export { exportRelease } from './export-release.js';
export { REGRESSION_SIGNALS, regressionSignalsOf, releaseKindOf } from './regression.js';
export { canonicalJson, caseSha256, contentSha256 } from './hashing.js';
export * from './release-types.js';
