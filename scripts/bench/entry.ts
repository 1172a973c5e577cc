// The engine entry the bench bundles (with `vite build --ssr`) and imports in plain Node.
export { parsePolicyValue } from '../../src/engine/parse';
export { compilePolicy, compileWildcard } from '../../src/engine/evaluate';
export { evaluate } from '../../src/engine/authorize';
export { parseCaller } from '../../src/engine/caller';
export { buildContext } from '../../src/engine/context';
export { ManagedPolicyData } from '../../src/catalog/managed-policies';
export { ManagedPolicyLibrary } from '../../src/workbench/library';
