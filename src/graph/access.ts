/**
 * The access relation of a world: for each principal, each action a resource's type supports and
 * each resource, whether the access holds (always, under a condition, or never), bundled by
 * access level. `buildAccess` computes it once; the answers are read through `AccessRelation`.
 *
 * This first version decides every triple with `makeChecker` (right, but slow: fine for the
 * default account, not for 1,000 × 10,000); the indexed version replaces its inside, not its shape.
 */
import type { Catalog } from '../catalog/types';
import type { World } from '../world/types';
import { actionsFor } from './actions';
import type { CheckOptions } from './check';
import { makeChecker } from './check';
import type { AccessAnswer, AccessEdge, AccessStats, GraphPrincipal, GraphResource } from './types';
import { ACCESS_LEVELS } from './types';
import { graphPrincipals, graphResources } from './world-nodes';

export interface AccessRelation {
  readonly principals: readonly GraphPrincipal[];
  /** Sorted by ARN. */
  readonly resources: readonly GraphResource[];
  readonly stats: AccessStats;
  /** One triple's answer (any action, even one the resource's type does not list). */
  check(principal: string, action: string, resource: string): AccessAnswer;
  /** A principal's bundled edges, by resource (in ARN order) then access level. */
  edgesFrom(principal: string): AccessEdge[];
  /** The bundled edges to a resource, by principal (in `principals` order) then access level. */
  edgesTo(resource: string): AccessEdge[];
  /** Who can do one action on one resource: every principal for whom it is not `never`. */
  whoCan(action: string, resource: string): { principal: string; answer: AccessAnswer }[];
  /** Every bundled edge, at most `limit` of them (default: all). */
  edges(limit?: number): AccessEdge[];
}

export function buildAccess(world: World, catalog: Catalog, options: CheckOptions = {}): AccessRelation {
  const started = performance.now();
  const principals = graphPrincipals(world);
  const resources = graphResources(world, catalog);
  const byId = new Map(principals.map((p) => [p.id, p]));
  const checker = makeChecker(world, options);
  const cells = new Map<string, AccessEdge[]>(); // principal id -> edges
  let decisions = 0;
  for (const p of principals) {
    const list: AccessEdge[] = [];
    for (const r of resources) {
      const byLevel = new Map<string, AccessEdge>();
      for (const a of actionsFor(catalog, r.type)) {
        decisions++;
        const answer = checker(p, a.action, r.arn);
        if (answer.holds === 'never') continue;
        let e = byLevel.get(a.level);
        if (!e)
          byLevel.set(
            a.level,
            (e = { principal: p.id, resource: r.arn, level: a.level, holds: answer.holds, actions: [] }),
          );
        e.actions.push(a.action);
        if (answer.holds === 'always') e.holds = 'always';
        else {
          (e.conditionalActions ??= []).push(a.action);
          for (const c of answer.conditions ?? []) (e.conditions ??= []).push(c);
        }
      }
      for (const level of ACCESS_LEVELS) {
        const e = byLevel.get(level);
        if (e) list.push(e);
      }
    }
    cells.set(p.id, list);
  }
  const stats: AccessStats = {
    principals: principals.length,
    resources: resources.length,
    decisions,
    milliseconds: performance.now() - started,
  };
  return {
    principals,
    resources,
    stats,
    check(principal, action, resource) {
      const p = byId.get(principal);
      return p ? checker(p, action, resource) : { holds: 'never' };
    },
    edgesFrom: (principal) => [...(cells.get(principal) ?? [])],
    edgesTo: (resource) => principals.flatMap((p) => (cells.get(p.id) ?? []).filter((e) => e.resource === resource)),
    whoCan(action, resource) {
      const out: { principal: string; answer: AccessAnswer }[] = [];
      for (const p of principals) {
        const answer = checker(p, action, resource);
        if (answer.holds !== 'never') out.push({ principal: p.id, answer });
      }
      return out;
    },
    edges(limit = Infinity) {
      const out: AccessEdge[] = [];
      for (const p of principals)
        for (const e of cells.get(p.id) ?? []) {
          if (out.length >= limit) return out;
          out.push(e);
        }
      return out;
    },
  };
}
