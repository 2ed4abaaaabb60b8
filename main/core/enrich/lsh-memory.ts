/**
 * Compact in-memory structures for the LSH bucket tiers (see near-duplicates.ts): the recent tier's rows, indexed
 * by bucket, and a Bloom filter of the large tier's bucket keys. Typed arrays rather than Maps of objects, so a
 * million recent rows cost some 30 MB and a filter of thirty million keys some 30 MB. Bucket keys are 53-bit
 * hashes already (minhash.ts bandKeys), so their low 32 bits serve as a hash directly.
 */

/** One recent-tier row: a (bucket, cluster) pair and the case that put it there. */
export interface RecentRow {
  clusterId: number;
  caseId: number;
}

/** Low and high 32 bits of a non-negative integer below 2^53. */
function lo32(key: number): number {
  return key >>> 0;
}
function hi32(key: number): number {
  return Math.floor(key / 4294967296) >>> 0;
}

/** The recent tier's rows, with, per bucket, a chain of its rows newest first. */
export class RecentTier {
  private keys = new Float64Array(1024);
  /** Case and cluster ids (cluster ids are case ids): rowids, below 2^32 in any workspace this holds. */
  private clusters = new Uint32Array(1024);
  private cases = new Uint32Array(1024);
  /** Index + 1 of the next (older) row of the same bucket; 0 ends the chain. */
  private next = new Int32Array(1024);
  /** Open addressing by bucket key: index + 1 of the bucket's newest row; 0 is empty. */
  private slots = new Int32Array(2048);
  private buckets = 0;
  /** Rows held. */
  count = 0;

  private slotOf(key: number): number {
    const mask = this.slots.length - 1;
    let slot = lo32(key) & mask;
    for (;;) {
      const head = this.slots[slot]!;
      if (head === 0 || this.keys[head - 1] === key) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const copy = <T extends Float64Array | Uint32Array | Int32Array>(from: T, to: T): T => (to.set(from), to);
    this.keys = copy(this.keys, new Float64Array(size));
    this.clusters = copy(this.clusters, new Uint32Array(size));
    this.cases = copy(this.cases, new Uint32Array(size));
    this.next = copy(this.next, new Int32Array(size));
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (const head of old) if (head !== 0) this.slots[this.slotOf(this.keys[head - 1]!)] = head;
  }

  /** Adds a row (the caller has checked the pair is not here already). */
  add(bucket: number, clusterId: number, caseId: number): void {
    if (clusterId > 0xffffffff || caseId > 0xffffffff || clusterId < 0 || caseId < 0) throw new RangeError(`case id out of range for the LSH recent tier: ${caseId} (cluster ${clusterId})`);
    if (this.count === this.keys.length) this.grow();
    // At most 70 % of the slots in use: short probe runs, and 2^21 slots (8 MB) for a million buckets.
    if ((this.buckets + 1) * 10 > this.slots.length * 7) this.rehash();
    const i = this.count++;
    this.keys[i] = bucket;
    this.clusters[i] = clusterId;
    this.cases[i] = caseId;
    const slot = this.slotOf(bucket);
    if (this.slots[slot] === 0) this.buckets++;
    this.next[i] = this.slots[slot]!;
    this.slots[slot] = i + 1;
  }

  /** Whether the bucket holds the cluster. */
  has(bucket: number, clusterId: number): boolean {
    for (let r = this.slots[this.slotOf(bucket)]!; r !== 0; r = this.next[r - 1]!) if (this.clusters[r - 1] === clusterId) return true;
    return false;
  }

  /** The bucket's rows with the `limit` largest cluster ids, largest first. */
  newest(bucket: number, limit: number): RecentRow[] {
    const rows: RecentRow[] = [];
    for (let r = this.slots[this.slotOf(bucket)]!; r !== 0; r = this.next[r - 1]!) rows.push({ clusterId: this.clusters[r - 1]!, caseId: this.cases[r - 1]! });
    rows.sort((a, b) => b.clusterId - a.clusterId);
    return rows.length > limit ? rows.slice(0, limit) : rows;
  }

  /** Adds every bucket key held (once per row) to the filter. */
  addKeysTo(filter: KeyFilter): void {
    for (let i = 0; i < this.count; i++) filter.add(this.keys[i]!);
  }

  /**
   * Calls `row` for every row in (bucket, cluster) order. Allocates little, since a merge runs it over a million
   * rows: the keys are sorted as a typed array (natively, in place), then each bucket's few rows are taken from its
   * chain in cluster order.
   */
  forEachSorted(row: (bucket: number, clusterId: number, caseId: number) => void): void {
    const sorted = this.keys.slice(0, this.count).sort();
    const chain: number[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const bucket = sorted[i]!;
      if (i > 0 && sorted[i - 1] === bucket) continue;
      chain.length = 0;
      for (let r = this.slots[this.slotOf(bucket)]!; r !== 0; r = this.next[r - 1]!) chain.push(r - 1);
      if (chain.length > 1) chain.sort((a, b) => this.clusters[a]! - this.clusters[b]!);
      for (const r of chain) row(bucket, this.clusters[r]!, this.cases[r]!);
    }
  }
}

/**
 * A Bloom filter of bucket keys, sized for `capacity` keys at 8 bits each with 5 probes: about 2 % false positives
 * at capacity. "No" is certain: a key it has not seen is not asked of the large
 * tier.
 */
export class KeyFilter {
  private readonly bits: Uint32Array;
  private readonly nbits: number;
  /** Keys added. */
  size = 0;

  constructor(readonly capacity: number) {
    const words = Math.max(1024, Math.ceil(capacity / 4));
    this.bits = new Uint32Array(words);
    this.nbits = words * 32;
  }

  add(key: number): void {
    const a = lo32(key);
    const b = (hi32(key) * 2 + 1) | 0;
    for (let i = 0; i < 5; i++) {
      const bit = ((a + Math.imul(i, b)) >>> 0) % this.nbits;
      const word = bit >>> 5;
      this.bits[word] = this.bits[word]! | (1 << (bit & 31));
    }
    this.size++;
  }

  mayHave(key: number): boolean {
    const a = lo32(key);
    const b = (hi32(key) * 2 + 1) | 0;
    for (let i = 0; i < 5; i++) {
      const bit = ((a + Math.imul(i, b)) >>> 0) % this.nbits;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}
