/**
 * The `Condition` element (IAM User Guide, "IAM JSON policy elements: Condition" and "Condition
 * operators"; reference iam-evaluation.md section 4).
 *
 * - Operators are AND-ed, keys within an operator are AND-ed.
 * - Values of one key are OR-ed for positive operators; a negated operator (`StringNotEquals`,
 *   `NotIpAddress`, `ArnNotLike`, …) holds when no value matches ("neither"), i.e. the AND of the
 *   negations.
 * - Missing key: a positive operator is false, a negated one is true, `…IfExists` is true,
 *   `ForAnyValue:` is false, `ForAllValues:` is true; `Null: true` holds. An empty list counts as
 *   absent.
 * - A single-value operator on a multi-valued request key (our reading; the guide only covers the
 *   set operators): a positive operator holds when any request value matches any policy value; a
 *   negated one holds when no request value matches any policy value.
 * - A value that does not parse for the operator (a date operator on `abc`, a non-number for
 *   `Numeric*`), on either side, makes that key false with a trace note, negated operators too.
 * - A policy variable that cannot be resolved makes that policy value match nothing, for negated
 *   operators too: `StringNotEquals` on `${aws:PrincipalTag/team}` with no such tag is true (the
 *   guide's variables page: a Deny with that condition denies).
 * - For the set operators, a key whose only value is the empty string is a null data set, like an
 *   absent key: `ForAllValues:` is true, `ForAnyValue:` false.
 * - Equality operators compare through a set of the policy values, so many request values against
 *   many policy values cost one lookup each.
 */
import type { Range } from '../diagnostics';
import type { ConditionOperatorEntry } from '../model';
import type { ConditionRule, TraceBuilder } from '../trace';
import type { Prepared, RequestValue } from './condition-values';
import { compareValue, parseRequestValue, preparePieces } from './condition-values';
import type { Comparison, ParsedOperator } from './operators';
import { parseOperator } from './operators';
import type { Context } from './types';
import type { Template } from './variables';
import { parseTemplate, resolvePieces } from './variables';

interface CompiledValue {
  raw: string;
  /** Prepared once, when the value holds no variable. */
  prepared?: Prepared;
  /** Set when the value can never be used (e.g. `abc` for a numeric operator). */
  error?: string;
  /** Set when the value holds variables: prepared per request. */
  template?: Template;
}

interface CompiledKey {
  key: string;
  lowerKey: string;
  range: Range;
  values: CompiledValue[];
  /** The policy values as a set, when the operator compares by equality and no value holds a variable. */
  eq?: Set<string | number | boolean>;
}

interface CompiledOperator {
  written: string;
  range: Range;
  op?: ParsedOperator;
  error?: string;
  keys: CompiledKey[];
}

export interface CompiledCondition {
  operators: CompiledOperator[];
}

export function compileCondition(entries: ConditionOperatorEntry[], variablesEnabled: boolean): CompiledCondition {
  const operators: CompiledOperator[] = [];
  for (const entry of entries) {
    const parsed = parseOperator(entry.operator.value);
    const co: CompiledOperator = { written: entry.operator.value, range: entry.range, keys: [] };
    if (!parsed.ok) co.error = parsed.message;
    else co.op = parsed.op;
    for (const k of entry.keys) {
      const ck: CompiledKey = { key: k.key.value, lowerKey: k.key.value.toLowerCase(), range: k.range, values: [] };
      for (const v of k.values) {
        const cv: CompiledValue = { raw: v.value };
        if (v.json === 'other') cv.error = 'a condition value must be a string, number or boolean';
        else if (co.op) {
          const { kind, compare } = co.op.base;
          const usesVariables = variablesEnabled && (kind === 'string' || kind === 'arn') && v.value.indexOf('${') >= 0;
          const t = usesVariables ? parseTemplate(v.value) : undefined;
          if (t?.hasVariables) cv.template = t;
          else {
            const pieces = t ? resolvePieces(t, {})! : [{ text: v.value, glob: true }];
            const r = preparePieces(kind, compare, pieces);
            if (r.ok) cv.prepared = r.value;
            else cv.error = `policy value ${r.message}`;
          }
        }
        ck.values.push(cv);
      }
      if (co.op && ck.values.length > 4 && ck.values.every((v) => v.prepared))
        ck.eq = equalitySet(
          co.op.base.compare,
          ck.values.map((v) => v.prepared!),
        );
      co.keys.push(ck);
    }
    operators.push(co);
  }
  return { operators };
}

