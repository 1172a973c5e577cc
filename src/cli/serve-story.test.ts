// The whole story of issue 11, told by the real clients against `iamplay serve` as a user runs it
// (the built bin, a real port on 127.0.0.1): an administrator sets up a user pool, an app client,
// an identity pool, two roles and a bucket with the AWS SDK v3; a user signs up, is confirmed with
// the code serve logs, and signs in with SRP through amazon-cognito-identity-js; the tokens verify
// with aws-jwt-verify against the pool's JWKS; the enhanced and the basic identity-pool flows give
// credentials for the right role; those read their own S3 prefix and are refused another's; a
// guest reads only what the guest role allows; and each wrong move gets AWS's own error.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildCli } from './built-cli.test-helper';
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { STSClient, AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  CreateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  SetIdentityPoolRolesCommand,
  GetIdCommand,
  GetCredentialsForIdentityCommand,
  GetOpenIdTokenCommand,
} from '@aws-sdk/client-cognito-identity';
import { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { CognitoUserPool, CognitoUser, AuthenticationDetails, CognitoUserAttribute } from 'amazon-cognito-identity-js';
import type { CognitoUserSession } from 'amazon-cognito-identity-js';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { emptyWorld } from '../world/default-world';

vi.setConfig({ testTimeout: 60_000 });

const REGION = 'us-east-1';
let home = '';
let bin = '';
let server: ChildProcessWithoutNullStreams | undefined;
let ready: {
  endpoint: string;
  region: string;
  accountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
};
const log: string[] = [];

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'iamplay-story-'));
  bin = await buildCli(home);
  world = join(home, 'world.json');
  stateFile = join(home, 'state.json');
  writeFileSync(world, JSON.stringify(emptyWorld()));
  await startServer();
}, 120_000);

let world = '';
let stateFile = '';

async function startServer(): Promise<void> {
  server = spawn(process.execPath, [bin, 'serve', '--world', world, '--state', stateFile, '--port', '0']);
  createInterface({ input: server.stderr }).on('line', (line) => log.push(line));
  ready = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: server!.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    server!.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${log.join('\n')}`)));
  });
}

async function stopServer(): Promise<number | null> {
  if (!server || server.exitCode !== null) return server?.exitCode ?? null;
  const exited = new Promise<number | null>((r) => server!.once('exit', r));
  server.kill('SIGTERM');
  return exited;
}

afterAll(async () => {
  await stopServer();
  if (home) rmSync(home, { recursive: true, force: true });
});

const admin = () => ({ region: REGION, endpoint: ready.endpoint, credentials: ready.credentials });
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const s3As = (credentials: Creds) =>
  new S3Client({ region: REGION, endpoint: ready.endpoint, credentials, forcePathStyle: true });

async function errorOf(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/** Waits for serve's log to show a line matching `re` (the confirmation code: there is no mail). */
async function logLine(re: RegExp): Promise<RegExpExecArray> {
  for (let i = 0; i < 100; i++) {
    for (const line of log) {
      const m = re.exec(line);
      if (m) return m;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no log line matches ${re}:\n${log.join('\n')}`);
}

function cb<T>(run: (done: (err: Error | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value as T))));
}

