/**
 * SRP sign-in driven by the real `amazon-cognito-identity-js` client (its AuthenticationHelper
 * computes SRP_A, the password key and the claim signature): an independent computation against
 * the service's server side.
 */
import { describe, expect, it } from 'vitest';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import type { AwsContext } from '../context';
import { CLIENT, MARIA, POOL, SAM, claims, idpContext, send } from './test-support';
import { srpTimestamp, parseSrpTimestamp } from './srp';

/** A `Client` for the library that hands each request to the service instead of the network. */
function poolFor(ctx: AwsContext, poolId = POOL, clientId = CLIENT): { pool: CognitoUserPool; ops: string[] } {
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId });
  const ops: string[] = [];
  (pool as unknown as { client: unknown }).client = {
    request(op: string, params: unknown, cb: (err: unknown, data?: unknown) => void) {
      ops.push(op);
      send(ctx, op, params).then(
        (a) => {
          if (a.status === 200) cb(null, a.json);
          else cb({ code: a.json['__type'], name: a.json['__type'], message: a.json['message'] });
        },
        (e: unknown) => cb(e),
      );
    },
  };
  return { pool, ops };
}

type Outcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'failure'; error: { code?: string; message?: string } }
  | { kind: 'newPassword'; attributes: Record<string, string>; user: CognitoUser }
  | { kind: 'totp'; user: CognitoUser };

function signIn(pool: CognitoUserPool, username: string, password: string): Promise<Outcome> {
  const user = new CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve) => {
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: (session) => resolve({ kind: 'success', session }),
      onFailure: (error: { code?: string; message?: string }) => resolve({ kind: 'failure', error }),
      newPasswordRequired: (attributes: Record<string, string>) => resolve({ kind: 'newPassword', attributes, user }),
      totpRequired: () => resolve({ kind: 'totp', user }),
    });
  });
}

/** The library stamps TIMESTAMP with the real clock: the simulated one is set to it. */
async function realTimeContext() {
  const ctx = await idpContext();
  ctx.clock.set(Date.now());
  return ctx;
}

describe('USER_SRP_AUTH with amazon-cognito-identity-js', { timeout: 60_000 }, () => {
  it('signs Maria in by email with the right password and returns her tokens', async () => {
    const ctx = await realTimeContext();
    const { pool, ops } = poolFor(ctx);
    const r = await signIn(pool, MARIA.email, MARIA.password);
    expect(r.kind).toBe('success');
    if (r.kind !== 'success') return;
    expect(ops).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
    const id = claims(r.session.getIdToken().getJwtToken());
    expect(id['cognito:username']).toBe(MARIA.username);
    expect(id['email']).toBe('maria@example.com');
    expect(id['token_use']).toBe('id');
    expect(r.session.getRefreshToken().getToken().split('.')).toHaveLength(5);
  });

  it('refuses a wrong password with NotAuthorizedException "Incorrect username or password."', async () => {
    const ctx = await realTimeContext();
    const { pool } = poolFor(ctx);
    const r = await signIn(pool, MARIA.email, 'Correct-Horse-8');
    expect(r).toMatchObject({
      kind: 'failure',
      error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    });
  });

  it('answers an unknown user like a wrong password when the client prevents user existence errors', async () => {
    const ctx = await realTimeContext();
    const { pool } = poolFor(ctx);
    const r = await signIn(pool, 'nobody@example.com', 'Whatever-1');
    expect(r).toMatchObject({
      kind: 'failure',
      error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    });
  });

  it('asks an admin-created user for a new password, then signs them in with it', async () => {
    const ctx = await realTimeContext();
    const { pool } = poolFor(ctx);
    const r = await signIn(pool, SAM.email, SAM.password);
    expect(r.kind).toBe('newPassword');
    if (r.kind !== 'newPassword') return;
    expect(r.attributes).toEqual({ email: 'sam@example.com' });
    const done = await new Promise<Outcome>((resolve) =>
      r.user.completeNewPasswordChallenge(
        'Brand-New-Pass-9',
        {},
        {
          onSuccess: (session) => resolve({ kind: 'success', session }),
          onFailure: (error: { code?: string; message?: string }) => resolve({ kind: 'failure', error }),
        },
      ),
    );
    expect(done.kind).toBe('success');
    const user = ctx.state.world.userPools![0]!.users!.find((u) => u.username === SAM.username)!;
    expect(user.userStatus).toBe('CONFIRMED');
    expect(user.password).toBe('Brand-New-Pass-9');
    const again = await signIn(poolFor(ctx).pool, SAM.email, 'Brand-New-Pass-9');
    expect(again.kind).toBe('success');
  });
});

describe('the SRP claim timestamp', () => {
  it('is written as Cognito writes it, the day not zero-padded', () => {
    expect(srpTimestamp(Date.UTC(2025, 2, 5, 7, 4, 9))).toBe('Wed Mar 5 07:04:09 UTC 2025');
    expect(parseSrpTimestamp('Wed Mar 5 07:04:09 UTC 2025')).toBe(Date.UTC(2025, 2, 5, 7, 4, 9));
    expect(parseSrpTimestamp('Wed Mar 5 07:04 UTC 2025')).toBeUndefined();
  });

  it('refuses a signature stamped ten minutes away from the service clock', async () => {
    const ctx = await realTimeContext();
    ctx.clock.advance(10 * 60_000);
    const { pool } = poolFor(ctx);
    const r = await signIn(pool, MARIA.email, MARIA.password);
    expect(r).toMatchObject({
      kind: 'failure',
      error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    });
  });
});
