/**
 * The workbench's explain views: the engine's pure views over a decision's trace
 * (src/engine/explain.ts), so the workbench and `iamplay eval --explain` say the same thing.
 */
export {
  CONDITION_RULE_NAMES,
  FLOW_ORDER,
  conditionReason,
  explainedStatements,
  failedConditions,
  flowNodes,
  levelName,
  policyViews,
  showValue,
  steps,
} from '../../engine/explain';
export type { ConditionReason, ExplainedStatement, PolicyView, StatementView } from '../../engine/explain';
