/**
 * Collapsing a graph into clusters: the nodes that share an account, a user group, an IAM path or
 * a tag's value become one cluster node that counts them, and the edges between two clusters (or a
 * cluster and a node left alone) become one edge that counts them and their access levels. A node
 * without the attribute (admin, anonymous, a service) stays as it is. `expand` opens one cluster
 * (or all of them) again from the graph the collapse kept.
 */
import type { AccessLevel } from '../types';

/** A node as collapse reads it: principals and resources of the graph fit as they are. */
export interface CollapsibleNode {
  id: string;
  label?: string;
  account?: string;
  path?: string;
  groups?: string[];
  tags?: Record<string, string>;
}

/** An edge as collapse reads it: its ends, and the access level (or escalation kind) it stands for. */
export interface CollapsibleEdge {
  source: string;
  target: string;
  level?: AccessLevel | string;
  /** How many edges this one already stands for (default 1). */
  count?: number;
}

export interface CollapsibleGraph<
  N extends CollapsibleNode = CollapsibleNode,
  E extends CollapsibleEdge = CollapsibleEdge,
> {
  nodes: N[];
  edges: E[];
}

/** By account, by a user's first group, by IAM path, or by one tag key's value. */
export type CollapseBy = 'account' | 'group' | 'path' | { tag: string };

export interface ClusterNode {
  /** `cluster:account:111122223333`, `cluster:group:developers`, `cluster:path:/admins/`, `cluster:tag:team=web`. */
  id: string;
  label: string;
  cluster: true;
  /** The ids of the nodes it holds, in the graph's order. */
  members: string[];
  count: number;
  /** Edges between two of its members, hidden inside it. */
  internalEdges: number;
}

export interface MergedEdge {
  /** `SOURCE->TARGET`. */
  id: string;
  source: string;
  target: string;
  /** The edges it stands for. */
  count: number;
  /** Per access level (or kind), the edges of it, in the order levels first appear. */
  levels: { level: string; count: number }[];
}

export interface Collapsed<N extends CollapsibleNode = CollapsibleNode, E extends CollapsibleEdge = CollapsibleEdge> {
  /** Cluster nodes and the nodes left alone, each where its first member stood. */
  nodes: (ClusterNode | N)[];
  edges: MergedEdge[];
  by: CollapseBy;
  /** The clusters opened again. */
  expanded: string[];
  /** The graph collapsed, for `expand`. */
  graph: CollapsibleGraph<N, E>;
}

/** The cluster a node falls in (`undefined`: it stays alone). */
export function clusterOf(node: CollapsibleNode, by: CollapseBy): { id: string; label: string } | undefined {
  if (by === 'account')
    return node.account ? { id: `cluster:account:${node.account}`, label: `account ${node.account}` } : undefined;
  if (by === 'group') {
    const g = node.groups?.[0];
    return g ? { id: `cluster:group:${g}`, label: `group ${g}` } : undefined;
  }
  if (by === 'path') return node.path ? { id: `cluster:path:${node.path}`, label: `path ${node.path}` } : undefined;
  const value = node.tags && Object.prototype.hasOwnProperty.call(node.tags, by.tag) ? node.tags[by.tag] : undefined;
  return value === undefined ? undefined : { id: `cluster:tag:${by.tag}=${value}`, label: `${by.tag}=${value}` };
}

export function collapse<N extends CollapsibleNode, E extends CollapsibleEdge>(
  graph: CollapsibleGraph<N, E>,
  by: CollapseBy,
  expanded: readonly string[] = [],
): Collapsed<N, E> {
  const open = new Set(expanded);
  const where = new Map<string, string>(); // node id -> the id it is drawn as
  const clusters = new Map<string, ClusterNode>();
  const nodes: (ClusterNode | N)[] = [];
  for (const n of graph.nodes) {
    if (where.has(n.id)) continue;
    const c = clusterOf(n, by);
    if (!c || open.has(c.id)) {
      where.set(n.id, n.id);
      nodes.push(n);
      continue;
    }
    where.set(n.id, c.id);
    let cluster = clusters.get(c.id);
    if (!cluster) {
      cluster = { id: c.id, label: c.label, cluster: true, members: [], count: 0, internalEdges: 0 };
      clusters.set(c.id, cluster);
      nodes.push(cluster);
    }
    cluster.members.push(n.id);
    cluster.count++;
  }
  const merged = new Map<string, MergedEdge>();
  for (const e of graph.edges) {
    const s = where.get(e.source);
    const t = where.get(e.target);
    if (s === undefined || t === undefined) continue;
    const count = e.count ?? 1;
    if (s === t && clusters.has(s)) {
      clusters.get(s)!.internalEdges += count;
      continue;
    }
    const id = `${s}->${t}`;
    let m = merged.get(id);
    if (!m) merged.set(id, (m = { id, source: s, target: t, count: 0, levels: [] }));
    m.count += count;
    const level = e.level ?? 'edge';
    const l = m.levels.find((x) => x.level === level);
    if (l) l.count += count;
    else m.levels.push({ level, count });
  }
  return { nodes, edges: [...merged.values()], by, expanded: [...open], graph };
}

/** Opens one cluster again (its members drawn as nodes), or every cluster when none is named. */
export function expand<N extends CollapsibleNode, E extends CollapsibleEdge>(
  collapsed: Collapsed<N, E>,
  cluster?: string,
): Collapsed<N, E> {
  if (cluster === undefined) {
    const all = collapsed.graph.nodes.flatMap((n) => clusterOf(n, collapsed.by)?.id ?? []);
    return collapse(collapsed.graph, collapsed.by, [...new Set(all)]);
  }
  return collapse(collapsed.graph, collapsed.by, [...collapsed.expanded, cluster]);
}
