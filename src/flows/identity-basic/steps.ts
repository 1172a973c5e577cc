/**
 * Flow 3's steps against the simulated services. The user signs in with SRP; the app gets the
 * identity id (GetId) and the identity pool's own OpenID token (GetOpenIdToken), then asks STS
 * itself for the role it wants (AssumeRoleWithWebIdentity): STS verifies the token with the
 * identity pools' key and asks the role's trust policy, by the engine. Last, someone else's
 * identity (a guest of the same pool, or a user of another identity pool) asks for the same role:
 * what the trust policy's `aud` and `amr` conditions are for.
 */
import { decodeJwt } from 'jose';
import type { PolicyDocument, World } from '../../world/types';
import { COGNITO_IDENTITY_ISSUER } from '../../aws/signing-keys';
import type {
  CredentialsView,
  FlowContext,
  FlowDecision,
  FlowEnv,
  FlowExchange,
  FlowOptions,
  StepImpl,
  TokenSpec,
} from '../types';
import { credentialsFromXml, expiryText, failure, poolTokenSpecs, signer, srpSignIn } from '../common';
import type { PoolTokens } from '../common';
import * as wire from '../wire';
import { addLee, LEE, MARIA, setupOf, withKid } from '../identity-enhanced/steps';

export const OPENID_ISSUER = 'https://cognito-identity.amazonaws.com';
const COGNITO = 'cognito-identity.amazonaws.com';
/** How long the app waits with the `expired-openid-token` switch: past the token's 10 minutes. */
export const WAIT_MS = 11 * 60_000;
/** The `kid` the `wrong-kid` switch puts in the token's header: a key the identity pools do not publish. */
export const FOREIGN_KID = 'us-east-1-1';
/** The session name the app gives STS (the basic flow lets the caller choose it). */
export const SESSION_NAME = 'photos-web';

/** Someone else: an account of their own, with a user pool and an identity pool that uses it. */
export const OTHER = {
  account: '444455556666',
  userPool: 'us-east-1_Ot4erP00l',
  clientId: '2p6r1k9s4d7f0g3h5j8l1z4x6c',
  identityPoolId: 'us-east-1:0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
  username: 'mallory@example.net',
  sub: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  password: 'Not-Your-Pool-9!',
};

/** The JWKS of the identity pools' OpenID tokens (one key), as STS checks them. */
export function openIdJwks(env: FlowEnv): { keys: Record<string, unknown>[] } {
  const key = env.state.keys[COGNITO_IDENTITY_ISSUER];
  return { keys: key ? [key.publicJwk as Record<string, unknown>] : [] };
}

function roleName(options: FlowOptions): string {
  return options.variant === 'editors-role' ? 'photos-app-editors' : 'photos-app-authenticated';
}

function userOf(options: FlowOptions) {
  return options.variant === 'editors-role' ? LEE : MARIA;
}

function roleArnOf(world: World, options: FlowOptions): string {
  return `arn:aws:iam::${world.identityPools![0]!.account}:role/${roleName(options)}`;
}

function cognitoTrust(condition: Record<string, Record<string, unknown>>): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: COGNITO },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  } as PolicyDocument;
}

