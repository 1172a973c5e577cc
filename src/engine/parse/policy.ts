/**
 * Builds the normalised policy model (src/engine/model.ts) from a JSON tree, leniently: every
 * element it can read is kept with its range; shapes it cannot use are left out for validation to
 * explain. It reports only what makes the document unusable: a top level that is not an object,
 * and a `Statement` that is neither an object nor an array of objects.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import type { Finding, LineIndex } from '../diagnostics';
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
import { lastProperty, propertiesOf, rangeOf } from './ranges';

/** The one Version under which policy variables are substituted (IAM User Guide, "IAM JSON policy elements: Version"). */
export const VARIABLES_VERSION = '2012-10-17';

/** The top-level elements of a policy (IAM User Guide, "IAM JSON policy element reference"). */
export const POLICY_ELEMENTS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);

/** The elements a statement may have (IAM User Guide, "IAM JSON policy element reference"). */
export const STATEMENT_ELEMENTS: ReadonlySet<string> = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);

/** The principal types a `Principal` / `NotPrincipal` object may name. */
export const PRINCIPAL_KINDS: ReadonlySet<string> = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

/** Why a statement cannot be read faithfully (see `Statement.unreadable`). */
export type Unreadable = NonNullable<Statement['unreadable']>[number];

export function buildPolicy(root: JsonNode, text: string, lines: LineIndex, findings: Finding[]): Policy | undefined {
  if (root.type !== 'object') {
    findings.push({
      code: 'parse.not-an-object',
      severity: 'ERROR',
      message: `a policy must be a JSON object, found ${describeType(root)}`,
      help: 'A policy document is an object such as {"Version": "2012-10-17", "Statement": [...]}.',
      range: rangeOf(root, lines),
    });
    return undefined;
  }
  const b = new Builder(text, lines);
  const version = b.str(lastProperty(root, 'Version')?.value);
  const id = b.str(lastProperty(root, 'Id')?.value);
  const policy: Policy = {
    variablesEnabled: version?.value === VARIABLES_VERSION,
    statements: [],
    singleStatement: false,
    range: rangeOf(root, lines),
  };
  if (version) policy.version = version;
  if (id) policy.id = id;
  const st = lastProperty(root, 'Statement');
  const node = st?.value;
  if (node?.type === 'object') {
    policy.singleStatement = true;
    policy.statements.push(b.statement(node, 0));
  } else if (node?.type === 'array') {
    (node.children ?? []).forEach((child, index) => {
      if (child.type === 'object') policy.statements.push(b.statement(child, index));
      else
        findings.push({
          code: 'parse.statement-shape',
          severity: 'ERROR',
          message: `each statement must be a JSON object, found ${describeType(child)}`,
          help: 'Write each statement as {"Effect": ..., "Action": ..., "Resource": ...}. This entry is ignored.',
          range: rangeOf(child, lines),
        });
    });
  } else if (node) {
    findings.push({
      code: 'parse.statement-shape',
      severity: 'ERROR',
      message: `\`Statement\` must be an object or an array of objects, found ${describeType(node)}`,
      help: 'The policy has no statement the engine can use.',
      range: rangeOf(node, lines),
    });
  }
  return policy;
}

function describeType(node: JsonNode): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return node.value ? '`true`' : '`false`';
    case 'null':
      return '`null`';
    default:
      return 'a property';
  }
}

