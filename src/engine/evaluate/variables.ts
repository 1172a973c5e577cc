/**
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"): `${key}` is
 * replaced by the request's value for `key` (matched case-insensitively); `${key, 'default'}`
 * gives a default used when the key is absent (`''` inside the quotes is one quote); `${*}`,
 * `${?}` and `${$}` stand for the literal characters. Only under Version 2012-10-17: otherwise the
 * caller does not parse templates and `${…}` is literal text.
 *
 * A variable whose key is absent (and has no default), or whose value is a list of several
 * values, cannot be substituted: the value that holds it does not match.
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
 * Parses `${…}` references in a policy string. Malformed references stay literal text. One pass,
 * left to right, never rescanning text (linear time on hostile input).
 */
export function parseTemplate(source: string): Template {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  let hasVariables = false;
  let dynamic = false;
  while (i < source.length) {
    const start = source.indexOf('${', i);
    if (start < 0) {
      text += source.slice(i);
      break;
    }
    const ref = readReference(source, start + 2);
    if ('fail' in ref) {
      text += source.slice(i, ref.fail);
      i = ref.fail;
      continue;
    }
    text += source.slice(i, start);
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push(ref.part);
    dynamic = true;
    if (ref.part.kind === 'var') hasVariables = true;
    i = ref.end;
  }
  if (text) parts.push({ kind: 'text', text });
  return { source, parts, hasVariables, dynamic };
}

function isKeyChar(c: number): boolean {
  // Not a space or control character, `$`, `{`, `}`, `,` or `'`.
  return c > 32 && c !== 36 && c !== 123 && c !== 125 && c !== 44 && c !== 39;
}

/**
 * Reads the inside of `${…}` from `at` (just after `${`): the reference and where it ends, or the
 * position where reading failed (the text before it is literal; parsing resumes there).
 */
function readReference(s: string, at: number): { part: TemplatePart; end: number } | { fail: number } {
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
  if (key === '') return { fail: Math.max(j, at) };
  if (s[j] === '}') return { part: { kind: 'var', key, lowerKey: key.toLowerCase() }, end: j + 1 };
  if (s[j] !== ',') return { fail: j };
  j++;
  while (s[j] === ' ') j++;
  if (s[j] !== "'") return { fail: j };
  j++;
  let fallback = '';
  for (;;) {
    if (j >= s.length) return { fail: s.length };
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
  if (s[j] !== '}') return { fail: j };
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
