/**
 * Changes to a world as pure functions (world in, new world out; the input is never changed), so
 * the Account section can apply each through its model and undo it. References stay consistent:
 * a renamed group is renamed in its users, a removed policy is detached everywhere, a renamed
 * role is renamed in the functions, instance profiles and identity pools that name it.
 *
 * A change whose subject does not exist answers the world unchanged; the UI validates names with
 * `nameProblem` before it asks for a change.
 */
import type { Group, InlinePolicy, ManagedPolicy, PolicyDocument, Resource, Role, User, World } from './types';

export type PrincipalKind = 'user' | 'group' | 'role';
export type NamedKind = PrincipalKind | 'policy';

/** A user, group or role of the world, by account and name. */
export interface Target {
  kind: PrincipalKind;
  account: string;
  name: string;
}

const NAME_CHARS = /^[\w+=,.@-]+$/;

/** IAM's name limits (IAM User Guide, "IAM and AWS STS quotas"). */
export const NAME_LIMITS: Record<NamedKind, number> = { user: 64, group: 128, role: 64, policy: 128 };

const NOUN: Record<NamedKind, string> = { user: 'user', group: 'group', role: 'role', policy: 'policy' };

export function userArn(u: Pick<User, 'account' | 'name' | 'path'>): string {
  return `arn:aws:iam::${u.account}:user${u.path ?? '/'}${u.name}`;
}

export function groupArn(g: Pick<Group, 'account' | 'name' | 'path'>): string {
  return `arn:aws:iam::${g.account}:group${g.path ?? '/'}${g.name}`;
}

export function roleArn(r: Pick<Role, 'account' | 'name' | 'path'>): string {
  return `arn:aws:iam::${r.account}:role${r.path ?? '/'}${r.name}`;
}

export function customerPolicyArn(account: string, name: string, path = '/'): string {
  return `arn:aws:iam::${account}:policy${path}${name}`;
}

/** The policy's name: the ARN's last path segment. */
export function policyName(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

export function isAwsManaged(arn: string): boolean {
  return arn.startsWith('arn:aws:iam::aws:policy/');
}

/** The account of a customer managed policy ARN (`arn:aws:iam::ACCT:policy/…`), or `aws`. */
function policyAccount(arn: string): string {
  return arn.split(':')[4] ?? '';
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Why `name` cannot be the name of a new (or renamed) `kind` in `account`, or `undefined` when it
 * can: IAM names are 1 to 64 (users, roles) or 128 (groups, policies) of letters, digits and
 * `+=,.@_-`, unique in the account regardless of case. `except` is the current name when renaming.
 */
export function nameProblem(
  world: World,
  kind: NamedKind,
  account: string,
  name: string,
  except?: string,
): string | undefined {
  const noun = NOUN[kind];
  if (name.length === 0) return `enter a ${noun} name`;
  const max = NAME_LIMITS[kind];
  if (name.length > max) return `a ${noun} name has at most ${max} characters; this one has ${name.length}`;
  if (!NAME_CHARS.test(name)) {
    const bad = [...name].find((c) => !NAME_CHARS.test(c)) ?? '';
    return `\`${bad === ' ' ? 'space' : bad}\` cannot be used in a ${noun} name: use letters, digits and \`+=,.@_-\``;
  }
  if (except !== undefined && same(name, except) && name !== except) {
    // A change of case only: IAM treats it as the same name, so it is allowed.
    return undefined;
  }
  const taken = namesOf(world, kind, account).find((n) => same(n, name) && (except === undefined || !same(n, except)));
  if (taken !== undefined)
    return `a ${noun} named \`${taken}\` already exists in this account (names are unique regardless of case)`;
  return undefined;
}

function namesOf(world: World, kind: NamedKind, account: string): string[] {
  if (kind === 'user') return (world.users ?? []).filter((u) => u.account === account).map((u) => u.name);
  if (kind === 'group') return (world.groups ?? []).filter((g) => g.account === account).map((g) => g.name);
  if (kind === 'role') return (world.roles ?? []).filter((r) => r.account === account).map((r) => r.name);
  return (world.managedPolicies ?? [])
    .filter((p) => !isAwsManaged(p.arn) && policyAccount(p.arn) === account)
    .map((p) => policyName(p.arn));
}

const is = (account: string, name: string) => (x: { account: string; name: string }) =>
  x.account === account && x.name === name;

// ---- users ----

export function addUser(world: World, account: string, name: string, createDate?: string): World {
  const user: User = { account, name };
  if (createDate) user.createDate = createDate;
  return { ...world, users: [...(world.users ?? []), user] };
}

export function renameUser(world: World, account: string, from: string, to: string): World {
  if (!world.users?.some(is(account, from))) return world;
  return { ...world, users: world.users.map((u) => (is(account, from)(u) ? { ...u, name: to } : u)) };
}

export function removeUser(world: World, account: string, name: string): World {
  if (!world.users?.some(is(account, name))) return world;
  return { ...world, users: world.users.filter((u) => !is(account, name)(u)) };
}

// ---- groups ----

export function addGroup(world: World, account: string, name: string): World {
  return { ...world, groups: [...(world.groups ?? []), { account, name }] };
}

/** Renames a group, and the group in the list of each of its users. */
export function renameGroup(world: World, account: string, from: string, to: string): World {
  if (!world.groups?.some(is(account, from))) return world;
  return {
    ...world,
    groups: world.groups.map((g) => (is(account, from)(g) ? { ...g, name: to } : g)),
    users: world.users?.map((u) =>
      u.account === account && u.groups?.includes(from)
        ? { ...u, groups: u.groups.map((n) => (n === from ? to : n)) }
        : u,
    ),
  };
}

/** Removes a group, and takes its users out of it. */
export function removeGroup(world: World, account: string, name: string): World {
  if (!world.groups?.some(is(account, name))) return world;
  return {
    ...world,
    groups: world.groups.filter((g) => !is(account, name)(g)),
    users: world.users?.map((u) =>
      u.account === account && u.groups?.includes(name)
        ? withList(
            u,
            'groups',
            u.groups.filter((n) => n !== name),
          )
        : u,
    ),
  };
}

export function addUserToGroup(world: World, account: string, user: string, group: string): World {
  if (!world.groups?.some(is(account, group))) return world;
  return mapOne(world, 'users', account, user, (u) =>
    u.groups?.includes(group) ? u : { ...u, groups: [...(u.groups ?? []), group] },
  );
}

export function removeUserFromGroup(world: World, account: string, user: string, group: string): World {
  return mapOne(world, 'users', account, user, (u) =>
    u.groups?.includes(group)
      ? withList(
          u,
          'groups',
          u.groups.filter((n) => n !== group),
        )
      : u,
  );
}

// ---- roles ----

/** A trust policy letting `service` (`ec2.amazonaws.com`, …) or an account's principals assume the role. */
export function trustPolicyFor(principal: { Service: string } | { AWS: string }): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  };
}

