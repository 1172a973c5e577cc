/**
 * The AWS Management Console sign-in, modelled as a small pure service. The real console
 * sign-in is a browser page (`signin.aws.amazon.com`), not a public API: it has no documented
 * requests, no SDK and no error codes, and it changes as AWS redesigns the page. This stands for
 * it so a flow can show what is checked, in order: the root user's email and password, or an IAM
 * user's account, name and password; then, when the identity has a virtual MFA device, a TOTP
 * code (RFC 6238: SHA-1, 6 digits, 30 s, one step of drift either way) at the simulated time.
 *
 * The requests are form posts to `https://signin.aws.amazon.com/signin` with an `action` of
 * `password` or `mfa`; the answers are JSON with a `state` of `MFA_REQUIRED`, `SUCCESS` or
 * `FAILED`. The codes (`AuthenticationFailed`, `MfaRequired`…) are this model's names; the
 * message is the one the console shows. The world keeps no passwords (IAM never shows them), so
 * the passwords and the root's MFA seed come from a `SignInDirectory`; an IAM user's MFA device
 * is read from the world (`users[].mfaDevices[].seed`). Between the two steps the service keeps
 * nothing: the MFA step carries a sign-in token it signed (HMAC-SHA256) in the first.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { TOTP, Secret } from 'otpauth';
import type { World } from '../../world/types';
import { userArn } from '../../world/edit';
import type { HttpRequest, HttpResponse } from '../http';
import { request, response, text, utf8 } from '../http';
import { isoSeconds } from '../clock';

export const SIGN_IN_HOST = 'signin.aws.amazon.com';
/** What the console shows for a wrong password or a wrong MFA code. */
export const AUTH_FAILED_MESSAGE = 'Your authentication information is incorrect. Please try again.';
/** How long the MFA page waits for the code after the password (ms). */
export const MFA_STEP_MS = 5 * 60_000;
/** A console session of the root user lasts an hour; an IAM user's up to twelve. */
export const ROOT_SESSION_SECONDS = 3600;
export const USER_SESSION_SECONDS = 43200;

export interface VirtualMfa {
  serialNumber: string;
  /** Base32 TOTP seed. */
  seed: string;
}

export interface SignInDirectory {
  /** The root users' sign-in credentials by account id. */
  roots: Record<string, { email: string; password: string; mfa?: VirtualMfa }>;
  /** IAM users' console passwords by user ARN. */
  users: Record<string, string>;
  /** The key the service signs its sign-in tokens with. */
  secret: string;
}

interface Principal {
  arn: string;
  kind: 'root' | 'user';
  mfa?: VirtualMfa;
}

