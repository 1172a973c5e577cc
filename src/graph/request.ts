/**
 * The request the graph decides for a principal, an action and a resource, in a context: the one
 * place the graph turns its nodes into a `WorldRequest`, so the relation, the escalation paths,
 * the proofs and the workbench links all ask the engine the same question.
 */
import type { ContextValue } from '../engine/model';
import type { WorldRequest } from '../world/authorize';
import type { GraphContext, GraphPrincipal } from './types';

/** How long before `now` the graph's role sessions were created (`aws:TokenIssueTime`). */
export const SESSION_AGE_MS = 15 * 60 * 1000;

/** The context keys a graph context fixes. */
export function contextKeys(context: GraphContext | undefined): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = { ...(context?.keys ?? {}) };
  if (context?.mfa !== undefined) {
    out['aws:MultiFactorAuthPresent'] = context.mfa ? 'true' : 'false';
    if (context.mfa) out['aws:MultiFactorAuthAge'] = '0';
  }
  if (context?.sourceIp !== undefined) out['aws:SourceIp'] = context.sourceIp;
  return out;
}

/** The request time of a graph context, in milliseconds. */
export function timeOf(context: GraphContext | undefined, now: number): number {
  if (context?.time) {
    const t = Date.parse(context.time);
    if (Number.isFinite(t)) return t;
  }
  return now;
}

/** The request `principal` makes for `action` on `resource` in `context`. */
export function graphRequest(
  principal: GraphPrincipal,
  action: string,
  resource: string,
  context: GraphContext | undefined,
  now: number,
): WorldRequest {
  const request: WorldRequest = {
    principal: principal.requestAs,
    action,
    resource,
    context: contextKeys(context),
  };
  if (principal.kind === 'role') {
    request.session = { issuedAt: timeOf(context, now) - SESSION_AGE_MS };
    if (context?.mfa !== undefined) request.session.mfa = context.mfa;
  }
  return request;
}
