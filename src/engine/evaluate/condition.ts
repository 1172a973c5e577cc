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
 * - A policy variable that cannot be resolved makes that policy value match nothing; for a negated
 *   operator it makes the key false (the guide: an unresolved variable may make the whole statement
 *   invalid, so it never widens what a statement applies to by accident).
 */
import type { Range } from '../diagnostics';
import type { ConditionOperatorEntry } from '../model';
import type { TraceBuilder } from '../trace';
import type { Prepared, RequestValue } from './condition-values';
import { compareValue, parseRequestValue, preparePieces } from './condition-values';
import type { ParsedOperator } from './operators';
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
  const reqList: string[] = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  const present = reqList.length > 0;
  const emit = (result: boolean, policyValues: (string | null)[], note?: string): boolean => {
    if (trace.enabled) {
      const ev: Parameters<TraceBuilder['add']>[0] = {
        kind: 'condition',
        parent,
        operator: written,
        key: key.key,
        requestValue: raw === undefined ? null : raw,
        policyValues,
        result,
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
      rawValues(),
      notes.length ? notes.join('; ') : present ? 'the key is present' : 'the key is absent',
    );
  }

  if (!present) {
    if (op.qualifier === 'ForAnyValue')
      return emit(false, rawValues(), 'the key is absent or empty: `ForAnyValue` is false');
    if (op.qualifier === 'ForAllValues')
      return emit(true, rawValues(), 'the key is absent or empty: `ForAllValues` is true');
    if (op.ifExists) return emit(true, rawValues(), 'the key is absent: `IfExists` is true');
    if (negated) return emit(true, rawValues(), 'the key is absent: a negated operator is true');
    return emit(false, rawValues(), 'the key is absent from the request');
  }

  // Policy values for this request.
  const pols: Prepared[] = [];
  const shown: (string | null)[] = [];
  for (const v of key.values) {
    if (v.error) return emit(false, rawValues(), `${v.error}: the condition is false`);
    if (v.prepared) {
      pols.push(v.prepared);
      shown.push(v.raw);
      continue;
    }
    const missing: string[] = [];
    const pieces = resolvePieces(v.template!, ctx, missing);
    if (!pieces) {
      shown.push(null);
      if (negated)
        return emit(false, shown, `variable \`${missing[0]}\` has no value in the request: the condition is false`);
      continue;
    }
    const r = preparePieces(kind, compare, pieces);
    if (!r.ok) return emit(false, shown, `policy value ${r.message}: the condition is false`);
    pols.push(r.value);
    shown.push(pieces.map((p) => p.text).join(''));
  }

  const reqs: RequestValue[] = [];
  for (const s of reqList) {
    const r = parseRequestValue(kind, compare, s);
    if (typeof r === 'string') return emit(false, shown, `${r}: type mismatch, the condition is false`);
    reqs.push(r);
  }

  const matchOne = (r: RequestValue): boolean => {
    for (const p of pols) if (compareValue(compare, r, p)) return true;
    return false;
  };
  let result: boolean;
  if (op.qualifier === 'ForAnyValue') result = reqs.some((r) => matchOne(r) !== negated);
  else if (op.qualifier === 'ForAllValues') result = reqs.every((r) => matchOne(r) !== negated);
  else {
    const any = reqs.some(matchOne);
    result = negated ? !any : any;
  }
  return emit(result, shown);
}
