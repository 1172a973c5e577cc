/**
 * `Action` / `NotAction` values: the form `service:Action`, known services and actions ("did you
 * mean"), wildcards that match nothing, values covered by another value of the same list, and
 * the actions a role trust policy may name.
 */
import type { ValueList } from '../model';
import type { Ctx } from './context';
import { globMatch } from './glob';
import { isWellFormedAction, resolveAction } from './resolve';
import type { ResolvedAction } from './resolve';
import { didYouMean, orList, suggest } from './suggest';

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
      ctx.add(
        'validate.variable-in-action',
        'WARNING',
        `policy variables are not substituted in \`${name}\`: \`${value}\``,
        v.range,
        'Variables work in Resource and in condition values only; here `${...}` is matched as literal text.',
      );
      resolved.push(undefined);
      continue;
    }
    if (!isWellFormedAction(value)) {
      ctx.add(
        'validate.action-malformed',
        'ERROR',
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
      const options = suggest(
        prefix,
        catalog.services.map((s) => s.prefix),
      );
      ctx.add(
        'validate.unknown-service',
        'WARNING',
        `\`${prefix}\` is not a known service prefix${options.length ? `; did you mean ${orList(options)}?` : ''}`,
        v.range,
        `${didYouMean(options)} The statement never matches a request for an unknown service. Service prefixes are listed in the Service Authorization Reference (catalogue ${catalog.meta.updatedAt.slice(0, 10)}).`.trim(),
      );
    } else if (r.kind === 'unknown-action') {
      const options = suggest(
        action,
        r.service!.actions.map((a) => a.name),
      ).map((a) => `${r.service!.prefix}:${a}`);
      ctx.add(
        'validate.unknown-action',
        'WARNING',
        `\`${value}\` is not an action of ${r.service!.name}${options.length ? `; did you mean ${orList(options)}?` : ''}`,
        v.range,
        `${didYouMean(options)} An unknown action never matches a request.`.trim(),
      );
    } else if (r.kind === 'no-match') {
      ctx.add(
        'validate.wildcard-matches-nothing',
        'WARNING',
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
      if (!r.actions.some((a) => TRUST_ACTIONS.has(a.fullName.toLowerCase()))) {
        ctx.add(
          'validate.trust-action',
          'ERROR',
          `\`${value}\` cannot be granted by a role trust policy`,
          v.range,
          "A trust policy says who may assume the role: use sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity or sts:SetContext. Put other permissions in the role's permissions policies.",
        );
      }
    }
  }
  // Values covered by another value of the same list. Linear in the total size of the
  // wildcard expansions: each action points to the wildcard values that match it.
  const firstByText = new Map<string, number>();
  const coverers = new Map<unknown, number[]>();
  const sets = new Map<number, Set<unknown>>();
  const wildcards: number[] = [];
  list.values.forEach((v, j) => {
    if (!/[*?]/.test(v.value)) return;
    wildcards.push(j);
    const r = resolved[j];
    if (!r || r.kind === 'all') return;
    sets.set(j, new Set(r.actions));
    for (const a of r.actions) {
      const l = coverers.get(a);
      if (l) l.push(j);
      else coverers.set(a, [j]);
    }
  });
  const allIndex = resolved.findIndex((r) => r?.kind === 'all');
  list.values.forEach((v, i) => {
    const lower = v.value.toLowerCase();
    const dup = firstByText.get(lower);
    if (dup === undefined) firstByText.set(lower, i);
    let other: number | undefined = dup;
    const mine = resolved[i];
    if (other === undefined && mine && mine.actions.length > 0) {
      if (allIndex >= 0 && allIndex !== i) other = allIndex;
      else {
        for (const j of coverers.get(mine.actions[0]) ?? []) {
          if (j === i) continue;
          const set = sets.get(j)!;
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
      !/[*?]/.test(v.value)
    ) {
      other = wildcards.find((j) => j !== i && globMatch(list.values[j].value, v.value, true));
    }
    if (other === undefined) return;
    const same = dup !== undefined;
    ctx.add(
      'validate.redundant-action',
      'SUGGESTION',
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
