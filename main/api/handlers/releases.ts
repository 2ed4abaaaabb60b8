/**
 * The Releases screen's use cases: eval sets, releases (create, four-eyes approve, reject), manifests and case
 * pages, diffs, exports of approved releases, imports of existing golden sets and growth per week. Every change
 * and its audit entry commit together (ids and counts only); what crosses the bridge is de-identified.
 */
import { EXPORT_PROFILES } from '../../core/deid/operators/profiles.js';
import { QuarryError } from '../../core/errors.js';
import {
  approveRelease,
  approverName,
  createEvalSet,
  createRelease,
  diffReleases,
  EXPORT_FORMATS,
  exportRelease,
  getEvalSet,
  getEvalSetById,
  getRelease,
  growthByWeek,
  listEvalSets,
  listReleases,
  prepareGoldenImport,
  rejectRelease,
  releaseCasePage,
  storeGoldenImport,
  type ReleaseCase,
  type ReleaseCounts,
  type ReleaseSummary,
} from '../../core/releases/index.js';
import type { Output } from '../../../preload/api.js';
import type { HandlerGroup, ServiceContext } from '../service-context.js';

type ReleasesChannel =
  | 'evalsets:list'
  | 'evalsets:create'
  | 'evalsets:import'
  | 'releases:list'
  | 'releases:get'
  | 'releases:create'
  | 'releases:approve'
  | 'releases:reject'
  | 'releases:diff'
  | 'releases:export'
  | 'releases:growth';

type SummaryDto = Output<'releases:get'>['release'];
type CaseRowDto = Output<'releases:get'>['cases']['rows'][number];

/** The task preview a case list shows: de-identified, one line, at most 200 characters. */
const PREVIEW_CHARS = 200;

export function countsDto(counts: ReleaseCounts): SummaryDto['counts'] {
  return {
    total: counts.total,
    golden: counts.golden,
    regressions: counts.regressions,
    byCategory: counts.by_category,
    bySlice: counts.by_slice,
    bySourceRun: counts.by_source_run,
  };
}

export function summaryDto(r: ReleaseSummary): SummaryDto {
  return {
    id: r.id,
    evalSet: r.evalSet,
    evalSetId: r.evalSetId,
    version: r.version,
    parentVersion: r.parentVersion,
    state: r.state,
    deidProfile: r.manifest.deid_profile,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    counts: countsDto(r.manifest.counts),
    contentSha256: r.manifest.content_sha256,
  };
}

function manifestDto(r: ReleaseSummary): Output<'releases:get'>['manifest'] {
  const m = r.manifest;
  return {
    schema: m.schema,
    evalSet: m.eval_set,
    version: m.version,
    parentVersion: m.parent_version,
    deidProfile: m.deid_profile,
    createdAt: m.created_at,
    createdBy: m.created_by,
    approvedBy: m.approved_by,
    approvedAt: m.approved_at,
    counts: countsDto(m.counts),
    contentSha256: m.content_sha256,
    samplingPolicies: m.sampling_policies,
    reviewers: m.reviewers,
  };
}

function caseRowDto(c: ReleaseCase): CaseRowDto {
  return {
    caseId: c.case_id,
    kind: c.kind,
    origin: c.origin,
    sha256: c.sha256,
    category: c.category,
    slices: c.slices,
    signals: c.signals,
    preview: c.task.final.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_CHARS),
    reviewer: c.review.reviewer,
  };
}

export function releasesHandlers(ctx: ServiceContext): HandlerGroup<ReleasesChannel> {
  const db = () => ctx.open().db;
  return {
    'evalsets:list': () => ({
      sets: listEvalSets(db()),
      profiles: EXPORT_PROFILES.map((p) => ({ id: p.id, name: p.name })),
      formats: [...EXPORT_FORMATS],
    }),
    'evalsets:create': ({ name, description }) =>
      ctx.atomically(() => {
        const set = createEvalSet(db(), name, description ?? '', ctx.reviewer());
        ctx.audit({ action: 'evalset.create', objectIds: { evalSet: set.id } });
        return set;
      }),
    'evalsets:import': async ({ set: name, path }) => {
      const set = getEvalSet(db(), name);
      const prepared = await prepareGoldenImport(await ctx.deidentifier(), path);
      if (!prepared.ok) {
        ctx.audit({ action: 'evalset.import', outcome: 'failure', objectIds: { evalSet: set.id, badLines: new Set(prepared.issues.map((i) => i.line)).size } });
        return { ok: false as const, issues: prepared.issues };
      }
      return ctx.atomically(() => {
        const { caseIds, duplicates } = storeGoldenImport(db(), set.id, prepared.records, ctx.reviewer());
        ctx.audit({ action: 'evalset.import', objectIds: { evalSet: set.id, cases: caseIds.length, duplicates } });
        return { ok: true as const, imported: caseIds.length, duplicates, set: getEvalSetById(db(), set.id) };
      });
    },
    'releases:list': ({ set }) => listReleases(db(), set === undefined ? undefined : getEvalSet(db(), set).id).map(summaryDto),
    'releases:get': ({ id, offset, limit, kind }) => {
      const release = getRelease(db(), id);
      const page = releaseCasePage(db(), id, offset, limit, kind);
      return { release: summaryDto(release), manifest: manifestDto(release), cases: { total: page.total, offset: page.offset, rows: page.cases.map(caseRowDto) } };
    },
    'releases:create': ({ set, profile }) =>
      ctx.atomically(() => {
        const release = createRelease(db(), set, { profile, createdBy: ctx.reviewer() });
        const { counts } = release.manifest;
        ctx.audit({
          action: 'release.create',
          objectIds: { release: release.id, evalSet: release.evalSetId, version: release.version, cases: counts.total, regressions: counts.regressions, profile: release.manifest.deid_profile },
        });
        return summaryDto(release);
      }),
    'releases:approve': ({ id }) => {
      try {
        return ctx.atomically(() => {
          const release = approveRelease(db(), id, approverName(ctx.open().account));
          ctx.audit({ action: 'release.approve', objectIds: { release: id, evalSet: release.evalSetId, version: release.version } });
          return summaryDto(release);
        });
      } catch (error) {
        // A refused self-approval is worth a line in the log: who tried, on which release.
        if (error instanceof QuarryError && error.code === 'release-four-eyes') {
          ctx.audit({ action: 'release.approve', outcome: 'denied', objectIds: { release: id, reason: 'four-eyes' } });
        }
        throw error;
      }
    },
    'releases:reject': ({ id }) =>
      ctx.atomically(() => {
        const release = rejectRelease(db(), id, ctx.reviewer());
        ctx.audit({ action: 'release.reject', objectIds: { release: id, evalSet: release.evalSetId, version: release.version } });
        return summaryDto(release);
      }),
    'releases:diff': ({ from, to }) => diffReleases(db(), from, to),
    'releases:export': ({ id, format, dir, overwrite }) => {
      const result = exportRelease(db(), id, format, dir, { overwrite });
      ctx.audit({ action: 'release.export', objectIds: { release: id, format, dir: result.dir, files: result.files.length, replaced: result.replaced } });
      return result;
    },
    'releases:growth': ({ weeks, set }) => ({
      weeks: growthByWeek(db(), { weeks, evalSetId: set === undefined ? undefined : getEvalSet(db(), set).id }),
    }),
  };
}
