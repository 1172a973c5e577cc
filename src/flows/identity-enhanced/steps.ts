/**
 * Flow 2's steps against the simulated services. The user signs in with SRP, then the app calls
 * the identity pool with the ID token in `Logins` (the key is the user pool's provider name), and
 * finally asks STS who the credentials belong to.
 */
import { base64url, decodeJwt } from 'jose';
import type { World, UserPool, UserPoolUser } from '../../world/types';
import type { FlowContext, FlowDecision, FlowEnv, FlowOptions, StepImpl, StepOutput, CredentialsView } from '../types';
import { credentialsFromJson, failure, poolTokenSpecs, signer, srpSignIn, tokensOf } from '../common';
import type { PoolTokens } from '../common';
import * as wire from '../wire';

/** The `kid` the `wrong-kid-id-token` switch puts in the ID token's header: a key the user pool does not publish. */
export const UNKNOWN_KID = 'Xq3vB8mN2pL5kR9tW1yZ4cF7hJ0dG6sA1eU3iO5aQ8M=';

/** The same token with another `kid` in its header (the signature is left as it was). */
export function withKid(jwt: string, kid: string): string {
  const [h, p, sig] = jwt.split('.');
  const header = JSON.parse(new TextDecoder().decode(base64url.decode(h ?? ''))) as Record<string, unknown>;
  return [base64url.encode(JSON.stringify({ ...header, kid })), p, sig].join('.');
}

/** The users the variants sign in as (in the default world, or added by `prepare`). */
export const MARIA = { username: 'maria@example.com', password: 'Correct-Horse-7' };
export const LEE = { username: 'lee@example.com', password: 'Blue-Kettle-42!' };
export const LEE_SUB = 'e3b0c442-98fc-4c14-9afb-f4c8996fb924';
/** The app client `unlisted-client` signs in with (a second client of the same pool). */
export const OTHER_CLIENT = '3n4v9q2k7c1l8b5x6m0z4r2t9y';

export interface Setup {
  poolId: string;
  clientId: string;
  identityPoolId: string;
  provider: string;
}

/** The world's identity pool and the user pool (and app client) it lists first. */
export function setupOf(world: World): Setup {
  const ip = world.identityPools?.[0];
  const provider = ip?.cognitoIdentityProviders?.[0];
  if (!ip || !provider) throw new Error('the world has no identity pool with a user pool provider');
  const poolId = provider.providerName.slice(provider.providerName.lastIndexOf('/') + 1);
  return { poolId, clientId: provider.clientId, identityPoolId: ip.identityPoolId, provider: provider.providerName };
}

/** Adds Lee (confirmed, in no group) to the user pool; false when Lee is there already. */
export function addLee(pool: UserPool): boolean {
  if (pool.users?.some((u) => u.username === LEE_SUB)) return false;
  const lee: UserPoolUser = {
    username: LEE_SUB,
    attributes: [
      { name: 'sub', value: LEE_SUB },
      { name: 'email', value: LEE.username },
      { name: 'email_verified', value: 'true' },
    ],
    userStatus: 'CONFIRMED',
    enabled: true,
    password: LEE.password,
    userCreateDate: '2026-10-01T10:00:00Z',
  };
  pool.users = [...(pool.users ?? []), lee];
  return true;
}

