/** Words the answer uses for decisions, verdicts and policy types. */
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

export const POLICY_TYPE_ORDER: PolicyType[] = ['scp', 'rcp', 'resource', 'trust', 'identity', 'boundary', 'session'];

export function decisionClass(d: string): string {
  return d === 'Allow' ? 'allow' : d === 'ExplicitDeny' ? 'deny' : d === 'ImplicitDeny' ? 'implicit' : 'na';
}
