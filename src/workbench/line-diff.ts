/**
 * A line diff (Myers' O((N+M)·D) algorithm with its linear-space middle-snake split, as in
 * diff-match-patch's bisect): what changed between two versions of a policy, line by line, and
 * the hunks a person reads (changed lines with a few lines of context around them).
 */

export type DiffKind = 'same' | 'added' | 'removed';

export interface DiffLine {
  kind: DiffKind;
  text: string;
  /** 1-based line number in the old text (same and removed lines). */
  oldLine?: number;
  /** 1-based line number in the new text (same and added lines). */
  newLine?: number;
}

export interface DiffHunk {
  /** The hunk's first line in each text, 1-based (as `@@ -old +new @@` shows it). */
  oldStart: number;
  newStart: number;
  lines: DiffLine[];
}

/** Work the diff may do (compared lines) before it gives the rest up as one removal and one addition, so no input hangs it. */
const BUDGET = 50_000_000;

type Op = [kind: DiffKind, from: number, count: number];

class Differ {
  private work = 0;
  readonly ops: Op[] = [];
  constructor(
    private readonly a: readonly string[],
    private readonly b: readonly string[],
  ) {}

  private push(kind: DiffKind, from: number, count: number): void {
    if (count <= 0) return;
    const last = this.ops[this.ops.length - 1];
    if (last && last[0] === kind && last[1] + last[2] === from) last[2] += count;
    else this.ops.push([kind, from, count]);
  }

  /** Diffs a[a0, a1) against b[b0, b1); `same` ops index a, `added` ones b, `removed` ones a. */
  run(a0: number, a1: number, b0: number, b1: number): void {
    const { a, b } = this;
    let pre = 0;
    while (a0 + pre < a1 && b0 + pre < b1 && a[a0 + pre] === b[b0 + pre]) pre++;
    let suf = 0;
    while (a1 - suf > a0 + pre && b1 - suf > b0 + pre && a[a1 - 1 - suf] === b[b1 - 1 - suf]) suf++;
    this.push('same', a0, pre);
    const x0 = a0 + pre;
    const x1 = a1 - suf;
    const y0 = b0 + pre;
    const y1 = b1 - suf;
    if (x0 === x1) this.push('added', y0, y1 - y0);
    else if (y0 === y1) this.push('removed', x0, x1 - x0);
    else {
      const split = this.work > BUDGET ? undefined : this.bisect(x0, x1, y0, y1);
      if (split) {
        this.run(x0, split[0], y0, split[1]);
        this.run(split[0], x1, split[1], y1);
      } else {
        this.push('removed', x0, x1 - x0);
        this.push('added', y0, y1 - y0);
      }
    }
    this.push('same', a1 - suf, suf);
  }

  /** The middle snake's point where the forward and backward paths meet, or undefined when the texts share nothing (or the budget ran out). */
  private bisect(a0: number, a1: number, b0: number, b1: number): [number, number] | undefined {
    const { a, b } = this;
    const n = a1 - a0;
    const m = b1 - b0;
    const maxD = Math.ceil((n + m) / 2);
    const off = maxD;
    const len = 2 * maxD + 2;
    const v1 = new Int32Array(len).fill(-1);
    const v2 = new Int32Array(len).fill(-1);
    v1[off + 1] = 0;
    v2[off + 1] = 0;
    const delta = n - m;
    const front = delta % 2 !== 0;
    let k1start = 0;
    let k1end = 0;
    let k2start = 0;
    let k2end = 0;
    for (let d = 0; d < maxD; d++) {
      if (this.work > BUDGET) return undefined;
      for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const i1 = off + k1;
        let x1 = k1 === -d || (k1 !== d && v1[i1 - 1] < v1[i1 + 1]) ? v1[i1 + 1] : v1[i1 - 1] + 1;
        let y1 = x1 - k1;
        while (x1 < n && y1 < m && a[a0 + x1] === b[b0 + y1]) {
          x1++;
          y1++;
        }
        this.work += 1 + d;
        v1[i1] = x1;
        if (x1 > n) k1end += 2;
        else if (y1 > m) k1start += 2;
        else if (front) {
          const i2 = off + delta - k1;
          if (i2 >= 0 && i2 < len && v2[i2] !== -1 && x1 >= n - v2[i2]) return [a0 + x1, b0 + y1];
        }
      }
      for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const i2 = off + k2;
        let x2 = k2 === -d || (k2 !== d && v2[i2 - 1] < v2[i2 + 1]) ? v2[i2 + 1] : v2[i2 - 1] + 1;
        let y2 = x2 - k2;
        while (x2 < n && y2 < m && a[a1 - 1 - x2] === b[b1 - 1 - y2]) {
          x2++;
          y2++;
        }
        v2[i2] = x2;
        if (x2 > n) k2end += 2;
        else if (y2 > m) k2start += 2;
        else if (!front) {
          const i1 = off + delta - k2;
          if (i1 >= 0 && i1 < len && v1[i1] !== -1) {
            const x1 = v1[i1];
            const y1 = off + x1 - i1;
            if (x1 >= n - x2) return [a0 + x1, b0 + y1];
          }
        }
      }
    }
    return undefined;
  }
}

/** The lines of `after` against those of `before`: every line once, in order, marked same, added or removed. */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const d = new Differ(before, after);
  d.run(0, before.length, 0, after.length);
  const out: DiffLine[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (const [kind, from, count] of d.ops) {
    for (let i = 0; i < count; i++) {
      if (kind === 'same') out.push({ kind, text: before[from + i], oldLine: oldLine++, newLine: newLine++ });
      else if (kind === 'removed') out.push({ kind, text: before[from + i], oldLine: oldLine++ });
      else out.push({ kind, text: after[from + i], newLine: newLine++ });
    }
  }
  return out;
}

/** The changed lines with `context` unchanged lines around each change; changes closer than twice that share a hunk. */
export function diffHunks(lines: readonly DiffLine[], context = 3): DiffHunk[] {
  const hunks: DiffHunk[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i].kind === 'same') i++;
    if (i >= lines.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2 × context unchanged lines.
    for (;;) {
      while (end < lines.length && lines[end].kind !== 'same') end++;
      let gap = end;
      while (gap < lines.length && lines[gap].kind === 'same') gap++;
      if (gap < lines.length && gap - end <= 2 * context) end = gap;
      else break;
    }
    const stop = Math.min(lines.length, end + context);
    const slice = lines.slice(start, stop);
    const first = slice[0];
    hunks.push({
      oldStart: first.oldLine ?? lineBefore(lines, start, 'oldLine') + 1,
      newStart: first.newLine ?? lineBefore(lines, start, 'newLine') + 1,
      lines: slice,
    });
    i = stop;
  }
  return hunks;
}

function lineBefore(lines: readonly DiffLine[], at: number, key: 'oldLine' | 'newLine'): number {
  for (let j = at - 1; j >= 0; j--) {
    const n = lines[j][key];
    if (n !== undefined) return n;
  }
  return 0;
}