/** Adds someone else's account, user pool (with one user) and identity pool (basic flow on). */
export function addOtherIdentityPool(world: World): void {
  if (world.identityPools?.some((p) => p.identityPoolId === OTHER.identityPoolId)) return;
  if (!world.accounts.some((a) => a.id === OTHER.account))
    world.accounts = [...world.accounts, { id: OTHER.account, name: 'someone else' }];
  world.userPools = [
    ...(world.userPools ?? []),
    {
      account: OTHER.account,
      id: OTHER.userPool,
      name: 'their-own-users',
      mfaConfiguration: 'OFF',
      allowAdminCreateUserOnly: false,
      usernameAttributes: ['email'],
      clients: [
        {
          clientId: OTHER.clientId,
          clientName: 'their-app',
          explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      ],
      users: [
        {
          username: OTHER.sub,
          attributes: [
            { name: 'sub', value: OTHER.sub },
            { name: 'email', value: OTHER.username },
            { name: 'email_verified', value: 'true' },
          ],
          userStatus: 'CONFIRMED',
          enabled: true,
          password: OTHER.password,
          userCreateDate: '2026-11-30T22:00:00Z',
        },
      ],
    },
  ];
  world.identityPools = [
    ...(world.identityPools ?? []),
    {
      account: OTHER.account,
      identityPoolId: OTHER.identityPoolId,
      identityPoolName: 'their_identities',
      allowUnauthenticatedIdentities: false,
      allowClassicFlow: true,
      cognitoIdentityProviders: [
        { providerName: `cognito-idp.us-east-1.amazonaws.com/${OTHER.userPool}`, clientId: OTHER.clientId },
      ],
      roles: {},
    },
  ];
}

/** Turns the basic flow on, adds Lee for `editors-role`, and loosens the trust policy per switch. */
export function prepare(world: World, options: FlowOptions): { world: World; changes: string[] } {
  const changes: string[] = [];
  const s = setupOf(world);
  const ip = world.identityPools![0]!;
  const switches = new Set(options.switches ?? []);
  if (!switches.has('classic-off') && ip.allowClassicFlow !== true) {
    ip.allowClassicFlow = true;
    changes.push(
      `Turned on \`AllowClassicFlow\` on the identity pool \`${ip.identityPoolName}\`: the basic flow is off by default.`,
    );
  }
  if (switches.has('classic-off') && ip.allowClassicFlow === true) {
    ip.allowClassicFlow = false;
    changes.push(`Turned off \`AllowClassicFlow\` on the identity pool \`${ip.identityPoolName}\`.`);
  }
  const pool = world.userPools?.find((p) => p.id === s.poolId);
  if (options.variant === 'editors-role' && pool && addLee(pool))
    changes.push(`Added the user \`${LEE.username}\` (in no group) to the user pool.`);
  const arn = roleArnOf(world, options);
  const role = world.roles?.find((r) => `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}` === arn);
  if (role && switches.has('no-aud')) {
    role.trustPolicy = cognitoTrust({ 'ForAnyValue:StringLike': { [`${COGNITO}:amr`]: 'authenticated' } });
    changes.push(
      `Rewrote the trust policy of \`${role.name}\` without the \`${COGNITO}:aud\` condition (any identity pool's authenticated identities).`,
    );
    addOtherIdentityPool(world);
    changes.push(
      `Added someone else's account ${OTHER.account} with a user pool of their own and an identity pool that uses it (basic flow on).`,
    );
  }
  if (role && switches.has('no-amr')) {
    role.trustPolicy = cognitoTrust({ StringEquals: { [`${COGNITO}:aud`]: ip.identityPoolId } });
    changes.push(
      `Rewrote the trust policy of \`${role.name}\` without the \`${COGNITO}:amr\` condition (the pool's guests match too).`,
    );
  }
  return { world, changes };
}

const signIn: StepImpl = async (_ctx, env) => {
  const s = setupOf(env.state.world);
  const who = userOf(env.options);
  const r = await srpSignIn(env, s.poolId, s.clientId, who.username, who.password);
  const title = 'Sign in to the user pool (USER_SRP_AUTH)';
  if (!r.tokens)
    return failure('userPool.signIn', title, r.exchanges, (c, m) => `The user pool refused the sign-in: ${c}: ${m}`);
  return {
    outcome: 'ok',
    title,
    narration: `${who.username} signs in with SRP and the user pool returns an ID token, an access token and a refresh token. The ID token is what the identity pool takes in \`Logins\`.`,
    exchanges: r.exchanges,
    tokens: poolTokenSpecs(env, s.poolId, s.clientId, r.tokens),
    data: { tokens: r.tokens },
  };
};

function logins(ctx: FlowContext, env: FlowEnv): Record<string, string> {
  return { [setupOf(env.state.world).provider]: (ctx.data['tokens'] as PoolTokens).idToken };
}

const getId: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const x = await env.send(
    wire.cognitoIdentity(
      'GetId',
      {
        AccountId: env.state.world.identityPools![0]!.account,
        IdentityPoolId: s.identityPoolId,
        Logins: logins(ctx, env),
      },
      env.region,
    ),
  );
  const title = 'GetId: the identity for this login';
  if (x.response.status !== 200)
    return failure('idpool.getId', title, [x], (c, m) => `The identity pool refused the token: ${c}: ${m}`);
  const identityId = String(wire.jsonOf(x.response.body)?.['IdentityId'] ?? '');
  return {
    outcome: 'ok',
    title,
    narration: `The identity pool checks the ID token and answers with the identity id ${identityId}. So far the same as the enhanced flow.`,
    exchanges: [x],
    data: { identityId },
    facts: [{ label: 'Identity id', value: identityId }],
  };
};

