/**
 * `Action` / `NotAction` values: the form `service:Action`, known services and actions ("did you
 * mean"), wildcards that match nothing, values covered by another value of the same list, and
 * the actions a role trust policy may name.
 */
import type { ValueList } from '../model';
import type { Ctx } from './context';
import type { ActionInfo, Catalog, ServiceInfo } from '../../catalog';
import { WildcardIndex, hasGlob } from './glob';
import { isWellFormedAction, resolveAction } from './resolve';
import type { ResolvedAction } from './resolve';
import { memoSuggest, orList, suggest } from './suggest';

/** How many covering wildcards a wildcard value is compared with, at most. */
const COVER_TRIES = 8;

const servicePrefixes = new WeakMap<Catalog, string[]>();
function suggestService(catalog: Catalog, prefix: string): string[] {
  return memoSuggest(catalog, `\u0000${prefix.toLowerCase()}`, () => {
    let prefixes = servicePrefixes.get(catalog);
    if (!prefixes) {
      prefixes = catalog.services.map((s) => s.prefix);
      servicePrefixes.set(catalog, prefixes);
    }
    return suggest(prefix, prefixes);
  });
}

function suggestAction(catalog: Catalog, service: ServiceInfo, action: string): string[] {
  return memoSuggest(catalog, `${service.prefix}\u0000${action.toLowerCase()}`, () =>
    suggest(
      action,
      service.actions.map((a) => a.name),
    ).map((a) => `${service.prefix}:${a}`),
  );
}

/** Whether a resolved pattern includes an action a trust policy grants, memoised per resolution. */
const trustMemo = new WeakMap<ResolvedAction, boolean>();
function grantsTrust(r: ResolvedAction): boolean {
  let answer = trustMemo.get(r);
  if (answer === undefined) {
    answer = r.actions.some((a) => TRUST_ACTIONS.has(a.fullName.toLowerCase()));
    trustMemo.set(r, answer);
  }
  return answer;
}

/** The actions a role trust policy grants (IAM User Guide: "Role trust policies"). */
export const TRUST_ACTIONS = new Set(
  [
    'sts:AssumeRole',
    'sts:AssumeRoleWithSAML',
    'sts:AssumeRoleWithWebIdentity',
    'sts:TagSession',
    'sts:SetSourceIdentity',
    'sts:SetContext',
  ].map((a) => a.toLowerCase()),
);

