/**
 * The simulated world as plain data: accounts, an organization tree with SCPs and RCPs, IAM users,
 * groups, roles, managed policies (with versions and a default version), inline policies, and
 * resources with their policies and tags. Policy documents are JSON values (objects) or JSON text.
 */

/** A policy document: a JSON object, or its JSON text (ranges then refer to that text). */
export type PolicyDocument = string | Record<string, unknown>;

export interface Account {
  /** 12-digit account id. */
  id: string;
  name?: string;
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface PolicyVersion {
  /** `v1`, `v2`, … */
  versionId: string;
  document: PolicyDocument;
}

/** A customer managed policy (`arn:aws:iam::ACCT:policy/PATH/NAME`) or an AWS managed one (`arn:aws:iam::aws:policy/NAME`). */
export interface ManagedPolicy {
  arn: string;
  /** At most five versions, as in IAM. */
  versions: PolicyVersion[];
  /** The version that is in effect. */
  defaultVersion: string;
}

export type Tags = Record<string, string>;

export interface User {
  account: string;
  name: string;
  /** `/` by default; `/division/` etc. */
  path?: string;
  /** The unique id (`AIDA…`); derived from the ARN when absent. */
  id?: string;
  inlinePolicies?: InlinePolicy[];
  /** ARNs of attached managed policies. */
  managedPolicies?: string[];
  /** Names of the groups (in the same account) the user belongs to. */
  groups?: string[];
  /** ARN of the managed policy used as permissions boundary. */
  permissionsBoundary?: string;
  tags?: Tags;
}

export interface Group {
  account: string;
  name: string;
  path?: string;
  inlinePolicies?: InlinePolicy[];
  managedPolicies?: string[];
}

export interface Role {
  account: string;
  name: string;
  path?: string;
  /** The unique id (`AROA…`); derived from the ARN when absent. */
  id?: string;
  /** The role trust policy: who may assume it. */
  trustPolicy: PolicyDocument;
  inlinePolicies?: InlinePolicy[];
  managedPolicies?: string[];
  permissionsBoundary?: string;
  tags?: Tags;
  /** Seconds, 3600 to 43200; default 3600. */
  maxSessionDuration?: number;
}

/** A resource with a resource-based policy and/or tags: an S3 bucket, a KMS key, an SQS queue, … */
export interface Resource {
  arn: string;
  /** The owning account; default: the ARN's account (S3 bucket ARNs have none, so give it). */
  account?: string;
  /** The resource-based policy (bucket policy, key policy, queue policy, …). */
  policy?: PolicyDocument;
  tags?: Tags;
}

/** A policy of AWS Organizations: a service control policy or a resource control policy. */
export interface OrgPolicy {
  /** `p-…` id or a name; nodes refer to it by this id. */
  id: string;
  name?: string;
  type: 'SCP' | 'RCP';
  document: PolicyDocument;
}

/** A root or an OU of the organization tree. */
export interface OrgUnit {
  /** `r-…` for the root, `ou-…` for OUs. */
  id: string;
  name?: string;
  /** Ids of attached SCPs (`FullAWSAccess` is built in). */
  scps?: string[];
  /** Ids of attached RCPs (`RCPFullAWSAccess` is always attached and implied). */
  rcps?: string[];
  /** Member accounts directly under this node. */
  accounts?: string[];
  children?: OrgUnit[];
}

export interface Organization {
  /** `o-…`: the value of `aws:PrincipalOrgID` / `aws:ResourceOrgID`. */
  id: string;
  /** The management account: SCPs and RCPs do not apply to it. */
  managementAccount: string;
  root: OrgUnit;
  policies?: OrgPolicy[];
  /** SCPs attached to each member account itself (the last level of the path), by account id. */
  accountScps?: Record<string, string[]>;
  /** RCPs attached to each member account itself, by account id. */
  accountRcps?: Record<string, string[]>;
}

export interface World {
  accounts: Account[];
  organization?: Organization;
  users?: User[];
  groups?: Group[];
  roles?: Role[];
  /** Customer managed policies and any AWS managed policy the world uses. */
  managedPolicies?: ManagedPolicy[];
  resources?: Resource[];
}
