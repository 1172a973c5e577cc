/**
 * An account's place in the organization: its path from the root, the SCPs and RCPs attached at
 * each level (root first, the account itself last) and the `aws:PrincipalOrgPaths` value.
 */
import type { OrgUnit, Organization } from './types';
import { FULL_AWS_ACCESS } from './schema';

export interface OrgPlacement {
  orgId: string;
  /** `o-…/r-…/ou-…/` as in `aws:PrincipalOrgPaths`. */
  path: string;
  /** True for the management account: SCPs and RCPs do not apply to it. */
  management: boolean;
  /** Attached SCP ids per level, root first, the account last. */
  scpLevels: string[][];
  /** Attached RCP ids per level (RCPFullAWSAccess is implied by the decision). */
  rcpLevels: string[][];
  /** A name per level, root first: the root's name (or `root`), each OU's name (or id), then the account's name (or id). */
  levelNames: string[];
  /** Per level: no SCP attached there, so it has AWS's default `FullAWSAccess` (it allows every request). */
  scpDefault: boolean[];
  /** Per level: no RCP list attached there, only the implied `RCPFullAWSAccess` (it allows every request). */
  rcpDefault: boolean[];
}

/** The nodes from the root to the one that lists `account` (appended to `trail`), or undefined. */
function findPath(node: OrgUnit, account: string, trail: OrgUnit[]): OrgUnit[] | undefined {
  trail.push(node);
  if (node.accounts?.includes(account)) return trail;
  if (node.children) for (const child of node.children) if (findPath(child, account, trail)) return trail;
  trail.pop();
  return undefined;
}

/** Where `account` sits in the organization, or undefined when it is not a member. */
export function placement(
  org: Organization | undefined,
  account: string | undefined,
  accountName?: string,
): OrgPlacement | undefined {
  if (!org || account === undefined) return undefined;
  const management = org.managementAccount === account;
  const nodes = findPath(org.root, account, []) ?? (management ? [org.root] : undefined);
  if (!nodes) return undefined;
  const scpLevels: string[][] = [];
  const scpDefault: boolean[] = [];
  const rcpLevels: string[][] = [];
  const rcpDefault: boolean[] = [];
  const levelNames: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    scpLevels.push(n.scps ?? [FULL_AWS_ACCESS]);
    scpDefault.push(n.scps === undefined);
    rcpLevels.push(n.rcps ?? []);
    rcpDefault.push(n.rcps === undefined);
    levelNames.push(i === 0 ? (n.name ?? 'root') : (n.name ?? n.id));
  }
  const accountScps = org.accountScps?.[account];
  const accountRcps = org.accountRcps?.[account];
  scpLevels.push(accountScps ?? [FULL_AWS_ACCESS]);
  scpDefault.push(accountScps === undefined);
  rcpLevels.push(accountRcps ?? []);
  rcpDefault.push(accountRcps === undefined);
  levelNames.push(accountName ?? account);
  return {
    orgId: org.id,
    // An organization without an id has no `aws:PrincipalOrgPaths` to give.
    path: org.id === '' ? '' : `${org.id}/${nodes.map((n) => n.id).join('/')}/`,
    management,
    scpLevels,
    rcpLevels,
    levelNames,
    scpDefault,
    rcpDefault,
  };
}
