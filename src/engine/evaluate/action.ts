/**
 * `Action` / `NotAction` lists (IAM User Guide, "IAM JSON policy elements: Action"): service
 * prefix and action name are case-insensitive, `*` and `?` are wildcards. A list is compiled into
 * a map of literal actions, patterns grouped by service prefix, and patterns whose prefix itself
 * has a wildcard, so a request only meets the patterns of its own service.
 */
import type { ValueList } from '../model';
import { foldCase } from './fold-case';
import type { WildcardMatcher } from './wildcard';
import { compileWildcard } from './wildcard';

export interface CompiledActions {
  /** Folded literal action -> index in the list. */
  literals: Map<string, number>;
  /** Folded service prefix -> patterns (with their index). */
  byService: Map<string, { index: number; matcher: WildcardMatcher }[]>;
  /** Patterns whose service part has a wildcard (`*`, `s3*:Get*`, …). */
  generic: { index: number; matcher: WildcardMatcher }[];
  values: string[];
}

export function compileActions(list: ValueList): CompiledActions {
  const out: CompiledActions = { literals: new Map(), byService: new Map(), generic: [], values: [] };
  list.values.forEach((v, index) => {
    out.values.push(v.value);
    const folded = foldCase(v.value);
    if (folded.indexOf('*') < 0 && folded.indexOf('?') < 0) {
      if (!out.literals.has(folded)) out.literals.set(folded, index);
      return;
    }
    const matcher = compileWildcard(v.value, true);
    const colon = folded.indexOf(':');
    const service = colon < 0 ? undefined : folded.slice(0, colon);
    if (service === undefined || service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
      out.generic.push({ index, matcher });
      return;
    }
    const group = out.byService.get(service);
    if (group) group.push({ index, matcher });
    else out.byService.set(service, [{ index, matcher }]);
  });
  return out;
}

/** The service part of a folded action or literal (the text before `:`, or all of it). */
export function serviceOf(folded: string): string {
  const colon = folded.indexOf(':');
  return colon < 0 ? folded : folded.slice(0, colon);
}

/** The services a list can match, or undefined when it has a pattern whose service part has a wildcard. */
export function servicesOf(a: CompiledActions): Set<string> | undefined {
  if (a.generic.length > 0) return undefined;
  const out = new Set<string>(a.byService.keys());
  for (const lit of a.literals.keys()) out.add(serviceOf(lit));
  return out;
}

/** The index of the first value (in list order among its kind) matching the folded action, or -1. */
export function matchActions(
  a: CompiledActions,
  foldedAction: string,
  service: string = serviceOf(foldedAction),
): number {
  const lit = a.literals.get(foldedAction);
  if (lit !== undefined) return lit;
  const group = a.byService.get(service);
  if (group) for (const p of group) if (p.matcher.testFolded(foldedAction)) return p.index;
  for (const p of a.generic) if (p.matcher.testFolded(foldedAction)) return p.index;
  return -1;
}
