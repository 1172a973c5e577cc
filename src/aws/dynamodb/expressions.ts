/**
 * DynamoDB's expression language (condition, filter, key condition and projection expressions),
 * read by a linear tokenizer and a recursive-descent parser (never a regular expression over the
 * text), with `#name` and `:value` substitution, DynamoDB's reserved words, and its messages:
 * `Invalid ConditionExpression: Syntax error; token: "…", near: "…"`, an undefined or unused
 * attribute name or value, a reserved keyword. Conditions evaluate against an item.
 */
import type { AttributeValue } from '../../world/types';
import { RESERVED } from './reserved';
import { compareScalars, equalValues, typeOf } from './values';

export type PathPart = string | number;

export type Operand =
  | { kind: 'path'; path: PathPart[] }
  | { kind: 'value'; name: string; value: AttributeValue }
  | { kind: 'size'; path: PathPart[] };

export type Condition =
  | { kind: 'cmp'; op: '=' | '<>' | '<' | '<=' | '>' | '>='; left: Operand; right: Operand }
  | { kind: 'between'; value: Operand; low: Operand; high: Operand }
  | { kind: 'in'; value: Operand; list: Operand[] }
  | { kind: 'fn'; name: string; args: Operand[] }
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition };

export class ExpressionError extends Error {}

/** What the expressions of one request share: the names and values given, and which were used. */
export class Substitutions {
  readonly usedNames = new Set<string>();
  readonly usedValues = new Set<string>();
  constructor(
    readonly names: Record<string, string> | undefined,
    readonly values: Record<string, AttributeValue> | undefined,
  ) {}

  /** The unused-names or unused-values message, or undefined. */
  unused(): string | undefined {
    const names = Object.keys(this.names ?? {}).filter((k) => !this.usedNames.has(k));
    if (names.length > 0)
      return `Value provided in ExpressionAttributeNames unused in expressions: keys: {${names.join(', ')}}`;
    const values = Object.keys(this.values ?? {}).filter((k) => !this.usedValues.has(k));
    if (values.length > 0)
      return `Value provided in ExpressionAttributeValues unused in expressions: keys: {${values.join(', ')}}`;
    return undefined;
  }
}

type Tok = { t: 'name' | 'hash' | 'colon' | 'num' | 'op' | 'eof'; v: string; at: number };

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}
function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9');
}

function tokenize(text: string, what: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '#' || c === ':') {
      i++;
      while (i < text.length && isNameChar(text[i])) i++;
      if (i === start + 1)
        throw new ExpressionError(`Invalid ${what}: Syntax error; token: "${c}", near: "${near(text, start)}"`);
      out.push({ t: c === '#' ? 'hash' : 'colon', v: text.slice(start, i), at: start });
    } else if (isNameStart(c)) {
      while (i < text.length && isNameChar(text[i])) i++;
      out.push({ t: 'name', v: text.slice(start, i), at: start });
    } else if (c >= '0' && c <= '9') {
      while (i < text.length && text[i] >= '0' && text[i] <= '9') i++;
      out.push({ t: 'num', v: text.slice(start, i), at: start });
    } else if (c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      const op = two === '<=' || two === '>=' || two === '<>' ? two : c;
      i += op.length;
      out.push({ t: 'op', v: op, at: start });
    } else if ('=(),.[]'.includes(c)) {
      i++;
      out.push({ t: 'op', v: c, at: start });
    } else {
      throw new ExpressionError(`Invalid ${what}: Syntax error; token: "${c}", near: "${near(text, start)}"`);
    }
  }
  out.push({ t: 'eof', v: '<EOF>', at: text.length });
  return out;
}

/** A few characters either side of a position, as DynamoDB quotes them. */
function near(text: string, at: number): string {
  return text.slice(Math.max(0, at - 8), Math.min(text.length, at + 8)).trim();
}

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const FUNCTIONS = new Set([
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
  'size',
]);

