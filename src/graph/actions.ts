/**
 * The actions the graph decides for each resource type: every catalogue action that names the
 * type among its resource types, with its access level.
 */
import type { AccessLevel, Catalog } from '../catalog/types';

export interface TypedAction {
  /** `service:Action` as the catalogue spells it. */
  action: string;
  level: AccessLevel;
}

/** Resource type (`s3:object`) → its actions, sorted by name; built once per catalogue. */
const cache = new WeakMap<Catalog, Map<string, TypedAction[]>>();

export function actionsByResourceType(catalog: Catalog): Map<string, TypedAction[]> {
  let map = cache.get(catalog);
  if (map) return map;
  map = new Map();
  for (const s of catalog.services)
    for (const a of s.actions)
      for (const rt of a.resourceTypes) {
        const key = `${s.prefix}:${rt.name}`;
        let list = map.get(key);
        if (!list) map.set(key, (list = []));
        list.push({ action: a.fullName, level: a.accessLevel });
      }
  for (const list of map.values()) list.sort((x, y) => (x.action < y.action ? -1 : x.action > y.action ? 1 : 0));
  cache.set(catalog, map);
  return map;
}

export function actionsFor(catalog: Catalog, resourceType: string): TypedAction[] {
  return actionsByResourceType(catalog).get(resourceType) ?? [];
}
