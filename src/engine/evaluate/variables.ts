/**
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): `${key}` is
 * replaced by the request's value for `key` (matched case-insensitively); `${key, 'default'}`
 * gives a default used when the key is absent (`''` inside the quotes is one quote); `${*}`,
 * `${?}` and `${$}` stand for the literal characters. Only under Version 2012-10-17: otherwise the
 * caller does not parse templates and `${…}` is literal text.
 *
 * A variable whose key is absent (and has no default), or whose value is a list of several
 * values, cannot be substituted: the value that holds it does not match. `scanReferences` is the
 * one reading of `${…}`: the validator reports what it finds malformed, the evaluator reads the
 * same text as literal.
 */
import type { Context } from './types';
import type { PatternPiece } from './wildcard';

export type TemplatePart =
  | { kind: 'text'; text: string }
  /** `${*}`, `${?}`, `${$}`: the literal character. */
  | { kind: 'escape'; text: string }
  | { kind: 'var'; key: string; lowerKey: string; fallback?: string };

export interface Template {
  source: string;
  parts: TemplatePart[];
  /** True when at least one part is a variable (escapes alone do not count). */
  hasVariables: boolean;
  /** True when the template has escapes or variables (otherwise it is just `source`). */
  dynamic: boolean;
}

/**
 * One `${…}` in a policy string, as the scanner read it: a well-formed reference (`part`), or a
 * malformed one (`problem`) that is literal text up to `resume`. `end` is where the reference ends
 * for display: after its `}`, or where the malformed text stops.
 */
export type ScannedReference =
  { start: number; end: number; part: TemplatePart } | { start: number; end: number; resume: number; problem: string };

const NOT_CLOSED = 'is not closed with `}`';
const DEFAULT_NOT_QUOTED = "has a default that is not in single quotes, e.g. ${aws:PrincipalTag/team, 'none'}";

/**
 * Every `${…}` in a policy string, left to right: the one reading of policy variables that the
 * evaluator (`parseTemplate`) and the validator (`findVariables`) share. One pass, never rescanning
 * text (linear time on hostile input).
 */
export function scanReferences(source: string): ScannedReference[] {
  const out: ScannedReference[] = [];
  // The next `}` and `${` at or after a position, found by forward-only searches (amortised linear).
  let close = -2;
  let next = -2;
  const closeAfter = (at: number) => {
    if (close !== -1 && close < at) close = source.indexOf('}', at);
    return close;
  };
  const nextAfter = (at: number) => {
    if (next !== -1 && next < at) next = source.indexOf('${', at);
    return next;
  };
  let i = 0;
  while (i < source.length) {
    const start = source.indexOf('${', i);
    if (start < 0) break;
    const ref = readReference(source, start + 2);
    if ('fail' in ref) {
      const c = closeAfter(start + 2);
      const n = nextAfter(start + 2);
      const end = c >= 0 && (n < 0 || c < n) ? c + 1 : n >= 0 ? Math.max(n, ref.fail) : source.length;
      let problem = ref.problem;
      if (ref.keyStart !== undefined) {
        const stop = c < 0 ? source.length : c;
        const body = source.slice(ref.keyStart, Math.min(stop, ref.keyStart + 81)).trim();
        problem = `names \`${stop - ref.keyStart > 81 ? `${body.slice(0, 80)}…` : body}\`, which is not a condition key`;
      }
      out.push({ start, end, resume: ref.fail, problem });
      i = ref.fail;
    } else {
      out.push({ start, end: ref.end, part: ref.part });
      i = ref.end;
    }
  }
  return out;
}

/**
 * Parses `${…}` references in a policy string. Malformed references stay literal text (up to
 * where reading them failed; parsing resumes there).
 */
export function parseTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  let text = '';
  let pos = 0;
  let hasVariables = false;
  let dynamic = false;
  if (source.indexOf('${') >= 0) {
    for (const ref of scanReferences(source)) {
      if ('problem' in ref) {
        text += source.slice(pos, ref.resume);
        pos = ref.resume;
        continue;
      }
      text += source.slice(pos, ref.start);
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push(ref.part);
      dynamic = true;
      if (ref.part.kind === 'var') hasVariables = true;
      pos = ref.end;
    }
  }
  text += source.slice(pos);
  if (text) parts.push({ kind: 'text', text });
  return { source, parts, hasVariables, dynamic };
}

