/**
 * Glob helpers for validation (`*` any run of characters, `?` one character). Neither builds a
 * RegExp from user text. `globMatch` is the evaluator's linear-time `wildcardMatch`, so validation
 * and evaluation agree. `globsIntersect` answers whether two patterns can match a common string,
 * by walking the product of their automata: O(|a|·|b|).
 */
import { compileWildcard, wildcardMatch } from '../evaluate';
import type { WildcardMatcher } from '../evaluate';
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  return wildcardMatch(pattern, text, ignoreCase);
}

/** True when the text has a `*` or a `?`. */
export const hasGlob = (s: string): boolean => s.includes('*') || s.includes('?');

/** Texts longer than this are not looked up in a `WildcardIndex` (nothing is found for them). */
const MAX_LOOKUP = 2048;

/**
 * The patterns of one list, indexed by their literal head (the text before the first `*` or `?`),
 * to find a pattern that matches a given text without comparing it with every pattern: a pattern
 * can match a text only when its head is a prefix of the text, so a lookup visits the text's
 * prefixes (O(|text|) map probes) and tests at most `budget` candidates. Building is linear in the
 * patterns' total length. With many patterns of one head the search is bounded, not exhaustive;
 * the index serves suggestions (redundant values), where a missed one costs nothing.
 */
export class WildcardIndex {
  private readonly byHead = new Map<string, { index: number; matcher: WildcardMatcher }[]>();
  private readonly lengths = new Set<number>();
  constructor(
    private readonly ignoreCase: boolean,
    private readonly budget = 32,
  ) {}

  add(pattern: string, index: number): void {
    let head = pattern.length;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '*' || c === '?') {
        head = i;
        break;
      }
    }
    const key = this.ignoreCase ? pattern.slice(0, head).toLowerCase() : pattern.slice(0, head);
    const list = this.byHead.get(key);
    const entry = { index, matcher: compileWildcard(pattern, this.ignoreCase) };
    if (list) {
      if (list.length < this.budget) list.push(entry);
    } else {
      this.byHead.set(key, [entry]);
      this.lengths.add(key.length);
    }
  }

  /** The lowest-numbered indexed pattern (other than `except`) among those tried that matches `text`. */
  find(text: string, except = -1, accept: (index: number) => boolean = () => true): number | undefined {
    if (text.length > MAX_LOOKUP) return undefined;
    const key = this.ignoreCase ? text.toLowerCase() : text;
    let tried = 0;
    let best: number | undefined;
    for (let len = 0; len <= key.length && tried < this.budget * 4; len++) {
      if (!this.lengths.has(len)) continue;
      const list = this.byHead.get(key.slice(0, len));
      if (!list) continue;
      for (const e of list) {
        if (e.index === except || !accept(e.index)) continue;
        if (++tried > this.budget * 4) break;
        if ((best === undefined || e.index < best) && e.matcher.test(text)) best = e.index;
      }
    }
    return best;
  }
}

/** True when some string matches both patterns. Patterns longer than 4,096 characters are not compared (answers true). */
export function globsIntersect(a: string, b: string): boolean {
  if (a.length > 4096 || b.length > 4096) return true;
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const seen = new Uint8Array((n + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const k = i * width + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length) {
    const k = stack.pop()!;
    const i = Math.floor(k / width);
    const j = k % width;
    if (i === n && j === m) return true;
    const ca = i < n ? a[i] : '';
    const cb = j < m ? b[j] : '';
    if (ca === '*') push(i + 1, j);
    if (cb === '*') push(i, j + 1);
    if (i < n && j < m) {
      // consume one common character
      const ai = ca === '*' ? i : i + 1;
      const bj = cb === '*' ? j : j + 1;
      const anyA = ca === '*' || ca === '?';
      const anyB = cb === '*' || cb === '?';
      if (anyA || anyB || ca === cb) push(ai, bj);
    }
  }
  return false;
}