export function addRole(
  world: World,
  account: string,
  name: string,
  trustPolicy: PolicyDocument,
  createDate?: string,
): World {
  const role: Role = { account, name, trustPolicy };
  if (createDate) role.createDate = createDate;
  return { ...world, roles: [...(world.roles ?? []), role] };
}

/** Renames a role, and its ARN where the world names it: Lambda execution roles, identity pools, user pool groups. */
export function renameRole(world: World, account: string, from: string, to: string): World {
  const role = world.roles?.find(is(account, from));
  if (!role || !world.roles) return world;
  const oldArn = roleArn(role);
  const newArn = roleArn({ ...role, name: to });
  const swap = (arn: string | undefined) => (arn === oldArn ? newArn : arn);
  const next: World = { ...world, roles: world.roles.map((r) => (r === role ? { ...r, name: to } : r)) };
  if (world.resources)
    next.resources = world.resources.map((r) =>
      r.type === 'lambda-function' && r.role === oldArn ? { ...r, role: newArn } : r,
    );
  if (world.identityPools)
    next.identityPools = world.identityPools.map((p) => {
      const roles = { ...p.roles };
      if (roles.authenticated === oldArn) roles.authenticated = newArn;
      if (roles.unauthenticated === oldArn) roles.unauthenticated = newArn;
      const out = { ...p, roles };
      if (p.roleMappings)
        out.roleMappings = Object.fromEntries(
          Object.entries(p.roleMappings).map(([k, m]) => [
            k,
            m.rulesConfiguration
              ? {
                  ...m,
                  rulesConfiguration: {
                    rules: m.rulesConfiguration.rules.map((rule) => ({ ...rule, roleARN: swap(rule.roleARN)! })),
                  },
                }
              : m,
          ]),
        );
      return out;
    });
  if (world.userPools)
    next.userPools = world.userPools.map((p) =>
      p.groups?.some((g) => g.roleArn === oldArn)
        ? { ...p, groups: p.groups.map((g) => (g.roleArn === oldArn ? { ...g, roleArn: newArn } : g)) }
        : p,
    );
  return next;
}

