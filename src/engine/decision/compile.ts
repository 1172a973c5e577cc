/**
 * Policies are compiled once and reused: compiled forms are cached by the policy object's identity
 * (and the id and type they were compiled under), so a world or a CLI run that evaluates thousands
 * of requests compiles each document once.
 */
import type { Policy, PolicyType } from '../model';
import { compilePolicy } from '../evaluate';
import type { CompiledPolicy } from '../evaluate';

const cache = new WeakMap<Policy, Map<string, CompiledPolicy>>();

/** The compiled form of `policy` under `policyId` and `policyType`, compiled on first use. */
export function compiled(policy: Policy, policyId: string, policyType: PolicyType): CompiledPolicy {
  let byKey = cache.get(policy);
  if (!byKey) {
    byKey = new Map();
    cache.set(policy, byKey);
  }
  const key = `${policyType}\u0000${policyId}`;
  let c = byKey.get(key);
  if (!c) {
    c = compilePolicy(policy, { policyId, policyType });
    byKey.set(key, c);
  }
  return c;
}
