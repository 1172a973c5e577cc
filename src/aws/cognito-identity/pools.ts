/**
 * The signed operations on identity pools: CreateIdentityPool, DescribeIdentityPool,
 * SetIdentityPoolRoles and GetIdentityPoolRoles. Each is authorized by the engine
 * (`cognito-identity:<Operation>` on `arn:aws:cognito-identity:REGION:ACCT:identitypool/POOL_ID`);
 * SetIdentityPoolRoles also needs `iam:PassRole` on each role it sets. Pools live in the world.
 */
import { ROLE_ARN_RE, COGNITO_PROVIDER_RE } from '../../world/schema';
import type { IdentityPool, RoleMapping } from '../../world/types';
import { uuid } from '../random';
import type { Op } from './common';
import { authorizeOp, fail, findPool, identityState, ok, poolArn, poolNotFound, replacePool } from './common';
import type { Input } from './input';
import { PATTERNS } from './input';

const ARN = { min: 20, max: 2048 };

function poolIdArg(input: Input): string | undefined {
  return input.string('IdentityPoolId', { required: true, min: 1, max: 55, pattern: PATTERNS.identityPoolId });
}

/** The `IdentityPool` shape of CreateIdentityPool and DescribeIdentityPool. */
export function poolShape(pool: IdentityPool, tags: Record<string, string> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    IdentityPoolId: pool.identityPoolId,
    IdentityPoolName: pool.identityPoolName,
    AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
    AllowClassicFlow: pool.allowClassicFlow ?? false,
  };
  if (pool.supportedLoginProviders) out.SupportedLoginProviders = pool.supportedLoginProviders;
  if (pool.developerProviderName) out.DeveloperProviderName = pool.developerProviderName;
  if (pool.openIdConnectProviderARNs) out.OpenIdConnectProviderARNs = pool.openIdConnectProviderARNs;
  if (pool.cognitoIdentityProviders)
    out.CognitoIdentityProviders = pool.cognitoIdentityProviders.map((p) => ({
      ProviderName: p.providerName,
      ClientId: p.clientId,
      ServerSideTokenCheck: p.serverSideTokenCheck ?? false,
    }));
  if (pool.samlProviderARNs) out.SamlProviderARNs = pool.samlProviderARNs;
  out.IdentityPoolTags = tags ?? {};
  return out;
}

function arnList(input: Input, name: string): string[] | undefined {
  const path = name.charAt(0).toLowerCase() + name.slice(1);
  const list = input.listAt(path, input.body[name]);
  if (!list) return undefined;
  const out: string[] = [];
  list.forEach((v, i) => {
    const s = input.checkString(`${path}.${i + 1}.member`, v, { required: true, ...ARN });
    if (s !== undefined) out.push(s);
  });
  return out;
}

