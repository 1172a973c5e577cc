/**
 * The access graph's shapes: who (principals) can do what (actions, grouped by access level) to
 * which resource, the escalation edges "A can become B" and "A can become admin", and the layouts
 * that place them. Everything here is plain data: it crosses the worker boundary unchanged and is
 * what `iamplay graph` prints as JSON.
 *
 * The engine stays the judge: every edge can be proved by `authorize` (see `proof.ts`), and a
 * property test compares the indexed relation with `authorize` on random triples.
 */
import type { AccessLevel } from '../catalog/types';
import type { ContextValue, PolicyType } from '../engine/model';

export type { AccessLevel };

/** The access levels in the order the console's policy summary lists them. */
export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/**
 * A principal of the graph.
 * - `user`: an IAM user (requests are made as the user's ARN).
 * - `role`: an IAM role, standing for the sessions the world implies (requests are made as
 *   `arn:aws:sts::ACCOUNT:assumed-role/NAME/graph`; the node's id is the role's ARN).
 * - `root`: an account's root user in the world.
 * - `account`: another account that a resource or trust policy names (`arn:aws:iam::ACCOUNT:root`):
 *   any principal of it whose own policies allow the action.
 * - `service`: an AWS service principal a policy names (`lambda.amazonaws.com`).
 * - `anonymous`: anyone, unauthenticated.
 */
export type PrincipalKind = 'user' | 'role' | 'root' | 'account' | 'service' | 'anonymous';

export interface GraphPrincipal {
  /** The node's id: the user's or role's ARN, `arn:aws:iam::ACCOUNT:root`, a service name, `anonymous`. */
  id: string;
  kind: PrincipalKind;
  /** The principal a request is made as (`WorldRequest.principal`). */
  requestAs: string;
  /** Short name for display: `alice`, `photos-app-authenticated`, `root (111122223333)`, `anyone`. */
  label: string;
  /** The account it belongs to (none for services and anonymous). */
  account?: string;
  /** IAM path (`/`, `/admins/`), for collapsing. */
  path?: string;
  /** Group names of a user, for collapsing. */
  groups?: string[];
  tags?: Record<string, string>;
  /** True for an account or service the world names but does not hold (outside the world). */
  external?: boolean;
}

export interface GraphResource {
  arn: string;
  /** The catalogue's resource type, `service:name`: `s3:bucket`, `s3:object`, `dynamodb:table`, `iam:role`. */
  type: string;
  /** Short name for display: `playground-photos`, `Notes`, `web-server`. */
  label: string;
  account?: string;
  path?: string;
  tags?: Record<string, string>;
  /** True when the world holds a resource-based policy (or trust policy) for it. */
  hasPolicy: boolean;
}

/**
 * What the context panel fixes for every request the graph decides. A key not fixed here and not
 * implied by the principal and the resource (tags, accounts, user name, organization) is "open":
 * a statement whose condition reads an open key makes its edge conditional, with the condition kept.
 */
export interface GraphContext {
  /** `aws:MultiFactorAuthPresent` (and `aws:MultiFactorAuthAge` 0 when true); open when absent. */
  mfa?: boolean;
  /** `aws:SourceIp`; open when absent. */
  sourceIp?: string;
  /** The request time, ISO 8601 (`aws:CurrentTime`, `aws:EpochTime`); default: the graph's `now`. */
  time?: string;
  /** Any other keys, as the workbench takes them. */
  keys?: Record<string, ContextValue>;
}

/** Whether an access holds: in every request (`always`), only under a condition (`conditional`), or not (`never`). */
export type Holds = 'always' | 'conditional' | 'never';

/** A statement whose condition the graph could not decide from the world and the context. */
export interface ConditionNote {
  policyId: string;
  policyType: PolicyType;
  statementIndex: number;
  sid?: string;
  /** `Allow`: the access holds when the condition holds. `Deny`: it holds unless the condition holds. */
  effect: 'Allow' | 'Deny';
  /** The open keys the condition reads, as written. */
  keys: string[];
  /** The statement's `Condition` element as JSON text. */
  condition: string;
  /**
   * Context values under which the statement's condition holds (for `Allow`) or fails (for
   * `Deny`), when the graph can name some: the property test checks the access with them.
   */
  witness?: Record<string, ContextValue>;
}

export interface AccessAnswer {
  holds: Holds;
  /** For `conditional`: the statements whose conditions decide it. */
  conditions?: ConditionNote[];
  /**
   * For `conditional`: open keys and values under which `authorize` allows (a key left out is
   * absent); added to the graph context's keys, they make the request an Allow.
   */
  witness?: Record<string, ContextValue>;
}