/** The form post a browser sends the sign-in page. */
export function signInRequest(form: Record<string, string>): HttpRequest {
  return request({
    method: 'POST',
    path: '/signin',
    headers: { host: SIGN_IN_HOST, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: Object.entries(form)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&'),
  });
}

function reply(status: number, body: Record<string, unknown>): HttpResponse {
  return response(status, { 'content-type': 'application/json' }, JSON.stringify(body));
}

function failed(code: string, message = AUTH_FAILED_MESSAGE): HttpResponse {
  return reply(401, { state: 'FAILED', __type: code, message });
}

function b64url(s: string): string {
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(s: string): string {
  const b = s.replace(/-/g, '+').replace(/_/g, '/');
  return atob(b + '='.repeat((4 - (b.length % 4)) % 4));
}

function mac(dir: SignInDirectory, payload: string): string {
  return bytesToHex(hmac(sha256, utf8(dir.secret), utf8(payload)));
}

function principalOf(world: World, dir: SignInDirectory, form: URLSearchParams): Principal | undefined {
  const password = form.get('password') ?? '';
  if (form.get('principal') === 'root') {
    const email = (form.get('email') ?? '').toLowerCase();
    for (const account of world.accounts) {
      const root = dir.roots[account.id];
      if (!root || root.email.toLowerCase() !== email || root.password !== password) continue;
      // The world says whether the root has an MFA device; the directory holds its seed.
      const mfa = account.root?.mfaEnabled ? root.mfa : undefined;
      return { arn: `arn:aws:iam::${account.id}:root`, kind: 'root', ...(mfa ? { mfa } : {}) };
    }
    return undefined;
  }
  const ref = form.get('account') ?? '';
  const account = world.accounts.find((a) => a.id === ref || a.alias === ref);
  const user = account && world.users?.find((u) => u.account === account.id && u.name === form.get('username'));
  if (!user?.loginProfile) return undefined;
  const arn = userArn(user);
  if (dir.users[arn] !== password) return undefined;
  const device = user.mfaDevices?.find((d) => d.seed);
  return {
    arn,
    kind: 'user',
    ...(device?.seed ? { mfa: { serialNumber: device.serialNumber, seed: device.seed } } : {}),
  };
}

function success(p: Principal, now: number, withMfa: boolean): HttpResponse {
  const seconds = p.kind === 'root' ? ROOT_SESSION_SECONDS : USER_SESSION_SECONDS;
  return reply(200, {
    state: 'SUCCESS',
    principal: p.arn,
    mfaAuthenticated: withMfa,
    redirectTo: 'https://console.aws.amazon.com/console/home',
    sessionExpires: isoSeconds(now + seconds * 1000),
  });
}

/** The sign-in page's answer to one form post, at `now` (ms) on the simulated clock. */
export function handleSignIn(world: World, dir: SignInDirectory, req: HttpRequest, now: number): HttpResponse {
  if (req.method !== 'POST' || req.path !== '/signin') return failed('NotFound', 'No such page.');
  const form = new URLSearchParams(text(req.body));
  const action = form.get('action');
  if (action === 'password') {
    const p = principalOf(world, dir, form);
    if (!p) return failed('AuthenticationFailed');
    if (!p.mfa) return success(p, now, false);
    const payload = b64url(JSON.stringify({ arn: p.arn, serial: p.mfa.serialNumber, exp: now + MFA_STEP_MS }));
    return reply(200, {
      state: 'MFA_REQUIRED',
      mfaType: 'TOTP',
      mfaSerial: p.mfa.serialNumber,
      signInToken: `${payload}.${mac(dir, payload)}`,
    });
  }
  if (action === 'mfa') {
    const [payload, sig] = (form.get('signInToken') ?? '').split('.');
    if (!payload || !sig || mac(dir, payload) !== sig)
      return failed('InvalidSignInToken', 'Your sign-in session is not valid. Sign in again.');
    const claims = JSON.parse(fromB64url(payload)) as { arn: string; serial: string; exp: number };
    if (claims.exp < now) return failed('SignInTokenExpired', 'Your sign-in session expired. Sign in again.');
    const seed = seedOf(world, dir, claims.arn, claims.serial);
    if (!seed) return failed('AuthenticationFailed');
    const totp = new TOTP({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30 });
    const code = form.get('mfaCode') ?? '';
    if (!/^\d{6}$/.test(code) || totp.validate({ token: code, timestamp: now, window: 1 }) === null)
      return failed('AuthenticationFailed');
    const kind = claims.arn.endsWith(':root') ? 'root' : 'user';
    return success({ arn: claims.arn, kind }, now, true);
  }
  return failed('InvalidAction', 'The sign-in page does not know this action.');
}

function seedOf(world: World, dir: SignInDirectory, arn: string, serial: string): string | undefined {
  if (arn.endsWith(':root')) {
    const m = dir.roots[arn.split(':')[4]!]?.mfa;
    return m?.serialNumber === serial ? m.seed : undefined;
  }
  const user = world.users?.find((u) => userArn(u) === arn);
  return user?.mfaDevices?.find((d) => d.serialNumber === serial)?.seed;
}

/** The code an authenticator app shows for a seed at `now` (ms). */
export function totpCode(seed: string, now: number): string {
  return new TOTP({ secret: Secret.fromBase32(seed), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: now,
  });
}
