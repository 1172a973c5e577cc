/**
 * Quick fixes for validation findings: the "did you mean" action, service prefix or operator;
 * add or correct `Version`; fix the case of `Effect`; split a statement that has both `Action`
 * and `NotAction` (or `Resource`/`NotResource`, `Principal`/`NotPrincipal`); `NullIfExists` →
 * `Null`; `Bool` → `BoolIfExists` for MFA; remove a redundant value. Edits are plain text edits.
 */
import { applyEdits, findNodeAtOffset, modify, parseTree } from 'jsonc-parser';
import type { Node as JsonNode } from 'jsonc-parser';
import type { Catalog } from '../catalog';
import type { Finding } from '../engine/diagnostics';
import { LineIndex } from '../engine/diagnostics';
import type { PolicyType } from '../engine/model';
import { ALL_OPERATORS, PRINCIPAL_TYPES, STATEMENT_KEYS, TOP_KEYS, suggest, validatePolicy } from '../engine/validate';
import { offsetAt } from './position';
import type { CodeAction, CursorPosition, TextEdit } from './types';
import { guarded } from './guard';

export interface CodeActionOptions {
  type?: PolicyType;
  catalog: Catalog;
  /** Findings already computed for this text (else they are computed). */
  findings?: Finding[];
}

const FORMAT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

function replace(lines: LineIndex, offset: number, length: number, newText: string): TextEdit {
  return { range: lines.range(offset, length), newText };
}

function stringAt(text: string, f: Finding): string | undefined {
  const raw = text.slice(f.range.start.offset, f.range.end.offset);
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The object node of the statement around an offset. */
function statementNode(tree: JsonNode, offset: number): JsonNode | undefined {
  let n = findNodeAtOffset(tree, offset, false);
  while (n) {
    if (n.type === 'object' && (n.parent?.type === 'array' || n.parent?.type === 'property') && n !== tree) {
      const prop = n.parent.type === 'property' ? n.parent : n.parent.parent;
      if (prop?.type === 'property' && prop.children?.[0].value === 'Statement') return n;
    }
    n = n.parent;
  }
  return undefined;
}

function splitStatement(text: string, tree: JsonNode, f: Finding, lines: LineIndex): CodeAction | undefined {
  const stmt = statementNode(tree, f.range.start.offset);
  if (!stmt) return undefined;
  const notName = JSON.parse(text.slice(f.range.start.offset, f.range.end.offset)) as string;
  const name = notName.slice(3);
  const src = text.slice(stmt.offset, stmt.offset + stmt.length);
  const first = applyEdits(src, modify(src, [notName], undefined, FORMAT));
  let second = applyEdits(src, modify(src, [name], undefined, FORMAT));
  const sid = stmt.children?.find((p) => p.children?.[0].value === 'Sid')?.children?.[1];
  if (sid?.type === 'string')
    second = applyEdits(second, modify(second, ['Sid'], `${String(sid.value)}${notName}`, FORMAT));
  const lineStart = text.lastIndexOf('\n', stmt.offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, stmt.offset))![0];
  // The slices keep the source's own indentation, so the copies line up as they are.
  const single = stmt.parent?.type === 'property';
  const newText = single ? `[${first}, ${second}]` : `${first},\n${indent}${second}`;
  return {
    title: `Split into a statement with \`${name}\` and one with \`${notName}\``,
    kind: 'quickfix',
    code: f.code,
    edits: [replace(lines, stmt.offset, stmt.length, newText)],
  };
}

function removeValue(
  text: string,
  tree: JsonNode,
  f: Finding,
  title: string,
  lines: LineIndex,
): CodeAction | undefined {
  const node = findNodeAtOffset(tree, f.range.start.offset + 1, false);
  const arr = node?.parent;
  if (!node || arr?.type !== 'array') return undefined;
  const index = arr.children!.indexOf(node);
  const path: (string | number)[] = [];
  for (let n: JsonNode | undefined = arr; n && n.parent; n = n.parent) {
    if (n.parent.type === 'property') path.unshift(String(n.parent.children![0].value));
    else if (n.parent.type === 'array') path.unshift(n.parent.children!.indexOf(n));
  }
  const edits = modify(text, [...path, index], undefined, FORMAT);
  return {
    title,
    kind: 'quickfix',
    code: f.code,
    edits: edits.map((e) => replace(lines, e.offset, e.length, e.content)),
  };
}

