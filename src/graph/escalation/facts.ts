/**
 * What the edge finder reads from a world besides decisions: the groups and customer managed
 * policies a principal holds, the role an instance profile carries, the role an existing resource
 * runs as, and small copies of the world with one change applied (for the techniques whose effect
 * the engine judges afterwards: a new default version, a group joined, a trust policy rewritten).
 */
import { wildcardMatch } from '../../engine/evaluate/wildcard';
import type { Group, ManagedPolicy, PolicyDocument, Role, User, World } from '../../world/types';
import { iamArn, statementsOf } from '../world-nodes';
import type { ExistingKind } from './techniques';

/** The tag an `other` resource (a stack, a Glue endpoint, a notebook) names its role with: a role ARN or name. */
export const ROLE_TAG = 'iamplay:role';

const AWS_OWNED = /^arn:aws[a-z-]*:iam::aws:/;

export interface Holder {
  kind: 'user' | 'role';
  arn: string;
  account: string;
  user?: User;
  role?: Role;
}

/** Users and roles by ARN. */
export function holders(world: World): Map<string, Holder> {
  const map = new Map<string, Holder>();
  for (const u of world.users ?? [])
    map.set(iamArn('user', u.account, u.name, u.path), {
      kind: 'user',
      arn: iamArn('user', u.account, u.name, u.path),
      account: u.account,
      user: u,
    });
  for (const r of world.roles ?? [])
    map.set(iamArn('role', r.account, r.name, r.path), {
      kind: 'role',
      arn: iamArn('role', r.account, r.name, r.path),
      account: r.account,
      role: r,
    });
  return map;
}

export function groupsOf(world: World, user: User): Group[] {
  const names = new Set(user.groups ?? []);
  return (world.groups ?? []).filter((g) => g.account === user.account && names.has(g.name));
}

export function groupArn(g: Group): string {
  return iamArn('group', g.account, g.name, g.path);
}

/** The customer managed policies a principal holds: attached to it, or to one of its groups (AWS managed ones cannot be changed). */
export function customerPoliciesOf(world: World, h: Holder): string[] {
  const arns = [...(h.user?.managedPolicies ?? h.role?.managedPolicies ?? [])];
  if (h.user) for (const g of groupsOf(world, h.user)) arns.push(...(g.managedPolicies ?? []));
  const declared = new Set((world.managedPolicies ?? []).map((m) => m.arn));
  return [...new Set(arns)].filter((a) => !AWS_OWNED.test(a) && declared.has(a));
}

/** The role an instance profile ARN carries (`arn:aws:iam::ACCT:instance-profile/NAME`). */
export function roleOfInstanceProfile(world: World, profileArn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):instance-profile\/(?:.*\/)?([^/]+)$/.exec(profileArn);
  if (!m) return undefined;
  const role = (world.roles ?? []).find((r) => r.account === m[1] && (r.instanceProfiles ?? []).includes(m[2]));
  return role ? iamArn('role', role.account, role.name, role.path) : undefined;
}

function roleByRef(world: World, account: string, ref: string): string | undefined {
  for (const r of world.roles ?? []) {
    const arn = iamArn('role', r.account, r.name, r.path);
    if (ref === arn || (r.account === account && ref === r.name)) return arn;
  }
  return undefined;
}

const OTHER_PATTERNS: Partial<Record<ExistingKind, RegExp>> = {
  'cloudformation-stack': /^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:(\d{12}):stack\/[^/]+/,
  'glue-dev-endpoint': /^arn:aws[a-z-]*:glue:[a-z0-9-]+:(\d{12}):devEndpoint\/[^/]+$/,
  'sagemaker-notebook': /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:(\d{12}):notebook-instance\/[^/]+$/,
};

export interface ExistingResource {
  arn: string;
  account: string;
  /** The ARN of the role it runs as (for `ec2-stored-key`: the user whose key it keeps). */
  role: string;
}

/** The world's resources of one kind whose role is known. */
export function existingResources(world: World, kind: ExistingKind): ExistingResource[] {
  const out: ExistingResource[] = [];
  for (const r of world.resources ?? []) {
    const account = r.account ?? r.arn.split(':')[4] ?? '';
    let role: string | undefined;
    if (kind === 'ec2-stored-key' && r.type === 'ec2-instance') {
      for (const id of r.storedAccessKeys ?? []) {
        const u = (world.users ?? []).find((x) =>
          (x.accessKeys ?? []).some((k) => k.accessKeyId === id && k.status === 'Active'),
        );
        if (u) out.push({ arn: r.arn, account, role: iamArn('user', u.account, u.name, u.path) });
      }
      continue;
    }
    if (kind === 'lambda-function' && r.type === 'lambda-function') role = roleByRef(world, account, r.role);
    else if (kind === 'ec2-instance' && r.type === 'ec2-instance' && r.instanceProfile)
      role = roleOfInstanceProfile(world, r.instanceProfile);
    else if ((r.type === undefined || r.type === 'other') && OTHER_PATTERNS[kind]?.test(r.arn)) {
      const ref = r.tags?.[ROLE_TAG];
      if (ref) role = roleByRef(world, account, ref);
    }
    if (role) out.push({ arn: r.arn, account, role });
  }
  return out;
}

