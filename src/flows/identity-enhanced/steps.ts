/**
 * Flow 2's steps against the simulated services. The user signs in with SRP, then the app calls
 * the identity pool with the ID token in `Logins` (the key is the user pool's provider name), and
 * finally asks STS who the credentials belong to.
 */
import type { World, UserPoolUser } from '../../world/types';
import type { FlowContext, FlowDecision, FlowEnv, FlowOptions, StepImpl, StepOutput, CredentialsView } from '../types';
import { credentialsFromJson, failure, poolTokenSpecs, signer, srpSignIn } from '../common';
import type { PoolTokens } from '../common';
import * as wire from '../wire';

/** The users the variants sign in as (in the default world, or added by `prepare`). */
const MARIA = { username: 'maria@example.com', password: 'Correct-Horse-7' };
const LEE = { username: 'lee@example.com', password: 'Blue-Kettle-42!' };
const LEE_SUB = 'e3b0c442-98fc-4c14-9afb-f4c8996fb924';
/** The app client `unlisted-client` signs in with (a second client of the same pool). */
export const OTHER_CLIENT = '3n4v9q2k7c1l8b5x6m0z4r2t9y';

interface Setup {
  poolId: string;
  clientId: string;
  identityPoolId: string;
  provider: string;
}

function setupOf(world: World): Setup {
  const ip = world.identityPools?.[0];
  const provider = ip?.cognitoIdentityProviders?.[0];
  if (!ip || !provider) throw new Error('the world has no identity pool with a user pool provider');
  const poolId = provider.providerName.slice(provider.providerName.lastIndexOf('/') + 1);
  return { poolId, clientId: provider.clientId, identityPoolId: ip.identityPoolId, provider: provider.providerName };
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
  if (options.variant === 'no-group' && !pool.users?.some((u) => u.username === LEE_SUB)) {
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
    changes.push(`Added the user \`${LEE.username}\` (in no group) to the user pool.`);
  }
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
  return { world, changes };
}

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
  return { [s.provider]: env.on('access-token') ? t.accessToken : t.idToken };
}

const getId: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const account = env.state.world.identityPools![0]!.account;
  const x = await env.send(
    wire.cognitoIdentity(
      'GetId',
      { AccountId: account, IdentityPoolId: s.identityPoolId, Logins: loginsOf(ctx, env) },
      env.region,
    ),
  );
  const title = 'GetId: the identity for this login';
  if (x.response.status !== 200)
    return failure('idpool.getId', title, [x], (code, m) => `The identity pool refused the token: ${code}: ${m}`);
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
  'idpool.getId': getId,
  'idpool.getCredentialsForIdentity': getCredentials,
  'sts.getCallerIdentity': callerIdentity,
};
