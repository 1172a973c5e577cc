/**
 * Which policy types apply to a request (IAM User Guide, "Policy evaluation logic", "SCPs",
 * "RCPs", "Cross-account policy evaluation logic").
 */
import type { Caller } from '../evaluate/types';
import { isServiceLinkedRole } from '../caller';

/** Services that support resource control policies (AWS Organizations User Guide, "RCPs": supported services). */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  's3',
  'sts',
  'kms',
  'sqs',
  'secretsmanager',
  'cognito-idp',
  'logs',
  'dynamodb',
  'ecr',
  'aoss',
]);

const ASSUME_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithwebidentity', 'sts:assumerolewithsaml']);

/** The service prefix of an action, lower-cased. */
export function servicePrefix(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}

/** `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML` on a role ARN: the trust policy decides with the identity policies. */
export function isAssumeRole(action: string, resource: string): boolean {
  return ASSUME_ACTIONS.has(action.toLowerCase()) && /^arn:[a-z-]+:iam::\d{12}:role\//.test(resource);
}

/** A KMS action on a key ARN: the key policy must allow (directly or by delegating to IAM). */
export function isKmsKey(action: string, resource: string): boolean {
  return servicePrefix(action) === 'kms' && /^arn:[a-z-]+:kms:[^:]*:\d{12}:key\//.test(resource);
}

/** Callers that have identity-based policies of their own. */
export function hasIdentityPolicies(caller: Caller): boolean {
  return (
    caller.kind === 'user' ||
    caller.kind === 'role' ||
    caller.kind === 'assumed-role' ||
    caller.kind === 'federated-user'
  );
}

/**
 * SCPs limit principals of member accounts (users, roles, sessions, the member account's root user);
 * service-linked roles are exempt, and callers outside any account (anonymous, AWS services, web
 * identities) are not governed by them.
 */
export function scpsApply(caller: Caller): boolean {
  if (
    caller.kind === 'anonymous' ||
    caller.kind === 'service' ||
    caller.kind === 'web-identity' ||
    caller.kind === 'saml'
  )
    return false;
  return !isServiceLinkedRole(caller);
}

/** RCPs limit requests to resources of member accounts for supported services; service-linked roles are exempt. */
export function rcpsApply(caller: Caller, action: string): boolean {
  return RCP_SERVICES.has(servicePrefix(action)) && !isServiceLinkedRole(caller);
}
