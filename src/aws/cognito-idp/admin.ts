/**
 * The signed operations: CreateUserPool, CreateUserPoolClient, CreateGroup, SetUserPoolMfaConfig,
 * AdminAddUserToGroup, AdminConfirmSignUp, AdminCreateUser, AdminSetUserPassword,
 * AdminUserGlobalSignOut. Each is authorized with `cognito-idp:<Operation>`; each change to pools
 * and users replaces the world.
 */
import type {
  PasswordPolicy,
  UserPool,
  UserPoolClient,
  UserPoolGroup,
  UserPoolUser,
  ExplicitAuthFlow,
} from '../../world/types';
import type { AwsContext } from '../context';
import { randomString, uuid, ALNUM, LOWER_DIGITS } from '../random';
import type { Input } from './input';
import { apiError, isError, isPoolId, NAME_CHARS, NON_SPACE, PRINTABLE, WORD_PLUS } from './input';
import type { Failure, Operation, OpResult } from './common';
import { authorizeAdmin, ok, poolArn, USER_NOT_FOUND, withDecision } from './common';
import {
  DEFAULT_PASSWORD_POLICY,
  findUser,
  isEmail,
  passwordProblem,
  poolOf,
  replacePool,
  setAttr,
  updateUser,
  userView,
  attr,
} from './pools';
import { idpState } from './state';
import { revokeUserSignIns } from './signout';

const POOL_ID_RULE = { required: true, min: 1, max: 55, pattern: [isPoolIdChar, '[\\w-]+_[0-9a-zA-Z]+'] as const };
function isPoolIdChar(c: string): boolean {
  return WORD_PLUS(c) || c === '-';
}
const USERNAME_RULE = {
  required: true,
  min: 1,
  max: 128,
  pattern: [PRINTABLE, '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+'] as const,
};
const GROUP_RULE = {
  required: true,
  min: 1,
  max: 128,
  pattern: [PRINTABLE, '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+'] as const,
};

/** Reads `UserPoolId`, checking the whole pattern (the character test alone allows `a-b`). */
export function readPoolId(input: Input): string | undefined {
  const id = input.str('UserPoolId', { ...POOL_ID_RULE, pattern: [...POOL_ID_RULE.pattern] });
  if (id !== undefined && !isPoolId(id)) {
    input.problem(
      `Value '${id}' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+`,
    );
    return undefined;
  }
  return id;
}

export function nowSeconds(ctx: AwsContext): number {
  return Math.floor(ctx.clock.now() / 1000);
}

function policyView(p: PasswordPolicy): Record<string, unknown> {
  const out: Record<string, unknown> = {
    MinimumLength: p.minimumLength,
    RequireUppercase: p.requireUppercase,
    RequireLowercase: p.requireLowercase,
    RequireNumbers: p.requireNumbers,
    RequireSymbols: p.requireSymbols,
    TemporaryPasswordValidityDays: p.temporaryPasswordValidityDays ?? 7,
  };
  if (p.passwordHistorySize !== undefined) out['PasswordHistorySize'] = p.passwordHistorySize;
  return out;
}

export function poolView(pool: UserPool, region: string, nowS: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Id: pool.id,
    Name: pool.name,
    Policies: { PasswordPolicy: policyView(pool.passwordPolicy ?? DEFAULT_PASSWORD_POLICY) },
    DeletionProtection: 'INACTIVE',
    LambdaConfig: {},
    LastModifiedDate: nowS,
    CreationDate: nowS,
    SchemaAttributes: [],
    MfaConfiguration: pool.mfaConfiguration ?? 'OFF',
    EstimatedNumberOfUsers: (pool.users ?? []).length,
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: pool.allowAdminCreateUserOnly ?? false },
    Arn: poolArn(pool.id, pool.account, region),
    UserPoolTier: 'ESSENTIALS',
  };
  if (pool.usernameAttributes) out['UsernameAttributes'] = pool.usernameAttributes;
  if (pool.autoVerifiedAttributes) out['AutoVerifiedAttributes'] = pool.autoVerifiedAttributes;
  return out;
}

