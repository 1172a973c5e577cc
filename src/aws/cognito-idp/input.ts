/**
 * Reading a JSON 1.1 request as AWS's front end does: a value of the wrong JSON type is a
 * `SerializationException`; a missing member, a length or a pattern outside the model's
 * constraints is an `InvalidParameterException` worded as AWS words validation errors
 * ("1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must
 * not be null"), all of them joined with `; `. Patterns are character tests, never regexes.
 */
import { mustNotBeNull, RULE, validationMessage, violation } from '../protocol/validation';

export interface ApiError {
  error: true;
  type: string;
  message: string;
  status?: number;
}

export function apiError(type: string, message: string, status?: number): ApiError {
  return status === undefined ? { error: true, type, message } : { error: true, type, message, status };
}

export function isError(x: unknown): x is ApiError {
  return typeof x === 'object' && x !== null && (x as ApiError).error === true;
}

export type CharTest = (c: string) => boolean;

const isWord = (c: string) => /^[\w]$/.test(c);
/** `[\w+]+` (client ids, secrets). */
export const WORD_PLUS: CharTest = (c) => isWord(c) || c === '+';
/** `[\w\s+=,.@-]+` (pool and client names). */
export const NAME_CHARS: CharTest = (c) => isWord(c) || /^\s$/.test(c) || '+=,.@-'.includes(c);
/** `[\S]+`. */
export const NON_SPACE: CharTest = (c) => !/^\s$/.test(c);
/** `[\p{L}\p{M}\p{S}\p{N}\p{P}]+` (user and group names). */
export const PRINTABLE: CharTest = (c) => /^[\p{L}\p{M}\p{S}\p{N}\p{P}]$/u.test(c);
/** `[\w+=/]+` (secret hashes). */
export const HASH_CHARS: CharTest = (c) => isWord(c) || '+=/'.includes(c);
/** `[A-Za-z0-9-_=.]+` (tokens). */
export const TOKEN_CHARS: CharTest = (c) => /^[A-Za-z0-9_=.-]$/.test(c);
/** `[0-9]+`. */
export const DIGITS: CharTest = (c) => c >= '0' && c <= '9';
/** `[\w-]+_[0-9a-zA-Z]+` (user pool ids). */
export function isPoolId(s: string): boolean {
  const i = s.lastIndexOf('_');
  if (i <= 0 || i === s.length - 1) return false;
  for (const c of s.slice(0, i)) if (!(isWord(c) || c === '-')) return false;
  for (const c of s.slice(i + 1)) if (!/^[0-9a-zA-Z]$/.test(c)) return false;
  return true;
}

function every(s: string, test: CharTest): boolean {
  for (const c of s) if (!test(c)) return false;
  return true;
}

interface StrRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: [CharTest, string];
  /** The value is left out of the message (passwords, tokens). */
  sensitive?: boolean;
  /** The allowed values (`Member must satisfy enum value set: [...]`). */
  values?: readonly string[];
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function jsonKind(v: unknown): string {
  if (typeof v === 'number') return 'NUMBER_VALUE';
  if (v === true) return 'TRUE_VALUE';
  if (v === false) return 'FALSE_VALUE';
  return 'VALUE_STRING';
}

export class Input {
  private problems: string[] = [];
  private shared: { serialization?: string } = {};

  constructor(
    private readonly body: Record<string, unknown>,
    private readonly prefix = '',
  ) {}

  private field(name: string): string {
    return this.prefix + lowerFirst(name);
  }

  private typeProblem(v: unknown, want: 'String' | 'Boolean' | 'Integer' | 'structure' | 'list'): void {
    if (this.shared.serialization) return;
    if (Array.isArray(v)) this.shared.serialization = 'Start of list found where not expected';
    else if (typeof v === 'object' && v !== null)
      this.shared.serialization = 'Start of structure or map found where not expected.';
    else if (want === 'structure' || want === 'list')
      this.shared.serialization = `${jsonKind(v)} can not be converted to a ${want}`;
    else
      this.shared.serialization = `${jsonKind(v)} can not be converted to ${want === 'Integer' ? 'an Integer' : `a ${want}`}`;
  }

  /** A validation problem of the caller's own (AWS's wording). */
  problem(text: string): void {
    this.problems.push(text);
  }

