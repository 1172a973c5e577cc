/**
 * The unsigned operations of identities: GetId (a new or the existing identity for a login, or a
 * guest), GetCredentialsForIdentity (the enhanced flow: the role chosen by `resolveRole`, accepted
 * by the role's trust policy as the engine evaluates it for `cognito-identity.amazonaws.com`, then
 * temporary credentials from `issueSession`), and GetOpenIdToken (the basic flow's token, signed
 * as `COGNITO_IDENTITY_ISSUER` for STS AssumeRoleWithWebIdentity to verify).
 */
import { derivedUniqueId } from '../../engine/context';
import type { ContextValue } from '../../engine/model';
import type { IdentityPool, Tags } from '../../world/types';
import type { AwsContext } from '../context';
import type { Reply } from '../service';
import type { CallDecision } from '../authz';
import { authorizeCall } from '../authz';
import { issueSession } from '../sessions';
import { COGNITO_IDENTITY_ISSUER, signJwt } from '../signing-keys';
import { uuid } from '../random';
import type { Op } from './common';
import { fail, findPool, identityState, ok, poolArn, poolNotFound } from './common';
import type { Input } from './input';
import { PATTERNS } from './input';
import type { CheckedLogin } from './logins';
import { amrOf, checkLogins } from './logins';
import type { RoleResolution } from './roles';
import { resolveRole } from './roles';
import type { IdentityRecord } from './state';
import { loginKey } from './state';
import { DEFAULT_PRINCIPAL_TAGS, ENHANCED_SESSION_NAME, GUEST_SESSION_POLICY } from './uncertain';

export const COGNITO_IDENTITY_PRINCIPAL = 'cognito-identity.amazonaws.com';
const OPENID_TOKEN_SECONDS = 600;
const CREDENTIALS_SECONDS = 3600;
const INVALID_CONFIGURATION = 'Invalid identity pool configuration. Check assigned IAM roles for this pool.';
const GUESTS_REFUSED = 'Unauthenticated access is not supported for this identity pool.';
const LOGINS_DONT_MATCH =
  "Logins don't match. Please include at least one valid login for this identity or identity pool.";

function loginsArg(input: Input): Record<string, string> | undefined {
  return input.stringMap('Logins', { max: 10, key: { min: 1, max: 128 }, value: { min: 1, max: 50000 } });
}

function identityIdArg(input: Input): string | undefined {
  return input.string('IdentityId', { required: true, min: 1, max: 55, pattern: PATTERNS.identityId });
}

function newIdentity(ctx: AwsContext, pool: IdentityPool): IdentityRecord {
  const state = identityState(ctx);
  const region = pool.identityPoolId.slice(0, pool.identityPoolId.indexOf(':'));
  let id = `${region}:${uuid(ctx.random)}`;
  while (state.identities[id]) id = `${region}:${uuid(ctx.random)}`;
  const now = ctx.clock.now();
  const record: IdentityRecord = {
    identityId: id,
    identityPoolId: pool.identityPoolId,
    logins: {},
    creationDate: now,
    lastModifiedDate: now,
  };
  state.identities[id] = record;
  return record;
}

/** Links the logins to the identity; a login of a provider it already has, for another user, is a conflict. */
function link(ctx: AwsContext, identity: IdentityRecord, logins: CheckedLogin[]): string | undefined {
  const state = identityState(ctx);
  for (const l of logins) {
    const have = identity.logins[l.provider];
    if (have !== undefined && have !== l.subject)
      return `The identity ${identity.identityId} is already linked to another login of ${l.provider}.`;
    const owner = state.byLogin[loginKey(identity.identityPoolId, l.provider, l.subject)];
    if (owner !== undefined && owner !== identity.identityId)
      return `The login of ${l.provider} is already linked to the identity ${owner}.`;
  }
  let changed = false;
  const next = { ...identity.logins };
  for (const l of logins) {
    if (next[l.provider] === l.subject) continue;
    next[l.provider] = l.subject;
    state.byLogin[loginKey(identity.identityPoolId, l.provider, l.subject)] = identity.identityId;
    changed = true;
  }
  if (changed) state.identities[identity.identityId] = { ...identity, logins: next, lastModifiedDate: ctx.clock.now() };
  return undefined;
}

