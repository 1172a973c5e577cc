/**
 * Step pieces several flows share: signing in to a user pool with SRP (two exchanges), reading
 * credentials from a reply, the pool's JWKS for token panels, and the failure of a step in the
 * shape the machine expects.
 */
import { issuerUrl, idKeyIssuer, accessKeyIssuer } from '../aws/cognito-idp/tokens';
import { isoSeconds } from '../aws/clock';
import type { CredentialsView, FlowEnv, FlowExchange, StepOutput, TokenSpec } from './types';
import * as wire from './wire';
import { srpAnswer, srpStart } from './srp-client';
import type { SrpChallenge } from './srp-client';

export interface PoolTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
}

/** A step that failed at its last exchange, with AWS's code and message. */
export function failure(
  step: string,
  title: string,
  exchanges: FlowExchange[],
  narration: (code: string, message: string) => string,
  data?: Record<string, unknown>,
): StepOutput {
  const last = exchanges[exchanges.length - 1];
  const err = last ? wire.errorOf(last.response) : undefined;
  const code = err?.code ?? 'Error';
  const message = err?.message ?? '';
  return {
    outcome: 'error',
    title,
    narration: narration(code, message),
    exchanges,
    error: { code, message, step },
    ...(last?.decision ? { decision: last.decision as StepOutput['decision'] } : {}),
    ...(data ? { data } : {}),
  };
}

/** The JWKS a user pool publishes (both of its keys), as a verifier fetches it. */
export function poolJwksOf(env: FlowEnv, poolId: string): { keys: Record<string, unknown>[] } {
  const keys = [env.state.keys[idKeyIssuer(poolId)], env.state.keys[accessKeyIssuer(poolId)]]
    .filter((k) => k !== undefined)
    .map((k) => k.publicJwk as Record<string, unknown>);
  return { keys };
}

/** Panels for a user pool's tokens. */
export function poolTokenSpecs(env: FlowEnv, poolId: string, clientId: string, t: Partial<PoolTokens>): TokenSpec[] {
  const jwks = poolJwksOf(env, poolId);
  const issuer = issuerUrl(poolId);
  const out: TokenSpec[] = [];
  if (t.idToken)
    out.push({ label: 'ID token', jwt: t.idToken, expect: { issuer, tokenUse: 'id', audience: clientId, jwks } });
  if (t.accessToken)
    out.push({
      label: 'Access token',
      jwt: t.accessToken,
      expect: { issuer, tokenUse: 'access', audience: clientId, jwks },
    });
  if (t.refreshToken) out.push({ label: 'Refresh token', jwt: t.refreshToken });
  return out;
}

/** `AuthenticationResult` of an InitiateAuth / RespondToAuthChallenge reply. */
export function tokensOf(x: FlowExchange): PoolTokens | undefined {
  const r = wire.jsonOf(x.response.body)?.['AuthenticationResult'] as Record<string, string> | undefined;
  if (!r?.['IdToken'] || !r['AccessToken']) return undefined;
  return {
    idToken: r['IdToken'],
    accessToken: r['AccessToken'],
    ...(r['RefreshToken'] ? { refreshToken: r['RefreshToken'] } : {}),
  };
}

/** Credentials from a `Credentials` object (identity pools: `SecretKey`, epoch seconds) or STS XML. */
export function credentialsFromJson(
  c: Record<string, unknown> | undefined,
  arn: string,
  source: string,
): CredentialsView | undefined {
  if (!c || typeof c['AccessKeyId'] !== 'string') return undefined;
  const exp = c['Expiration'];
  return {
    arn,
    accessKeyId: c['AccessKeyId'] as string,
    secretAccessKey: String(c['SecretKey'] ?? c['SecretAccessKey'] ?? ''),
    ...(c['SessionToken'] ? { sessionToken: String(c['SessionToken']) } : {}),
    ...(exp !== undefined ? { expiration: typeof exp === 'number' ? exp * 1000 : Date.parse(String(exp)) } : {}),
    source,
  };
}

/** Credentials from an STS Query reply (`<Credentials>` and `<AssumedRoleUser><Arn>`). */
export function credentialsFromXml(body: Uint8Array, source: string): CredentialsView | undefined {
  const id = wire.xmlValue(body, 'AccessKeyId');
  if (!id) return undefined;
  const exp = wire.xmlValue(body, 'Expiration');
  return {
    arn: wire.xmlValue(body, 'Arn') ?? '',
    accessKeyId: id,
    secretAccessKey: wire.xmlValue(body, 'SecretAccessKey') ?? '',
    ...(wire.xmlValue(body, 'SessionToken') ? { sessionToken: wire.xmlValue(body, 'SessionToken')! } : {}),
    ...(exp ? { expiration: Date.parse(exp) } : {}),
    source,
  };
}

/** How to sign with credentials at the flow's current time. */
export function signer(
  env: FlowEnv,
  c: Pick<CredentialsView, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
): wire.SignWith {
  return {
    credentials: {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
    },
    now: env.clock.now(),
    region: env.region,
  };
}

export interface SrpSignIn {
  /** The exchanges: InitiateAuth, then RespondToAuthChallenge when the first answered `PASSWORD_VERIFIER`. */
  exchanges: FlowExchange[];
  tokens?: PoolTokens;
  /** A challenge after the password (`NEW_PASSWORD_REQUIRED`, `SOFTWARE_TOKEN_MFA`) and its session. */
  challenge?: { name: string; session: string; parameters: Record<string, string> };
  error?: { code: string; message: string };
}

/** USER_SRP_AUTH: `InitiateAuth` with `SRP_A`, then the password claim for `PASSWORD_VERIFIER`. */
export async function srpSignIn(
  env: FlowEnv,
  poolId: string,
  clientId: string,
  username: string,
  password: string,
): Promise<SrpSignIn> {
  const start = srpStart(env.random);
  const first = await env.send(
    wire.cognitoIdp(
      'InitiateAuth',
      { AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: start.srpA } },
      env.region,
    ),
  );
  const err1 = wire.errorOf(first.response);
  if (err1) return { exchanges: [first], error: err1 };
  const body = wire.jsonOf(first.response.body) ?? {};
  const params = (body['ChallengeParameters'] ?? {}) as unknown as SrpChallenge;
  const answer = srpAnswer(start, poolId, params, password, env.clock.now());
  const second = await env.send(
    wire.cognitoIdp(
      'RespondToAuthChallenge',
      { ChallengeName: 'PASSWORD_VERIFIER', ClientId: clientId, ChallengeResponses: answer, Session: body['Session'] },
      env.region,
    ),
  );
  const err2 = wire.errorOf(second.response);
  if (err2) return { exchanges: [first, second], error: err2 };
  const tokens = tokensOf(second);
  if (tokens) return { exchanges: [first, second], tokens };
  const reply = wire.jsonOf(second.response.body) ?? {};
  return {
    exchanges: [first, second],
    challenge: {
      name: String(reply['ChallengeName'] ?? ''),
      session: String(reply['Session'] ?? ''),
      parameters: (reply['ChallengeParameters'] ?? {}) as Record<string, string>,
    },
  };
}

/** `2026-12-01T09:00:00Z, in 60 minutes` for a credentials panel's facts. */
export function expiryText(ms: number, now: number): string {
  const min = Math.round((ms - now) / 60000);
  return `${isoSeconds(ms)} (${min >= 0 ? `in ${min} minutes` : `${-min} minutes ago`})`;
}