class Parser {
  private i = 0;
  private readonly toks: Tok[];
  constructor(
    private readonly text: string,
    private readonly what: string,
    private readonly subs: Substitutions,
  ) {
    this.toks = tokenize(text, what);
  }

  private peek(): Tok {
    return this.toks[this.i];
  }
  private next(): Tok {
    return this.toks[this.i++];
  }
  private keyword(word: string): boolean {
    const t = this.peek();
    return t.t === 'name' && t.v.toUpperCase() === word;
  }
  /** DynamoDB quotes the source from the token before the bad one to the token after it. */
  fail(t: Tok = this.peek()): never {
    const i = this.toks.indexOf(t);
    const prev = this.toks[i - 1];
    const next = this.toks[i + 1];
    const from = prev ? prev.at : t.at;
    const to =
      next && next.t !== 'eof' ? next.at + next.v.length : t.t === 'eof' ? this.text.length : t.at + t.v.length;
    throw new ExpressionError(
      `Invalid ${this.what}: Syntax error; token: "${t.v}", near: "${this.text.slice(from, to)}"`,
    );
  }
  private expect(op: string): void {
    const t = this.next();
    if (t.t !== 'op' || t.v !== op) this.fail(t);
  }

  done(): void {
    if (this.peek().t !== 'eof') this.fail();
  }

  condition(): Condition {
    let left = this.and();
    while (this.keyword('OR')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.keyword('AND')) {
      this.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Condition {
    if (this.keyword('NOT')) {
      this.next();
      return { kind: 'not', inner: this.not() };
    }
    return this.primary();
  }

  private primary(): Condition {
    const t = this.peek();
    if (t.t === 'op' && t.v === '(') {
      this.next();
      const c = this.condition();
      this.expect(')');
      return c;
    }
    if (t.t === 'name' && this.toks[this.i + 1]?.v === '(' && this.toks[this.i + 1]?.t === 'op' && t.v !== 'size') {
      const name = t.v;
      if (!FUNCTIONS.has(name))
        throw new ExpressionError(`Invalid ${this.what}: Invalid function name; function: ${name}`);
      this.next();
      this.next();
      const args: Operand[] = [this.operand()];
      while (this.peek().v === ',' && this.peek().t === 'op') {
        this.next();
        args.push(this.operand());
      }
      this.expect(')');
      return { kind: 'fn', name, args };
    }
    const left = this.operand();
    const op = this.peek();
    if (op.t === 'op' && COMPARATORS.has(op.v)) {
      this.next();
      return { kind: 'cmp', op: op.v as '=', left, right: this.operand() };
    }
    if (this.keyword('BETWEEN')) {
      this.next();
      const low = this.operand();
      if (!this.keyword('AND')) this.fail();
      this.next();
      return { kind: 'between', value: left, low, high: this.operand() };
    }
    if (this.keyword('IN')) {
      this.next();
      this.expect('(');
      const list = [this.operand()];
      while (this.peek().v === ',' && this.peek().t === 'op') {
        this.next();
        list.push(this.operand());
      }
      this.expect(')');
      return { kind: 'in', value: left, list };
    }
    return this.fail(op);
  }

  operand(): Operand {
    const t = this.peek();
    if (t.t === 'colon') {
      this.next();
      const v = this.subs.values?.[t.v];
      if (v === undefined)
        throw new ExpressionError(
          `Invalid ${this.what}: An expression attribute value used in expression is not defined; attribute value: ${t.v}`,
        );
      this.subs.usedValues.add(t.v);
      return { kind: 'value', name: t.v, value: v };
    }
    if (t.t === 'name' && t.v === 'size' && this.toks[this.i + 1]?.v === '(') {
      this.next();
      this.next();
      const path = this.path();
      this.expect(')');
      return { kind: 'size', path };
    }
    return { kind: 'path', path: this.path() };
  }

  private pathName(): string {
    const t = this.next();
    if (t.t === 'hash') {
      const n = this.subs.names?.[t.v];
      if (n === undefined)
        throw new ExpressionError(
          `Invalid ${this.what}: An expression attribute name used in the document path is not defined; attribute name: ${t.v}`,
        );
      this.subs.usedNames.add(t.v);
      return n;
    }
    if (t.t === 'name') {
      if (RESERVED.has(t.v.toUpperCase()))
        throw new ExpressionError(
          `Invalid ${this.what}: Attribute name is a reserved keyword; reserved keyword: ${t.v}`,
        );
      return t.v;
    }
    return this.fail(t);
  }

  path(): PathPart[] {
    const parts: PathPart[] = [this.pathName()];
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && t.v === '.') {
        this.next();
        parts.push(this.pathName());
      } else if (t.t === 'op' && t.v === '[') {
        this.next();
        const n = this.next();
        if (n.t !== 'num') this.fail(n);
        this.expect(']');
        parts.push(Number(n.v));
      } else return parts;
    }
  }

