// The layout entry `scripts/bench/graph-layout.mjs` bundles (with `vite build --ssr`) and imports in plain Node.
export { layered } from '../../src/graph/layout/layered';
export { force } from '../../src/graph/layout/force';
export { bundle } from '../../src/graph/layout/bundle';
export { collapse } from '../../src/graph/layout/collapse';
