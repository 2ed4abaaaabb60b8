/**
 * The sample selection as a few streaming passes over the candidates, so memory stays constant in the number of
 * cases: each pass reads every candidate once (members of a near-duplicate cluster next to each other) and keeps
 * only counters per stratum and trigger, bounded heaps (the budget, each stratum's minimum and cap, the base
 * draw) and the picked cases. Every random choice is a seeded hash of (seed, phase, case id), so the sample does
 * not depend on the order cases are read in, and the same cases + policy + seed give the same sample.
 *
 * Phases, as before: (1) failure-signal cases, all of them unless the budget cuts a seeded subset; (2) stratum
 * minimums from the rest, round-robin across strata so the budget cuts big strata's extras first; (3) a base draw
 * of round(baseRate × remaining) cases weighted by uncertainty (Efraimidis–Spirakis keys) within maxPerStratum.
 * With onePerCluster one case (the lowest seeded rank) stands for its cluster.
 */
import type { FailureSignal, SamplingPolicy } from './policy.js';

export type Phase = 'failure_signal' | 'stratum_minimum' | 'base_rate';

export interface Candidate {
  id: number;
  failures: FailureSignal[];
  stratum: string;
  confidence: number | undefined;
  /** Near-duplicate cluster id (main/core/enrich); a case not enriched yet is its own cluster. Read only with onePerCluster (the store fills it only then). */
  cluster?: number;
}

/**
 * Streams every candidate once per call, members of one cluster consecutively (any order otherwise). Called once
 * per pass, so it must give the same candidates each time.
 */
export type CandidateSource = () => Iterable<Candidate>;

export interface SamplingCut {
  /** The policy's budget, or null when it has none. */
  budget: number | null;
  /** Cases a phase would have taken but the budget left no room for. Failure-signal cases are cut last. */
  byBudget: Record<Phase, number>;
  /** Base-draw cases passed over because their stratum had reached `maxPerStratum`. */
  byMaxPerStratum: number;
  /** With `onePerCluster`: candidates left out because another case of their near-duplicate cluster stood for it. */
  byCluster: number;
}

/** What the passes counted on the way: the preview's figures, without holding the candidates. */
export interface CandidateStats {
  candidates: number;
  /** Candidates per chosen failure signal. */
  byTrigger: Map<FailureSignal, number>;
  /** Candidates and failing candidates per stratum. */
  byStratum: Map<string, { candidates: number; failing: number }>;
}

export interface Selection {
  picks: { candidate: Candidate; phase: Phase }[];
  cut: SamplingCut;
  /** The base draw: the cases it drew from (after failures, minimums and one-per-cluster) and how many it wanted. */
  base: { eligible: number; wanted: number };
  stats: CandidateStats;
}

/** A 32-bit avalanche hash of (seed, phase, id): the same on every platform. */
function hash32(seed: number, phase: number, id: number): number {
  let h = Math.imul((seed ^ 0x5bd1e995) >>> 0, 0x9e3779b1) ^ Math.imul(phase + 1, 0x27d4eb2f) ^ id;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  // A second round on the id's high part keeps ids above 2^32 distinct.
  h = Math.imul(h ^ Math.floor(id / 4294967296), 0x85ebca6b);
  return (h ^ (h >>> 15)) >>> 0;
}

/** A seeded uniform number in (0, 1) with 53 bits, from two hashes of the case id. */
export function seededUniform(seed: number, phase: number, id: number): number {
  const high = hash32(seed, phase, id) >>> 5; // 27 bits
  const low = hash32(seed ^ 0x6a09e667, phase, id) >>> 6; // 26 bits
  return (high * 67108864 + low + 0.5) / 9007199254740992;
}

/** Which member of a near-duplicate cluster stands for it: the lowest seeded rank, then the lowest id. */
function clusterRank(seed: number, id: number): number {
  return seededUniform(seed, 0, id);
}

/** A bounded heap that keeps the `capacity` best items by `better` (a strict order). */
export class BestOf<T> {
  private readonly items: T[] = [];
  constructor(
    readonly capacity: number,
    /** True when a ranks before b. */
    private readonly better: (a: T, b: T) => boolean,
  ) {}

  /** Offers an item; returns false when it was not kept (the heap is full of better ones). */
  offer(item: T): boolean {
    if (this.capacity <= 0) return false;
    const h = this.items;
    if (h.length < this.capacity) {
      h.push(item);
      this.up(h.length - 1);
      return true;
    }
    // The root is the worst kept item.
    if (!this.better(item, h[0]!)) return false;
    h[0] = item;
    this.down(0);
    return true;
  }

  get size(): number {
    return this.items.length;
  }

  /** The kept items, best first. */
  sorted(): T[] {
    return [...this.items].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  private up(i: number): void {
    const h = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      // Worst at the root: move up while this item is worse than its parent.
      if (!this.better(h[parent]!, h[i]!)) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && this.better(h[worst]!, h[l]!)) worst = l;
      if (r < h.length && this.better(h[worst]!, h[r]!)) worst = r;
      if (worst === i) return;
      [h[worst], h[i]] = [h[i]!, h[worst]!];
      i = worst;
    }
  }
}

