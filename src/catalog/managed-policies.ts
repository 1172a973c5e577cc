/**
 * Reads the generated AWS managed policies (`CompactManagedPolicies`): each policy with its
 * default version's document at hand, and any older version rebuilt on demand from the deltas.
 */
import type { CompactManagedPolicies, LineDelta, ManagedPoliciesMeta } from './managed-types';

export const AWS_MANAGED_ARN_PREFIX = 'arn:aws:iam::aws:policy';

export interface ManagedPolicyVersionInfo {
  /** `v1`, `v2`, … */
  versionId: string;
  /** When AWS published it (ISO 8601). */
  createDate: string;
  isDefault: boolean;
}

export interface ManagedPolicyRecord {
  name: string;
  arn: string;
  /** `/`, `/service-role/`, `/job-function/`, `/aws-service-role/`, … */
  path: string;
  /** The default version's id. */
  version: string;
  createDate: string;
  /** When AWS last changed it (ISO 8601). */
  updated: string;
  /** Newest first; the first is the default. */
  versions: ManagedPolicyVersionInfo[];
  /** The document of the default version. */
  document: Record<string, unknown>;
}

/** Rebuilds lines from the newer version's `from` with a delta (see `LineDelta`). */
export function applyLineDelta(from: readonly string[], delta: LineDelta): string[] {
  const out: string[] = [];
  let i = 0;
  for (const op of delta) {
    if (typeof op === 'string') out.push(op);
    else if (op > 0) for (let c = 0; c < op && i < from.length; c++) out.push(from[i++]);
    else i -= op;
  }
  while (i < from.length) out.push(from[i++]);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class ManagedPolicyData {
  readonly meta: ManagedPoliciesMeta;
  /** By name, A–Z. */
  readonly policies: ManagedPolicyRecord[];
  private readonly byArnMap = new Map<string, number>();
  private readonly byNameMap = new Map<string, number>();
  private readonly deltas: LineDelta[][];

  private constructor(meta: ManagedPoliciesMeta, policies: ManagedPolicyRecord[], deltas: LineDelta[][]) {
    this.meta = meta;
    this.policies = policies;
    this.deltas = deltas;
    policies.forEach((p, i) => {
      this.byArnMap.set(p.arn, i);
      this.byNameMap.set(p.name.toLowerCase(), i);
    });
  }

  /** Reads the generated file; throws on one that is not of that shape (a truncated download, say). */
  static fromCompact(data: CompactManagedPolicies): ManagedPolicyData {
    if (!isObject(data) || !isObject(data.meta) || !Array.isArray(data.policies))
      throw new Error('the managed policy library is not in the expected format');
    const policies: ManagedPolicyRecord[] = [];
    const deltas: LineDelta[][] = [];
    data.policies.forEach((row, i) => {
      const [name, path, createDate, updated, versions] = Array.isArray(row) ? row : [];
      const first = Array.isArray(versions) ? versions[0] : undefined;
      if (
        typeof name !== 'string' ||
        typeof path !== 'string' ||
        !versions ||
        !Array.isArray(first) ||
        !isObject(first[2])
      )
        throw new Error(`the managed policy library's row ${i + 1} is not in the expected format`);
      policies.push({
        name,
        arn: `${AWS_MANAGED_ARN_PREFIX}${path}${name}`,
        path,
        version: String(first[0]),
        createDate: String(createDate ?? ''),
        updated: String(updated ?? ''),
        versions: versions.map(([versionId, date], j) => ({
          versionId: String(versionId),
          createDate: String(date ?? ''),
          isDefault: j === 0,
        })),
        document: first[2],
      });
      deltas.push(versions.slice(1).map((v) => (Array.isArray(v[2]) ? (v[2] as LineDelta) : [])));
    });
    return new ManagedPolicyData(data.meta, policies, deltas);
  }

  get count(): number {
    return this.policies.length;
  }

  /** The policy with this ARN (exact, as IAM compares them). */
  byArn(arn: string): ManagedPolicyRecord | undefined {
    const i = this.byArnMap.get(arn);
    return i === undefined ? undefined : this.policies[i];
  }

  /** The policy with this name, case-insensitively. */
  byName(name: string): ManagedPolicyRecord | undefined {
    const i = this.byNameMap.get(name.toLowerCase());
    return i === undefined ? undefined : this.policies[i];
  }

  /**
   * One version's document as the library shows it (`JSON.stringify(document, null, 2)`), or
   * undefined for a version the policy does not have. Older versions are rebuilt from the default
   * one, one delta per version in between.
   */
  versionText(policy: ManagedPolicyRecord, versionId: string): string | undefined {
    const i = this.byArnMap.get(policy.arn);
    if (i === undefined) return undefined;
    const at = policy.versions.findIndex((v) => v.versionId === versionId);
    if (at < 0) return undefined;
    let lines = JSON.stringify(policy.document, null, 2).split('\n');
    for (let j = 0; j < at; j++) lines = applyLineDelta(lines, this.deltas[i][j]);
    return lines.join('\n');
  }

  /** One version's document, or undefined for a version the policy does not have. */
  versionDocument(policy: ManagedPolicyRecord, versionId: string): Record<string, unknown> | undefined {
    if (versionId === policy.version) return policy.document;
    const text = this.versionText(policy, versionId);
    return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
  }
}
