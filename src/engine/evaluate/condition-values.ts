/**
 * Policy-side condition values, prepared once per operator kind: numbers, dates, CIDRs, booleans
 * and binary are parsed at compile time; string and ARN patterns are compiled to matchers. Values
 * holding policy variables are prepared again per request after substitution.
 */
import { ARN_PARTS, splitArn } from '../arn';
import { parseDate } from './date';
import { foldCase } from './fold-case';
import type { Cidr } from './ip';
import { parseCidr, parseIp, cidrContains } from './ip';
import type { Comparison, OperatorKind } from './operators';
import { parseBase64, parseBool, parseNumber } from './scalars';
import type { PatternPiece, WildcardMatcher } from './wildcard';
import { compilePieces } from './wildcard';

/** An ARN pattern: six components matched one by one, or a whole-string glob when it is not ARN-shaped. */
export interface ArnPattern {
  components?: WildcardMatcher[];
  whole?: WildcardMatcher;
}

export type Prepared =
  | { kind: 'string'; value: string }
  | { kind: 'glob'; matcher: WildcardMatcher }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'binary'; value: string }
  | { kind: 'cidr'; value: Cidr }
  | { kind: 'arn'; value: ArnPattern };

export type PrepareResult = { ok: true; value: Prepared } | { ok: false; message: string };

/** Splits pieces at the first five colons (of any piece) into ARN components. */
function splitArnPieces(pieces: PatternPiece[]): PatternPiece[][] {
  const out: PatternPiece[][] = [[]];
  for (const piece of pieces) {
    let rest = piece.text;
    while (out.length < ARN_PARTS) {
      const colon = rest.indexOf(':');
      if (colon < 0) break;
      out[out.length - 1].push({ text: rest.slice(0, colon), glob: piece.glob });
      out.push([]);
      rest = rest.slice(colon + 1);
    }
    out[out.length - 1].push({ text: rest, glob: piece.glob });
  }
  return out;
}

export { splitArn };

/** Prepares one policy value (already substituted) for an operator kind. */
export function preparePieces(kind: OperatorKind, compare: Comparison, pieces: PatternPiece[]): PrepareResult {
  const text = pieces.map((p) => p.text).join('');
  switch (kind) {
    case 'string':
      if (compare === 'like') return { ok: true, value: { kind: 'glob', matcher: compilePieces(pieces, false) } };
      return { ok: true, value: { kind: 'string', value: compare === 'eqi' ? foldCase(text) : text } };
    case 'arn': {
      const comps = splitArnPieces(pieces);
      if (comps.length < ARN_PARTS)
        return { ok: true, value: { kind: 'arn', value: { whole: compilePieces(pieces, false) } } };
      return { ok: true, value: { kind: 'arn', value: { components: comps.map((c) => compilePieces(c, false)) } } };
    }
    case 'numeric': {
      const n = parseNumber(text);
      return n === undefined
        ? { ok: false, message: `\`${text}\` is not a number` }
        : { ok: true, value: { kind: 'number', value: n } };
    }
    case 'date': {
      const d = parseDate(text);
      return d === undefined
        ? { ok: false, message: `\`${text}\` is not an ISO 8601 date or epoch seconds` }
        : { ok: true, value: { kind: 'number', value: d } };
    }
    case 'bool': {
      const b = parseBool(text);
      return b === undefined
        ? { ok: false, message: `\`${text}\` is not \`true\` or \`false\`` }
        : { ok: true, value: { kind: 'bool', value: b } };
    }
    case 'binary': {
      const b = parseBase64(text);
      return b === undefined
        ? { ok: false, message: `\`${text}\` is not base64` }
        : { ok: true, value: { kind: 'binary', value: b } };
    }
    case 'ip': {
      const c = parseCidr(text);
      return c === undefined
        ? { ok: false, message: `\`${text}\` is not an IPv4 or IPv6 address or CIDR block` }
        : { ok: true, value: { kind: 'cidr', value: c } };
    }
    case 'null': {
      const b = parseBool(text);
      return b === undefined
        ? { ok: false, message: `\`${text}\` is not \`true\` or \`false\`` }
        : { ok: true, value: { kind: 'bool', value: b } };
    }
  }
}

/** A request value parsed for an operator kind. */
export type RequestValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'binary'; value: string }
  | { kind: 'ip'; value: { v6: boolean; value: bigint } }
  | { kind: 'arn'; value: string; parts: string[] };

export function parseRequestValue(kind: OperatorKind, compare: Comparison, text: string): RequestValue | string {
  switch (kind) {
    case 'string':
      return { kind: 'string', value: compare === 'eqi' ? foldCase(text) : text };
    case 'arn': {
      const parts = splitArn(text);
      return parts ? { kind: 'arn', value: text, parts } : `request value \`${text}\` is not an ARN`;
    }
    case 'numeric': {
      const n = parseNumber(text);
      return n === undefined ? `request value \`${text}\` is not a number` : { kind: 'number', value: n };
    }
    case 'date': {
      const d = parseDate(text);
      return d === undefined ? `request value \`${text}\` is not a date` : { kind: 'number', value: d };
    }
    case 'bool':
    case 'null': {
      const b = parseBool(text);
      return b === undefined ? `request value \`${text}\` is not \`true\` or \`false\`` : { kind: 'bool', value: b };
    }
    case 'binary': {
      const b = parseBase64(text);
      return b === undefined ? `request value \`${text}\` is not base64` : { kind: 'binary', value: b };
    }
    case 'ip': {
      const ip = parseIp(text);
      return ip === undefined ? `request value \`${text}\` is not an IP address` : { kind: 'ip', value: ip };
    }
  }
}

/** Does the request value satisfy the (positive) comparison with one policy value? */
export function compareValue(compare: Comparison, req: RequestValue, pol: Prepared): boolean {
  switch (pol.kind) {
    case 'string':
      return req.kind === 'string' && req.value === pol.value;
    case 'glob':
      return req.kind === 'string' && pol.matcher.test(req.value);
    case 'number': {
      if (req.kind !== 'number') return false;
      const a = req.value;
      const b = pol.value;
      switch (compare) {
        case 'lt':
          return a < b;
        case 'lte':
          return a <= b;
        case 'gt':
          return a > b;
        case 'gte':
          return a >= b;
        default:
          return a === b;
      }
    }
    case 'bool':
      return req.kind === 'bool' && req.value === pol.value;
    case 'binary':
      return req.kind === 'binary' && req.value === pol.value;
    case 'cidr':
      return req.kind === 'ip' && cidrContains(pol.value, req.value);
    case 'arn': {
      if (req.kind !== 'arn') return false;
      const { components, whole } = pol.value;
      if (whole) return whole.test(req.value);
      for (let i = 0; i < ARN_PARTS; i++) if (!components![i].test(req.parts[i])) return false;
      return true;
    }
  }
}