  /** Whether the member was sent (a JSON `null` counts as absent, as AWS reads it). */
  has(name: string): boolean {
    const v = this.body[name];
    return v !== undefined && v !== null;
  }

  str(name: string, rule: StrRule = {}): string | undefined {
    const v = this.body[name];
    const f = this.field(name);
    if (v === undefined || v === null) {
      if (rule.required) this.problems.push(mustNotBeNull(f));
      return undefined;
    }
    if (typeof v !== 'string') {
      this.typeProblem(v, 'String');
      return undefined;
    }
    const at = (r: string) => violation(rule.sensitive ? undefined : v, f, r);
    const len = [...v].length;
    let ok = true;
    if (rule.min !== undefined && len < rule.min) {
      this.problems.push(at(RULE.min(rule.min)));
      ok = false;
    }
    if (rule.max !== undefined && len > rule.max) {
      this.problems.push(at(RULE.max(rule.max)));
      ok = false;
    }
    if (rule.pattern && len > 0 && !every(v, rule.pattern[0])) {
      this.problems.push(at(RULE.pattern(rule.pattern[1])));
      ok = false;
    }
    if (rule.values && !rule.values.includes(v)) {
      this.problems.push(at(RULE.enum(rule.values)));
      ok = false;
    }
    return ok ? v : undefined;
  }

  bool(name: string): boolean | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'boolean') {
      this.typeProblem(v, 'Boolean');
      return undefined;
    }
    return v;
  }

  int(name: string, min?: number, max?: number): number | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.typeProblem(v, 'Integer');
      return undefined;
    }
    const f = this.field(name);
    if (min !== undefined && v < min) {
      this.problems.push(violation(String(v), f, RULE.minValue(min)));
      return undefined;
    }
    if (max !== undefined && v > max) {
      this.problems.push(violation(String(v), f, RULE.maxValue(max)));
      return undefined;
    }
    return v;
  }

  /** A nested structure, read with its own Input whose problems join this one's. */
  struct(name: string): Input | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.typeProblem(v, 'structure');
      return undefined;
    }
    const child = new Input(v as Record<string, unknown>, `${this.field(name)}.`);
    child.problems = this.problems;
    child.shared = this.shared;
    return child;
  }

  /** `ChallengeResponses`, `AuthParameters`: a map of strings to strings. */
  stringMap(name: string): Record<string, string> | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.typeProblem(v, 'structure');
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (typeof x !== 'string') {
        this.typeProblem(x, 'String');
        return undefined;
      }
      out[k] = x;
    }
    return out;
  }

  stringList(name: string, values?: readonly string[]): string[] | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.typeProblem(v, 'list');
      return undefined;
    }
    const out: string[] = [];
    for (const x of v) {
      if (typeof x !== 'string') {
        this.typeProblem(x, 'String');
        return undefined;
      }
      if (values && !values.includes(x)) {
        this.problems.push(
          violation(`[${v.join(', ')}]`, this.field(name), `satisfy constraint: [Member must ${RULE.enum(values)}]`),
        );
        return undefined;
      }
      out.push(x);
    }
    return out;
  }

  /** `[{Name, Value}]` (`UserAttributes`). */
  attributes(name: string): { name: string; value: string }[] | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) {
      this.typeProblem(v, 'list');
      return undefined;
    }
    const out: { name: string; value: string }[] = [];
    v.forEach((item: unknown, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        this.typeProblem(item, 'structure');
        return;
      }
      const a = new Input(item as Record<string, unknown>, `${this.field(name)}.${i + 1}.member.`);
      a.problems = this.problems;
      a.shared = this.shared;
      const n = a.str('Name', {
        required: true,
        min: 1,
        max: 32,
        pattern: [PRINTABLE, '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+'],
      });
      const val = a.str('Value', { max: 2048, sensitive: true });
      if (n !== undefined) out.push({ name: n, value: val ?? '' });
    });
    return out;
  }

  /** The error to answer, if anything read so far was wrong. */
  failure(): ApiError | undefined {
    if (this.shared.serialization) return apiError('SerializationException', this.shared.serialization);
    if (this.problems.length === 0) return undefined;
    return apiError('InvalidParameterException', validationMessage(this.problems));
  }
}