export const createUserPool: Operation = async (input, ctx, call) => {
  const name = input.str('PoolName', { required: true, min: 1, max: 128, pattern: [NAME_CHARS, '[\\w\\s+=,.@-]+'] });
  const policies = input.struct('Policies');
  const pp = policies?.struct('PasswordPolicy');
  const minimumLength = pp?.int('MinimumLength', 6, 99);
  const flags = {
    requireUppercase: pp?.bool('RequireUppercase'),
    requireLowercase: pp?.bool('RequireLowercase'),
    requireNumbers: pp?.bool('RequireNumbers'),
    requireSymbols: pp?.bool('RequireSymbols'),
  };
  const history = pp?.int('PasswordHistorySize', 0, 24);
  const tempDays = pp?.int('TemporaryPasswordValidityDays', 0, 365);
  const mfa = input.str('MfaConfiguration', { values: ['OFF', 'ON', 'OPTIONAL'] });
  const usernameAttributes = input.stringList('UsernameAttributes', ['phone_number', 'email']);
  const autoVerified = input.stringList('AutoVerifiedAttributes', ['phone_number', 'email']);
  const adminConfig = input.struct('AdminCreateUserConfig');
  const adminOnly = adminConfig?.bool('AllowAdminCreateUserOnly');
  const bad = input.failure();
  if (bad) return bad;
  const auth = authorizeAdmin(ctx, call, 'CreateUserPool', undefined);
  if (isError(auth)) return auth;
  const passwordPolicy: PasswordPolicy = pp
    ? {
        minimumLength: minimumLength ?? 8,
        requireUppercase: flags.requireUppercase ?? false,
        requireLowercase: flags.requireLowercase ?? false,
        requireNumbers: flags.requireNumbers ?? false,
        requireSymbols: flags.requireSymbols ?? false,
        temporaryPasswordValidityDays: tempDays ?? 7,
        ...(history !== undefined ? { passwordHistorySize: history } : {}),
      }
    : { ...DEFAULT_PASSWORD_POLICY };
  let id: string;
  do id = `${ctx.region}_${randomString(ctx.random, ALNUM, 9)}`;
  while ((ctx.state.world.userPools ?? []).some((p) => p.id === id));
  const pool: UserPool = {
    account: auth.account,
    id,
    name: name!,
    passwordPolicy,
    mfaConfiguration: (mfa as UserPool['mfaConfiguration']) ?? 'OFF',
    allowAdminCreateUserOnly: adminOnly ?? false,
    clients: [],
    users: [],
    groups: [],
  };
  if (usernameAttributes) pool.usernameAttributes = usernameAttributes as UserPool['usernameAttributes'];
  if (autoVerified) pool.autoVerifiedAttributes = autoVerified as UserPool['autoVerifiedAttributes'];
  ctx.state.world = { ...ctx.state.world, userPools: [...(ctx.state.world.userPools ?? []), pool] };
  return withDecision(ok({ UserPool: poolView(pool, ctx.region, nowSeconds(ctx)) }), auth.decision);
};

const NEW_FLOWS = [
  'ALLOW_USER_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
] as const;
const LEGACY_FLOWS: Record<string, ExplicitAuthFlow> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
};
export const DEFAULT_FLOWS: ExplicitAuthFlow[] = [
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_CUSTOM_AUTH',
];

const UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

export function clientView(pool: UserPool, client: UserPoolClient, ctx: AwsContext): Record<string, unknown> {
  const now = nowSeconds(ctx);
  const out: Record<string, unknown> = {
    UserPoolId: pool.id,
    ClientName: client.clientName,
    ClientId: client.clientId,
    LastModifiedDate: now,
    CreationDate: now,
    RefreshTokenValidity: client.refreshTokenValidity ?? 30,
    TokenValidityUnits: {
      AccessToken: client.tokenValidityUnits?.accessToken ?? 'hours',
      IdToken: client.tokenValidityUnits?.idToken ?? 'hours',
      RefreshToken: client.tokenValidityUnits?.refreshToken ?? 'days',
    },
    ExplicitAuthFlows: client.explicitAuthFlows ?? DEFAULT_FLOWS,
    AllowedOAuthFlowsUserPoolClient: false,
    PreventUserExistenceErrors: client.preventUserExistenceErrors ?? 'LEGACY',
    EnableTokenRevocation: client.enableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: false,
    AuthSessionValidity: idpState(ctx.state).clientSettings[client.clientId]?.authSessionValidity ?? 3,
  };
  if (client.clientSecret) out['ClientSecret'] = client.clientSecret;
  if (client.accessTokenValidity !== undefined) out['AccessTokenValidity'] = client.accessTokenValidity;
  if (client.idTokenValidity !== undefined) out['IdTokenValidity'] = client.idTokenValidity;
  return out;
}

