export { layered, layeredRanks } from './layered';
export type { LayeredOptions } from './layered';
export { force } from './force';
export type { ForceOptions } from './force';
export { collapse, expand, clusterOf } from './collapse';
export type {
  ClusterNode,
  Collapsed,
  CollapseBy,
  CollapsibleEdge,
  CollapsibleGraph,
  CollapsibleNode,
  MergedEdge,
} from './collapse';
export { bundle } from './bundle';
export type { BundledEdge, BundleInput, BundleLevel } from './bundle';
export { pathsFrom, pathsTo } from './paths';
export type { PathGraph } from './paths';
export { DEFAULT_HEIGHT, DEFAULT_WIDTH } from './shapes';
export type { LayoutInputEdge, LayoutInputNode } from './shapes';
export { accessGraph, escalationGraph, labelWidth } from './from-graph';
export type { DrawnNode, DrawnStep } from './from-graph';
export { layoutOf, MAX_LAYOUT_EDGES, MAX_LAYOUT_NODES } from './request';
export type { LayoutAsk } from './request';
