/**
 * Where the page's graph nodes go: a layered layout (columns by rank, sources left, the target
 * last) and a radial "neighbourhood" around one node. Coordinates only; the page draws them.
 */
import type { Layout, LayoutEdge, LayoutNode } from '../graph/types';

export interface LayoutRequest {
  kind: 'layered' | 'neighbourhood';
  nodes: { id: string; width: number; height: number; rank?: number }[];
  edges: { id: string; source: string; target: string }[];
  /** For `neighbourhood`: the node in the middle. */
  focus?: string;
}

const GAP_X = 90;
const GAP_Y = 22;
const MARGIN = 20;

/** Ranks by longest path from the sources (cycles broken at a node already on the stack). */
function ranks(req: LayoutRequest): Map<string, number> {
  const out = new Map<string, number>();
  const given = req.nodes.every((n) => typeof n.rank === 'number');
  if (given) {
    for (const n of req.nodes) out.set(n.id, n.rank!);
    return out;
  }
  const preds = new Map<string, string[]>();
  for (const e of req.edges)
    if (e.source !== e.target) (preds.get(e.target) ?? preds.set(e.target, []).get(e.target)!).push(e.source);
  const visiting = new Set<string>();
  const rankOf = (id: string): number => {
    const known = out.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    let r = 0;
    for (const p of preds.get(id) ?? []) r = Math.max(r, rankOf(p) + 1);
    visiting.delete(id);
    out.set(id, r);
    return r;
  };
  for (const n of req.nodes) rankOf(n.id);
  return out;
}

function edgesOf(req: LayoutRequest, at: Map<string, LayoutNode>): LayoutEdge[] {
  const out: LayoutEdge[] = [];
  for (const e of req.edges) {
    const s = at.get(e.source);
    const t = at.get(e.target);
    if (!s || !t) continue;
    const forward = t.x >= s.x + s.width / 2;
    const from = { x: forward ? s.x + s.width / 2 : s.x, y: s.y };
    const to = { x: forward ? t.x - t.width / 2 : t.x, y: t.y };
    out.push({ id: e.id, source: e.source, target: e.target, points: [from, to] });
  }
  return out;
}

/** Columns by rank; within a column, nodes in the order given, centred on the tallest column. */
export function layered(req: LayoutRequest): Layout {
  const rank = ranks(req);
  const columns = new Map<number, LayoutRequest['nodes']>();
  for (const n of req.nodes) {
    const r = rank.get(n.id) ?? 0;
    (columns.get(r) ?? columns.set(r, []).get(r)!).push(n);
  }
  const order = [...columns.keys()].sort((a, b) => a - b);
  const colWidth = Math.max(0, ...req.nodes.map((n) => n.width));
  const heightOf = (list: LayoutRequest['nodes']) =>
    list.reduce((h, n) => h + n.height, 0) + GAP_Y * Math.max(0, list.length - 1);
  const tallest = Math.max(0, ...order.map((r) => heightOf(columns.get(r)!)));
  const at = new Map<string, LayoutNode>();
  order.forEach((r, i) => {
    const list = columns.get(r)!;
    let y = MARGIN + (tallest - heightOf(list)) / 2;
    const x = MARGIN + colWidth / 2 + i * (colWidth + GAP_X);
    for (const n of list) {
      at.set(n.id, { id: n.id, x, y: y + n.height / 2, width: n.width, height: n.height, rank: r });
      y += n.height + GAP_Y;
    }
  });
  const nodes = req.nodes.map((n) => at.get(n.id)!);
  return {
    nodes,
    edges: edgesOf(req, at),
    width: order.length ? 2 * MARGIN + order.length * colWidth + (order.length - 1) * GAP_X : 0,
    height: req.nodes.length ? 2 * MARGIN + tallest : 0,
  };
}

/** The focus in the middle, its neighbours on a circle around it, in the order given. */
export function neighbourhood(req: LayoutRequest): Layout {
  const focus = req.nodes.find((n) => n.id === req.focus) ?? req.nodes[0];
  const others = req.nodes.filter((n) => n !== focus);
  const w = Math.max(0, ...req.nodes.map((n) => n.width));
  const h = Math.max(0, ...req.nodes.map((n) => n.height));
  // A radius that leaves room for every neighbour on the circle.
  const radius =
    others.length <= 1 ? w + GAP_X : Math.max(w + GAP_X / 2, ((h + GAP_Y) * others.length) / (2 * Math.PI) + w / 2);
  const cx = MARGIN + radius + w / 2;
  const cy = MARGIN + radius + h / 2;
  const at = new Map<string, LayoutNode>();
  if (focus) at.set(focus.id, { id: focus.id, x: cx, y: cy, width: focus.width, height: focus.height, rank: 0 });
  others.forEach((n, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / others.length;
    at.set(n.id, {
      id: n.id,
      x: Math.round((cx + radius * Math.cos(angle)) * 100) / 100,
      y: Math.round((cy + radius * Math.sin(angle)) * 100) / 100,
      width: n.width,
      height: n.height,
      rank: 1,
    });
  });
  const edges = req.edges
    .filter((e) => at.has(e.source) && at.has(e.target))
    .map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      points: [
        { x: at.get(e.source)!.x, y: at.get(e.source)!.y },
        { x: at.get(e.target)!.x, y: at.get(e.target)!.y },
      ],
    }));
  return {
    nodes: req.nodes.map((n) => at.get(n.id)!),
    edges,
    width: 2 * (MARGIN + radius) + w,
    height: 2 * (MARGIN + radius) + h,
  };
}

export function layoutGraph(req: LayoutRequest): Layout {
  const bounded: LayoutRequest = {
    kind: req.kind,
    nodes: (req.nodes ?? []).slice(0, 3000),
    edges: (req.edges ?? []).slice(0, 10000),
    ...(req.focus ? { focus: String(req.focus) } : {}),
  };
  return bounded.kind === 'neighbourhood' ? neighbourhood(bounded) : layered(bounded);
}
