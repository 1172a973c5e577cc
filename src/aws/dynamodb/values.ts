/**
 * DynamoDB attribute values in the wire format (`{"S": "x"}`, `{"N": "1.5"}`, `{"M": {…}}`, …):
 * their checks with DynamoDB's messages, numbers read and compared as decimals (38 significant
 * digits, without floating point), S in UTF-8 byte order, B as unsigned bytes, and deep equality.
 * Numbers are read by a hand-written scanner, never a regular expression.
 */
import type { AttributeValue } from '../../world/types';
import { compareUtf8 } from '../s3/sorted-keys';
import { fromBase64 } from '../s3/bytes';

const TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'] as const;
export type AttrType = (typeof TYPES)[number];

/** A decimal: sign, significant digits without leading or trailing zeros, and the exponent of the first digit. */
export interface Decimal {
  sign: 1 | -1 | 0;
  digits: string;
  /** The value is 0.DIGITS × 10^exp. */
  exp: number;
}

export function parseNumber(text: string): Decimal | undefined {
  let i = 0;
  let sign: 1 | -1 = 1;
  const s = text.trim();
  if (s[i] === '+' || s[i] === '-') {
    if (s[i] === '-') sign = -1;
    i++;
  }
  let intPart = '';
  let frac = '';
  while (i < s.length && s[i] >= '0' && s[i] <= '9') intPart += s[i++];
  if (s[i] === '.') {
    i++;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') frac += s[i++];
  }
  if (intPart === '' && frac === '') return undefined;
  let e = 0;
  if (s[i] === 'e' || s[i] === 'E') {
    i++;
    let esign = 1;
    if (s[i] === '+' || s[i] === '-') {
      if (s[i] === '-') esign = -1;
      i++;
    }
    let ed = '';
    while (i < s.length && s[i] >= '0' && s[i] <= '9') ed += s[i++];
    if (ed === '' || ed.length > 6) return undefined;
    e = esign * Number(ed);
  }
  if (i !== s.length) return undefined;
  let all = intPart + frac;
  let exp = intPart.length + e;
  let lead = 0;
  while (lead < all.length && all[lead] === '0') lead++;
  all = all.slice(lead);
  exp -= lead;
  let end = all.length;
  while (end > 0 && all[end - 1] === '0') end--;
  all = all.slice(0, end);
  if (all === '') return { sign: 0, digits: '', exp: 0 };
  return { sign, digits: all, exp };
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  if (a.sign !== b.sign) return a.sign - b.sign;
  if (a.sign === 0) return 0;
  let c: number;
  if (a.exp !== b.exp) c = a.exp - b.exp;
  else c = a.digits < b.digits ? -1 : a.digits > b.digits ? 1 : 0;
  return a.sign * Math.sign(c);
}

/** The canonical text of a number (what DynamoDB answers back: `1.50` → `1.5`). */
export function canonicalNumber(d: Decimal): string {
  if (d.sign === 0) return '0';
  const sign = d.sign < 0 ? '-' : '';
  if (d.exp <= 0) return `${sign}0.${'0'.repeat(-d.exp)}${d.digits}`;
  if (d.exp >= d.digits.length) return sign + d.digits + '0'.repeat(d.exp - d.digits.length);
  return `${sign}${d.digits.slice(0, d.exp)}.${d.digits.slice(d.exp)}`;
}

/** Why DynamoDB refuses a number's text, or undefined. */
export function numberProblem(text: string): string | undefined {
  const d = parseNumber(text);
  if (!d) return `The parameter cannot be converted to a numeric value: ${text}`;
  if (d.digits.length > 38) return 'Attempting to store more than 38 significant digits in a Number';
  if (d.sign !== 0 && d.exp > 126)
    return 'Number overflow. Attempting to store a number with magnitude larger than supported range';
  if (d.sign !== 0 && d.exp < -129)
    return 'Number underflow. Attempting to store a number with magnitude smaller than supported range';
  return undefined;
}

export function typeOf(v: AttributeValue): AttrType | undefined {
  const keys = Object.keys(v);
  return keys.length === 1 && (TYPES as readonly string[]).includes(keys[0]) ? (keys[0] as AttrType) : undefined;
}

const SET_NAMES: Record<string, string> = { SS: 'string set', NS: 'number set', BS: 'binary set' };

