/**
 * Turns the compact generated JSON into a `Catalog` with constant-time, case-insensitive lookups;
 * `describeCatalog` adds the descriptions, which are loaded apart.
 */
import type {
  ActionInfo,
  Catalog,
  CompactCatalog,
  CompactCatalogDocs,
  ConditionKeyInfo,
  ResourceTypeInfo,
  ServiceInfo,
} from './types';
import { GLOBAL_KEY_DESCRIPTIONS, WEB_IDENTITY_KEYS } from './global-keys';
import { templateForm, templateMatches } from './template';

/** `aws:PrincipalTag/tag-key` (the data package's spelling) → `aws:PrincipalTag/${TagKey}`. */
function normaliseGlobalKey(key: string): string {
  return key.endsWith('/tag-key') ? key.slice(0, -'tag-key'.length) + '${TagKey}' : key;
}

export function buildCatalog(data: CompactCatalog): Catalog {
  const rcp = new Set(data.rcpServices);
  const services: ServiceInfo[] = [];
  const byPrefix = new Map<string, ServiceInfo>();
  const actions = new Map<string, ActionInfo>();
  const resourceTypes = new Map<string, ResourceTypeInfo>();
  const keys = new Map<string, ConditionKeyInfo>();
  /** Templated keys by lower-cased text before the first `${`. */
  const templates = new Map<string, ConditionKeyInfo[]>();
  const keyPrefixes = new Set<string>(Object.keys(data.unassociated));

  const addKey = (info: ConditionKeyInfo) => {
    const lower = info.key.toLowerCase();
    if (keys.has(lower)) return;
    keys.set(lower, info);
    const form = templateForm(lower);
    const dollar = form.indexOf('${');
    if (dollar >= 0) {
      const head = form.slice(0, dollar);
      const list = templates.get(head);
      if (list) list.push(info);
      else templates.set(head, [info]);
    }
  };

  for (const [g, type] of data.globalKeys) {
    const key = normaliseGlobalKey(g);
    addKey({ key, type, description: GLOBAL_KEY_DESCRIPTIONS[key.toLowerCase()] ?? '', global: true });
  }
  for (const [key, type, description] of WEB_IDENTITY_KEYS) addKey({ key, type, description, global: true });

  for (const [prefix, name, actionRows, rtRows, keyRows] of data.services) {
    const service: ServiceInfo = {
      prefix,
      name,
      actions: [],
      resourceTypes: [],
      conditionKeys: [],
      supportsRcp: rcp.has(prefix),
    };
    for (const [aname, level, rts, ckeys, deps] of actionRows) {
      const info: ActionInfo = {
        service: prefix,
        name: aname,
        fullName: `${prefix}:${aname}`,
        accessLevel: data.levels[level],
        description: '',
        resourceTypes: rts.map(([rname, required, rkeys, rdeps]) => ({
          name: rname,
          required: required === 1,
          conditionKeys: rkeys ?? [],
          dependentActions: rdeps ?? [],
        })),
        conditionKeys: ckeys ?? [],
        dependentActions: deps ?? [],
      };
      service.actions.push(info);
      actions.set(info.fullName.toLowerCase(), info);
    }
    for (const [rname, arn, rkeys] of rtRows) {
      const info: ResourceTypeInfo = { service: prefix, name: rname, arn, conditionKeys: rkeys ?? [] };
      service.resourceTypes.push(info);
      resourceTypes.set(`${prefix}:${rname}`.toLowerCase(), info);
    }
    for (const [key, type] of keyRows) {
      const existing = keys.get(key.toLowerCase());
      const info = existing ?? { key, type, description: '', global: false };
      if (!existing) addKey(info);
      service.conditionKeys.push(info);
    }
    services.push(service);
    byPrefix.set(prefix.toLowerCase(), service);
    keyPrefixes.add(prefix.toLowerCase());
  }
  keyPrefixes.add('aws');
  const managedOnlyServices = new Set(data.managedOnly?.services ?? []);
  const managedOnlyActions = new Set(data.managedOnly?.actions ?? []);
  const headLengths = [...new Set([...templates.keys()].map((h) => h.length))].sort((a, b) => b - a);

  return {
    meta: data.meta,
    described: false,
    services,
    globalKeys: [...keys.values()].filter((k) => k.global),
    service: (prefix) => byPrefix.get(prefix.toLowerCase()),
    action: (serviceOrFullName, name) =>
      actions.get((name === undefined ? serviceOrFullName : `${serviceOrFullName}:${name}`).toLowerCase()),
    resourceType: (service, name) => resourceTypes.get(`${service}:${name}`.toLowerCase()),
    conditionKey(key) {
      const lower = key.toLowerCase();
      const exact = keys.get(lower);
      if (exact) return exact;
      // Templates: try the known head lengths, longest first (a handful, so this stays linear).
      for (const i of headLengths) {
        if (i >= lower.length) continue;
        const list = templates.get(lower.slice(0, i));
        if (!list) continue;
        for (const t of list) if (templateMatches(templateForm(t.key.toLowerCase()), lower)) return t;
      }
      return undefined;
    },
    knownKeyPrefix: (prefix) => keyPrefixes.has(prefix.toLowerCase()),
    managedOnlyService: (prefix) => managedOnlyServices.has(prefix.toLowerCase()),
    managedOnlyAction: (fullName) => managedOnlyActions.has(fullName.toLowerCase()),
  };
}

/**
 * Fills in the descriptions of a catalogue's actions and service condition keys from the file
 * loaded apart (once; the catalogue's own objects are completed, so every holder sees them).
 * Throws when the descriptions were made from other data than the lookups.
 */
export function describeCatalog(catalog: Catalog, docs: CompactCatalogDocs): Catalog {
  if (catalog.described) return catalog;
  if (docs.meta?.version !== catalog.meta.version || docs.services?.length !== catalog.services.length)
    throw new Error('the catalogue’s descriptions were made from other data than its lookups');
  catalog.services.forEach((service, i) => {
    const [prefix, actions, keys] = docs.services[i];
    if (
      prefix !== service.prefix ||
      actions.length !== service.actions.length ||
      keys.length !== service.conditionKeys.length
    )
      throw new Error(`the catalogue’s descriptions of \`${service.prefix}\` do not match its lookups`);
    service.actions.forEach((a, j) => (a.description = actions[j]));
    service.conditionKeys.forEach((k, j) => {
      if (!k.global && k.description === '') k.description = keys[j];
    });
  });
  catalog.described = true;
  return catalog;
}
