import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import { text } from '../http';
import { AUTH_FAILED_MESSAGE, handleSignIn, signInRequest, totpCode } from './index';
import type { SignInDirectory } from './index';

const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const DIR: SignInDirectory = {
  roots: {
    '111122223333': {
      email: 'owner@example.com',
      password: 'Root-Secret-1',
      mfa: { serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device', seed: SEED },
    },
  },
  users: { 'arn:aws:iam::111122223333:user/bob': 'Bob-Secret-1' },
  secret: 'test',
};

function post(world = defaultWorld(), form: Record<string, string>, now = NOW) {
  const res = handleSignIn(world, DIR, signInRequest(form), now);
  return { status: res.status, body: JSON.parse(text(res.body)) as Record<string, unknown> };
}

describe('console sign-in (model)', () => {
  it('root without an MFA device: the password alone signs in, for an hour', () => {
    const r = post(undefined, {
      action: 'password',
      principal: 'root',
      email: 'OWNER@example.com',
      password: 'Root-Secret-1',
    });
    expect(r).toEqual({
      status: 200,
      body: {
        state: 'SUCCESS',
        principal: 'arn:aws:iam::111122223333:root',
        mfaAuthenticated: false,
        redirectTo: 'https://console.aws.amazon.com/console/home',
        sessionExpires: '2026-12-01T10:00:00Z',
      },
    });
  });

  it('root with MFA: the code of this 30-second step, or the one before or after, and no other', () => {
    const world = defaultWorld();
    world.accounts[0]!.root!.mfaEnabled = true;
    const first = post(world, {
      action: 'password',
      principal: 'root',
      email: 'owner@example.com',
      password: 'Root-Secret-1',
    });
    expect(first.body['state']).toBe('MFA_REQUIRED');
    expect(first.body['mfaSerial']).toBe('arn:aws:iam::111122223333:mfa/root-account-mfa-device');
    const token = String(first.body['signInToken']);
    const at = (code: string, now = NOW) => post(world, { action: 'mfa', signInToken: token, mfaCode: code }, now);
    expect(at(totpCode(SEED, NOW)).body['mfaAuthenticated']).toBe(true);
    expect(at(totpCode(SEED, NOW - 30_000)).status).toBe(200);
    expect(at(totpCode(SEED, NOW - 90_000)).body).toEqual({
      state: 'FAILED',
      __type: 'AuthenticationFailed',
      message: AUTH_FAILED_MESSAGE,
    });
    expect(at('12345').status).toBe(401);
    expect(at(totpCode(SEED, NOW + 6 * 60_000), NOW + 6 * 60_000).body['__type']).toBe('SignInTokenExpired');
    const forged = post(world, {
      action: 'mfa',
      signInToken: token.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
      mfaCode: '000000',
    });
    expect(forged.body['__type']).toBe('InvalidSignInToken');
  });

  it('a wrong password, an unknown email or a user without a console password: the same message', () => {
    const forms: Record<string, string>[] = [
      { action: 'password', principal: 'root', email: 'owner@example.com', password: 'nope' },
      { action: 'password', principal: 'root', email: 'someone@example.com', password: 'Root-Secret-1' },
      {
        action: 'password',
        principal: 'iam-user',
        account: 'iam-playground',
        username: 'admin',
        password: 'Bob-Secret-1',
      },
    ];
    for (const form of forms)
      expect(post(undefined, form)).toEqual({
        status: 401,
        body: { state: 'FAILED', __type: 'AuthenticationFailed', message: AUTH_FAILED_MESSAGE },
      });
  });

  it('an IAM user signs in by account alias or id, for up to twelve hours', () => {
    const r = post(undefined, {
      action: 'password',
      principal: 'iam-user',
      account: 'iam-playground',
      username: 'bob',
      password: 'Bob-Secret-1',
    });
    expect(r.body['principal']).toBe('arn:aws:iam::111122223333:user/bob');
    expect(r.body['sessionExpires']).toBe('2026-12-01T21:00:00Z');
    const byId = post(undefined, {
      action: 'password',
      principal: 'iam-user',
      account: '111122223333',
      username: 'bob',
      password: 'Bob-Secret-1',
    });
    expect(byId.status).toBe(200);
  });
});
