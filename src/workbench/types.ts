/**
 * Plain data shapes the page and the engine worker exchange (no classes, no functions): the
 * documents in play, the request draft, and the worker's answers as tagged unions.
 */
import type { Finding, Range } from '../engine/diagnostics';
import type { PolicyType, StatementRef } from '../engine/model';
import type { TraceEvent } from '../engine/trace';
import type { PolicyKind } from '../engine/validate';

/** The kinds of document the workbench edits (its own vocabulary; `resource` becomes a trust or key policy when the request asks for one). */
export type DocKind = 'identity' | 'resource' | 'boundary' | 'scp' | 'rcp' | 'session';

/**
 * The levels of an organization path an SCP or RCP can be attached at, root first: the root, up
 * to five nested OUs (AWS Organizations' limit), and the account.
 */
export const ORG_LEVEL_ORDER = ['root', 'ou', 'ou2', 'ou3', 'ou4', 'ou5', 'account'] as const;
export type OrgLevel = (typeof ORG_LEVEL_ORDER)[number];

/**
 * A level's name as the document tabs show it (`Root`, `OU`, `OU 2`, …, `Account`); the workbench
 * passes these to the engine as the policy set's level names, so its notes say the same names.
 */
export function orgLevelName(level: OrgLevel): string {
  if (level === 'root') return 'Root';
  if (level === 'account') return 'Account';
  return level === 'ou' ? 'OU' : `OU ${level.slice(2)}`;
}

export interface DocInput {
  id: string;
  name: string;
  kind: DocKind;
  /** For SCPs and RCPs: the organization level. */
  level?: OrgLevel;
  /** For identity policies and permissions boundaries: how IAM stores it (absent: a customer managed policy). */
  storedAs?: StoredAs;
  text: string;
}

/**
 * How IAM stores an identity policy or a permissions boundary, when it is not a customer managed
 * policy: an AWS managed policy (from the library: AWS writes it, no size limit of the account
 * applies), or an inline policy of a user or of a role.
 */
export type StoredAs = 'aws-managed' | 'user-inline' | 'role-inline';

/**
 * The size limit a document is held to (IAM User Guide, "IAM and AWS STS quotas"): an identity
 * policy or a boundary the learner writes is a customer managed policy (6,144 characters) unless
 * it is stored inline (a user's 2,048 in total, a role's 10,240); AWS managed policies and the
 * other kinds are not checked here.
 */
export function sizeKind(kind: DocKind, storedAs: StoredAs | undefined): PolicyKind | undefined {
  if (storedAs === 'aws-managed') return undefined;
  if (kind === 'identity') return storedAs ?? 'managed';
  if (kind === 'boundary') return 'managed';
  return undefined;
}

export interface RequestInput {
  principal: string;
  actions: string[];
  resource: string;
  resourceAccount: string;
  context: { key: string; value: string }[];
}

export type Answer<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** One line of a policy's plain-English summary. */
export interface SummaryLine {
  text: string;
  range?: Range;
}

export interface Analysis {
  findings: Finding[];
  /** The summary, statement by statement; absent when the summary service is not available or the policy cannot be read. */
  summary?: SummaryLine[];
  /** What this answer could not include (e.g. a service that is not available in this build). */
  missing: string[];
}

export type Verdict = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny' | 'NotApplicable';

export interface EvaluationRow {
  action: string;
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  message: string;
  deciding: StatementRef[];
  deniedBy?: PolicyType;
  byPolicyType: Partial<Record<PolicyType, Verdict>>;
  trace: TraceEvent[];
  errors: Finding[];
  /**
   * The request names an action AWS does not have (a typo, an unknown service) or a wildcard: the
   * decision is only what AWS would answer if such an action existed.
   */
  actionProblem?: ActionProblem;
}

export interface ActionProblem {
  kind: 'unknown-action' | 'unknown-service' | 'wildcard' | 'malformed';
  /** Lowercase, user input in backticks, no final period. */
  message: string;
  /** The closest action AWS has, when there is one. */
  suggestion?: string;
}

/** A document IAM would refuse to store (IAM's `MalformedPolicyDocument`): the workbench does not decide with it as written. */
export interface RefusedDoc {
  docId: string;
  name: string;
  /** The first finding IAM refuses, with its range in the document (for the jump). */
  finding: Finding;
  /** How many refusing findings the document has. */
  count: number;
  /** True when the text is not a policy at all (JSON syntax, not an object): it is left out even when evaluating anyway. */
  unreadable: boolean;
  /** Statement indexes (0-based) the refusals fall in: evaluated fail-closed when evaluating anyway. */
  statements: number[];
}

/** A request field the answer could not take as typed. */
export type RequestField = 'principal' | 'resource' | 'resourceAccount';

export interface EvaluationAnswer {
  rows: ({ ok: true; value: EvaluationRow } | { ok: false; action: string; error: string })[];
  /** Documents left out because they cannot be read (JSON errors, not a policy). */
  skipped: { docId: string; name: string; reason: string }[];
  /** Problems with the request: a context value of the wrong type, an unknown action, … */
  notes: string[];
  /** Documents IAM would refuse. Unless `anyway`, the page shows the refusal instead of a decision. */
  refused: RefusedDoc[];
  /** True when the rows were decided anyway, fail-closed: broken Allow statements never match, broken Deny statements always apply. */
  anyway: boolean;
  /** Per request field, what is wrong with it as typed (shown at the field). */
  fields: Partial<Record<RequestField, string>>;
  /** The organization level of each entry of the policy set's SCP and RCP lists (the trace's `level` indexes them). */
  levels: { scp: OrgLevel[]; rcp: OrgLevel[] };
}

export interface EvaluateOptions {
  /** Decide even with documents IAM would refuse, fail-closed. */
  anyway?: boolean;
}

export interface ActionSuggestion {
  /** What to insert, e.g. `s3:GetObject` or `s3:`. */
  value: string;
  /** Access level, or `service` for a prefix. */
  detail: string;
  description: string;
}

export interface ContextKeySuggestion {
  key: string;
  type: string;
  description: string;
  global: boolean;
}

export interface RequestHints {
  /** Per action: known to the catalogue, and its access level. */
  actions: { action: string; known: boolean; accessLevel?: string; description?: string; suggestion?: string }[];
  /** ARN templates of the first known action's resource types, with partition, region and account filled in. */
  resourceTemplates: { name: string; template: string; required: boolean }[];
  /** True when the first known action takes no resource (`*`). */
  noResource: boolean;
  contextKeys: ContextKeySuggestion[];
  /** The documented type of each context key in the request, by key as typed. */
  keyTypes: Record<string, string>;
}

/** Offsets (0-based, UTF-16) into the document text: the worker's editor-agnostic range. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value' | 'action' | 'service' | 'key' | 'operator' | 'arn' | 'snippet';
  insertText: string;
  /** The text the entry replaces. */
  range: OffsetRange;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText?: string;
}

export interface HoverAnswer {
  /** Markdown (rendered by Monaco as text, never as raw HTML). */
  contents: string;
  range: OffsetRange;
}

export interface QuickFix {
  title: string;
  /** The finding code it fixes, if any. */
  fixes?: string;
  preferred?: boolean;
  edits: { range: OffsetRange; newText: string }[];
}
