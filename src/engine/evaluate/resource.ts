/**
 * `Resource` / `NotResource` lists (IAM User Guide, "IAM JSON policy elements: Resource"): ARNs
 * are case-sensitive; `*` matches any run of characters, across `/` and `:`; `?` one character;
 * `"*"` alone matches every resource, including the `*` of actions that take none. Policy
 * variables are substituted per request (substituted text is literal, not a wildcard); a value
 * whose variable cannot be resolved matches nothing.
 */
import type { ValueList } from '../model';
import type { Context } from './types';
import type { Template } from './variables';
import { parseTemplate, resolvePieces } from './variables';
import type { WildcardMatcher } from './wildcard';
import { compilePieces } from './wildcard';

interface CompiledResource {
  raw: string;
  matcher?: WildcardMatcher;
  template?: Template;
}

export interface CompiledResources {
  matchesAll: boolean;
  items: CompiledResource[];
}

export function compileResources(list: ValueList, variablesEnabled: boolean): CompiledResources {
  const items: CompiledResource[] = [];
  let matchesAll = false;
  for (const v of list.values) {
    const t = variablesEnabled && v.value.indexOf('${') >= 0 ? parseTemplate(v.value) : undefined;
    if (t?.hasVariables) {
      items.push({ raw: v.value, template: t });
      continue;
    }
    const matcher = compilePieces(t ? resolvePieces(t, {})! : [{ text: v.value, glob: true }], false, v.value);
    if (matcher.matchesAll) matchesAll = true;
    items.push({ raw: v.value, matcher });
  }
  return { matchesAll, items };
}

export interface ResourceMatch {
  /** Index of the matching value, or -1. */
  index: number;
  /** The value after substitution, when it matched. */
  value?: string;
  /** Variables that could not be resolved (their values matched nothing). */
  missing: string[];
}

export function matchResources(r: CompiledResources, resource: string, ctx: Context): ResourceMatch {
  const missing: string[] = [];
  for (let i = 0; i < r.items.length; i++) {
    const item = r.items[i];
    if (item.matcher) {
      if (item.matcher.test(resource)) return { index: i, value: item.raw, missing };
      continue;
    }
    const pieces = resolvePieces(item.template!, ctx, missing);
    if (!pieces) continue;
    if (compilePieces(pieces, false).test(resource))
      return { index: i, value: pieces.map((p) => p.text).join(''), missing };
  }
  return { index: -1, missing };
}

/** Allocation-free check for the untraced path: does any value match? */
export function resourcesMatch(r: CompiledResources, resource: string, ctx: Context): boolean {
  if (r.matchesAll) return true;
  for (const item of r.items) {
    if (item.matcher) {
      if (item.matcher.test(resource)) return true;
      continue;
    }
    const pieces = resolvePieces(item.template!, ctx);
    if (pieces && compilePieces(pieces, false).test(resource)) return true;
  }
  return false;
}