interface Keyed {
  c: Candidate;
  key: number;
}

/** Ascending key, then id. */
const lowerKey = (a: Keyed, b: Keyed): boolean => a.key < b.key || (a.key === b.key && a.c.id < b.c.id);
/** Descending key, then ascending id (the base draw's order). */
const higherKey = (a: Keyed, b: Keyed): boolean => a.key > b.key || (a.key === b.key && a.c.id < b.c.id);

const byId = (a: Candidate, b: Candidate): number => a.id - b.id;
const clusterOf = (c: Candidate): number => c.cluster ?? c.id;

/** The member with the lowest seeded rank (ties: lowest id). */
function representative(members: readonly Candidate[], seed: number): Candidate {
  let best = members[0]!;
  let bestRank = clusterRank(seed, best.id);
  for (let i = 1; i < members.length; i++) {
    const m = members[i]!;
    const rank = clusterRank(seed, m.id);
    if (rank < bestRank || (rank === bestRank && m.id < best.id)) {
      best = m;
      bestRank = rank;
    }
  }
  return best;
}

/** Calls `each` with every cluster's members, in the order the source gives them. */
function forEachCluster(source: CandidateSource, each: (members: Candidate[]) => void): void {
  let members: Candidate[] = [];
  let current: number | undefined;
  for (const c of source()) {
    const k = clusterOf(c);
    if (k !== current && members.length > 0) {
      each(members);
      members = [];
    }
    current = k;
    members.push(c);
  }
  if (members.length > 0) each(members);
}