export function removeRole(world: World, account: string, name: string): World {
  if (!world.roles?.some(is(account, name))) return world;
  return { ...world, roles: world.roles.filter((r) => !is(account, name)(r)) };
}

export function setTrustPolicy(world: World, account: string, role: string, document: PolicyDocument): World {
  return mapOne(world, 'roles', account, role, (r) => ({ ...r, trustPolicy: document }));
}

// ---- managed policies ----

/** Adds a customer managed policy with one version, `v1`, the default. */
export function addPolicy(
  world: World,
  account: string,
  name: string,
  document: PolicyDocument,
  createDate?: string,
): World {
  const policy: ManagedPolicy = {
    arn: customerPolicyArn(account, name),
    versions: [{ versionId: 'v1', document, ...(createDate ? { createDate } : {}) }],
    defaultVersion: 'v1',
  };
  if (createDate) policy.createDate = createDate;
  return { ...world, managedPolicies: [...(world.managedPolicies ?? []), policy] };
}

/** Adds a managed policy (an AWS managed one from the library) unless the world already has one with its ARN. */
export function ensurePolicy(world: World, policy: ManagedPolicy): World {
  if (world.managedPolicies?.some((p) => p.arn === policy.arn)) return world;
  return { ...world, managedPolicies: [...(world.managedPolicies ?? []), policy] };
}

/** Renames a customer managed policy: its ARN changes, and every attachment and boundary follows. */
export function renamePolicy(world: World, arn: string, to: string): World {
  const policy = world.managedPolicies?.find((p) => p.arn === arn);
  if (!policy || !world.managedPolicies || isAwsManaged(arn)) return world;
  const next = arn.slice(0, arn.lastIndexOf('/') + 1) + to;
  return replaceArn(
    { ...world, managedPolicies: world.managedPolicies.map((p) => (p === policy ? { ...p, arn: next } : p)) },
    arn,
    next,
  );
}

/** Removes a managed policy from the world, detaching it from every user, group and role (and as a boundary). */
export function removePolicy(world: World, arn: string): World {
  if (!world.managedPolicies?.some((p) => p.arn === arn)) return world;
  return replaceArn({ ...world, managedPolicies: world.managedPolicies.filter((p) => p.arn !== arn) }, arn, undefined);
}

/** Replaces the document of a managed policy's default version. */
export function setPolicyDocument(world: World, arn: string, document: PolicyDocument): World {
  if (!world.managedPolicies?.some((p) => p.arn === arn)) return world;
  return {
    ...world,
    managedPolicies: world.managedPolicies.map((p) =>
      p.arn === arn
        ? { ...p, versions: p.versions.map((v) => (v.versionId === p.defaultVersion ? { ...v, document } : v)) }
        : p,
    ),
  };
}

function replaceArn(world: World, from: string, to: string | undefined): World {
  type Holder = { managedPolicies?: string[]; permissionsBoundary?: string };
  const fix = <T extends Holder>(x: T): T => {
    const attached = x.managedPolicies?.includes(from);
    const bounded = x.permissionsBoundary === from;
    if (!attached && !bounded) return x;
    const out = { ...x };
    if (attached) {
      const list = x.managedPolicies!.flatMap((a) => (a === from ? (to ? [to] : []) : [a]));
      if (list.length > 0) out.managedPolicies = list;
      else delete out.managedPolicies;
    }
    if (bounded) {
      if (to) out.permissionsBoundary = to;
      else delete out.permissionsBoundary;
    }
    return out;
  };
  const next = { ...world };
  if (world.users) next.users = world.users.map(fix);
  if (world.groups) next.groups = world.groups.map(fix);
  if (world.roles) next.roles = world.roles.map(fix);
  return next;
}

/** Attaches a managed policy to a user, group or role (once). */
export function attachPolicy(world: World, target: Target, arn: string): World {
  return mapTarget(world, target, (x) =>
    x.managedPolicies?.includes(arn) ? x : { ...x, managedPolicies: [...(x.managedPolicies ?? []), arn] },
  );
}

export function detachPolicy(world: World, target: Target, arn: string): World {
  return mapTarget(world, target, (x) =>
    x.managedPolicies?.includes(arn)
      ? withList(
          x,
          'managedPolicies',
          x.managedPolicies.filter((a) => a !== arn),
        )
      : x,
  );
}

