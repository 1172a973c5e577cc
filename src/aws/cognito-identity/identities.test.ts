import { describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { defaultWorld } from '../../world/default-world';
import type { IdentityPool, Role, World } from '../../world/types';
import { authorizeCall } from '../authz';
import type { Principal } from '../context';
import { testContext } from '../testing';
import { request, text } from '../http';
import { newState } from '../state';
import { Simulator } from '../simulator';
import { SimClock } from '../clock';
import { seededRandom } from '../random';
import { COGNITO_IDENTITY_ISSUER, verifyJwt } from '../signing-keys';
import { ACCOUNT, CLIENT, IDENTITY_POOL, PROVIDER, accessToken, idToken, send, sessionPrincipal } from './testkit';

const AUTH_ROLE = `arn:aws:iam::${ACCOUNT}:role/photos-app-authenticated`;
const GUEST_ROLE = `arn:aws:iam::${ACCOUNT}:role/photos-app-guest`;
const EDITORS_ROLE = `arn:aws:iam::${ACCOUNT}:role/photos-app-editors`;
const MARIA = 'a4e8b2c6-1d3f-4e5a-9b7c-2f6d8e0a1c3b';
const SAM = 'c7d9e1f3-5a6b-4c8d-8e0f-1a2b3c4d5e6f';
const BUCKET = 'playground-photos';

/** A call signed with the session's credentials (SigV4 proved the caller). */
const signedBy = (caller: Principal) => ({ caller, sourceIp: '127.0.0.1', secure: true });

function withPool(edit: (p: IdentityPool) => IdentityPool, world: World = defaultWorld()): World {
  return {
    ...world,
    identityPools: world.identityPools!.map((p) => (p.identityPoolId === IDENTITY_POOL ? edit(p) : p)),
  };
}

function withRole(name: string, edit: (r: Role) => Role, world: World = defaultWorld()): World {
  return { ...world, roles: world.roles!.map((r) => (r.name === name ? edit(r) : r)) };
}

async function signedInId(ctx: ReturnType<typeof testContext>, sub = MARIA, extra: Record<string, unknown> = {}) {
  const token = await idToken(ctx, sub, extra);
  const r = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL, Logins: { [PROVIDER]: token } });
  expect(r.status).toBe(200);
  return { identityId: r.json.IdentityId as string, token };
}

describe('GetId', () => {
  it('creates an identity for a new login and answers the same one for that login again', async () => {
    const ctx = testContext();
    const first = await signedInId(ctx);
    expect(first.identityId).toMatch(/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const again = await signedInId(ctx);
    expect(again.identityId).toBe(first.identityId);
    const other = await signedInId(ctx, SAM);
    expect(other.identityId).not.toBe(first.identityId);
    expect(ctx.state.cognitoIdentity.identities[first.identityId]!.logins).toEqual({ [PROVIDER]: MARIA });
  });

  it('gives a guest a new identity each call when the pool allows guests', async () => {
    const ctx = testContext();
    const a = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL, AccountId: ACCOUNT });
    const b = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL });
    expect(a.status).toBe(200);
    expect(a.reply.operation).toBe('GetId');
    expect(a.reply.response.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(b.json.IdentityId).not.toBe(a.json.IdentityId);
  });

  it('refuses a guest when the pool does not allow guests', async () => {
    const ctx = testContext(withPool((p) => ({ ...p, allowUnauthenticatedIdentities: false })));
    const r = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
  });

  it('answers an unknown pool with ResourceNotFoundException', async () => {
    const ctx = testContext();
    const r = await send(ctx, 'GetId', { IdentityPoolId: 'us-east-1:00000000-0000-4000-8000-000000000000' });
    expect(r.json).toEqual({
      __type: 'ResourceNotFoundException',
      message: "IdentityPool 'us-east-1:00000000-0000-4000-8000-000000000000' not found.",
    });
  });

  it('answers bad input with AWS validation and serialization errors', async () => {
    const ctx = testContext();
    const missing = await send(ctx, 'GetId', {});
    expect(missing.json).toEqual({
      __type: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'identityPoolId' failed to satisfy constraint: Member must not be null",
    });
    const pattern = await send(ctx, 'GetId', { IdentityPoolId: 'us-east-1_Pl4yGr0nd', AccountId: 'abc' });
    expect(pattern.json).toEqual({
      __type: 'ValidationException',
      message:
        "2 validation errors detected: Value 'us-east-1_Pl4yGr0nd' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+; Value 'abc' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d+",
    });
    const type = await send(ctx, 'GetId', { IdentityPoolId: 42 });
    expect(type.json.__type).toBe('SerializationException');
    const json = await send(ctx, 'GetId', '{"IdentityPoolId": ');
    expect(json.json).toEqual({ __type: 'SerializationException', message: 'the body is not valid JSON' });
    const unknown = await send(ctx, 'DeleteEverything', {});
    expect(unknown.json.__type).toBe('UnknownOperationException');
  });
});

