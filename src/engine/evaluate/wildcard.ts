/**
 * Glob matching for IAM patterns: `*` matches any run of characters (including none, and across
 * `/` and `:`), `?` matches exactly one. No regular expression is ever built from a pattern.
 *
 * A pattern is compiled once into segments split on `*`: the first segment is matched anchored at
 * the start, the last anchored at the end, and each middle segment is found by a leftmost search
 * after the previous one (leftmost is always safe: a `*` on either side absorbs the rest).
 *
 * Complexity, for a text of length n and a pattern of length P:
 * - a `?`-free middle segment is searched with Knuth–Morris–Pratt: O(n + P) in total;
 * - a middle segment containing `?` of up to 256 characters is searched with the shift-and
 *   (bitap) algorithm over at most eight 32-bit words: O(n · ⌈m/32⌉) ≤ O(8n);
 * - a longer one by convolution with the FFT (dont-care.ts): O((n + m) log m) time, O(m) memory;
 * - each search starts where the previous segment ended, so the text is scanned once overall.
 * There is no backtracking, so adversarial inputs (`a*a*a*…b` against `aaaa…`) stay linear.
 */
import type { DontCarePattern } from './dont-care';
import { dontCareSearch } from './dont-care';
import { foldCase } from './fold-case';

export interface WildcardMatcher {
  readonly pattern: string;
  readonly ignoreCase: boolean;
  /** True when the pattern has no `*` and no `?`. */
  readonly literal: boolean;
  /** True when the pattern is only stars: it matches everything. */
  readonly matchesAll: boolean;
  /** Matches `text` (folded here when ignoreCase). */
  test(text: string): boolean;
  /** Matches a text that the caller has already folded with `foldCase` (when ignoreCase). */
  testFolded(text: string): boolean;
}

/** A piece of a pattern: `glob` text gives `*` and `?` their meaning; other text is literal. */
export interface PatternPiece {
  text: string;
  glob: boolean;
}

/** The text between two `*`. */
interface Segment {
  str: string;
  /** 1 where the segment has a wildcard `?` (the character in `str` is then ignored); absent when none. */
  q?: Uint8Array;
  /** KMP failure table, for `?`-free middle segments. */
  fail?: Int32Array;
  /** Bitap masks per code unit, for middle segments with `?`. */
  masks?: Map<number, Uint32Array>;
  wildMask?: Uint32Array;
  /** For middle segments with `?` longer than BITAP_MAX: searched by convolution (dont-care.ts). */
  dontCare?: DontCarePattern;
  /** True once the search tables of a middle segment are built (on its first search). */
  prepared?: boolean;
}

/**
 * Compiled matchers by pattern, shared: the same `s3:Get*` or `arn:aws:s3:::bucket/*` written in
 * thousands of documents, or a `${aws:username}` resource resolved to the same text request after
 * request, is compiled once. Matchers never change what they match (a middle segment's search table
 * is built on its first search). Bounded; long patterns are not kept.
 */
const memo = [new Map<string, WildcardMatcher>(), new Map<string, WildcardMatcher>()];
const MEMO_ENTRIES = 20_000;
const MEMO_PATTERN_LENGTH = 512;

/** Compiles a pattern for repeated matching (memoised). */
export function compileWildcard(pattern: string, ignoreCase: boolean): WildcardMatcher {
  return compilePieces([{ text: pattern, glob: true }], ignoreCase, pattern);
}

function memoKey(pieces: PatternPiece[], pattern: string | undefined): string | undefined {
  if (pieces.length === 1 && pieces[0].glob && (pattern === undefined || pattern === pieces[0].text))
    return pieces[0].text.length <= MEMO_PATTERN_LENGTH ? pieces[0].text : undefined;
  let key = pattern === undefined ? '\u0000' : `\u0001${pattern.length}:${pattern}`;
  for (const p of pieces) key += `${p.glob ? '\u0002' : '\u0003'}${p.text.length}:${p.text}`;
  return key.length <= MEMO_PATTERN_LENGTH * 2 ? key : undefined;
}