export const createIdentityPool: Op = async (call, ctx, input) => {
  const op = 'CreateIdentityPool';
  const name = input.string('IdentityPoolName', {
    required: true,
    min: 1,
    max: 128,
    pattern: PATTERNS.identityPoolName,
  });
  const allowUnauth = input.boolean('AllowUnauthenticatedIdentities', true);
  const allowClassic = input.boolean('AllowClassicFlow');
  const supported = input.stringMap('SupportedLoginProviders', {
    max: 10,
    key: { min: 1, max: 128 },
    value: { min: 1, max: 128, pattern: PATTERNS.identityProviderId },
  });
  const developer = input.string('DeveloperProviderName', {
    min: 1,
    max: 128,
    pattern: PATTERNS.developerProviderName,
  });
  const oidc = arnList(input, 'OpenIdConnectProviderARNs');
  const saml = arnList(input, 'SamlProviderARNs');
  const tags = input.stringMap('IdentityPoolTags', { key: { min: 1, max: 128 }, value: { min: 0, max: 256 } });
  const providersRaw = input.listAt('cognitoIdentityProviders', input.body.CognitoIdentityProviders);
  const providers: NonNullable<IdentityPool['cognitoIdentityProviders']> = [];
  providersRaw?.forEach((raw, i) => {
    const path = `cognitoIdentityProviders.${i + 1}.member`;
    const o = input.objectAt(path, raw, true);
    if (!o) return;
    const providerName = input.checkString(`${path}.providerName`, o.ProviderName, {
      min: 1,
      max: 128,
      pattern: PATTERNS.cognitoProviderName,
    });
    const clientId = input.checkString(`${path}.clientId`, o.ClientId, {
      min: 1,
      max: 128,
      pattern: PATTERNS.cognitoClientId,
    });
    const check = o.ServerSideTokenCheck;
    if (check !== undefined && check !== null && typeof check !== 'boolean') {
      input.typeError ??= `Unexpected value at '${path}.serverSideTokenCheck': expected a boolean`;
      return;
    }
    if (providerName === undefined || clientId === undefined) return;
    const p: (typeof providers)[number] = { providerName, clientId };
    if (typeof check === 'boolean') p.serverSideTokenCheck = check;
    providers.push(p);
  });
  const problem = input.problem();
  if (problem) return fail(ctx, op, problem.type, problem.message);
  for (const p of providers)
    if (!COGNITO_PROVIDER_RE.test(p.providerName))
      return fail(ctx, op, 'InvalidParameterException', `Invalid Cognito Identity Provider: ${p.providerName}`);

  const caller = call.caller!;
  const region = call.region || ctx.region;
  let id = `${region}:${uuid(ctx.random)}`;
  while (findPool(ctx, id)) id = `${region}:${uuid(ctx.random)}`;
  const pool: IdentityPool = {
    account: caller.account,
    identityPoolId: id,
    identityPoolName: name!,
    allowUnauthenticatedIdentities: allowUnauth!,
    allowClassicFlow: allowClassic ?? false,
    roles: {},
  };
  if (providers.length > 0 || providersRaw) pool.cognitoIdentityProviders = providers;
  if (supported) pool.supportedLoginProviders = supported;
  if (oidc) pool.openIdConnectProviderARNs = oidc;
  if (saml) pool.samlProviderARNs = saml;
  if (developer) pool.developerProviderName = developer;

  const auth = authorizeOp(call, ctx, op, 'cognito-identity:CreateIdentityPool', poolArn(pool));
  if (!auth.ok) return auth.reply;
  const w = ctx.state.world;
  ctx.state.world = { ...w, identityPools: [...(w.identityPools ?? []), pool] };
  if (tags && Object.keys(tags).length > 0) identityState(ctx).poolTags[id] = tags;
  return ok(ctx, op, poolShape(pool, tags), auth.decision);
};

export const describeIdentityPool: Op = async (call, ctx, input) => {
  const op = 'DescribeIdentityPool';
  const id = poolIdArg(input);
  const problem = input.problem();
  if (problem) return fail(ctx, op, problem.type, problem.message);
  const pool = findPool(ctx, id!);
  if (!pool) return poolNotFound(ctx, op, id!);
  const auth = authorizeOp(call, ctx, op, 'cognito-identity:DescribeIdentityPool', poolArn(pool));
  if (!auth.ok) return auth.reply;
  return ok(ctx, op, poolShape(pool, identityState(ctx).poolTags[pool.identityPoolId]), auth.decision);
};

/** `RoleMappings` as the API writes them. */
export function mappingsShape(mappings: IdentityPool['roleMappings']): Record<string, unknown> | undefined {
  if (!mappings) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, m] of Object.entries(mappings)) {
    const shape: Record<string, unknown> = { Type: m.type, AmbiguousRoleResolution: m.ambiguousRoleResolution };
    if (m.rulesConfiguration)
      shape.RulesConfiguration = {
        Rules: m.rulesConfiguration.rules.map((r) => ({
          Claim: r.claim,
          MatchType: r.matchType,
          Value: r.value,
          RoleARN: r.roleARN,
        })),
      };
    out[key] = shape;
  }
  return out;
}

