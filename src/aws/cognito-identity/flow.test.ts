/**
 * The whole enhanced and basic flows through one Simulator (router, SigV4, the services) with the
 * real SDK v3 clients, whose request handler hands each request to `Simulator.handle` (no network):
 * a signed-in user's identity-pool credentials write and read their own S3 prefix and are refused
 * another's; the basic flow's OpenID token is accepted by STS AssumeRoleWithWebIdentity.
 */
import { describe, expect, it } from 'vitest';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  GetOpenIdTokenCommand,
} from '@aws-sdk/client-cognito-identity';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { defaultWorld } from '../../world/default-world';
import { SimClock } from '../clock';
import { seededRandom } from '../random';
import { Simulator } from '../simulator';
import { newState } from '../state';
import { IDENTITY_POOL, PROVIDER, idToken } from './testkit';
import { simulatorHandler } from '../sdk.test-helper';

const endpoint = 'http://127.0.0.1:4566';
const BUCKET = 'playground-photos';
const ACCOUNT = '111122223333';

function world() {
  const w = defaultWorld();
  return {
    ...w,
    identityPools: w.identityPools!.map((p) => ({ ...p, allowClassicFlow: true, roleMappings: undefined })),
  };
}

describe('identity pool credentials, end to end', () => {
  it("read and write the identity's own S3 prefix and are refused another's", async () => {
    // SigV4 compares the SDK's signing time (the machine's) with the simulator's clock.
    const clock = new SimClock(Date.now());
    const sim = new Simulator({ state: newState(defaultWorld()), clock, random: seededRandom('flow') });
    const requestHandler = simulatorHandler(sim);
    const identity = new CognitoIdentityClient({ region: 'us-east-1', endpoint, requestHandler, maxAttempts: 1 });
    const token = await idToken(sim.ctx, 'a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b');
    const Logins = { [PROVIDER]: token };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins }));
    const { Credentials } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins }));
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      requestHandler,
      maxAttempts: 1,
      credentials: {
        accessKeyId: Credentials!.AccessKeyId!,
        secretAccessKey: Credentials!.SecretKey!,
        sessionToken: Credentials!.SessionToken!,
      },
    });
    const own = `home/${IdentityId}/note.txt`;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: own, Body: 'mine' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: own }));
    expect(await got.Body!.transformToString()).toBe('mine');
    const other = 'home/us-east-1:99999999-8888-4777-8666-555555555555/note.txt';
    const err = (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: other })).catch((e: unknown) => e)) as {
      name: string;
      message: string;
      $metadata: { httpStatusCode: number };
    };
    expect(err.name).toBe('AccessDenied');
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/photos-app-authenticated/CognitoIdentityCredentials is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::${BUCKET}/${other}" because no identity-based policy allows the s3:GetObject action`,
    );
  });

  it('gives a basic-flow OpenID token that STS AssumeRoleWithWebIdentity accepts for the trusted role', async () => {
    const clock = new SimClock(Date.UTC(2026, 0, 1, 12));
    const sim = new Simulator({ state: newState(world()), clock, random: seededRandom('basic') });
    const requestHandler = simulatorHandler(sim);
    const identity = new CognitoIdentityClient({ region: 'us-east-1', endpoint, requestHandler, maxAttempts: 1 });
    const Logins = { [PROVIDER]: await idToken(sim.ctx, 'a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b') };
    const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: IDENTITY_POOL, Logins }));
    const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId, Logins }));
    const sts = new STSClient({ region: 'us-east-1', endpoint, requestHandler, maxAttempts: 1 });
    const assumed = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/photos-app-authenticated`,
        RoleSessionName: 'maria',
        WebIdentityToken: Token!,
      }),
    );
    expect(assumed.SubjectFromWebIdentityToken).toBe(IdentityId);
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/photos-app-authenticated/maria`);
    // The guest role trusts only unauthenticated identities: a signed-in identity's token is refused.
    const refused = (await sts
      .send(
        new AssumeRoleWithWebIdentityCommand({
          RoleArn: `arn:aws:iam::${ACCOUNT}:role/photos-app-guest`,
          RoleSessionName: 'maria',
          WebIdentityToken: Token!,
        }),
      )
      .catch((e: unknown) => e)) as { name: string };
    expect(refused.name).toBe('AccessDenied');
  });
});
