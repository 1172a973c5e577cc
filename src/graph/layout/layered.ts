/**
 * The layered layout of a graph of paths, with dagre: ranks are chosen here, dagre orders the
 * nodes within each rank, places them and routes the edges.
 *
 * Ranks: when the graph holds the target (`admin` unless another node is chosen), every node that
 * can reach it is ranked by its hops to it, so the target sits alone at the last rank and each
 * node stands one rank before the next node of its shortest path; the nodes that cannot reach it
 * are ranked from their sources (longest path over the graph with its cycles broken), before the
 * target. Without a target every node is ranked that way. An edge that runs backwards (a cycle, a
 * mutual escalation, a longer way round) is routed by dagre in reverse and its points turned back;
 * an edge within one rank is drawn straight; a self edge as a small loop. The result depends only
 * on the input and its order: the same graph gives the same coordinates.
 */
import dagre from '@dagrejs/dagre';
import type { GraphLabel } from '@dagrejs/dagre';
import type { Layout, LayoutEdge, LayoutNode } from '../types';
import { ADMIN } from '../types';
import type { LayoutInputEdge, LayoutInputNode } from './shapes';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, edgeIds, round, straight } from './shapes';

export interface LayeredOptions {
  /** `LR` (default): ranks left to right; `TB`: top to bottom. */
  direction?: 'LR' | 'TB';
  /** The node ranked last, by hops to it (default `admin`, when the graph holds it); `null` for none. */
  target?: string | null;
  /** Space between nodes of one rank (default 30) and between ranks (default 80). */
  nodeSep?: number;
  rankSep?: number;
  /** Space around the drawing (default 20). */
  margin?: number;
}

interface Adjacency {
  index: Map<string, number>;
  out: number[][];
  into: number[][];
}

function adjacency(nodes: readonly LayoutInputNode[], edges: readonly LayoutInputEdge[]): Adjacency {
  const index = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!index.has(n.id)) index.set(n.id, i);
  });
  const out: number[][] = nodes.map(() => []);
  const into: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    out[s].push(t);
    into[t].push(s);
  }
  return { index, out, into };
}

/**
 * Longest-path ranks of the nodes in `members`, over the edges among them with the back edges of
 * a depth-first search (from the sources, then from the first unvisited node, in input order) left
 * out: sources at 0.
 */
function rankFromSources(adj: Adjacency, members: boolean[]): number[] {
  const n = members.length;
  const state = new Uint8Array(n); // 0 new, 1 on the stack, 2 done
  const order: number[] = []; // reverse post-order = a topological order of the kept edges
  const back = new Set<number>(); // s * n + t
  const visit = (root: number) => {
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, i] = top;
      const next = adj.out[v];
      if (i < next.length) {
        top[1]++;
        const w = next[i];
        if (!members[w]) continue;
        if (state[w] === 0) {
          state[w] = 1;
          stack.push([w, 0]);
        } else if (state[w] === 1) back.add(v * n + w);
      } else {
        state[v] = 2;
        order.push(v);
        stack.pop();
      }
    }
  };
  const hasIn = (v: number) => adj.into[v].some((u) => members[u]);
  for (let v = 0; v < n; v++) if (members[v] && state[v] === 0 && !hasIn(v)) visit(v);
  for (let v = 0; v < n; v++) if (members[v] && state[v] === 0) visit(v);
  const rank = new Array<number>(n).fill(0);
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k];
    for (const w of adj.out[v]) if (members[w] && !back.has(v * n + w)) rank[w] = Math.max(rank[w], rank[v] + 1);
  }
  return rank;
}

