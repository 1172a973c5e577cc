/**
 * What the graph page draws, from the worker's overview: the "Paths to admin" view (principals →
 * principals → Admin, ranked by hops to Admin), the "Access" view (principals → resources, the
 * levels of each pair bundled into one edge), a node's neighbourhood, collapsing by account,
 * group, path or tag, "paths to here" / "paths from here", the table rows, and the arrow keys'
 * next node. Pure functions of plain data, unit-tested with literal values.
 */
import type {
  AccessEdge,
  AccessLevel,
  EscalationStep,
  GraphPrincipal,
  GraphResource,
  Layout,
  LayoutNode,
} from '../../graph/types';
import { ACCESS_LEVELS, ADMIN } from '../../graph/types';
import type { TableRow } from './types';

export type NodeKind = GraphPrincipal['kind'] | 'resource' | 'admin' | 'cluster';

export interface ViewNode {
  /** The drawn node's id: a principal's id, `res:` and a resource's ARN (an IAM role is both), `admin`, `cluster:…`. */
  id: string;
  /** What it stands for: the principal's id or the resource's ARN (the id for Admin and clusters). */
  ref: string;
  label: string;
  kind: NodeKind;
  /** A second line: the resource type, the account, the count of a cluster. */
  sub: string;
  /** Rank for the layered layout (principals 0, resources 1; Admin last in the paths view). */
  rank: number;
  /** For clusters: the ids they stand for. */
  members?: string[];
}

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  kind: 'access' | 'escalation' | 'admin';
  /** Drawn on the edge: the technique, or the access levels' initials. */
  label: string;
  /** Conditional: drawn dashed. */
  dashed: boolean;
  /** For access edges: the bundled access of the pair, by level. */
  access?: AccessEdge[];
  /** For escalation edges: the steps (more than one once collapsed). */
  steps?: EscalationStep[];
  /** How many edges a merged (collapsed) edge stands for. */
  count: number;
}

export interface ViewGraph {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Nodes and edges left out by the cap. */
  hiddenNodes: number;
  hiddenEdges: number;
}

/** The part of the worker's overview the views read. */
export interface OverviewData {
  principals: GraphPrincipal[];
  resources: GraphResource[];
  edges: AccessEdge[];
  escalations: { admins: string[]; edges: EscalationStep[]; paths: { principal: string; path: EscalationStep[] }[] };
}

export const LEVEL_INITIAL: Record<AccessLevel, string> = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  'Permissions management': 'P',
  Tagging: 'T',
};

/** The drawn id of a resource (a role or user is also a resource of IAM, under the same ARN). */
export const resourceId = (arn: string) => `res:${arn}`;

const principalNode = (p: GraphPrincipal, rank: number): ViewNode => ({
  id: p.id,
  ref: p.id,
  label: p.label,
  kind: p.kind,
  sub: p.kind === 'role' || p.kind === 'user' ? `${p.kind}${p.path && p.path !== '/' ? ` ${p.path}` : ''}` : p.kind,
  rank,
});

const resourceNode = (r: GraphResource, rank: number): ViewNode => ({
  id: resourceId(r.arn),
  ref: r.arn,
  label: r.label,
  kind: 'resource',
  sub: r.type,
  rank,
});

export const ADMIN_NODE: Omit<ViewNode, 'rank'> = {
  id: ADMIN,
  ref: ADMIN,
  label: 'Admin',
  kind: 'admin',
  sub: 'administrator access',
};

/** Hops from each node to Admin over the escalation edges (admins are one hop away). */
export function hopsToAdmin(escalations: OverviewData['escalations']): Map<string, number> {
  const hops = new Map<string, number>([[ADMIN, 0]]);
  for (const a of escalations.admins) hops.set(a, 1);
  const into = new Map<string, string[]>();
  for (const e of escalations.edges) (into.get(e.to) ?? into.set(e.to, []).get(e.to)!).push(e.from);
  let frontier = [ADMIN, ...escalations.admins];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier)
      for (const from of into.get(id) ?? []) {
        if (hops.has(from)) continue;
        hops.set(from, hops.get(id)! + 1);
        next.push(from);
      }
    frontier = next;
  }
  return hops;
}