describe('login tokens', () => {
  const getId = (ctx: ReturnType<typeof testContext>, logins: Record<string, string>) =>
    send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL, Logins: logins });

  it('refuses an expired ID token with the times', async () => {
    const ctx = testContext();
    const token = await idToken(ctx, MARIA);
    ctx.clock.advance(3601 * 1000);
    const r = await getId(ctx, { [PROVIDER]: token });
    const now = Math.floor(ctx.clock.now() / 1000);
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: `Invalid login token. Token expired: ${now} >= ${now - 1}`,
    });
  });

  it('refuses a token whose issuer is not the Logins key', async () => {
    const ctx = testContext();
    const token = await idToken(ctx, MARIA, { iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other1' });
    const r = await getId(ctx, { [PROVIDER]: token });
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: "Invalid login token. Issuer doesn't match providerName",
    });
  });

  it('refuses a user pool or an app client the identity pool does not list', async () => {
    const ctx = testContext();
    const otherPool = 'us-east-1_Other1';
    const token = await idToken(ctx, MARIA, {}, otherPool);
    const r = await getId(ctx, { [`cognito-idp.us-east-1.amazonaws.com/${otherPool}`]: token });
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
    const wrongClient = await idToken(ctx, MARIA, { aud: 'someotherclientid' });
    const r2 = await getId(ctx, { [PROVIDER]: wrongClient });
    expect(r2.json.message).toBe('Token is not from a supported provider of this identity pool.');
    const google = await getId(ctx, { 'accounts.google.com': await idToken(ctx, MARIA) });
    expect(google.json.message).toBe('Token is not from a supported provider of this identity pool.');
  });

  it('refuses a token signed by another key', async () => {
    const ctx = testContext();
    const forger = testContext(defaultWorld(), 'forger');
    const forged = await idToken(forger, MARIA);
    await idToken(ctx, MARIA); // the real pool has a key
    const r = await getId(ctx, { [PROVIDER]: forged });
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: "Invalid login token. Couldn't verify signed token.",
    });
    const garbage = await getId(ctx, { [PROVIDER]: 'not-a-jwt' });
    expect(garbage.json.message).toBe("Invalid login token. Couldn't verify signed token.");
  });

  it('checks with the user pool that the user is still there when ServerSideTokenCheck is on', async () => {
    const checked = withPool((p) => ({
      ...p,
      cognitoIdentityProviders: p.cognitoIdentityProviders!.map((c) => ({ ...c, serverSideTokenCheck: true })),
    }));
    const ctx = testContext(checked);
    expect((await getId(ctx, { [PROVIDER]: await idToken(ctx, MARIA) })).status).toBe(200);
    const gone = await getId(ctx, { [PROVIDER]: await idToken(ctx, 'deleted-user') });
    expect(gone.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid login token. The user was deleted or disabled.',
    });
  });

  it('refuses an access token passed where the ID token belongs', async () => {
    const ctx = testContext();
    const r = await getId(ctx, { [PROVIDER]: await accessToken(ctx, MARIA) });
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid login token. Missing a required claim: aud',
    });
    const notId = await getId(ctx, { [PROVIDER]: await idToken(ctx, MARIA, { token_use: 'access' }) });
    expect(notId.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Invalid login token. Not a Cognito token.',
    });
  });

  it('refuses another identity\'s logins for an identity ("Logins don\'t match")', async () => {
    const ctx = testContext();
    const maria = await signedInId(ctx);
    const samToken = await idToken(ctx, SAM);
    const r = await send(ctx, 'GetCredentialsForIdentity', {
      IdentityId: maria.identityId,
      Logins: { [PROVIDER]: samToken },
    });
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
    const none = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: maria.identityId });
    expect(none.json).toEqual({
      __type: 'NotAuthorizedException',
      message: `Access to Identity '${maria.identityId}' is forbidden.`,
    });
  });
});

