/**
 * Every edge is a proof: for each action an access edge or an escalation step needs, the engine's
 * decision with its reasons (deciding statements, condition values), and the request that opens
 * it in the workbench.
 *
 * Placeholder shape: `proveAccess` answers each action's decision and request; the deciding
 * statements, conditions and reasons are filled by the proof's engineer.
 */
import type { Catalog } from '../catalog/types';
import type { ContextValue, PolicyType } from '../engine/model';
import type { WorldRequest } from '../world/authorize';
import { authorize } from '../world/authorize';
import type { World } from '../world/types';
import type { CheckOptions } from './check';
import { makeChecker } from './check';
import { graphRequest, timeOf } from './request';
import type { EscalationStep, Holds } from './types';
import { graphPrincipals } from './world-nodes';

export interface ProofStatement {
  policyId: string;
  policyType: PolicyType;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Who holds the policy and its name: `alice`, `inline S3Notes`. */
  from?: string;
  name?: string;
  /** The statement's JSON text. */
  text: string;
}

export interface ProofCondition {
  operator: string;
  key: string;
  values: string[];
  /** The request's value of the key (`null`: absent). */
  actual: string | string[] | null;
  result: boolean;
}

export interface ActionProof {
  principal: string;
  action: string;
  resource: string;
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** How the graph holds it (with open keys): always, conditional, never. */
  holds: Holds;
  deciding: ProofStatement[];
  conditions: ProofCondition[];
  /** The request's context as evaluated. */
  context: Record<string, ContextValue>;
  /** Plain sentences from the trace, in order. */
  reasons: string[];
  /** The request, for "Open in workbench" (the worker's `scenarioFromRequest`). */
  request: WorldRequest;
}

export interface EdgeProof {
  title: string;
  from: string;
  to: string;
  actions: ActionProof[];
}

export interface AccessToProve {
  principal: string;
  actions: string[];
  resource: string;
}

export function proveAccess(
  world: World,
  catalog: Catalog,
  access: AccessToProve,
  options: CheckOptions = {},
): EdgeProof {
  void catalog;
  const now = options.now ?? Date.now();
  const principal = graphPrincipals(world).find((p) => p.id === access.principal);
  const check = makeChecker(world, options);
  const actions: ActionProof[] = access.actions.map((action) => {
    const request: WorldRequest = principal
      ? graphRequest(principal, action, access.resource, options.context, now)
      : { principal: access.principal, action, resource: access.resource };
    const r = authorize(world, request, {
      trace: true,
      now: timeOf(options.context, now),
      managedPolicy: options.managedPolicy,
    });
    return {
      principal: access.principal,
      action,
      resource: access.resource,
      decision: r.ok ? r.value.decision : 'ImplicitDeny',
      holds: principal ? check(principal, action, access.resource).holds : 'never',
      deciding: [],
      conditions: [],
      context: r.ok ? Object.fromEntries(Object.values(r.value.request.context).map((c) => [c.key, c.value])) : {},
      reasons: r.ok ? [] : r.errors.map((e) => e.message),
      request,
    };
  });
  return { title: `${access.principal} → ${access.resource}`, from: access.principal, to: access.resource, actions };
}

export function proveStep(world: World, catalog: Catalog, step: EscalationStep, options: CheckOptions = {}): EdgeProof {
  const parts = step.required.map((r) =>
    proveAccess(world, catalog, { principal: step.from, actions: [r.action], resource: r.resource }, options),
  );
  return { title: step.description, from: step.from, to: step.to, actions: parts.flatMap((p) => p.actions) };
}
