/**
 * Privilege escalation: the edges "A can become B" and "A can become admin", each carrying the
 * permissions that prove it, and the shortest path to admin of every principal that has one.
 *
 * The techniques are data (`escalation/techniques.ts`); every required action is decided by the
 * checker (`makeChecker`), so denies, boundaries, SCPs, RCPs, trust policies and conditions count
 * as the engine counts them. Administrators (`escalation/admin.ts`) are not the start of a path;
 * edges go from users, roles and the other accounts trust policies name (these only assume roles).
 */
import type { Catalog } from '../catalog/types';
import type { World } from '../world/types';
import type { CheckOptions } from './check';
import { makeChecker } from './check';
import { ADMIN_PROBES, isAdmin } from './escalation/admin';
import { cached, findEdges } from './escalation/edges';
import { holders, identityMayAllow } from './escalation/facts';
import { shortestPaths } from './escalation/paths';
import type { Escalations } from './types';
import { graphPrincipals } from './world-nodes';

export function findEscalations(world: World, catalog: Catalog, options: CheckOptions = {}): Escalations {
  void catalog;
  const opts: CheckOptions = { ...options, now: options.now ?? Date.now() };
  const principals = graphPrincipals(world).filter(
    (p) => p.kind === 'user' || p.kind === 'role' || p.kind === 'account',
  );
  const check = cached(makeChecker(world, opts));
  const hs = holders(world);
  // Only a principal whose identity statements name every probe can pass them all (see `identityMayAllow`).
  const mayBeAdmin = (id: string) => {
    const h = hs.get(id);
    if (!h) return false;
    const may = identityMayAllow(world, h, opts.managedPolicy);
    return ADMIN_PROBES.every((a) => may(a));
  };
  const admins = new Set(principals.filter((p) => mayBeAdmin(p.id) && isAdmin(check, p)).map((p) => p.id));
  const edges = findEdges({
    world,
    options: opts,
    principals,
    byId: new Map(principals.map((p) => [p.id, p])),
    holders: hs,
    check,
    admins,
  });
  const order = principals.map((p) => p.id);
  return {
    admins: order.filter((id) => admins.has(id)),
    edges,
    paths: shortestPaths(edges, admins, order),
  };
}
