/**
 * Bitsets over the resources of one type (sorted by ARN): plain `Uint32Array`s, 32 resources a
 * word. A bit is a resource's position in its type's sorted list.
 */
export type Bits = Uint32Array;

export const words = (n: number) => (n + 31) >>> 5;

export const zeros = (n: number): Bits => new Uint32Array(words(n));

export function ones(n: number): Bits {
  const b = new Uint32Array(words(n));
  b.fill(0xffffffff);
  const extra = b.length * 32 - n;
  if (extra > 0 && b.length > 0) b[b.length - 1] = 0xffffffff >>> extra;
  return b;
}

export const has = (b: Bits, i: number) => (b[i >>> 5] & (1 << (i & 31))) !== 0;

export function set(b: Bits, i: number): void {
  b[i >>> 5] |= 1 << (i & 31);
}

export function clear(b: Bits, i: number): void {
  b[i >>> 5] &= ~(1 << (i & 31));
}

/** `into |= other`. */
export function orInto(into: Bits, other: Bits): void {
  for (let i = 0; i < into.length; i++) into[i] |= other[i];
}

/** `into &= other`. */
export function andInto(into: Bits, other: Bits): void {
  for (let i = 0; i < into.length; i++) into[i] &= other[i];
}

/** `into &= ~other`. */
export function andNotInto(into: Bits, other: Bits): void {
  for (let i = 0; i < into.length; i++) into[i] &= ~other[i];
}

/** The complement within `n` resources. */
export function not(b: Bits, n: number): Bits {
  const out = ones(n);
  andNotInto(out, b);
  return out;
}

export function isEmpty(b: Bits): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

/** Calls `f` with each set bit, in order. */
export function forEach(b: Bits, f: (i: number) => void): void {
  for (let w = 0; w < b.length; w++) {
    let x = b[w];
    while (x !== 0) {
      const t = x & -x;
      f((w << 5) + 31 - Math.clz32(t));
      x ^= t;
    }
  }
}

export function count(b: Bits): number {
  let c = 0;
  for (let w = 0; w < b.length; w++) {
    let x = b[w];
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    c += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return c;
}

/** The first index of a sorted list whose item is not less than `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