/** Principals → principals → Admin: every escalation edge, and each admin's edge to Admin. */
export function pathsView(o: OverviewData): ViewGraph {
  const hops = hopsToAdmin(o.escalations);
  const max = Math.max(1, ...hops.values());
  const ids = new Set<string>([...o.escalations.admins]);
  for (const e of o.escalations.edges) {
    if (e.from !== ADMIN) ids.add(e.from);
    if (e.to !== ADMIN) ids.add(e.to);
  }
  const nodes: ViewNode[] = [];
  for (const p of o.principals)
    if (ids.has(p.id)) nodes.push(principalNode(p, hops.has(p.id) ? max - hops.get(p.id)! : 0));
  nodes.push({ ...ADMIN_NODE, rank: max });
  const edges: ViewEdge[] = [];
  for (const a of o.escalations.admins)
    edges.push({
      id: `admin:${a}`,
      source: a,
      target: ADMIN,
      kind: 'admin',
      label: 'administrator',
      dashed: false,
      count: 1,
    });
  const byPair = new Map<string, ViewEdge>();
  for (const s of o.escalations.edges) {
    const id = `step:${s.from}>${s.to}`;
    const e = byPair.get(id);
    if (e) {
      e.steps!.push(s);
      e.count++;
      e.dashed = e.dashed && s.holds === 'conditional';
      e.label = `${e.steps![0]!.kind} +${e.count - 1}`;
    } else {
      const edge: ViewEdge = {
        id,
        source: s.from,
        target: s.to,
        kind: 'escalation',
        label: s.kind,
        dashed: s.holds === 'conditional',
        steps: [s],
        count: 1,
      };
      byPair.set(id, edge);
      edges.push(edge);
    }
  }
  return { nodes, edges, hiddenNodes: 0, hiddenEdges: 0 };
}

/**
 * Principals → resources, the levels of each pair bundled into one edge (only the levels
 * chosen), at most `cap` edges: the pairs left out are counted, never drawn.
 */
export function accessView(o: OverviewData, levels: readonly AccessLevel[], cap = 400): ViewGraph {
  const chosen = new Set(levels);
  const pairs = new Map<string, ViewEdge>();
  for (const a of o.edges) {
    if (!chosen.has(a.level)) continue;
    const id = `access:${a.principal}>${a.resource}`;
    const e = pairs.get(id);
    if (e) {
      e.access!.push(a);
      e.dashed = e.dashed && a.holds === 'conditional';
    } else
      pairs.set(id, {
        id,
        source: a.principal,
        target: resourceId(a.resource),
        kind: 'access',
        label: '',
        dashed: a.holds === 'conditional',
        access: [a],
        count: 1,
      });
  }
  const all = [...pairs.values()];
  for (const e of all) {
    e.access!.sort((x, y) => ACCESS_LEVELS.indexOf(x.level) - ACCESS_LEVELS.indexOf(y.level));
    e.label = e.access!.map((a) => LEVEL_INITIAL[a.level]).join('');
  }
  const edges = all.slice(0, cap);
  const used = new Set(edges.flatMap((e) => [e.source, e.target]));
  const allUsed = new Set(all.flatMap((e) => [e.source, e.target]));
  const nodes: ViewNode[] = [
    ...o.principals.filter((p) => used.has(p.id)).map((p) => principalNode(p, 0)),
    ...o.resources.filter((r) => used.has(resourceId(r.arn))).map((r) => resourceNode(r, 1)),
  ];
  return { nodes, edges, hiddenNodes: allUsed.size - used.size, hiddenEdges: all.length - edges.length };
}

/** Two views drawn together (a node in both is drawn once, as the first has it). */
export function mergeViews(a: ViewGraph, b: ViewGraph): ViewGraph {
  const ids = new Set(a.nodes.map((n) => n.id));
  return {
    nodes: [...a.nodes, ...b.nodes.filter((n) => !ids.has(n.id))],
    edges: [...a.edges, ...b.edges],
    hiddenNodes: a.hiddenNodes + b.hiddenNodes,
    hiddenEdges: a.hiddenEdges + b.hiddenEdges,
  };
}

