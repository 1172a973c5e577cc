export type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  Catalog,
  CatalogMeta,
  CompactCatalog,
  CompactCatalogDocs,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
  ServiceInfo,
} from './types';
export type { CompactManagedPolicies, LineDelta, ManagedPoliciesMeta } from './managed-types';
export { buildCatalog, describeCatalog } from './catalog';
export {
  AWS_MANAGED_ARN_PREFIX,
  ManagedPolicyData,
  applyLineDelta,
  type ManagedPolicyRecord,
  type ManagedPolicyVersionInfo,
} from './managed-policies';
export {
  loadCatalog,
  loadDescribedCatalog,
  loadManagedPolicies,
  provideCatalogSource,
  provideManagedPolicySource,
} from './load';
export { templateForm, templateMatches } from './template';
