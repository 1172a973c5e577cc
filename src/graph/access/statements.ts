/**
 * The statement index of the access relation: for a compiled statement (the engine's own, so
 * matching is the engine's), which actions of a resource type it names (a mask, once per
 * statement and type), which resources of the type its `Resource`/`NotResource` covers (a bitset,
 * once per pattern and type; patterns with variables once per substituted text), and what its
 * condition depends on (nothing, the principal only, open keys, or the resource).
 */
import type { CompiledStatement } from '../../engine/evaluate/compile';
import type { CompiledResources } from '../../engine/evaluate/resource';
import type { Context } from '../../engine/evaluate/types';
import type { Statement } from '../../engine/model';
import { matchActions } from '../../engine/evaluate/action';
import { foldCase } from '../../engine/evaluate/fold-case';
import { resolvePieces } from '../../engine/evaluate/variables';
import { compilePieces } from '../../engine/evaluate/wildcard';
import type { PatternPiece, WildcardMatcher } from '../../engine/evaluate/wildcard';
import type { PrincipalKind } from '../types';
import type { Bits } from './bitset';
import { lowerBound, not, ones, orInto, set, zeros } from './bitset';
import { isDecided } from './conditions';
import type { KeyRules } from './conditions';

/** The resources of one type, sorted by ARN, and its actions. */
export interface TypeGroup {
  type: string;
  /** Global positions (in the relation's sorted resource list), ascending. */
  global: number[];
  arns: string[];
  /** The actions of the type, folded for matching. */
  folded: string[];
  /** Pattern text → bitset (patterns without variables, and substituted texts). */
  patterns: Map<string, Bits>;
}

/** Keys the resource decides (its tags, account, organization): a condition reading one is decided per cell. */
export function isResourceKey(lower: string): boolean {
  return (
    lower === 'aws:resourceaccount' ||
    lower === 'aws:resourceorgid' ||
    lower === 'aws:resourceorgpaths' ||
    lower.startsWith('aws:resourcetag/')
  );
}

/** What a condition depends on: `none`, the principal only, open keys (and the principal), or the resource (per cell). */
export type ConditionDependence = 'none' | 'principal' | 'open' | 'cell';

const VAR = /\$\{([^}]*)\}/g;

function keysOfText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(VAR)) {
    const k = m[1].split(',')[0].trim().toLowerCase();
    if (k !== '*' && k !== '?' && k !== '$') out.push(k);
  }
  return out;
}

function dependence(keys: string[], kind: PrincipalKind, rules: KeyRules): ConditionDependence {
  let out: ConditionDependence = 'principal';
  for (const k of keys) {
    if (isResourceKey(k)) return 'cell';
    if (!isDecided(k, kind, rules)) out = 'open';
  }
  return out;
}

/** What a statement's condition depends on, for a principal of this kind (keys and the variables in its values). */
export function conditionDependence(st: Statement, kind: PrincipalKind, rules: KeyRules): ConditionDependence {
  if (!st.condition || st.condition.length === 0) return 'none';
  const keys: string[] = [];
  for (const op of st.condition)
    for (const k of op.keys) {
      keys.push(k.key.value.toLowerCase());
      for (const v of k.values) if (v.value.includes('${')) keys.push(...keysOfText(v.value));
    }
  return dependence(keys, kind, rules);
}

/** What a statement's `Resource`/`NotResource` variables depend on: `none`, the principal, or more (per cell). */
export function resourceDependence(cs: CompiledStatement, kind: PrincipalKind, rules: KeyRules): ConditionDependence {
  const r = cs.resource?.compiled ?? cs.notResource?.compiled;
  if (!r) return 'none';
  const keys: string[] = [];
  for (const item of r.items) if (item.template) keys.push(...keysOfText(item.raw));
  if (keys.length === 0) return 'none';
  const d = dependence(keys, kind, rules);
  return d === 'principal' ? 'principal' : 'cell';
}

