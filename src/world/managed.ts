/**
 * Resolves AWS managed policies (`arn:aws:iam::aws:policy/…`) from the shipped data
 * (data/aws-managed-policies.json, shape `{ policies: [{ name, arn, version, document }] }`), so
 * a world can attach them without declaring them. The caller loads the data; this stays pure.
 */
import type { ManagedPolicy } from './types';

export interface ManagedPolicyData {
  policies: { arn: string; version: string; document: Record<string, unknown> }[];
}

/** A lookup for `AuthorizeOptions.managedPolicy`: one version, the default, per policy. */
export function managedPolicyLookup(data: ManagedPolicyData): (arn: string) => ManagedPolicy | undefined {
  const byArn = new Map<string, ManagedPolicy>();
  for (const p of data.policies) {
    byArn.set(p.arn, {
      arn: p.arn,
      versions: [{ versionId: p.version, document: p.document }],
      defaultVersion: p.version,
    });
  }
  return (arn) => byArn.get(arn);
}