  projection(): PathPart[][] {
    const out = [this.path()];
    while (this.peek().t === 'op' && this.peek().v === ',') {
      this.next();
      out.push(this.path());
    }
    this.done();
    return out;
  }
}

/** Parses a condition (ConditionExpression, FilterExpression, KeyConditionExpression). */
/** DynamoDB's limit on an expression's size (which also bounds the parser's nesting). */
export const MAX_EXPRESSION_BYTES = 4096;

function checkSize(text: string, what: string): void {
  const size = new TextEncoder().encode(text).length;
  if (size > MAX_EXPRESSION_BYTES)
    throw new ExpressionError(
      `Invalid ${what}: Expression size has exceeded the maximum allowed size; expression size: ${size}`,
    );
}

export function parseCondition(text: string, what: string, subs: Substitutions): Condition {
  if (text.trim() === '') throw new ExpressionError(`Invalid ${what}: The expression can not be empty;`);
  checkSize(text, what);
  const p = new Parser(text, what, subs);
  const c = p.condition();
  p.done();
  return c;
}

/** Parses a ProjectionExpression into its document paths. */
export function parseProjection(text: string, subs: Substitutions): PathPart[][] {
  if (text.trim() === '') throw new ExpressionError('Invalid ProjectionExpression: The expression can not be empty;');
  checkSize(text, 'ProjectionExpression');
  return new Parser(text, 'ProjectionExpression', subs).projection();
}

// ---- evaluation ----

export function resolvePath(item: Record<string, AttributeValue>, path: PathPart[]): AttributeValue | undefined {
  let cur: AttributeValue | undefined = item[path[0] as string];
  for (let i = 1; i < path.length && cur !== undefined; i++) {
    const p = path[i];
    if (typeof p === 'number') cur = Array.isArray(cur.L) ? (cur.L as AttributeValue[])[p] : undefined;
    else cur = cur.M && typeof cur.M === 'object' ? (cur.M as Record<string, AttributeValue>)[p] : undefined;
  }
  return cur;
}

function sizeOf(v: AttributeValue | undefined): AttributeValue | undefined {
  if (!v) return undefined;
  const t = typeOf(v);
  if (t === 'S') return { N: String(new TextEncoder().encode(v.S as string).length) };
  if (t === 'B') return { N: String(atob(v.B as string).length) };
  if (t === 'SS' || t === 'NS' || t === 'BS' || t === 'L') return { N: String((v[t] as unknown[]).length) };
  if (t === 'M') return { N: String(Object.keys(v.M as object).length) };
  return undefined;
}

function valueOf(o: Operand, item: Record<string, AttributeValue>): AttributeValue | undefined {
  if (o.kind === 'value') return o.value;
  if (o.kind === 'size') return sizeOf(resolvePath(item, o.path));
  return resolvePath(item, o.path);
}

