/**
 * IAM: the Query protocol (`Version=2010-05-08`), XML answers; users, groups, roles, policies,
 * access keys, instance profiles, GetAccountAuthorizationDetails. Every call is signed and
 * authorized by the engine with the action and resource ARN AWS uses (Service Authorization
 * Reference, IAM); every change makes a new world (`src/world/edit.ts`), never an edit in place.
 */
import type { ContextValue } from '../../engine/model';
import type { ServiceModule } from '../service';
import { queryAuthError } from '../auth/errors';
import { el, members } from '../protocol/xml';
import type { XmlNode } from '../protocol/xml';
import type { Principal } from '../context';
import { isoSeconds } from '../clock';
import { newAccessKeyId, newSecretKey } from '../sessions';
import { randomString } from '../random';
import {
  addUserToGroup,
  attachPolicy,
  customerPolicyArn,
  groupArn,
  isAwsManaged,
  roleArn,
  setInlinePolicy,
  setTrustPolicy,
  userArn,
} from '../../world/edit';
import type { Target } from '../../world/edit';
import type { AccessKey, Group, ManagedPolicy, PolicyVersion, Role, Tags, User, World } from '../../world/types';
import { dispatch, authorize, signedCaller } from './dispatch';
import type { OpContext, Operation } from './dispatch';
import { Fault, PATTERNS } from './input';
import { acceptDocument, sizeOf } from './documents';
import {
  groupDetailXml,
  groupXml,
  instanceProfileXml,
  derivedId,
  iamDate,
  policyDetailXml,
  policyXml,
  roleDetailXml,
  roleXml,
  userDetailXml,
  userXml,
  versionXml,
} from './shapes';
import type { IamState, InstanceProfileRecord } from './state';
import { emptyIamState } from './state';

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** IAM's default quotas (IAM User Guide, "IAM and AWS STS quotas"). */
const QUOTA = { managedPerEntity: 10, groupsPerUser: 10, accessKeys: 2, versions: 5 } as const;
const INLINE_LIMIT = { user: 2048, group: 5120, role: 10240 } as const;
const MANAGED_LIMIT = 6144;
const TRUST_LIMIT = 2048;

const NAME = { min: 1, pattern: PATTERNS.name };
const PATH = { min: 1, max: 512, pattern: PATTERNS.path };
const DOCUMENT = { required: true, min: 1, max: 131072, pattern: PATTERNS.document, quiet: true };
const ARN = { required: true, min: 20, max: 2048 };

function newId(x: OpContext, prefix: string): string {
  return prefix + randomString(x.ctx.random, ID_ALPHABET, 17);
}

function now(x: OpContext): string {
  return isoSeconds(x.ctx.clock.now());
}

function world(x: OpContext): World {
  return x.ctx.state.world;
}

function setWorld(x: OpContext, w: World): void {
  x.ctx.state.world = w;
}

