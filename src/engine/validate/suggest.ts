/** "Did you mean" suggestions: the closest candidates by edit distance (with transpositions), bounded. */
import type { Catalog } from '../../catalog';

/** "Did you mean" answers, memoised per catalogue (emptied past 10,000 entries): one search per distinct name. */
const suggestions = new WeakMap<Catalog, Map<string, string[]>>();
export function memoSuggest(catalog: Catalog, key: string, compute: () => string[]): string[] {
  let memo = suggestions.get(catalog);
  if (!memo) {
    memo = new Map();
    suggestions.set(catalog, memo);
  }
  const hit = memo.get(key);
  if (hit) return hit;
  if (memo.size > 10_000) memo.clear();
  const answer = compute();
  memo.set(key, answer);
  return answer;
}

/** Optimal string alignment distance, or `limit + 1` as soon as it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/**
 * The candidates closest to `input` (case-insensitive), at most `max`, within a distance that
 * grows with the input's length (1 for short words, up to 3). Inputs over 128 characters get none.
 */
export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  if (input.length === 0 || input.length > 128) return [];
  const lower = input.toLowerCase();
  const limit = lower.length <= 4 ? 1 : lower.length <= 10 ? 2 : 3;
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) return [c];
    const d = editDistance(lower, cl, limit);
    if (d <= limit) scored.push({ c, d });
  }
  scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  return scored.slice(0, max).map((s) => s.c);
}

/** `` `a` or `b` `` */
export function orList(options: string[]): string {
  return options.map((o) => `\`${o}\``).join(' or ');
}

/** `did you mean `a` or `b`?` help text, or '' when there is no suggestion. */
export function didYouMean(options: string[]): string {
  if (options.length === 0) return '';
  return `Did you mean ${orList(options)}?`;
}
