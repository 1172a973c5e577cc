export type * from './types';
export type { FlowInfo } from './catalog-types';
export { FLOW_INFOS } from './catalog';
export { FLOWS, flowById } from './registry';
export { runFlow, FlowRunError, MAX_STEPS } from './runner';
export type { RunInput, RunResult } from './runner';
