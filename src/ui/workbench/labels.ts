/** Words the answer uses for decisions, verdicts, policy types and flowchart steps (level names come from the engine). */
import type { PolicyType } from '../../engine/model';
import type { Verdict } from '../../workbench/types';

export const DECISION_LABEL: Record<'Allow' | 'ExplicitDeny' | 'ImplicitDeny', string> = {
  Allow: 'Allow',
  ExplicitDeny: 'Explicit deny',
  ImplicitDeny: 'Implicit deny',
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  ...DECISION_LABEL,
  NotApplicable: 'Not in play',
};

export const POLICY_TYPE_LABEL: Record<PolicyType, string> = {
  identity: 'Identity-based policies',
  resource: 'Resource-based policy',
  trust: 'Role trust policy',
  boundary: 'Permissions boundary',
  session: 'Session policy',
  scp: 'Service control policies',
  rcp: 'Resource control policies',
};

/**
 * AWS's flowchart order (IAM User Guide, "Policy evaluation logic", the evaluation chart): explicit
 * deny, RCPs, SCPs, the resource-based policy, identity-based policies, the permissions boundary,
 * session policies. Every list of policy types in the answer follows it.
 */
export const POLICY_TYPE_ORDER: PolicyType[] = ['rcp', 'scp', 'resource', 'trust', 'identity', 'boundary', 'session'];

/** What a flowchart box did, in words. */
export const OUTCOME_LABEL: Record<string, string> = {
  allow: 'Allows',
  deny: 'Denies',
  'implicit-deny': 'No allow: denied',
  'not-applicable': 'Not in play',
  continue: 'Passes',
};

/** A flowchart note for people: the decision step's note is the decision's enum name. */
export function stepNote(note: string): string {
  return note in DECISION_LABEL ? DECISION_LABEL[note as keyof typeof DECISION_LABEL] : note;
}

export function decisionClass(d: string): string {
  return d === 'Allow' ? 'allow' : d === 'ExplicitDeny' ? 'deny' : d === 'ImplicitDeny' ? 'implicit' : 'na';
}

const PRINCIPAL_MATCH: Record<string, string> = {
  exact: 'names this caller exactly',
  anyone: 'names everyone',
  account: 'names the caller’s account',
  role: 'names the caller’s role',
  service: 'names this service',
  federated: 'names this identity provider',
  canonical: 'names this canonical user',
};

/** A trace element's note in words: the engine's `matched as exact` becomes `names this caller exactly`. */
export function elementNote(note: string): string {
  const m = /^matched as (\w+)$/.exec(note);
  return m && PRINCIPAL_MATCH[m[1]] ? PRINCIPAL_MATCH[m[1]] : note;
}
