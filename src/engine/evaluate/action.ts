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
  /** Folded literal action -> index in the list (long lists only). */
  literals?: Map<string, number>;
  /** Folded service prefix -> patterns (with their index) (long lists only). */
  byService?: Map<string, { index: number; matcher: WildcardMatcher }[]>;
  /** Patterns whose service part has a wildcard (`*`, `s3*:Get*`, …) (long lists only). */
  generic?: { index: number; matcher: WildcardMatcher }[];
  /** A short list, looked through in order (no maps to build for a document read once). */
  small?: SmallAction[];
  values: string[];
}

/** One value of a short list: a literal (no matcher) or a pattern, with its service unless that has a wildcard. */
interface SmallAction {
  index: number;
  folded: string;
  service: string | undefined;
  matcher: WildcardMatcher | undefined;
}

/** Lists up to this long are searched in order; longer ones through maps. */
const SMALL_LIST = 8;

export function compileActions(list: ValueList): CompiledActions {
  const values = list.values;
  const n = values.length;
  if (n <= SMALL_LIST) {
    const small: SmallAction[] = [];
    const texts: string[] = [];
    for (let index = 0; index < n; index++) {
      const value = values[index].value;
      texts.push(value);
      const folded = foldCase(value);
      if (folded.indexOf('*') < 0 && folded.indexOf('?') < 0) {
        small.push({ index, folded, service: undefined, matcher: undefined });
        continue;
      }
      const colon = folded.indexOf(':');
      const service = colon < 0 ? undefined : folded.slice(0, colon);
      small.push({
        index,
        folded,
        service: service === undefined || service.indexOf('*') >= 0 || service.indexOf('?') >= 0 ? undefined : service,
        matcher: compileWildcard(value, true),
      });
    }
    return { small, values: texts };
  }
  const literals = new Map<string, number>();
  const byService = new Map<string, { index: number; matcher: WildcardMatcher }[]>();
  const generic: { index: number; matcher: WildcardMatcher }[] = [];
  const out: CompiledActions = { literals, byService, generic, values: [] };
  values.forEach((v, index) => {
    out.values.push(v.value);
    const folded = foldCase(v.value);
    if (folded.indexOf('*') < 0 && folded.indexOf('?') < 0) {
      if (!literals.has(folded)) literals.set(folded, index);
      return;
    }
    const matcher = compileWildcard(v.value, true);
    const colon = folded.indexOf(':');
    const service = colon < 0 ? undefined : folded.slice(0, colon);
    if (service === undefined || service.indexOf('*') >= 0 || service.indexOf('?') >= 0) {
      generic.push({ index, matcher });
      return;
    }
    const group = byService.get(service);
    if (group) group.push({ index, matcher });
    else byService.set(service, [{ index, matcher }]);
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
  if (a.small) {
    const out = new Set<string>();
    for (const e of a.small) {
      if (e.matcher === undefined) out.add(serviceOf(e.folded));
      else if (e.service === undefined) return undefined;
      else out.add(e.service);
    }
    return out;
  }
  if (a.generic!.length > 0) return undefined;
  const out = new Set<string>(a.byService!.keys());
  for (const lit of a.literals!.keys()) out.add(serviceOf(lit));
  return out;
}

/**
 * The index of the first value matching the folded action, or -1: a literal first, then the
 * patterns of the action's service, then the patterns whose service part has a wildcard (each in
 * list order).
 */
export function matchActions(
  a: CompiledActions,
  foldedAction: string,
  service: string = serviceOf(foldedAction),
): number {
  const small = a.small;
  if (small) {
    for (const e of small) if (e.matcher === undefined && e.folded === foldedAction) return e.index;
    let generic = false;
    for (const e of small) {
      if (e.matcher === undefined) continue;
      if (e.service === undefined) generic = true;
      else if (e.service === service && e.matcher.testFolded(foldedAction)) return e.index;
    }
    if (generic)
      for (const e of small)
        if (e.matcher !== undefined && e.service === undefined && e.matcher.testFolded(foldedAction)) return e.index;
    return -1;
  }
  const lit = a.literals!.get(foldedAction);
  if (lit !== undefined) return lit;
  const group = a.byService!.get(service);
  if (group) for (const p of group) if (p.matcher.testFolded(foldedAction)) return p.index;
  for (const p of a.generic!) if (p.matcher.testFolded(foldedAction)) return p.index;
  return -1;
}
