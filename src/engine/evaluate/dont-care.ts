/**
 * Leftmost occurrence of a long pattern with don't-care positions (`?`) in a text, in
 * O((n + m) log m) time and O(m) memory whatever the input (Fischer and Paterson's reduction to
 * convolution, as in Clifford and Clifford, "Simple deterministic wildcard matching", 2007):
 *
 *   S(i) = Σ_j w_j (x_j − y_{i+j})²  =  Σ_j w_j x_j²  −  2 Σ_j (w_j x_j) y_{i+j}  +  Σ_j w_j y_{i+j}²
 *
 * with w_j = 0 at a `?` and 1 elsewhere, x the pattern's and y the text's characters mapped to
 * small numbers. S(i) is 0 exactly when the pattern matches at i (up to the mapping), and the two
 * correlations are computed for a block of the text at a time with one forward and one inverse
 * FFT of size N ≥ 2m (the pattern's transforms are computed once). Characters are mapped at
 * random to 1..1024 (a text character absent from the pattern to 0), which keeps every sum well
 * inside double precision (exact after rounding); a candidate is then confirmed character by
 * character, and after a few false candidates the mapping is drawn again. So the answer is always
 * exact, and the expected time is the bound above even for inputs built to collide.
 */

const RANGE = 1024;

export interface DontCarePattern {
  /** The pattern's code units. */
  readonly p: string;
  /** 1 where the pattern has a don't-care. */
  readonly q: Uint8Array;
  /** Lazily built state for the FFT search (per pattern). */
  state?: State;
}

interface State {
  n: number; // FFT size
  log: number;
  map: Map<number, number>;
  /** FFT of reversed (w·x) (real part) and reversed w (imaginary part), separated. */
  aRe: Float64Array;
  aIm: Float64Array;
  bRe: Float64Array;
  bIm: Float64Array;
  sumWx2: number;
  // scratch
  re: Float64Array;
  im: Float64Array;
}

const twiddles = new Map<number, { cos: Float64Array; sin: Float64Array; rev: Uint32Array }>();

function tables(n: number, log: number) {
  let t = twiddles.get(n);
  if (t) return t;
  const cos = new Float64Array(n / 2);
  const sin = new Float64Array(n / 2);
  for (let i = 0; i < n / 2; i++) {
    cos[i] = Math.cos((2 * Math.PI * i) / n);
    sin[i] = Math.sin((2 * Math.PI * i) / n);
  }
  const rev = new Uint32Array(n);
  for (let i = 0; i < n; i++) rev[i] = (rev[i >>> 1] >>> 1) | ((i & 1) << (log - 1));
  t = { cos, sin, rev };
  if (twiddles.size > 8) twiddles.clear();
  twiddles.set(n, t);
  return t;
}

