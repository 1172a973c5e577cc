/**
 * The fewest candidate changes that together cut every edge: a set cover, solved exactly by
 * trying ever larger combinations when the candidates are few, greedily otherwise. Candidates
 * come in order of preference (an earlier one wins a tie).
 */
export interface CoverCandidate {
  /** Indices of the edges the change cuts. */
  covers: number[];
}

const EXACT_LIMIT = 20_000;

function combinations(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

/** Indices of the chosen candidates, or undefined when some edge no candidate cuts. */
export function smallestCover(edgeCount: number, candidates: readonly CoverCandidate[]): number[] | undefined {
  const coverable = new Set(candidates.flatMap((c) => c.covers));
  for (let i = 0; i < edgeCount; i++) if (!coverable.has(i)) return undefined;
  // Greedy: an upper bound, and the answer when the candidates are many.
  const left = new Set(Array.from({ length: edgeCount }, (_, i) => i));
  const greedy: number[] = [];
  while (left.size > 0) {
    let best = -1;
    let gain = 0;
    candidates.forEach((c, i) => {
      const g = c.covers.filter((e) => left.has(e)).length;
      if (g > gain) [best, gain] = [i, g];
    });
    greedy.push(best);
    for (const e of candidates[best].covers) left.delete(e);
  }
  const n = candidates.length;
  for (let k = 1; k < greedy.length; k++) {
    if (combinations(n, k) > EXACT_LIMIT) break;
    const found = search(k);
    if (found) return found;
  }
  return greedy.sort((a, b) => a - b);

  function search(k: number): number[] | undefined {
    const pick: number[] = [];
    const go = (start: number): boolean => {
      if (pick.length === k) {
        const cut = new Set(pick.flatMap((i) => candidates[i].covers));
        return cut.size === edgeCount;
      }
      for (let i = start; i <= n - (k - pick.length); i++) {
        pick.push(i);
        if (go(i + 1)) return true;
        pick.pop();
      }
      return false;
    };
    return go(0) ? [...pick] : undefined;
  }
}