export const createUserPoolClient: Operation = async (input, ctx, call) => {
  const poolId = readPoolId(input);
  const clientName = input.str('ClientName', {
    required: true,
    min: 1,
    max: 128,
    pattern: [NAME_CHARS, '[\\w\\s+=,.@-]+'],
  });
  const generateSecret = input.bool('GenerateSecret');
  const refresh = input.int('RefreshTokenValidity', 0, 315360000);
  const access = input.int('AccessTokenValidity', 1, 86400);
  const idv = input.int('IdTokenValidity', 1, 86400);
  const unitsIn = input.struct('TokenValidityUnits');
  const units = {
    accessToken: unitsIn?.str('AccessToken', { values: UNITS }) as (typeof UNITS)[number] | undefined,
    idToken: unitsIn?.str('IdToken', { values: UNITS }) as (typeof UNITS)[number] | undefined,
    refreshToken: unitsIn?.str('RefreshToken', { values: UNITS }) as (typeof UNITS)[number] | undefined,
  };
  const flowsIn = input.stringList('ExplicitAuthFlows', [...Object.keys(LEGACY_FLOWS), ...NEW_FLOWS]);
  const prevent = input.str('PreventUserExistenceErrors', { values: ['LEGACY', 'ENABLED'] });
  const revocation = input.bool('EnableTokenRevocation');
  const sessionValidity = input.int('AuthSessionValidity', 3, 15);
  const bad = input.failure();
  if (bad) return bad;
  const auth = authorizeAdmin(ctx, call, 'CreateUserPoolClient', poolId);
  if (isError(auth)) return auth;
  const pool = poolOf(ctx.state.world, poolId!, auth.account);
  if (isError(pool)) return withDecision(pool, auth.decision);

  let flows: ExplicitAuthFlow[] | undefined;
  if (flowsIn) {
    const legacy = flowsIn.filter((f) => f in LEGACY_FLOWS);
    if (legacy.length > 0 && legacy.length < flowsIn.length)
      return withDecision(
        apiError('InvalidParameterException', 'ExplicitAuthFlow can not have both ALLOW_ and legacy auth flows.'),
        auth.decision,
      );
    flows =
      legacy.length > 0
        ? [
            ...new Set([
              ...legacy.map((f) => LEGACY_FLOWS[f]!),
              'ALLOW_USER_SRP_AUTH' as const,
              'ALLOW_REFRESH_TOKEN_AUTH' as const,
            ]),
          ]
        : [...new Set(flowsIn as ExplicitAuthFlow[])];
  }
  const within = (v: number | undefined, unit: keyof typeof UNIT_SECONDS, lo: number, hi: number) =>
    v === undefined || (v * UNIT_SECONDS[unit] >= lo && v * UNIT_SECONDS[unit] <= hi);
  if (
    !within(access, units.accessToken ?? 'hours', 300, 86400) ||
    !within(idv, units.idToken ?? 'hours', 300, 86400) ||
    !(refresh === 0 || within(refresh, units.refreshToken ?? 'days', 3600, 315360000))
  )
    return withDecision(apiError('InvalidParameterException', 'Invalid range for token validity.'), auth.decision);

  let clientId: string;
  do clientId = randomString(ctx.random, LOWER_DIGITS, 26);
  while ((pool.clients ?? []).some((c) => c.clientId === clientId));
  const client: UserPoolClient = { clientId, clientName: clientName! };
  if (generateSecret) client.clientSecret = randomString(ctx.random, LOWER_DIGITS, 51);
  if (flows) client.explicitAuthFlows = flows;
  if (access !== undefined) client.accessTokenValidity = access;
  if (idv !== undefined) client.idTokenValidity = idv;
  if (refresh !== undefined && refresh !== 0) client.refreshTokenValidity = refresh;
  if (unitsIn) {
    client.tokenValidityUnits = {};
    if (units.accessToken) client.tokenValidityUnits.accessToken = units.accessToken;
    if (units.idToken) client.tokenValidityUnits.idToken = units.idToken;
    if (units.refreshToken) client.tokenValidityUnits.refreshToken = units.refreshToken;
  }
  client.preventUserExistenceErrors = (prevent as UserPoolClient['preventUserExistenceErrors']) ?? 'LEGACY';
  client.enableTokenRevocation = revocation ?? true;
  if (sessionValidity !== undefined)
    idpState(ctx.state).clientSettings[clientId] = { authSessionValidity: sessionValidity };
  ctx.state.world = replacePool(ctx.state.world, { ...pool, clients: [...(pool.clients ?? []), client] });
  return withDecision(ok({ UserPoolClient: clientView(pool, client, ctx) }), auth.decision);
};