/** One bundled edge: a principal's access to a resource at one access level. */
export interface AccessEdge {
  principal: string;
  resource: string;
  level: AccessLevel;
  /** `always` when some action of the level always holds; else `conditional`. Never `never`. */
  holds: 'always' | 'conditional';
  /** The actions of this level that hold (`service:Action`, as the catalogue spells them), sorted. */
  actions: string[];
  /** The actions among `actions` that hold only conditionally. */
  conditionalActions?: string[];
  /** For conditional actions: the statements whose conditions decide them (deduplicated). */
  conditions?: ConditionNote[];
}

/** What is asked of the access relation; the worker and the CLI pass the same. */
export interface GraphOptions {
  context?: GraphContext;
  /** The request time in milliseconds (default: now). */
  now?: number;
}

/** Counts for the bench and the page's summary. */
export interface AccessStats {
  principals: number;
  resources: number;
  /** Distinct (principal, action, resource) triples the relation decided. */
  decisions: number;
  milliseconds: number;
}

/**
 * The pathfinding.cloud categories of an escalation step:
 * - `self-escalation`: the principal gives itself more permissions (a policy, a version, a group).
 * - `principal-access`: it gets another principal's credentials or sessions (access keys, login
 *   profile, AssumeRole, trust policy).
 * - `new-passrole`: it passes a role to a new resource of a service that runs as that role.
 * - `existing-passrole`: it drives an existing resource that already runs as a role (update a
 *   function's code, a stack, a Glue endpoint; SSM on an instance).
 * - `credential-access`: it reads credentials kept elsewhere.
 */
export type EscalationCategory =
  'self-escalation' | 'principal-access' | 'new-passrole' | 'existing-passrole' | 'credential-access';

/** The node that stands for "has administrator access". */
export const ADMIN = 'admin';

/** One action an escalation step needs, on its resource, with the engine's answer. */
export interface RequiredAction {
  action: string;
  resource: string;
  holds: 'always' | 'conditional';
  conditions?: ConditionNote[];
  /**
   * Context keys the step fixes for this action besides the graph's context: `iam:PassedToService`
   * for the role a new-passrole step passes (the service is known). A proof asks with them.
   */
  context?: Record<string, ContextValue>;
}

/** An escalation edge: `from` can become `to` (a principal's id, or `admin`). */
export interface EscalationStep {
  from: string;
  to: string;
  /** The technique's id: `iam:CreateAccessKey`, `iam:PassRole+ec2:RunInstances`, `sts:AssumeRole`, … */
  kind: string;
  category: EscalationCategory;
  /** The actions the step needs (for the CLI's JSON: `actions`), in the order they are used. */
  actions: string[];
  /** Each action with the resource it is on and the engine's answer: the proof. */
  required: RequiredAction[];
  holds: 'always' | 'conditional';
  /** One sentence: `alice can create an access key for bob and sign in as bob`. */
  description: string;
}

export interface EscalationPath {
  /** The principal that can reach admin. */
  principal: string;
  /** The shortest path, from the principal to `admin`. */
  path: EscalationStep[];
}

export interface Escalations {
  /** Principals that already have administrator access (they are not paths). */
  admins: string[];
  /** Every escalation edge between principals and to `admin`. */
  edges: EscalationStep[];
  /** One entry per principal (not an admin) that can reach admin, shortest path first by hops. */
  paths: EscalationPath[];
}

/** A change the fix proposal makes to the world, in words and as data. */
export interface FixChange {
  /** `Deny iam:PassRole on arn:aws:iam::111122223333:role/admin for alice`. */
  description: string;
  /** The principal whose policies change (its id). */
  principal: string;
  /** The kind of change: an inline deny added, or a policy detached. */
  kind: 'add-deny' | 'detach-policy' | 'remove-statement';
  /** The actions and resources the change stops. */
  actions: string[];
  resources: string[];
  /**
   * Where an `add-deny` goes: an inline policy of `principal` (default), or a statement of the
   * trust policy of the role `principal` that denies `sts:AssumeRole` to `denied`.
   */
  place?: 'inline-policy' | 'trust-policy';
  /** For `trust-policy`: the principals (ids) the added statement names. */
  denied?: string[];
}

/** An access the learner marks as needed: it must still hold after the fix. */
export interface NeededAccess {
  principal: string;
  action: string;
  resource: string;
}

export interface FixProposal {
  changes: FixChange[];
  /** Paths left after applying the changes and recomputing (empty when the fix works). */
  remaining: EscalationPath[];
  /** Each needed access, decided again on the fixed world. */
  needed: (NeededAccess & { holds: Holds })[];
}

/** A node of a laid-out graph. */
export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Layer (rank) of a layered layout: hops from the sources. */
  rank?: number;
}

export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  /** The polyline to draw, from source to target. */
  points: { x: number; y: number }[];
}

export interface Layout {
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  width: number;
  height: number;
}
