/** Which statement a JSON path points into, and the path inside it. */
import type { JSONPath } from 'jsonc-parser';
import type { Policy, Statement } from '../engine/model';

export interface StatementPath {
  statement?: Statement;
  /** The path inside the statement, e.g. ['Condition', 'StringLike']. */
  rest: JSONPath;
}

/** Undefined when the path is not inside a statement. `['Statement']` alone is the list, not a statement. */
export function statementAt(policy: Policy | undefined, path: JSONPath): StatementPath | undefined {
  if (path[0] !== 'Statement') return undefined;
  if (typeof path[1] === 'number') {
    return { statement: policy?.statements.find((s) => s.index === path[1]), rest: path.slice(2) };
  }
  if (policy?.singleStatement) return { statement: policy.statements[0], rest: path.slice(1) };
  return undefined;
}
