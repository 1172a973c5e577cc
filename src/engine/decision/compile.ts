/**
 * Policies are compiled once and reused: the compiled form is kept on the policy object itself
 * (under a symbol, so it never shows in JSON, structured clones or `Object.keys`), with the id and
 * type it was compiled under. A world or a CLI run that evaluates thousands of requests compiles
 * each document once, and a short-lived policy takes its compiled form with it when it goes:
 * there is no module-level table holding either alive.
 */
import type { Policy, PolicyType } from '../model';
import { compilePolicy } from '../evaluate';
import type { CompiledPolicy } from '../evaluate';

const COMPILED = Symbol('iamplay.compiled');

interface Slot {
  type: PolicyType;
  id: string;
  compiled: CompiledPolicy;
  /** Further forms of the same policy under other ids or types (rare: a document listed twice). */
  more?: Map<string, CompiledPolicy>;
}

type WithSlot = Policy & { [COMPILED]?: Slot };

/** Only for policies that cannot carry the slot (frozen objects, some proxies). */
const unmarkable = new WeakMap<Policy, Slot>();

/** The compiled form of `policy` under `policyId` and `policyType`, compiled on first use. */
export function compiled(policy: Policy, policyId: string, policyType: PolicyType): CompiledPolicy {
  const p = policy as WithSlot;
  const slot = p[COMPILED];
  if (slot === undefined) {
    const kept = unmarkable.get(policy);
    if (kept && kept.type === policyType && kept.id === policyId) return kept.compiled;
    const c = compilePolicy(policy, { policyId, policyType });
    const fresh: Slot = { type: policyType, id: policyId, compiled: c };
    try {
      Object.defineProperty(p, COMPILED, { value: fresh, enumerable: false, writable: true, configurable: true });
    } catch {
      // A frozen policy, or a proxy that refuses hidden properties: remember it on the side.
      unmarkable.set(policy, fresh);
    }
    return c;
  }
  if (slot.type === policyType && slot.id === policyId) return slot.compiled;
  const key = `${policyType}\u0000${policyId}`;
  let c = slot.more?.get(key);
  if (!c) {
    c = compilePolicy(policy, { policyId, policyType });
    slot.more ??= new Map();
    if (slot.more.size >= 64) slot.more.clear();
    slot.more.set(key, c);
  }
  return c;
}