/** Evaluates a compiled Condition; emits one `condition` trace event per key. */
export function evaluateCondition(cond: CompiledCondition, ctx: Context, trace: TraceBuilder, parent: number): boolean {
  let all = true;
  for (const co of cond.operators) {
    if (co.error || !co.op) {
      if (trace.enabled)
        trace.add({
          kind: 'condition',
          parent,
          operator: co.written,
          key: co.keys[0]?.key ?? '',
          requestValue: null,
          policyValues: [],
          result: false,
          rule: 'invalid',
          range: co.range,
          note: `${co.error}: the condition is false`,
        });
      all = false;
      if (!trace.enabled) return false;
      continue;
    }
    for (const key of co.keys) {
      const ok = evaluateKey(co.written, co.op, key, ctx, trace, parent);
      if (!ok) {
        all = false;
        if (!trace.enabled) return false;
      }
    }
  }
  return all;
}

/** The primitive a prepared equality value compares by, or undefined when it is not compared by equality. */
function eqKey(p: Prepared): string | number | boolean | undefined {
  return p.kind === 'string' || p.kind === 'number' || p.kind === 'bool' || p.kind === 'binary' ? p.value : undefined;
}

/** A set of the policy values when the operator compares by equality: each request value is then one lookup. */
function equalitySet(compare: Comparison, pols: Prepared[]): Set<string | number | boolean> | undefined {
  if (compare !== 'eq' && compare !== 'eqi') return undefined;
  const set = new Set<string | number | boolean>();
  for (const p of pols) {
    const k = eqKey(p);
    if (k === undefined) return undefined;
    set.add(k);
  }
  return set;
}

/** Why a request key is empty: absent, an empty list, or the empty string (a null data set for the set operators). */
function emptiness(raw: string | string[] | undefined): 'absent' | 'empty-list' | 'empty-string' | undefined {
  if (raw === undefined) return 'absent';
  if (typeof raw === 'string') return undefined;
  if (raw.length === 0) return 'empty-list';
  return undefined;
}