function groupView(poolId: string, g: UserPoolGroup, nowS: number): Record<string, unknown> {
  const out: Record<string, unknown> = { GroupName: g.groupName, UserPoolId: poolId };
  if (g.description !== undefined) out['Description'] = g.description;
  if (g.roleArn !== undefined) out['RoleArn'] = g.roleArn;
  if (g.precedence !== undefined) out['Precedence'] = g.precedence;
  out['LastModifiedDate'] = nowS;
  out['CreationDate'] = nowS;
  return out;
}

function isRoleArn(s: string): boolean {
  const parts = s.split(':');
  return (
    parts.length === 6 &&
    parts[0] === 'arn' &&
    parts[2] === 'iam' &&
    parts[5]!.startsWith('role/') &&
    parts[5]!.length > 5
  );
}

export const createGroup: Operation = async (input, ctx, call) => {
  const groupName = input.str('GroupName', GROUP_RULE as never);
  const poolId = readPoolId(input);
  const description = input.str('Description', { max: 2048 });
  const roleArn = input.str('RoleArn', { min: 20, max: 2048 });
  const precedence = input.int('Precedence', 0, 2147483647);
  if (roleArn !== undefined && !isRoleArn(roleArn))
    input.problem(
      `Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:iam::[0-9]+:role/[\\w+=/,.@-]+`,
    );
  const bad = input.failure();
  if (bad) return bad;
  const auth = authorizeAdmin(ctx, call, 'CreateGroup', poolId);
  if (isError(auth)) return auth;
  const pool = poolOf(ctx.state.world, poolId!, auth.account);
  if (isError(pool)) return withDecision(pool, auth.decision);
  if ((pool.groups ?? []).some((g) => g.groupName === groupName))
    return withDecision(apiError('GroupExistsException', 'A group with the name already exists.'), auth.decision);
  const group: UserPoolGroup = { groupName: groupName! };
  if (description !== undefined) group.description = description;
  if (roleArn !== undefined) group.roleArn = roleArn;
  if (precedence !== undefined) group.precedence = precedence;
  ctx.state.world = replacePool(ctx.state.world, { ...pool, groups: [...(pool.groups ?? []), group] });
  return withDecision(ok({ Group: groupView(pool.id, group, nowSeconds(ctx)) }), auth.decision);
};

export const setUserPoolMfaConfig: Operation = async (input, ctx, call) => {
  const poolId = readPoolId(input);
  const totp = input.struct('SoftwareTokenMfaConfiguration');
  const enabled = totp?.bool('Enabled');
  const mfa = input.str('MfaConfiguration', { values: ['OFF', 'ON', 'OPTIONAL'] });
  const bad = input.failure();
  if (bad) return bad;
  const auth = authorizeAdmin(ctx, call, 'SetUserPoolMfaConfig', poolId);
  if (isError(auth)) return auth;
  const pool = poolOf(ctx.state.world, poolId!, auth.account);
  if (isError(pool)) return withDecision(pool, auth.decision);
  const next = (mfa as UserPool['mfaConfiguration']) ?? pool.mfaConfiguration ?? 'OFF';
  if (next !== 'OFF' && enabled !== true)
    return withDecision(
      apiError(
        'InvalidParameterException',
        'At least one MFA method must be enabled when MFA is ON or OPTIONAL: this simulator offers software tokens (SoftwareTokenMfaConfiguration.Enabled)',
      ),
      auth.decision,
    );
  ctx.state.world = replacePool(ctx.state.world, { ...pool, mfaConfiguration: next });
  return withDecision(
    ok({ SoftwareTokenMfaConfiguration: { Enabled: next !== 'OFF' }, MfaConfiguration: next }),
    auth.decision,
  );
};