const masks = new WeakMap<CompiledStatement, Map<string, Uint8Array>>();

/** Which actions of the type the statement's `Action`/`NotAction` covers (1 per covered action). */
export function actionMask(cs: CompiledStatement, group: TypeGroup): Uint8Array {
  let byType = masks.get(cs);
  if (!byType) masks.set(cs, (byType = new Map()));
  let m = byType.get(group.type);
  if (m) return m;
  m = new Uint8Array(group.folded.length);
  if (cs.effect !== 'invalid') {
    if (cs.action) {
      const c = cs.action.compiled;
      group.folded.forEach((a, i) => {
        if (matchActions(c, a) >= 0) m![i] = 1;
      });
    } else if (cs.notAction) {
      const c = cs.notAction.compiled;
      group.folded.forEach((a, i) => {
        if (matchActions(c, a) < 0) m![i] = 1;
      });
    }
  }
  byType.set(group.type, m);
  return m;
}

export function foldedActions(actions: readonly { action: string }[]): string[] {
  return actions.map((a) => foldCase(a.action));
}

/** The literal text a pattern starts with (up to its first wildcard): the sorted ARNs it can match share it. */
function literalPrefix(pieces: PatternPiece[]): string {
  let out = '';
  for (const p of pieces) {
    if (!p.glob) {
      out += p.text;
      continue;
    }
    const i = p.text.search(/[*?]/);
    if (i >= 0) return out + p.text.slice(0, i);
    out += p.text;
  }
  return out;
}

function patternBits(group: TypeGroup, key: string, pieces: PatternPiece[], matcher?: WildcardMatcher): Bits {
  let b = group.patterns.get(key);
  if (b) return b;
  const n = group.arns.length;
  const m = matcher ?? compilePieces(pieces, false);
  if (m.matchesAll) b = ones(n);
  else {
    b = zeros(n);
    const prefix = literalPrefix(pieces);
    for (let i = lowerBound(group.arns, prefix); i < n; i++) {
      const arn = group.arns[i];
      if (!arn.startsWith(prefix)) break;
      if (m.test(arn)) set(b, i);
    }
  }
  group.patterns.set(key, b);
  return b;
}

function listBits(r: CompiledResources, group: TypeGroup, ctx: Context): Bits {
  const n = group.arns.length;
  if (r.matchesAll) return ones(n);
  const out = zeros(n);
  for (const item of r.items) {
    if (item.matcher) {
      orInto(out, patternBits(group, `g\u0000${item.raw}`, [{ text: item.raw, glob: true }], item.matcher));
      continue;
    }
    const pieces = resolvePieces(item.template!, ctx);
    if (!pieces) continue;
    const key = `t\u0000${pieces.map((p) => `${p.glob ? 'g' : 'l'}${p.text}`).join('\u0001')}`;
    orInto(out, patternBits(group, key, pieces));
  }
  return out;
}

const fixedBits = new WeakMap<CompiledStatement, Map<string, Bits>>();

/**
 * The resources of the type the statement's `Resource`/`NotResource` covers, with its variables
 * substituted from `ctx` (a principal's context). Statements without variables are cached.
 */
export function resourceBits(cs: CompiledStatement, group: TypeGroup, ctx: Context, variables: boolean): Bits {
  const n = group.arns.length;
  if (!variables) {
    let byType = fixedBits.get(cs);
    if (!byType) fixedBits.set(cs, (byType = new Map()));
    const b = byType.get(group.type);
    if (b) return b;
    const fresh = computeBits(cs, group, ctx, n);
    byType.set(group.type, fresh);
    return fresh;
  }
  return computeBits(cs, group, ctx, n);
}

function computeBits(cs: CompiledStatement, group: TypeGroup, ctx: Context, n: number): Bits {
  if (cs.resource) return listBits(cs.resource.compiled, group, ctx);
  if (cs.notResource) return not(listBits(cs.notResource.compiled, group, ctx), n);
  return zeros(n);
}