describe('iamplay serve, driven by the real AWS clients', () => {
  const bucket = 'story-photos';
  let poolId = '';
  let clientId = '';
  let identityPoolId = '';
  let authRole = '';
  let guestRole = '';
  let session: CognitoUserSession;
  let pool: CognitoUserPool;
  let creds: Creds;

  it('prints one ready line with the endpoint, the account and an administrator key', () => {
    expect(ready.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.region).toBe('us-east-1');
    expect(ready.accountId).toMatch(/^\d{12}$/);
    expect(ready.credentials.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
  });

  it('lets the administrator create a user pool, a client, an identity pool, roles and a bucket', async () => {
    const idp = new CognitoIdentityProviderClient(admin());
    const created = await idp.send(new CreateUserPoolCommand({ PoolName: 'story', AutoVerifiedAttributes: ['email'] }));
    poolId = created.UserPool!.Id!;
    expect(poolId).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
    const client = await idp.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    clientId = client.UserPoolClient!.ClientId!;
    expect(clientId).toMatch(/^[a-z0-9]{26}$/);

    const ci = new CognitoIdentityClient(admin());
    const ip = await ci.send(
      new CreateIdentityPoolCommand({
        IdentityPoolName: 'story',
        AllowUnauthenticatedIdentities: true,
        AllowClassicFlow: true,
        CognitoIdentityProviders: [
          { ProviderName: `cognito-idp.${REGION}.amazonaws.com/${poolId}`, ClientId: clientId },
        ],
      }),
    );
    identityPoolId = ip.IdentityPoolId!;
    expect(identityPoolId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);

    const iam = new IAMClient(admin());
    const trust = (amr: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': identityPoolId },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
            },
          },
        ],
      });
    authRole = (
      await iam.send(new CreateRoleCommand({ RoleName: 'StoryAuth', AssumeRolePolicyDocument: trust('authenticated') }))
    ).Role!.Arn!;
    guestRole = (
      await iam.send(
        new CreateRoleCommand({ RoleName: 'StoryGuest', AssumeRolePolicyDocument: trust('unauthenticated') }),
      )
    ).Role!.Arn!;
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'StoryAuth',
        PolicyName: 'OwnPrefix',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:PutObject'],
              Resource: `arn:aws:s3:::${bucket}/home/\${cognito-identity.amazonaws.com:sub}/*`,
            },
          ],
        }),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'StoryGuest',
        PolicyName: 'PublicOnly',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/public/*` }],
        }),
      }),
    );
    await ci.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: identityPoolId,
        Roles: { authenticated: authRole, unauthenticated: guestRole },
      }),
    );

    const s3 = s3As(ready.credentials);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'public/cat.txt', Body: 'a cat' }));
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'home/us-east-1:someone-else/diary.txt', Body: 'private' }),
    );
  });

  it('signs a user up, confirms them with the logged code, and signs them in with SRP', async () => {
    pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: ready.endpoint });
    await cb((done) =>
      pool.signUp(
        'carol',
        'Correct-Horse-9',
        [new CognitoUserAttribute({ Name: 'email', Value: 'carol@example.com' })],
        [],
        (e, r) => done(e ?? undefined, r),
      ),
    );
    const [, code] = await logLine(/confirmation-code: .* username=carol code=(\d{6})\b/);
    const carol = new CognitoUser({ Username: 'carol', Pool: pool });
    await cb((done) => carol.confirmRegistration(code!, true, (e, r) => done(e ?? undefined, r)));
    session = await new Promise<CognitoUserSession>((resolve, reject) =>
      carol.authenticateUser(new AuthenticationDetails({ Username: 'carol', Password: 'Correct-Horse-9' }), {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );
    expect(session.getIdToken().payload['cognito:username']).toBe('carol');
  });

  it('refuses a wrong password with Cognito own error', async () => {
    const carol = new CognitoUser({ Username: 'carol', Pool: pool });
    const err = await new Promise<{ code: string; message: string }>((resolve) =>
      carol.authenticateUser(new AuthenticationDetails({ Username: 'carol', Password: 'Wrong-Horse-9' }), {
        onSuccess: () => resolve({ code: 'none', message: 'signed in' }),
        onFailure: resolve,
      }),
    );
    expect(err).toMatchObject({ code: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('issues tokens that verify against the pool JWKS', async () => {
    const jwks = await (await fetch(`${ready.endpoint}/${poolId}/.well-known/jwks.json`)).json();
    const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
    idVerifier.cacheJwks(jwks);
    const idClaims = await idVerifier.verify(session.getIdToken().getJwtToken());
    expect(idClaims.iss).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
    expect(idClaims.email).toBe('carol@example.com');
    const accessVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'access', clientId });
    accessVerifier.cacheJwks(jwks);
    const access = await accessVerifier.verify(session.getAccessToken().getJwtToken());
    expect(access.username).toBe('carol');
    // An access token is not an ID token.
    await expect(idVerifier.verify(session.getAccessToken().getJwtToken())).rejects.toThrow(
      'Token use not allowed: access. Expected: id',
    );
  });

  it('gives the enhanced flow credentials of the authenticated role, good for the own prefix only', async () => {
    const ci = new CognitoIdentityClient({ region: REGION, endpoint: ready.endpoint });
    const logins = { [`cognito-idp.${REGION}.amazonaws.com/${poolId}`]: session.getIdToken().getJwtToken() };
    const { IdentityId } = await ci.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
    const { Credentials } = await ci.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
    expect(Credentials!.AccessKeyId).toMatch(/^ASIA/);
    creds = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretKey!,
      sessionToken: Credentials!.SessionToken!,
    };
    const who = await new STSClient({ region: REGION, endpoint: ready.endpoint, credentials: creds }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(who.Arn).toBe(`arn:aws:sts::${ready.accountId}:assumed-role/StoryAuth/CognitoIdentityCredentials`);
    const s3 = s3As(creds);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `home/${IdentityId}/me.txt`, Body: 'mine' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `home/${IdentityId}/me.txt` }));
    expect(await got.Body!.transformToString()).toBe('mine');
    const denied = await errorOf(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'home/us-east-1:someone-else/diary.txt' })),
    );
    expect(denied.name).toBe('AccessDenied');
    expect(denied.status).toBe(403);
    expect(denied.message).toContain(
      'is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::story-photos/home/us-east-1:someone-else/diary.txt"',
    );
  });

  it('gives the basic flow an OpenID token that STS trades for the same role', async () => {
    const ci = new CognitoIdentityClient({ region: REGION, endpoint: ready.endpoint });
    const logins = { [`cognito-idp.${REGION}.amazonaws.com/${poolId}`]: session.getIdToken().getJwtToken() };
    const { IdentityId } = await ci.send(new GetIdCommand({ IdentityPoolId: identityPoolId, Logins: logins }));
    const { Token } = await ci.send(new GetOpenIdTokenCommand({ IdentityId, Logins: logins }));
    const sts = new STSClient({ region: REGION, endpoint: ready.endpoint });
    const assumed = await sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: authRole, RoleSessionName: 'carol', WebIdentityToken: Token }),
    );
    expect(assumed.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ready.accountId}:assumed-role/StoryAuth/carol`);
    expect(assumed.SubjectFromWebIdentityToken).toBe(IdentityId);
    // The guest role's trust policy wants an unauthenticated identity: STS refuses.
    const refused = await errorOf(
      sts.send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: guestRole, RoleSessionName: 'carol', WebIdentityToken: Token }),
      ),
    );
    expect(refused).toMatchObject({
      name: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    });
  });

  it('lets a guest read the public prefix and nothing else', async () => {
    const ci = new CognitoIdentityClient({ region: REGION, endpoint: ready.endpoint });
    const { IdentityId } = await ci.send(new GetIdCommand({ IdentityPoolId: identityPoolId }));
    const { Credentials } = await ci.send(new GetCredentialsForIdentityCommand({ IdentityId }));
    const s3 = s3As({
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretKey!,
      sessionToken: Credentials!.SessionToken!,
    });
    const cat = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'public/cat.txt' }));
    expect(await cat.Body!.transformToString()).toBe('a cat');
    const denied = await errorOf(
      s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'home/us-east-1:someone-else/diary.txt' })),
    );
    expect(denied.name).toBe('AccessDenied');
  });

  it('answers a wrong signature, an access token in Logins and a Deny role rule with AWS errors', async () => {
    const forged = await errorOf(
      s3As({ accessKeyId: ready.credentials.accessKeyId, secretAccessKey: 'x'.repeat(40) }).send(
        new GetObjectCommand({ Bucket: bucket, Key: 'public/cat.txt' }),
      ),
    );
    expect(forged).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });

    const ci = new CognitoIdentityClient({ region: REGION, endpoint: ready.endpoint });
    const provider = `cognito-idp.${REGION}.amazonaws.com/${poolId}`;
    const wrongToken = await errorOf(
      ci.send(
        new GetIdCommand({
          IdentityPoolId: identityPoolId,
          Logins: { [provider]: session.getAccessToken().getJwtToken() },
        }),
      ),
    );
    expect(wrongToken.name).toBe('NotAuthorizedException');

    // Role mappings need the enhanced flow only: a second identity pool, without the classic flow.
    const adminCi = new CognitoIdentityClient(admin());
    const rulesPool = (
      await adminCi.send(
        new CreateIdentityPoolCommand({
          IdentityPoolName: 'story_rules',
          AllowUnauthenticatedIdentities: false,
          CognitoIdentityProviders: [{ ProviderName: provider, ClientId: clientId }],
        }),
      )
    ).IdentityPoolId!;
    await adminCi.send(
      new SetIdentityPoolRolesCommand({
        IdentityPoolId: rulesPool,
        Roles: { authenticated: authRole, unauthenticated: guestRole },
        RoleMappings: {
          [`${provider}:${clientId}`]: {
            Type: 'Rules',
            AmbiguousRoleResolution: 'Deny',
            RulesConfiguration: {
              Rules: [{ Claim: 'cognito:groups', MatchType: 'Contains', Value: 'admins', RoleARN: authRole }],
            },
          },
        },
      }),
    );
    const logins = { [provider]: session.getIdToken().getJwtToken() };
    const { IdentityId } = await ci.send(new GetIdCommand({ IdentityPoolId: rulesPool, Logins: logins }));
    const ambiguous = await errorOf(ci.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins })));
    expect(ambiguous.name).toBe('NotAuthorizedException');
    expect(ambiguous.message).toBe(
      `The ambiguous role mapping rules for: ${provider}:${clientId} denied this request.`,
    );
  });

  it('keeps everything across a restart with --state, and answers an expired session ExpiredToken', async () => {
    const adminKey = ready.credentials.accessKeyId;
    expect(await stopServer()).toBe(0);
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      sts: { sessions: Record<string, { expiration: number }> };
    };
    // The enhanced flow's session ran out while serve was down.
    saved.sts.sessions[creds.accessKeyId]!.expiration = Date.now() - 1000;
    writeFileSync(stateFile, JSON.stringify(saved));
    await startServer();
    // The same administrator key, the pool's signing key and the user are still there.
    expect(ready.credentials.accessKeyId).toBe(adminKey);
    const jwks = await (await fetch(`${ready.endpoint}/${poolId}/.well-known/jwks.json`)).json();
    const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
    verifier.cacheJwks(jwks);
    expect((await verifier.verify(session.getIdToken().getJwtToken()))['cognito:username']).toBe('carol');
    const cat = await s3As(ready.credentials).send(new GetObjectCommand({ Bucket: bucket, Key: 'public/cat.txt' }));
    expect(await cat.Body!.transformToString()).toBe('a cat');
    const expired = await errorOf(s3As(creds).send(new GetObjectCommand({ Bucket: bucket, Key: 'public/cat.txt' })));
    expect(expired).toMatchObject({ name: 'ExpiredToken', status: 400, message: 'The provided token has expired.' });
    const stsExpired = await errorOf(
      new STSClient({ region: REGION, endpoint: ready.endpoint, credentials: creds }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    expect(stsExpired).toMatchObject({ name: 'ExpiredToken', status: 400 });
  });
});
