export type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  Catalog,
  CatalogMeta,
  CompactCatalog,
  ConditionKeyInfo,
  ConditionKeyType,
  ResourceTypeInfo,
  ServiceInfo,
} from './types';
export { buildCatalog } from './catalog';
export { loadCatalog, provideCatalogSource } from './load';
export { templateForm, templateMatches } from './template';
