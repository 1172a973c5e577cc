/**
 * AWS's AccessDenied message texts (IAM User Guide, "Troubleshoot access denied error messages";
 * cognito-sts reference, section 8): `User: <arn> is not authorized to perform: <action> on
 * resource: <resource> because no <type> policy allows the <action> action` for an implicit deny,
 * `… with an explicit deny in a <type> policy` for an explicit one. Only one policy type is named.
 */
import type { PolicyType } from './model';
import { POLICY_TYPE_PHRASES } from './model';

/** STS actions a role's trust policy authorizes: STS refuses them without naming a reason. */
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:assumerolewithsaml',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** The policy-type phrase AWS uses, with its article, for an explicit deny. */
const EXPLICIT = POLICY_TYPE_PHRASES;

/** The phrase after `because no` for an implicit deny. */
const IMPLICIT: Record<PolicyType, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: 'role trust policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
};

export interface DenialFacts {
  /** The caller's ARN as AWS prints it (the session ARN for a role session); `''` for anonymous. */
  principalArn: string;
  action: string;
  /** The resource ARN, or `*` / `''` for actions without a resource (the `on resource:` part is left out). */
  resource: string;
  /** `explicit` when a Deny statement decided, `implicit` when a policy type had no Allow. */
  kind: 'explicit' | 'implicit';
  policyType: PolicyType;
}

/** The principal as AWS names it in a denial. */
function who(arn: string): string {
  return arn === '' ? 'anonymous' : arn;
}

/** The AccessDenied message for a denied request. */
export function accessDeniedMessage(f: DenialFacts): string {
  const action = f.action;
  const head = `User: ${who(f.principalArn)} is not authorized to perform: ${action}`;
  const on = f.resource === '' || f.resource === '*' ? '' : ` on resource: ${f.resource}`;
  // STS answers a refused AssumeRole with no reason (cognito-sts reference, 8.3).
  const lower = action.toLowerCase();
  if (lower === 'sts:assumerolewithwebidentity' && f.kind === 'implicit' && f.policyType === 'trust') {
    return 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
  }
  if (TRUST_ACTIONS.has(lower) && f.policyType === 'trust') return `${head}${on}`;
  if (f.kind === 'explicit') return `${head}${on} with an explicit deny in ${EXPLICIT[f.policyType]}`;
  return `${head}${on} because no ${IMPLICIT[f.policyType]} allows the ${action} action`;
}

/** The name of a policy type as the messages use it (for explanations). */
export function policyTypeName(type: PolicyType): string {
  return IMPLICIT[type];
}
