/**
 * The graph's data as the layouts take it: the escalation edges as nodes (the principals on them
 * and admin) and edges, or a set of access edges bundled into one drawn edge per principal and
 * resource. Each node carries the label to draw and a size that fits it (about 7 px a character
 * at the page's 12 px font, 80 px at least), and what collapse reads (account, path, groups, tags).
 */
import type { AccessEdge, EscalationStep, GraphPrincipal, GraphResource } from '../types';
import { ADMIN } from '../types';
import type { BundledEdge } from './bundle';
import { bundle } from './bundle';

export interface DrawnNode {
  id: string;
  label: string;
  kind: GraphPrincipal['kind'] | 'resource' | 'admin';
  width: number;
  height: number;
  account?: string;
  path?: string;
  groups?: string[];
  tags?: Record<string, string>;
}

export interface DrawnStep {
  id: string;
  source: string;
  target: string;
  /** The step's technique, as collapse counts it. */
  level: string;
  steps: EscalationStep[];
}

/** A width for a label: 7 px a character and 24 px of padding, at least 80 and at most 280. */
export const labelWidth = (label: string): number => Math.max(80, Math.min(280, Math.ceil(label.length * 7 + 24)));

const NODE_HEIGHT = 36;

function principalNode(p: GraphPrincipal): DrawnNode {
  const n: DrawnNode = { id: p.id, label: p.label, kind: p.kind, width: labelWidth(p.label), height: NODE_HEIGHT };
  if (p.account) n.account = p.account;
  if (p.path) n.path = p.path;
  if (p.groups) n.groups = p.groups;
  if (p.tags) n.tags = p.tags;
  return n;
}

function resourceNode(r: GraphResource): DrawnNode {
  const n: DrawnNode = { id: r.arn, label: r.label, kind: 'resource', width: labelWidth(r.label), height: NODE_HEIGHT };
  if (r.account) n.account = r.account;
  if (r.path) n.path = r.path;
  if (r.tags) n.tags = r.tags;
  return n;
}

/** The escalation edges as a graph: the principals on them (in `principals` order), then admin; one edge per pair. */
export function escalationGraph(
  steps: readonly EscalationStep[],
  principals: readonly GraphPrincipal[],
): { nodes: DrawnNode[]; edges: DrawnStep[] } {
  const on = new Set(steps.flatMap((s) => [s.from, s.to]));
  const nodes = principals.filter((p) => on.has(p.id)).map(principalNode);
  const known = new Set(nodes.map((n) => n.id));
  for (const id of on)
    if (!known.has(id) && id !== ADMIN)
      nodes.push({ id, label: id, kind: 'account', width: labelWidth(id), height: NODE_HEIGHT });
  if (on.has(ADMIN)) nodes.push({ id: ADMIN, label: 'admin', kind: 'admin', width: 80, height: NODE_HEIGHT });
  const edges = new Map<string, DrawnStep>();
  for (const s of steps) {
    const id = `${s.from}->${s.to}`;
    const e = edges.get(id);
    if (e) e.steps.push(s);
    else edges.set(id, { id, source: s.from, target: s.to, level: s.kind, steps: [s] });
  }
  return { nodes, edges: [...edges.values()] };
}

/** Access edges as a graph: their principals, then their resources (each in the relation's order), one bundled edge per pair. */
export function accessGraph(
  edges: readonly AccessEdge[],
  principals: readonly GraphPrincipal[],
  resources: readonly GraphResource[],
): { nodes: DrawnNode[]; edges: BundledEdge[] } {
  const who = new Set(edges.map((e) => e.principal));
  const what = new Set(edges.map((e) => e.resource));
  return {
    nodes: [
      ...principals.filter((p) => who.has(p.id)).map(principalNode),
      ...resources.filter((r) => what.has(r.arn)).map(resourceNode),
    ],
    edges: bundle(edges),
  };
}