/**
 * Compiles a pattern made of glob and literal pieces (policy variables: `${*}` and substituted
 * values are literal text, not wildcards). Memoised.
 */
export function compilePieces(pieces: PatternPiece[], ignoreCase: boolean, pattern?: string): WildcardMatcher {
  const key = memoKey(pieces, pattern);
  if (key === undefined) return compileFresh(pieces, ignoreCase, pattern);
  const table = memo[ignoreCase ? 1 : 0];
  let m = table.get(key);
  if (!m) {
    m = compileFresh(pieces, ignoreCase, pattern);
    if (table.size >= MEMO_ENTRIES) table.clear();
    table.set(key, m);
  }
  return m;
}

function compileFresh(pieces: PatternPiece[], ignoreCase: boolean, pattern?: string): WildcardMatcher {
  const segs = splitSegments(pieces, ignoreCase);
  const hasStar = segs.length > 1;
  const literal = !hasStar && !segs[0].q;
  const matchesAll = hasStar && segs.every((s) => s.str.length === 0);
  let testFolded: (t: string) => boolean;
  if (matchesAll) testFolded = () => true;
  else if (literal) {
    const p = segs[0].str;
    testFolded = (t) => t === p;
  } else if (!hasStar) {
    const only = segs[0];
    testFolded = (t) => t.length === only.str.length && matchAt(only, t, 0);
  } else {
    const prefix = segs[0];
    const suffix = segs[segs.length - 1];
    // A middle segment's search tables are built on its first search: a pattern whose prefix or
    // suffix already fails (most, for a document read once) never needs them.
    const middles = segs.slice(1, -1).filter((s) => s.str.length > 0);
    const pLen = prefix.str.length;
    const sLen = suffix.str.length;
    const minLength = pLen + sLen + middles.reduce((n, s) => n + s.str.length, 0);
    testFolded = (t) => {
      if (t.length < minLength) return false;
      if (pLen > 0 && !(prefix.q ? matchAt(prefix, t, 0) : t.startsWith(prefix.str))) return false;
      const end = t.length - sLen;
      if (sLen > 0 && !(suffix.q ? matchAt(suffix, t, end) : t.endsWith(suffix.str))) return false;
      let pos = pLen;
      for (const seg of middles) {
        if (seg.prepared !== true) prepareSearch(seg);
        const at = seg.dontCare
          ? dontCareSearch(seg.dontCare, t, pos, end)
          : seg.q
            ? bitapSearch(seg, t, pos, end)
            : kmpSearch(seg, t, pos, end);
        if (at < 0) return false;
        pos = at + seg.str.length;
      }
      return true;
    };
  }
  return {
    pattern: pattern ?? pieces.map((p) => p.text).join(''),
    ignoreCase,
    literal,
    matchesAll,
    testFolded,
    test: ignoreCase ? (t) => testFolded(foldCase(t)) : testFolded,
  };
}

/** Splits pieces into segments at every glob `*`, noting the positions of glob `?`. */
function splitSegments(pieces: PatternPiece[], ignoreCase: boolean): Segment[] {
  const out: { str: string; q: number[] | undefined }[] = [{ str: '', q: undefined }];
  for (const piece of pieces) {
    const t = ignoreCase ? foldCase(piece.text) : piece.text;
    let cur = out[out.length - 1];
    if (!piece.glob) {
      cur.str += t;
      continue;
    }
    let start = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 42 /* * */) {
        cur.str += t.slice(start, i);
        cur = { str: '', q: undefined };
        out.push(cur);
        start = i + 1;
      } else if (c === 63 /* ? */) {
        (cur.q ??= []).push(cur.str.length + (i - start));
      }
    }
    cur.str += t.slice(start);
  }
  return out.map(({ str, q }) => {
    if (!q) return { str };
    const mask = new Uint8Array(str.length);
    for (const i of q) mask[i] = 1;
    return { str, q: mask };
  });
}

