// The flows entry `scripts/bench/flows.mjs` bundles (with `vite build --ssr`) and imports in plain Node.
export { FLOWS } from '../../src/flows/registry';
export { runFlow } from '../../src/flows/runner';
export { defaultWorld } from '../../src/world/default-world';
export { managedPolicyLookup } from '../../src/world/managed';
export { loadManagedPolicies } from '../../src/catalog';