function iamState(x: OpContext): IamState {
  x.ctx.state.iam ??= emptyIamState();
  return x.ctx.state.iam;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function findUser(x: OpContext, account: string, name: string): User {
  const u = world(x).users?.find((v) => v.account === account && v.name === name);
  if (!u) throw new Fault('NoSuchEntity', `The user with name ${name} cannot be found.`, 404);
  return u;
}

function findGroup(x: OpContext, account: string, name: string): Group {
  const g = world(x).groups?.find((v) => v.account === account && v.name === name);
  if (!g) throw new Fault('NoSuchEntity', `The group with name ${name} cannot be found.`, 404);
  return g;
}

function findRole(x: OpContext, account: string, name: string): Role {
  const r = world(x).roles?.find((v) => v.account === account && v.name === name);
  if (!r) throw new Fault('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
  return r;
}

/** A managed policy the world declares, or an AWS managed one the library knows. */
function lookupPolicy(x: OpContext, arn: string): ManagedPolicy | undefined {
  return (
    world(x).managedPolicies?.find((p) => p.arn === arn) ?? (isAwsManaged(arn) ? x.ctx.managedPolicy?.(arn) : undefined)
  );
}

function attachablePolicy(x: OpContext, arn: string): ManagedPolicy {
  const p = lookupPolicy(x, arn);
  if (!p) throw new Fault('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
  return p;
}

/** `aws:RequestTag/…` and `aws:TagKeys` of a request that tags what it creates. */
function tagContext(tags: [string, string][]): Record<string, ContextValue> {
  if (tags.length === 0) return {};
  const c: Record<string, ContextValue> = { 'aws:TagKeys': tags.map(([k]) => k) };
  for (const [k, v] of tags) c[`aws:RequestTag/${k}`] = v;
  return c;
}

function tagsOf(pairs: [string, string][]): Tags | undefined {
  if (pairs.length === 0) return undefined;
  const t: Tags = {};
  for (const [k, v] of pairs)
    Object.defineProperty(t, k, { value: v, enumerable: true, writable: true, configurable: true });
  return t;
}

function noDuplicateTags(pairs: [string, string][]): void {
  const seen = new Set<string>();
  for (const [k] of pairs) {
    if (seen.has(k.toLowerCase()))
      throw new Fault('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(k.toLowerCase());
  }
}

/** The user an access-key call is about: `UserName`, else the signing user (root: `undefined`). */
function keyOwner(x: OpContext, caller: Principal, name: string | undefined): User | undefined {
  if (name !== undefined) return findUser(x, caller.account, name);
  if (caller.kind === 'root') return undefined;
  if (caller.kind === 'user') {
    const u = world(x).users?.find((v) => userArn(v) === caller.arn);
    if (u) return u;
  }
  throw new Fault('ValidationError', 'Must specify userName when calling with non-User credentials');
}

function replaceUser(w: World, before: User, after: User): World {
  return { ...w, users: (w.users ?? []).map((u) => (u === before ? after : u)) };
}

function replaceRole(w: World, before: Role, after: Role): World {
  return { ...w, roles: (w.roles ?? []).map((r) => (r === before ? after : r)) };
}

function checkBoundary(x: OpContext, arn: string | undefined): void {
  if (arn !== undefined && !lookupPolicy(x, arn))
    throw new Fault('NoSuchEntity', `Scope ARN: ${arn} does not exist or is not attachable.`, 404);
}

// ---- instance profiles ----

/** Instance profiles: the ones the API made, and any a role of the world names. */
function profileOf(x: OpContext, account: string, name: string): InstanceProfileRecord | undefined {
  const rec = iamState(x).instanceProfiles[`${account}/${name}`];
  if (rec) return rec;
  const named = world(x).roles?.some((r) => r.account === account && r.instanceProfiles?.includes(name));
  if (!named) return undefined;
  const arn = `arn:aws:iam::${account}:instance-profile/${name}`;
  return { account, name, path: '/', id: derivedId('AIPA', arn), createDate: UNKNOWN_PROFILE_DATE };
}
const UNKNOWN_PROFILE_DATE = '2020-01-01T00:00:00Z';

const profileArn = (p: { account: string; path: string; name: string }) =>
  `arn:aws:iam::${p.account}:instance-profile${p.path}${p.name}`;

// ---- operations ----

function createUser(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('UserName', { ...NAME, required: true, max: 64 });
  const path = x.input.string('Path', PATH) ?? '/';
  const boundary = x.input.string('PermissionsBoundary', { min: 20, max: 2048 });
  const tags = x.input.tags();
  x.input.done();
  noDuplicateTags(tags);
  const account = caller.account;
  const arn = `arn:aws:iam::${account}:user${path}${name!}`;
  const context = tagContext(tags);
  if (boundary) context['iam:PermissionsBoundary'] = boundary;
  authorize(x, 'iam:CreateUser', arn, { context });
  if (world(x).users?.some((u) => u.account === account && same(u.name, name!)))
    throw new Fault('EntityAlreadyExists', `User with name ${name!} already exists.`, 409);
  checkBoundary(x, boundary);
  const user: User = { account, name: name!, id: newId(x, 'AIDA'), createDate: now(x) };
  if (path !== '/') user.path = path;
  if (boundary) user.permissionsBoundary = boundary;
  const t = tagsOf(tags);
  if (t) user.tags = t;
  setWorld(x, { ...world(x), users: [...(world(x).users ?? []), user] });
  return el('User', userXml(user));
}

function getUser(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('UserName', { ...NAME, max: 128 });
  x.input.done();
  if (name === undefined && caller.kind === 'root') {
    authorize(x, 'iam:GetUser', caller.arn);
    return el('User', [el('UserId', caller.account), el('Arn', caller.arn), el('CreateDate', '2020-01-01T00:00:00Z')]);
  }
  const user = keyOwner(x, caller, name)!;
  authorize(x, 'iam:GetUser', userArn(user));
  return el('User', userXml(user));
}

function listUsers(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const prefix = x.input.string('PathPrefix', PATH) ?? '/';
  x.input.done();
  authorize(x, 'iam:ListUsers', `arn:aws:iam::${caller.account}:user/`);
  const users = (world(x).users ?? []).filter(
    (u) => u.account === caller.account && (u.path ?? '/').startsWith(prefix),
  );
  return [
    members(
      'Users',
      users.map((u) => userXml(u)),
    ),
    el('IsTruncated', false),
  ];
}

function createGroup(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('GroupName', { ...NAME, required: true, max: 128 });
  const path = x.input.string('Path', PATH) ?? '/';
  x.input.done();
  const account = caller.account;
  authorize(x, 'iam:CreateGroup', `arn:aws:iam::${account}:group${path}${name!}`);
  if (world(x).groups?.some((g) => g.account === account && same(g.name, name!)))
    throw new Fault('EntityAlreadyExists', `Group with name ${name!} already exists.`, 409);
  const group: Group = { account, name: name! };
  if (path !== '/') group.path = path;
  setWorld(x, { ...world(x), groups: [...(world(x).groups ?? []), group] });
  return el('Group', groupXml(group));
}

function addUserToGroupOp(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const groupName = x.input.string('GroupName', { ...NAME, required: true, max: 128 });
  const userName = x.input.string('UserName', { ...NAME, required: true, max: 128 });
  x.input.done();
  const account = caller.account;
  const known = world(x).groups?.find((g) => g.account === account && g.name === groupName);
  authorize(x, 'iam:AddUserToGroup', known ? groupArn(known) : `arn:aws:iam::${account}:group/${groupName!}`);
  const group = findGroup(x, account, groupName!);
  const user = findUser(x, account, userName!);
  if (!user.groups?.includes(group.name) && (user.groups?.length ?? 0) >= QUOTA.groupsPerUser)
    throw new Fault('LimitExceeded', `Cannot exceed quota for GroupsPerUser: ${QUOTA.groupsPerUser}`, 409);
  setWorld(x, addUserToGroup(world(x), account, user.name, group.name));
  return undefined;
}

function createRole(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('RoleName', { ...NAME, required: true, max: 64 });
  const path = x.input.string('Path', PATH) ?? '/';
  const text = x.input.string('AssumeRolePolicyDocument', DOCUMENT);
  const description = x.input.string('Description', { max: 1000, pattern: PATTERNS.text });
  const maxSession = x.input.int('MaxSessionDuration', { min: 3600, max: 43200 });
  const boundary = x.input.string('PermissionsBoundary', { min: 20, max: 2048 });
  const tags = x.input.tags();
  x.input.done();
  noDuplicateTags(tags);
  const account = caller.account;
  const arn = `arn:aws:iam::${account}:role${path}${name!}`;
  const context = tagContext(tags);
  if (boundary) context['iam:PermissionsBoundary'] = boundary;
  authorize(x, 'iam:CreateRole', arn, { context });
  if (world(x).roles?.some((r) => r.account === account && same(r.name, name!)))
    throw new Fault('EntityAlreadyExists', `Role with name ${name!} already exists.`, 409);
  const trust = acceptDocument(text!, 'trust');
  if (sizeOf(trust) > TRUST_LIMIT)
    throw new Fault('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${TRUST_LIMIT}`, 409);
  checkBoundary(x, boundary);
  const role: Role = { account, name: name!, id: newId(x, 'AROA'), trustPolicy: trust, createDate: now(x) };
  if (path !== '/') role.path = path;
  if (description !== undefined) role.description = description;
  if (maxSession !== undefined) role.maxSessionDuration = maxSession;
  if (boundary) role.permissionsBoundary = boundary;
  const t = tagsOf(tags);
  if (t) role.tags = t;
  setWorld(x, { ...world(x), roles: [...(world(x).roles ?? []), role] });
  return el('Role', roleXml(role));
}

function getRole(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('RoleName', { ...NAME, required: true, max: 64 });
  x.input.done();
  const known = world(x).roles?.find((r) => r.account === caller.account && r.name === name);
  authorize(x, 'iam:GetRole', known ? roleArn(known) : `arn:aws:iam::${caller.account}:role/${name!}`);
  return el('Role', roleXml(findRole(x, caller.account, name!)));
}

function listRoles(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const prefix = x.input.string('PathPrefix', PATH) ?? '/';
  x.input.done();
  authorize(x, 'iam:ListRoles', `arn:aws:iam::${caller.account}:role/`);
  const roles = (world(x).roles ?? []).filter(
    (r) => r.account === caller.account && (r.path ?? '/').startsWith(prefix),
  );
  return [
    members(
      'Roles',
      roles.map((r) => roleXml(r)),
    ),
    el('IsTruncated', false),
  ];
}

function updateAssumeRolePolicy(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('RoleName', { ...NAME, required: true, max: 64 });
  const text = x.input.string('PolicyDocument', DOCUMENT);
  x.input.done();
  const known = world(x).roles?.find((r) => r.account === caller.account && r.name === name);
  authorize(x, 'iam:UpdateAssumeRolePolicy', known ? roleArn(known) : `arn:aws:iam::${caller.account}:role/${name!}`);
  const role = findRole(x, caller.account, name!);
  if (role.serviceLinked)
    throw new Fault(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`,
    );
  const trust = acceptDocument(text!, 'trust');
  if (sizeOf(trust) > TRUST_LIMIT)
    throw new Fault('LimitExceeded', `Cannot exceed quota for ACLSizePerRole: ${TRUST_LIMIT}`, 409);
  setWorld(x, setTrustPolicy(world(x), role.account, role.name, trust));
  return undefined;
}

type Kind = 'user' | 'group' | 'role';
const ENTITY: Record<Kind, { param: string; max: number; noun: string; action: string }> = {
  user: { param: 'UserName', max: 128, noun: 'User', action: 'User' },
  group: { param: 'GroupName', max: 128, noun: 'Group', action: 'Group' },
  role: { param: 'RoleName', max: 64, noun: 'Role', action: 'Role' },
};

function entity(x: OpContext, kind: Kind, account: string, name: string): User | Group | Role {
  return kind === 'user'
    ? findUser(x, account, name)
    : kind === 'group'
      ? findGroup(x, account, name)
      : findRole(x, account, name);
}

function entityArn(x: OpContext, kind: Kind, account: string, name: string): string {
  const w = world(x);
  if (kind === 'user') {
    const u = w.users?.find((v) => v.account === account && v.name === name);
    return u ? userArn(u) : `arn:aws:iam::${account}:user/${name}`;
  }
  if (kind === 'group') {
    const g = w.groups?.find((v) => v.account === account && v.name === name);
    return g ? groupArn(g) : `arn:aws:iam::${account}:group/${name}`;
  }
  const r = w.roles?.find((v) => v.account === account && v.name === name);
  return r ? roleArn(r) : `arn:aws:iam::${account}:role/${name}`;
}

function putInlinePolicy(kind: Kind): Operation {
  return (x) => {
    const caller = signedCaller(x);
    const e = ENTITY[kind];
    const name = x.input.string(e.param, { ...NAME, required: true, max: e.max });
    const policyName = x.input.string('PolicyName', { ...NAME, required: true, max: 128 });
    const text = x.input.string('PolicyDocument', DOCUMENT);
    x.input.done();
    authorize(x, `iam:Put${e.action}Policy`, entityArn(x, kind, caller.account, name!));
    const target = entity(x, kind, caller.account, name!);
    const doc = acceptDocument(text!, 'identity');
    const others = (target.inlinePolicies ?? []).filter((p) => p.name !== policyName);
    const limit = INLINE_LIMIT[kind];
    const total = kind === 'user' ? others.reduce((n, p) => n + sizeOf(p.document), sizeOf(doc)) : sizeOf(doc);
    if (total > limit)
      throw new Fault(
        'LimitExceeded',
        `Maximum policy size of ${limit} bytes exceeded for ${kind} ${target.name}`,
        409,
      );
    const t: Target = { kind, account: target.account, name: target.name };
    setWorld(x, setInlinePolicy(world(x), t, policyName!, doc));
    return undefined;
  };
}

function attachManagedPolicy(kind: Kind): Operation {
  return (x) => {
    const caller = signedCaller(x);
    const e = ENTITY[kind];
    const name = x.input.string(e.param, { ...NAME, required: true, max: e.max });
    const arn = x.input.string('PolicyArn', ARN);
    x.input.done();
    authorize(x, `iam:Attach${e.action}Policy`, entityArn(x, kind, caller.account, name!), {
      context: { 'iam:PolicyARN': arn! },
    });
    const target = entity(x, kind, caller.account, name!);
    const policy = attachablePolicy(x, arn!);
    if (!isAwsManaged(policy.arn) && policy.arn.split(':')[4] !== caller.account)
      throw new Fault('NoSuchEntity', `Policy ${arn!} does not exist or is not attachable.`, 404);
    const attached = target.managedPolicies ?? [];
    if (!attached.includes(arn!) && attached.length >= QUOTA.managedPerEntity)
      throw new Fault('LimitExceeded', `Cannot exceed quota for PoliciesPer${e.noun}: ${QUOTA.managedPerEntity}`, 409);
    setWorld(x, attachPolicy(world(x), { kind, account: target.account, name: target.name }, arn!));
    return undefined;
  };
}

function createPolicy(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('PolicyName', { ...NAME, required: true, max: 128 });
  const path = x.input.string('Path', PATH) ?? '/';
  const text = x.input.string('PolicyDocument', DOCUMENT);
  const description = x.input.string('Description', { max: 1000, pattern: PATTERNS.text });
  x.input.tags();
  x.input.done();
  const arn = customerPolicyArn(caller.account, name!, path);
  authorize(x, 'iam:CreatePolicy', arn);
  const exists = (world(x).managedPolicies ?? []).some(
    (p) =>
      !isAwsManaged(p.arn) &&
      p.arn.split(':')[4] === caller.account &&
      same(p.arn.slice(p.arn.lastIndexOf('/') + 1), name!),
  );
  if (exists)
    throw new Fault(
      'EntityAlreadyExists',
      `A policy called ${name!} already exists. Duplicate names are not allowed.`,
      409,
    );
  const doc = acceptDocument(text!, 'identity');
  if (sizeOf(doc) > MANAGED_LIMIT)
    throw new Fault('LimitExceeded', `Cannot exceed quota for PolicySize: ${MANAGED_LIMIT}`, 409);
  const created = now(x);
  const policy: ManagedPolicy = {
    arn,
    createDate: created,
    versions: [{ versionId: 'v1', document: doc, createDate: created }],
    defaultVersion: 'v1',
  };
  if (description) policy.description = description;
  setWorld(x, { ...world(x), managedPolicies: [...(world(x).managedPolicies ?? []), policy] });
  // CreatePolicy's answer leaves the description out, as IAM's does.
  return el('Policy', policyXml(world(x), policy, false));
}

function customerPolicy(x: OpContext, caller: Principal, arn: string): ManagedPolicy {
  const p = world(x).managedPolicies?.find((m) => m.arn === arn);
  if (!p || isAwsManaged(arn) || arn.split(':')[4] !== caller.account)
    throw new Fault('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`, 404);
  return p;
}

function createPolicyVersion(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const arn = x.input.string('PolicyArn', ARN);
  const text = x.input.string('PolicyDocument', DOCUMENT);
  const setAsDefault = x.input.bool('SetAsDefault') ?? false;
  x.input.done();
  authorize(x, 'iam:CreatePolicyVersion', arn!);
  const policy = customerPolicy(x, caller, arn!);
  if (policy.versions.length >= QUOTA.versions)
    throw new Fault(
      'LimitExceeded',
      'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
      409,
    );
  const doc = acceptDocument(text!, 'identity');
  if (sizeOf(doc) > MANAGED_LIMIT)
    throw new Fault('LimitExceeded', `Cannot exceed quota for PolicySize: ${MANAGED_LIMIT}`, 409);
  const n = policy.versions.reduce((m, v) => Math.max(m, Number(v.versionId.slice(1)) || 0), 0) + 1;
  const version: PolicyVersion = { versionId: `v${n}`, document: doc, createDate: now(x) };
  const next: ManagedPolicy = {
    ...policy,
    versions: [...policy.versions, version],
    defaultVersion: setAsDefault ? version.versionId : policy.defaultVersion,
  };
  setWorld(x, {
    ...world(x),
    managedPolicies: (world(x).managedPolicies ?? []).map((p) => (p === policy ? next : p)),
  });
  return el('PolicyVersion', versionXml(next, version.versionId, false));
}

function getPolicy(x: OpContext): XmlNode {
  signedCaller(x);
  const arn = x.input.string('PolicyArn', ARN);
  x.input.done();
  authorize(x, 'iam:GetPolicy', arn!);
  const p = lookupPolicy(x, arn!);
  if (!p) throw new Fault('NoSuchEntity', `Policy ${arn!} was not found.`, 404);
  return el('Policy', policyXml(world(x), p));
}

function getPolicyVersion(x: OpContext): XmlNode {
  signedCaller(x);
  const arn = x.input.string('PolicyArn', ARN);
  const versionId = x.input.string('VersionId', { required: true, pattern: PATTERNS.name });
  x.input.done();
  authorize(x, 'iam:GetPolicyVersion', arn!);
  const p = lookupPolicy(x, arn!);
  if (!p) throw new Fault('NoSuchEntity', `Policy ${arn!} was not found.`, 404);
  if (!p.versions.some((v) => v.versionId === versionId))
    throw new Fault('NoSuchEntity', `Policy ${arn!} version ${versionId!} does not exist or is not attachable.`, 404);
  return el('PolicyVersion', versionXml(p, versionId!, true));
}

function createAccessKey(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('UserName', { ...NAME, max: 128 });
  x.input.done();
  const user = keyOwner(x, caller, name);
  authorize(x, 'iam:CreateAccessKey', user ? userArn(user) : caller.arn);
  const existing = user ? (user.accessKeys ?? []) : rootKeys(x, caller.account);
  if (existing.length >= QUOTA.accessKeys)
    throw new Fault('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${QUOTA.accessKeys}`, 409);
  const key: AccessKey = {
    accessKeyId: newAccessKeyId(x.ctx, 'AKIA'),
    secretAccessKey: newSecretKey(x.ctx),
    status: 'Active',
    createDate: now(x),
  };
  if (user) setWorld(x, replaceUser(world(x), user, { ...user, accessKeys: [...existing, key] }));
  else
    setWorld(x, {
      ...world(x),
      accounts: world(x).accounts.map((a) =>
        a.id === caller.account
          ? { ...a, root: { mfaEnabled: a.root?.mfaEnabled ?? false, ...a.root, accessKeys: [...existing, key] } }
          : a,
      ),
    });
  return el('AccessKey', [
    user ? el('UserName', user.name) : undefined,
    el('AccessKeyId', key.accessKeyId),
    el('Status', key.status),
    el('SecretAccessKey', key.secretAccessKey),
    el('CreateDate', key.createDate),
  ]);
}

function rootKeys(x: OpContext, account: string): AccessKey[] {
  return world(x).accounts.find((a) => a.id === account)?.root?.accessKeys ?? [];
}

function listAccessKeys(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('UserName', { ...NAME, max: 128 });
  x.input.done();
  const user = keyOwner(x, caller, name);
  authorize(x, 'iam:ListAccessKeys', user ? userArn(user) : caller.arn);
  const keys = user ? (user.accessKeys ?? []) : rootKeys(x, caller.account);
  return [
    members(
      'AccessKeyMetadata',
      keys.map((k) => [
        user ? el('UserName', user.name) : undefined,
        el('AccessKeyId', k.accessKeyId),
        el('Status', k.status),
        el('CreateDate', iamDate(k.createDate)),
      ]),
    ),
    el('IsTruncated', false),
  ];
}

function createInstanceProfile(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const name = x.input.string('InstanceProfileName', { ...NAME, required: true, max: 128 });
  const path = x.input.string('Path', PATH) ?? '/';
  const tags = x.input.tags();
  x.input.done();
  noDuplicateTags(tags);
  const account = caller.account;
  authorize(x, 'iam:CreateInstanceProfile', profileArn({ account, path, name: name! }), { context: tagContext(tags) });
  const taken =
    Object.values(iamState(x).instanceProfiles).some((p) => p.account === account && same(p.name, name!)) ||
    world(x).roles?.some((r) => r.account === account && r.instanceProfiles?.some((n) => same(n, name!)));
  if (taken) throw new Fault('EntityAlreadyExists', `Instance Profile ${name!} already exists.`, 409);
  const rec: InstanceProfileRecord = { account, name: name!, path, id: newId(x, 'AIPA'), createDate: now(x) };
  const t = tagsOf(tags);
  if (t) rec.tags = t;
  iamState(x).instanceProfiles[`${account}/${rec.name}`] = rec;
  return el('InstanceProfile', instanceProfileXml(world(x), rec));
}

function addRoleToInstanceProfile(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  const profileName = x.input.string('InstanceProfileName', { ...NAME, required: true, max: 128 });
  const roleName = x.input.string('RoleName', { ...NAME, required: true, max: 64 });
  x.input.done();
  const account = caller.account;
  const profile = profileOf(x, account, profileName!);
  authorize(
    x,
    'iam:AddRoleToInstanceProfile',
    profile ? profileArn(profile) : `arn:aws:iam::${account}:instance-profile/${profileName!}`,
  );
  if (!profile) throw new Fault('NoSuchEntity', `Instance Profile ${profileName!} cannot be found.`, 404);
  const role = findRole(x, account, roleName!);
  // The role is passed to whatever uses the profile (EC2): IAM asks for iam:PassRole too.
  authorize(x, 'iam:PassRole', roleArn(role));
  const holders = (world(x).roles ?? []).filter(
    (r) => r.account === account && r.instanceProfiles?.includes(profile.name),
  );
  if (holders.length > 0)
    throw new Fault('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409);
  iamState(x).instanceProfiles[`${account}/${profile.name}`] = profile;
  setWorld(
    x,
    replaceRole(world(x), role, { ...role, instanceProfiles: [...(role.instanceProfiles ?? []), profile.name] }),
  );
  return undefined;
}

function getAccountAuthorizationDetails(x: OpContext): XmlNode {
  const caller = signedCaller(x);
  x.input.list('Filter');
  x.input.done();
  authorize(x, 'iam:GetAccountAuthorizationDetails', '*');
  const w = world(x);
  const account = caller.account;
  const mine = <T extends { account: string }>(list: T[] | undefined) =>
    (list ?? []).filter((v) => v.account === account);
  const profile = (name: string) =>
    profileOf(x, account, name) ?? {
      account,
      name,
      path: '/',
      id: derivedId('AIPA', name),
      createDate: UNKNOWN_PROFILE_DATE,
    };
  const policies = (w.managedPolicies ?? []).filter((p) =>
    isAwsManaged(p.arn)
      ? [...mine(w.users), ...mine(w.groups), ...mine(w.roles)].some(
          (e) => e.managedPolicies?.includes(p.arn) || ('permissionsBoundary' in e && e.permissionsBoundary === p.arn),
        )
      : p.arn.split(':')[4] === account,
  );
  return [
    members(
      'UserDetailList',
      mine(w.users).map((u) => userDetailXml(u)),
    ),
    members(
      'GroupDetailList',
      mine(w.groups).map((g) => groupDetailXml(g)),
    ),
    members(
      'RoleDetailList',
      mine(w.roles).map((r) => roleDetailXml(w, r, profile)),
    ),
    members(
      'Policies',
      policies.map((p) => policyDetailXml(w, p)),
    ),
    el('IsTruncated', false),
  ];
}

export const IAM_OPERATIONS: Record<string, Operation> = {
  CreateUser: createUser,
  GetUser: getUser,
  ListUsers: listUsers,
  CreateGroup: createGroup,
  AddUserToGroup: addUserToGroupOp,
  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  PutUserPolicy: putInlinePolicy('user'),
  PutGroupPolicy: putInlinePolicy('group'),
  PutRolePolicy: putInlinePolicy('role'),
  AttachUserPolicy: attachManagedPolicy('user'),
  AttachGroupPolicy: attachManagedPolicy('group'),
  AttachRolePolicy: attachManagedPolicy('role'),
  CreatePolicy: createPolicy,
  CreatePolicyVersion: createPolicyVersion,
  GetPolicy: getPolicy,
  GetPolicyVersion: getPolicyVersion,
  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  CreateInstanceProfile: createInstanceProfile,
  AddRoleToInstanceProfile: addRoleToInstanceProfile,
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
};

export const iam: ServiceModule = {
  name: 'iam',
  protocol: 'query',
  handle(call, ctx) {
    return dispatch('iam', IAM_OPERATIONS, call, ctx);
  },
  authError(kind, detail, ctx) {
    return queryAuthError('iam', kind, detail, ctx);
  },
};
