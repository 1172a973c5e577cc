/**
 * Builds the policy model straight from a parsed JSON value (what `JSON.parse` returns), for
 * callers that evaluate many documents and need no source ranges (`iamplay eval`). It reads the
 * document exactly as `buildPolicy` reads the text, element by element, including what it marks
 * as unreadable; every range is the empty range at offset 0. When the document has a parse error
 * (the top level is not an object, a `Statement` entry is not an object), it returns undefined:
 * the caller then parses the text with ranges to word the error.
 */
import type { Range } from '../diagnostics';
import type {
  ConditionKeyEntry,
  ConditionOperatorEntry,
  ConditionValue,
  Policy,
  PrincipalElement,
  Ranged,
  Statement,
  ValueList,
} from '../model';
import type { Unreadable } from './policy';
import { PRINCIPAL_KINDS, STATEMENT_ELEMENTS, VARIABLES_VERSION } from './policy';

/** The range every element of a model built from a value has. Frozen and shared. */
export const NO_RANGE: Range = Object.freeze({
  start: Object.freeze({ line: 1, column: 1, offset: 0 }),
  end: Object.freeze({ line: 1, column: 1, offset: 0 }),
}) as Range;

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === null) return '`null`';
  if (Array.isArray(v)) return 'an array';
  switch (typeof v) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return v ? '`true`' : '`false`';
    default:
      return 'a property';
  }
}

const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The policy model of a JSON value, or undefined when the document has a parse error. Never throws.
 * With `keep`, only the statements it accepts are read (each with its own index in the document):
 * for a caller that knows the others cannot apply to its request.
 */
export function policyFromValue(value: unknown, keep?: (statement: Obj) => boolean): Policy | undefined {
  if (!isObject(value)) return undefined;
  const st = has(value, 'Statement') ? value.Statement : undefined;
  if (st !== undefined && !isObject(st) && !(Array.isArray(st) && st.every(isObject))) return undefined;
  const policy: Policy = {
    variablesEnabled: value.Version === VARIABLES_VERSION,
    statements: [],
    singleStatement: false,
    range: NO_RANGE,
  };
  if (typeof value.Version === 'string') policy.version = { value: value.Version, range: NO_RANGE };
  if (typeof value.Id === 'string') policy.id = { value: value.Id, range: NO_RANGE };
  if (isObject(st)) {
    policy.singleStatement = true;
    if (!keep || keep(st)) policy.statements.push(statement(st, 0));
  } else if (Array.isArray(st)) {
    for (let i = 0; i < st.length; i++) {
      const o = st[i] as Obj;
      if (!keep || keep(o)) policy.statements.push(statement(o, i));
    }
  }
  return policy;
}

function str(v: unknown): Ranged<string> | undefined {
  return typeof v === 'string' ? { value: v, range: NO_RANGE } : undefined;
}

function list(v: unknown, element: string, problems: Unreadable[]): ValueList | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return { values: [{ value: v, range: NO_RANGE }], single: true, range: NO_RANGE };
  if (Array.isArray(v)) {
    const values: Ranged<string>[] = [];
    for (const item of v) {
      if (typeof item === 'string') values.push({ value: item, range: NO_RANGE });
      else problems.push({ element, reason: `\`${element}\` holds ${describe(item)}, not a string`, range: NO_RANGE });
    }
    return { values, single: false, range: NO_RANGE };
  }
  problems.push({
    element,
    reason: `\`${element}\` must be a string or a list of strings, found ${describe(v)}`,
    range: NO_RANGE,
  });
  return undefined;
}

function principal(v: unknown, element: string, problems: Unreadable[]): PrincipalElement | undefined {
  if (v === undefined) return undefined;
  const el: PrincipalElement = { anyone: false, entries: [], range: NO_RANGE };
  if (typeof v === 'string') {
    el.anyone = v === '*';
    if (!el.anyone) problems.push({ element, reason: `a string \`${element}\` can only be \`*\``, range: NO_RANGE });
    return el;
  }
  if (!isObject(v)) {
    problems.push({
      element,
      reason: `\`${element}\` must be \`*\` or an object, found ${describe(v)}`,
      range: NO_RANGE,
    });
    return el;
  }
  for (const name of Object.keys(v)) {
    if (!PRINCIPAL_KINDS.has(name))
      problems.push({ element, reason: `\`${name}\` is not a principal type`, range: NO_RANGE });
    const values = list(v[name], element, problems);
    if (values) el.entries.push({ type: { value: name, range: NO_RANGE }, values });
  }
  return el;
}

function conditionValue(v: unknown): ConditionValue {
  switch (typeof v) {
    case 'string':
      return { value: v, range: NO_RANGE, json: 'string' };
    case 'number':
      return { value: String(v), range: NO_RANGE, json: 'number' };
    case 'boolean':
      return { value: v ? 'true' : 'false', range: NO_RANGE, json: 'boolean' };
    default:
      return v === null
        ? { value: 'null', range: NO_RANGE, json: 'null' }
        : { value: '', range: NO_RANGE, json: 'other' };
  }
}

function condition(v: unknown, problems: Unreadable[]): ConditionOperatorEntry[] | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) {
    problems.push({
      element: 'Condition',
      reason: `\`Condition\` must be an object, found ${describe(v)}`,
      range: NO_RANGE,
    });
    return undefined;
  }
  const out: ConditionOperatorEntry[] = [];
  for (const name of Object.keys(v)) {
    const block = v[name];
    if (!isObject(block)) {
      problems.push({
        element: 'Condition',
        reason: `\`${name}\` must hold an object of condition keys, found ${describe(block)}`,
        range: NO_RANGE,
      });
      continue;
    }
    const keys: ConditionKeyEntry[] = [];
    for (const keyName of Object.keys(block)) {
      const raw = block[keyName];
      const items = Array.isArray(raw) ? raw : [raw];
      for (const item of items)
        if (item === null || typeof item === 'object')
          problems.push({
            element: 'Condition',
            reason: `the value of \`${keyName}\` holds ${describe(item)}`,
            range: NO_RANGE,
          });
      keys.push({ key: { value: keyName, range: NO_RANGE }, values: items.map(conditionValue), range: NO_RANGE });
    }
    out.push({ operator: { value: name, range: NO_RANGE }, keys, range: NO_RANGE });
  }
  return out;
}

function statement(o: Obj, index: number): Statement {
  const problems: Unreadable[] = [];
  for (const name of Object.keys(o))
    if (!STATEMENT_ELEMENTS.has(name))
      problems.push({ element: name, reason: `\`${name}\` is not a statement element`, range: NO_RANGE });
  const s: Statement = { index, range: NO_RANGE };
  const sid = str(o.Sid);
  if (sid) s.sid = sid;
  const effect = str(o.Effect);
  if (effect) s.effect = effect;
  const action = list(o.Action, 'Action', problems);
  if (action) s.action = action;
  const notAction = list(o.NotAction, 'NotAction', problems);
  if (notAction) s.notAction = notAction;
  const resource = list(o.Resource, 'Resource', problems);
  if (resource) s.resource = resource;
  const notResource = list(o.NotResource, 'NotResource', problems);
  if (notResource) s.notResource = notResource;
  const p = principal(o.Principal, 'Principal', problems);
  if (p) s.principal = p;
  const np = principal(o.NotPrincipal, 'NotPrincipal', problems);
  if (np) s.notPrincipal = np;
  const c = condition(o.Condition, problems);
  if (c) s.condition = c;
  if (problems.length > 0) s.unreadable = problems;
  return s;
}
