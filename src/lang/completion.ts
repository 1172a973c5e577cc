/**
 * Completion at the cursor: element names, `Effect` values, service prefixes, actions (with
 * access level and description), ARN templates for the statement's actions, condition operators,
 * the condition keys that apply to the statement's actions plus the global keys, and values for
 * `Bool`/`Null`.
 */
import type { ActionInfo, Catalog } from '../catalog';
import { LineIndex } from '../engine/diagnostics';
import type { Statement } from '../engine/model';
import { parsePolicy } from '../engine/parse';
import { ALL_OPERATORS, OPERATOR_DOCS, parseOperator, resolveAction } from '../engine/validate';
import { cursorAt, offsetAt } from './position';
import type { Cursor } from './position';
import { statementAt } from './statement-at';
import type { CompletionItem, CompletionKind, CursorPosition } from './types';
import { TOP_KEYS, STATEMENT_KEYS, PRINCIPAL_TYPES } from '../engine/validate/structure';
import { guarded } from './guard';

const ELEMENT_DOCS: Record<string, string> = {
  Version: 'The policy language version: always `"2012-10-17"`',
  Id: 'An optional identifier for the policy',
  Statement: 'The list of statements',
  Sid: 'An optional statement id (letters and digits)',
  Effect: '`"Allow"` or `"Deny"`',
  Principal: 'Who the statement applies to (resource-based and trust policies only)',
  NotPrincipal: 'Everyone except these principals (avoid with Allow)',
  Action: 'The actions, as `service:Action`, wildcards allowed',
  NotAction: 'Every action except these',
  Resource: 'The resources, as ARNs, or `"*"`',
  NotResource: 'Every resource except these',
  Condition: 'Conditions that must all hold: `{"Operator": {"key": "value"}}`',
};

/** Statement actions (exact and wildcard), for resource and key completion. */
export function statementActions(s: Statement | undefined, catalog: Catalog): ActionInfo[] {
  const seen = new Set<ActionInfo>();
  for (const v of s?.action?.values ?? []) {
    const r = resolveAction(v.value, catalog);
    if (r.kind === 'exact' || r.kind === 'wildcard') for (const a of r.actions) seen.add(a);
  }
  return [...seen];
}

/** Condition keys that apply to the actions, as documented (templates kept, e.g. `s3:ExistingObjectTag/${TagKey}`). */
export function applicableKeyNames(actions: ActionInfo[], catalog: Catalog): string[] {
  const keys = new Set<string>();
  for (const a of actions) {
    for (const k of a.conditionKeys) keys.add(k);
    for (const rt of a.resourceTypes) {
      for (const k of rt.conditionKeys) keys.add(k);
      for (const k of catalog.resourceType(a.service, rt.name)?.conditionKeys ?? []) keys.add(k);
    }
  }
  return [...keys];
}

class Items {
  readonly list: CompletionItem[] = [];
  constructor(
    private readonly cursor: Cursor,
    private readonly lines: LineIndex,
  ) {}
  add(label: string, kind: CompletionKind, detail?: string, documentation?: string): void {
    if (!label.toLowerCase().startsWith(this.cursor.prefix.toLowerCase())) return;
    const c = this.cursor;
    const item: CompletionItem = {
      label,
      kind,
      insertText: c.inString ? label : JSON.stringify(label),
      range: this.lines.range(c.replaceStart, c.replaceEnd - c.replaceStart),
    };
    if (detail) item.detail = detail;
    if (documentation) item.documentation = documentation;
    this.list.push(item);
  }
}

function actionItems(items: Items, prefix: string, catalog: Catalog): void {
  const colon = prefix.indexOf(':');
  if (colon < 0) {
    items.add('*', 'value', 'every action');
    for (const s of catalog.services) items.add(`${s.prefix}:`, 'service', s.name);
    return;
  }
  const service = catalog.service(prefix.slice(0, colon));
  if (!service) return;
  items.add(`${service.prefix}:*`, 'value', `every ${service.name} action`);
  for (const a of service.actions) items.add(a.fullName, 'action', a.accessLevel, a.description);
}

