/**
 * `Condition` blocks: operators (spelling, `…IfExists`, set prefixes), value formats, condition
 * keys (known, applicable to the statement's actions, of the operator's type, single- or
 * multi-valued). IAM User Guide: "Condition operators", "Multivalued context keys",
 * "AWS global condition context keys".
 */
import type { ActionInfo, Catalog, ConditionKeyInfo } from '../../catalog';
import { templateForm, templateMatches } from '../../catalog';
import type { ConditionKeyEntry, ConditionOperatorEntry, Statement } from '../model';
import type { Ctx } from './context';
import { ALL_OPERATORS, parseOperator } from './operators';
import type { OperatorFamily, ParsedOperator } from './operators';
import { resolveAction } from './resolve';
import { didYouMean, memoSuggest, suggest } from './suggest';
import { valueProblem } from './values';

/** Which operator families suit a key type. String operators compare the text of any key. */
function familyFits(family: OperatorFamily, keyType: string): boolean {
  const base = keyType.replace(/^ArrayOf/, '');
  switch (family) {
    case 'String':
    case 'Null':
      return true;
    case 'Numeric':
      return base === 'Numeric' || base === 'Date';
    case 'Date':
      return base === 'Date' || base === 'Numeric';
    case 'Bool':
      return base === 'Bool';
    case 'IpAddress':
      return base === 'IPAddress';
    case 'Binary':
      return base === 'Binary';
    case 'Arn':
      return base === 'ARN' || base === 'String';
  }
}

/** Lower-cased condition keys that apply to the statement's actions, or undefined when unknown (`*`, NotAction, unknown actions). */
function applicableKeys(s: Statement, catalog: Catalog): string[] | undefined {
  if (!s.action) return undefined;
  const actions: ActionInfo[] = [];
  for (const v of s.action.values) {
    const r = resolveAction(v.value, catalog);
    if (r.kind !== 'exact' && r.kind !== 'wildcard') return undefined;
    actions.push(...r.actions);
  }
  const keys = new Set<string>();
  for (const a of actions) {
    for (const k of a.conditionKeys) keys.add(k.toLowerCase());
    for (const rt of a.resourceTypes) {
      for (const k of rt.conditionKeys) keys.add(k.toLowerCase());
      for (const k of catalog.resourceType(a.service, rt.name)?.conditionKeys ?? []) keys.add(k.toLowerCase());
    }
  }
  return [...keys];
}

function checkOperator(ctx: Ctx, op: ConditionOperatorEntry): ParsedOperator | undefined {
  const name = op.operator.value;
  const parsed = parseOperator(name);
  if (parsed) {
    if (parsed.base === 'Null' && parsed.ifExists) {
      ctx.report(
        'validate.null-ifexists',
        '`Null` cannot be combined with `IfExists`',
        op.operator.range,
        '`Null` already tests whether the key exists: write "Null" with "true" (absent) or "false" (present).',
      );
    }
    return parsed;
  }
  const bare = name.replace(/^(ForAllValues|ForAnyValue):/i, '');
  const prefix = name.slice(0, name.length - bare.length);
  const options = suggest(bare, ALL_OPERATORS).map((o) => prefix + o);
  const caseOnly = options.length === 1 && options[0].toLowerCase() === name.toLowerCase();
  ctx.report(
    'validate.unknown-operator',
    `\`${name}\` is not a condition operator`,
    op.operator.range,
    `${didYouMean(options)} ${caseOnly ? 'Operator names are case-sensitive. ' : ''}Operators are String…, Numeric…, Date…, Bool, BinaryEquals, IpAddress, NotIpAddress, Arn… and Null, optionally with IfExists and a ForAllValues:/ForAnyValue: prefix.`.trim(),
  );
  return undefined;
}

function checkValues(ctx: Ctx, op: ParsedOperator, opName: string, k: ConditionKeyEntry): void {
  for (const v of k.values) {
    if (v.json === 'other' || v.json === 'null') continue; // reported as validate.condition-value-type
    const variable = v.value.includes('${');
    if (variable && (op.family === 'String' || op.family === 'Arn')) continue;
    const problem = valueProblem(op.family, v.value);
    if (problem) {
      ctx.report(
        problem.code,
        `\`${v.value}\` is not a valid value for \`${opName}\``,
        v.range,
        `${opName} expects ${problem.expected}. The condition can never be true with this value.`,
      );
      continue;
    }
    if (
      // ArnEquals and ArnNotEquals do honour wildcards (IAM User Guide: "ARN condition operators")
      (op.base === 'StringEquals' || op.base === 'StringNotEquals') &&
      /[*?]/.test(v.value.replace(/\$\{[*?$]\}/g, ''))
    ) {
      const like = op.base.replace('Equals', 'Like');
      ctx.report(
        'validate.equals-with-wildcard',
        `\`${opName}\` treats \`*\` and \`?\` in \`${v.value}\` as literal characters`,
        v.range,
        `To match a pattern, use ${op.set ? op.set + ':' : ''}${like}${op.ifExists ? 'IfExists' : ''}.`,
      );
    }
  }
}

