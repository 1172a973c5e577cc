/** Hover documentation for actions, condition keys, operators, service prefixes and element names. */
import { findNodeAtOffset, getNodePath, parseTree } from 'jsonc-parser';
import type { Node as JsonNode } from 'jsonc-parser';
import type { ActionInfo, Catalog } from '../catalog';
import { LineIndex } from '../engine/diagnostics';
import { OPERATOR_DOCS, parseOperator, resolveAction } from '../engine/validate';
import { offsetAt } from './position';
import type { CursorPosition, Hover } from './types';
import { guarded } from './guard';

const ELEMENTS: Record<string, string> = {
  Version:
    '**Version**: the policy language version. Use `"2012-10-17"`; older `"2008-10-17"` has no policy variables.',
  Statement: '**Statement**: one statement or a list of them.',
  Sid: '**Sid**: an optional statement id; unique within the policy.',
  Effect: '**Effect**: `"Allow"` or `"Deny"`. An explicit Deny always wins.',
  Principal: '**Principal**: who the statement applies to. Only in resource-based policies and role trust policies.',
  NotPrincipal: '**NotPrincipal**: everyone except the listed principals.',
  Action: '**Action**: the actions, `service:Action`; case-insensitive, `*` and `?` wildcards.',
  NotAction: '**NotAction**: matches every action except those listed, in every service.',
  Resource: '**Resource**: ARNs the statement applies to; case-sensitive, `*` and `?` wildcards.',
  NotResource: '**NotResource**: every resource except those listed.',
  Condition: '**Condition**: operators and keys that must all hold for the statement to apply.',
};

function actionDoc(a: ActionInfo): string {
  const rts = a.resourceTypes.map((r) => `\`${r.name}\`${r.required ? ' (required)' : ''}`).join(', ');
  const lines = [`**${a.fullName}** · ${a.accessLevel}`, '', a.description];
  lines.push('', `Resource types: ${rts || 'none (use `"Resource": "*"`)'}`);
  if (a.conditionKeys.length) lines.push('', `Condition keys: ${a.conditionKeys.map((k) => `\`${k}\``).join(', ')}`);
  if (a.dependentActions.length)
    lines.push('', `Dependent actions: ${a.dependentActions.map((k) => `\`${k}\``).join(', ')}`);
  return lines.join('\n');
}

function hoverValue(node: JsonNode, path: (string | number)[], catalog: Catalog): string | undefined {
  const el = path.find((p) => typeof p === 'string' && p !== 'Statement');
  if ((el === 'Action' || el === 'NotAction') && node.type === 'string') {
    const value = String(node.value);
    const r = resolveAction(value, catalog);
    if (r.kind === 'exact') return actionDoc(r.actions[0]);
    if (r.kind === 'all') return `\`*\`: every action in every service (${r.actions.length} known actions)`;
    if (r.kind === 'wildcard') {
      const shown = r.actions.slice(0, 10).map((a) => `\`${a.fullName}\` (${a.accessLevel})`);
      return `\`${value}\` matches ${r.actions.length} action${r.actions.length === 1 ? '' : 's'}: ${shown.join(', ')}${r.actions.length > 10 ? ', …' : ''}`;
    }
    if (r.kind === 'unknown-action') return `\`${value}\`: no such action in ${r.service!.name}`;
    if (r.kind === 'unknown-service') return `\`${value}\`: unknown service prefix`;
    if (r.kind === 'no-match') return `\`${value}\` matches no action`;
  }
  return undefined;
}

function hoverKey(name: string, path: (string | number)[], catalog: Catalog): string | undefined {
  const ci = path.indexOf('Condition');
  const depth = ci >= 0 ? path.length - ci : -1;
  if (depth === 1) {
    const op = parseOperator(name);
    if (!op) return undefined;
    const parts = [`**${name}**: ${OPERATOR_DOCS[op.base]}`];
    if (op.ifExists) parts.push('`…IfExists`: also true when the key is absent from the request.');
    if (op.set === 'ForAllValues')
      parts.push(
        '`ForAllValues:`: true when every value in the request matches, and also when the key is absent or empty.',
      );
    if (op.set === 'ForAnyValue')
      parts.push('`ForAnyValue:`: true when at least one value in the request matches; false when the key is absent.');
    return parts.join('\n\n');
  }
  if (depth === 2) {
    const info = catalog.conditionKey(name);
    if (!info) return `\`${name}\`: not a known condition key`;
    return `**${info.key}** · ${info.type}${info.global ? ' · global' : ''}${info.description ? `\n\n${info.description}` : ''}`;
  }
  return ELEMENTS[name];
}

function hoverUnguarded(text: string, position: CursorPosition, catalog: Catalog): Hover | undefined {
  const offset = offsetAt(text, position);
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!tree) return undefined;
  const node = findNodeAtOffset(tree, offset, false);
  if (!node || (node.type !== 'string' && node.type !== 'property')) return undefined;
  const lines = new LineIndex(text);
  const parent = node.parent;
  const isKey = parent?.type === 'property' && parent.children?.[0] === node;
  let contents: string | undefined;
  if (isKey) {
    const path = getNodePath(parent!);
    contents = hoverKey(String(node.value), path, catalog);
  } else if (node.type === 'string') {
    contents = hoverValue(node, getNodePath(node), catalog);
  }
  if (!contents) return undefined;
  return { contents, range: lines.range(node.offset, node.length) };
}

/** The hover at a position; none for a document nested past the parser's limit. Never throws. */
export function hover(text: string, position: CursorPosition, catalog: Catalog): Hover | undefined {
  return guarded<Hover | undefined>(text, undefined, () => hoverUnguarded(text, position, catalog));
}
