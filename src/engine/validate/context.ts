/** What every check receives: the text, its line index, the policy type, the catalogue and the findings list. */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Catalog } from '../../catalog';
import type { Finding, LineIndex, Range } from '../diagnostics';
import type { FindingCode, SeverityOf } from '../findings';
import type { Policy, PolicyType } from '../model';
import { POLICY_TYPE_PHRASES } from '../model';

export interface ValidateOptions {
  /** The kind of policy; defaults to `identity`. */
  type?: PolicyType;
  /** Without a catalogue, the checks that need AWS's action list are skipped. */
  catalog?: Catalog;
  /**
   * The IAM object the document is stored as, for IAM's size limits (characters without
   * whitespace): `managed` (customer managed policy, 6,144), `user-inline` (2,048, all of a user's
   * inline policies together), `role-inline` (10,240, a role's), `group-inline` (5,120, a group's).
   * Without it, no size check is made. For a user's several inline policies use `inlineSizeFindings`.
   */
  kind?: PolicyKind;
}

/** Where a policy document is stored, as far as IAM's size limits go. */
export type PolicyKind = 'managed' | 'user-inline' | 'role-inline' | 'group-inline';

export interface Ctx {
  text: string;
  lines: LineIndex;
  type: PolicyType;
  catalog?: Catalog;
  policy: Policy;
  tree: JsonNode;
  findings: Finding[];
  /** Adds a finding with the code's registered severity (or, where the registry allows it, its `also`). */
  report<C extends FindingCode>(code: C, message: string, range: Range, help: string, severity?: SeverityOf<C>): void;
  /** The same with the severity written out; it must be one the registry allows for the code. */
  add<C extends FindingCode>(code: C, severity: SeverityOf<C>, message: string, range: Range, help: string): void;
}

/** Where the policy types differ (IAM User Guide: policy types; Organizations: SCP and RCP syntax). */
export const TYPE_NAMES = POLICY_TYPE_PHRASES;

/** Types whose statements must name a `Principal`. */
export const NEEDS_PRINCIPAL = new Set<PolicyType>(['resource', 'trust', 'rcp']);
