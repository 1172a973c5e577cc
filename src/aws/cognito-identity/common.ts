/** What the operations of the identity pools service share: answers, errors, lookups and the state. */
import type { IdentityPool } from '../../world/types';
import type { AwsContext } from '../context';
import type { Reply, ServiceCall } from '../service';
import type { CallDecision } from '../authz';
import { authorizeCall } from '../authz';
import { jsonError, jsonReply } from '../protocol/json';
import type { Input } from './input';
import type { CognitoIdentityState } from './state';

export type Op = (call: ServiceCall, ctx: AwsContext, input: Input) => Promise<Reply>;

export function ok(ctx: AwsContext, operation: string, body: unknown, decision?: CallDecision): Reply {
  const reply: Reply = { operation, response: jsonReply(body, ctx.requestId(), '1.1') };
  if (decision) reply.decision = decision;
  return reply;
}

export function fail(
  ctx: AwsContext,
  operation: string,
  type: string,
  message: string,
  decision?: CallDecision,
  status = 400,
): Reply {
  const reply: Reply = { operation, response: jsonError(type, message, ctx.requestId(), status, '1.1') };
  if (decision) reply.decision = decision;
  return reply;
}

/** The service's records, filled in when a saved state predates a field. */
export function identityState(ctx: AwsContext): CognitoIdentityState {
  const s = (ctx.state.cognitoIdentity ?? {}) as Partial<CognitoIdentityState>;
  s.identities ??= {};
  s.byLogin ??= {};
  s.poolTags ??= {};
  ctx.state.cognitoIdentity = s as CognitoIdentityState;
  return s as CognitoIdentityState;
}

export function findPool(ctx: AwsContext, id: string): IdentityPool | undefined {
  return ctx.state.world.identityPools?.find((p) => p.identityPoolId === id);
}

/** Replaces one identity pool of the world (a new world; the old pool object is left as it was). */
export function replacePool(ctx: AwsContext, pool: IdentityPool): void {
  const w = ctx.state.world;
  ctx.state.world = {
    ...w,
    identityPools: (w.identityPools ?? []).map((p) => (p.identityPoolId === pool.identityPoolId ? pool : p)),
  };
}

export function poolArn(pool: Pick<IdentityPool, 'identityPoolId' | 'account'>): string {
  const region = pool.identityPoolId.slice(0, pool.identityPoolId.indexOf(':'));
  return `arn:aws:cognito-identity:${region}:${pool.account}:identitypool/${pool.identityPoolId}`;
}

export function poolNotFound(ctx: AwsContext, operation: string, id: string): Reply {
  return fail(ctx, operation, 'ResourceNotFoundException', `IdentityPool '${id}' not found.`);
}

/**
 * A signed operation's authorization: AWS's AccessDenied text in `AccessDeniedException`
 * ([UNCERTAIN] exception name: the model lists none for IAM denials; JSON services answer so).
 */
export function authorizeOp(
  call: ServiceCall,
  ctx: AwsContext,
  operation: string,
  action: string,
  resource: string,
): { ok: true; decision: CallDecision } | { ok: false; reply: Reply } {
  const decision = authorizeCall(ctx, call, action, resource);
  if (decision.allowed) return { ok: true, decision };
  return { ok: false, reply: fail(ctx, operation, 'AccessDeniedException', decision.message, decision) };
}