/** Adds what the variant and switches need to the world (a user in no group, rules, a second client). */
export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const s = setupOf(world);
  const pool = world.userPools?.find((p) => p.id === s.poolId);
  const ip = world.identityPools![0]!;
  if (!pool) throw new Error(`the world has no user pool \`${s.poolId}\``);
  const switches = new Set(options.switches ?? []);
  const key = `${s.provider}:${s.clientId}`;
  const account = ip.account;
  const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
  if (options.variant === 'no-group' && addLee(pool))
    changes.push(`Added the user \`${LEE.username}\` (in no group) to the user pool.`);
  if (options.variant === 'rules') {
    ip.roleMappings = {
      ...ip.roleMappings,
      [key]: {
        type: 'Rules',
        ambiguousRoleResolution: 'AuthenticatedRole',
        rulesConfiguration: {
          rules: [
            { claim: 'email', matchType: 'Contains', value: '@example.com', roleARN: role('photos-app-editors') },
          ],
        },
      },
    };
    changes.push('Set the role mapping to a rule: `email` contains `@example.com` → `photos-app-editors`.');
  }
  if (switches.has('ambiguous-deny')) {
    ip.roleMappings = {
      ...ip.roleMappings,
      [key]: {
        type: 'Rules',
        ambiguousRoleResolution: 'Deny',
        rulesConfiguration: {
          rules: [{ claim: 'custom:tier', matchType: 'Equals', value: 'gold', roleARN: role('photos-app-editors') }],
        },
      },
    };
    changes.push(
      'Set the role mapping to a rule no token matches (`custom:tier` equals `gold`), with AmbiguousRoleResolution `Deny`.',
    );
  }
  if (switches.has('unlisted-client') && !pool.clients?.some((c) => c.clientId === OTHER_CLIENT)) {
    pool.clients = [
      ...(pool.clients ?? []),
      {
        clientId: OTHER_CLIENT,
        clientName: 'photos-admin-console',
        explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      },
    ];
    changes.push('Added the app client `photos-admin-console`, which the identity pool does not list.');
  }
  if (switches.has('several-groups') && options.variant !== 'no-group') {
    pool.groups = [
      ...(pool.groups ?? []).filter((g) => g.groupName !== 'viewers'),
      {
        groupName: 'viewers',
        description: 'May read photos',
        roleArn: role('photos-app-authenticated'),
        precedence: 5,
      },
    ];
    const maria = pool.users?.find((u) => u.attributes?.some((a) => a.name === 'email' && a.value === MARIA.username));
    if (maria) maria.groups = [...new Set([...(maria.groups ?? []), 'viewers'])];
    changes.push('Added the group `viewers` (precedence 5, role `photos-app-authenticated`) and put Maria in it too.');
  }
  if (switches.has('writable-attribute')) addWritableAttributeMapping(world, changes);
  return { world, changes };
}

/** The role the `writable-attribute` rule hands out. */
export const ADMINS_ROLE = 'photos-app-admins';

function addWritableAttributeMapping(world: World, changes: string[]): void {
  const s = setupOf(world);
  const ip = world.identityPools![0]!;
  const account = ip.account;
  const arn = `arn:aws:iam::${account}:role/${ADMINS_ROLE}`;
  if (!world.roles?.some((r) => r.account === account && r.name === ADMINS_ROLE)) {
    world.roles = [
      ...(world.roles ?? []),
      {
        account,
        name: ADMINS_ROLE,
        description: 'Administrators of the photos app: every object of the bucket',
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'cognito-identity.amazonaws.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: {
                StringEquals: { 'cognito-identity.amazonaws.com:aud': ip.identityPoolId },
                'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
              },
            },
          ],
        },
        inlinePolicies: [
          {
            name: 'all-photos',
            document: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 's3:*',
                  Resource: ['arn:aws:s3:::playground-photos', 'arn:aws:s3:::playground-photos/*'],
                },
              ],
            },
          },
        ],
      },
    ];
    changes.push(`Added the role \`${ADMINS_ROLE}\` (s3:* on the photos bucket), trusted by the identity pool.`);
  }
  ip.roleMappings = {
    ...ip.roleMappings,
    [`${s.provider}:${s.clientId}`]: {
      type: 'Rules',
      ambiguousRoleResolution: 'AuthenticatedRole',
      rulesConfiguration: { rules: [{ claim: 'custom:tier', matchType: 'Equals', value: 'admin', roleARN: arn }] },
    },
  };
  const pool = world.userPools?.find((p) => p.id === s.poolId);
  const maria = pool?.users?.find((u) => u.attributes.some((a) => a.name === 'email' && a.value === MARIA.username));
  if (maria && !maria.attributes.some((a) => a.name === 'custom:tier'))
    maria.attributes = [...maria.attributes, { name: 'custom:tier', value: 'basic' }];
  changes.push(
    'Set the role mapping to a rule: `custom:tier` equals `admin` → `photos-app-admins` (else the authenticated role), and gave Maria `custom:tier` = `basic`.',
  );
}

