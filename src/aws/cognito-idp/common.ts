/**
 * What the operations share: their result shape, the signed-caller check and authorization of the
 * admin operations (`cognito-idp:<Action>` on the pool's ARN), and the sign-in session records.
 */
import type { AwsContext } from '../context';
import type { CallDecision } from '../authz';
import { authorizeCall } from '../authz';
import type { Note, ServiceCall } from '../service';
import type { ApiError, Input } from './input';
import { apiError, isPoolId } from './input';
import { randomString, SECRET_CHARS } from '../random';
import type { AuthSession } from './state';
import { idpState } from './state';

export interface Outcome {
  body: unknown;
  notes?: Note[];
  decision?: CallDecision;
}

export type Failure = ApiError & { decision?: CallDecision; notes?: Note[] };

export type OpResult = Outcome | Failure;

export type Operation = (input: Input, ctx: AwsContext, call: ServiceCall) => Promise<OpResult>;

export function ok(body: unknown, notes?: Note[]): Outcome {
  return notes && notes.length > 0 ? { body, notes } : { body };
}

/** `arn:aws:cognito-idp:REGION:ACCT:userpool/POOL_ID`. */
export function poolArn(poolId: string, account: string, region: string): string {
  const r = isPoolId(poolId) ? poolId.slice(0, poolId.lastIndexOf('_')) : region;
  return `arn:aws:cognito-idp:${r}:${account}:userpool/${poolId}`;
}

/**
 * A signed caller allowed `cognito-idp:<action>` on the resource (the pool's ARN, or `*` when
 * `poolId` is undefined): the decision, or the error AWS answers.
 */
export function authorizeAdmin(
  ctx: AwsContext,
  call: ServiceCall,
  action: string,
  poolId: string | undefined,
): { account: string; decision: CallDecision } | Failure {
  const caller = call.caller;
  if (!caller) return apiError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const resource = poolId === undefined ? '*' : poolArn(poolId, caller.account, ctx.region);
  const decision = authorizeCall(ctx, call, `cognito-idp:${action}`, resource);
  if (!decision.allowed) return { ...apiError('AccessDeniedException', decision.message), decision };
  return { account: caller.account, decision };
}

export function withDecision<T extends OpResult>(r: T, decision: CallDecision): T {
  return { ...r, decision };
}

/** The longest an access or ID token lives (1 day): a revocation older than that has nothing left to stop. */
const LONGEST_TOKEN_MS = 86_400_000;

/**
 * Drops the runtime records whose time is over, so a long-lived `--state` file does not grow:
 * challenge sessions past their expiry; refresh tokens, codes and revocations a day after theirs
 * (until then an expired one is still answered as expired rather than unknown).
 */
export function pruneSessions(ctx: AwsContext): void {
  const s = idpState(ctx.state);
  const now = ctx.clock.now();
  for (const [k, v] of Object.entries(s.sessions)) if (v.expires <= now) delete s.sessions[k];
  for (const [k, v] of Object.entries(s.refreshTokens))
    if (v.expires + LONGEST_TOKEN_MS <= now) delete s.refreshTokens[k];
  for (const [k, v] of Object.entries(s.codes)) if (v.expires + LONGEST_TOKEN_MS <= now) delete s.codes[k];
  for (const [k, at] of Object.entries(s.revokedOrigins)) if (at + LONGEST_TOKEN_MS <= now) delete s.revokedOrigins[k];
}

/** Minutes a challenge session lasts for the client (`AuthSessionValidity`, default 3). */
export function sessionMinutes(ctx: AwsContext, clientId: string): number {
  return idpState(ctx.state).clientSettings[clientId]?.authSessionValidity ?? 3;
}

/** A new opaque `Session` string for the record. */
export function newSession(ctx: AwsContext, record: Omit<AuthSession, 'expires'>): string {
  const id = 'AYABe' + randomString(ctx.random, SECRET_CHARS, 180);
  idpState(ctx.state).sessions[id] = {
    ...record,
    expires: ctx.clock.now() + sessionMinutes(ctx, record.clientId) * 60_000,
  };
  return id;
}

export const EXPIRED_SESSION = (): Failure =>
  apiError('NotAuthorizedException', 'Invalid session for the user, session is expired.');

/** The record of a `Session` the client sent back, or AWS's error when it is unknown or stale. */
export function takeSession(ctx: AwsContext, session: string | undefined, clientId: string): AuthSession | Failure {
  if (session === undefined) return apiError('InvalidParameterException', 'Missing required parameter Session');
  const rec = idpState(ctx.state).sessions[session];
  if (!rec || rec.expires <= ctx.clock.now() || rec.clientId !== clientId) return EXPIRED_SESSION();
  return rec;
}

export const USER_NOT_FOUND = (): Failure => apiError('UserNotFoundException', 'User does not exist.');
