import { beforeAll, describe, expect, it } from 'vitest';
import { createEnv, FLOW_EPOCH } from './env';
import { poolTokenSpecs, srpSignIn } from './common';
import { relativeTime, tokenView } from './tokens';
import type { TokenSpec } from './types';
import { FLOWS } from './registry';
import { testRun } from './testing';
import { defaultWorld } from '../world/default-world';

const POOL = 'us-east-1_Pl4yGr0nd';
const CLIENT = '5ekq2vd8s7rj4ndm0m9ocpga1t';
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`;

let id: TokenSpec;
let access: TokenSpec;
let refresh: TokenSpec;
/** When the tokens were issued: the sign-in's two exchanges after the epoch. */
let issuedAt: number;

function b64url(s: string): string {
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(s: string): string {
  const b = s.replace(/-/g, '+').replace(/_/g, '/');
  return atob(b + '='.repeat((4 - (b.length % 4)) % 4));
}

function checksOf(v: Awaited<ReturnType<typeof tokenView>>): Record<string, boolean> {
  return Object.fromEntries(v.checks.map((c) => [c.name, c.ok]));
}

beforeAll(async () => {
  const env = createEnv({ world: defaultWorld(), seed: 'tokens', options: {} });
  const r = await srpSignIn(env, POOL, CLIENT, 'maria@example.com', 'Correct-Horse-7');
  issuedAt = env.clock.now();
  [id, access, refresh] = poolTokenSpecs(env, POOL, CLIENT, r.tokens!) as [TokenSpec, TokenSpec, TokenSpec];
}, 60_000);

describe('token views', () => {
  it('a good ID token passes every check, with its claims explained and dated', async () => {
    const v = await tokenView(id, issuedAt + 60_000);
    expect(v.header?.['alg']).toBe('RS256');
    expect(v.signature).toBe(id.jwt.split('.')[2]);
    expect(v.checks.map((c) => c.name)).toEqual([
      'signature',
      'alg',
      'kid',
      'iss',
      'exp',
      'iat',
      'token_use',
      'client id',
    ]);
    expect(v.checks.every((c) => c.ok)).toBe(true);
    const iss = v.checks.find((c) => c.name === 'iss')!;
    expect(iss).toEqual({ name: 'iss', expected: ISSUER, actual: ISSUER, ok: true });
    expect(v.checks.find((c) => c.name === 'client id')).toEqual({
      name: 'client id',
      expected: `aud = ${CLIENT}`,
      actual: `aud = ${CLIENT}`,
      ok: true,
    });
    const claims = Object.fromEntries(v.claims.map((c) => [c.name, c]));
    expect(claims['sub']?.value).toBe('a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b');
    expect(claims['cognito:groups']?.value).toEqual(['editors']);
    expect(claims['token_use']?.explain).toMatch(/^`id` for an ID token/);
    expect(claims['aud']?.explain).toMatch(/has no `aud`: it has `client_id`/);
    expect(claims['iat']?.date).toBe('2026-12-01T09:00:00Z');
    expect(claims['iat']?.relative).toBe('1 minute ago');
    expect(claims['exp']?.date).toBe('2026-12-01T10:00:00Z');
    expect(claims['exp']?.relative).toBe('in 59 minutes');
    for (const c of v.claims) expect(c.explain, c.name).toBeDefined();
  });

  it('a good access token passes, with client_id as its client id', async () => {
    const v = await tokenView(access, issuedAt);
    expect(checksOf(v)).toEqual({
      signature: true,
      alg: true,
      kid: true,
      iss: true,
      exp: true,
      iat: true,
      token_use: true,
      'client id': true,
    });
    expect(v.checks.find((c) => c.name === 'client id')?.actual).toBe(`client_id = ${CLIENT}`);
    expect(v.payload?.['scope']).toBe('aws.cognito.signin.user.admin');
  });

  it('one changed byte of the signature fails the signature check only', async () => {
    const [h, p, s] = id.jwt.split('.') as [string, string, string];
    const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
    const v = await tokenView({ ...id, jwt: `${h}.${p}.${flipped}` }, issuedAt);
    const c = checksOf(v);
    expect(c['signature']).toBe(false);
    expect(v.checks[0]?.actual).toBe('does not verify: the header, payload or signature was changed');
    expect(Object.entries(c).filter(([, ok]) => !ok)).toEqual([['signature', false]]);
  });

  it('one changed byte of the payload fails the signature check', async () => {
    const [h, p, s] = id.jwt.split('.') as [string, string, string];
    const json = fromB64url(p).replace('"editors"', '"editorz"');
    const v = await tokenView({ ...id, jwt: `${h}.${b64url(json)}.${s}` }, issuedAt);
    expect(checksOf(v)['signature']).toBe(false);
    expect(v.payload?.['cognito:groups']).toEqual(['editorz']);
    // A raw byte of the base64url text, too.
    const raw = p.slice(0, 20) + (p[20] === 'x' ? 'y' : 'x') + p.slice(21);
    const w = await tokenView({ ...id, jwt: `${h}.${raw}.${s}` }, issuedAt);
    expect(checksOf(w)['signature']).toBe(false);
  });

  it('an expired token fails exp, and says how long ago', async () => {
    const later = issuedAt + 2 * 3600_000;
    const v = await tokenView(id, later);
    const exp = v.checks.find((c) => c.name === 'exp')!;
    expect(exp.ok).toBe(false);
    expect(exp.expected).toBe('after 2026-12-01T11:00:00Z (the step’s time)');
    expect(exp.actual).toBe('2026-12-01T10:00:00Z (1 hour ago)');
    expect(checksOf(v)['signature']).toBe(true);
  });

  it('an access token checked as an ID token fails token_use and client id', async () => {
    const v = await tokenView(
      { ...access, label: 'ID token', expect: { ...access.expect!, tokenUse: 'id' } },
      issuedAt,
    );
    const c = Object.fromEntries(v.checks.map((x) => [x.name, x]));
    expect(c['token_use']).toEqual({ name: 'token_use', expected: 'id', actual: 'access', ok: false });
    expect(c['client id']).toEqual({
      name: 'client id',
      expected: `aud = ${CLIENT}`,
      actual: 'aud = (absent)',
      ok: false,
    });
    expect(c['signature']?.ok).toBe(true);
  });

  it('a wrong kid fails kid and signature', async () => {
    const [, p, s] = id.jwt.split('.') as [string, string, string];
    const h = b64url(JSON.stringify({ kid: 'not-a-key-of-this-pool=', alg: 'RS256' }));
    const v = await tokenView({ ...id, jwt: `${h}.${p}.${s}` }, issuedAt);
    expect(checksOf(v)['kid']).toBe(false);
    expect(v.checks[0]).toEqual({
      name: 'signature',
      expected: 'verifies with the issuer’s JWKS (RS256)',
      actual: 'no key with this kid in the JWKS',
      ok: false,
    });
  });

  it('the refresh token is opaque: encrypted, not a JWT', async () => {
    const v = await tokenView(refresh, issuedAt);
    expect(v.header).toEqual({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
    expect(v.payload).toBeUndefined();
    expect(v.checks).toEqual([]);
    expect(v.claims[0]?.name).toBe('(opaque)');
    expect(v.claims[0]?.explain).toMatch(/encrypted \(a JWE of five parts/);
  });

  it('relative times', () => {
    expect(relativeTime(FLOW_EPOCH / 1000, FLOW_EPOCH)).toBe('now');
    expect(relativeTime(FLOW_EPOCH / 1000 + 3661, FLOW_EPOCH)).toBe('in 1 hour 1 minute');
    expect(relativeTime(FLOW_EPOCH / 1000 - 90, FLOW_EPOCH)).toBe('1 minute 30 seconds ago');
  });

  it('every token the registered flows issue (no switch on) passes every check at its step', async () => {
    let checked = 0;
    for (const flow of FLOWS)
      for (const variant of flow.variants.length ? flow.variants.map((v) => v.id) : [undefined]) {
        const run = await testRun(flow, defaultWorld(), variant ? { variant } : {});
        for (const step of run.steps)
          for (const t of step.tokens.filter((x) => x.checks.length > 0)) {
            expect(
              t.checks.filter((c) => !c.ok),
              `${flow.id} ${step.event} ${t.label}`,
            ).toEqual([]);
            checked++;
          }
      }
    expect(checked).toBeGreaterThan(0);
  }, 300_000);
});