/** Sets (or with `undefined` removes) the permissions boundary of a user or role. */
export function setBoundary(world: World, target: Target, arn: string | undefined): World {
  if (target.kind === 'group') return world;
  return mapTarget(world, target, (x) => {
    const out = { ...x } as typeof x & { permissionsBoundary?: string };
    if (arn) out.permissionsBoundary = arn;
    else delete out.permissionsBoundary;
    return out;
  });
}

// ---- inline policies ----

/** Adds an inline policy, or replaces the document of the one with that name. */
export function setInlinePolicy(world: World, target: Target, name: string, document: PolicyDocument): World {
  return mapTarget(world, target, (x) => {
    const list = x.inlinePolicies ?? [];
    const next: InlinePolicy[] = list.some((p) => p.name === name)
      ? list.map((p) => (p.name === name ? { ...p, document } : p))
      : [...list, { name, document }];
    return { ...x, inlinePolicies: next };
  });
}

export function removeInlinePolicy(world: World, target: Target, name: string): World {
  return mapTarget(world, target, (x) =>
    x.inlinePolicies?.some((p) => p.name === name)
      ? withList(
          x,
          'inlinePolicies',
          x.inlinePolicies.filter((p) => p.name !== name),
        )
      : x,
  );
}

// ---- resources ----

/**
 * Why `name` cannot name a new S3 bucket, or `undefined`: 3 to 63 lowercase letters, digits, dots
 * and hyphens, beginning and ending with a letter or digit, not shaped like an IP address, and
 * not already a bucket of the world (bucket names are global).
 */
export function bucketNameProblem(world: World, name: string): string | undefined {
  if (name.length === 0) return 'enter a bucket name';
  if (name.length < 3 || name.length > 63) return `a bucket name has 3 to 63 characters; this one has ${name.length}`;
  const bad = [...name].find((c) => !/[a-z0-9.-]/.test(c));
  if (bad !== undefined)
    return `\`${bad === ' ' ? 'space' : bad}\` cannot be used in a bucket name: use lowercase letters, digits, \`.\` and \`-\``;
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'a bucket name begins and ends with a letter or digit';
  if (name.includes('..')) return 'a bucket name cannot have two dots in a row';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'a bucket name cannot look like an IP address';
  if (world.resources?.some((r) => r.arn === `arn:aws:s3:::${name}`))
    return `a bucket named \`${name}\` already exists (bucket names are unique across all accounts)`;
  return undefined;
}

/** Adds an S3 bucket owned by `account`, with no policy and Block Public Access fully on (a new bucket's default). */
export function addBucket(world: World, account: string, name: string): World {
  const bucket: Resource = {
    type: 's3-bucket',
    arn: `arn:aws:s3:::${name}`,
    account,
    blockPublicAccess: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
  };
  return { ...world, resources: [...(world.resources ?? []), bucket] };
}

/** Removes a resource by ARN. */
export function removeResource(world: World, arn: string): World {
  if (!world.resources?.some((r) => r.arn === arn)) return world;
  return { ...world, resources: world.resources.filter((r) => r.arn !== arn) };
}

/** Sets (or with `undefined` removes) a resource's resource-based policy. */
export function setResourcePolicy(world: World, arn: string, document: PolicyDocument | undefined): World {
  if (!world.resources?.some((r) => r.arn === arn)) return world;
  return {
    ...world,
    resources: world.resources.map((r): Resource => {
      if (r.arn !== arn) return r;
      const out = { ...r };
      if (document === undefined) delete out.policy;
      else out.policy = document;
      return out;
    }),
  };
}

// ---- helpers ----

function withList<T extends object, K extends keyof T>(x: T, key: K, list: unknown[]): T {
  const out = { ...x };
  if (list.length > 0) (out as Record<K, unknown>)[key] = list;
  else delete out[key];
  return out;
}

function mapOne<K extends 'users' | 'groups' | 'roles'>(
  world: World,
  key: K,
  account: string,
  name: string,
  fn: (x: NonNullable<World[K]>[number]) => NonNullable<World[K]>[number],
): World {
  const list = world[key] as { account: string; name: string }[] | undefined;
  if (!list?.some(is(account, name))) return world;
  return {
    ...world,
    [key]: list.map((x) => (is(account, name)(x) ? fn(x as NonNullable<World[K]>[number]) : x)),
  };
}

function mapTarget(world: World, target: Target, fn: <T extends User | Group | Role>(x: T) => T): World {
  const key = target.kind === 'user' ? 'users' : target.kind === 'group' ? 'groups' : 'roles';
  return mapOne(world, key, target.account, target.name, fn);
}