function checkKey(
  ctx: Ctx,
  s: Statement,
  op: ParsedOperator | undefined,
  opName: string,
  k: ConditionKeyEntry,
  applicable: string[] | undefined,
): void {
  const catalog = ctx.catalog;
  if (!catalog) return;
  const key = k.key.value;
  const colon = key.indexOf(':');
  const prefix = colon > 0 ? key.slice(0, colon) : '';
  const info: ConditionKeyInfo | undefined = catalog.conditionKey(key);
  if (!info) {
    const isAws = prefix.toLowerCase() === 'aws';
    // Keys with a known prefix but no entry (a typo), and aws: keys; issuers' keys are open-ended.
    if (isAws || catalog.service(prefix) || !prefix) {
      // one search per distinct key and pool (memoised per catalogue)
      const options = memoSuggest(catalog, `key\u0000${isAws ? 'aws' : prefix.toLowerCase()}\u0000${key}`, () => {
        const pool = isAws
          ? catalog.globalKeys.map((g) => g.key)
          : (catalog.service(prefix)?.conditionKeys.map((c) => c.key) ?? []);
        return suggest(
          key,
          pool.filter((p) => !p.includes('${')),
          2,
        );
      });
      ctx.report(
        'validate.unknown-condition-key',
        `\`${key}\` is not a known condition key`,
        k.key.range,
        `${didYouMean(options)} ${isAws ? 'Global keys are listed in the IAM User Guide ("AWS global condition context keys"); an unknown key is absent from every request' : 'The key is absent from every request'}, so positive operators are false and negated ones true.`.trim(),
      );
    }
    return;
  }
  if (op) {
    if (!familyFits(op.family, info.type)) {
      ctx.report(
        'validate.operator-type-mismatch',
        `\`${opName}\` cannot compare \`${key}\`, a key of type ${info.type}`,
        k.key.range,
        `Use an operator for ${info.type.replace(/^ArrayOf/, '')} values; a mismatch makes the condition false whatever the request.`,
      );
    }
    const multi = info.type.startsWith('ArrayOf');
    if (op.base !== 'Null') {
      if (multi && !op.set) {
        ctx.report(
          'validate.multivalued-key-without-set-operator',
          `\`${key}\` can hold several values: use \`ForAnyValue:\` or \`ForAllValues:\``,
          k.key.range,
          `With a plain ${opName}, a request carrying several values is compared as a whole; say whether any or all of them must match.`,
        );
      } else if (!multi && op.set) {
        ctx.report(
          'validate.set-operator-single-valued-key',
          `\`${op.set}:\` is meant for multivalued keys, and \`${key}\` has one value`,
          k.key.range,
          op.set === 'ForAllValues'
            ? 'ForAllValues is also true when the key is absent, which can allow more than intended. Drop the prefix.'
            : 'Drop the prefix: a single-valued key is compared directly.',
        );
      }
    }
    if (
      op.base === 'Bool' &&
      !op.ifExists &&
      key.toLowerCase() === 'aws:multifactorauthpresent' &&
      s.effect?.value === 'Deny' &&
      k.values.some((v) => v.value.toLowerCase() === 'false')
    ) {
      ctx.report(
        'validate.mfa-bool-false',
        '`aws:MultiFactorAuthPresent` is absent for long-term access keys, so this deny never applies to them',
        k.key.range,
        'Write "BoolIfExists": {"aws:MultiFactorAuthPresent": "false"} to deny requests without MFA, including those signed with access keys.',
      );
    }
  }
  if (info.global || !applicable || prefix.toLowerCase() === 'aws') return;
  const lower = info.key.toLowerCase();
  if (applicable.some((a) => a === lower || templateMatches(templateForm(a), key.toLowerCase()))) return;
  ctx.report(
    'validate.condition-key-not-applicable',
    `\`${key}\` does not apply to any action of this statement`,
    k.key.range,
    "The key is absent from these actions' requests, so positive operators are false and negated ones true. Check the Service Authorization Reference for the keys each action supports.",
  );
}

export function checkConditions(ctx: Ctx): void {
  for (const s of ctx.policy.statements) {
    if (!s.condition) continue;
    const applicable = ctx.catalog ? applicableKeys(s, ctx.catalog) : undefined;
    for (const op of s.condition) {
      const parsed = checkOperator(ctx, op);
      for (const k of op.keys) {
        if (parsed) checkValues(ctx, parsed, op.operator.value, k);
        checkKey(ctx, s, parsed, op.operator.value, k, applicable);
      }
    }
  }
}
