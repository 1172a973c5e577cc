/**
 * The decision's input and answer (IAM User Guide, "Policy evaluation logic"): the policies that
 * apply to one request, grouped by type, and the answer with its reasons.
 */
import type { Finding } from '../diagnostics';
import type { Policy, PolicyType, StatementRef } from '../model';
import type { TraceEvent } from '../trace';

/** One policy document and the id it is known by (shown in the trace and in deciding statements). */
export interface PolicyEntry {
  id: string;
  policy: Policy;
}

/** The policies that apply to one request. Absent groups do not apply. */
export interface PolicySet {
  /** Identity-based policies: user inline + managed + every group's, or role inline + managed. */
  identity?: PolicyEntry[];
  /** The resource's policy: bucket/queue/topic policy, a role's trust policy, a KMS key policy. */
  resource?: PolicyEntry;
  /**
   * How the resource policy acts. `trust`: a role trust policy (sts:AssumeRole*; required). `key`: a
   * KMS key policy (required; the account principal delegates to IAM). Default: inferred from the
   * action and the resource ARN.
   */
  resourceKind?: 'resource' | 'trust' | 'key';
  /** The principal's permissions boundary. */
  boundary?: PolicyEntry;
  /** Session policies passed when the session was created (inline `Policy` and `PolicyArns`). */
  session?: PolicyEntry[];
  /** SCPs of the principal's account, one list per level, root first. Absent: not in an organization or the management account. */
  scps?: PolicyEntry[][];
  /** RCPs of the resource's account, one list per level, root first; `RCPFullAWSAccess` is implied at every level. */
  rcps?: PolicyEntry[][];
  /**
   * A name per SCP level, root first, for notes and the trace (the workbench passes its OU names).
   * Default: `root`, `OU 1`, `OU 2` …, `account`.
   */
  scpLevelNames?: string[];
  /** A name per RCP level, root first; the same defaults as `scpLevelNames`. */
  rcpLevelNames?: string[];
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** A verdict per policy type: `NotApplicable` when no policy of that type applies to the request. */
export type Verdict = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'NotApplicable';

export interface DecisionResult {
  decision: Decision;
  /** The statements that decided: the matching Deny statements, or every matching Allow that was needed; empty for an implicit deny. */
  deciding: StatementRef[];
  /** The policy type that denied (named in the message); absent when allowed. */
  deniedBy?: PolicyType;
  byPolicyType: Partial<Record<PolicyType, Verdict>>;
  /** AWS's AccessDenied text for a denial; `''` when allowed. */
  message: string;
  trace: TraceEvent[];
  /** Statements that could not be evaluated, and other problems found while deciding. */
  errors: Finding[];
}

export interface EvaluateOptions {
  /** Record the trace (default true). Off is faster: the bench and the CLI without `--explain`. */
  trace?: boolean;
  /** The resource's account; default: `aws:ResourceAccount` from the context, else the ARN's, else the caller's. */
  resourceAccount?: string;
  /** Word the AccessDenied message (default true); off, `message` is empty (a caller that needs only the decision). */
  message?: boolean;
}