/** The pure selection: deterministic in (the set of candidates, policy, seed), whatever order they stream in. */
export function selectFrom(source: CandidateSource, policy: SamplingPolicy, seed: number): Selection {
  const budget = policy.budget ?? null;
  const cut: SamplingCut = { budget, byBudget: { failure_signal: 0, stratum_minimum: 0, base_rate: 0 }, byMaxPerStratum: 0, byCluster: 0 };
  const picks: Selection['picks'] = [];
  const perStratum = new Map<string, number>();
  const room = () => (budget === null ? Infinity : budget - picks.length);
  const take = (candidate: Candidate, phase: Phase) => {
    picks.push({ candidate, phase });
    perStratum.set(candidate.stratum, (perStratum.get(candidate.stratum) ?? 0) + 1);
  };
  const stats: CandidateStats = { candidates: 0, byTrigger: new Map(policy.failureSignals.map((s) => [s, 0])), byStratum: new Map() };
  const oneEach = policy.onePerCluster === true;

  // Pass 1: counters, and the failure-signal cases (one per cluster with onePerCluster); a budget keeps the lowest
  // seeded keys. It also counts the rest (non-failing cases, or clusters with one) for the later phases.
  const failingKept = budget === null ? null : new BestOf<Keyed & { open: boolean }>(budget, lowerKey);
  const failingAll: (Keyed & { open: boolean })[] = [];
  let failingEligible = 0;
  let nonFailing = 0;
  let openClusters = 0;
  forEachCluster(source, (members) => {
    const failing: Candidate[] = [];
    for (const c of members) {
      stats.candidates++;
      for (const f of c.failures) stats.byTrigger.set(f, (stats.byTrigger.get(f) ?? 0) + 1);
      const row = stats.byStratum.get(c.stratum) ?? { candidates: 0, failing: 0 };
      row.candidates++;
      if (c.failures.length > 0) {
        row.failing++;
        failing.push(c);
      }
      stats.byStratum.set(c.stratum, row);
    }
    const open = members.length - failing.length;
    nonFailing += open;
    if (open > 0) openClusters++;
    if (failing.length === 0) return;
    const chosen = oneEach ? [representative(failing, seed)] : failing;
    cut.byCluster += failing.length - chosen.length;
    for (const c of chosen) {
      failingEligible++;
      const item = { c, key: seededUniform(seed, 1, c.id), open: open > 0 };
      if (failingKept) failingKept.offer(item);
      else failingAll.push(item);
    }
  });
  const keptItems = failingKept ? failingKept.sorted() : failingAll;
  const keptFailing = keptItems.map((k) => k.c).sort(byId);
  cut.byBudget.failure_signal = failingEligible - keptFailing.length;
  for (const c of keptFailing) take(c, 'failure_signal');
  const represented = oneEach ? new Set(keptFailing.map(clusterOf)) : null;
  // The rest: non-failing cases; with onePerCluster, one per cluster that no kept failure pick stands for.
  const restCount = oneEach ? openClusters - keptItems.filter((k) => k.open).length : nonFailing;
  cut.byCluster += nonFailing - restCount;

  const forEachRest = (each: (c: Candidate) => void): void => {
    forEachCluster(source, (members) => {
      const open = members.filter((c) => c.failures.length === 0);
      if (open.length === 0) return;
      if (!represented) {
        for (const c of open) each(c);
      } else if (!represented.has(clusterOf(open[0]!))) {
        each(representative(open, seed));
      }
    });
  };

  // Pass 2: stratum minimums (the lowest seeded keys per stratum) and, at the same time, the base draw's best
  // keys. The base draw cannot know yet which cases the minimums take, so each stratum keeps `minimum` spare.
  const strata = policy.strata;
  const max = strata?.maxPerStratum ?? Infinity;
  const capped = Number.isFinite(max);
  const minimum = strata?.minPerStratum ?? 0;
  const wantAtMost = Math.round(policy.baseRate * restCount);
  const boost = policy.uncertaintyBoost;
  const baseKey = (c: Candidate): number => {
    const weight = c.confidence === undefined ? 1 : 1 + boost * (1 - c.confidence);
    return Math.log(seededUniform(seed, 3, c.id)) / weight;
  };
  const queues = new Map<string, BestOf<Keyed>>();
  const spare = minimum > 0 ? minimum : 0;
  const global = capped || wantAtMost === 0 ? null : new BestOf<Keyed>(wantAtMost + spare * stats.byStratum.size, higherKey);
  const byStratum = new Map<string, { best: BestOf<Keyed>; seen: number }>();
  forEachRest((c) => {
    if (minimum > 0) {
      let queue = queues.get(c.stratum);
      if (!queue) {
        const want = Math.min(minimum, Math.max(0, max - (perStratum.get(c.stratum) ?? 0)));
        queues.set(c.stratum, (queue = new BestOf<Keyed>(want, lowerKey)));
      }
      queue.offer({ c, key: seededUniform(seed, 2, c.id) });
    }
    if (wantAtMost === 0) return;
    if (global) {
      global.offer({ c, key: baseKey(c) });
      return;
    }
    let slot = byStratum.get(c.stratum);
    if (!slot) {
      const capacity = Math.min(wantAtMost + spare, Math.max(0, max - (perStratum.get(c.stratum) ?? 0)));
      byStratum.set(c.stratum, (slot = { best: new BestOf<Keyed>(capacity, higherKey), seen: 0 }));
    }
    slot.seen++;
    slot.best.offer({ c, key: baseKey(c) });
  });
  const taken = new Set<number>();
  if (minimum > 0) {
    const ordered: Candidate[] = [];
    const lists = [...queues.keys()].sort().map((key) => queues.get(key)!.sorted().map((k) => k.c));
    for (let round = 0; lists.some((q) => q.length > round); round++) {
      for (const q of lists) if (q[round]) ordered.push(q[round]!);
    }
    const kept = ordered.slice(0, Math.min(ordered.length, room()));
    cut.byBudget.stratum_minimum = ordered.length - kept.length;
    for (const c of kept) {
      take(c, 'stratum_minimum');
      taken.add(c.id);
    }
  }

  // The base draw: round(baseRate × remaining) cases by descending Efraimidis–Spirakis key, skipping full strata.
  // A stratum can give at most its free room, so its best keys up to that room are all the draw can reach.
  const eligible = restCount - taken.size;
  const want = Math.round(policy.baseRate * eligible);
  const base = { eligible, wanted: want };
  if (want > 0) {
    const untaken = (k: Keyed) => !taken.has(k.c.id);
    let merged: Keyed[];
    let anyFull = false;
    if (global) merged = global.sorted().filter(untaken);
    else {
      merged = [];
      const minimumsIn = new Map<string, number>();
      for (const p of picks) if (p.phase === 'stratum_minimum') minimumsIn.set(p.candidate.stratum, (minimumsIn.get(p.candidate.stratum) ?? 0) + 1);
      for (const [stratum, slot] of byStratum) {
        const free = Math.max(0, max - (perStratum.get(stratum) ?? 0));
        if (slot.seen - (minimumsIn.get(stratum) ?? 0) > free) anyFull = true;
        merged.push(...slot.best.sorted().filter(untaken).slice(0, Math.min(want, free)));
      }
      merged.sort((a, b) => (higherKey(a, b) ? -1 : higherKey(b, a) ? 1 : 0));
    }
    const drawn = merged.slice(0, want);
    if (capped) {
      if (drawn.length < want) cut.byMaxPerStratum = eligible - drawn.length;
      else if (anyFull) {
        // The draw stops at its last case: every case ranked before it that was not drawn was passed over.
        const last = drawn[drawn.length - 1]!;
        let before = 0;
        forEachRest((c) => {
          if (!taken.has(c.id) && higherKey({ c, key: baseKey(c) }, last)) before++;
        });
        cut.byMaxPerStratum = before + 1 - want;
      }
    }
    const kept = drawn.slice(0, Math.min(drawn.length, room()));
    cut.byBudget.base_rate = drawn.length - kept.length;
    for (const { c } of kept) take(c, 'base_rate');
  }
  return { picks, cut, base, stats };
}

/** An in-memory source: the candidates grouped by cluster (for tests and small inputs). */
export function arraySource(candidates: readonly Candidate[]): CandidateSource {
  const grouped = candidates.slice().sort((a, b) => clusterOf(a) - clusterOf(b) || a.id - b.id);
  return () => grouped;
}