function isKeyChar(c: number): boolean {
  // Not a space or control character, `$`, `{`, `}`, `,` or `'`.
  return c > 32 && c !== 36 && c !== 123 && c !== 125 && c !== 44 && c !== 39;
}

/** A reference read, or where reading failed and why (`keyStart` when the key holds a character no key has). */
type Read = { part: TemplatePart; end: number } | { fail: number; problem: string; keyStart?: number };

/**
 * Reads the inside of `${…}` from `at` (just after `${`): the reference and where it ends, or the
 * position where reading failed and why (the text before it is literal; parsing resumes there).
 */
function readReference(s: string, at: number): Read {
  const first = s[at];
  if ((first === '*' || first === '?' || first === '$') && s[at + 1] === '}') {
    return { part: { kind: 'escape', text: first }, end: at + 2 };
  }
  let j = at;
  while (s[j] === ' ') j++;
  const keyStart = j;
  while (j < s.length && isKeyChar(s.charCodeAt(j))) j++;
  const key = s.slice(keyStart, j);
  while (s[j] === ' ') j++;
  if (key === '') return { fail: Math.max(j, at), problem: j >= s.length ? NOT_CLOSED : 'has no key name' };
  if (s[j] === '}') return { part: { kind: 'var', key, lowerKey: key.toLowerCase() }, end: j + 1 };
  if (j >= s.length) return { fail: j, problem: NOT_CLOSED };
  if (s[j] !== ',') return { fail: j, problem: 'names a key with a character no condition key has', keyStart };
  j++;
  while (s[j] === ' ') j++;
  if (j >= s.length) return { fail: j, problem: NOT_CLOSED };
  if (s[j] !== "'") return { fail: j, problem: DEFAULT_NOT_QUOTED };
  j++;
  let fallback = '';
  for (;;) {
    if (j >= s.length) return { fail: s.length, problem: DEFAULT_NOT_QUOTED };
    if (s[j] === "'") {
      if (s[j + 1] === "'") {
        fallback += "'";
        j += 2;
        continue;
      }
      j++;
      break;
    }
    fallback += s[j++];
  }
  while (s[j] === ' ') j++;
  if (j >= s.length) return { fail: j, problem: NOT_CLOSED };
  if (s[j] !== '}') return { fail: j, problem: DEFAULT_NOT_QUOTED };
  return { part: { kind: 'var', key, lowerKey: key.toLowerCase(), fallback }, end: j + 1 };
}

/** The single value of a context key usable in a variable, or undefined. */
export function variableValue(ctx: Context, lowerKey: string): string | undefined {
  if (!Object.hasOwn(ctx, lowerKey)) return undefined;
  const v = ctx[lowerKey].value;
  if (typeof v === 'string') return v;
  return v.length === 1 ? v[0] : undefined;
}

/** Substitutes variables; null when one cannot be resolved. The `missing` list collects their keys. */
export function resolveString(t: Template, ctx: Context, missing?: string[]): string | null {
  if (!t.dynamic) return t.source;
  let out = '';
  let ok = true;
  for (const part of t.parts) {
    if (part.kind !== 'var') out += part.text;
    else {
      const v = variableValue(ctx, part.lowerKey) ?? part.fallback;
      if (v === undefined) {
        ok = false;
        missing?.push(part.key);
      } else out += v;
    }
  }
  return ok ? out : null;
}

/** Substitutes variables into pattern pieces: policy text keeps its wildcards, substituted text is literal. */
export function resolvePieces(t: Template, ctx: Context, missing?: string[]): PatternPiece[] | null {
  const pieces: PatternPiece[] = [];
  let ok = true;
  for (const part of t.parts) {
    if (part.kind === 'text') pieces.push({ text: part.text, glob: true });
    else if (part.kind === 'escape') pieces.push({ text: part.text, glob: false });
    else {
      const v = variableValue(ctx, part.lowerKey) ?? part.fallback;
      if (v === undefined) {
        ok = false;
        missing?.push(part.key);
      } else pieces.push({ text: v, glob: false });
    }
  }
  return ok ? pieces : null;
}