/** In-place iterative radix-2 FFT; `inverse` uses the conjugate roots (no 1/n scaling). */
function fft(re: Float64Array, im: Float64Array, n: number, log: number, inverse: boolean): void {
  const { cos, sin, rev } = tables(n, log);
  for (let i = 0; i < n; i++) {
    const j = rev[i];
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >>> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = sign * sin[k * step];
        const a = start + k;
        const b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

/** Splits the transform of u + i·v (u, v real) into the transforms of u and of v. */
function separate(
  re: Float64Array,
  im: Float64Array,
  n: number,
  uRe: Float64Array,
  uIm: Float64Array,
  vRe: Float64Array,
  vIm: Float64Array,
): void {
  for (let k = 0; k < n; k++) {
    const c = (n - k) & (n - 1);
    const zr = re[k];
    const zi = im[k];
    const cr = re[c];
    const ci = -im[c];
    uRe[k] = (zr + cr) / 2;
    uIm[k] = (zi + ci) / 2;
    // v = (z − conj(z[N−k])) / 2i
    vRe[k] = (zi - ci) / 2;
    vIm[k] = -(zr - cr) / 2;
  }
}

function build(pat: DontCarePattern): State {
  const m = pat.p.length;
  let n = 1;
  let log = 0;
  while (n < 2 * m) {
    n <<= 1;
    log++;
  }
  const map = new Map<number, number>();
  for (let j = 0; j < m; j++) {
    if (pat.q[j]) continue;
    const c = pat.p.charCodeAt(j);
    if (!map.has(c)) map.set(c, 1 + Math.floor(Math.random() * RANGE));
  }
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  let sumWx2 = 0;
  for (let j = 0; j < m; j++) {
    if (pat.q[j]) continue;
    const x = map.get(pat.p.charCodeAt(j))!;
    re[m - 1 - j] = x; // reversed w·x
    im[m - 1 - j] = 1; // reversed w
    sumWx2 += x * x;
  }
  fft(re, im, n, log, false);
  const s: State = {
    n,
    log,
    map,
    aRe: new Float64Array(n),
    aIm: new Float64Array(n),
    bRe: new Float64Array(n),
    bIm: new Float64Array(n),
    sumWx2,
    re,
    im,
  };
  separate(re, im, n, s.aRe, s.aIm, s.bRe, s.bIm);
  return s;
}

function confirm(pat: DontCarePattern, t: string, at: number): boolean {
  const { p, q } = pat;
  for (let j = 0; j < p.length; j++) if (q[j] === 0 && p.charCodeAt(j) !== t.charCodeAt(at + j)) return false;
  return true;
}

/** Leftmost start in [from, end − m] of the pattern in `t`, or -1. */
export function dontCareSearch(pat: DontCarePattern, t: string, from: number, end: number): number {
  const m = pat.p.length;
  if (end - from < m) return -1;
  let s = (pat.state ??= build(pat));
  let misses = 0;
  let start = from;
  while (start + m <= end) {
    const { n, log, map, re, im } = s;
    // The text block [start, start + n): y in the real part, y² in the imaginary part.
    const stop = Math.min(end, start + n);
    for (let k = 0; k < n; k++) {
      const y = start + k < stop ? (map.get(t.charCodeAt(start + k)) ?? 0) : 0;
      re[k] = y;
      im[k] = y * y;
    }
    fft(re, im, n, log, false);
    // Y(k) and Y²(k) from the packed transform, multiplied by the pattern's, packed again:
    // IFFT(A·Y + i·B·Y²) has corr(w·x, y) in its real part and corr(w, y²) in its imaginary part.
    for (let k = 0; k <= n >>> 1; k++) {
      const c = (n - k) & (n - 1);
      const zr = re[k];
      const zi = im[k];
      const cr = re[c];
      const ci = -im[c];
      const yr = (zr + cr) / 2;
      const yi = (zi + ci) / 2;
      const y2r = (zi - ci) / 2;
      const y2i = -(zr - cr) / 2;
      // at k
      const pr = s.aRe[k] * yr - s.aIm[k] * yi;
      const pi = s.aRe[k] * yi + s.aIm[k] * yr;
      const qr = s.bRe[k] * y2r - s.bIm[k] * y2i;
      const qi = s.bRe[k] * y2i + s.bIm[k] * y2r;
      // at N − k: Y and Y² are conjugate-symmetric
      const pr2 = s.aRe[c] * yr + s.aIm[c] * yi;
      const pi2 = -s.aRe[c] * yi + s.aIm[c] * yr;
      const qr2 = s.bRe[c] * y2r + s.bIm[c] * y2i;
      const qi2 = -s.bRe[c] * y2i + s.bIm[c] * y2r;
      re[k] = pr - qi;
      im[k] = pi + qr;
      if (c !== k) {
        re[c] = pr2 - qi2;
        im[c] = pi2 + qr2;
      }
    }
    fft(re, im, n, log, true);
    // Alignment i = start + k has its correlations at index k + m − 1.
    const last = Math.min(end - m, start + n - m);
    let found = -1;
    for (let i = start; i <= last; i++) {
      const k = i - start + m - 1;
      const score = s.sumWx2 - (2 * re[k]) / n + im[k] / n;
      if (Math.abs(score) < 0.5) {
        if (confirm(pat, t, i)) {
          found = i;
          break;
        }
        if (++misses > 4) break; // an unlucky mapping: draw another and redo this block
      }
    }
    if (found >= 0) return found;
    if (misses > 4) {
      misses = 0;
      s = pat.state = build(pat);
      continue;
    }
    start = last + 1;
  }
  return -1;
}
