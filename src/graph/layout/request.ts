/**
 * One call for the worker: a layout asked as plain data (`layered` for paths, `neighbourhood` for
 * the force layout around one node), bounded so that no request can keep the worker busy for long
 * (3,000 nodes and 10,000 edges at most, as the page sends them).
 */
import type { Layout } from '../types';
import { force } from './force';
import { layered } from './layered';
import type { LayoutInputEdge, LayoutInputNode } from './shapes';

export interface LayoutAsk {
  kind: 'layered' | 'neighbourhood';
  nodes: LayoutInputNode[];
  edges: LayoutInputEdge[];
  /** `layered`: the node ranked last (default `admin`); `neighbourhood`: the node in the middle. */
  focus?: string;
  direction?: 'LR' | 'TB';
}

export const MAX_LAYOUT_NODES = 3000;
export const MAX_LAYOUT_EDGES = 10000;

export function layoutOf(ask: LayoutAsk): Layout {
  const nodes = (ask.nodes ?? []).slice(0, MAX_LAYOUT_NODES);
  const edges = (ask.edges ?? []).slice(0, MAX_LAYOUT_EDGES);
  if (ask.kind === 'neighbourhood') return force(nodes, edges, ask.focus ? { center: String(ask.focus) } : {});
  return layered(nodes, edges, {
    direction: ask.direction ?? 'LR',
    ...(ask.focus ? { target: String(ask.focus) } : {}),
  });
}
