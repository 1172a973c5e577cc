/**
 * Privilege escalation: the edges "A can become B" and "A can become admin", each carrying the
 * permissions that prove it, and the shortest path to admin of every principal that has one.
 *
 * Not built yet: this placeholder answers no admins and no paths, in the final shape.
 */
import type { Catalog } from '../catalog/types';
import type { World } from '../world/types';
import type { CheckOptions } from './check';
import type { Escalations } from './types';

export function findEscalations(world: World, catalog: Catalog, options: CheckOptions = {}): Escalations {
  void world;
  void catalog;
  void options;
  return { admins: [], edges: [], paths: [] };
}
