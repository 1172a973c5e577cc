/**
 * Small worlds for the escalation tests, written tersely: one account, users and roles with inline
 * policies made of `allow(...)` and `deny(...)` statements, roles trusting a service or a
 * principal. Every world passes the world schema.
 */
import type { Group, ManagedPolicy, Resource, Role, User, World } from '../../world/types';

export const ACCT = '111122223333';
export const userArn = (name: string) => `arn:aws:iam::${ACCT}:user/${name}`;
export const roleArn = (name: string) => `arn:aws:iam::${ACCT}:role/${name}`;
export const groupArn = (name: string) => `arn:aws:iam::${ACCT}:group/${name}`;
export const policyArn = (name: string) => `arn:aws:iam::${ACCT}:policy/${name}`;

export type Statement = Record<string, unknown>;

export const allow = (action: string | string[], resource: string | string[] = '*', condition?: object): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...(condition ? { Condition: condition } : {}),
});
export const deny = (action: string | string[], resource: string | string[] = '*'): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
});
export const doc = (...statements: Statement[]) => ({ Version: '2012-10-17', Statement: statements });

export function user(name: string, statements: Statement[], extra: Partial<User> = {}): User {
  return {
    account: ACCT,
    name,
    ...(statements.length ? { inlinePolicies: [{ name: `${name}-policy`, document: doc(...statements) }] } : {}),
    ...extra,
  };
}

/** A role trusting a service (`ec2.amazonaws.com`) or a principal ARN. */
export function role(name: string, trusts: string, statements: Statement[], extra: Partial<Role> = {}): Role {
  const principal = trusts.endsWith('.amazonaws.com') ? { Service: trusts } : { AWS: trusts };
  return {
    account: ACCT,
    name,
    trustPolicy: doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }),
    ...(statements.length ? { inlinePolicies: [{ name: `${name}-policy`, document: doc(...statements) }] } : {}),
    ...extra,
  };
}

/** An administrator role trusting `trusts`, with an instance profile of its name. */
export const adminRole = (name: string, trusts: string, extra: Partial<Role> = {}): Role =>
  role(name, trusts, [allow('*')], { instanceProfiles: [name], ...extra });

export function managed(name: string, ...versions: Statement[][]): ManagedPolicy {
  return {
    arn: policyArn(name),
    versions: versions.map((s, i) => ({ versionId: `v${i + 1}`, document: doc(...s) })),
    defaultVersion: 'v1',
  };
}

export function world(parts: {
  users?: User[];
  roles?: Role[];
  groups?: Group[];
  managedPolicies?: ManagedPolicy[];
  resources?: Resource[];
  organization?: World['organization'];
}): World {
  return { format: 2, accounts: [{ id: ACCT, name: 'test' }], ...parts };
}

/** An organization whose root has `FullAWSAccess` and one more SCP. */
export function withScp(w: World, ...statements: Statement[]): World {
  return {
    ...w,
    accounts: [...w.accounts, { id: '999988887777', name: 'management' }],
    organization: {
      id: 'o-exampleorg1',
      managementAccount: '999988887777',
      root: { id: 'r-ab12', scps: ['FullAWSAccess', 'guardrail'], accounts: [ACCT] },
      policies: [{ id: 'guardrail', type: 'SCP', document: doc(...statements) }],
    },
  };
}
