/**
 * Glob helpers for validation (`*` any run of characters, `?` one character). Neither builds a
 * RegExp from user text. `globMatch` is the evaluator's linear-time `wildcardMatch`, so validation
 * and evaluation agree. `globsIntersect` answers whether two patterns can match a common string,
 * by walking the product of their automata: O(|a|·|b|).
 */
import { wildcardMatch } from '../evaluate';
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  return wildcardMatch(pattern, text, ignoreCase);
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
