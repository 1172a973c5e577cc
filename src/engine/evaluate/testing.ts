/** Helpers for the evaluator's unit tests: build a request and evaluate one policy given as a JSON value. */
import type { ContextValue, PolicyType } from '../model';
import { parsePolicyValue } from '../parse';
import { TraceBuilder } from '../trace';
import { compilePolicy } from './compile';
import type { CompiledPolicy } from './compile';
import { evaluatePolicy } from './evaluate-policy';
import type { Caller, EvalRequest, StatementOutcome } from './types';
import { makeContext } from './types';

export const ALICE: Caller = { kind: 'user', arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333' };

export function request(
  action: string,
  resource: string,
  context: Record<string, ContextValue> = {},
  caller: Caller = ALICE,
): EvalRequest {
  return { caller, action, resource, context: makeContext(context) };
}

export function compileValue(doc: unknown, policyType: PolicyType = 'identity'): CompiledPolicy {
  const parsed = parsePolicyValue(doc);
  if (!parsed.policy || parsed.findings.length)
    throw new Error(`test policy does not parse: ${JSON.stringify(parsed.findings)}`);
  return compilePolicy(parsed.policy, { policyId: 'test', policyType });
}

export function run(
  doc: unknown,
  req: EvalRequest,
  policyType: PolicyType = 'identity',
  traced = false,
): { outcomes: StatementOutcome[]; trace: TraceBuilder } {
  const trace = new TraceBuilder(traced);
  return { outcomes: evaluatePolicy(compileValue(doc, policyType), req, trace), trace };
}

/** Does the single statement of a 2012-10-17 policy with the given condition apply? */
export function conditionHolds(
  condition: unknown,
  context: Record<string, ContextValue>,
  version = '2012-10-17',
): boolean {
  const doc = { Version: version, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }] };
  return run(doc, request('s3:GetObject', 'arn:aws:s3:::b/k', context)).outcomes[0].matched;
}

/** Does a statement with the given elements apply (Effect Allow unless given)? */
export function statementMatches(
  statement: Record<string, unknown>,
  req: EvalRequest,
  policyType: PolicyType = 'identity',
  version = '2012-10-17',
): boolean {
  const doc = { ...(version ? { Version: version } : {}), Statement: [{ Effect: 'Allow', ...statement }] };
  return run(doc, req, policyType).outcomes[0].matched;
}