export const getId: Op = async (_call, ctx, input) => {
  const op = 'GetId';
  const poolId = input.string('IdentityPoolId', { required: true, min: 1, max: 55, pattern: PATTERNS.identityPoolId });
  const account = input.string('AccountId', { min: 1, max: 15, pattern: PATTERNS.accountId });
  const logins = loginsArg(input);
  const problem = input.problem();
  if (problem) return fail(ctx, op, problem.type, problem.message);
  const pool = findPool(ctx, poolId!);
  if (!pool || (account !== undefined && account !== pool.account)) return poolNotFound(ctx, op, poolId!);
  if (!logins || Object.keys(logins).length === 0) {
    if (!pool.allowUnauthenticatedIdentities) return fail(ctx, op, 'NotAuthorizedException', GUESTS_REFUSED);
    return ok(ctx, op, { IdentityId: newIdentity(ctx, pool).identityId });
  }
  const checked = await checkLogins(ctx, pool, logins);
  if (!checked.ok) return fail(ctx, op, checked.type, checked.message);
  const state = identityState(ctx);
  const owners = [
    ...new Set(
      checked.logins
        .map((l) => state.byLogin[loginKey(pool.identityPoolId, l.provider, l.subject)])
        .filter((x): x is string => x !== undefined && state.identities[x] !== undefined),
    ),
  ];
  if (owners.length > 1)
    return fail(ctx, op, 'ResourceConflictException', 'The logins are linked to different identities.');
  const identity = owners.length === 1 ? state.identities[owners[0]!]! : newIdentity(ctx, pool);
  const conflict = link(ctx, identity, checked.logins);
  if (conflict) return fail(ctx, op, 'ResourceConflictException', conflict);
  return ok(ctx, op, { IdentityId: identity.identityId });
};

type Established =
  { ok: true; pool: IdentityPool; identity: IdentityRecord; logins: CheckedLogin[] } | { ok: false; reply: Reply };

/** The identity of a call, its pool, and the logins that prove it (checked and linked). */
async function establish(
  ctx: AwsContext,
  op: string,
  identityId: string,
  logins: Record<string, string> | undefined,
): Promise<Established> {
  const state = identityState(ctx);
  const found = state.identities[identityId];
  if (!found)
    return { ok: false, reply: fail(ctx, op, 'ResourceNotFoundException', `Identity '${identityId}' not found.`) };
  const pool = findPool(ctx, found.identityPoolId);
  if (!pool) return { ok: false, reply: poolNotFound(ctx, op, found.identityPoolId) };
  const authenticated = Object.keys(found.logins).length > 0;
  if (!logins || Object.keys(logins).length === 0) {
    if (authenticated)
      return {
        ok: false,
        reply: fail(ctx, op, 'NotAuthorizedException', `Access to Identity '${identityId}' is forbidden.`),
      };
    if (!pool.allowUnauthenticatedIdentities)
      return { ok: false, reply: fail(ctx, op, 'NotAuthorizedException', GUESTS_REFUSED) };
    return { ok: true, pool, identity: found, logins: [] };
  }
  const checked = await checkLogins(ctx, pool, logins);
  if (!checked.ok) return { ok: false, reply: fail(ctx, op, checked.type, checked.message) };
  if (authenticated && !checked.logins.some((l) => found.logins[l.provider] === l.subject))
    return { ok: false, reply: fail(ctx, op, 'NotAuthorizedException', LOGINS_DONT_MATCH) };
  const conflict = link(ctx, found, checked.logins);
  if (conflict) return { ok: false, reply: fail(ctx, op, 'ResourceConflictException', conflict) };
  return { ok: true, pool, identity: state.identities[identityId]!, logins: checked.logins };
}

