/**
 * Resolves the action patterns of a statement against the catalogue: `s3:GetObject` (exact),
 * `s3:Get*` (wildcard), `*` (everything). Shared by validation, the summaries and the language
 * service. Service prefixes and action names are case-insensitive (IAM User Guide: "Action").
 */
import type { ActionInfo, Catalog, ServiceInfo } from '../../catalog';
import { compileWildcard } from '../evaluate';

export type ActionKind = 'all' | 'exact' | 'wildcard' | 'malformed' | 'unknown-service' | 'unknown-action' | 'no-match';

export interface ResolvedAction {
  kind: ActionKind;
  /** The actions the pattern matches (empty unless `all`, `exact` or `wildcard`). For `all` this is every action. */
  actions: ActionInfo[];
  service?: ServiceInfo;
}

const hasWildcard = (s: string) => s.includes('*') || s.includes('?');

/** A well-formed action is `*`, or `prefix:name` with letters, digits, `-`, `_`, `.` and wildcards. */
export function isWellFormedAction(value: string): boolean {
  if (value === '*') return true;
  return /^[A-Za-z0-9*?.-]+:[A-Za-z0-9*?_.-]+$/.test(value);
}

const memo = new WeakMap<Catalog, Map<string, ResolvedAction>>();

/** Resolves one pattern (memoised per catalogue; the memo is emptied when it grows past 10,000 entries). */
export function resolveAction(value: string, catalog: Catalog): ResolvedAction {
  let cache = memo.get(catalog);
  if (!cache) {
    cache = new Map();
    memo.set(catalog, cache);
  }
  const hit = cache.get(value);
  if (hit) return hit;
  if (cache.size > 10_000) cache.clear();
  const r = resolveUncached(value, catalog);
  cache.set(value, r);
  return r;
}

function resolveUncached(value: string, catalog: Catalog): ResolvedAction {
  if (value === '*') return { kind: 'all', actions: allActions(catalog) };
  if (!isWellFormedAction(value)) return { kind: 'malformed', actions: [] };
  const colon = value.indexOf(':');
  const prefix = value.slice(0, colon);
  const name = value.slice(colon + 1);
  // `*:*` (or `**:*`) is every action, like `*`
  if (/^\*+$/.test(prefix) && /^\*+$/.test(name)) return { kind: 'all', actions: allActions(catalog) };
  if (hasWildcard(prefix)) {
    const actions: ActionInfo[] = [];
    const matcher = compileWildcard(name, true);
    const prefixMatcher = compileWildcard(prefix, true);
    for (const s of catalog.services) {
      if (!prefixMatcher.test(s.prefix)) continue;
      for (const a of s.actions) if (matcher.test(a.name)) actions.push(a);
    }
    return { kind: actions.length ? 'wildcard' : 'no-match', actions };
  }
  const service = catalog.service(prefix);
  if (!service) return { kind: 'unknown-service', actions: [] };
  if (!hasWildcard(name)) {
    const a = catalog.action(prefix, name);
    return a ? { kind: 'exact', actions: [a], service } : { kind: 'unknown-action', actions: [], service };
  }
  if (name === '*') return { kind: 'wildcard', actions: service.actions, service };
  const matcher = compileWildcard(name, true);
  const actions = service.actions.filter((a) => matcher.test(a.name));
  return { kind: actions.length ? 'wildcard' : 'no-match', actions, service };
}

const everything = new WeakMap<Catalog, ActionInfo[]>();
function allActions(catalog: Catalog): ActionInfo[] {
  let list = everything.get(catalog);
  if (!list) {
    list = catalog.services.flatMap((s) => s.actions);
    everything.set(catalog, list);
  }
  return list;
}

/** Every action a list of patterns matches, without duplicates, in catalogue order of first match. */
export function actionsOf(values: string[], catalog: Catalog): ActionInfo[] {
  const seen = new Set<ActionInfo>();
  for (const v of values) for (const a of resolveAction(v, catalog).actions) seen.add(a);
  return [...seen];
}
