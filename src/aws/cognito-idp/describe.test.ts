/**
 * Listing and reading back pools and app clients, as `aws cognito-idp list-user-pools` and the SDK
 * do: signed, authorized by the engine, paged by MaxResults and NextToken.
 */
import { describe, expect, it } from 'vitest';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
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

async function failure(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string };
    return [err.name, err.message];
  }
  throw new Error('the call succeeded');
}

describe('listing and describing user pools and app clients', { timeout: 60_000 }, () => {
  const sim = new Simulator({
    state: newState(defaultWorld()),
    clock: new SimClock(Date.now()),
    random: seededRandom('list'),
  });
  const admin = client(sim, ensureAdmin(sim.ctx));

  it('lists the pools a page at a time, and describes one', async () => {
    const made: string[] = [];
    for (const name of ['one', 'two', 'three'])
      made.push((await admin.send(new CreateUserPoolCommand({ PoolName: name }))).UserPool!.Id!);
    const first = await admin.send(new ListUserPoolsCommand({ MaxResults: 2 }));
    const rest = await admin.send(new ListUserPoolsCommand({ MaxResults: 2, NextToken: first.NextToken }));
    const all = [...first.UserPools!, ...rest.UserPools!];
    // The default world's pool, then the three made here, in the order they were made.
    expect(all.map((p) => p.Name)).toEqual(['photos-app-users', 'one', 'two', 'three']);
    expect(first.UserPools).toHaveLength(2);
    expect(rest.NextToken).toBeUndefined();
    const one = await admin.send(new DescribeUserPoolCommand({ UserPoolId: made[0] }));
    expect(one.UserPool).toMatchObject({ Id: made[0], Name: 'one', MfaConfiguration: 'OFF' });
    expect(one.UserPool!.Policies!.PasswordPolicy!.MinimumLength).toBe(8);
  });

  it('lists and describes app clients, and says what is missing or malformed as AWS does', async () => {
    const poolId = (await admin.send(new CreateUserPoolCommand({ PoolName: 'apps' }))).UserPool!.Id!;
    const made = await admin.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web' }));
    const listed = await admin.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 10 }));
    expect(listed.UserPoolClients).toEqual([
      { ClientId: made.UserPoolClient!.ClientId, UserPoolId: poolId, ClientName: 'web' },
    ]);
    const got = await admin.send(
      new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: made.UserPoolClient!.ClientId }),
    );
    expect(got.UserPoolClient).toMatchObject({
      ClientName: 'web',
      ExplicitAuthFlows: made.UserPoolClient!.ExplicitAuthFlows,
    });
    expect(
      await failure(admin.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: 'nope' }))),
    ).toEqual(['ResourceNotFoundException', 'User pool client nope does not exist.']);
    expect(await failure(admin.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_missing00' })))).toEqual([
      'ResourceNotFoundException',
      'User pool us-east-1_missing00 does not exist.',
    ]);
    expect(await failure(admin.send(new ListUserPoolsCommand({ MaxResults: 61 })))).toEqual([
      'InvalidParameterException',
      "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    ]);
    expect(await failure(admin.send(new ListUserPoolsCommand({} as never)))).toEqual([
      'InvalidParameterException',
      "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
    ]);
    expect(await failure(admin.send(new ListUserPoolsCommand({ MaxResults: 5, NextToken: 'forged' })))).toEqual([
      'InvalidParameterException',
      'Invalid pagination token.',
    ]);
  });

  it('refuses a caller whose policies do not allow listing', async () => {
    const alice = client(sim, {
      accessKeyId: 'AKIAR7KLMW2QTHX4ALCE',
      secretAccessKey: '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',
    });
    const [name, message] = await failure(alice.send(new ListUserPoolsCommand({ MaxResults: 5 })));
    expect(name).toBe('AccessDeniedException');
    expect(message).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: cognito-idp:ListUserPools because no identity-based policy allows the cognito-idp:ListUserPools action',
    );
  });
});
