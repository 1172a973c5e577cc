import { describe, it, expect } from 'vitest';
import { diffHunks, diffLines, type DiffLine } from './line-diff';

const show = (lines: DiffLine[]) =>
  lines.map((l) => `${l.kind === 'same' ? ' ' : l.kind === 'added' ? '+' : '-'}${l.text}`).join('|');

/** Rebuilds each side from the diff: every line of both texts is there once, in order. */
function sides(lines: DiffLine[]): [string[], string[]] {
  return [
    lines.filter((l) => l.kind !== 'added').map((l) => l.text),
    lines.filter((l) => l.kind !== 'removed').map((l) => l.text),
  ];
}

describe('diffLines', () => {
  it('marks the lines only the new text has as added and those only the old one has as removed', () => {
    expect(show(diffLines(['a', 'b', 'c'], ['a', 'x', 'c']))).toBe(' a|-b|+x| c');
    expect(show(diffLines([], ['a']))).toBe('+a');
    expect(show(diffLines(['a'], []))).toBe('-a');
    expect(show(diffLines(['a', 'b'], ['a', 'b']))).toBe(' a| b');
    expect(show(diffLines([], []))).toBe('');
  });

  it('finds a shortest edit: a moved block costs only its own lines', () => {
    const d = diffLines(['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'c', 'd', 'e', 'b', 'f']);
    expect(d.filter((l) => l.kind !== 'same').length).toBe(2);
    expect(show(diffLines(['x', 'a', 'b', 'c'], ['a', 'b', 'c', 'y']))).toBe('-x| a| b| c|+y');
  });

  it('numbers the lines of each text', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual([
      { kind: 'same', text: 'a', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'b', oldLine: 2 },
      { kind: 'same', text: 'c', oldLine: 3, newLine: 2 },
      { kind: 'added', text: 'd', newLine: 3 },
    ]);
  });

  it('keeps every line of both texts, in order, on texts that share little', () => {
    const a = Array.from({ length: 300 }, (_, i) => `line ${(i * 7) % 50}`);
    const b = Array.from({ length: 280 }, (_, i) => `line ${(i * 11) % 60}`);
    const d = diffLines(a, b);
    expect(sides(d)).toEqual([a, b]);
  });

  it('gives two texts with nothing in common as one removal and one addition', () => {
    const a = Array.from({ length: 2000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 2000 }, (_, i) => `b${i}`);
    const d = diffLines(a, b);
    expect(d.filter((l) => l.kind === 'removed').length).toBe(2000);
    expect(d.filter((l) => l.kind === 'added').length).toBe(2000);
    expect(sides(d)).toEqual([a, b]);
  });
});

describe('diffHunks', () => {
  const before = Array.from({ length: 20 }, (_, i) => `l${i + 1}`);

  it('keeps three lines of context around a change, and starts each hunk at its line numbers', () => {
    const after = before.map((l) => (l === 'l10' ? 'L10' : l));
    const hunks = diffHunks(diffLines(before, after));
    expect(hunks.length).toBe(1);
    expect(hunks[0].oldStart).toBe(7);
    expect(hunks[0].newStart).toBe(7);
    expect(show(hunks[0].lines)).toBe(' l7| l8| l9|-l10|+L10| l11| l12| l13');
  });

  it('joins changes closer than twice the context and parts those further apart', () => {
    const near = before.map((l) => (l === 'l5' ? 'X' : l === 'l10' ? 'Y' : l));
    expect(diffHunks(diffLines(before, near)).length).toBe(1);
    const far = before.map((l) => (l === 'l2' ? 'X' : l === 'l19' ? 'Y' : l));
    const hunks = diffHunks(diffLines(before, far));
    expect(hunks.map((h) => [h.oldStart, h.lines.length])).toEqual([
      [1, 6],
      [16, 6],
    ]);
  });

  it('numbers a hunk that starts with an added line from the line before it', () => {
    const hunks = diffHunks(diffLines(['a'], ['b', 'a']), 0);
    expect(hunks).toEqual([{ oldStart: 1, newStart: 1, lines: [{ kind: 'added', text: 'b', newLine: 1 }] }]);
  });

  it('has no hunk when nothing changed', () => {
    expect(diffHunks(diffLines(before, before))).toEqual([]);
  });
});
