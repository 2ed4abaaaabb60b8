/**
 * Vocabulary drift: whether the de-identified user text uses different words, not just more or fewer of them.
 *
 * Each case's user text is cut into the word tokens of main/core/representativeness/tokens.ts (lower-cased words
 * and numbers; a placeholder such as `[PERSON_1]` folds to its label `[person]`), and each token is hashed
 * (FNV-1a, 32-bit, over its UTF-8 bytes) into one of `VOCABULARY_BUCKETS` buckets. Only the bucket counts are kept:
 * no word is stored or shown. They are cached per case in `case_token_buckets` (migration 014), filled the first
 * time a case is measured; triggers on `cases` drop a case's row when its text changes or it is deleted.
 *
 * A window is measured on at most `VOCABULARY_SAMPLE` of its cases, the ones with the smallest hash of their id
 * (the same case is picked in every window that holds it, and the pick does not follow id order).
 *
 * The statistic is the Jensen-Shannon distance (base 2) between the two windows' bucket distributions, net of
 * sampling noise. Over thousands of sparsely filled buckets the plain (plug-in) distance of two samples from the
 * same traffic is far from zero (about √((K−1) / (2·N·ln 2)) for K filled buckets and N tokens: around 0.15 for
 * 4,096 buckets and 5,000 short requests a side, above the 0.1 threshold). So the divergence expected by chance is
 * measured by splitting the pooled cases at random into two groups of the same sizes (`PERMUTATIONS` times, seeded,
 * whole cases, so words repeated within a case count as they do in the windows) and subtracted:
 * distance = √max(0, JS² − mean JS²ₚₑᵣₘ). Like-for-like traffic then sits near 0 and a real shift keeps its size.
 * With few tokens (a small slice) the chance divergence also varies a lot, so `noiseZ` says how many standard
 * deviations of the random splits the observed divergence lies above their mean: a shift counts only from
 * `MIN_NOISE_Z` on (the drift module bands it so).
 */
import { tokenize } from '../representativeness/tokens.js';
import { mulberry32 } from '../sampling/prng.js';
import type { Db } from '../store/database.js';
import { jensenShannonDistance } from './drift-stats.js';

/** Hash buckets of the token distribution. */
export const VOCABULARY_BUCKETS = 4096;
/** Cases measured per window at most. */
export const VOCABULARY_SAMPLE = 5000;
/** Version of the tokens-to-buckets rule; a cached row of another version is recomputed. */
export const VOCABULARY_SCHEME = 1;
/** Random splits of the pooled cases that measure the sampling noise. */
export const PERMUTATIONS = 16;
/** Standard deviations above chance a divergence must reach to count as a shift. */
export const MIN_NOISE_Z = 3;
const PERMUTATION_SEED = 0x9e3779b9;

/** One case's tokens as sparse bucket counts (buckets ascending, each once). */
export interface TokenBuckets {
  buckets: Uint16Array;
  counts: Uint32Array;
  tokens: number;
}

const EMPTY: TokenBuckets = { buckets: new Uint16Array(0), counts: new Uint32Array(0), tokens: 0 };

/** FNV-1a (32-bit) of a string's UTF-8 bytes. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  const add = (byte: number) => {
    h = Math.imul(h ^ byte, 0x01000193);
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) add(c);
    else if (c < 0x800) {
      add(0xc0 | (c >> 6));
      add(0x80 | (c & 63));
    } else if (c < 0x10000) {
      add(0xe0 | (c >> 12));
      add(0x80 | ((c >> 6) & 63));
      add(0x80 | (c & 63));
    } else {
      add(0xf0 | (c >> 18));
      add(0x80 | ((c >> 12) & 63));
      add(0x80 | ((c >> 6) & 63));
      add(0x80 | (c & 63));
    }
  }
  return h >>> 0;
}

/** The bucket of one token. */
export function bucketOf(token: string): number {
  return fnv1a32(token) % VOCABULARY_BUCKETS;
}

/** A text's tokens as bucket counts. */
export function tokenBuckets(text: string): TokenBuckets {
  const tally = new Map<number, number>();
  let tokens = 0;
  for (const token of tokenize(text)) {
    const b = bucketOf(token);
    tally.set(b, (tally.get(b) ?? 0) + 1);
    tokens++;
  }
  if (tokens === 0) return EMPTY;
  const buckets = Uint16Array.from([...tally.keys()].sort((a, b) => a - b));
  return { buckets, counts: Uint32Array.from(buckets, (b) => tally.get(b)!), tokens };
}

/** Stored form: (bucket, count) pairs of little-endian uint16; a count above 65,535 spreads over several pairs. */
export function encodeBuckets(v: TokenBuckets): Buffer {
  const pairs: number[] = [];
  for (let i = 0; i < v.buckets.length; i++) {
    for (let left = v.counts[i]!; left > 0; left -= 0xffff) pairs.push(v.buckets[i]!, Math.min(left, 0xffff));
  }
  const out = Buffer.alloc(pairs.length * 2);
  pairs.forEach((x, i) => out.writeUInt16LE(x, i * 2));
  return out;
}

