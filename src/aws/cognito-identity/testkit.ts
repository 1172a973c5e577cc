/**
 * For the identity pool tests: calls through the service's `handle`, ID and access tokens signed as
 * the user pool would sign them (cognito-sts.md §3.2, §3.3), and the Principal of a session.
 */
import type { AwsContext, Principal } from '../context';
import { request, text } from '../http';
import type { Reply } from '../service';
import type { TemporarySession } from '../sessions';
import { signJwt } from '../signing-keys';
import { call } from '../testing';
import { cognitoIdentity } from './index';

export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const USER_POOL = 'us-east-1_Pl4yGr0nd';
export const CLIENT = '5ekq2vd8s7rj4ndm0m9ocpga1t';
export const PROVIDER = `cognito-idp.${REGION}.amazonaws.com/${USER_POOL}`;
export const IDENTITY_POOL = 'us-east-1:7b0e4c1a-3f2d-4e6b-9a8c-5d1e2f3a4b6c';

export async function send(
  ctx: AwsContext,
  operation: string,
  body: unknown,
  caller?: Principal,
): Promise<{ reply: Reply; status: number; json: Record<string, unknown> }> {
  const req = request({
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityService.${operation}`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const reply = await cognitoIdentity.handle(call(req, caller), ctx);
  const raw = text(reply.response.body);
  return { reply, status: reply.response.status, json: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
}

/** An ID token of the user pool, with the claims of §3.2; `extra` overrides or adds claims. */
export async function idToken(
  ctx: AwsContext,
  sub: string,
  extra: Record<string, unknown> = {},
  pool = USER_POOL,
): Promise<string> {
  const now = Math.floor(ctx.clock.now() / 1000);
  return signJwt(ctx, pool, {
    sub,
    iss: `https://cognito-idp.${REGION}.amazonaws.com/${pool}`,
    aud: CLIENT,
    token_use: 'id',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: `jti-${sub}`,
    origin_jti: `origin-${sub}`,
    event_id: `event-${sub}`,
    'cognito:username': sub,
    email: 'maria@example.com',
    email_verified: true,
    ...extra,
  });
}

/** An access token (§3.3): `client_id` and no `aud`. */
export async function accessToken(ctx: AwsContext, sub: string): Promise<string> {
  const now = Math.floor(ctx.clock.now() / 1000);
  return signJwt(ctx, USER_POOL, {
    sub,
    iss: `https://${PROVIDER}`,
    client_id: CLIENT,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: `jti-a-${sub}`,
    username: sub,
    version: 2,
  });
}

/** The caller SigV4 would prove for a call signed with the session's keys. */
export function sessionPrincipal(s: TemporarySession): Principal {
  const session: NonNullable<Principal['session']> = { ...s.facts, expiration: s.expiration };
  if (s.roleArn) session.roleArn = s.roleArn;
  if (s.context) session.context = s.context;
  return {
    kind: 'assumed-role',
    arn: s.arn,
    account: s.account,
    userId: s.userId,
    accessKeyId: s.accessKeyId,
    session,
  };
}