/** Pool and user for an `Admin*` call with `UserPoolId` and `Username`, authorized. */
function adminUser(
  input: Input,
  ctx: AwsContext,
  call: Parameters<Operation>[2],
  action: string,
  more: () => void = () => undefined,
): { pool: UserPool; user: UserPoolUser; decision: import('../authz').CallDecision } | Failure {
  const poolId = readPoolId(input);
  const username = input.str('Username', { ...USERNAME_RULE, pattern: [...USERNAME_RULE.pattern], sensitive: true });
  more();
  const bad = input.failure();
  if (bad) return bad;
  const auth = authorizeAdmin(ctx, call, action, poolId);
  if (isError(auth)) return auth;
  const pool = poolOf(ctx.state.world, poolId!, auth.account);
  if (isError(pool)) return withDecision(pool, auth.decision);
  const user = findUser(pool, username!);
  if (!user) return withDecision(USER_NOT_FOUND(), auth.decision);
  return { pool, user, decision: auth.decision };
}

export const adminAddUserToGroup: Operation = async (input, ctx, call) => {
  let groupName: string | undefined;
  const r = adminUser(input, ctx, call, 'AdminAddUserToGroup', () => {
    groupName = input.str('GroupName', GROUP_RULE as never);
  });
  if (isError(r)) return r;
  if (!(r.pool.groups ?? []).some((g) => g.groupName === groupName))
    return withDecision(apiError('ResourceNotFoundException', 'Group not found.'), r.decision);
  updateUser(ctx, r.pool.id, r.user.username, (u) =>
    (u.groups ?? []).includes(groupName!) ? u : { ...u, groups: [...(u.groups ?? []), groupName!] },
  );
  return withDecision(ok({}), r.decision);
};

export const adminConfirmSignUp: Operation = async (input, ctx, call) => {
  const r = adminUser(input, ctx, call, 'AdminConfirmSignUp');
  if (isError(r)) return r;
  if (r.user.userStatus !== 'UNCONFIRMED')
    return withDecision(
      apiError('NotAuthorizedException', `User cannot be confirmed. Current status is ${r.user.userStatus}`),
      r.decision,
    );
  updateUser(ctx, r.pool.id, r.user.username, (u) => ({ ...u, userStatus: 'CONFIRMED' }));
  delete idpState(ctx.state).codes[`${r.pool.id}/${r.user.username}`];
  return withDecision(ok({}), r.decision);
};

/** A temporary password the pool's policy accepts. */
function temporaryPassword(ctx: AwsContext, pool: UserPool): string {
  const p = pool.passwordPolicy ?? DEFAULT_PASSWORD_POLICY;
  const body = randomString(ctx.random, ALNUM, Math.max(p.minimumLength, 8) - 4);
  return `${randomString(ctx.random, 'ABCDEFGHJKLMNPQRSTUVWXYZ', 1)}${randomString(ctx.random, 'abcdefghijkmnpqrstuvwxyz', 1)}${randomString(ctx.random, '23456789', 1)}${body}!`;
}

