/**
 * The force layout, for exploring one neighbourhood: d3-force run for a fixed number of ticks,
 * synchronously (the simulation is stopped at once, so no timer ever runs). Nodes start on
 * d3's phyllotaxis spiral in input order, and d3-force's random source is its own seeded
 * generator, so the same input gives the same coordinates. The chosen centre node (default: the
 * first) is held at the middle; links pull, nodes repel and do not overlap.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from 'd3-force';
import type { SimulationLinkDatum, SimulationNodeDatum } from 'd3-force';
import type { Layout, LayoutNode } from '../types';
import type { LayoutInputEdge, LayoutInputNode } from './shapes';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, edgeIds, round, straight } from './shapes';

export interface ForceOptions {
  /** Ticks to run (default 300, d3's own count for alpha to cool from 1 to its minimum). */
  ticks?: number;
  /** The node held at the middle (default: the first). */
  center?: string;
  /** The links' rest length (default 160) and the nodes' repulsion (default −600). */
  linkDistance?: number;
  charge?: number;
  /** Space around the drawing (default 20). */
  margin?: number;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
  width: number;
  height: number;
}

export function force(
  nodes: readonly LayoutInputNode[],
  edges: readonly LayoutInputEdge[],
  options: ForceOptions = {},
): Layout {
  if (nodes.length === 0) return { nodes: [], edges: [], width: 0, height: 0 };
  const seen = new Set<string>();
  const sim: SimNode[] = [];
  for (const n of nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    sim.push({ id: n.id, width: n.width ?? DEFAULT_WIDTH, height: n.height ?? DEFAULT_HEIGHT });
  }
  const centre = sim.find((n) => n.id === options.center) ?? sim[0];
  centre.fx = 0;
  centre.fy = 0;
  const links: SimulationLinkDatum<SimNode>[] = edges
    .filter((e) => e.source !== e.target && seen.has(e.source) && seen.has(e.target))
    .map((e) => ({ source: e.source, target: e.target }));
  const simulation = forceSimulation<SimNode>(sim)
    .stop()
    .force(
      'link',
      forceLink<SimNode, SimulationLinkDatum<SimNode>>(links)
        .id((d) => d.id)
        .distance(options.linkDistance ?? 160),
    )
    .force('charge', forceManyBody<SimNode>().strength(options.charge ?? -600))
    .force(
      'collide',
      forceCollide<SimNode>((d) => Math.hypot(d.width, d.height) / 2 + 4),
    )
    .force('x', forceX<SimNode>(0).strength(0.05))
    .force('y', forceY<SimNode>(0).strength(0.05));
  simulation.tick(options.ticks ?? 300);
  const margin = options.margin ?? 20;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of sim) {
    minX = Math.min(minX, n.x! - n.width / 2);
    minY = Math.min(minY, n.y! - n.height / 2);
    maxX = Math.max(maxX, n.x! + n.width / 2);
    maxY = Math.max(maxY, n.y! + n.height / 2);
  }
  const placed = new Map<string, LayoutNode>();
  const outNodes = sim.map((n) => {
    const node: LayoutNode = {
      id: n.id,
      x: round(n.x! - minX + margin),
      y: round(n.y! - minY + margin),
      width: n.width,
      height: n.height,
    };
    placed.set(n.id, node);
    return node;
  });
  const ids = edgeIds(edges);
  const outEdges = edges.flatMap((e, i) => {
    const a = placed.get(e.source);
    const b = placed.get(e.target);
    return a && b ? [{ id: ids[i], source: e.source, target: e.target, points: straight(a, b) }] : [];
  });
  return {
    nodes: outNodes,
    edges: outEdges,
    width: round(maxX - minX + 2 * margin),
    height: round(maxY - minY + 2 * margin),
  };
}