function fixesFor(
  text: string,
  tree: JsonNode | undefined,
  f: Finding,
  catalog: Catalog,
  lines: LineIndex,
): CodeAction[] {
  const out: CodeAction[] = [];
  const at = (title: string, newText: string) =>
    out.push({
      title,
      kind: 'quickfix',
      code: f.code,
      edits: [replace(lines, f.range.start.offset, f.range.end.offset - f.range.start.offset, newText)],
    });
  const value = stringAt(text, f);
  switch (f.code) {
    case 'validate.unknown-action': {
      if (!value) break;
      const colon = value.indexOf(':');
      const service = catalog.service(value.slice(0, colon));
      if (!service) break;
      for (const name of suggest(
        value.slice(colon + 1),
        service.actions.map((a) => a.name),
      ))
        at(`Change to \`${service.prefix}:${name}\``, JSON.stringify(`${service.prefix}:${name}`));
      break;
    }
    case 'validate.unknown-service': {
      if (!value) break;
      const colon = value.indexOf(':');
      for (const p of suggest(
        value.slice(0, colon),
        catalog.services.map((s) => s.prefix),
      ))
        at(`Change to \`${p}${value.slice(colon)}\``, JSON.stringify(p + value.slice(colon)));
      break;
    }
    case 'validate.unknown-operator': {
      if (!value) break;
      const bare = value.replace(/^(ForAllValues|ForAnyValue):/i, '');
      const prefix = value.slice(0, value.length - bare.length);
      for (const op of suggest(bare, ALL_OPERATORS)) at(`Change to \`${prefix}${op}\``, JSON.stringify(prefix + op));
      break;
    }
    case 'validate.unknown-top-level-key':
    case 'validate.unknown-statement-key':
    case 'validate.principal-type': {
      if (value === undefined) break;
      const allowed =
        f.code === 'validate.unknown-top-level-key'
          ? TOP_KEYS
          : f.code === 'validate.principal-type'
            ? PRINCIPAL_TYPES
            : STATEMENT_KEYS;
      for (const k of suggest(value, allowed, 1)) at(`Rename to \`${k}\``, JSON.stringify(k));
      break;
    }
    case 'validate.null-ifexists':
      at('Change to `Null`', '"Null"');
      break;
    case 'validate.invalid-effect': {
      const v = value?.toLowerCase();
      if (v === 'allow' || v === 'deny')
        at(`Change to \`${v === 'allow' ? 'Allow' : 'Deny'}\``, v === 'allow' ? '"Allow"' : '"Deny"');
      break;
    }
    case 'validate.invalid-version':
    case 'validate.old-version':
      at('Change to `2012-10-17`', '"2012-10-17"');
      break;
    case 'validate.missing-version': {
      if (!tree || tree.type !== 'object') break;
      const empty = (tree.children ?? []).length === 0;
      const firstProp = tree.children?.[0];
      const lineStart = firstProp ? text.lastIndexOf('\n', firstProp.offset - 1) + 1 : -1;
      const sameLine = !firstProp || lineStart <= tree.offset;
      const indent = sameLine ? ' ' : text.slice(lineStart, firstProp!.offset);
      const insert = sameLine ? ` "Version": "2012-10-17"${empty ? ' ' : ','}` : `\n${indent}"Version": "2012-10-17",`;
      out.push({
        title: 'Add `"Version": "2012-10-17"`',
        kind: 'quickfix',
        code: f.code,
        edits: [replace(lines, tree.offset + 1, 0, insert)],
      });
      break;
    }
    case 'validate.conflicting-elements': {
      if (!tree) break;
      const split = splitStatement(text, tree, f, lines);
      if (split) out.push(split);
      break;
    }
    case 'validate.mfa-bool-false': {
      const opKey =
        tree && findNodeAtOffset(tree, f.range.start.offset + 1, false)?.parent?.parent?.parent?.children?.[0];
      if (opKey?.type === 'string' && opKey.value === 'Bool') {
        out.push({
          title: 'Change to `BoolIfExists`',
          kind: 'quickfix',
          code: f.code,
          edits: [replace(lines, opKey.offset, opKey.length, '"BoolIfExists"')],
        });
      }
      break;
    }
    case 'validate.redundant-action':
    case 'validate.redundant-resource': {
      const fix = tree && removeValue(text, tree, f, `Remove \`${value}\``, lines);
      if (fix) out.push(fix);
      break;
    }
  }
  return out;
}

function codeActionsUnguarded(
  text: string,
  range: { start: CursorPosition; end: CursorPosition },
  options: CodeActionOptions,
): CodeAction[] {
  const start = offsetAt(text, range.start);
  const end = offsetAt(text, range.end);
  const findings =
    options.findings ?? validatePolicy(text, { type: options.type ?? 'identity', catalog: options.catalog });
  const tree = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  const lines = new LineIndex(text);
  const out: CodeAction[] = [];
  for (const f of findings) {
    if (f.range.end.offset < start || f.range.start.offset > end) continue;
    out.push(...fixesFor(text, tree, f, options.catalog, lines));
  }
  return out;
}

/**
 * Fixes for the findings that overlap the given range (a cursor is a range that starts and ends at
 * the same place); none for a document nested past the parser's limit. Never throws.
 */
export function codeActions(
  text: string,
  range: { start: CursorPosition; end: CursorPosition },
  options: CodeActionOptions,
): CodeAction[] {
  return guarded(text, [], () => codeActionsUnguarded(text, range, options));
}
