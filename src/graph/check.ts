/**
 * One access decided for the graph: `makeChecker(world, options)` answers, for a principal, an
 * action and a resource, whether the access holds always, only under a condition, or never.
 *
 * This first version asks `authorize` with the context fixed and answers only `always` or
 * `never`; the condition-aware version (open keys, witnesses) replaces its inside, not its shape.
 */
import { authorize } from '../world/authorize';
import type { ManagedPolicy, World } from '../world/types';
import { graphRequest, timeOf } from './request';
import type { AccessAnswer, GraphOptions, GraphPrincipal } from './types';

export interface CheckOptions extends GraphOptions {
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
}

export type Checker = (principal: GraphPrincipal, action: string, resource: string) => AccessAnswer;

export function makeChecker(world: World, options: CheckOptions = {}): Checker {
  const now = options.now ?? Date.now();
  const time = timeOf(options.context, now);
  return (principal, action, resource) => {
    const r = authorize(world, graphRequest(principal, action, resource, options.context, now), {
      trace: false,
      message: false,
      now: time,
      managedPolicy: options.managedPolicy,
    });
    return { holds: r.ok && r.value.decision === 'Allow' ? 'always' : 'never' };
  };
}
