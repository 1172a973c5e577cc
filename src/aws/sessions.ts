/**
 * Temporary credentials, as STS issues them: an `ASIA…` access key id, a 40-character secret, a
 * session token and an expiration. STS (AssumeRole*, GetSessionToken) and Cognito identity pools
 * (GetCredentialsForIdentity) issue them through `issueSession`; SigV4 checks look them up here.
 */
import type { ContextValue } from '../engine/model';
import type { SessionFacts } from '../world/authorize';
import type { AwsContext } from './context';
import { randomString, SECRET_CHARS, UPPER_DIGITS } from './random';

export interface TemporarySession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Milliseconds since the epoch. */
  expiration: number;
  issuedAt: number;
  kind: 'assumed-role' | 'user' | 'root' | 'federated-user';
  /** The session's principal ARN (`arn:aws:sts::ACCT:assumed-role/ROLE/SESSION`, or the user's ARN). */
  arn: string;
  account: string;
  /** `aws:userid` (`AROA…:SESSION`). */
  userId: string;
  roleArn?: string;
  userArn?: string;
  facts: SessionFacts;
  chained?: boolean;
  sourceIdentity?: string;
  /** Session tag keys that pass on to sessions this one makes by role chaining (`TransitiveTagKeys`). */
  transitiveTagKeys?: string[];
  /**
   * Context keys the session carries into every request it signs: for a web identity session
   * `cognito-identity.amazonaws.com:sub`, `:aud` and `:amr` (or `HOST:sub`, `HOST:aud` for an
   * OIDC provider), so that `${cognito-identity.amazonaws.com:sub}` resolves in later S3 calls.
   */
  context?: Record<string, ContextValue>;
}

export interface StsState {
  /** By access key id. */
  sessions: Record<string, TemporarySession>;
}

export function newAccessKeyId(ctx: AwsContext, prefix: 'AKIA' | 'ASIA'): string {
  return prefix + randomString(ctx.random, UPPER_DIGITS, 16);
}

export function newSecretKey(ctx: AwsContext): string {
  return randomString(ctx.random, SECRET_CHARS, 40);
}

/** Issues temporary credentials and records them; sessions past their expiration are dropped. */
export function issueSession(
  ctx: AwsContext,
  s: Omit<TemporarySession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'issuedAt' | 'expiration'> & {
    durationSeconds: number;
  },
): TemporarySession {
  const now = ctx.clock.now();
  const { durationSeconds, ...rest } = s;
  const session: TemporarySession = {
    ...rest,
    accessKeyId: newAccessKeyId(ctx, 'ASIA'),
    secretAccessKey: newSecretKey(ctx),
    // Real session tokens are long opaque base64 blobs; ours is random and as opaque.
    sessionToken: 'IQoJb3JpZ2luX2Vj' + randomString(ctx.random, SECRET_CHARS, 340),
    issuedAt: now,
    expiration: now + durationSeconds * 1000,
    facts: { ...rest.facts, issuedAt: now },
  };
  const sessions = ctx.state.sts.sessions;
  for (const [id, old] of Object.entries(sessions)) if (old.expiration <= now) delete sessions[id];
  sessions[session.accessKeyId] = session;
  return session;
}