describe('GetCredentialsForIdentity (enhanced flow)', () => {
  it('answers credentials of the role the token prefers, as a session of that role', async () => {
    const ctx = testContext();
    const { identityId, token } = await signedInId(ctx, MARIA, {
      'cognito:groups': ['editors'],
      'cognito:roles': [EDITORS_ROLE],
      'cognito:preferred_role': EDITORS_ROLE,
    });
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: identityId, Logins: { [PROVIDER]: token } });
    expect(r.status).toBe(200);
    const creds = r.json.Credentials as Record<string, unknown>;
    expect(r.json.IdentityId).toBe(identityId);
    expect(Object.keys(creds).sort()).toEqual(['AccessKeyId', 'Expiration', 'SecretKey', 'SessionToken']);
    expect(creds.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(creds.Expiration).toBe(Math.floor(ctx.clock.now() / 1000) + 3600);
    const session = ctx.state.sts.sessions[creds.AccessKeyId as string]!;
    expect(session.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/photos-app-editors/CognitoIdentityCredentials`);
    expect(session.userId).toBe('AROAQ8RST2UV4WX6YZ3AB:CognitoIdentityCredentials');
    expect(session.secretAccessKey).toBe(creds.SecretKey);
    expect(session.context).toEqual({
      'cognito-identity.amazonaws.com:aud': IDENTITY_POOL,
      'cognito-identity.amazonaws.com:amr': ['authenticated', PROVIDER, `${PROVIDER}:CognitoSignIn:${MARIA}`],
      'cognito-identity.amazonaws.com:sub': identityId,
      'aws:FederatedProvider': 'cognito-identity.amazonaws.com',
    });
    expect(r.reply.decision?.decision).toBe('Allow');
    expect(r.reply.notes?.[0]?.data).toEqual({
      providerKey: `${PROVIDER}:${CLIENT}`,
      roleArn: EDITORS_ROLE,
      chosenBy: 'preferred-role',
      claim: 'cognito:preferred_role',
    });
  });

  it('falls back to the authenticated role for a token without roles (AmbiguousRoleResolution AuthenticatedRole)', async () => {
    const ctx = testContext();
    const { identityId, token } = await signedInId(ctx);
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: identityId, Logins: { [PROVIDER]: token } });
    const key = (r.json.Credentials as Record<string, string>).AccessKeyId!;
    expect(ctx.state.sts.sessions[key]!.roleArn).toBe(AUTH_ROLE);
  });

  it('answers the ambiguous-rules Deny with NotAuthorizedException', async () => {
    const key = `${PROVIDER}:${CLIENT}`;
    const ctx = testContext(
      withPool((p) => ({
        ...p,
        roleMappings: {
          [key]: {
            type: 'Rules',
            ambiguousRoleResolution: 'Deny',
            rulesConfiguration: {
              rules: [{ claim: 'cognito:groups', matchType: 'Equals', value: 'admins', roleARN: EDITORS_ROLE }],
            },
          },
        },
      })),
    );
    const { identityId, token } = await signedInId(ctx, MARIA, { 'cognito:groups': ['editors'] });
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: identityId, Logins: { [PROVIDER]: token } });
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: `The ambiguous role mapping rules for: ${key} denied this request.`,
    });
    expect(r.reply.notes?.[0]?.data).toEqual({
      providerKey: key,
      error: 'denied',
      reason: 'no rule matched the token',
    });
  });

  it("is refused when the role's trust policy names another pool's aud", async () => {
    const world = withRole('photos-app-authenticated', (r) => ({
      ...r,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:11111111-2222-4333-8444-555555555555' },
              'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
            },
          },
        ],
      },
    }));
    const ctx = testContext(world);
    const { identityId, token } = await signedInId(ctx);
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: identityId, Logins: { [PROVIDER]: token } });
    expect(r.json).toEqual({
      __type: 'InvalidIdentityPoolConfigurationException',
      message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
    });
    expect(r.reply.decision?.principal).toBe('cognito-identity.amazonaws.com');
    expect(r.reply.decision?.action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(r.reply.decision?.resource).toBe(AUTH_ROLE);
    expect(r.reply.decision?.allowed).toBe(false);
    expect(Object.keys(ctx.state.sts.sessions)).toEqual([]);
  });

  it('refuses a role whose trust policy allows sts:AssumeRole instead of sts:AssumeRoleWithWebIdentity', async () => {
    const world = withRole('photos-app-guest', (r) => ({
      ...r,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      },
    }));
    const ctx = testContext(world);
    const id = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL });
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: id.json.IdentityId });
    expect(r.json.__type).toBe('InvalidIdentityPoolConfigurationException');
  });

  it('answers a pool without a guest role with InvalidIdentityPoolConfigurationException', async () => {
    const ctx = testContext(withPool((p) => ({ ...p, roles: { authenticated: p.roles.authenticated } })));
    const id = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL });
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: id.json.IdentityId });
    expect(r.json.__type).toBe('InvalidIdentityPoolConfigurationException');
  });

  it('gives a guest the unauthenticated role with the scope-down session policy', async () => {
    const ctx = testContext();
    const id = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL });
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: id.json.IdentityId });
    const key = (r.json.Credentials as Record<string, string>).AccessKeyId!;
    const session = ctx.state.sts.sessions[key]!;
    expect(session.arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/photos-app-guest/CognitoIdentityCredentials`);
    expect(session.roleArn).toBe(GUEST_ROLE);
    expect(session.context?.['cognito-identity.amazonaws.com:amr']).toEqual(['unauthenticated']);
    expect(session.facts.policies).toHaveLength(1);
    const caller = sessionPrincipal(session);
    // The guest role allows public photos, and the scope-down lists S3: allowed.
    const pub = authorizeCall(ctx, signedBy(caller), 's3:GetObject', `arn:aws:s3:::${BUCKET}/public/cat.jpg`);
    expect(pub.decision).toBe('Allow');
    expect(pub.authorized?.refused).toEqual([]);
    // A service outside the scope-down is refused by the session policy even if the role allowed it.
    const guestWorld = withRole('photos-app-guest', (role) => ({
      ...role,
      inlinePolicies: [
        ...(role.inlinePolicies ?? []),
        {
          name: 'too-much',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] },
        },
      ],
    }));
    ctx.state.world = guestWorld;
    const iam = authorizeCall(ctx, signedBy(caller), 'iam:ListUsers', '*');
    expect(iam.decision).toBe('ImplicitDeny');
    expect(iam.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/photos-app-guest/CognitoIdentityCredentials is not authorized to perform: iam:ListUsers because no session policy allows the iam:ListUsers action`,
    );
  });

  it("lets the session read its own S3 prefix and refuses another's", async () => {
    const ctx = testContext();
    const { identityId, token } = await signedInId(ctx);
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: identityId, Logins: { [PROVIDER]: token } });
    const session = ctx.state.sts.sessions[(r.json.Credentials as Record<string, string>).AccessKeyId!]!;
    const caller = sessionPrincipal(session);
    const own = authorizeCall(
      ctx,
      signedBy(caller),
      's3:GetObject',
      `arn:aws:s3:::${BUCKET}/home/${identityId}/photo.jpg`,
    );
    expect(own.decision).toBe('Allow');
    const other = 'us-east-1:99999999-8888-4777-8666-555555555555';
    const theirs = authorizeCall(
      ctx,
      signedBy(caller),
      's3:GetObject',
      `arn:aws:s3:::${BUCKET}/home/${other}/photo.jpg`,
    );
    expect(theirs.decision).toBe('ImplicitDeny');
    expect(theirs.message).toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/photos-app-authenticated/CognitoIdentityCredentials is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::${BUCKET}/home/${other}/photo.jpg because no identity-based policy allows the s3:GetObject action`,
    );
  });

  it('carries mapped principal tags into the session, when the trust policy allows sts:TagSession', async () => {
    const tagTrust = (r: Role): Role => ({
      ...r,
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'cognito-identity.amazonaws.com' },
            Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
            Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': IDENTITY_POOL } },
          },
        ],
      },
    });
    const mapped = withPool((p) => ({
      ...p,
      principalTagMappings: { [PROVIDER]: { useDefaults: false, principalTags: { department: 'custom:department' } } },
    }));
    const ctx = testContext(withRole('photos-app-authenticated', tagTrust, mapped));
    const { identityId, token } = await signedInId(ctx, MARIA, { 'custom:department': 'research' });
    const r = await send(ctx, 'GetCredentialsForIdentity', { IdentityId: identityId, Logins: { [PROVIDER]: token } });
    const session = ctx.state.sts.sessions[(r.json.Credentials as Record<string, string>).AccessKeyId!]!;
    expect(session.facts.tags).toEqual({ department: 'research' });
    // Without sts:TagSession in the trust policy the assumption fails.
    const ctx2 = testContext(mapped);
    const again = await signedInId(ctx2, MARIA, { 'custom:department': 'research' });
    const r2 = await send(ctx2, 'GetCredentialsForIdentity', {
      IdentityId: again.identityId,
      Logins: { [PROVIDER]: again.token },
    });
    expect(r2.json.__type).toBe('InvalidIdentityPoolConfigurationException');
    expect(r2.reply.decision?.action).toBe('sts:TagSession');
  });

  it('answers an unknown identity with ResourceNotFoundException', async () => {
    const ctx = testContext();
    const r = await send(ctx, 'GetCredentialsForIdentity', {
      IdentityId: 'us-east-1:00000000-0000-4000-8000-000000000000',
    });
    expect(r.json).toEqual({
      __type: 'ResourceNotFoundException',
      message: "Identity 'us-east-1:00000000-0000-4000-8000-000000000000' not found.",
    });
  });
});