const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

function copy(world: World): World {
  return structuredClone(world);
}

function findHolder(world: World, h: Holder): User | Role | undefined {
  return h.kind === 'user'
    ? (world.users ?? []).find((u) => iamArn('user', u.account, u.name, u.path) === h.arn)
    : (world.roles ?? []).find((r) => iamArn('role', r.account, r.name, r.path) === h.arn);
}

/** A copy of the world where the principal's own policies allow everything (its boundary, SCPs and RCPs still apply). */
export function withAllowAll(world: World, h: Holder): World {
  const w = copy(world);
  const p = findHolder(w, h);
  if (p) p.inlinePolicies = [...(p.inlinePolicies ?? []), { name: 'iamplay-escalated', document: ALLOW_ALL }];
  return w;
}

/** A copy of the world where a managed policy's default version is another one. */
export function withDefaultVersion(world: World, policyArn: string, versionId: string): World {
  const w = copy(world);
  const m = (w.managedPolicies ?? []).find((x) => x.arn === policyArn);
  if (m) m.defaultVersion = versionId;
  return w;
}

/** A copy of the world where a user is in one more group. */
export function withGroup(world: World, h: Holder, group: string): World {
  const w = copy(world);
  const u = findHolder(w, h) as User | undefined;
  if (u) u.groups = [...(u.groups ?? []), group];
  return w;
}

/** A copy of the world where a role's trust policy lets one principal assume it (and nothing else). */
export function withTrust(world: World, roleArn: string, principalArn: string): World {
  const w = copy(world);
  const r = (w.roles ?? []).find((x) => iamArn('role', x.account, x.name, x.path) === roleArn);
  if (r) {
    const doc: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: principalArn }, Action: 'sts:AssumeRole' }],
    };
    r.trustPolicy = doc;
  }
  return w;
}

/**
 * Whether some Allow statement of a principal's identity policies (its own, its groups', attached
 * and inline) names an action, read from `Action` and `NotAction` alone. It only prunes: an action
 * no identity statement names can be allowed only by a resource-based policy, so where the
 * resource has none (IAM users, groups and policies, `*`) the checker need not be asked. Every
 * answer that counts is still the checker's.
 */
export function identityMayAllow(
  world: World,
  h: Holder,
  managedPolicy?: (arn: string) => ManagedPolicy | undefined,
): (action: string) => boolean {
  const docs: PolicyDocument[] = [];
  const declared = new Map((world.managedPolicies ?? []).map((m) => [m.arn, m]));
  const add = (p: { inlinePolicies?: { document: PolicyDocument }[]; managedPolicies?: string[] }) => {
    for (const i of p.inlinePolicies ?? []) docs.push(i.document);
    for (const arn of p.managedPolicies ?? []) {
      const m = declared.get(arn) ?? managedPolicy?.(arn);
      const v = m?.versions.find((x) => x.versionId === m.defaultVersion);
      if (v) docs.push(v.document);
      // A policy the world cannot resolve is not pruned on.
      else docs.push({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    }
  };
  if (h.user) {
    add(h.user);
    for (const g of groupsOf(world, h.user)) add(g);
  }
  if (h.role) add(h.role);
  const allows = docs.flatMap(statementsOf).filter((s) => s.Effect === 'Allow');
  const list = (v: unknown) =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  const memo = new Map<string, boolean>();
  return (action) => {
    let v = memo.get(action);
    if (v === undefined) {
      v = allows.some((s) =>
        s.NotAction !== undefined
          ? !list(s.NotAction).some((p) => wildcardMatch(p, action, true))
          : list(s.Action).some((p) => wildcardMatch(p, action, true)),
      );
      memo.set(action, v);
    }
    return v;
  };
}

/**
 * Who a trust policy may let in, read from its `Principal` elements alone: the names its Allow
 * statements give (principal ARNs, account ARNs and ids), or `any` when one names `*` or uses
 * `NotPrincipal`. It only prunes (`trustMayAdmit`): the checker decides.
 */
export function trustNames(trust: PolicyDocument | undefined): Set<string> | 'any' {
  const names = new Set<string>();
  for (const s of statementsOf(trust)) {
    if (s.Effect !== 'Allow') continue;
    if (s.NotPrincipal !== undefined || s.Principal === '*') return 'any';
    const p = s.Principal;
    if (!p || typeof p !== 'object') continue;
    const aws = (p as Record<string, unknown>).AWS;
    for (const a of typeof aws === 'string' ? [aws] : Array.isArray(aws) ? aws : [])
      if (typeof a === 'string') {
        if (a === '*') return 'any';
        names.add(a);
      }
  }
  return names;
}

/** Whether a trust policy's names may let a principal in: its ARN, its session's, its account's, or `*`. */
export function trustMayAdmit(
  names: Set<string> | 'any',
  principal: { id: string; requestAs: string; account?: string },
): boolean {
  if (names === 'any') return true;
  if (names.has(principal.id) || names.has(principal.requestAs)) return true;
  const a = principal.account;
  return a !== undefined && (names.has(a) || names.has(`arn:aws:iam::${a}:root`));
}
