/**
 * What the Account section's lists show, as plain data computed from the world: one row per
 * entity with the columns the IAM console shows (users: groups, last activity, MFA, password,
 * access keys; roles: trusted entities, last activity; policies: type and use; …), and the text
 * the filter box searches. Pure: no DOM, so it is unit-tested.
 */
import type { ManagedPolicy, PolicyDocument, Resource, Role, User, World } from '../../world/types';
import { isAwsManaged, policyName } from '../../world/edit';
import { hrefOf, type EntityKind } from './route';

export interface Column {
  key: string;
  label: string;
}

export interface Row {
  /** The path segment of the entity's page (name, ARN or id). */
  id: string;
  href: string;
  /** The first column's text: what the entity is called. */
  name: string;
  cells: Record<string, string>;
}

export const COLUMNS: Record<EntityKind, Column[]> = {
  users: [
    { key: 'groups', label: 'Groups' },
    { key: 'activity', label: 'Last activity' },
    { key: 'mfa', label: 'MFA' },
    { key: 'password', label: 'Password' },
    { key: 'keys', label: 'Access keys' },
  ],
  groups: [
    { key: 'users', label: 'Users' },
    { key: 'permissions', label: 'Permissions' },
  ],
  roles: [
    { key: 'trusted', label: 'Trusted entities' },
    { key: 'activity', label: 'Last activity' },
  ],
  policies: [
    { key: 'type', label: 'Type' },
    { key: 'used', label: 'Used as' },
  ],
  'identity-providers': [
    { key: 'type', label: 'Type' },
    { key: 'audience', label: 'Audience' },
  ],
  resources: [
    { key: 'type', label: 'Type' },
    { key: 'policy', label: 'Resource policy' },
    { key: 'account', label: 'Account' },
  ],
  'user-pools': [
    { key: 'id', label: 'User pool ID' },
    { key: 'users', label: 'Users' },
    { key: 'clients', label: 'App clients' },
  ],
  'identity-pools': [
    { key: 'id', label: 'Identity pool ID' },
    { key: 'guest', label: 'Guest access' },
    { key: 'authenticated', label: 'Authenticated role' },
  ],
};

const DAY = 86_400_000;