/** The user sets `custom:tier` to `admin` on herself, then refreshes her tokens to carry it. */
const updateAttributes: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const t = ctx.data['tokens'] as PoolTokens;
  const clientId = String(ctx.data['clientId'] ?? s.clientId);
  const title = 'UpdateUserAttributes: custom:tier = admin, then refresh the tokens';
  const update = await env.send(
    wire.cognitoIdp(
      'UpdateUserAttributes',
      { AccessToken: t.accessToken, UserAttributes: [{ Name: 'custom:tier', Value: 'admin' }] },
      env.region,
    ),
  );
  if (update.response.status !== 200)
    return failure('userPool.updateUserAttributes', title, [update], (c, m) => `The user pool refused: ${c}: ${m}`);
  const refresh = await env.send(
    wire.cognitoIdp(
      'InitiateAuth',
      { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: t.refreshToken } },
      env.region,
    ),
  );
  const fresh = tokensOf(refresh);
  if (!fresh)
    return failure(
      'userPool.updateUserAttributes',
      title,
      [update, refresh],
      (c, m) => `The refresh failed: ${c}: ${m}`,
    );
  const tokens: PoolTokens = { ...fresh, ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}) };
  return {
    outcome: 'ok',
    title,
    narration:
      'With nothing but her own access token, Maria sets `custom:tier` to `admin`: the app client may write every attribute. She refreshes her tokens, and the new ID token carries `custom:tier: admin`, the claim the role mapping trusts.',
    exchanges: [update, refresh],
    tokens: poolTokenSpecs(env, s.poolId, clientId, { idToken: tokens.idToken, accessToken: tokens.accessToken }),
    data: { tokens },
    facts: [{ label: 'custom:tier', value: 'admin', explain: 'Written by the user herself.' }],
  };
};

function credsOf(ctx: FlowContext): CredentialsView {
  return ctx.data['credentials'] as CredentialsView;
}

const signIn: StepImpl = async (_ctx, env) => {
  const s = setupOf(env.state.world);
  const who = env.options.variant === 'no-group' ? LEE : MARIA;
  const clientId = env.on('unlisted-client') ? OTHER_CLIENT : s.clientId;
  const r = await srpSignIn(env, s.poolId, clientId, who.username, who.password);
  const title = 'Sign in to the user pool (USER_SRP_AUTH)';
  if (!r.tokens)
    return failure(
      'userPool.signIn',
      title,
      r.exchanges,
      (code, m) => `The user pool refused the sign-in: ${code}: ${m}`,
    );
  return {
    outcome: 'ok',
    title,
    narration: `${who.username} signs in with SRP: the app sends SRP_A, the pool answers with a PASSWORD_VERIFIER challenge, the app proves it knows the password without sending it, and the pool returns an ID token, an access token and a refresh token.`,
    exchanges: r.exchanges,
    tokens: poolTokenSpecs(env, s.poolId, clientId, r.tokens),
    data: { tokens: r.tokens, clientId },
  };
};

function loginsOf(ctx: FlowContext, env: FlowEnv): Record<string, string> {
  const s = setupOf(env.state.world);
  const t = ctx.data['tokens'] as PoolTokens;
  const token = env.on('access-token') ? t.accessToken : t.idToken;
  return { [s.provider]: env.on('wrong-kid-id-token') ? withKid(token, UNKNOWN_KID) : token };
}