class Builder {
  /** What the statement being built has that cannot be read faithfully. */
  private problems: Unreadable[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  private unreadable(element: string, reason: string, node: JsonNode): void {
    this.problems.push({ element, reason, range: rangeOf(node, this.lines) });
  }

  str(node: JsonNode | undefined): Ranged<string> | undefined {
    if (!node || node.type !== 'string') return undefined;
    return { value: node.value as string, range: rangeOf(node, this.lines) };
  }

  /** A string or an array of strings; non-string items are skipped (validation reports them) and noted as unreadable. */
  list(node: JsonNode | undefined, element: string): ValueList | undefined {
    if (!node) return undefined;
    if (node.type === 'string') {
      return { values: [this.str(node)!], single: true, range: rangeOf(node, this.lines) };
    }
    if (node.type === 'array') {
      const values: Ranged<string>[] = [];
      for (const child of node.children ?? []) {
        const v = this.str(child);
        if (v) values.push(v);
        else this.unreadable(element, `\`${element}\` holds ${describeType(child)}, not a string`, child);
      }
      return { values, single: false, range: rangeOf(node, this.lines) };
    }
    this.unreadable(element, `\`${element}\` must be a string or a list of strings, found ${describeType(node)}`, node);
    return undefined;
  }

  principal(node: JsonNode | undefined, element: string): PrincipalElement | undefined {
    if (!node) return undefined;
    const el: PrincipalElement = { anyone: false, entries: [], range: rangeOf(node, this.lines) };
    if (node.type === 'string') {
      el.anyone = node.value === '*';
      if (!el.anyone) this.unreadable(element, `a string \`${element}\` can only be \`*\``, node);
      return el;
    }
    if (node.type !== 'object') {
      this.unreadable(element, `\`${element}\` must be \`*\` or an object, found ${describeType(node)}`, node);
      return el;
    }
    // Last duplicate wins, as in JSON.parse, but order of first appearance is kept.
    const byType = new Map<string, { type: Ranged<string>; values: ValueList }>();
    for (const p of propertiesOf(node)) {
      const name = String(p.key.value);
      if (!PRINCIPAL_KINDS.has(name)) this.unreadable(element, `\`${name}\` is not a principal type`, p.key);
      const values = this.list(p.value, element);
      if (byType.has(name)) byType.delete(name);
      if (!values) continue;
      byType.set(name, { type: { value: name, range: rangeOf(p.key, this.lines) }, values });
    }
    el.entries = [...byType.values()];
    return el;
  }

  conditionValue(node: JsonNode): ConditionValue {
    const range = rangeOf(node, this.lines);
    switch (node.type) {
      case 'string':
        return { value: node.value as string, range, json: 'string' };
      case 'number':
        // The source text, so `1.50` stays `1.50` and huge numbers keep their digits.
        return { value: this.text.slice(node.offset, node.offset + node.length), range, json: 'number' };
      case 'boolean':
        return { value: node.value ? 'true' : 'false', range, json: 'boolean' };
      case 'null':
        return { value: 'null', range, json: 'null' };
      default:
        return { value: '', range, json: 'other' };
    }
  }

  condition(node: JsonNode | undefined): ConditionOperatorEntry[] | undefined {
    if (!node) return undefined;
    if (node.type !== 'object') {
      this.unreadable('Condition', `\`Condition\` must be an object, found ${describeType(node)}`, node);
      return undefined;
    }
    const ops = new Map<string, ConditionOperatorEntry>();
    for (const op of propertiesOf(node)) {
      const name = String(op.key.value);
      ops.delete(name);
      if (!op.value) continue;
      if (op.value.type !== 'object') {
        this.unreadable(
          'Condition',
          `\`${name}\` must hold an object of condition keys, found ${describeType(op.value)}`,
          op.value,
        );
        continue;
      }
      const keys = new Map<string, ConditionKeyEntry>();
      for (const k of propertiesOf(op.value)) {
        const keyName = String(k.key.value);
        keys.delete(keyName);
        if (!k.value) continue;
        const items = k.value.type === 'array' ? (k.value.children ?? []) : [k.value];
        for (const item of items)
          if (item.type === 'object' || item.type === 'array' || item.type === 'null')
            this.unreadable('Condition', `the value of \`${keyName}\` holds ${describeType(item)}`, item);
        keys.set(keyName, {
          key: { value: keyName, range: rangeOf(k.key, this.lines) },
          values: items.map((item) => this.conditionValue(item)),
          range: rangeOf(k.property, this.lines),
        });
      }
      ops.set(name, {
        operator: { value: name, range: rangeOf(op.key, this.lines) },
        keys: [...keys.values()],
        range: rangeOf(op.property, this.lines),
      });
    }
    return [...ops.values()];
  }

  statement(node: JsonNode, index: number): Statement {
    this.problems = [];
    for (const p of propertiesOf(node)) {
      const name = String(p.key.value);
      if (!STATEMENT_ELEMENTS.has(name)) this.unreadable(name, `\`${name}\` is not a statement element`, p.key);
    }
    const get = (name: string) => lastProperty(node, name)?.value;
    const s: Statement = { index, range: rangeOf(node, this.lines) };
    const sid = this.str(get('Sid'));
    if (sid) s.sid = sid;
    const effect = this.str(get('Effect'));
    if (effect) s.effect = effect;
    const action = this.list(get('Action'), 'Action');
    if (action) s.action = action;
    const notAction = this.list(get('NotAction'), 'NotAction');
    if (notAction) s.notAction = notAction;
    const resource = this.list(get('Resource'), 'Resource');
    if (resource) s.resource = resource;
    const notResource = this.list(get('NotResource'), 'NotResource');
    if (notResource) s.notResource = notResource;
    const principal = this.principal(get('Principal'), 'Principal');
    if (principal) s.principal = principal;
    const notPrincipal = this.principal(get('NotPrincipal'), 'NotPrincipal');
    if (notPrincipal) s.notPrincipal = notPrincipal;
    const condition = this.condition(get('Condition'));
    if (condition) s.condition = condition;
    if (this.problems.length > 0) s.unreadable = this.problems;
    return s;
  }
}