export const adminCreateUser: Operation = async (input, ctx, call) => {
  const poolId = readPoolId(input);
  const username = input.str('Username', { ...USERNAME_RULE, pattern: [...USERNAME_RULE.pattern], sensitive: true });
  const attributes = input.attributes('UserAttributes') ?? [];
  const tempIn = input.str('TemporaryPassword', { max: 256, pattern: [NON_SPACE, '[\\S]+'], sensitive: true });
  const action = input.str('MessageAction', { values: ['RESEND', 'SUPPRESS'] });
  input.stringList('DesiredDeliveryMediums', ['SMS', 'EMAIL']);
  const bad = input.failure();
  if (bad) return bad;
  const auth = authorizeAdmin(ctx, call, 'AdminCreateUser', poolId);
  if (isError(auth)) return auth;
  const pool = poolOf(ctx.state.world, poolId!, auth.account);
  if (isError(pool)) return withDecision(pool, auth.decision);
  const byEmail = (pool.usernameAttributes ?? []).includes('email');
  if (byEmail && !isEmail(username!))
    return withDecision(apiError('InvalidParameterException', 'Username should be an email.'), auth.decision);
  if (action === 'RESEND') {
    const existing = findUser(pool, username!);
    if (!existing) return withDecision(USER_NOT_FOUND(), auth.decision);
  } else if (findUser(pool, username!))
    return withDecision(apiError('UsernameExistsException', 'User account already exists'), auth.decision);
  if (tempIn !== undefined) {
    const weak = passwordProblem(pool, tempIn);
    if (weak) return withDecision(weak, auth.decision);
  }
  const password = tempIn ?? temporaryPassword(ctx, pool);
  if (action === 'RESEND') {
    const user = updateUser(ctx, pool.id, findUser(pool, username!)!.username, (u) => ({
      ...u,
      password,
      userStatus: 'FORCE_CHANGE_PASSWORD',
    }))!;
    idpState(ctx.state).temporaryPasswords[`${pool.id}/${user.username}`] = ctx.clock.now();
    return withDecision(ok({ User: userView(user, ctx.clock.now()) }, [tempNote(pool, user, password)]), auth.decision);
  }
  const sub = uuid(ctx.random);
  let user: UserPoolUser = {
    username: byEmail ? sub : username!,
    attributes: [{ name: 'sub', value: sub }],
    userStatus: 'FORCE_CHANGE_PASSWORD',
    enabled: true,
    password,
    userCreateDate: new Date(Math.floor(ctx.clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
  };
  for (const a of attributes) if (a.name !== 'sub') user = setAttr(user, a.name, a.value);
  if (byEmail) user = setAttr(user, 'email', username!);
  ctx.state.world = replacePool(ctx.state.world, { ...pool, users: [...(pool.users ?? []), user] });
  idpState(ctx.state).temporaryPasswords[`${pool.id}/${user.username}`] = ctx.clock.now();
  const notes = action === 'SUPPRESS' ? [] : [tempNote(pool, user, password)];
  return withDecision(ok({ User: userView(user, ctx.clock.now()) }, notes), auth.decision);
};

function tempNote(pool: UserPool, user: UserPoolUser, password: string) {
  const to = attr(user, 'email') ?? attr(user, 'phone_number') ?? user.username;
  return {
    kind: 'temporary-password' as const,
    message: `Cognito would send ${to} the temporary password ${password} for pool ${pool.id}`,
    data: { userPoolId: pool.id, username: user.username, temporaryPassword: password },
  };
}

export const adminSetUserPassword: Operation = async (input, ctx, call) => {
  let password: string | undefined;
  let permanent: boolean | undefined;
  const r = adminUser(input, ctx, call, 'AdminSetUserPassword', () => {
    password = input.str('Password', { required: true, max: 256, pattern: [NON_SPACE, '[\\S]+'], sensitive: true });
    permanent = input.bool('Permanent');
  });
  if (isError(r)) return r;
  const weak = passwordProblem(r.pool, password!);
  if (weak) return withDecision(weak, r.decision);
  const key = `${r.pool.id}/${r.user.username}`;
  updateUser(ctx, r.pool.id, r.user.username, (u) => ({
    ...u,
    password,
    userStatus: permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD',
  }));
  if (permanent) delete idpState(ctx.state).temporaryPasswords[key];
  else idpState(ctx.state).temporaryPasswords[key] = ctx.clock.now();
  return withDecision(ok({}), r.decision);
};

export const adminUserGlobalSignOut: Operation = async (input, ctx, call) => {
  const r = adminUser(input, ctx, call, 'AdminUserGlobalSignOut');
  if (isError(r)) return r;
  revokeUserSignIns(ctx, r.pool.id, r.user.username, undefined);
  return withDecision(ok({}), r.decision);
};

export type { OpResult };

export const adminGetUser: Operation = async (input, ctx, call) => {
  const r = adminUser(input, ctx, call, 'AdminGetUser');
  if (isError(r)) return r;
  const v = userView(r.user, ctx.clock.now());
  const body: Record<string, unknown> = {
    Username: v['Username'],
    UserAttributes: v['Attributes'],
    UserCreateDate: v['UserCreateDate'],
    UserLastModifiedDate: v['UserLastModifiedDate'],
    Enabled: v['Enabled'],
    UserStatus: v['UserStatus'],
  };
  if (r.user.softwareTokenSecret) {
    body['PreferredMfaSetting'] = 'SOFTWARE_TOKEN_MFA';
    body['UserMFASettingList'] = ['SOFTWARE_TOKEN_MFA'];
  }
  return withDecision(ok(body), r.decision);
};
