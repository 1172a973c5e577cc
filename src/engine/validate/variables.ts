/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, escapes `${*}`, `${?}`,
 * `${$}`) in `Resource` and in condition values. IAM User Guide: "IAM policy elements: Variables
 * and tags". They are substituted only under `"Version": "2012-10-17"`.
 */
import type { Ranged } from '../model';
import type { Ctx } from './context';
import { parseOperator } from './operators';
import { insideString } from './ranges';
import { scanReferences } from '../evaluate/variables';

/** Characters of condition key names (tag keys may also hold `+ = @`). */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._:/+=@-]*$/;

export interface VariableRef {
  /** Offset of `${` in the value and the full length up to `}`. */
  start: number;
  length: number;
  /** The key (without default), or `*` `?` `$` for escapes; undefined when malformed. */
  key?: string;
  problem?: string;
}

/** Every `${…}` in a value, left to right, linear in its length: the evaluator's own reading (`scanReferences`). */
export function findVariables(value: string): VariableRef[] {
  const out: VariableRef[] = [];
  for (const ref of scanReferences(value)) {
    const r: VariableRef = { start: ref.start, length: ref.end - ref.start };
    if ('problem' in ref) r.problem = ref.problem;
    else if (ref.part.kind !== 'var') r.key = ref.part.text;
    else if (!KEY.test(ref.part.key)) r.problem = `names \`${ref.part.key}\`, which is not a condition key`;
    else r.key = ref.part.key;
    out.push(r);
  }
  return out;
}

function checkValue(ctx: Ctx, v: Ranged<string>, where: string): boolean {
  const refs = findVariables(v.value);
  for (const ref of refs) {
    const range = insideString(v.range, ref.start, ref.length, ctx.lines);
    const text = v.value.slice(ref.start, ref.start + ref.length);
    if (ref.problem) {
      ctx.add(
        'validate.variable-malformed',
        'ERROR',
        `the policy variable \`${text}\` ${ref.problem}`,
        range,
        `Write variables as \${key} or \${key, 'default'}; to match a literal \`$\`, write \${$}. In ${where}, a malformed variable is not substituted: it is matched as literal text.`,
      );
      continue;
    }
    const key = ref.key!;
    if (key.length > 1 && ctx.catalog && key.toLowerCase().startsWith('aws:') && !ctx.catalog.conditionKey(key)) {
      ctx.add(
        'validate.variable-unknown-key',
        'WARNING',
        `\`${key}\` is not a known condition key`,
        range,
        'A variable whose key is absent from the request makes the value match nothing (unless it has a default).',
      );
    }
  }
  return refs.length > 0;
}

export function checkVariables(ctx: Ctx): void {
  let first: Ranged<string> | undefined;
  for (const s of ctx.policy.statements) {
    for (const list of [s.resource, s.notResource]) {
      for (const v of list?.values ?? []) if (checkValue(ctx, v, 'a resource') && !first) first = v;
    }
    for (const op of s.condition ?? []) {
      const parsed = parseOperator(op.operator.value);
      if (parsed && parsed.family !== 'String' && parsed.family !== 'Arn') continue;
      for (const k of op.keys)
        for (const v of k.values) if (v.json === 'string' && checkValue(ctx, v, 'a condition') && !first) first = v;
    }
  }
  if (first && !ctx.policy.variablesEnabled) {
    ctx.add(
      'validate.variable-without-version',
      'WARNING',
      'policy variables need `"Version": "2012-10-17"`',
      first.range,
      'Without that Version, ${...} is matched as literal text. Set "Version": "2012-10-17".',
    );
  }
}