/** "Today", "Yesterday", "12 days ago", "Never" (the console's wording), from ISO dates. */
export function ago(iso: string | undefined, now: number): string {
  if (!iso) return 'Never';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const days = Math.floor((now - t) / DAY);
  if (days <= 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return `${days.toLocaleString('en-US')} days ago`;
}

function latest(dates: (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestT = -Infinity;
  for (const d of dates) {
    const t = d ? Date.parse(d) : NaN;
    if (!Number.isNaN(t) && t > bestT) {
      best = d;
      bestT = t;
    }
  }
  return best;
}

/** When the user last signed in or used an access key. */
export function userLastActivity(u: User): string | undefined {
  return latest([u.loginProfile?.passwordLastUsed, ...(u.accessKeys ?? []).map((k) => k.lastUsedDate)]);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** A policy document as an object, or `undefined` when its text is not JSON. */
export function documentValue(doc: PolicyDocument | undefined): Record<string, unknown> | undefined {
  if (doc === undefined) return undefined;
  if (typeof doc !== 'string') return doc;
  try {
    const v: unknown = JSON.parse(doc);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A document as the editor shows it: its text, or the object printed with a 2-space indent. */
export function documentText(doc: PolicyDocument | undefined): string {
  if (doc === undefined) return '';
  return typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2) + '\n';
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** Who a trust policy lets assume the role, as the console lists them: `AWS service: ec2`, `Account: 444455556666`, … */
export function trustedEntities(trust: PolicyDocument): string[] {
  const doc = documentValue(trust);
  if (!doc) return ['(the trust policy is not valid JSON)'];
  const out: string[] = [];
  for (const st of list(doc.Statement)) {
    if (!st || typeof st !== 'object') continue;
    const s = st as Record<string, unknown>;
    if (s.Effect !== 'Allow') continue;
    const p = s.Principal;
    if (p === '*') out.push('Anyone (*)');
    else if (p && typeof p === 'object') {
      const pr = p as Record<string, unknown>;
      for (const svc of list(pr.Service)) out.push(`AWS service: ${String(svc).replace(/\.amazonaws\.com$/, '')}`);
      for (const a of list(pr.AWS)) {
        const text = String(a);
        if (text === '*') out.push('Anyone (*)');
        else if (/^\d{12}$/.test(text)) out.push(`Account: ${text}`);
        else {
          const root = /^arn:aws:iam::(\d{12}):root$/.exec(text);
          out.push(root ? `Account: ${root[1]}` : text);
        }
      }
      for (const f of list(pr.Federated))
        out.push(`Identity provider: ${String(f).replace(/^arn:aws:iam::\d{12}:/, '')}`);
    }
  }
  return [...new Set(out)];
}

export interface PolicyUse {
  attached: string[];
  boundaryOf: string[];
}

/** Where every managed policy of the world is used, by ARN, in one pass over its users, groups and roles. */
export function policyUses(world: World): Map<string, PolicyUse> {
  const uses = new Map<string, PolicyUse>();
  const of = (arn: string) => {
    let u = uses.get(arn);
    if (!u) uses.set(arn, (u = { attached: [], boundaryOf: [] }));
    return u;
  };
  for (const u of world.users ?? []) {
    for (const arn of u.managedPolicies ?? []) of(arn).attached.push(`user ${u.name}`);
    if (u.permissionsBoundary) of(u.permissionsBoundary).boundaryOf.push(`user ${u.name}`);
  }
  for (const g of world.groups ?? [])
    for (const arn of g.managedPolicies ?? []) of(arn).attached.push(`group ${g.name}`);
  for (const r of world.roles ?? []) {
    for (const arn of r.managedPolicies ?? []) of(arn).attached.push(`role ${r.name}`);
    if (r.permissionsBoundary) of(r.permissionsBoundary).boundaryOf.push(`role ${r.name}`);
  }
  return uses;
}

/** What a managed policy is used as in the world: attachments (permissions policy) and boundaries. */
export function policyUse(world: World, arn: string): PolicyUse {
  return policyUses(world).get(arn) ?? { attached: [], boundaryOf: [] };
}

/**
 * The managed policies of the list: those the world declares, and any AWS managed policy it
 * attaches without declaring it (the engine takes those from the library).
 */
export function allPolicies(world: World): { arn: string; declared?: ManagedPolicy }[] {
  const out: { arn: string; declared?: ManagedPolicy }[] = (world.managedPolicies ?? []).map((p) => ({
    arn: p.arn,
    declared: p,
  }));
  const seen = new Set(out.map((p) => p.arn));
  const holders: { managedPolicies?: string[]; permissionsBoundary?: string }[] = [
    ...(world.users ?? []),
    ...(world.groups ?? []),
    ...(world.roles ?? []),
  ];
  for (const h of holders)
    for (const arn of [...(h.managedPolicies ?? []), ...(h.permissionsBoundary ? [h.permissionsBoundary] : [])])
      if (!seen.has(arn)) {
        seen.add(arn);
        out.push({ arn });
      }
  return out;
}

export const RESOURCE_TYPES: Record<NonNullable<Resource['type']>, string> = {
  other: 'Resource',
  's3-bucket': 'S3 bucket',
  'dynamodb-table': 'DynamoDB table',
  'lambda-function': 'Lambda function',
  'ec2-instance': 'EC2 instance',
  'kms-key': 'KMS key',
  'sqs-queue': 'SQS queue',
  'sns-topic': 'SNS topic',
  'secretsmanager-secret': 'Secrets Manager secret',
};

/** A resource's short name: a bucket's name, a function's name, a table's name, the last part of the ARN. */
export function resourceName(r: Resource): string {
  const arn = r.arn;
  const s3 = /^arn:aws:s3:::([^/]+)$/.exec(arn);
  if (s3) return s3[1];
  const cut = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
  return cut >= 0 && cut < arn.length - 1 ? arn.slice(cut + 1) : arn;
}

function resourceAccount(r: Resource): string {
  return r.account ?? r.arn.split(':')[4] ?? '';
}

/** The identity provider's name as IAM shows it: the OIDC URL's host and path, or the SAML name. */
export function providerName(p: NonNullable<World['identityProviders']>[number]): string {
  return p.type === 'OIDC' ? p.url.replace(/^https:\/\//, '') : p.name;
}

/** The rows of one list, in the world's order. */
export function rowsOf(world: World, kind: EntityKind, now: number): Row[] {
  const row = (id: string, name: string, cells: Record<string, string>): Row => ({
    id,
    href: hrefOf(kind, id),
    name,
    cells,
  });
  switch (kind) {
    case 'users':
      return (world.users ?? []).map((u) => {
        const keys = u.accessKeys ?? [];
        const active = keys.filter((k) => k.status === 'Active').length;
        return row(u.name, u.name, {
          groups: u.groups?.length ? u.groups.join(', ') : 'None',
          activity: ago(userLastActivity(u), now),
          mfa: u.mfaDevices?.length ? 'Assigned' : 'Not assigned',
          password: u.loginProfile ? 'Set' : 'None',
          keys:
            keys.length === 0
              ? 'None'
              : `${plural(active, 'active')}${keys.length > active ? `, ${keys.length - active} inactive` : ''}`,
        });
      });
    case 'groups': {
      const members = new Map<string, number>();
      for (const u of world.users ?? [])
        for (const g of u.groups ?? []) members.set(`${u.account}/${g}`, (members.get(`${u.account}/${g}`) ?? 0) + 1);
      return (world.groups ?? []).map((g) => {
        const n = (g.managedPolicies?.length ?? 0) + (g.inlinePolicies?.length ?? 0);
        return row(g.name, g.name, {
          users: plural(members.get(`${g.account}/${g.name}`) ?? 0, 'user'),
          permissions: n === 0 ? 'None' : plural(n, 'policy', 'policies'),
        });
      });
    }
    case 'roles':
      return (world.roles ?? []).map((r: Role) =>
        row(r.name, r.name, {
          trusted: trustedEntities(r.trustPolicy).join(', ') || 'None',
          activity: ago(r.lastUsedDate, now),
        }),
      );
    case 'policies': {
      const uses = policyUses(world);
      return allPolicies(world).map(({ arn }) => {
        const use = uses.get(arn) ?? { attached: [], boundaryOf: [] };
        const used = [
          use.attached.length ? `Permissions policy (${use.attached.length})` : '',
          use.boundaryOf.length ? `Permissions boundary (${use.boundaryOf.length})` : '',
        ].filter(Boolean);
        return row(policyName(arn), policyName(arn), {
          type: isAwsManaged(arn) ? 'AWS managed' : 'Customer managed',
          used: used.join(', ') || 'None',
        });
      });
    }
    case 'identity-providers':
      return (world.identityProviders ?? []).map((p) =>
        row(providerName(p), providerName(p), {
          type: p.type,
          audience: p.type === 'OIDC' ? p.clientIds.join(', ') || 'None' : '—',
        }),
      );
    case 'resources':
      return (world.resources ?? []).map((r) =>
        row(r.arn, resourceName(r), {
          type: RESOURCE_TYPES[r.type ?? 'other'],
          policy: r.policy === undefined ? 'None' : 'Yes',
          account: resourceAccount(r),
        }),
      );
    case 'user-pools':
      return (world.userPools ?? []).map((p) =>
        row(p.id, p.name, {
          id: p.id,
          users: plural(p.users?.length ?? 0, 'user'),
          clients: plural(p.clients?.length ?? 0, 'client'),
        }),
      );
    case 'identity-pools':
      return (world.identityPools ?? []).map((p) =>
        row(p.identityPoolId, p.identityPoolName, {
          id: p.identityPoolId,
          guest: p.allowUnauthenticatedIdentities ? 'Allowed' : 'Off',
          authenticated: p.roles.authenticated ? policyName(p.roles.authenticated) : 'None',
        }),
      );
  }
}

/** The rows whose name or cells contain `query`, ignoring case (a plain substring: no pattern is read from it). */
export function filterRows(rows: Row[], query: string): Row[] {
  const q = query.trim().toLowerCase();
  if (q === '') return rows;
  return rows.filter(
    (r) => r.name.toLowerCase().includes(q) || Object.values(r.cells).some((c) => c.toLowerCase().includes(q)),
  );
}

/** How many entities of each kind the world holds (the section nav's counts). */
export function counts(world: World): Record<EntityKind, number> {
  return {
    users: world.users?.length ?? 0,
    groups: world.groups?.length ?? 0,
    roles: world.roles?.length ?? 0,
    policies: allPolicies(world).length,
    'identity-providers': world.identityProviders?.length ?? 0,
    resources: world.resources?.length ?? 0,
    'user-pools': world.userPools?.length ?? 0,
    'identity-pools': world.identityPools?.length ?? 0,
  };
}