function openIdToken(env: FlowEnv, jwt: string, audience: string): TokenSpec {
  return {
    label: 'OpenID token (identity pool)',
    jwt,
    expect: { issuer: OPENID_ISSUER, audience, jwks: openIdJwks(env) },
  };
}

const getOpenIdToken: StepImpl = async (ctx, env) => {
  const s = setupOf(env.state.world);
  const x = await env.send(
    wire.cognitoIdentity(
      'GetOpenIdToken',
      { IdentityId: ctx.data['identityId'], Logins: logins(ctx, env) },
      env.region,
    ),
  );
  const title = 'GetOpenIdToken: the identity pool’s own token';
  if (x.response.status !== 200)
    return failure(
      'idpool.getOpenIdToken',
      title,
      [x],
      (c, m) =>
        `The identity pool refused: ${c}: ${m} With \`AllowClassicFlow\` off, an app can only use the enhanced flow (GetCredentialsForIdentity), where the identity pool chooses the role.`,
    );
  const token = String(wire.jsonOf(x.response.body)?.['Token'] ?? '');
  const claims = decodeJwt(token);
  const amr = Array.isArray(claims['amr']) ? (claims['amr'] as string[]) : [];
  return {
    outcome: 'ok',
    title,
    narration: `The identity pool signs a token of its own (issuer ${OPENID_ISSUER}) for the identity: \`aud\` is the identity pool id, \`amr\` says how the identity signed in (${amr.join(', ')}). It is valid 10 minutes; the app now goes to STS itself.`,
    exchanges: [x],
    tokens: [openIdToken(env, token, s.identityPoolId)],
    data: { openIdToken: token, openIdExp: Number(claims.exp ?? 0) * 1000 },
    facts: [
      {
        label: 'aud',
        value: String(claims.aud ?? ''),
        explain: 'The identity pool id: trust policies test it as `cognito-identity.amazonaws.com:aud`.',
      },
      {
        label: 'amr',
        value: amr.join(', '),
        explain:
          '`authenticated` and the provider for a signed-in user, `unauthenticated` for a guest: trust policies test it as `cognito-identity.amazonaws.com:amr`.',
      },
      { label: 'Expires', value: expiryText(Number(claims.exp ?? 0) * 1000, env.clock.now()) },
    ],
  };
};

const wait: StepImpl = async (ctx, env) => {
  env.clock.advance(WAIT_MS);
  const exp = Number(ctx.data['openIdExp'] ?? 0);
  const late = Math.round((env.clock.now() - exp) / 60000);
  return {
    outcome: 'ok',
    title: 'The app waits 11 minutes',
    narration: `The app keeps the OpenID token for 11 minutes before it calls STS (the tab was in the background). The token lives 10 minutes: it expired ${late} minute${late === 1 ? '' : 's'} ago.`,
    exchanges: [],
    facts: [{ label: 'Token expiry', value: expiryText(exp, env.clock.now()) }],
  };
};

