/**
 * The user pools through the whole endpoint: the real SDK v3 client signs with SigV4 (the
 * simulator checks the signature and finds the caller), admin calls are authorized by the engine,
 * and the unsigned sign-in calls need no credentials.
 */
import { describe, expect, it } from 'vitest';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { defaultWorld } from '../../world/default-world';
import { ensureAdmin } from '../admin';
import { SimClock } from '../clock';
import { seededRandom } from '../random';
import { Simulator } from '../simulator';
import { newState } from '../state';
import { simulatorHandler } from '../sdk.test-helper';

function client(sim: Simulator, credentials: { accessKeyId: string; secretAccessKey: string }) {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
    credentials,
    maxAttempts: 1,
    requestHandler: simulatorHandler(sim),
  });
}

describe('cognito-idp behind the simulator', { timeout: 60_000 }, () => {
  it('takes signed admin calls from the administrator, refuses them to a developer, and signs users in unsigned', async () => {
    const sim = new Simulator({
      state: newState(defaultWorld()),
      clock: new SimClock(Date.now()),
      random: seededRandom('sim'),
    });
    const keys = ensureAdmin(sim.ctx);
    const sdk = client(sim, keys);
    const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: 'signed-pool' }));
    const poolId = pool.UserPool!.Id!;
    expect(sim.history.at(-1)!.caller).toBe(`arn:aws:iam::111122223333:user/${keys.userName}`);
    const c = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      }),
    );
    const clientId = c.UserPoolClient!.ClientId!;
    await sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'dana', Password: 'Dana-Pass-2026' }));
    expect(sim.history.at(-1)!.caller).toBe('anonymous');
    await sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'dana' }));
    const auth = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'dana', PASSWORD: 'Dana-Pass-2026' },
      }),
    );
    expect(auth.AuthenticationResult!.TokenType).toBe('Bearer');

    const alice = client(sim, {
      accessKeyId: 'AKIAR7KLMW2QTHX4ALCE',
      secretAccessKey: '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',
    });
    const denied = await alice
      .send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'eve' }))
      .catch((e: unknown) => e);
    expect((denied as Error).name).toBe('AccessDeniedException');
    expect((denied as Error).message).toBe(
      `User: arn:aws:iam::111122223333:user/alice is not authorized to perform: cognito-idp:AdminCreateUser on resource: arn:aws:cognito-idp:us-east-1:111122223333:userpool/${poolId} because no identity-based policy allows the cognito-idp:AdminCreateUser action`,
    );
    expect(sim.history.at(-1)!.operation).toBe('AdminCreateUser');
  });
});