export const getIdentityPoolRoles: Op = async (call, ctx, input) => {
  const op = 'GetIdentityPoolRoles';
  const id = poolIdArg(input);
  const problem = input.problem();
  if (problem) return fail(ctx, op, problem.type, problem.message);
  const pool = findPool(ctx, id!);
  if (!pool) return poolNotFound(ctx, op, id!);
  const auth = authorizeOp(call, ctx, op, 'cognito-identity:GetIdentityPoolRoles', poolArn(pool));
  if (!auth.ok) return auth.reply;
  const roles: Record<string, string> = {};
  if (pool.roles.authenticated) roles.authenticated = pool.roles.authenticated;
  if (pool.roles.unauthenticated) roles.unauthenticated = pool.roles.unauthenticated;
  const body: Record<string, unknown> = { IdentityPoolId: pool.identityPoolId, Roles: roles };
  const mappings = mappingsShape(pool.roleMappings);
  if (mappings && Object.keys(mappings).length > 0) body.RoleMappings = mappings;
  return ok(ctx, op, body, auth.decision);
};

type Parsed = { ok: true; value: RoleMapping } | { ok: false; type: string; message: string };

/** One `RoleMapping` (shape checked into `input`; semantic problems returned as InvalidParameterException). */
function parseMapping(input: Input, key: string, raw: unknown): Parsed | undefined {
  const path = `roleMappings.${key}.member`;
  const o = input.objectAt(path, raw, true);
  if (!o) return undefined;
  const type = input.checkString(`${path}.type`, o.Type, { required: true, enum: ['Token', 'Rules'] });
  const ambiguous = input.checkString(`${path}.ambiguousRoleResolution`, o.AmbiguousRoleResolution, {
    enum: ['AuthenticatedRole', 'Deny'],
  });
  const rcRaw = input.objectAt(`${path}.rulesConfiguration`, o.RulesConfiguration);
  let rules: NonNullable<RoleMapping['rulesConfiguration']>['rules'] | undefined;
  if (rcRaw) {
    const list = input.listAt(`${path}.rulesConfiguration.rules`, rcRaw.Rules, true);
    if (list) {
      if (list.length < 1 || list.length > 400)
        input.errors.push(
          `Value '[…]' at '${path}.rulesConfiguration.rules' failed to satisfy constraint: Member must have length ${list.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 400'}`,
        );
      rules = [];
      list.forEach((r, i) => {
        const rp = `${path}.rulesConfiguration.rules.${i + 1}.member`;
        const ro = input.objectAt(rp, r, true);
        if (!ro) return;
        const claim = input.checkString(`${rp}.claim`, ro.Claim, {
          required: true,
          min: 1,
          max: 64,
          pattern: PATTERNS.claimName,
        });
        const matchType = input.checkString(`${rp}.matchType`, ro.MatchType, {
          required: true,
          enum: ['Equals', 'Contains', 'StartsWith', 'NotEqual'],
        });
        const value = input.checkString(`${rp}.value`, ro.Value, { required: true, min: 1, max: 128 });
        const roleARN = input.checkString(`${rp}.roleARN`, ro.RoleARN, { required: true, ...ARN });
        if (claim === undefined || matchType === undefined || value === undefined || roleARN === undefined) return;
        rules!.push({ claim, matchType: matchType as 'Equals', value, roleARN });
      });
    }
  }
  if (type === undefined) return undefined;
  // [UNCERTAIN] wording of the semantic errors below: AWS answers InvalidParameterException; its texts were not found.
  if (ambiguous === undefined)
    return {
      ok: false,
      type: 'InvalidParameterException',
      message: `AmbiguousRoleResolution must be specified for the ${type} role mapping of ${key}.`,
    };
  if (type === 'Rules' && !rules)
    return {
      ok: false,
      type: 'InvalidParameterException',
      message: `RulesConfiguration must be specified for the Rules role mapping of ${key}.`,
    };
  if (rules && rules.length > 25)
    return {
      ok: false,
      type: 'InvalidParameterException',
      message: `Up to 25 rules can be specified per identity provider: ${key} has ${rules.length}.`,
    };
  for (const r of rules ?? [])
    if (!ROLE_ARN_RE.test(r.roleARN))
      return { ok: false, type: 'InvalidParameterException', message: `Invalid RoleARN: ${r.roleARN}` };
  const value: RoleMapping = {
    type,
    ambiguousRoleResolution: ambiguous as RoleMapping['ambiguousRoleResolution'],
  } as RoleMapping;
  if (type === 'Rules' && rules) value.rulesConfiguration = { rules };
  return { ok: true, value };
}