/** The web identity keys of a session: `:aud`, `:amr`, `:sub`. */
function webIdentityKeys(
  pool: IdentityPool,
  identity: IdentityRecord,
  logins: CheckedLogin[],
): Record<string, ContextValue> {
  return {
    'cognito-identity.amazonaws.com:aud': pool.identityPoolId,
    'cognito-identity.amazonaws.com:amr': amrOf(logins),
    'cognito-identity.amazonaws.com:sub': identity.identityId,
  };
}

/** Principal tags (§4.8): the pool's attribute map for the login's provider, values from the token's claims. */
export function principalTags(pool: IdentityPool, login: CheckedLogin | undefined): Tags | undefined {
  if (!login) return undefined;
  const map = pool.principalTagMappings?.[login.provider];
  if (!map) return undefined;
  const wanted: Record<string, string> = { ...(map.useDefaults ? DEFAULT_PRINCIPAL_TAGS : {}), ...map.principalTags };
  const tags: Tags = {};
  for (const [key, claim] of Object.entries(wanted)) {
    const v = login.claims[claim];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') tags[key] = String(v);
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** What the enhanced flow decided, for the flows to show. */
export interface CredentialsNote {
  resolution: RoleResolution;
  trust?: CallDecision;
}

export const getCredentialsForIdentity: Op = async (call, ctx, input) => {
  const op = 'GetCredentialsForIdentity';
  const identityId = identityIdArg(input);
  const logins = loginsArg(input);
  const customRoleArn = input.string('CustomRoleArn', { min: 20, max: 2048 });
  const problem = input.problem();
  if (problem) return fail(ctx, op, problem.type, problem.message);
  const est = await establish(ctx, op, identityId!, logins);
  if (!est.ok) return est.reply;
  const { pool, identity, logins: checked } = est;
  const login = checked[0];
  const resolution = resolveRole({
    pool,
    login: login ? { providerKey: login.providerKey, claims: login.claims } : undefined,
    customRoleArn,
  });
  const notes = [{ kind: 'info' as const, message: roleNote(resolution), data: resolutionData(resolution) }];
  if (!resolution.ok) {
    const r =
      resolution.error === 'denied'
        ? fail(
            ctx,
            op,
            'NotAuthorizedException',
            `The ambiguous role mapping rules for: ${resolution.providerKey ?? login?.provider ?? ''} denied this request.`,
          )
        : fail(ctx, op, 'InvalidIdentityPoolConfigurationException', INVALID_CONFIGURATION);
    return { ...r, notes };
  }
  const roleArn = resolution.roleArn;
  const role = ctx.state.world.roles?.find(
    (r) => `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}` === roleArn,
  );
  if (!role) return { ...fail(ctx, op, 'InvalidIdentityPoolConfigurationException', INVALID_CONFIGURATION), notes };
  const keys = webIdentityKeys(pool, identity, checked);
  const tags = principalTags(pool, login);
  const trust = authorizeCall(ctx, call, 'sts:AssumeRoleWithWebIdentity', roleArn, {
    principal: COGNITO_IDENTITY_PRINCIPAL,
    context: keys,
  });
  if (!trust.allowed)
    return { ...fail(ctx, op, 'InvalidIdentityPoolConfigurationException', INVALID_CONFIGURATION, trust), notes };
  if (tags) {
    const tagContext: Record<string, ContextValue> = { ...keys, 'aws:TagKeys': Object.keys(tags) };
    for (const [k, v] of Object.entries(tags)) tagContext[`aws:RequestTag/${k}`] = v;
    const tagging = authorizeCall(ctx, call, 'sts:TagSession', roleArn, {
      principal: COGNITO_IDENTITY_PRINCIPAL,
      context: tagContext,
    });
    if (!tagging.allowed)
      return { ...fail(ctx, op, 'InvalidIdentityPoolConfigurationException', INVALID_CONFIGURATION, tagging), notes };
  }
  const guest = checked.length === 0;
  const roleId = role.id ?? derivedUniqueId('AROA', roleArn);
  const session = issueSession(ctx, {
    kind: 'assumed-role',
    arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${ENHANCED_SESSION_NAME}`,
    account: role.account,
    userId: `${roleId}:${ENHANCED_SESSION_NAME}`,
    roleArn,
    facts: {
      ...(guest ? { policies: [GUEST_SESSION_POLICY] } : {}),
      ...(tags ? { tags } : {}),
    },
    context: { ...keys, 'aws:FederatedProvider': COGNITO_IDENTITY_PRINCIPAL },
    durationSeconds: CREDENTIALS_SECONDS,
  });
  return {
    ...ok(
      ctx,
      op,
      {
        IdentityId: identity.identityId,
        Credentials: {
          AccessKeyId: session.accessKeyId,
          SecretKey: session.secretAccessKey,
          SessionToken: session.sessionToken,
          Expiration: Math.floor(session.expiration / 1000),
        },
      },
      trust,
    ),
    notes,
  };
};

function roleNote(r: RoleResolution): string {
  if (!r.ok) return `no role: ${r.reason}`;
  const c = r.choice;
  switch (c.kind) {
    case 'unauthenticated':
      return `the unauthenticated role ${r.roleArn}`;
    case 'default':
      return `the authenticated role ${r.roleArn} (no role mapping for the provider)`;
    case 'custom-role':
      return `the CustomRoleArn ${r.roleArn}, found in the token's cognito:roles`;
    case 'preferred-role':
      return `${r.roleArn} from the token's cognito:preferred_role`;
    case 'only-role':
      return `${r.roleArn}, the only role in the token's cognito:roles`;
    case 'rule':
      return `${r.roleArn} from rule ${c.index + 1}: ${c.rule.claim} ${c.rule.matchType} ${c.rule.value}`;
    case 'ambiguous':
      return `the authenticated role ${r.roleArn}: ${c.reason} (AmbiguousRoleResolution AuthenticatedRole)`;
  }
}

function resolutionData(r: RoleResolution): Record<string, string> {
  const d: Record<string, string> = {};
  if (r.providerKey) d.providerKey = r.providerKey;
  if (!r.ok) {
    d.error = r.error;
    d.reason = r.reason;
    return d;
  }
  d.roleArn = r.roleArn;
  d.chosenBy = r.choice.kind;
  if (r.choice.kind === 'rule') {
    d.rule = String(r.choice.index + 1);
    d.claim = r.choice.rule.claim;
    d.claimValue = r.choice.claimValue;
  } else if ('claim' in r.choice) d.claim = r.choice.claim;
  return d;
}

export const getOpenIdToken: Op = async (_call, ctx, input) => {
  const op = 'GetOpenIdToken';
  const identityId = identityIdArg(input);
  const logins = loginsArg(input);
  const problem = input.problem();
  if (problem) return fail(ctx, op, problem.type, problem.message);
  const state = identityState(ctx);
  const found = state.identities[identityId!];
  const foundPool = found ? findPool(ctx, found.identityPoolId) : undefined;
  if (foundPool && foundPool.allowClassicFlow !== true)
    return fail(ctx, op, 'InvalidParameterException', 'Basic (classic) flow is not enabled, please use enhanced flow.');
  const est = await establish(ctx, op, identityId!, logins);
  if (!est.ok) return est.reply;
  const { pool, identity, logins: checked } = est;
  const iat = Math.floor(ctx.clock.now() / 1000);
  const claims: Record<string, unknown> = {
    sub: identity.identityId,
    aud: pool.identityPoolId,
    amr: amrOf(checked),
    iss: `https://${COGNITO_IDENTITY_PRINCIPAL}`,
    'https://cognito-identity.amazonaws.com/identity-pool-arn': poolArn(pool),
    exp: iat + OPENID_TOKEN_SECONDS,
    iat,
  };
  const tags = principalTags(pool, checked[0]);
  if (tags) {
    const principal_tags: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(tags)) principal_tags[k] = [v];
    claims['https://aws.amazon.com/tags'] = { principal_tags };
  }
  const token = await signJwt(ctx, COGNITO_IDENTITY_ISSUER, claims);
  return ok(ctx, op, { IdentityId: identity.identityId, Token: token });
};