describe('GetOpenIdToken (basic flow)', () => {
  it('is refused while the pool has the classic flow off', async () => {
    const ctx = testContext();
    const { identityId, token } = await signedInId(ctx);
    const r = await send(ctx, 'GetOpenIdToken', { IdentityId: identityId, Logins: { [PROVIDER]: token } });
    expect(r.json).toEqual({
      __type: 'InvalidParameterException',
      message: 'Basic (classic) flow is not enabled, please use enhanced flow.',
    });
  });

  it('answers a token of the identity pool issuer, valid for 10 minutes', async () => {
    const ctx = testContext(withPool((p) => ({ ...p, allowClassicFlow: true })));
    const { identityId, token } = await signedInId(ctx);
    const r = await send(ctx, 'GetOpenIdToken', { IdentityId: identityId, Logins: { [PROVIDER]: token } });
    expect(r.status).toBe(200);
    expect(r.json.IdentityId).toBe(identityId);
    const jwt = r.json.Token as string;
    const now = Math.floor(ctx.clock.now() / 1000);
    expect(decodeJwt(jwt)).toEqual({
      sub: identityId,
      aud: IDENTITY_POOL,
      amr: ['authenticated', PROVIDER, `${PROVIDER}:CognitoSignIn:${MARIA}`],
      iss: 'https://cognito-identity.amazonaws.com',
      'https://cognito-identity.amazonaws.com/identity-pool-arn': `arn:aws:cognito-identity:us-east-1:${ACCOUNT}:identitypool/${IDENTITY_POOL}`,
      exp: now + 600,
      iat: now,
    });
    expect(decodeProtectedHeader(jwt).kid).toBe(ctx.state.keys[COGNITO_IDENTITY_ISSUER]!.kid);
    expect((await verifyJwt(ctx, COGNITO_IDENTITY_ISSUER, jwt)).ok).toBe(true);
    ctx.clock.advance(601 * 1000);
    expect(await verifyJwt(ctx, COGNITO_IDENTITY_ISSUER, jwt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('gives a guest an unauthenticated token', async () => {
    const ctx = testContext(withPool((p) => ({ ...p, allowClassicFlow: true })));
    const id = await send(ctx, 'GetId', { IdentityPoolId: IDENTITY_POOL });
    const r = await send(ctx, 'GetOpenIdToken', { IdentityId: id.json.IdentityId });
    expect(decodeJwt(r.json.Token as string).amr).toEqual(['unauthenticated']);
  });
});

describe('through the simulator', () => {
  it('routes X-Amz-Target AWSCognitoIdentityService calls to the identity pools', async () => {
    const state = newState(defaultWorld());
    const sim = new Simulator({ state, clock: new SimClock(Date.UTC(2026, 0, 1)), random: seededRandom('sim') });
    const ex = await sim.handle(
      request({
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': 'AWSCognitoIdentityService.GetId',
        },
        body: JSON.stringify({ IdentityPoolId: IDENTITY_POOL }),
      }),
    );
    expect(ex.service).toBe('cognito-identity');
    expect(ex.operation).toBe('GetId');
    expect(ex.caller).toBe('anonymous');
    expect(ex.response.status).toBe(200);
    const id = (JSON.parse(text(ex.response.body)) as { IdentityId: string }).IdentityId;
    expect(Object.keys(state.cognitoIdentity.identities)).toEqual([id]);
  });

  it('keeps a __proto__ key of a Logins map as a provider name, refused as unsupported', async () => {
    const ctx = testContext();
    const r = await send(ctx, 'GetId', '{"IdentityPoolId":"' + IDENTITY_POOL + '","Logins":{"__proto__":"x.y.z"}}');
    expect(r.json).toEqual({
      __type: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
  });
});
