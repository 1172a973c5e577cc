/**
 * What the layout functions take: nodes with an id (and a size, default 160 × 40) and directed
 * edges between them. A `LayoutNode`'s `x` and `y` are its centre, as dagre and d3-force place
 * them; a `LayoutEdge`'s points run from the source's border to the target's border.
 */
import type { LayoutNode } from '../types';

export interface LayoutInputNode {
  id: string;
  width?: number;
  height?: number;
}

export interface LayoutInputEdge {
  /** Default: `SOURCE->TARGET`, with `#2`, `#3`… for the second and later edges of a pair. */
  id?: string;
  source: string;
  target: string;
}

export const DEFAULT_WIDTH = 160;
export const DEFAULT_HEIGHT = 40;

/** Coordinates are rounded to hundredths, so that layouts compare equal wherever they run. */
export const round = (n: number): number => Math.round(n * 100) / 100 + 0;

/** The edges' ids: given ones kept, the rest `SOURCE->TARGET` (then `#2`, `#3`… for repeats), all unique. */
export function edgeIds(edges: readonly LayoutInputEdge[]): string[] {
  const seen = new Map<string, number>();
  return edges.map((e) => {
    const base = e.id ?? `${e.source}->${e.target}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** Where the segment from a node's centre towards `toward` leaves its rectangle. */
export function border(node: LayoutNode, toward: { x: number; y: number }): { x: number; y: number } {
  const dx = toward.x - node.x;
  const dy = toward.y - node.y;
  if (dx === 0 && dy === 0) return { x: node.x, y: node.y };
  const hw = node.width / 2;
  const hh = node.height / 2;
  const t = Math.abs(dy) * hw > Math.abs(dx) * hh ? hh / Math.abs(dy) : hw / Math.abs(dx);
  return { x: round(node.x + dx * t), y: round(node.y + dy * t) };
}

/** The straight edge between two placed nodes, border to border (a loop above the node for a self edge). */
export function straight(a: LayoutNode, b: LayoutNode): { x: number; y: number }[] {
  if (a.id === b.id) {
    const top = a.y - a.height / 2;
    const right = a.x + a.width / 2;
    return [
      { x: round(right - 10), y: round(top) },
      { x: round(right - 10), y: round(top - 20) },
      { x: round(right + 20), y: round(top - 20) },
      { x: round(right + 20), y: round(a.y) },
      { x: round(right), y: round(a.y) },
    ];
  }
  return [border(a, b), border(b, a)];
}