async function assumeRole(env: FlowEnv, roleArn: string, token: string, sessionName: string): Promise<FlowExchange> {
  return env.send(
    wire.sts(
      'AssumeRoleWithWebIdentity',
      { RoleArn: roleArn, RoleSessionName: sessionName, WebIdentityToken: token },
      env.region,
    ),
  );
}

function decisionOf(x: FlowExchange): FlowDecision | undefined {
  return x.decision?.request ? (x.decision as FlowDecision) : undefined;
}

const assume: StepImpl = async (ctx, env) => {
  const roleArn = roleArnOf(env.state.world, env.options);
  let token = String(ctx.data['openIdToken'] ?? '');
  if (env.on('wrong-kid')) token = withKid(token, FOREIGN_KID);
  const x = await assumeRole(env, roleArn, token, SESSION_NAME);
  const title = `AssumeRoleWithWebIdentity: the app asks for ${roleName(env.options)}`;
  if (x.response.status !== 200) {
    const out = failure('sts.assumeRoleWithWebIdentity', title, [x], (c, m) => `STS refused: ${c}: ${m}`);
    const why =
      out.error?.code === 'ExpiredTokenException'
        ? ' The OpenID token lives 10 minutes: get a new one with GetOpenIdToken.'
        : out.error?.code === 'InvalidIdentityToken'
          ? ` The token's header names the key \`${FOREIGN_KID}\`, which is not in the identity pools' JWKS: STS cannot check the signature and refuses the token before any policy is read.`
          : '';
    return { ...out, narration: out.narration + why };
  }
  const creds = credentialsFromXml(x.response.body, 'AssumeRoleWithWebIdentity') as CredentialsView;
  const decision = decisionOf(x);
  return {
    outcome: 'ok',
    title,
    narration: `STS checks the token's signature with the identity pools' key, then asks the trust policy of ${roleName(env.options)} whether the web identity (\`cognito-identity.amazonaws.com\`, with this \`aud\` and \`amr\`) may assume it: ${decision?.decision ?? 'Allow'}. The app chose the role and the session name${env.options.variant === 'editors-role' ? ': Lee is in no group, and nothing here looked at groups' : ''}.`,
    exchanges: [x],
    credentials: creds,
    ...(decision ? { decision } : {}),
    data: { credentials: creds },
    facts: [
      { label: 'Role', value: roleArn, explain: 'Chosen by the app, not by the identity pool.' },
      {
        label: 'Trust policy',
        value: decision?.decision ?? '—',
        explain: 'The engine’s decision on sts:AssumeRoleWithWebIdentity.',
      },
      { label: 'Provider', value: wire.xmlValue(x.response.body, 'Provider') ?? '' },
      { label: 'Audience', value: wire.xmlValue(x.response.body, 'Audience') ?? '' },
      {
        label: 'SubjectFromWebIdentityToken',
        value: wire.xmlValue(x.response.body, 'SubjectFromWebIdentityToken') ?? '',
      },
    ],
  };
};

const callerIdentity: StepImpl = async (ctx, env) => {
  const creds = ctx.data['credentials'] as CredentialsView;
  const x = await env.send(wire.sts('GetCallerIdentity', {}, env.region, signer(env, creds)));
  const title = 'GetCallerIdentity with the new credentials';
  if (x.response.status !== 200)
    return failure('sts.getCallerIdentity', title, [x], (c, m) => `STS refused the credentials: ${c}: ${m}`);
  const arn = wire.xmlValue(x.response.body, 'Arn') ?? '';
  return {
    outcome: 'ok',
    title,
    narration: `Signed with the temporary credentials, the app asks STS who it is: ${arn}. The session name is the one the app chose.`,
    exchanges: [x],
    facts: [{ label: 'Caller', value: arn }],
  };
};