function checkList(ctx: Ctx, name: string, list: ValueList): void {
  const catalog = ctx.catalog;
  const resolved: (ResolvedAction | undefined)[] = [];
  for (const v of list.values) {
    const value = v.value;
    if (value.includes('${')) {
      ctx.report(
        'validate.variable-in-action',
        `policy variables are not substituted in \`${name}\`: \`${value}\``,
        v.range,
        'Variables work in Resource and in condition values only; here `${...}` is matched as literal text.',
      );
      resolved.push(undefined);
      continue;
    }
    if (!isWellFormedAction(value)) {
      ctx.report(
        'validate.action-malformed',
        `\`${value}\` is not an action`,
        v.range,
        'Write actions as service:Action, e.g. "s3:GetObject", or "*" for every action. No spaces.',
      );
      resolved.push(undefined);
      continue;
    }
    if (!catalog) {
      resolved.push(undefined);
      continue;
    }
    const r = resolveAction(value, catalog);
    resolved.push(r);
    const colon = value.indexOf(':');
    const prefix = value.slice(0, colon);
    const action = value.slice(colon + 1);
    if (r.kind === 'unknown-service') {
      // Access Analyzer: "Invalid service". A WARNING only for the prefixes AWS's own managed policies name.
      const options = suggestService(catalog, prefix);
      const retired = catalog.managedOnlyService(prefix);
      ctx.report(
        'validate.unknown-service',
        `\`${prefix}\` is not a known service prefix${options.length ? `; did you mean ${orList(options)}?` : ''}`,
        v.range,
        // The message asks "did you mean"; the help does not ask it again.
        `${retired ? 'AWS managed policies still name this retired or unlisted service, but the' : 'The'} statement never matches a request for an unknown service. Service prefixes are listed in the Service Authorization Reference (catalogue ${catalog.meta.updatedAt.slice(0, 10)}).`,
        retired ? 'WARNING' : 'ERROR',
      );
    } else if (r.kind === 'unknown-action') {
      // Access Analyzer: "Invalid action". A WARNING only for the actions AWS's own managed policies name.
      const options = suggestAction(catalog, r.service!, action);
      const retired = catalog.managedOnlyAction(value);
      ctx.report(
        'validate.unknown-action',
        `\`${value}\` is not an action of ${r.service!.name}${options.length ? `; did you mean ${orList(options)}?` : ''}`,
        v.range,
        `${retired ? 'AWS managed policies still name this retired or unlisted action, but an' : 'An'} unknown action never matches a request.`,
        retired ? 'WARNING' : 'ERROR',
      );
    } else if (r.kind === 'no-match') {
      ctx.report(
        'validate.wildcard-matches-nothing',
        `\`${value}\` matches no action`,
        v.range,
        `No ${r.service ? r.service.name + ' ' : ''}action fits this pattern, so it grants and denies nothing. Check the spelling.`,
      );
    }
    if (
      ctx.type === 'trust' &&
      name === 'Action' &&
      (r.kind === 'exact' || r.kind === 'wildcard' || r.kind === 'all')
    ) {
      if (!grantsTrust(r)) {
        ctx.report(
          'validate.trust-action',
          `\`${value}\` cannot be granted by a role trust policy`,
          v.range,
          "A trust policy says who may assume the role: use sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity or sts:SetContext. Put other permissions in the role's permissions policies.",
        );
      }
    }
  }
  // Values covered by another value of the same list. Linear in the total size of the wildcard
  // expansions: each action points to the wildcard values that match it, and a wildcard value is
  // compared with at most COVER_TRIES of them (the largest first), each comparison costing the
  // size of its own expansion. Values the catalogue cannot resolve go through a WildcardIndex.
  const firstByText = new Map<string, number>();
  const coverers = new Map<ActionInfo, number[]>();
  const sets = new Map<ResolvedAction, Set<ActionInfo>>();
  const setOf = (j: number): Set<ActionInfo> => {
    const r = resolved[j]!;
    let set = sets.get(r);
    if (!set) {
      set = new Set(r.actions);
      sets.set(r, set);
    }
    return set;
  };
  const index = new WildcardIndex(true);
  list.values.forEach((v, j) => {
    if (!hasGlob(v.value)) return;
    index.add(v.value, j);
    const r = resolved[j];
    if (!r || r.kind === 'all') return;
    for (const a of r.actions) {
      const l = coverers.get(a);
      if (l) l.push(j);
      else coverers.set(a, [j]);
    }
  });
  // Coverers of each action, largest expansion first (a larger set is likelier to cover).
  for (const l of coverers.values())
    if (l.length > 1) l.sort((x, y) => resolved[y]!.actions.length - resolved[x]!.actions.length || x - y);
  const allIndex = resolved.findIndex((r) => r?.kind === 'all');
  list.values.forEach((v, i) => {
    const lower = v.value.toLowerCase();
    const dup = firstByText.get(lower);
    if (dup === undefined) firstByText.set(lower, i);
    let other: number | undefined = dup;
    const mine = resolved[i];
    if (other === undefined && mine && mine.actions.length > 0) {
      if (allIndex >= 0 && allIndex !== i) other = allIndex;
      else if (mine.actions.length === 1) {
        // an exact action (or a wildcard of one match): any other wildcard that matches it covers it
        const l = coverers.get(mine.actions[0]) ?? [];
        for (let k = 0; k < l.length && k <= COVER_TRIES; k++) {
          const j = l[k];
          if (j === i || (resolved[j]!.actions.length === 1 && j > i)) continue;
          other = j;
          break;
        }
      } else {
        let tries = 0;
        for (const j of coverers.get(mine.actions[0]) ?? []) {
          if (j === i) continue;
          if (++tries > COVER_TRIES) break;
          const set = setOf(j);
          if (set.size < mine.actions.length) break; // sorted by size: no later one can cover
          if (!mine.actions.every((a) => set.has(a))) continue;
          // two different patterns with the same matches: report only the later one
          if (mine.actions.length === set.size && j > i) continue;
          other = j;
          break;
        }
      }
    } else if (
      other === undefined &&
      (!catalog || (mine && (mine.kind === 'unknown-action' || mine.kind === 'unknown-service'))) &&
      !hasGlob(v.value)
    ) {
      other = index.find(v.value, i);
    }
    if (other === undefined) return;
    const same = dup !== undefined;
    ctx.report(
      'validate.redundant-action',
      same ? `\`${v.value}\` is listed twice` : `\`${v.value}\` is already covered by \`${list.values[other].value}\``,
      v.range,
      'Remove it: another value of this list already matches every action it does.',
    );
  });
}

export function checkActions(ctx: Ctx): void {
  for (const s of ctx.policy.statements) {
    if (s.action) checkList(ctx, 'Action', s.action);
    if (s.notAction) checkList(ctx, 'NotAction', s.notAction);
  }
}