export function decodeBuckets(blob: Buffer): TokenBuckets {
  if (blob.length % 4 !== 0) throw new RangeError(`decodeBuckets: a stored row must hold whole (bucket, count) pairs (${blob.length} bytes)`);
  // Pairs come ascending by bucket; a bucket repeats only right after itself (a count above 65,535).
  const buckets = new Uint16Array(blob.length / 4);
  const counts = new Uint32Array(blob.length / 4);
  let size = 0;
  let tokens = 0;
  for (let at = 0; at < blob.length; at += 4) {
    const b = blob[at]! | (blob[at + 1]! << 8);
    const n = blob[at + 2]! | (blob[at + 3]! << 8);
    if (b >= VOCABULARY_BUCKETS) throw new RangeError(`decodeBuckets: bucket ${b} at byte ${at} is outside 0..${VOCABULARY_BUCKETS - 1}`);
    if (size > 0 && b < buckets[size - 1]!) throw new RangeError(`decodeBuckets: bucket ${b} at byte ${at} is out of order`);
    if (size > 0 && b === buckets[size - 1]!) counts[size - 1]! += n;
    else {
      buckets[size] = b;
      counts[size] = n;
      size++;
    }
    tokens += n;
  }
  if (tokens === 0) return EMPTY;
  return { buckets: buckets.slice(0, size), counts: counts.slice(0, size), tokens };
}

