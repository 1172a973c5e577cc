/**
 * Bundling: the access edges between one principal and one resource, one per access level, drawn
 * as one edge that carries its levels (in the console's order: List, Read, Write, Permissions
 * management, Tagging) with the number of actions of each, and whether all of it holds always.
 */
import type { AccessLevel } from '../types';
import { ACCESS_LEVELS } from '../types';

/** An `AccessEdge`, or any edge with its ends and level. */
export type BundleInput =
  | { principal: string; resource: string; level: AccessLevel; actions?: string[]; holds?: 'always' | 'conditional' }
  | {
      source: string;
      target: string;
      level: AccessLevel | string;
      actions?: string[];
      holds?: 'always' | 'conditional';
    };

export interface BundleLevel {
  level: string;
  /** The actions of this level (1 for an edge that lists none). */
  count: number;
  holds: 'always' | 'conditional';
}

export interface BundledEdge {
  /** `SOURCE->TARGET`. */
  id: string;
  source: string;
  target: string;
  levels: BundleLevel[];
  /** Every action of every level. */
  count: number;
  /** `always` when every level holds always; else `conditional`. */
  holds: 'always' | 'conditional';
}

const levelOrder = (level: string) => {
  const i = (ACCESS_LEVELS as readonly string[]).indexOf(level);
  return i < 0 ? ACCESS_LEVELS.length : i;
};

export function bundle(edges: readonly BundleInput[]): BundledEdge[] {
  const out = new Map<string, BundledEdge>();
  for (const e of edges) {
    const source = 'principal' in e ? e.principal : e.source;
    const target = 'principal' in e ? e.resource : e.target;
    const id = `${source}->${target}`;
    let b = out.get(id);
    if (!b) out.set(id, (b = { id, source, target, levels: [], count: 0, holds: 'always' }));
    const count = e.actions ? e.actions.length : 1;
    const holds = e.holds ?? 'always';
    const l = b.levels.find((x) => x.level === e.level);
    if (l) {
      l.count += count;
      if (holds === 'always') l.holds = 'always';
    } else b.levels.push({ level: e.level, count, holds });
    b.count += count;
  }
  for (const b of out.values()) {
    b.levels.sort(
      (x, y) => levelOrder(x.level) - levelOrder(y.level) || (x.level < y.level ? -1 : x.level > y.level ? 1 : 0),
    );
    b.holds = b.levels.every((l) => l.holds === 'always') ? 'always' : 'conditional';
  }
  return [...out.values()];
}