const getId: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const account = env.state.world.identityPools![0]!.account;
  let waited = '';
  if (env.on('expired-id-token')) {
    // The page stays open past the ID token's lifetime (the app client's `IdTokenValidity`).
    const exp = Number(decodeJwt((ctx.data['tokens'] as PoolTokens).idToken).exp ?? 0) * 1000;
    const wait = Math.max(0, exp + 60_000 - env.clock.now());
    env.clock.advance(wait);
    waited = `The page stayed open ${Math.round(wait / 60000)} minutes before it called GetId, and the ID token had expired a minute before. `;
  }
  const x = await env.send(
    wire.cognitoIdentity(
      'GetId',
      { AccountId: account, IdentityPoolId: s.identityPoolId, Logins: loginsOf(ctx, env) },
      env.region,
    ),
  );
  const title = 'GetId: the identity for this login';
  if (x.response.status !== 200)
    return failure(
      'idpool.getId',
      title,
      [x],
      (code, m) =>
        `${waited}The identity pool refused the token: ${code}: ${m}${env.on('wrong-kid-id-token') ? ` The token's header names the key \`${UNKNOWN_KID}\`, which is not in the user pool's JWKS: the identity pool cannot check the signature.` : ''}${waited ? ' Refresh the tokens (REFRESH_TOKEN_AUTH) before calling the identity pool.' : ''}`,
    );
  const identityId = String(wire.jsonOf(x.response.body)?.['IdentityId'] ?? '');
  return {
    outcome: 'ok',
    title,
    narration: `The identity pool checks the ID token (its signature, issuer and app client) and answers with the identity id ${identityId}, the same every time this user signs in.`,
    exchanges: [x],
    data: { identityId },
    facts: [
      {
        label: 'Identity id',
        value: identityId,
        explain:
          'Stable per user and identity pool: use it (`cognito-identity.amazonaws.com:sub`) to give each user their own prefix.',
      },
    ],
  };
};

function roleFacts(x: { notes: { message: string; data?: Record<string, string> }[] }): StepOutput['facts'] {
  const note = x.notes[0];
  if (!note) return [];
  return [{ label: 'Role chosen', value: note.data?.['roleArn'] ?? '—', explain: note.message }];
}

const getCredentials: StepImpl = async (ctx, env) => {
  const x = await env.send(
    wire.cognitoIdentity(
      'GetCredentialsForIdentity',
      { IdentityId: ctx.data['identityId'], Logins: loginsOf(ctx, env) },
      env.region,
    ),
  );
  const title = 'GetCredentialsForIdentity: the identity pool chooses the role';
  if (x.response.status !== 200)
    return {
      ...failure('idpool.getCredentialsForIdentity', title, [x], (code, m) => `No credentials: ${code}: ${m}`),
      facts: roleFacts(x),
    };
  const body = wire.jsonOf(x.response.body) ?? {};
  const roleArn = x.notes[0]?.data?.['roleArn'] ?? '';
  const creds = credentialsFromJson(
    body['Credentials'] as Record<string, unknown>,
    roleArn,
    'GetCredentialsForIdentity',
  );
  if (!creds) return failure('idpool.getCredentialsForIdentity', title, [x], () => 'The reply held no credentials.');
  return {
    outcome: 'ok',
    title,
    narration: `The identity pool chose the role (${x.notes[0]?.message ?? 'see the facts'}), had STS assume it for the identity, and returned temporary credentials that expire in an hour.`,
    exchanges: [x],
    credentials: creds,
    data: { credentials: creds },
    facts: roleFacts(x),
    // The identity pool had STS assume the role: the role's trust policy, decided by the engine.
    ...(x.decision?.request ? { decision: x.decision as FlowDecision } : {}),
  };
};

const callerIdentity: StepImpl = async (ctx, env) => {
  const x = await env.send(wire.sts('GetCallerIdentity', {}, env.region, signer(env, credsOf(ctx))));
  const title = 'GetCallerIdentity with the new credentials';
  if (x.response.status !== 200)
    return failure('sts.getCallerIdentity', title, [x], (code, m) => `STS refused the credentials: ${code}: ${m}`);
  const arn = wire.xmlValue(x.response.body, 'Arn') ?? '';
  return {
    outcome: 'ok',
    title,
    narration: `Signed with the temporary credentials, the app asks STS who it is: ${arn}, a session of the chosen role.`,
    exchanges: [x],
    data: { callerArn: arn },
    facts: [{ label: 'Caller', value: arn }],
  };
};

export const steps: Record<string, StepImpl> = {
  'userPool.signIn': signIn,
  'userPool.updateUserAttributes': updateAttributes,
  'idpool.getId': getId,
  'idpool.getCredentialsForIdentity': getCredentials,
  'sts.getCallerIdentity': callerIdentity,
};
