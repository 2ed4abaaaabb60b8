/**
 * MinHash signatures over word shingles and their LSH band keys: two texts whose shingle sets have Jaccard
 * similarity J agree on each signature slot with probability J, and share at least one band key with probability
 * 1 − (1 − J^ROWS)^BANDS (≈ 0.998 at J = 0.8, ≈ 0.27 at J = 0.5, ≈ 0.015 at J = 0.3 with 20 bands × 6 rows).
 */

export const HASHES = 120;
export const BANDS = 20;
export const ROWS = HASHES / BANDS;
/** Word pairs: chat queries are short, and a one-word edit of a 20-word query still leaves J ≈ 0.8. */
export const SHINGLE_WORDS = 2;

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers with good avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h >>> 0);
}

/** One fixed salt per hash function; fixed forever, since stored signatures must stay comparable. */
const SALTS = Uint32Array.from({ length: HASHES }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9) >>> 0));

/** Lower-cased words; numbered placeholders lose their number, so `[PERSON_1]` and `[PERSON_2]` read the same. */
export function shingleWords(text: string): string[] {
  const normalised = text.toLowerCase().replace(/\[([a-z][a-z_]*?)_\d+\]/g, ' $1 ');
  return normalised.match(/[\p{L}\p{N}]+(?:[_'][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Hashes of the text's word shingles; a text shorter than one shingle is one shingle. Empty for no words. */
export function shingleHashes(text: string): Set<number> {
  const words = shingleWords(text);
  const out = new Set<number>();
  if (words.length === 0) return out;
  if (words.length < SHINGLE_WORDS) out.add(hashString(words.join(' ')));
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.add(hashString(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  return out;
}

/** The MinHash signature of a text, or null when it has no words. */
export function minhashSignature(text: string): Uint32Array | null {
  const shingles = shingleHashes(text);
  if (shingles.size === 0) return null;
  const signature = new Uint32Array(HASHES).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < HASHES; i++) {
      const h = fmix32((shingle ^ (SALTS[i] as number)) >>> 0);
      if (h < (signature[i] as number)) signature[i] = h;
    }
  }
  return signature;
}

/** The share of slots on which two signatures agree: an unbiased estimate of the texts' Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** One key per band: the band's index and rows hashed into a 53-bit integer (exact in JS and SQLite). */
export function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let hi = fmix32((band + 1) >>> 0);
    let lo = fmix32((band + 0x51ed27) >>> 0);
    for (let r = 0; r < ROWS; r++) {
      const v = signature[band * ROWS + r] as number;
      hi = fmix32((hi ^ v) >>> 0);
      lo = fmix32((Math.imul(lo, 31) + v) >>> 0);
    }
    keys.push((hi & 0x1fffff) * 0x100000000 + lo);
  }
  return keys;
}

export function signatureToBuffer(signature: Uint32Array): Buffer {
  return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
}

export function signatureFromBuffer(buffer: Uint8Array): Uint32Array {
  if (buffer.byteLength !== HASHES * 4) throw new Error(`a MinHash signature has ${HASHES * 4} bytes, not ${buffer.byteLength}`);
  const copy = new Uint8Array(buffer);
  return new Uint32Array(copy.buffer, copy.byteOffset, HASHES);
}
