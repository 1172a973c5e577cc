/**
 * Condition operator names (IAM User Guide, "IAM JSON policy elements: Condition operators"),
 * parsed into their parts: an optional set qualifier (`ForAnyValue:` / `ForAllValues:`), the base
 * operator, and an optional `IfExists` suffix. Operator names are case-sensitive, as IAM reads
 * them: `stringequals` is not `StringEquals` (IAM rejects such a policy; validation says so).
 */
export type OperatorKind = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

export type Comparison = 'eq' | 'eqi' | 'like' | 'lt' | 'lte' | 'gt' | 'gte' | 'in';

export interface OperatorInfo {
  /** The base name as AWS spells it, e.g. `StringNotLike`. */
  name: string;
  kind: OperatorKind;
  compare: Comparison;
  /** Negated operators (`StringNotEquals`, `NotIpAddress`, …): true when no policy value matches. */
  negated: boolean;
}

const BASE: OperatorInfo[] = [
  { name: 'StringEquals', kind: 'string', compare: 'eq', negated: false },
  { name: 'StringNotEquals', kind: 'string', compare: 'eq', negated: true },
  { name: 'StringEqualsIgnoreCase', kind: 'string', compare: 'eqi', negated: false },
  { name: 'StringNotEqualsIgnoreCase', kind: 'string', compare: 'eqi', negated: true },
  { name: 'StringLike', kind: 'string', compare: 'like', negated: false },
  { name: 'StringNotLike', kind: 'string', compare: 'like', negated: true },
  { name: 'NumericEquals', kind: 'numeric', compare: 'eq', negated: false },
  { name: 'NumericNotEquals', kind: 'numeric', compare: 'eq', negated: true },
  { name: 'NumericLessThan', kind: 'numeric', compare: 'lt', negated: false },
  { name: 'NumericLessThanEquals', kind: 'numeric', compare: 'lte', negated: false },
  { name: 'NumericGreaterThan', kind: 'numeric', compare: 'gt', negated: false },
  { name: 'NumericGreaterThanEquals', kind: 'numeric', compare: 'gte', negated: false },
  { name: 'DateEquals', kind: 'date', compare: 'eq', negated: false },
  { name: 'DateNotEquals', kind: 'date', compare: 'eq', negated: true },
  { name: 'DateLessThan', kind: 'date', compare: 'lt', negated: false },
  { name: 'DateLessThanEquals', kind: 'date', compare: 'lte', negated: false },
  { name: 'DateGreaterThan', kind: 'date', compare: 'gt', negated: false },
  { name: 'DateGreaterThanEquals', kind: 'date', compare: 'gte', negated: false },
  { name: 'Bool', kind: 'bool', compare: 'eq', negated: false },
  { name: 'BinaryEquals', kind: 'binary', compare: 'eq', negated: false },
  { name: 'IpAddress', kind: 'ip', compare: 'in', negated: false },
  { name: 'NotIpAddress', kind: 'ip', compare: 'in', negated: true },
  { name: 'ArnEquals', kind: 'arn', compare: 'like', negated: false },
  { name: 'ArnLike', kind: 'arn', compare: 'like', negated: false },
  { name: 'ArnNotEquals', kind: 'arn', compare: 'like', negated: true },
  { name: 'ArnNotLike', kind: 'arn', compare: 'like', negated: true },
  { name: 'Null', kind: 'null', compare: 'eq', negated: false },
];

/** Every base operator AWS defines (for validation and completion); each but `Null` also takes `IfExists`. */
export const CONDITION_OPERATORS: readonly OperatorInfo[] = BASE;

const BY_NAME = new Map(BASE.map((op) => [op.name, op]));
const BY_LOWER_NAME = new Map(BASE.map((op) => [op.name.toLowerCase(), op]));

export interface ParsedOperator {
  base: OperatorInfo;
  qualifier?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
}

/** An operator name split into its parts: the one reading the validator and the evaluator share. */
export interface OperatorParts {
  qualifier?: 'ForAnyValue' | 'ForAllValues';
  /** The base operator, when the name (without qualifier and `IfExists`) is one AWS defines (exact case). */
  base?: OperatorInfo;
  ifExists: boolean;
}

/**
 * Splits `ForAnyValue:StringLikeIfExists` into qualifier, base and `IfExists`. Exact spelling, as
 * IAM reads it. `NullIfExists` splits into `Null` + `IfExists` (the caller decides that it is invalid).
 */
export function splitOperator(written: string): OperatorParts {
  let rest = written;
  let qualifier: OperatorParts['qualifier'];
  if (rest.startsWith('ForAnyValue:')) {
    qualifier = 'ForAnyValue';
    rest = rest.slice('ForAnyValue:'.length);
  } else if (rest.startsWith('ForAllValues:')) {
    qualifier = 'ForAllValues';
    rest = rest.slice('ForAllValues:'.length);
  }
  let ifExists = false;
  let base = BY_NAME.get(rest);
  if (!base && rest.endsWith('IfExists')) {
    base = BY_NAME.get(rest.slice(0, -'IfExists'.length));
    ifExists = base !== undefined;
  }
  const out: OperatorParts = { ifExists };
  if (qualifier) out.qualifier = qualifier;
  if (base) out.base = base;
  return out;
}

/** Parses an operator as written; an error message when it is not one AWS knows. */
type OperatorParse = { ok: true; op: ParsedOperator } | { ok: false; message: string };

/** Parses seen before, by name (a handful of names recur in every document). Shared: do not mutate. */
const parses = new Map<string, OperatorParse>();

export function parseOperator(written: string): OperatorParse {
  let r = parses.get(written);
  if (r === undefined) {
    r = parseUncached(written);
    if (written.length <= 64) {
      if (parses.size >= 1000) parses.clear();
      parses.set(written, r);
    }
  }
  return r;
}

function parseUncached(written: string): OperatorParse {
  const { qualifier, base, ifExists } = splitOperator(written);
  if (!base) {
    const loose = /^for(any|all)values?:/i.exec(written);
    const stripped = written
      .slice(loose ? loose[0].length : 0)
      .replace(/ifexists$/i, '')
      .toLowerCase();
    const badQualifier = loose !== null && qualifier === undefined;
    const hint =
      badQualifier && BY_LOWER_NAME.has(stripped)
        ? ' (the set qualifiers are `ForAnyValue:` and `ForAllValues:`)'
        : BY_LOWER_NAME.has(stripped)
          ? ' (operator names are case-sensitive)'
          : '';
    return { ok: false, message: `unknown condition operator \`${written}\`${hint}` };
  }
  if (base.kind === 'null' && ifExists) return { ok: false, message: '`Null` cannot be combined with `IfExists`' };
  const op: ParsedOperator = { base, ifExists };
  if (qualifier) op.qualifier = qualifier;
  return { ok: true, op };
}
