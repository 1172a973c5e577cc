/**
 * The evaluator's request and outcome shapes, consumed by the decision logic (authorize) and the
 * CLI. Plain data: they cross the worker boundary.
 */
import type { ContextValue, StatementRef } from '../model';

/** Who is asking, derived from the principal ARN by the caller of the evaluator. */
export interface Caller {
  kind:
    'anonymous' | 'account' | 'user' | 'role' | 'assumed-role' | 'federated-user' | 'service' | 'web-identity' | 'saml';
  /** The ARN as it appears in the request (the session ARN for assumed roles); '' for anonymous. */
  arn: string;
  /** 12-digit account id. */
  account?: string;
  /** For assumed-role sessions: `arn:aws:iam::ACCT:role/PATH/NAME` (the `aws:PrincipalArn`). */
  roleArn?: string;
  /** For service principals, e.g. `ec2.amazonaws.com`. */
  service?: string;
  /** For web-identity / SAML callers: e.g. `cognito-identity.amazonaws.com`, or the SAML provider ARN. */
  provider?: string;
  /**
   * The unique id of the user (`AIDA…`) or of the role (`AROA…`, for the role and its sessions), when
   * the world knows it: a `Principal` may name the caller by it.
   */
  uniqueId?: string;
  /** S3 canonical user id, if known. */
  canonicalUser?: string;
}

/** Request context, keyed by the lower-cased key; `key` keeps the spelling the caller used. */
export type Context = Record<string, { key: string; value: ContextValue }>;

export interface EvalRequest {
  caller: Caller;
  action: string;
  resource: string;
  context: Context;
}

/**
 * How a `Principal` matched: `anyone` (`*` or `{"AWS":"*"}`); `account` (the account id or its
 * `:root` ARN); `exact` (the caller's own user, session or federated-user ARN); `role` (a role ARN,
 * matched by a session of that role); `service`, `federated`, `canonical` (those principal types).
 */
export type PrincipalMatch = 'anyone' | 'account' | 'exact' | 'role' | 'service' | 'federated' | 'canonical';

export interface StatementOutcome {
  ref: StatementRef;
  /** `invalid` when the statement cannot be evaluated (bad Effect, no Action/NotAction, …): it never matches. */
  effect: 'Allow' | 'Deny' | 'invalid';
  /** True when every element matched (for `invalid`, always false). */
  matched: boolean;
  /** How Principal matched (only for statements with `Principal` that matched it). */
  principalMatch?: PrincipalMatch;
  /** The id of the statement's trace event (0 when tracing is off). */
  traceId: number;
}

/** Builds a Context from plain key/value pairs (keys are matched case-insensitively). */
export function makeContext(values: Record<string, ContextValue> = {}): Context {
  const ctx: Context = Object.create(null) as Context;
  for (const [key, value] of Object.entries(values)) ctx[key.toLowerCase()] = { key, value };
  return ctx;
}
