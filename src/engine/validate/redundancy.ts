/** Suggestions: statements that repeat another, and resources covered by another value of the same list. */
import type { Statement, ValueList } from '../model';
import type { Ctx } from './context';
import { WildcardIndex, hasGlob } from './glob';
import { headOf } from './ranges';

/** The statement's meaning without ranges or Sid, for comparing statements. */
function canonical(s: Statement): string {
  const list = (l?: ValueList, fold = false) =>
    l ? [...new Set(l.values.map((v) => (fold ? v.value.toLowerCase() : v.value)))].sort() : null;
  const strip = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(strip)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.entries(x)
              .filter(([k]) => k !== 'range')
              .map(([k, v]) => [k, strip(v)]),
          )
        : x;
  return JSON.stringify([
    s.effect?.value,
    list(s.action, true),
    list(s.notAction, true),
    list(s.resource),
    list(s.notResource),
    strip(s.principal),
    strip(s.notPrincipal),
    strip(s.condition),
  ]);
}

/**
 * Resources covered by another value of the same list: the same text twice, a plain ARN that a
 * wildcard matches, or a wildcard under a `prefix*` value. Linear: duplicates through a map, the
 * rest through a `WildcardIndex` (a bounded number of candidates per value, found by head).
 */
function checkResourceList(ctx: Ctx, list: ValueList): void {
  const firstByText = new Map<string, number>();
  const globs = new WildcardIndex(false);
  // `prefix*` values (no other wildcard), as plain prefixes: a wildcard under one is covered too
  const prefixStars = new WildcardIndex(false);
  list.values.forEach((v, j) => {
    if (!firstByText.has(v.value)) firstByText.set(v.value, j);
    if (!hasGlob(v.value)) return;
    globs.add(v.value, j);
    if (v.value.endsWith('*') && !hasGlob(v.value.slice(0, -1))) prefixStars.add(v.value, j);
  });
  list.values.forEach((v, i) => {
    const first = firstByText.get(v.value)!;
    let other: number | undefined = first < i ? first : undefined;
    const same = other !== undefined;
    const differs = (j: number) => list.values[j].value !== v.value;
    if (other === undefined && !hasGlob(v.value)) other = globs.find(v.value, i, differs);
    // A wildcard starts with the literal head of a `prefix*` value: match its text as if literal.
    if (other === undefined && hasGlob(v.value)) other = prefixStars.find(v.value, i, differs);
    if (other === undefined) return;
    const by = list.values[other].value;
    ctx.report(
      'validate.redundant-resource',
      same ? `\`${v.value}\` is listed twice` : `\`${v.value}\` is already covered by \`${by}\``,
      v.range,
      'Remove it: another value of this list already matches every resource it does.',
    );
  });
}

export function checkRedundancy(ctx: Ctx): void {
  const seen = new Map<string, Statement>();
  for (const s of ctx.policy.statements) {
    if (s.resource) checkResourceList(ctx, s.resource);
    if (s.notResource) checkResourceList(ctx, s.notResource);
    const key = canonical(s);
    const first = seen.get(key);
    if (first) {
      ctx.report(
        'validate.redundant-statement',
        `the statement repeats statement ${first.index + 1}`,
        headOf(s.range, ctx.lines),
        'It has the same effect, actions, resources, principals and conditions. Remove one of them.',
      );
    } else seen.set(key, s);
  }
}
