/**
 * The fewest changes that cut every path to admin, proposed and proved: applied to a copy of the
 * world, escalations recomputed (none must be left), and the accesses the learner marks as
 * needed decided again.
 *
 * Placeholder: proposes nothing; the escalation engineer builds it in this shape.
 */
import type { Catalog } from '../catalog/types';
import type { World } from '../world/types';
import type { CheckOptions } from './check';
import { findEscalations } from './escalation';
import type { FixProposal, NeededAccess } from './types';

export interface FixOptions extends CheckOptions {
  needed?: NeededAccess[];
}

export function proposeFix(
  world: World,
  catalog: Catalog,
  options: FixOptions = {},
): { proposal: FixProposal; world: World } {
  const remaining = findEscalations(world, catalog, options).paths;
  return {
    proposal: { changes: [], remaining, needed: (options.needed ?? []).map((n) => ({ ...n, holds: 'never' })) },
    world,
  };
}
