/**
 * End to end through the simulator: real SDK clients sign with SigV4, the simulator checks the
 * signature and finds the caller, and IAM and STS answer. A key made with CreateAccessKey signs
 * the next call; AssumeRole's credentials (with their session token) sign calls as the role
 * session, decided with its session policy.
 */
import { describe, expect, it } from 'vitest';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { World } from '../../world/types';
import { SimClock } from '../clock';
import { seededRandom } from '../random';
import { newState } from '../state';
import { Simulator } from '../simulator';
import { simulatorHandler } from '../sdk.test-helper';

const A = '111122223333';
const ADMIN_KEY = { accessKeyId: 'AKIAADMINADMINADMIN1', secretAccessKey: 'a'.repeat(40) };

const world = (): World => ({
  accounts: [{ id: A }],
  users: [
    {
      account: A,
      name: 'admin',
      inlinePolicies: [
        {
          name: 'all',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        },
      ],
      accessKeys: [{ ...ADMIN_KEY, status: 'Active', createDate: '2025-01-01T00:00:00Z' }],
    },
  ],
  roles: [
    {
      account: A,
      name: 'reader',
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
      },
      inlinePolicies: [
        {
          name: 'sts',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:*', Resource: '*' }] },
        },
      ],
    },
  ],
});

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const config = { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', maxAttempts: 1 };

describe('IAM and STS signed end to end through the simulator', () => {
  it('a new user key signs; AssumeRole credentials sign as the role session', async () => {
    const sim = new Simulator({
      state: newState(world()),
      clock: new SimClock(Date.now()),
      random: seededRandom('e2e'),
    });
    const handler = simulatorHandler(sim);
    const iamAs = (credentials: Creds) =>
      new IAMClient({
        ...config,
        credentials,
        requestHandler: handler,
      });
    const stsAs = (credentials: Creds) =>
      new STSClient({
        ...config,
        credentials,
        requestHandler: handler,
      });

    const admin = iamAs(ADMIN_KEY);
    await admin.send(new CreateUserCommand({ UserName: 'alice' }));
    await admin.send(
      new PutUserPolicyCommand({
        UserName: 'alice',
        PolicyName: 'assume',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${A}:role/reader` }],
        }),
      }),
    );
    const key = (await admin.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
    const alice = stsAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
    expect((await alice.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${A}:user/alice`);

    const assumed = await alice.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${A}:role/reader`,
        RoleSessionName: 'alice-reads',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }],
        }),
      }),
    );
    const c = assumed.Credentials!;
    const session = stsAs({
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    });
    const me = await session.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::${A}:assumed-role/reader/alice-reads`);
    expect(me.UserId).toBe(assumed.AssumedRoleUser?.AssumedRoleId);
    // The session policy allows only sts:GetCallerIdentity: a chained AssumeRole is refused by it.
    const chained = await session
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${A}:role/reader`, RoleSessionName: 'again' }))
      .catch((e: unknown) => e);
    expect(chained).toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:sts::${A}:assumed-role/reader/alice-reads is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/reader because no session policy allows the sts:AssumeRole action`,
    });
    // Alice's key cannot administer IAM.
    const denied = await iamAs({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
      .send(new CreateUserCommand({ UserName: 'mallory' }))
      .catch((e: unknown) => e);
    expect(denied).toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: `User: arn:aws:iam::${A}:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/mallory because no identity-based policy allows the iam:CreateUser action`,
    });
  });
});
