/**
 * The keys of a collection in order, kept beside its live map: a write of a new key is O(1) (it
 * waits in a buffer), and the first ordered read after writes sorts the buffer and merges it in
 * (O(k log k + n)), so a run of puts never re-sorts per put and a listing between puts pays once.
 * Deleted keys are dropped at the next merge; `has` is asked of the live map.
 */

/** UTF-8 byte order (S3's key order, DynamoDB's string order): UTF-16 order with surrogates placed above U+FFFF's neighbours. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (U+10000 and above in UTF-8) sort after U+E000–U+FFFF.
      x = x < 0xe000 ? x + 0x2000 : x - 0x800;
      y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    }
    return x - y;
  }
  return a.length - b.length;
}

export class SortedKeys {
  private sorted: string[] = [];
  private members = new Set<string>();
  private pending: string[] = [];
  private dirty = false;

  constructor(
    keys: Iterable<string>,
    private readonly has: (key: string) => boolean,
    private readonly compare: (a: string, b: string) => number = compareUtf8,
  ) {
    for (const k of keys) this.add(k);
  }

  /** Notes a key that may be new. */
  add(key: string): void {
    if (this.members.has(key)) return;
    this.members.add(key);
    this.pending.push(key);
  }

  /** Notes that a key was removed (it is dropped at the next ordered read). */
  remove(): void {
    this.dirty = true;
  }

  /** The live keys in order. */
  keys(): readonly string[] {
    if (this.pending.length > 0 || this.dirty) this.merge();
    return this.sorted;
  }

  private merge(): void {
    const add = this.pending.sort(this.compare);
    const out: string[] = [];
    let i = 0;
    let j = 0;
    const old = this.sorted;
    while (i < old.length || j < add.length) {
      const k = j >= add.length || (i < old.length && this.compare(old[i], add[j]) <= 0) ? old[i++] : add[j++];
      if (this.has(k)) out.push(k);
    }
    this.sorted = out;
    this.members = new Set(out);
    this.pending = [];
    this.dirty = false;
  }

  /** The index of the first key not before `key`. */
  lowerBound(key: string): number {
    const keys = this.keys();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(keys[mid], key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of the first key after `key`. */
  upperBound(key: string): number {
    const keys = this.keys();
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(keys[mid], key) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** From index `from`, the first index whose key does not start with `prefix` (keys starting with it are contiguous). */
  endOfPrefix(from: number, prefix: string): number {
    const keys = this.keys();
    let lo = from;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid].startsWith(prefix)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
