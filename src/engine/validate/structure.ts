/**
 * Shape checks on the JSON tree: unknown and duplicate keys, element types, `Version`, empty
 * lists. The parser is lenient (it keeps what it can read); this is where a learner hears why an
 * element was ignored. IAM User Guide: "IAM JSON policy element reference", "Grammar".
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { PRINCIPAL_KINDS, POLICY_ELEMENTS, STATEMENT_ELEMENTS, lastProperty, propertiesOf, rangeOf } from '../parse';
import type { FindingCode } from '../findings';
import type { Ctx } from './context';
import { didYouMean, suggest } from './suggest';

export const TOP_KEYS = [...POLICY_ELEMENTS];
export const STATEMENT_KEYS = [...STATEMENT_ELEMENTS];
export const PRINCIPAL_TYPES = [...PRINCIPAL_KINDS];
const VERSIONS = ['2012-10-17', '2008-10-17'];

function typeName(node: JsonNode): string {
  if (node.type === 'boolean') return 'a boolean';
  if (node.type === 'null') return '`null`';
  if (node.type === 'object') return 'an object';
  if (node.type === 'array') return 'an array';
  if (node.type === 'number') return 'a number';
  return 'a string';
}

function checkKeys(ctx: Ctx, node: JsonNode, allowed: string[], where: string, code: FindingCode): void {
  const seen = new Set<string>();
  for (const p of propertiesOf(node)) {
    const name = String(p.key.value);
    const range = rangeOf(p.key, ctx.lines);
    if (!allowed.includes(name)) {
      const options = suggest(name, allowed, 1);
      ctx.report(
        code,
        where === 'principal type' ? `\`${name}\` is not a principal type` : `\`${name}\` is not a ${where} element`,
        range,
        `${didYouMean(options)} A ${where} may contain only ${allowed.map((a) => `\`${a}\``).join(', ')}; element names are case-sensitive.`.trim(),
      );
    }
    if (seen.has(name)) {
      ctx.report(
        'validate.duplicate-key',
        `\`${name}\` appears more than once`,
        range,
        'Only the last occurrence counts, and IAM may reject the policy. Keep one and merge the values.',
      );
    }
    seen.add(name);
  }
}

/** A string, or an array of strings: the shape of `Action`, `Resource` and their `Not` forms. */
function checkStringList(ctx: Ctx, name: string, node: JsonNode | undefined): void {
  if (!node) return;
  if (node.type === 'string') return;
  if (node.type === 'array') {
    const items = node.children ?? [];
    if (items.length === 0) {
      ctx.report(
        'validate.empty-list',
        `\`${name}\` is an empty list`,
        rangeOf(node, ctx.lines),
        'An empty list matches nothing, so the statement never applies. Add values or remove the statement.',
      );
    }
    for (const item of items) {
      if (item.type !== 'string') {
        ctx.report(
          'validate.element-type',
          `each value of \`${name}\` must be a string, found ${typeName(item)}`,
          rangeOf(item, ctx.lines),
          'Write the value in double quotes. This value is ignored.',
        );
      }
    }
    return;
  }
  ctx.report(
    'validate.element-type',
    `\`${name}\` must be a string or an array of strings, found ${typeName(node)}`,
    rangeOf(node, ctx.lines),
    'The element is ignored until it has the right shape.',
  );
}

function checkPrincipal(ctx: Ctx, name: string, node: JsonNode | undefined): void {
  if (!node) return;
  if (node.type === 'string') {
    if (node.value !== '*') {
      ctx.report(
        'validate.principal-shape',
        `\`${name}\` must be \`"*"\` or an object such as {"AWS": ...}`,
        rangeOf(node, ctx.lines),
        `Only the wildcard may be written as a bare string. Name principals by type: {"AWS": "${String(node.value)}"}.`,
      );
    }
    return;
  }
  if (node.type !== 'object') {
    ctx.report(
      'validate.element-type',
      `\`${name}\` must be \`"*"\` or an object, found ${typeName(node)}`,
      rangeOf(node, ctx.lines),
      'Write principals as {"AWS": [...], "Service": [...], "Federated": ..., "CanonicalUser": ...}.',
    );
    return;
  }
  checkKeys(ctx, node, PRINCIPAL_TYPES, 'principal type', 'validate.principal-type');
  for (const p of propertiesOf(node)) checkStringList(ctx, `${name}.${String(p.key.value)}`, p.value);
}