function compare(op: string, a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  if (!a || !b) return op === '<>' ? !(a === undefined && b === undefined) && !(a && b && equalValues(a, b)) : false;
  if (op === '=') return equalValues(a, b);
  if (op === '<>') return !equalValues(a, b);
  const c = compareScalars(a, b);
  if (c === undefined) return false;
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

export function evaluate(c: Condition, item: Record<string, AttributeValue>): boolean {
  switch (c.kind) {
    case 'and':
      return evaluate(c.left, item) && evaluate(c.right, item);
    case 'or':
      return evaluate(c.left, item) || evaluate(c.right, item);
    case 'not':
      return !evaluate(c.inner, item);
    case 'cmp':
      return compare(c.op, valueOf(c.left, item), valueOf(c.right, item));
    case 'between': {
      const v = valueOf(c.value, item);
      return compare('>=', v, valueOf(c.low, item)) && compare('<=', v, valueOf(c.high, item));
    }
    case 'in': {
      const v = valueOf(c.value, item);
      return v !== undefined && c.list.some((o) => compare('=', v, valueOf(o, item)));
    }
    case 'fn': {
      const [a, b] = c.args;
      const v = a ? valueOf(a, item) : undefined;
      const w = b ? valueOf(b, item) : undefined;
      switch (c.name) {
        case 'attribute_exists':
          return v !== undefined;
        case 'attribute_not_exists':
          return v === undefined;
        case 'attribute_type':
          return v !== undefined && typeof w?.S === 'string' && typeOf(v) === w.S;
        case 'begins_with':
          if (!v || !w) return false;
          if (typeof v.S === 'string' && typeof w.S === 'string') return v.S.startsWith(w.S);
          if (typeof v.B === 'string' && typeof w.B === 'string') return atob(v.B).startsWith(atob(w.B));
          return false;
        case 'contains': {
          if (!v || !w) return false;
          if (typeof v.S === 'string' && typeof w.S === 'string') return v.S.includes(w.S);
          const t = typeOf(v);
          if (t === 'SS' || t === 'NS' || t === 'BS') {
            const single = t === 'SS' ? 'S' : t === 'NS' ? 'N' : 'B';
            return (v[t] as string[]).some((e) => equalValues({ [single]: e }, w));
          }
          if (t === 'L') return (v.L as AttributeValue[]).some((e) => equalValues(e, w));
          return false;
        }
      }
      return false;
    }
  }
}

/**
 * The item with only the projected paths: top-level attributes, nested map paths (`a.b.c`), and a
 * list element at the end of a path (`tags[1]`, kept in index order). A path with a list index in
 * its middle projects its whole top-level attribute (a simplification).
 */
export function project(item: Record<string, AttributeValue>, paths: PathPart[][]): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  const sorted = [...paths].sort((a, b) => {
    const x = a[a.length - 1];
    const y = b[b.length - 1];
    return typeof x === 'number' && typeof y === 'number' ? x - y : 0;
  });
  for (const path of sorted) {
    const v = resolvePath(item, path);
    if (v === undefined) continue;
    const top = path[0] as string;
    const middle = path.slice(1, -1);
    if (path.length === 1 || middle.some((p) => typeof p === 'number')) {
      out[top] = item[top];
      continue;
    }
    let container: Record<string, AttributeValue> = out;
    let key = top;
    for (const p of middle as string[]) {
      const existing = container[key]?.M as Record<string, AttributeValue> | undefined;
      const map = existing ?? {};
      container[key] = { M: map };
      container = map;
      key = p;
    }
    const last = path[path.length - 1];
    if (typeof last === 'number') {
      const list = (container[key]?.L as AttributeValue[] | undefined) ?? [];
      list.push(v);
      container[key] = { L: list };
    } else {
      const map = (container[key]?.M as Record<string, AttributeValue> | undefined) ?? {};
      map[last] = v;
      container[key] = { M: map };
    }
  }
  return out;
}
