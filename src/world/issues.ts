/**
 * The world's problems as the checks report them: `{ code, message, help?, path }`, with messages
 * in the house style (lowercase, user input in backticks, no final period). Turns zod's issues into
 * these (`decodeIssue`) and supplies the messages zod would otherwise word (`genericMessage`).
 */
import type { z } from 'zod';

export type WorldPath = (string | number)[];

export interface WorldIssue {
  code: string;
  message: string;
  help?: string;
  path: WorldPath;
}

export const ISSUE_CODES = {
  type: 'validate.world.type',
  missing: 'validate.world.missing',
  unknownKey: 'validate.world.unknown-key',
  format: 'validate.world.format',
  enum: 'validate.world.enum',
  limit: 'validate.world.limit',
  duplicate: 'validate.world.duplicate',
  reference: 'validate.world.reference',
  formatVersion: 'validate.world.format-version',
  other: 'validate.world',
} as const;

/** Stands for the JSON path of the value in a message (user input never holds a raw NUL: `show` escapes it). */
export const PATH = '\u0000path';
/** Stands for the last key of the path (a tag key, a map key). */
export const KEY = '\u0000key';

/** `users[0].name` */
export function formatPath(path: WorldPath): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out === '' ? 'the world' : out;
}

/** User input shown in a message: at most 80 characters, control characters escaped. */
export function show(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      s = String(v);
    }
  }
  if (s.length > 80) s = s.slice(0, 79) + '…';
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A message with an optional help and code, carried through zod's message string. */
export function enc(message: string, help?: string, code?: string): string {
  return '\u0001' + JSON.stringify({ message, help, code });
}

const bt = (s: string) => `\`${s}\``;

/** The known word closest to `word`, when it is close enough to be a likely typo. */
export function suggest(word: string, known: readonly string[]): string | undefined {
  if (word.length > 64) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(w, k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3;
  return bestD <= limit ? best : undefined;
}

function distance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function oneOf(input: unknown, values: readonly unknown[]): { message: string; help?: string } {
  const list = values.filter((v) => v !== undefined && v !== null).map((v) => String(v));
  const close = typeof input === 'string' ? suggest(input, list) : undefined;
  return {
    message: `\`${show(input)}\` is not one of ${list.map(bt).join(', ')}`,
    help: close !== undefined ? `did you mean \`${close}\`?` : undefined,
  };
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  record: 'an object',
  array: 'an array',
  literal: 'a fixed value',
};

type RawIssue = z.core.$ZodRawIssue;

/** zod's per-parse error map: messages for the issues the schema does not word itself. */
export function genericMessage(iss: RawIssue): string | undefined {
  const input = iss.input;
  switch (iss.code) {
    case 'invalid_type':
      if (input === undefined) return enc(`\`${PATH}\` is required`, undefined, ISSUE_CODES.missing);
      return enc(`\`${PATH}\` must be ${EXPECTED[iss.expected] ?? iss.expected}`);
    case 'invalid_value':
      if (input === undefined)
        return enc(
          `\`${PATH}\` is required`,
          oneOf(input, iss.values).message.replace(/^.*is not /, 'it is '),
          ISSUE_CODES.missing,
        );
      {
        const o = oneOf(input, iss.values);
        return enc(o.message, o.help);
      }
    case 'invalid_union': {
      if (input === undefined) return enc(`\`${PATH}\` is required`, undefined, ISSUE_CODES.missing);
      const raw = iss as RawIssue & { discriminator?: string; options?: unknown[] };
      if (raw.discriminator) {
        const v =
          input && typeof input === 'object' ? (input as Record<string, unknown>)[raw.discriminator] : undefined;
        const values = (raw.options ?? []).filter((x) => x !== null && x !== undefined).map(String);
        if (v === undefined)
          return enc(`\`${PATH}\` is required`, `it is one of ${values.map(bt).join(', ')}`, ISSUE_CODES.missing);
        const o = oneOf(v, values);
        return enc(o.message, o.help, ISSUE_CODES.enum);
      }
      return enc(`\`${PATH}\` is not valid here`);
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'array')
        return enc(`\`${PATH}\` can have at most ${max} items, found ${Array.isArray(input) ? input.length : '?'}`);
      if (iss.origin === 'string') return enc(`\`${PATH}\` can have at most ${max} characters`);
      return enc(`\`${PATH}\` must be at most ${max}`);
    }
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'array')
        return enc(min === 1 ? `\`${PATH}\` needs at least one item` : `\`${PATH}\` needs at least ${min} items`);
      if (iss.origin === 'string')
        return enc(min === 1 ? `\`${PATH}\` must not be empty` : `\`${PATH}\` must have at least ${min} characters`);
      return enc(`\`${PATH}\` must be at least ${min}`);
    }
    case 'invalid_format':
      return enc(`\`${show(input)}\` is not valid here`);
    case 'invalid_key':
      return enc(`the key \`${KEY}\` is not valid here`);
    default:
      return undefined;
  }
}

const CODE_OF: Record<string, string> = {
  invalid_type: ISSUE_CODES.type,
  invalid_value: ISSUE_CODES.enum,
  invalid_union: ISSUE_CODES.type,
  invalid_format: ISSUE_CODES.format,
  invalid_key: ISSUE_CODES.format,
  too_big: ISSUE_CODES.limit,
  too_small: ISSUE_CODES.limit,
  not_multiple_of: ISSUE_CODES.limit,
  unrecognized_keys: ISSUE_CODES.unknownKey,
};

/** One zod issue as world issues (an object with two unknown keys gives two). */
export function decodeIssue(iss: z.core.$ZodIssue): WorldIssue[] {
  const path = iss.path.map((p) => (typeof p === 'number' ? p : String(p)));
  const where = formatPath(path);
  const last = path.length > 0 ? String(path[path.length - 1]) : '';
  const fill = (s: string) => s.split(PATH).join(where).split(KEY).join(show(last));
  const text = iss.message;
  if (text.startsWith('\u0002')) {
    const { keys, allowed, hints } = JSON.parse(text.slice(1)) as {
      keys: string[];
      allowed: string[];
      hints?: Record<string, string>;
    };
    return keys.map((k) => {
      const close = suggest(k, allowed);
      return {
        code: ISSUE_CODES.unknownKey,
        message: `unknown key \`${show(k)}\` in \`${where}\``,
        help:
          // Own keys only: an unknown key such as `valueOf` must not find Object.prototype's.
          (hints && Object.hasOwn(hints, k) ? hints[k] : undefined) ??
          (close !== undefined ? `did you mean \`${close}\`?` : `allowed keys: ${allowed.map(bt).join(', ')}`),
        path: [...path, k],
      };
    });
  }
  let message: string;
  let help: string | undefined;
  let code: string | undefined;
  if (text.startsWith('\u0001')) {
    const d = JSON.parse(text.slice(1)) as { message: string; help?: string; code?: string };
    [message, help, code] = [d.message, d.help, d.code];
  } else {
    message = text.charAt(0).toLowerCase() + text.slice(1);
  }
  const out: WorldIssue = { code: code ?? CODE_OF[iss.code] ?? ISSUE_CODES.other, message: fill(message), path };
  if (help) out.help = fill(help);
  return [out];
}
