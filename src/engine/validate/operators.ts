/** Condition operators (IAM User Guide: "IAM JSON policy elements: Condition operators"). */
import { CONDITION_OPERATORS, type OperatorKind } from '../evaluate';
import { splitOperator } from '../evaluate/operators';

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

const FAMILY: Record<OperatorKind, OperatorFamily> = {
  string: 'String',
  numeric: 'Numeric',
  date: 'Date',
  bool: 'Bool',
  binary: 'Binary',
  ip: 'IpAddress',
  arn: 'Arn',
  null: 'Null',
};

/** Every base operator with its family, from the evaluator's own list (one source of truth). */
export const BASE_OPERATORS: Record<string, OperatorFamily> = Object.fromEntries(
  CONDITION_OPERATORS.map((op) => [op.name, FAMILY[op.kind]]),
);

/** One-line descriptions for hover and completion. */
export const OPERATOR_DOCS: Record<string, string> = {
  StringEquals: 'Exact match, case-sensitive',
  StringNotEquals:
    'Negated exact match: true when the value matches none of the listed values (and when the key is absent)',
  StringEqualsIgnoreCase: 'Exact match, ignoring case',
  StringNotEqualsIgnoreCase: 'Negated exact match, ignoring case',
  StringLike: 'Case-sensitive match with `*` and `?` wildcards',
  StringNotLike: 'Negated wildcard match',
  NumericEquals: 'Number equal to',
  NumericNotEquals: 'Number not equal to',
  NumericLessThan: 'Number less than',
  NumericLessThanEquals: 'Number less than or equal to',
  NumericGreaterThan: 'Number greater than',
  NumericGreaterThanEquals: 'Number greater than or equal to',
  DateEquals: 'Date equal to (ISO 8601 or epoch seconds)',
  DateNotEquals: 'Date not equal to',
  DateLessThan: 'Date before',
  DateLessThanEquals: 'Date at or before',
  DateGreaterThan: 'Date after',
  DateGreaterThanEquals: 'Date at or after',
  Bool: 'Boolean match: "true" or "false"',
  BinaryEquals: 'Byte-for-byte match of a base64-encoded value',
  IpAddress: 'IP address in one of the CIDR ranges (IPv4 or IPv6)',
  NotIpAddress: 'IP address in none of the CIDR ranges',
  ArnEquals: 'ARN match, case-sensitive, part by part; like ArnLike, each part may use `*` and `?`',
  ArnLike: 'ARN match with `*` and `?` wildcards, part by part',
  ArnNotEquals: 'Negated ARN match (wildcards honoured, as in ArnNotLike)',
  ArnNotLike: 'Negated ARN wildcard match',
  Null: 'Tests whether the key is absent ("true") or present ("false")',
};

export interface ParsedOperator {
  base: string;
  family: OperatorFamily;
  set?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
}

/**
 * Splits `ForAnyValue:StringLikeIfExists` into its parts; undefined when the base is unknown (exact
 * spelling). The evaluator's own reading (`splitOperator`), so both agree on every name.
 */
export function parseOperator(op: string): ParsedOperator | undefined {
  const parts = splitOperator(op);
  if (!parts.base) return undefined;
  const out: ParsedOperator = { base: parts.base.name, family: FAMILY[parts.base.kind], ifExists: parts.ifExists };
  if (parts.qualifier) out.set = parts.qualifier;
  return out;
}

/** Every operator spelling without a set prefix: the base names and their `IfExists` forms (not `NullIfExists`). */
export const ALL_OPERATORS: string[] = Object.keys(BASE_OPERATORS).flatMap((b) =>
  b === 'Null' ? [b] : [b, `${b}IfExists`],
);