export const setIdentityPoolRoles: Op = async (call, ctx, input) => {
  const op = 'SetIdentityPoolRoles';
  const id = poolIdArg(input);
  const roles = input.stringMap('Roles', {
    required: true,
    max: 2,
    key: { min: 1, max: 128, pattern: PATTERNS.roleType },
    value: ARN,
  });
  const mappingsRaw = input.objectAt('roleMappings', input.body.RoleMappings);
  const parsedMappings: [string, RoleMapping][] = [];
  let semantic: { type: string; message: string } | undefined;
  if (mappingsRaw) {
    const entries = Object.entries(mappingsRaw);
    if (entries.length > 10)
      input.errors.push(
        `Value '{…}' at 'roleMappings' failed to satisfy constraint: Member must have length less than or equal to 10`,
      );
    for (const [key, raw] of entries) {
      input.checkString('roleMappings', key, { min: 1, max: 128 });
      const parsed = parseMapping(input, key, raw);
      if (!parsed) continue;
      if (parsed.ok) parsedMappings.push([key, parsed.value]);
      else semantic ??= parsed;
    }
  }
  // Own properties whatever the key (a `__proto__` key stays a key, and is refused below).
  const mappings: Record<string, RoleMapping> = Object.fromEntries(parsedMappings);
  const problem = input.problem() ?? semantic;
  if (problem) return fail(ctx, op, problem.type, problem.message);
  const pool = findPool(ctx, id!);
  if (!pool) return poolNotFound(ctx, op, id!);
  for (const arn of Object.values(roles!))
    if (!ROLE_ARN_RE.test(arn)) return fail(ctx, op, 'InvalidParameterException', `Invalid RoleARN: ${arn}`);
  const providers = new Set((pool.cognitoIdentityProviders ?? []).map((p) => `${p.providerName}:${p.clientId}`));
  for (const key of Object.keys(mappings)) {
    const known =
      providers.has(key) ||
      (pool.supportedLoginProviders !== undefined &&
        Object.prototype.hasOwnProperty.call(pool.supportedLoginProviders, key)) ||
      (pool.openIdConnectProviderARNs ?? []).some((arn) => arn.endsWith(`:oidc-provider/${key}`)) ||
      (pool.samlProviderARNs ?? []).includes(key);
    if (!known)
      // [UNCERTAIN] wording.
      return fail(
        ctx,
        op,
        'InvalidParameterException',
        `The role mapping key ${key} is not a provider of this identity pool.`,
      );
  }
  if (Object.keys(mappings).length > 0 && pool.allowClassicFlow)
    return fail(
      ctx,
      op,
      'InvalidParameterException',
      'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.',
    );
  const auth = authorizeOp(call, ctx, op, 'cognito-identity:SetIdentityPoolRoles', poolArn(pool));
  if (!auth.ok) return auth.reply;
  for (const arn of new Set(Object.values(roles!))) {
    const pass = authorizeOp(call, ctx, op, 'iam:PassRole', arn);
    if (!pass.ok) return pass.reply;
  }
  const next: IdentityPool = { ...pool, roles: {} };
  if (roles!.authenticated) next.roles.authenticated = roles!.authenticated;
  if (roles!.unauthenticated) next.roles.unauthenticated = roles!.unauthenticated;
  if (Object.keys(mappings).length > 0) next.roleMappings = mappings;
  else delete next.roleMappings;
  replacePool(ctx, next);
  return ok(ctx, op, {}, auth.decision);
};
