/** What every check receives: the text, its line index, the policy type, the catalogue and the findings list. */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Catalog } from '../../catalog';
import type { Finding, LineIndex, Range, Severity } from '../diagnostics';
import type { Policy, PolicyType } from '../model';
import { POLICY_TYPE_PHRASES } from '../model';

export interface ValidateOptions {
  /** The kind of policy; defaults to `identity`. */
  type?: PolicyType;
  /** Without a catalogue, the checks that need AWS's action list are skipped. */
  catalog?: Catalog;
}

export interface Ctx {
  text: string;
  lines: LineIndex;
  type: PolicyType;
  catalog?: Catalog;
  policy: Policy;
  tree: JsonNode;
  findings: Finding[];
  add(code: string, severity: Severity, message: string, range: Range, help: string): void;
}

/** Where the policy types differ (IAM User Guide: policy types; Organizations: SCP and RCP syntax). */
export const TYPE_NAMES = POLICY_TYPE_PHRASES;

/** Types whose statements must name a `Principal`. */
export const NEEDS_PRINCIPAL = new Set<PolicyType>(['resource', 'trust', 'rcp']);