/** One-off match. For repeated matching, compile once with `compileWildcard`. */
export function wildcardMatch(pattern: string, text: string, ignoreCase: boolean): boolean {
  return compileWildcard(pattern, ignoreCase).test(text);
}

/** Does `seg` match `t` at `at`? */
function matchAt(seg: Segment, t: string, at: number): boolean {
  const p = seg.str;
  const q = seg.q;
  if (at < 0 || at + p.length > t.length) return false;
  if (!q) return t.startsWith(p, at);
  for (let i = 0; i < p.length; i++) {
    if (q[i] === 0 && p.charCodeAt(i) !== t.charCodeAt(at + i)) return false;
  }
  return true;
}

/** Segments with `?` up to this length are searched with bit-parallel shift-and (at most 8 words). */
const BITAP_MAX = 256;

function prepareSearch(seg: Segment): void {
  seg.prepared = true;
  const p = seg.str;
  const m = p.length;
  const q = seg.q;
  if (!q) {
    const fail = new Int32Array(m);
    let k = 0;
    for (let i = 1; i < m; i++) {
      while (k > 0 && p.charCodeAt(i) !== p.charCodeAt(k)) k = fail[k - 1];
      if (p.charCodeAt(i) === p.charCodeAt(k)) k++;
      fail[i] = k;
    }
    seg.fail = fail;
    return;
  }
  if (m > BITAP_MAX) {
    seg.dontCare = { p, q };
    return;
  }
  const words = (m + 31) >>> 5;
  const wild = new Uint32Array(words);
  for (let i = 0; i < m; i++) if (q[i]) wild[i >>> 5] |= 1 << (i & 31);
  // One mask per distinct character of the segment: at most m · 8 words.
  const masks = new Map<number, Uint32Array>();
  for (let i = 0; i < m; i++) {
    if (q[i]) continue;
    const c = p.charCodeAt(i);
    let mask = masks.get(c);
    if (!mask) {
      mask = Uint32Array.from(wild);
      masks.set(c, mask);
    }
    mask[i >>> 5] |= 1 << (i & 31);
  }
  seg.masks = masks;
  seg.wildMask = wild;
}

/** Leftmost start ≥ from of `seg` lying entirely before `end`, or -1. O(end - from + m). */
function kmpSearch(seg: Segment, t: string, from: number, end: number): number {
  const p = seg.str;
  const m = p.length;
  const fail = seg.fail!;
  let k = 0;
  for (let i = from; i < end; i++) {
    const c = t.charCodeAt(i);
    while (k > 0 && c !== p.charCodeAt(k)) k = fail[k - 1];
    if (c === p.charCodeAt(k)) k++;
    if (k === m) return i - m + 1;
  }
  return -1;
}

/** Shift-and search for a segment with `?`. O((end - from) · ⌈m/32⌉). */
function bitapSearch(seg: Segment, t: string, from: number, end: number): number {
  const m = seg.str.length;
  const words = (m + 31) >>> 5;
  const masks = seg.masks!;
  const wild = seg.wildMask!;
  const lastWord = (m - 1) >>> 5;
  const lastBit = 1 << ((m - 1) & 31);
  if (words === 1) {
    const w0 = wild[0];
    let d = 0;
    for (let i = from; i < end; i++) {
      const mask = masks.get(t.charCodeAt(i));
      d = ((d << 1) | 1) & (mask ? mask[0] : w0);
      if (d & lastBit) return i - m + 1;
    }
    return -1;
  }
  const d = new Uint32Array(words);
  for (let i = from; i < end; i++) {
    const mask = masks.get(t.charCodeAt(i)) ?? wild;
    for (let w = words - 1; w > 0; w--) d[w] = ((d[w] << 1) | (d[w - 1] >>> 31)) & mask[w];
    d[0] = ((d[0] << 1) | 1) & mask[0];
    if (d[lastWord] & lastBit) return i - m + 1;
  }
  return -1;
}
