/** Words the answer uses for decisions, verdicts, policy types, flowchart steps and organization levels. */
import type { PolicyType } from '../../engine/model';
import type { FlowStep } from '../../engine/trace';
import type { OrgLevel, Verdict } from '../../workbench/types';
import { levelShortLabel } from './model';

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

/** The flowchart's boxes, always in AWS's chart order (the decision last). */
export const FLOW_STEP_ORDER: FlowStep[] = [
  'explicit-deny',
  'rcp',
  'scp',
  'resource',
  'identity',
  'boundary',
  'session',
  'decision',
];

/** What a flowchart box did, in words. */
export const OUTCOME_LABEL: Record<string, string> = {
  allow: 'Allows',
  deny: 'Denies',
  'implicit-deny': 'No allow: denied',
  'not-applicable': 'Not in play',
  continue: 'Passes',
};

/** The name of an organization level as the document tabs show it (`Root`, `OU`, `OU 2`, `Account`), or `level N` when unknown. */
export function levelName(levels: readonly OrgLevel[] | undefined, index: number): string {
  const l = levels?.[index];
  return l ? levelShortLabel(l) : `level ${index + 1}`;
}

/**
 * A note of the engine with its 0-based `level N` (the index in the policy set's list of levels)
 * named as the tabs name it: `at level 1` becomes `at the OU level`.
 */
export function nameLevels(note: string, levels: readonly OrgLevel[] | undefined): string {
  if (!levels) return note;
  return note.replace(/\bat level (\d+)/g, (whole, n: string) => {
    const l = levels[Number(n)];
    return l ? `at the ${levelShortLabel(l)} level` : whole;
  });
}

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