function evaluateKey(
  written: string,
  op: ParsedOperator,
  key: CompiledKey,
  ctx: Context,
  trace: TraceBuilder,
  parent: number,
): boolean {
  const { kind, compare, negated } = op.base;
  const entry = Object.hasOwn(ctx, key.lowerKey) ? ctx[key.lowerKey] : undefined;
  const raw = entry?.value;
  let reqList: string[] = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  let empty = emptiness(raw);
  // A set operator reads a key whose only value is the empty string as a null data set.
  if (op.qualifier && reqList.length === 1 && reqList[0] === '') {
    reqList = [];
    empty = 'empty-string';
  }
  const present = reqList.length > 0;
  const emit = (result: boolean, rule: ConditionRule, policyValues: (string | null)[], note?: string): boolean => {
    if (trace.enabled) {
      const ev: Parameters<TraceBuilder['add']>[0] = {
        kind: 'condition',
        parent,
        operator: written,
        key: key.key,
        requestValue: raw === undefined ? null : raw,
        policyValues,
        result,
        rule,
        range: key.range,
      };
      if (note) ev.note = note;
      trace.add(ev);
    }
    return result;
  };
  const rawValues = () => key.values.map((v) => v.raw);

  // Null: true when the key is absent ("true") or present ("false").
  if (kind === 'null') {
    let result = false;
    const notes: string[] = [];
    for (const v of key.values) {
      if (v.error || !v.prepared || v.prepared.kind !== 'bool')
        notes.push(v.error ?? `policy value \`${v.raw}\` is not \`true\` or \`false\``);
      else if (v.prepared.value ? !present : present) result = true;
    }
    return emit(
      result,
      notes.length ? 'invalid' : 'null',
      rawValues(),
      notes.length ? notes.join('; ') : present ? 'the key is present' : 'the key is absent',
    );
  }

  if (!present) {
    const what =
      empty === 'empty-string'
        ? 'the key has only the empty string, a null data set'
        : empty === 'empty-list'
          ? 'the key is an empty list'
          : 'the key is absent';
    if (op.qualifier === 'ForAnyValue')
      return emit(false, 'for-any-value', rawValues(), `${what}: \`ForAnyValue\` is false`);
    if (op.qualifier === 'ForAllValues')
      return emit(true, 'for-all-values', rawValues(), `${what}: \`ForAllValues\` is true`);
    if (op.ifExists) return emit(true, 'if-exists', rawValues(), `${what}: \`IfExists\` is true`);
    if (negated) return emit(true, 'missing-key', rawValues(), `${what}: a negated operator is true`);
    return emit(false, 'missing-key', rawValues(), `${what}: a positive operator is false`);
  }

  // Policy values for this request.
  const pols: Prepared[] = [];
  const shown: (string | null)[] = [];
  const unresolved: string[] = [];
  for (const v of key.values) {
    if (v.error) return emit(false, 'invalid', rawValues(), `${v.error}: the condition is false`);
    if (v.prepared) {
      pols.push(v.prepared);
      shown.push(v.raw);
      continue;
    }
    const missing: string[] = [];
    const pieces = resolvePieces(v.template!, ctx, missing);
    if (!pieces) {
      // An unresolved variable: that value matches nothing, so a negated operator finds no match in it.
      shown.push(null);
      unresolved.push(missing[0]);
      continue;
    }
    const r = preparePieces(kind, compare, pieces);
    if (!r.ok) return emit(false, 'invalid', shown, `policy value ${r.message}: the condition is false`);
    pols.push(r.value);
    shown.push(pieces.map((p) => p.text).join(''));
  }

  const reqs: RequestValue[] = [];
  for (const s of reqList) {
    const r = parseRequestValue(kind, compare, s);
    if (typeof r === 'string')
      return emit(false, 'type-mismatch', shown, `${r}: type mismatch, the condition is false`);
    reqs.push(r);
  }

  const set = key.eq ?? (pols.length > 4 ? equalitySet(compare, pols) : undefined);
  const matchOne = set
    ? (r: RequestValue): boolean => r.kind !== 'ip' && r.kind !== 'arn' && set.has(r.value)
    : (r: RequestValue): boolean => {
        for (const p of pols) if (compareValue(compare, r, p)) return true;
        return false;
      };
  let result: boolean;
  let rule: ConditionRule = 'compare';
  if (op.qualifier === 'ForAnyValue') {
    result = reqs.some((r) => matchOne(r) !== negated);
    rule = 'for-any-value';
  } else if (op.qualifier === 'ForAllValues') {
    result = reqs.every((r) => matchOne(r) !== negated);
    rule = 'for-all-values';
  } else {
    const any = reqs.some(matchOne);
    result = negated ? !any : any;
  }
  if (unresolved.length > 0 && result === negated) {
    const vars = [...new Set(unresolved)].map((k) => `\`${k}\``).join(', ');
    return emit(
      result,
      'unresolved-variable',
      shown,
      `the variable ${vars} has no value in the request, so its value matches nothing: ${negated ? 'the negated operator is true' : 'the condition is false'}`,
    );
  }
  if (!trace.enabled) return result;
  return emit(result, rule, shown, compareNote(op, result, reqList, reqs, matchOne));
}

/** What the comparison found, for the trace: which rule held, and for `ForAllValues` the value that failed. */
function compareNote(
  op: ParsedOperator,
  result: boolean,
  reqList: string[],
  reqs: RequestValue[],
  matchOne: (r: RequestValue) => boolean,
): string {
  const negated = op.base.negated;
  const q = op.qualifier;
  if (q) {
    // The request value that decided: the first that satisfies (ForAnyValue true, ForAllValues false) or fails.
    const i = reqs.findIndex((r) => (matchOne(r) !== negated) === result);
    const value = i >= 0 ? `request value \`${reqList[i]}\`` : '';
    const matches = (m: boolean) => (m ? 'matches a policy value' : 'matches no policy value');
    if (q === 'ForAnyValue')
      return result
        ? `${value} ${matches(!negated)}: \`ForAnyValue\` is true`
        : `${negated ? 'every request value' : 'no request value'} matches a policy value: \`ForAnyValue\` is false`;
    return result
      ? `${negated ? 'no request value' : 'every request value'} matches a policy value: \`ForAllValues\` is true`
      : `${value} ${matches(negated)}: \`ForAllValues\` is false`;
  }
  const which = reqList.length === 1 ? 'the request value' : 'a request value';
  if (negated)
    return result
      ? 'no policy value matches the request: the negated operator is true'
      : `${which} matches a policy value: the negated operator is false`;
  return result ? `${which} matches a policy value` : 'no policy value matches the request';
}
