/**
 * Reading the parameters of a Query request (IAM and STS) the way AWS checks them: every
 * constraint of the botocore model that fails is listed in one `ValidationError`
 * ("2 validation errors detected: Value null at 'userName' failed to satisfy constraint: Member
 * must not be null; …"). Patterns are checked character by character, never with a regular
 * expression that could backtrack on hostile input.
 */
import { memberList, memberPairs } from '../protocol/query';
import { RULE, validationMessage, violation } from '../protocol/validation';

/** An error answer of an operation: AWS's code, message and HTTP status. */
export class Fault extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function validationFault(errors: string[]): Fault {
  return new Fault('ValidationError', validationMessage(errors));
}

/** A character class of a model pattern, with the pattern's text for the message. */
export interface CharPattern {
  text: string;
  test(value: string): boolean;
}

function everyChar(value: string, ok: (c: number) => boolean): boolean {
  for (let i = 0; i < value.length; i++) if (!ok(value.charCodeAt(i))) return false;
  return true;
}

const isWord = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; /* _ */

/** Characters of `extra` plus word characters. */
function wordAnd(extra: string, text: string): CharPattern {
  const set = new Set([...extra].map((c) => c.charCodeAt(0)));
  return { text, test: (v) => everyChar(v, (c) => isWord(c) || set.has(c)) };
}

export const PATTERNS = {
  /** IAM user, role, group, policy and instance profile names. */
  name: wordAnd('+=,.@-', '[\\w+=,.@-]+'),
  /** STS role session names and source identities. */
  sessionName: wordAnd('+=,.@-', '[\\w+=,.@-]*'),
  externalId: wordAnd('+=,.@:/-', '[\\w+=,.@:\\/-]*'),
  serialNumber: wordAnd('+=/:,.@-', '[\\w+=/:,.@-]*'),
  tokenCode: { text: '[\\d]*', test: (v: string) => everyChar(v, (c) => c >= 48 && c <= 57) } as CharPattern,
  /** IAM paths: `/` or `/a/b/`. */
  path: {
    text: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/',
    test: (v: string) =>
      v.startsWith('/') &&
      v.endsWith('/') &&
      !v.includes('//') &&
      everyChar(v, (c) => c === 47 || isWord(c) || '.,+@=-'.includes(String.fromCharCode(c))),
  } as CharPattern,
  /** Policy documents: tab, newline, carriage return and U+0020 to U+00FF. */
  document: {
    text: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
    test: (v: string) => everyChar(v, (c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c <= 255)),
  } as CharPattern,
  /** Descriptions and tag values. */
  text: {
    text: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*',
    test: (v: string) =>
      everyChar(v, (c) => c === 9 || c === 10 || c === 13 || (c >= 32 && c <= 126) || (c >= 161 && c <= 255)),
  } as CharPattern,
  /** Tag keys. */
  tagKey: {
    text: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+',
    test: (v: string) => /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(v),
  } as CharPattern,
} as const;

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: CharPattern;
  /** The model's enum: the value must be one of these. */
  oneOf?: readonly string[];
  /** Values are too long or secret to repeat in the message (documents, token codes). */
  quiet?: boolean;
}

/** The value as AWS repeats it in a validation message (long values cut short). */
function shown(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}...` : value;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

export class Input {
  readonly errors: string[] = [];
  constructor(readonly params: Map<string, string>) {}

  private at(field: string, value: string | null, constraint: string, quiet = false): void {
    this.errors.push(violation(value === null ? null : quiet ? '***' : shown(value), field, constraint));
  }

  /** A string parameter; `field` is the model member name in lower camel case (default: from `name`). */
  string(name: string, rule: StringRule = {}, field = lowerFirst(name)): string | undefined {
    const v = this.params.get(name);
    if (v === undefined) {
      if (rule.required) this.at(field, null, 'not be null');
      return undefined;
    }
    return this.check(v, field, rule);
  }

  check(v: string, field: string, rule: StringRule): string | undefined {
    const before = this.errors.length;
    if (rule.min !== undefined && v.length < rule.min) this.at(field, v, RULE.min(rule.min), rule.quiet);
    if (rule.max !== undefined && v.length > rule.max) this.at(field, v, RULE.max(rule.max), rule.quiet);
    if (rule.pattern && v.length > 0 && !rule.pattern.test(v))
      this.at(field, v, RULE.pattern(rule.pattern.text), rule.quiet);
    if (rule.oneOf && !rule.oneOf.includes(v)) this.at(field, v, RULE.enum(rule.oneOf), rule.quiet);
    return this.errors.length === before ? v : undefined;
  }

  int(name: string, rule: { min?: number; max?: number } = {}, field = lowerFirst(name)): number | undefined {
    const v = this.params.get(name);
    if (v === undefined) return undefined;
    if (!/^-?\d{1,15}$/.test(v)) {
      this.at(field, v, 'be a whole number');
      return undefined;
    }
    const n = Number(v);
    if (rule.min !== undefined && n < rule.min) {
      this.at(field, v, RULE.minValue(rule.min));
      return undefined;
    }
    if (rule.max !== undefined && n > rule.max) {
      this.at(field, v, RULE.maxValue(rule.max));
      return undefined;
    }
    return n;
  }

  bool(name: string, field = lowerFirst(name)): boolean | undefined {
    const v = this.params.get(name);
    if (v === undefined) return undefined;
    if (v === 'true') return true;
    if (v === 'false') return false;
    this.at(field, v, 'be true or false');
    return undefined;
  }

  /** `Name.member.N` strings, each held to `rule`; at most `max` members. */
  list(name: string, rule: StringRule & { maxItems?: number } = {}, field = lowerFirst(name)): string[] {
    const items = memberList(this.params, name);
    if (rule.maxItems !== undefined && items.length > rule.maxItems)
      this.errors.push(violation(`[${shown(items.join(', '))}]`, field, RULE.max(rule.maxItems)));
    return items.filter((v) => this.check(v, `${field}.member`, rule) !== undefined);
  }

  /** `Tags.member.N.Key` / `.Value`, with the model's limits. */
  tags(name = 'Tags', maxItems = 50): [string, string][] {
    const pairs = memberPairs(this.params, name);
    const field = lowerFirst(name);
    if (pairs.length > maxItems) this.errors.push(violation(`[${pairs.length} tags]`, field, RULE.max(maxItems)));
    pairs.forEach(([k, v], i) => {
      this.check(k, `${field}.${i + 1}.member.key`, { min: 1, max: 128, pattern: PATTERNS.tagKey });
      this.check(v, `${field}.${i + 1}.member.value`, { max: 256, pattern: PATTERNS.text });
    });
    return pairs;
  }

  /** Throws the `ValidationError` of everything found so far. */
  done(): void {
    if (this.errors.length > 0) throw validationFault(this.errors);
  }
}