/** Each node's rank (see the module's comment), with empty ranks closed up. */
export function layeredRanks(
  nodes: readonly LayoutInputNode[],
  edges: readonly LayoutInputEdge[],
  target?: string | null,
): number[] {
  const adj = adjacency(nodes, edges);
  const n = nodes.length;
  const goal = target === null ? undefined : adj.index.get(target ?? ADMIN);
  const hops = new Array<number>(n).fill(-1);
  if (goal !== undefined) {
    hops[goal] = 0;
    const queue = [goal];
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q];
      for (const u of adj.into[v])
        if (hops[u] < 0) {
          hops[u] = hops[v] + 1;
          queue.push(u);
        }
    }
  }
  const rest = hops.map((h) => h < 0);
  const fromSources = rankFromSources(adj, rest);
  const rank = new Array<number>(n).fill(0);
  if (goal !== undefined) {
    let last = 0;
    for (let v = 0; v < n; v++) last = Math.max(last, rest[v] ? fromSources[v] + 1 : hops[v]);
    for (let v = 0; v < n; v++) rank[v] = rest[v] ? fromSources[v] : last - hops[v];
  } else for (let v = 0; v < n; v++) rank[v] = fromSources[v];
  const used = [...new Set(rank)].sort((a, b) => a - b);
  const closed = new Map(used.map((r, i) => [r, i]));
  return rank.map((r) => closed.get(r)!);
}

export function layered(
  nodes: readonly LayoutInputNode[],
  edges: readonly LayoutInputEdge[],
  options: LayeredOptions = {},
): Layout {
  if (nodes.length === 0) return { nodes: [], edges: [], width: 0, height: 0 };
  const ranks = layeredRanks(nodes, edges, options.target);
  const rankOf = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!rankOf.has(n.id)) rankOf.set(n.id, ranks[i]);
  });
  const margin = options.margin ?? 20;
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: options.direction ?? 'LR',
    nodesep: options.nodeSep ?? 30,
    ranksep: options.rankSep ?? 80,
    edgesep: 10,
    marginx: margin,
    marginy: margin,
    ranker: 'none',
  } as unknown as GraphLabel);
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes)
    if (!g.hasNode(n.id))
      g.setNode(n.id, {
        width: n.width ?? DEFAULT_WIDTH,
        height: n.height ?? DEFAULT_HEIGHT,
        // Doubled, as dagre's own ranker leaves them (it halves the rank separation and routes
        // every edge through a point on the odd rank between).
        rank: 2 * rankOf.get(n.id)!,
      });
  const ids = edgeIds(edges);
  const routed: { index: number; v: string; w: string; reversed: boolean }[] = [];
  edges.forEach((e, i) => {
    const rs = rankOf.get(e.source);
    const rt = rankOf.get(e.target);
    if (rs === undefined || rt === undefined || rs === rt) return;
    const reversed = rs > rt;
    const v = reversed ? e.target : e.source;
    const w = reversed ? e.source : e.target;
    g.setEdge(v, w, { minlen: 1, weight: 1 }, `e${i}`);
    routed.push({ index: i, v, w, reversed });
  });
  dagre.layout(g);
  const placed = new Map<string, LayoutNode>();
  const outNodes: LayoutNode[] = [];
  for (const n of nodes) {
    if (placed.has(n.id)) continue;
    const d = g.node(n.id);
    const node: LayoutNode = {
      id: n.id,
      x: round(d.x ?? 0),
      y: round(d.y ?? 0),
      width: d.width,
      height: d.height,
      rank: rankOf.get(n.id)!,
    };
    placed.set(n.id, node);
    outNodes.push(node);
  }
  const points = new Map<number, { x: number; y: number }[]>();
  for (const r of routed) {
    const label = g.edge(r.v, r.w, `e${r.index}`);
    const ps = (label?.points ?? []).map((p: { x: number; y: number }) => ({ x: round(p.x), y: round(p.y) }));
    points.set(r.index, r.reversed ? ps.reverse() : ps);
  }
  const outEdges: LayoutEdge[] = [];
  edges.forEach((e, i) => {
    const a = placed.get(e.source);
    const b = placed.get(e.target);
    if (!a || !b) return;
    outEdges.push({ id: ids[i], source: e.source, target: e.target, points: points.get(i) ?? straight(a, b) });
  });
  const graph = g.graph();
  return { nodes: outNodes, edges: outEdges, width: round(graph.width ?? 0), height: round(graph.height ?? 0) };
}
