/**
 * For the service's tests: a call of one operation through `handle`, answered as status, parsed
 * JSON and the Reply (notes, decision), and the principals the tests sign as.
 */
import type { AwsContext, Principal } from '../context';
import { request, text } from '../http';
import type { Reply } from '../service';
import { call, testContext, userPrincipal } from '../testing';
import { signingKey } from '../signing-keys';
import { accessKeyIssuer, idKeyIssuer } from './tokens';
import { cognitoIdp } from './index';

export const ACCOUNT = '111122223333';
export const POOL = 'us-east-1_Pl4yGr0nd';
export const CLIENT = '5ekq2vd8s7rj4ndm0m9ocpga1t';
export const MARIA = {
  email: 'maria@example.com',
  username: 'a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b',
  password: 'Correct-Horse-7',
};
export const SAM = {
  email: 'sam@example.com',
  username: 'c7d9e1f3-5a6b-4c8d-8e0f-1a2b3c4d5e6f',
  password: 'Temp-Pass-2026!',
};

/** The account's root user: allowed every call (no SCP in the default world). */
export const admin: Principal = {
  kind: 'root',
  arn: `arn:aws:iam::${ACCOUNT}:root`,
  account: ACCOUNT,
  userId: ACCOUNT,
  accessKeyId: 'AKIAROOTEXAMPLE00001',
};
export const bob: Principal = userPrincipal(ACCOUNT, 'bob');

export interface Answer {
  status: number;
  json: Record<string, unknown>;
  reply: Reply;
}

export async function send(ctx: AwsContext, op: string, body: unknown, caller?: Principal): Promise<Answer> {
  const req = request({
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${op}`,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const reply = await cognitoIdp.handle(call(req, caller), ctx);
  const raw = text(reply.response.body);
  return { status: reply.response.status, json: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, reply };
}

/** `{__type, message}` of an error answer. */
export function err(a: Answer): { status: number; type: unknown; message: unknown } {
  return { status: a.status, type: a.json['__type'], message: a.json['message'] };
}

/** The payload of a JWT, unverified. */
export function claims(token: string): Record<string, unknown> {
  const part = token.split('.')[1]!;
  return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
}

let sharedKeys: AwsContext['state']['keys'] | undefined;

/**
 * `testContext()` with the default pool's two signing keys made once for all tests (RSA key
 * generation is the slow part of a sign-in; every test still starts from a fresh state).
 */
export async function idpContext(): Promise<ReturnType<typeof testContext>> {
  const ctx = testContext();
  if (!sharedKeys) {
    await signingKey(ctx, idKeyIssuer(POOL));
    await signingKey(ctx, accessKeyIssuer(POOL));
    sharedKeys = { ...ctx.state.keys };
  }
  ctx.state.keys = { ...sharedKeys };
  return ctx;
}
