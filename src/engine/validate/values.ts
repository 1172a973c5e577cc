/**
 * Condition value formats per operator family: numbers, dates (ISO 8601 or epoch seconds),
 * booleans, CIDR blocks, base64 and ARNs. The parsers are the evaluator's own, so validation calls
 * a value invalid exactly when evaluation cannot use it.
 */
import { parseBase64, parseBool, parseCidr, parseDate, parseNumber } from '../evaluate';
import type { FindingCode } from '../findings';
import type { OperatorFamily } from './operators';

type ValueCode = Extract<FindingCode, `validate.value-${string}`>;

/** What is wrong with `value` for an operator of `family`, or undefined when it is fine. */
export function valueProblem(family: OperatorFamily, value: string): { code: ValueCode; expected: string } | undefined {
  switch (family) {
    case 'Numeric':
      return parseNumber(value) !== undefined
        ? undefined
        : { code: 'validate.value-numeric', expected: 'a number such as `10` or `2.5`' };
    case 'Date':
      return parseDate(value) !== undefined
        ? undefined
        : {
            code: 'validate.value-date',
            expected: 'an ISO 8601 date such as `2026-01-31T12:00:00Z`, or epoch seconds',
          };
    case 'Bool':
    case 'Null':
      return parseBool(value) !== undefined
        ? undefined
        : { code: family === 'Null' ? 'validate.value-null' : 'validate.value-bool', expected: '`true` or `false`' };
    case 'IpAddress':
      return parseCidr(value) !== undefined
        ? undefined
        : {
            code: 'validate.value-ip',
            expected: 'an IP address or CIDR block such as `10.0.0.0/8` or `2001:db8::/32`',
          };
    case 'Binary':
      return value.length > 0 && parseBase64(value) !== undefined
        ? undefined
        : { code: 'validate.value-binary', expected: 'base64-encoded bytes such as `QmluYXJ5`' };
    case 'Arn':
      return value === '*' || value.startsWith('arn:') || value.startsWith('${') || value.startsWith('arn*')
        ? undefined
        : { code: 'validate.value-arn', expected: 'an ARN such as `arn:aws:iam::111122223333:role/*`' };
    default:
      return undefined;
  }
}
