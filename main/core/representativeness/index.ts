/**
 * Representativeness of a mining run or a release: how the sampled originals, the reviewers' final tasks and the
 * production mix compare in length, vocabulary and slice mix, and how much longer the tasks grew than their
 * requests (over-specification). Outputs numbers, ids, slice values and bin edges only.
 */
import { QuarryError } from '../errors.js';
import { releaseSnapshot } from '../releases/index.js';
import type { ReleaseSnapshot } from '../releases/release-types.js';
import type { Db } from '../store/database.js';
import { measure } from './measure.js';
import { DEFAULT_PRODUCTION_CAP, gatherRelease, gatherRun, type Gathered, type ProductionScope } from './populations.js';

export { charLength, tokenize } from './tokens.js';
export { OVER_SPECIFIED_RATIO, POPULATIONS, RATIO_EDGES, type PopulationName } from './measure.js';
export { DEFAULT_PRODUCTION_CAP, PRODUCTION_SCOPES, checkProductionScope, type ProductionScope } from './populations.js';

export interface RepresentOptions {
  /** Default `ingest-runs`: the ingest runs the sample came from. */
  production?: ProductionScope;
  /** Length bins at production's quantiles; default 10. */
  bins?: number;
  /** Words in the vocabulary distance; default 200. */
  topN?: number;
  /** Production cases measured for lengths and words at most; default 50,000. */
  productionCap?: number;
}

export type RepresentativenessReport = ReturnType<typeof measure> & {
  scope: { kind: 'run' | 'release'; id: number; label: string; production: ProductionScope; productionRunIds: number[] };
  counts: { originals: number; tasks: number; production: number; productionTotal: number };
};

function checkWhole(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new QuarryError('representativeness-option', `${name} must be a whole number from ${min} to ${max} (got ${value}).`);
  }
  return value;
}

function resolved(options: RepresentOptions) {
  return {
    production: options.production ?? 'ingest-runs',
    bins: checkWhole('bins', options.bins ?? 10, 2, 50),
    topN: checkWhole('topN', options.topN ?? 200, 10, 5000),
    cap: checkWhole('productionCap', options.productionCap ?? DEFAULT_PRODUCTION_CAP, 1, Number.MAX_SAFE_INTEGER),
  };
}

function report(kind: 'run' | 'release', id: number, production: ProductionScope, g: Gathered, o: { bins: number; topN: number }): RepresentativenessReport {
  const figures = measure(g.populations, o);
  if (g.productionMeasured < g.productionTotal) {
    figures.notes.push(
      `Lengths and words of production come from ${g.productionMeasured} of its ${g.productionTotal} cases (every k-th in id order); the slice mix counts all of them.`,
    );
  }
  return {
    scope: { kind, id, label: g.label, production, productionRunIds: g.productionRunIds },
    counts: {
      originals: g.populations.originals.size,
      tasks: g.populations.tasks.size,
      production: g.productionMeasured,
      productionTotal: g.productionTotal,
    },
    ...figures,
  };
}

/** A mining run's representativeness; an unknown run is an error naming it. */
export function representRun(db: Db, runId: number, options: RepresentOptions = {}): RepresentativenessReport {
  const o = resolved(options);
  return report('run', runId, o.production, gatherRun(db, runId, o.production, o.cap), o);
}

/** A release's representativeness, from its snapshot (main/core/releases `releaseSnapshot`). */
export function representRelease(db: Db, releaseId: number, snapshot: ReleaseSnapshot, options: RepresentOptions = {}): RepresentativenessReport {
  const o = resolved(options);
  return report('release', releaseId, o.production, gatherRelease(db, snapshot, o.production, o.cap), o);
}

/** A stored release's representativeness, pending or approved; an unknown release is an error naming it. */
export function representReleaseById(db: Db, releaseId: number, options: RepresentOptions = {}): RepresentativenessReport {
  resolved(options);
  return representRelease(db, releaseId, releaseSnapshot(db, releaseId), options);
}
