/**
 * The normalised policy model and the request shape shared by the parser, the evaluator, the
 * decision logic, validation and the language service. Every element keeps its source range so
 * findings and trace steps can highlight the exact text.
 */
import type { Range } from './diagnostics';

/** A value with the source range it came from. */
export interface Ranged<T> {
  value: T;
  range: Range;
}

/** An element that may be a single string or an array of strings in the JSON; normalised to a list. */
export interface ValueList {
  values: Ranged<string>[];
  /** True when the JSON had a single string rather than an array. */
  single: boolean;
  range: Range;
}

/** `Principal` / `NotPrincipal`. `"*"` (the bare string) sets `anyone`; `{"AWS":"*"}` is an `AWS` entry with value `*`. */
export interface PrincipalElement {
  anyone: boolean;
  /** Keyed by principal type as written: `AWS`, `Service`, `Federated`, `CanonicalUser` (others kept for validation). */
  entries: { type: Ranged<string>; values: ValueList }[];
  range: Range;
}

/** A condition value as written; `json` keeps the JSON type (validation warns on some). */
export interface ConditionValue extends Ranged<string> {
  json: 'string' | 'number' | 'boolean' | 'null' | 'other';
}

export interface ConditionKeyEntry {
  /** The key as written, e.g. `aws:PrincipalTag/team`. Keys are matched case-insensitively. */
  key: Ranged<string>;
  values: ConditionValue[];
  range: Range;
}

export interface ConditionOperatorEntry {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: Ranged<string>;
  keys: ConditionKeyEntry[];
  range: Range;
}

export interface Statement {
  /** 0-based position in the policy's `Statement` list. */
  index: number;
  sid?: Ranged<string>;
  /** `Allow` or `Deny` as written; anything else makes the statement unusable (validation says so). */
  effect?: Ranged<string>;
  action?: ValueList;
  notAction?: ValueList;
  resource?: ValueList;
  notResource?: ValueList;
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  condition?: ConditionOperatorEntry[];
  /**
   * Elements present in the JSON that the parser could not read faithfully (an unknown key such as
   * `Condtion`, a `Condition` that is not an object, a list item that is not a string, …). A
   * statement with any is never evaluated as if they were absent: the engine treats it as invalid.
   */
  unreadable?: { element: string; reason: string; range: Range }[];
  range: Range;
}

export interface Policy {
  version?: Ranged<string>;
  id?: Ranged<string>;
  /** Policy variables are substituted only when Version is exactly `2012-10-17`; otherwise `${…}` is literal text. */
  variablesEnabled: boolean;
  statements: Statement[];
  /** True when `Statement` was a single object rather than an array. */
  singleStatement: boolean;
  range: Range;
}

/** The policy types, named as AWS names them in AccessDenied messages. */
export type PolicyType = 'identity' | 'resource' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp';

/** How AWS names each policy type in prose, with its article (AccessDenied messages, findings). */
export const POLICY_TYPE_PHRASES: Record<PolicyType, string> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  trust: 'a role trust policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
};

/** Which document a statement came from: enough for the UI to highlight it and jump to it. */
export interface StatementRef {
  /** Caller-chosen id of the policy document (e.g. `identity:0`, `arn:aws:iam::aws:policy/ReadOnlyAccess`). */
  policyId: string;
  policyType: PolicyType;
  statementIndex: number;
  sid?: string;
  range: Range;
}

/** A context value: one string, or a list for multi-valued keys (`aws:TagKeys`, …). */
export type ContextValue = string | string[];

/** The request to evaluate. Context keys are matched case-insensitively. */
export interface Request {
  /** A principal ARN, a service principal (`ec2.amazonaws.com`), or `anonymous`. */
  principal: string;
  /** `service:Action`. */
  action: string;
  /** An ARN, or `*` for actions that take no resource. */
  resource: string;
  /** The account that owns the resource; defaults to the ARN's account, else the principal's. */
  resourceAccount?: string;
  context?: Record<string, ContextValue>;
}
