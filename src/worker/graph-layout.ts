/**
 * Where the page's graph nodes go, computed in the worker: the layered layout (dagre, ranked by
 * hops to Admin, or from the sources when the view has no Admin) and the force layout of a
 * neighbourhood around its focus, both from `src/graph/layout`. Coordinates only; the page draws them.
 */
import type { Layout } from '../graph/types';
import { force, layered } from '../graph/layout';

export interface LayoutRequest {
  kind: 'layered' | 'neighbourhood';
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
  /** For `layered`: the node ranked last (default `admin` when drawn; `null`: none). */
  target?: string | null;
  /** For `neighbourhood`: the node in the middle. */
  focus?: string;
}

export function layoutGraph(req: LayoutRequest): Layout {
  const bounded: LayoutRequest = {
    kind: req.kind,
    nodes: (req.nodes ?? []).slice(0, 3000),
    edges: (req.edges ?? []).slice(0, 10000),
    ...(req.focus ? { focus: String(req.focus) } : {}),
  };
  if (bounded.kind === 'neighbourhood')
    return force(bounded.nodes, bounded.edges, { ...(bounded.focus ? { center: bounded.focus } : {}), ticks: 200 });
  return layered(bounded.nodes, bounded.edges, {
    ...(req.target !== undefined ? { target: req.target === null ? null : String(req.target) } : {}),
    nodeSep: 16,
    rankSep: 110,
  });
}
