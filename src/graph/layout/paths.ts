/**
 * "Paths to here" and "paths from here": the part of a graph that lies on some path to (or from)
 * one node: the nodes that reach it (that it reaches), itself included, and the edges between
 * them that lead towards it (away from it). Both keep the graph's order and its own node and edge
 * objects.
 */
export interface PathGraph<N extends { id: string }, E extends { source: string; target: string }> {
  nodes: N[];
  edges: E[];
}

function reach(edges: readonly { source: string; target: string }[], start: string, backwards: boolean): Set<string> {
  const next = new Map<string, string[]>();
  for (const e of edges) {
    const from = backwards ? e.target : e.source;
    const to = backwards ? e.source : e.target;
    let list = next.get(from);
    if (!list) next.set(from, (list = []));
    list.push(to);
  }
  const seen = new Set([start]);
  const queue = [start];
  for (let q = 0; q < queue.length; q++)
    for (const w of next.get(queue[q]) ?? [])
      if (!seen.has(w)) {
        seen.add(w);
        queue.push(w);
      }
  return seen;
}

/** The nodes that can reach `target`, and the edges on those paths. Empty when the graph lacks it. */
export function pathsTo<N extends { id: string }, E extends { source: string; target: string }>(
  graph: PathGraph<N, E>,
  target: string,
): PathGraph<N, E> {
  if (!graph.nodes.some((n) => n.id === target)) return { nodes: [], edges: [] };
  const on = reach(graph.edges, target, true);
  return {
    nodes: graph.nodes.filter((n) => on.has(n.id)),
    edges: graph.edges.filter((e) => on.has(e.source) && on.has(e.target)),
  };
}

/** The nodes `source` can reach, and the edges on those paths. Empty when the graph lacks it. */
export function pathsFrom<N extends { id: string }, E extends { source: string; target: string }>(
  graph: PathGraph<N, E>,
  source: string,
): PathGraph<N, E> {
  if (!graph.nodes.some((n) => n.id === source)) return { nodes: [], edges: [] };
  const on = reach(graph.edges, source, false);
  return {
    nodes: graph.nodes.filter((n) => on.has(n.id)),
    edges: graph.edges.filter((e) => on.has(e.source) && on.has(e.target)),
  };
}
