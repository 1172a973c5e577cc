/**
 * Who is an administrator: a principal for whom the checker says `always` to every probe action
 * on `*`. The probes stand for "can do anything": IAM's permission management on users, roles and
 * policies (any one of which grants the rest), credentials of others, passing and assuming roles,
 * and data and compute in several services. A principal limited to one service (`iam:*` only,
 * `s3:*`), a read-only one, PowerUserAccess (no IAM), or one whose SCP or boundary denies
 * `iam:Put*` or `iam:Attach*` fails some probe, so it is not an administrator (its self-modification
 * edges, if any, lead to `admin` instead). Every probe is asked on `*`, so a statement scoped to some
 * resources does not count: an administrator's allow covers every resource.
 */
import type { Checker } from '../check';
import type { GraphPrincipal } from '../types';

export const ADMIN_PROBES: readonly string[] = [
  'iam:AttachUserPolicy',
  'iam:PutRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:CreateAccessKey',
  'iam:UpdateAssumeRolePolicy',
  'iam:PassRole',
  'sts:AssumeRole',
  'ec2:RunInstances',
  'lambda:UpdateFunctionCode',
  's3:GetObject',
  's3:PutBucketPolicy',
  'dynamodb:DeleteTable',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
];

export function isAdmin(check: Checker, p: GraphPrincipal): boolean {
  return ADMIN_PROBES.every((a) => check(p, a, '*').holds === 'always');
}