/** One node and the nodes one edge away from it, with the edges between them. */
export function neighbourhoodView(g: ViewGraph, focus: string): ViewGraph {
  const near = new Set([focus]);
  for (const e of g.edges) {
    if (e.source === focus) near.add(e.target);
    if (e.target === focus) near.add(e.source);
  }
  return {
    nodes: g.nodes.filter((n) => near.has(n.id)),
    edges: g.edges.filter(
      (e) => (e.source === focus || e.target === focus) && near.has(e.source) && near.has(e.target),
    ),
    hiddenNodes: 0,
    hiddenEdges: 0,
  };
}

/** The nodes on some path to `id` (`to`) or from it (`from`), and the edges between them. */
export function pathsAround(g: ViewGraph, id: string, direction: 'to' | 'from'): ViewGraph {
  const keep = new Set([id]);
  let frontier = [id];
  while (frontier.length) {
    const next: string[] = [];
    for (const e of g.edges) {
      const [here, there] = direction === 'to' ? [e.target, e.source] : [e.source, e.target];
      if (frontier.includes(here) && !keep.has(there)) {
        keep.add(there);
        next.push(there);
      }
    }
    frontier = next;
  }
  return {
    nodes: g.nodes.filter((n) => keep.has(n.id)),
    edges: g.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
    hiddenNodes: 0,
    hiddenEdges: 0,
  };
}

export type CollapseBy = 'none' | 'account' | 'group' | 'path' | `tag:${string}`;

/** The cluster a node falls in (undefined: it stays itself). */
function clusterKey(
  n: ViewNode,
  by: CollapseBy,
  principals: Map<string, GraphPrincipal>,
  resources: Map<string, GraphResource>,
): string | undefined {
  if (by === 'none' || n.kind === 'admin' || n.kind === 'cluster') return undefined;
  const p = n.kind === 'resource' ? undefined : principals.get(n.ref);
  const r = n.kind === 'resource' ? resources.get(n.ref) : undefined;
  const side = p ? 'principals' : 'resources';
  if (by === 'account') return `${side} in ${(p ? p.account : r?.account) ?? 'no account'}`;
  if (by === 'path') {
    const path = p?.path ?? r?.path;
    return path ? `${side} on ${path}` : undefined;
  }
  if (by === 'group') return p?.groups?.length ? `group ${p.groups[0]}` : undefined;
  const key = by.slice(4);
  const value = (p?.tags ?? r?.tags)?.[key];
  return value === undefined ? undefined : `${side} ${key}=${value}`;
}

/** Nodes grouped into clusters with counts; edges between clusters merged (their counts added). */
export function collapse(g: ViewGraph, by: CollapseBy, o: OverviewData): ViewGraph {
  if (by === 'none') return g;
  const principals = new Map(o.principals.map((p) => [p.id, p]));
  const resources = new Map(o.resources.map((r) => [r.arn, r]));
  const to = new Map<string, string>();
  const clusters = new Map<string, ViewNode>();
  const nodes: ViewNode[] = [];
  for (const n of g.nodes) {
    const key = clusterKey(n, by, principals, resources);
    if (key === undefined) {
      nodes.push(n);
      to.set(n.id, n.id);
      continue;
    }
    const id = `cluster:${key}`;
    to.set(n.id, id);
    const c = clusters.get(id);
    if (c) {
      c.members!.push(n.id);
      c.sub = `${c.members!.length} nodes`;
      c.rank = Math.min(c.rank, n.rank);
    } else {
      const cluster: ViewNode = {
        id,
        ref: id,
        label: key,
        kind: 'cluster',
        sub: '1 node',
        rank: n.rank,
        members: [n.id],
      };
      clusters.set(id, cluster);
      nodes.push(cluster);
    }
  }
  const merged = new Map<string, ViewEdge>();
  const edges: ViewEdge[] = [];
  for (const e of g.edges) {
    const source = to.get(e.source) ?? e.source;
    const target = to.get(e.target) ?? e.target;
    if (source === target && source.startsWith('cluster:')) continue;
    if (source === e.source && target === e.target) {
      edges.push(e);
      continue;
    }
    const id = `merged:${e.kind}:${source}>${target}`;
    const m = merged.get(id);
    if (m) {
      m.count += e.count;
      m.dashed = m.dashed && e.dashed;
      if (e.access) m.access!.push(...e.access);
      if (e.steps) m.steps!.push(...e.steps);
    } else {
      const edge: ViewEdge = {
        ...e,
        id,
        source,
        target,
        ...(e.access ? { access: [...e.access] } : {}),
        ...(e.steps ? { steps: [...e.steps] } : {}),
      };
      merged.set(id, edge);
      edges.push(edge);
    }
  }
  for (const m of merged.values())
    if (m.kind === 'access') {
      const levels = ACCESS_LEVELS.filter((l) => m.access!.some((a) => a.level === l));
      m.label = `${levels.map((l) => LEVEL_INITIAL[l]).join('')} ×${m.count}`;
    } else if (m.count > 1) m.label = `${m.steps?.[0]?.kind ?? m.label} ×${m.count}`;
  return { nodes, edges, hiddenNodes: g.hiddenNodes, hiddenEdges: g.hiddenEdges };
}