function checkCondition(ctx: Ctx, node: JsonNode | undefined): void {
  if (!node) return;
  if (node.type !== 'object') {
    ctx.report(
      'validate.element-type',
      `\`Condition\` must be an object, found ${typeName(node)}`,
      rangeOf(node, ctx.lines),
      'Write conditions as {"Operator": {"key": "value"}}.',
    );
    return;
  }
  const ops = propertiesOf(node);
  if (ops.length === 0) {
    ctx.report(
      'validate.empty-list',
      '`Condition` is empty',
      rangeOf(node, ctx.lines),
      'An empty condition block always holds: remove it.',
    );
  }
  for (const op of ops) {
    const opName = String(op.key.value);
    if (!op.value) continue;
    if (op.value.type !== 'object') {
      ctx.report(
        'validate.element-type',
        `the value of \`${opName}\` must be an object of condition keys, found ${typeName(op.value)}`,
        rangeOf(op.value, ctx.lines),
        'Write {"Operator": {"key": "value"}}. This operator is ignored.',
      );
      continue;
    }
    const keys = propertiesOf(op.value);
    if (keys.length === 0) {
      ctx.report(
        'validate.empty-list',
        `\`${opName}\` has no condition keys`,
        rangeOf(op.value, ctx.lines),
        'An operator with no keys tests nothing: remove it or add a key.',
      );
    }
    const seen = new Set<string>();
    for (const k of keys) {
      const keyName = String(k.key.value);
      if (seen.has(keyName.toLowerCase())) {
        ctx.report(
          'validate.duplicate-key',
          `\`${keyName}\` appears more than once under \`${opName}\``,
          rangeOf(k.key, ctx.lines),
          'Condition keys are case-insensitive; only the last occurrence counts. Put all values in one array.',
        );
      }
      seen.add(keyName.toLowerCase());
      const v = k.value;
      if (!v) continue;
      const items = v.type === 'array' ? (v.children ?? []) : [v];
      if (v.type === 'array' && items.length === 0) {
        ctx.report(
          'validate.empty-list',
          `\`${keyName}\` has an empty list of values`,
          rangeOf(v, ctx.lines),
          'A key with no values never matches (a negated operator always does). Add a value.',
        );
      }
      for (const item of items) {
        if (item.type === 'object' || item.type === 'array' || item.type === 'null') {
          ctx.report(
            'validate.condition-value-type',
            `a condition value must be a string, number or boolean, found ${typeName(item)}`,
            rangeOf(item, ctx.lines),
            'Write each value as a string, or a list of strings.',
          );
        }
      }
    }
  }
}

function checkStatementNode(ctx: Ctx, node: JsonNode): void {
  checkKeys(ctx, node, STATEMENT_KEYS, 'statement', 'validate.unknown-statement-key');
  for (const name of ['Sid', 'Effect']) {
    const v = lastProperty(node, name)?.value;
    if (v && v.type !== 'string') {
      ctx.report(
        'validate.element-type',
        `\`${name}\` must be a string, found ${typeName(v)}`,
        rangeOf(v, ctx.lines),
        name === 'Effect' ? 'Write "Allow" or "Deny".' : 'Write the statement id in double quotes.',
      );
    }
  }
  for (const name of ['Action', 'NotAction', 'Resource', 'NotResource'])
    checkStringList(ctx, name, lastProperty(node, name)?.value);
  checkPrincipal(ctx, 'Principal', lastProperty(node, 'Principal')?.value);
  checkPrincipal(ctx, 'NotPrincipal', lastProperty(node, 'NotPrincipal')?.value);
  checkCondition(ctx, lastProperty(node, 'Condition')?.value);
}

/** Statement object nodes in order, for the checks that need the raw tree. */
export function statementNodes(tree: JsonNode): JsonNode[] {
  const st = lastProperty(tree, 'Statement')?.value;
  if (!st) return [];
  if (st.type === 'object') return [st];
  if (st.type === 'array') return (st.children ?? []).filter((c) => c.type === 'object');
  return [];
}

export function checkStructure(ctx: Ctx): void {
  const root = ctx.tree;
  checkKeys(ctx, root, TOP_KEYS, 'policy', 'validate.unknown-top-level-key');
  const version = lastProperty(root, 'Version');
  const head = ctx.lines.range(root.offset, 1);
  if (!version) {
    ctx.report(
      'validate.missing-version',
      'the policy has no `Version`',
      head,
      'Add "Version": "2012-10-17". Without it IAM uses 2008-10-17, where policy variables such as ${aws:username} are plain text.',
    );
  } else if (version.value) {
    const v = version.value;
    const range = rangeOf(v, ctx.lines);
    if (v.type !== 'string' || !VERSIONS.includes(v.value as string)) {
      const written = v.type === 'string' ? `\`${String(v.value)}\`` : typeName(v);
      ctx.report(
        'validate.invalid-version',
        `${written} is not a policy language version`,
        range,
        'The only versions are "2012-10-17" (current) and "2008-10-17". The Version is a fixed date, not the date you wrote the policy.',
      );
    } else if (v.value === '2008-10-17') {
      ctx.report(
        'validate.old-version',
        'version `2008-10-17` is the old policy language',
        range,
        'Use "2012-10-17": the old version does not support policy variables, so ${...} is matched as literal text.',
      );
    }
  }
  const id = lastProperty(root, 'Id')?.value;
  if (id && id.type !== 'string') {
    ctx.report(
      'validate.element-type',
      `\`Id\` must be a string, found ${typeName(id)}`,
      rangeOf(id, ctx.lines),
      'Write the policy id in double quotes, or remove it.',
    );
  }
  const st = lastProperty(root, 'Statement');
  if (!st) {
    ctx.report(
      'validate.missing-statement',
      'the policy has no `Statement`',
      head,
      'Add "Statement": [{"Effect": "Allow", "Action": ..., "Resource": ...}].',
    );
    return;
  }
  if (st.value?.type === 'array' && (st.value.children ?? []).length === 0) {
    ctx.report(
      'validate.empty-list',
      '`Statement` is an empty list',
      rangeOf(st.value, ctx.lines),
      'A policy with no statements allows and denies nothing.',
    );
  }
  for (const node of statementNodes(root)) checkStatementNode(ctx, node);
}