/** Why DynamoDB refuses an attribute value, or undefined. */
export function valueProblem(v: unknown, depth = 0): string | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 0) return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  if (keys.length > 1)
    return 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
  const t = keys[0];
  const x = (v as Record<string, unknown>)[t];
  if (depth > 32) return 'Nesting Levels have exceeded supported limits';
  switch (t) {
    case 'S':
      return typeof x === 'string' ? undefined : 'Supplied AttributeValue has an invalid S value';
    case 'N':
      return typeof x === 'string' ? numberProblem(x) : 'Supplied AttributeValue has an invalid N value';
    case 'B':
      return typeof x === 'string' && fromBase64(x) ? undefined : 'Supplied AttributeValue has an invalid B value';
    case 'BOOL':
      return typeof x === 'boolean' ? undefined : 'Supplied AttributeValue has an invalid BOOL value';
    case 'NULL':
      return x === true
        ? undefined
        : 'One or more parameter values were invalid: Null attribute value types must have the value of true';
    case 'SS':
    case 'NS':
    case 'BS': {
      if (!Array.isArray(x) || x.some((e) => typeof e !== 'string'))
        return `Supplied AttributeValue has an invalid ${t} value`;
      if (x.length === 0) return `One or more parameter values were invalid: An ${SET_NAMES[t]}  may not be empty`;
      if (t === 'NS') for (const n of x as string[]) if (numberProblem(n)) return numberProblem(n);
      const seen = new Set(t === 'NS' ? (x as string[]).map((n) => canonicalNumber(parseNumber(n)!)) : (x as string[]));
      if (seen.size !== x.length) return `Input collection [${(x as string[]).join(', ')}] contains duplicates.`;
      return undefined;
    }
    case 'L':
      if (!Array.isArray(x)) return 'Supplied AttributeValue has an invalid L value';
      for (const e of x) {
        const p = valueProblem(e, depth + 1);
        if (p) return p;
      }
      return undefined;
    case 'M':
      if (x === null || typeof x !== 'object' || Array.isArray(x))
        return 'Supplied AttributeValue has an invalid M value';
      for (const e of Object.values(x)) {
        const p = valueProblem(e, depth + 1);
        if (p) return p;
      }
      return undefined;
    default:
      return 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
  }
}

function bytesCompare(a: string, b: string): number {
  const x = fromBase64(a) ?? new Uint8Array();
  const y = fromBase64(b) ?? new Uint8Array();
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Order of two scalars of one type (S, N or B); undefined when they cannot be compared. */
export function compareScalars(a: AttributeValue, b: AttributeValue): number | undefined {
  const ta = typeOf(a);
  if (ta === undefined || ta !== typeOf(b)) return undefined;
  if (ta === 'S') return compareUtf8(a.S as string, b.S as string);
  if (ta === 'N') {
    const x = parseNumber(a.N as string);
    const y = parseNumber(b.N as string);
    return x && y ? compareDecimal(x, y) : undefined;
  }
  if (ta === 'B') return bytesCompare(a.B as string, b.B as string);
  return undefined;
}

export function equalValues(a: AttributeValue, b: AttributeValue): boolean {
  const ta = typeOf(a);
  if (ta === undefined || ta !== typeOf(b)) return false;
  const x = a[ta];
  const y = b[ta];
  switch (ta) {
    case 'S':
    case 'B':
    case 'BOOL':
    case 'NULL':
      return x === y;
    case 'N':
      return compareScalars(a, b) === 0;
    case 'SS':
    case 'BS':
    case 'NS': {
      const norm = (l: unknown) =>
        new Set(
          (l as string[]).map((e) =>
            ta === 'NS' ? canonicalNumber(parseNumber(e) ?? { sign: 0, digits: '', exp: 0 }) : e,
          ),
        );
      const s = norm(x);
      const t = norm(y);
      return s.size === t.size && [...s].every((e) => t.has(e));
    }
    case 'L': {
      const l = x as AttributeValue[];
      const m = y as AttributeValue[];
      return l.length === m.length && l.every((e, i) => equalValues(e, m[i]));
    }
    case 'M': {
      const l = x as Record<string, AttributeValue>;
      const m = y as Record<string, AttributeValue>;
      const k = Object.keys(l);
      return k.length === Object.keys(m).length && k.every((key) => key in m && equalValues(l[key], m[key]));
    }
  }
}

/** The value of a key attribute as a string (`dynamodb:LeadingKeys`, the item's identity). */
export function keyText(v: AttributeValue): string {
  if (typeof v.S === 'string') return v.S;
  if (typeof v.N === 'string') {
    const d = parseNumber(v.N);
    return d ? canonicalNumber(d) : v.N;
  }
  return typeof v.B === 'string' ? v.B : '';
}

/** The size of an item in bytes as DynamoDB counts it (names and values, UTF-8), roughly. */
export function itemSize(item: Record<string, AttributeValue>): number {
  return new TextEncoder().encode(JSON.stringify(item)).length;
}