/**
 * True right after a string value the learner has just closed (`"Resource": "arn:aws:s3:::b/*"|`),
 * spaces allowed: nothing is offered there. The closing quote is a completion trigger in editors,
 * so without this the list would open again with `*` preselected, and the Enter that starts the
 * next line would insert `"*"` after the closed string. Reads the line before the cursor (a JSON
 * string never spans lines).
 */
export function afterClosedString(text: string, offset: number): boolean {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let inString = false;
  let lastQuoteClosed = false;
  for (let i = start; i < offset; i++) {
    const c = text[i];
    if (inString && c === '\\') {
      i++;
      continue;
    }
    if (c === '"') {
      inString = !inString;
      lastQuoteClosed = !inString;
    } else if (!inString && c !== ' ' && c !== '\t') lastQuoteClosed = false;
  }
  return !inString && lastQuoteClosed;
}

function completeUnguarded(text: string, position: CursorPosition, catalog: Catalog): CompletionItem[] {
  const offset = offsetAt(text, position);
  if (afterClosedString(text, offset)) return [];
  const cursor = cursorAt(text, offset);
  const lines = new LineIndex(text);
  const items = new Items(cursor, lines);
  const { policy } = parsePolicy(text);
  const path = cursor.path;
  if (cursor.atKey) {
    if (path.length === 0) {
      for (const k of TOP_KEYS) items.add(k, 'property', undefined, ELEMENT_DOCS[k]);
      return items.list;
    }
    const at = statementAt(policy, path);
    if (!at) return items.list;
    const rest = at.rest;
    if (rest.length === 0) for (const k of STATEMENT_KEYS) items.add(k, 'property', undefined, ELEMENT_DOCS[k]);
    else if (rest.length === 1 && (rest[0] === 'Principal' || rest[0] === 'NotPrincipal'))
      for (const k of PRINCIPAL_TYPES) items.add(k, 'property');
    else if (rest.length === 1 && rest[0] === 'Condition') {
      for (const op of ALL_OPERATORS) items.add(op, 'operator', undefined, OPERATOR_DOCS[op.replace(/IfExists$/, '')]);
      for (const set of ['ForAnyValue:', 'ForAllValues:'])
        for (const op of ALL_OPERATORS)
          if (op !== 'Null') items.add(set + op, 'operator', undefined, OPERATOR_DOCS[op.replace(/IfExists$/, '')]);
    } else if (rest.length === 2 && rest[0] === 'Condition') {
      const actions = statementActions(at.statement, catalog);
      const seen = new Set<string>();
      for (const k of applicableKeyNames(actions, catalog)) {
        const info = catalog.conditionKey(k);
        seen.add(k.toLowerCase());
        items.add(k, 'key', info?.type, info?.description);
      }
      for (const g of catalog.globalKeys)
        if (!seen.has(g.key.toLowerCase())) items.add(g.key, 'key', `${g.type} (global)`, g.description);
    }
    return items.list;
  }
  if (path.length === 1 && path[0] === 'Version') {
    items.add('2012-10-17', 'value', 'current policy language');
    return items.list;
  }
  const at = statementAt(policy, path);
  if (!at) return items.list;
  const [el, ...more] = at.rest;
  if (el === 'Effect' && more.length === 0) {
    items.add('Allow', 'value');
    items.add('Deny', 'value');
  } else if (el === 'Action' || el === 'NotAction') {
    actionItems(items, cursor.prefix, catalog);
  } else if (el === 'Resource' || el === 'NotResource') {
    items.add('*', 'value', 'every resource');
    const seen = new Set<string>();
    for (const a of statementActions(at.statement, catalog)) {
      for (const rt of a.resourceTypes) {
        const info = catalog.resourceType(a.service, rt.name);
        if (!info || seen.has(info.arn)) continue;
        seen.add(info.arn);
        items.add(info.arn, 'resource', `${a.service} ${rt.name}`);
      }
    }
  } else if (el === 'Condition' && more.length >= 2) {
    const op = parseOperator(String(more[0]));
    if (op && (op.family === 'Bool' || op.family === 'Null')) {
      items.add('true', 'value');
      items.add('false', 'value');
    }
  }
  return items.list;
}

/** Completions at a position; none for a document nested past the parser's limit. Never throws. */
export function complete(text: string, position: CursorPosition, catalog: Catalog): CompletionItem[] {
  return guarded(text, [], () => completeUnguarded(text, position, catalog));
}
