/**
 * What the request builder asks the catalogue: action completion, ARN templates for an action's
 * resource types, the condition keys that apply, and the type of a context key.
 */
import type { Catalog } from '../catalog';
import { suggest } from '../engine/validate/suggest';
import type { ActionSuggestion, ContextKeySuggestion, RequestHints } from './types';

const MAX_INPUT = 256;

/** Service prefixes (before `:`) or the service's actions (after it) that start with `input`, case-insensitively. */
export function suggestActions(catalog: Catalog, input: string, limit = 50): ActionSuggestion[] {
  const text = input.slice(0, MAX_INPUT).trim().toLowerCase();
  const colon = text.indexOf(':');
  if (colon < 0) {
    return catalog.services
      .filter((s) => s.prefix.startsWith(text))
      .sort((a, b) => a.prefix.localeCompare(b.prefix))
      .slice(0, limit)
      .map((s) => ({ value: `${s.prefix}:`, detail: 'service', description: s.name }));
  }
  const service = catalog.service(text.slice(0, colon));
  if (!service) return [];
  const name = text.slice(colon + 1);
  return service.actions
    .filter((a) => a.name.toLowerCase().startsWith(name))
    .slice(0, limit)
    .map((a) => ({ value: a.fullName, detail: a.accessLevel, description: a.description }));
}

/** Fills `${Partition}`, `${Region}` and `${Account}` of an ARN template; the other parts stay for the person to replace. */
export function fillTemplate(template: string, account: string): string {
  return template
    .replace(/\$\{Partition\}/g, 'aws')
    .replace(/\$\{Region\}/g, 'us-east-1')
    .replace(/\$\{Account\}/g, /^\d{12}$/.test(account) ? account : '111122223333');
}

export function requestHints(
  catalog: Catalog,
  actions: string[],
  contextKeys: string[],
  account: string,
): RequestHints {
  const out: RequestHints = { actions: [], resourceTemplates: [], noResource: false, contextKeys: [], keyTypes: {} };
  const keys = new Map<string, ContextKeySuggestion>();
  let first = true;
  for (const raw of actions.slice(0, 50)) {
    const action = raw.slice(0, MAX_INPUT);
    const info = action.includes('*') || action.includes('?') ? undefined : catalog.action(action);
    if (!info) {
      const colon = action.indexOf(':');
      const service = colon > 0 ? catalog.service(action.slice(0, colon)) : undefined;
      const candidates = service ? service.actions.map((a) => a.fullName) : [];
      const [best] = suggest(action, candidates, 1);
      out.actions.push({ action, known: false, ...(best ? { suggestion: best } : {}) });
      continue;
    }
    out.actions.push({ action, known: true, accessLevel: info.accessLevel, description: info.description });
    const addKey = (key: string) => {
      const k = catalog.conditionKey(key);
      if (k && !keys.has(k.key.toLowerCase()))
        keys.set(k.key.toLowerCase(), { key: k.key, type: k.type, description: k.description, global: k.global });
    };
    for (const k of info.conditionKeys) addKey(k);
    for (const rt of info.resourceTypes) for (const k of rt.conditionKeys) addKey(k);
    if (first) {
      first = false;
      out.noResource = info.resourceTypes.length === 0;
      for (const rt of info.resourceTypes) {
        const type = catalog.resourceType(info.service, rt.name);
        if (type)
          out.resourceTemplates.push({
            name: rt.name,
            template: fillTemplate(type.arn, account),
            required: rt.required,
          });
      }
    }
  }
  // Some actions document global keys as their own (`sts:AssumeRole` lists `aws:SourceIdentity`): each key once.
  for (const k of catalog.globalKeys)
    if (!keys.has(k.key.toLowerCase()))
      keys.set(k.key.toLowerCase(), { key: k.key, type: k.type, description: k.description, global: true });
  out.contextKeys = [...keys.values()];
  for (const key of contextKeys.slice(0, 64)) {
    const k = catalog.conditionKey(key.slice(0, MAX_INPUT));
    if (k) out.keyTypes[key] = k.type;
  }
  return out;
}