/** Someone else's identity asks for the same role: a user of their own identity pool (`no-aud`), or a guest. */
const attacker: StepImpl = async (_ctx, env) => {
  const roleArn = roleArnOf(env.state.world, env.options);
  const name = roleName(env.options);
  const exchanges: FlowExchange[] = [];
  const fromOtherPool = env.on('no-aud');
  let token = '';
  let poolId = setupOf(env.state.world).identityPoolId;
  let loginsMap: Record<string, string> | undefined;
  if (fromOtherPool) {
    poolId = OTHER.identityPoolId;
    const r = await srpSignIn(env, OTHER.userPool, OTHER.clientId, OTHER.username, OTHER.password);
    exchanges.push(...r.exchanges);
    if (r.tokens) loginsMap = { [`cognito-idp.${env.region}.amazonaws.com/${OTHER.userPool}`]: r.tokens.idToken };
  }
  const idX = await env.send(
    wire.cognitoIdentity('GetId', { IdentityPoolId: poolId, ...(loginsMap ? { Logins: loginsMap } : {}) }, env.region),
  );
  exchanges.push(idX);
  const identityId = String(wire.jsonOf(idX.response.body)?.['IdentityId'] ?? '');
  if (identityId) {
    const tokX = await env.send(
      wire.cognitoIdentity(
        'GetOpenIdToken',
        { IdentityId: identityId, ...(loginsMap ? { Logins: loginsMap } : {}) },
        env.region,
      ),
    );
    exchanges.push(tokX);
    token = String(wire.jsonOf(tokX.response.body)?.['Token'] ?? '');
  }
  const who = fromOtherPool
    ? `${OTHER.username}, a user of someone else's identity pool (${OTHER.identityPoolId}, account ${OTHER.account})`
    : `a guest of the same identity pool (no sign-in at all, \`amr\` unauthenticated)`;
  const title = fromOtherPool ? `Someone else’s identity pool asks for ${name}` : `A guest identity asks for ${name}`;
  const tokens = token ? [openIdToken(env, token, poolId)] : [];
  if (!token)
    return {
      outcome: 'refused',
      from: 'attacker',
      title,
      narration: `${who} could not get an OpenID token to try with.`,
      exchanges,
    };
  const x = await assumeRole(env, roleArn, token, 'not-the-app');
  exchanges.push(x);
  const decision = decisionOf(x);
  const allowed = x.response.status === 200;
  const err = wire.errorOf(x.response);
  const risk = env.options.switches
    ?.map((s) => (s === 'no-aud' || s === 'no-amr' ? s : undefined))
    .find((s) => s !== undefined);
  const narration = allowed
    ? `The risk, shown: ${who} gets an OpenID token and asks STS for ${name}, and the trust policy allows it (${risk === 'no-aud' ? 'it does not name the identity pool in `aud`, so any identity pool’s token matches' : 'it does not require `amr` authenticated, so a guest’s token matches'}). They now hold credentials of your signed-in users’ role.`
    : `${who} gets an OpenID token and asks STS for ${name}: ${err?.code ?? 'refused'}. The trust policy's conditions (\`aud\` is this identity pool, \`amr\` has \`authenticated\`) do not match the token, so the engine denies it.`;
  return {
    outcome: allowed ? 'allowed' : 'refused',
    from: 'attacker',
    title,
    narration,
    exchanges,
    tokens,
    ...(decision ? { decision } : {}),
    ...(allowed ? { credentials: credentialsFromXml(x.response.body, 'AssumeRoleWithWebIdentity') } : {}),
    facts: [
      { label: 'Token aud', value: poolId },
      { label: 'Trust policy', value: decision?.decision ?? '—', explain: decision?.message || undefined },
    ],
  };
};

export const steps: Record<string, StepImpl> = {
  'userPool.signIn': signIn,
  'idpool.getId': getId,
  'idpool.getOpenIdToken': getOpenIdToken,
  'app.wait': wait,
  'sts.assumeRoleWithWebIdentity': assume,
  'sts.getCallerIdentity': callerIdentity,
  'attacker.assumeRoleWithWebIdentity': attacker,
};
