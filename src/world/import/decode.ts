/**
 * Policy documents as `get-account-authorization-details` gives them: a JSON object (the AWS CLI
 * and the SDKs decode them), the URL-encoded JSON text the IAM API itself returns
 * (`%7B%0A%20%20%22Version%22…`, RFC 3986), or plain JSON text. Linear in the document's size:
 * no regular expression, the nesting checked before `JSON.parse`.
 */
import { parse, printParseErrorCode } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import { LineIndex } from '../../engine/diagnostics';
import { excessiveNestingAt } from '../../engine/nesting';
import { MAX_JSON_DEPTH } from '../../engine/parse';

export type Decoded =
  | { ok: true; value: Record<string, unknown> }
  /** `text`: what to keep as the document (the engine then refuses it, fail closed), when there is text. */
  | { ok: false; problem: string; text?: string };

function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') return c;
  }
  return '';
}

function fromText(text: string, how: string): Decoded {
  const deep = excessiveNestingAt(text);
  if (deep >= 0) return { ok: false, problem: `it nests deeper than ${MAX_JSON_DEPTH} levels`, text };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const e = jsonError(text);
    const at = new LineIndex(text).position(e.offset);
    return { ok: false, problem: `it is not JSON${how}: ${e.message} at line ${at.line}, column ${at.column}`, text };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: `it is not a JSON object${how}`, text };
  return { ok: true, value: value as Record<string, unknown> };
}

/** The first syntax error of a text that `JSON.parse` refused: where, and what (`value expected`). */
export function jsonError(text: string): { offset: number; message: string } {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  const e = errors[0];
  if (!e) return { offset: 0, message: 'not valid JSON' };
  const words = printParseErrorCode(e.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return { offset: e.offset, message: words };
}

/**
 * Why a value handed over already parsed is no JSON document: it nests deeper than the parser's
 * limit, or it contains itself. Iterative; an object is walked again only when reached deeper than
 * before, so at most `limit` times: linear in the value's size.
 */
export function shapeProblem(value: unknown, limit = MAX_JSON_DEPTH): string | undefined {
  const deepest = new Map<object, number>();
  const onPath = new Set<object>();
  // Frames: [value, depth] to enter, or [value, -1] to leave.
  const stack: [object, number][] = [];
  if (typeof value === 'object' && value !== null) stack.push([value, 1]);
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth < 0) {
      onPath.delete(v);
      continue;
    }
    if (onPath.has(v)) return 'it contains itself';
    if (depth > limit) return `it nests deeper than ${limit} levels`;
    if ((deepest.get(v) ?? 0) >= depth) continue;
    deepest.set(v, depth);
    onPath.add(v);
    stack.push([v, -1]);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/**
 * Reads one policy (its document): `checkDepth`: walk an object value for its nesting (a value handed
 * over already parsed; a document read from text is covered by the whole text's check).
 */
export function decodeDocument(value: unknown, checkDepth: boolean): Decoded {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const problem = checkDepth ? shapeProblem(value) : undefined;
    if (problem) return { ok: false, problem };
    return { ok: true, value: value as Record<string, unknown> };
  }
  if (typeof value !== 'string') {
    const what = value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    return { ok: false, problem: `it is ${what}, not a policy document` };
  }
  const first = firstNonSpace(value);
  if (first === '{' || first === '') return fromText(value, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return { ok: false, problem: 'it is neither JSON nor URL-encoded JSON (a `%` escape is malformed)', text: value };
  }
  const read = fromText(decoded, ' after URL-decoding');
  // Form encoding writes a space as `+`: try that reading once when the RFC 3986 one fails.
  if (!read.ok && value.includes('+')) {
    let spaced: string | undefined;
    try {
      spaced = decodeURIComponent(value.split('+').join('%20'));
    } catch {
      spaced = undefined;
    }
    if (spaced !== undefined) {
      const again = fromText(spaced, ' after URL-decoding');
      if (again.ok) return again;
    }
  }
  return read;
}
