/** Suggestions: statements that repeat another, and resources covered by another value of the same list. */
import type { Statement, ValueList } from '../model';
import type { Ctx } from './context';
import { globMatch } from './glob';
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

function checkResourceList(ctx: Ctx, list: ValueList): void {
  if (list.values.length > 500) return; // pairwise comparison; real lists are far shorter
  list.values.forEach((v, i) => {
    for (let j = 0; j < list.values.length; j++) {
      if (i === j) continue;
      const other = list.values[j].value;
      const same = other === v.value;
      if (same && j > i) continue;
      const plain = !/[*?]/.test(v.value);
      const prefixStar =
        other.endsWith('*') && !/[*?]/.test(other.slice(0, -1)) && v.value.startsWith(other.slice(0, -1));
      if (same || (other !== v.value && ((plain && globMatch(other, v.value)) || prefixStar))) {
        ctx.add(
          'validate.redundant-resource',
          'SUGGESTION',
          same ? `\`${v.value}\` is listed twice` : `\`${v.value}\` is already covered by \`${other}\``,
          v.range,
          'Remove it: another value of this list already matches every resource it does.',
        );
        break;
      }
    }
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
      ctx.add(
        'validate.redundant-statement',
        'SUGGESTION',
        `the statement repeats statement ${first.index + 1}`,
        headOf(s.range, ctx.lines),
        'It has the same effect, actions, resources, principals and conditions. Remove one of them.',
      );
    } else seen.set(key, s);
  }
}