/** A 32-bit mix of a case id (murmur3's finaliser): the sampling order. */
export function idHash(id: number): number {
  let h = (id ^ Math.floor(id / 2 ** 32)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Positions of the (at most) `limit` ids with the smallest `idHash`, ascending by position. */
export function samplePositions(ids: readonly number[], limit = VOCABULARY_SAMPLE): number[] {
  if (ids.length <= limit) return ids.map((_, i) => i);
  // The hashes' top 16 bits cut them into 65,536 groups: every id of the groups below the one where the limit
  // falls is in; that group's ids are sorted by (hash, position) and the first ones needed are taken.
  const hashes = Uint32Array.from(ids, idHash);
  const groups = new Uint32Array(65536);
  for (const h of hashes) groups[h >>> 16]!++;
  let cut = 0;
  let below = 0;
  while (below + groups[cut]! < limit) below += groups[cut++]!;
  const out: number[] = [];
  const edge: number[] = [];
  for (let i = 0; i < hashes.length; i++) {
    const g = hashes[i]! >>> 16;
    if (g < cut) out.push(i);
    else if (g === cut) edge.push(i);
  }
  edge.sort((x, y) => hashes[x]! - hashes[y]! || x - y);
  for (let k = 0; k < limit - below; k++) out.push(edge[k]!);
  return out.sort((a, b) => a - b);
}

/**
 * The bucket counts of the given cases, from the cache where it has them; the rest are computed from the cases'
 * de-identified user text and stored. Ids without a case are left out of the map.
 */
export function loadTokenBuckets(db: Db, ids: readonly number[]): Map<number, TokenBuckets> {
  const out = new Map<number, TokenBuckets>();
  if (ids.length === 0) return out;
  const list = JSON.stringify(ids);
  const cached = db
    .prepare('SELECT case_id, buckets FROM case_token_buckets WHERE scheme = ? AND case_id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(VOCABULARY_SCHEME, list) as [number, Buffer][];
  for (const [id, blob] of cached) out.set(id, decodeBuckets(blob));
  const missing = ids.filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  const texts = db
    .prepare(
      `SELECT c.id, (SELECT group_concat(m.value ->> '$.content', char(10)) FROM json_each(c.redacted_json, '$.messages') m
                     WHERE (m.value ->> '$.role') = 'user')
       FROM cases c WHERE c.id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(missing)) as [number, string | null][];
  const store = db.prepare('INSERT OR REPLACE INTO case_token_buckets (case_id, scheme, tokens, buckets) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const [id, text] of texts) {
      const v = tokenBuckets(text ?? '');
      store.run(id, VOCABULARY_SCHEME, v.tokens, encodeBuckets(v));
      out.set(id, v);
    }
  })();
  return out;
}

/** Per row of a window: its bucket counts when the row is in the vocabulary sample, else null. */
export type VocabularyColumn = (TokenBuckets | null)[];

/** The vocabulary column of a window's rows: the sample's counts, the rest null. */
export function vocabularyColumn(db: Db, ids: readonly number[], limit = VOCABULARY_SAMPLE): VocabularyColumn {
  const column: VocabularyColumn = new Array<TokenBuckets | null>(ids.length).fill(null);
  const positions = samplePositions(ids, limit);
  const found = loadTokenBuckets(db, positions.map((p) => ids[p]!));
  for (const p of positions) column[p] = found.get(ids[p]!) ?? null;
  return column;
}

export interface VocabularyFigures {
  /** Jensen-Shannon distance net of sampling noise: what is banded. Null without tokens on either side. */
  jsDistance: number | null;
  /** The plain JS distance of the two samples, and the one expected by chance between samples of their sizes. */
  rawJsDistance: number | null;
  noiseJsDistance: number | null;
  /** (JS² − mean JS²ₚₑᵣₘ) / sd JS²ₚₑᵣₘ: how far beyond chance; null without figures or without spread. */
  noiseZ: number | null;
  baselineCases: number;
  currentCases: number;
  baselineTokens: number;
  currentTokens: number;
  /** Bucket totals of both samples (length `VOCABULARY_BUCKETS`). */
  baselineCounts: Float64Array;
  currentCounts: Float64Array;
}

function addInto(into: Float64Array, v: TokenBuckets): void {
  // (Float64 sums of whole counts stay exact far beyond any window's token total.)
  for (let i = 0; i < v.buckets.length; i++) into[v.buckets[i]!]! += v.counts[i]!;
}

function divergence(p: Float64Array, q: Float64Array): number {
  return jensenShannonDistance(p, q) ** 2;
}

/** The vocabulary drift of two samples of cases (each case's bucket counts). */
export function vocabularyDrift(baseline: readonly TokenBuckets[], current: readonly TokenBuckets[], permutations = PERMUTATIONS): VocabularyFigures {
  const hb = new Float64Array(VOCABULARY_BUCKETS);
  const hc = new Float64Array(VOCABULARY_BUCKETS);
  for (const v of baseline) addInto(hb, v);
  for (const v of current) addInto(hc, v);
  const baselineTokens = baseline.reduce((n, v) => n + v.tokens, 0);
  const currentTokens = current.reduce((n, v) => n + v.tokens, 0);
  const figures: VocabularyFigures = {
    jsDistance: null,
    rawJsDistance: null,
    noiseJsDistance: null,
    noiseZ: null,
    baselineCases: baseline.length,
    currentCases: current.length,
    baselineTokens,
    currentTokens,
    baselineCounts: hb,
    currentCounts: hc,
  };
  if (baselineTokens === 0 || currentTokens === 0) return figures;
  const observed = divergence(hb, hc);
  // Sampling noise: the pooled cases split at random into groups of the windows' sizes. The pooled cases are laid
  // out flat once (bucket and count arrays with an offset per case); each split sums the first group and takes the
  // second as the pooled total minus the first.
  const n = baseline.length + current.length;
  const offsets = new Int32Array(n + 1);
  const caseTokens = new Float64Array(n);
  const caseAt = (k: number) => (k < baseline.length ? baseline[k]! : current[k - baseline.length]!);
  for (let k = 0; k < n; k++) {
    const v = caseAt(k);
    offsets[k + 1] = offsets[k]! + v.buckets.length;
    caseTokens[k] = v.tokens;
  }
  const flatBuckets = new Uint16Array(offsets[n]!);
  const flatCounts = new Float64Array(offsets[n]!);
  for (let k = 0; k < n; k++) {
    const v = caseAt(k);
    flatBuckets.set(v.buckets, offsets[k]!);
    flatCounts.set(v.counts, offsets[k]!);
  }
  const pooled = new Float64Array(VOCABULARY_BUCKETS);
  for (let i = 0; i < VOCABULARY_BUCKETS; i++) pooled[i] = hb[i]! + hc[i]!;
  const totalTokens = baselineTokens + currentTokens;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = mulberry32(PERMUTATION_SEED);
  const a = new Float64Array(VOCABULARY_BUCKETS);
  const b = new Float64Array(VOCABULARY_BUCKETS);
  const chance: number[] = [];
  for (let r = 0; r < permutations; r++) {
    // A partial Fisher-Yates shuffle: only the first group's places need a random draw.
    for (let i = 0; i < baseline.length; i++) {
      const j = i + Math.floor(random() * (n - i));
      const x = order[i]!;
      order[i] = order[j]!;
      order[j] = x;
    }
    a.fill(0);
    let ta = 0;
    for (let i = 0; i < baseline.length; i++) {
      const k = order[i]!;
      for (let e = offsets[k]!; e < offsets[k + 1]!; e++) a[flatBuckets[e]!]! += flatCounts[e]!;
      ta += caseTokens[k]!;
    }
    if (ta === 0 || ta === totalTokens) continue;
    for (let i = 0; i < VOCABULARY_BUCKETS; i++) b[i] = pooled[i]! - a[i]!;
    chance.push(divergence(a, b));
  }
  const floor = chance.length > 0 ? chance.reduce((s, x) => s + x, 0) / chance.length : 0;
  const sd = chance.length > 1 ? Math.sqrt(chance.reduce((s, x) => s + (x - floor) ** 2, 0) / (chance.length - 1)) : 0;
  figures.rawJsDistance = Math.sqrt(observed);
  figures.noiseJsDistance = Math.sqrt(floor);
  figures.noiseZ = sd > 0 ? (observed - floor) / sd : null;
  figures.jsDistance = Math.sqrt(Math.max(0, observed - floor));
  return figures;
}
