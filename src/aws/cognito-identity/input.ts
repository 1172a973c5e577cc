/**
 * Reading a request body against the model's constraints (botocore `cognito-identity/2014-06-30`):
 * a value of the wrong JSON type is a `SerializationException`; a missing required member, a
 * length or a pattern the model forbids is a `ValidationException` worded as AWS words it
 * (`1 validation error detected: Value 'x' at 'identityPoolId' failed to satisfy constraint:
 * Member must satisfy regular expression pattern: [\w-]+:[0-9a-f-]+`). The patterns are tested
 * with anchored regexes without nested quantifiers (no backtracking on user input).
 */
import { mustNotBeNull, RULE, validationMessage, violation } from '../protocol/validation';

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  /** The anchored test, and the model's pattern as AWS quotes it. */
  pattern?: { re: RegExp; text: string };
  /** Allowed values, as AWS lists them. */
  enum?: readonly string[];
}

function member(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function shown(v: string): string {
  return v.length > 256 ? `${v.slice(0, 256)}…` : v;
}

export class Input {
  readonly errors: string[] = [];
  typeError: string | undefined;
  constructor(readonly body: Record<string, unknown>) {}

  private wrongType(path: string, expected: string): void {
    this.typeError ??= `Unexpected value at '${path}': expected ${expected}`;
  }

  /** A string member checked against the rule; undefined when absent or wrong. */
  checkString(path: string, v: unknown, rule: StringRule): string | undefined {
    if (v === undefined || v === null) {
      if (rule.required) this.errors.push(mustNotBeNull(path));
      return undefined;
    }
    if (typeof v !== 'string') {
      this.wrongType(path, 'a string');
      return undefined;
    }
    const at = (r: string) => violation(shown(v), path, r);
    let ok = true;
    if (rule.min !== undefined && v.length < rule.min) {
      this.errors.push(at(RULE.min(rule.min)));
      ok = false;
    }
    if (rule.max !== undefined && v.length > rule.max) {
      this.errors.push(at(RULE.max(rule.max)));
      ok = false;
    }
    if (ok && rule.pattern && !rule.pattern.re.test(v)) {
      this.errors.push(at(RULE.pattern(rule.pattern.text)));
      ok = false;
    }
    if (ok && rule.enum && !rule.enum.includes(v)) {
      this.errors.push(at(RULE.enum(rule.enum)));
      ok = false;
    }
    return ok ? v : undefined;
  }

  string(name: string, rule: StringRule = {}): string | undefined {
    return this.checkString(member(name), this.body[name], rule);
  }

  boolean(name: string, required = false): boolean | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) {
      if (required) this.errors.push(mustNotBeNull(member(name)));
      return undefined;
    }
    if (typeof v !== 'boolean') {
      this.wrongType(member(name), 'a boolean');
      return undefined;
    }
    return v;
  }

  /** A JSON object member (a map or a structure) at `path`. */
  objectAt(path: string, v: unknown, required = false): Record<string, unknown> | undefined {
    if (v === undefined || v === null) {
      if (required) this.errors.push(mustNotBeNull(path));
      return undefined;
    }
    if (typeof v !== 'object' || Array.isArray(v)) {
      this.wrongType(path, 'an object');
      return undefined;
    }
    return v as Record<string, unknown>;
  }

  /** A list member at `path`. */
  listAt(path: string, v: unknown, required = false): unknown[] | undefined {
    if (v === undefined || v === null) {
      if (required) this.errors.push(mustNotBeNull(path));
      return undefined;
    }
    if (!Array.isArray(v)) {
      this.wrongType(path, 'a list');
      return undefined;
    }
    return v;
  }

  /** A string → string map with a size limit and rules for keys and values. */
  stringMap(
    name: string,
    options: { required?: boolean; max?: number; key?: StringRule; value?: StringRule },
  ): Record<string, string> | undefined {
    const path = member(name);
    const obj = this.objectAt(path, this.body[name], options.required);
    if (!obj) return undefined;
    const entries = Object.entries(obj);
    if (options.max !== undefined && entries.length > options.max) {
      this.errors.push(violation(shown(JSON.stringify(obj)), path, RULE.max(options.max)));
      return undefined;
    }
    const out: [string, string][] = [];
    let ok = true;
    for (const [k, v] of entries) {
      if (options.key && this.checkString(`${path}`, k, options.key) === undefined) ok = false;
      const s = this.checkString(`${path}.${k}.member`, v, { ...options.value, required: true });
      if (s === undefined) ok = false;
      else out.push([k, s]);
    }
    // Own properties whatever the key (a `__proto__` key stays a key).
    return ok ? Object.fromEntries(out) : undefined;
  }

  /** The error answer, if any: `{ type, message }`. */
  problem(): { type: string; message: string } | undefined {
    if (this.typeError) return { type: 'SerializationException', message: this.typeError };
    if (this.errors.length === 0) return undefined;
    return { type: 'ValidationException', message: validationMessage(this.errors) };
  }
}

/** The model's patterns, anchored. */
export const PATTERNS = {
  identityPoolId: { re: /^[\w-]+:[0-9a-f-]+$/, text: '[\\w-]+:[0-9a-f-]+' },
  identityId: { re: /^[\w-]+:[0-9a-f-]+$/, text: '[\\w-]+:[0-9a-f-]+' },
  // The pattern AWS has answered with (`[\w ]+`), which the world's schema keeps; today's model allows `[\w\s+=,.@-]+`.
  identityPoolName: { re: /^[\w ]+$/, text: '[\\w ]+' },
  accountId: { re: /^\d+$/, text: '\\d+' },
  developerProviderName: { re: /^[\w._-]+$/, text: '[\\w._-]+' },
  identityProviderId: { re: /^[\w.;_/-]+$/, text: '[\\w.;_/-]+' },
  cognitoProviderName: { re: /^[\w._:/-]+$/, text: '[\\w._:/-]+' },
  cognitoClientId: { re: /^[\w_]+$/, text: '[\\w_]+' },
  roleType: { re: /^(un)?authenticated$/, text: '(un)?authenticated' },
  claimName: { re: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, text: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+' },
} as const;
