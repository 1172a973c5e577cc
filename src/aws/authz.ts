/**
 * Every signed call is authorized by the engine: `authorizeCall` asks `authorize(world, request)`
 * with the action and resource ARN AWS uses for the operation and the request context AWS would
 * set (principal keys come from the world; this adds the transport, time, MFA and session facts),
 * and returns the decision with AWS's AccessDenied text and the trace for the app.
 */
import type { ContextValue } from '../engine/model';
import type { Authorized, WorldRequest } from '../world/authorize';
import { authorize } from '../world/authorize';
import type { AwsContext, Principal } from './context';
import type { ServiceCall } from './service';
import { isoSeconds } from './clock';

export interface CallDecision {
  principal: string;
  action: string;
  resource: string;
  allowed: boolean;
  /** `Allow`, `ExplicitDeny` or `ImplicitDeny`; `Error` when the request could not be evaluated. */
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'Error';
  /** AWS's AccessDenied text (`User: … is not authorized to perform: … because …`); empty when allowed. */
  message: string;
  /** The engine's full answer, with its trace. */
  authorized?: Authorized;
  /** The request the engine was asked (context keys, session facts): what the workbench can pose again. */
  request: WorldRequest;
}

export interface CallOptions {
  /** Extra context keys for the operation (`s3:prefix`, `dynamodb:LeadingKeys`, …). */
  context?: Record<string, ContextValue>;
  /** The account that owns the resource, when the ARN does not say (S3 buckets). */
  resourceAccount?: string;
  /**
   * Ask for this principal instead of the call's caller (a service acting on its own, such as
   * `cognito-identity.amazonaws.com` assuming a role for an identity pool): the caller's session
   * facts and keys are then left out.
   */
  principal?: string;
}

/** The principal string the engine takes for a caller (`anonymous` for unsigned S3 calls). */
export function principalString(caller: Principal | undefined): string {
  return caller ? caller.arn : 'anonymous';
}

/** The request context AWS sets on every call from this caller over this transport. */
export function callContext(
  ctx: AwsContext,
  call: Pick<ServiceCall, 'caller' | 'sourceIp' | 'secure'> & { region?: string },
): Record<string, ContextValue> {
  const c: Record<string, ContextValue> = {
    'aws:SecureTransport': call.secure ? 'true' : 'false',
    'aws:SourceIp': call.sourceIp,
    // The region the request was signed for (its credential scope), else the endpoint's.
    'aws:RequestedRegion': call.region ?? ctx.region,
  };
  // Temporary credentials only: long-term keys carry no MFA keys (policies use BoolIfExists).
  const s = call.caller?.session;
  if (s) {
    c['aws:MultiFactorAuthPresent'] = s.mfa ? 'true' : 'false';
    if (s.issuedAt !== undefined) {
      c['aws:TokenIssueTime'] = isoSeconds(s.issuedAt);
      if (s.mfa) c['aws:MultiFactorAuthAge'] = String(Math.max(0, Math.floor((ctx.clock.now() - s.issuedAt) / 1000)));
    }
    if (s.sourceIdentity !== undefined) c['aws:SourceIdentity'] = s.sourceIdentity;
    if (s.context) Object.assign(c, s.context);
  }
  return c;
}

export function authorizeCall(
  ctx: AwsContext,
  call: Pick<ServiceCall, 'caller' | 'sourceIp' | 'secure'> & { region?: string },
  action: string,
  resource: string,
  options: CallOptions = {},
): CallDecision {
  const principal = options.principal ?? principalString(call.caller);
  const asCaller = options.principal === undefined ? call : { ...call, caller: undefined };
  const request: WorldRequest = {
    principal,
    action,
    resource,
    context: { ...callContext(ctx, asCaller), ...options.context },
  };
  if (options.resourceAccount) request.resourceAccount = options.resourceAccount;
  const s = asCaller.caller?.session;
  if (s) {
    const { context: _keys, expiration: _e, roleArn: _r, userArn: _u, chained: _c, sourceIdentity: _si, ...facts } = s;
    request.session = facts;
  }
  const r = authorize(ctx.state.world, request, {
    trace: true,
    now: ctx.clock.now(),
    managedPolicy: ctx.managedPolicy,
  });
  if (!r.ok) {
    return {
      principal,
      action,
      resource,
      allowed: false,
      decision: 'Error',
      message: `User: ${principal} is not authorized to perform: ${action} on resource: ${resource}`,
      request,
    };
  }
  const v = r.value;
  return {
    principal,
    action,
    resource,
    allowed: v.decision === 'Allow',
    decision: v.decision,
    message: v.decision === 'Allow' ? '' : v.message,
    authorized: v,
    request,
  };
}