/** The tag keys principals and resources carry, sorted (for "collapse by tag"). */
export function tagKeys(o: OverviewData): string[] {
  const keys = new Set<string>();
  for (const p of o.principals) for (const k of Object.keys(p.tags ?? {})) keys.add(k);
  for (const r of o.resources) for (const k of Object.keys(r.tags ?? {})) keys.add(k);
  return [...keys].sort();
}

/** The table view of the drawn graph: one row per access level of each pair, and per escalation step. */
export function tableRows(g: ViewGraph): TableRow[] {
  const label = new Map(g.nodes.map((n) => [n.id, n.label]));
  const rows: TableRow[] = [];
  for (const e of g.edges) {
    const base = { fromLabel: label.get(e.source) ?? e.source, toLabel: label.get(e.target) ?? e.target };
    if (e.access)
      for (const a of e.access)
        rows.push({
          id: `${e.id}|${a.principal}|${a.resource}|${a.level}`,
          kind: 'access',
          from: e.source,
          to: e.target,
          ...base,
          level: a.level,
          holds: a.holds,
          actions: a.actions,
        });
    else if (e.steps)
      for (const s of e.steps)
        rows.push({
          id: `${e.id}|${s.from}|${s.to}|${s.kind}`,
          kind: 'escalation',
          from: e.source,
          to: e.target,
          ...base,
          technique: s.kind,
          holds: s.holds,
          actions: s.actions,
        });
    else
      rows.push({
        id: e.id,
        kind: 'escalation',
        from: e.source,
        to: e.target,
        ...base,
        technique: e.label,
        holds: 'always',
        actions: [],
      });
  }
  return rows;
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The node the arrow key moves to: the nearest in that direction, a step off the axis counted
 * three times (so Down stays in the column when it can). Undefined at an edge of the drawing.
 */
export function nextNode(layout: Pick<Layout, 'nodes'>, from: string, dir: Direction): string | undefined {
  const here = layout.nodes.find((n) => n.id === from);
  if (!here) return layout.nodes[0]?.id;
  let best: LayoutNode | undefined;
  let bestScore = Infinity;
  for (const n of layout.nodes) {
    if (n.id === from) continue;
    const dx = n.x - here.x;
    const dy = n.y - here.y;
    const along = dir === 'right' ? dx : dir === 'left' ? -dx : dir === 'down' ? dy : -dy;
    const across = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0.5) continue;
    const score = along + 3 * across;
    if (score < bestScore) {
      bestScore = score;
      best = n;
    }
  }
  return best?.id;
}

/** Nodes whose label or id contains the text (case-insensitive), labels matching first. */
export function searchNodes(nodes: readonly ViewNode[], text: string): ViewNode[] {
  const t = text.trim().toLowerCase();
  if (!t) return [];
  const byLabel = nodes.filter((n) => n.label.toLowerCase().includes(t));
  const byId = nodes.filter((n) => !byLabel.includes(n) && n.ref.toLowerCase().includes(t));
  return [...byLabel, ...byId];
}

/** A label shortened to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
