/**
 * "Explain" views: pure filters over a decision's trace (OPA's tracer style), shared by the
 * workbench and `iamplay eval --explain`. The flowchart's steps; per policy, its statements with
 * their elements and conditions; and, per condition key, a reason a learner can act on: the
 * operator, the key, the policy's values, the request's value (or, in words, that it lacks the key)
 * and the rule that decided.
 */
import type { StatementRef } from './model';
import type { ConditionRule, FlowStep, TraceEvent } from './trace';

type Of<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

/** The flowchart's boxes in AWS's chart order (IAM User Guide, "Policy evaluation logic"), the decision last. */
export const FLOW_ORDER: { step: FlowStep; title: string; question: string }[] = [
  { step: 'explicit-deny', title: 'Explicit deny', question: 'Does any applicable policy have a matching Deny?' },
  {
    step: 'rcp',
    title: 'Resource control policies',
    question: 'Does every level of the resource’s organization allow it?',
  },
  {
    step: 'scp',
    title: 'Service control policies',
    question: 'Does every level of the principal’s organization allow it?',
  },
  { step: 'resource', title: 'Resource-based policy', question: 'Does the resource’s policy allow this caller?' },
  { step: 'identity', title: 'Identity-based policies', question: 'Does a policy of the user or role allow it?' },
  { step: 'boundary', title: 'Permissions boundary', question: 'Does the principal’s boundary allow it?' },
  { step: 'session', title: 'Session policy', question: 'Does the session policy allow it?' },
  { step: 'decision', title: 'Decision', question: 'What AWS answers' },
];

/** A flowchart box with the last step event that reached it (absent: not reached). */
export type FlowNode = (typeof FLOW_ORDER)[number] & { event?: Of<'step'> };

/**
 * The flowchart's boxes, always in AWS's chart order whatever order the trace took them in (one
 * order everywhere), each with the last of `events` that reached it. Stepping through the
 * evaluation passes the first events only.
 */
export function flowNodes(events: readonly Of<'step'>[]): FlowNode[] {
  return FLOW_ORDER.map((f) => {
    let event: Of<'step'> | undefined;
    for (const e of events) if (e.step === f.step) event = e;
    return event ? { ...f, event } : { ...f };
  });
}

export function steps(trace: TraceEvent[]): Of<'step'>[] {
  return trace.filter((e): e is Of<'step'> => e.kind === 'step');
}

export interface StatementView {
  event: Of<'statement'>;
  elements: Of<'element'>[];
  conditions: Of<'condition'>[];
  /** True when the statement is one of the decision's deciding statements. */
  deciding: boolean;
}

export interface PolicyView {
  event: Of<'policy'>;
  statements: StatementView[];
}

function sameRef(a: StatementRef, b: StatementRef): boolean {
  return a.policyId === b.policyId && a.statementIndex === b.statementIndex && a.policyType === b.policyType;
}

/**
 * Policies in evaluation order, each with its statements and their element and condition events.
 * `deciding` (the decision's deciding statements) marks the statements that decided.
 */
export function policyViews(trace: TraceEvent[], deciding: StatementRef[] = []): PolicyView[] {
  const byId = new Map<number, TraceEvent>();
  for (const e of trace) byId.set(e.id, e);
  const policies = new Map<number, PolicyView>();
  const statements = new Map<number, StatementView>();
  const out: PolicyView[] = [];
  for (const e of trace) {
    if (e.kind === 'policy') {
      const v: PolicyView = { event: e, statements: [] };
      policies.set(e.id, v);
      out.push(v);
    } else if (e.kind === 'statement') {
      const v: StatementView = {
        event: e,
        elements: [],
        conditions: [],
        deciding: deciding.some((d) => sameRef(d, e.ref)),
      };
      statements.set(e.id, v);
      const p = e.parent !== undefined ? policies.get(e.parent) : undefined;
      if (p) p.statements.push(v);
    } else if (e.kind === 'element' || e.kind === 'condition') {
      // Conditions may hang under an operator or key event: walk up to the statement.
      let id = e.parent;
      let s: StatementView | undefined;
      for (let hops = 0; id !== undefined && hops < 8 && !s; hops++) {
        s = statements.get(id);
        id = byId.get(id)?.parent;
      }
      if (!s) continue;
      if (e.kind === 'element') s.elements.push(e);
      else s.conditions.push(e);
    }
  }
  return out;
}

/** What a request without the key has, in words. */
export const ABSENT = 'the request does not have this key';

/** A condition value for display (a key the request lacks is said in words). */
export function showValue(v: string | string[] | null): string {
  if (v === null) return ABSENT;
  if (Array.isArray(v)) return v.length === 0 ? '[] (empty)' : `[${v.join(', ')}]`;
  return v;
}

/** The rule's name as a learner reads it. */
export const CONDITION_RULE_NAMES: Record<ConditionRule, string> = {
  compare: 'value comparison',
  'if-exists': 'IfExists',
  'missing-key': 'the missing-key rule',
  null: 'the Null operator',
  'for-any-value': 'the ForAnyValue set operator',
  'for-all-values': 'the ForAllValues set operator',
  'unresolved-variable': 'an unresolved policy variable',
  'type-mismatch': 'a type mismatch',
  invalid: 'an invalid operator or policy value',
};

/** One condition key's outcome, with everything a learner needs to act on it. */
export interface ConditionReason {
  operator: string;
  key: string;
  /** The policy's values after substitution; `null` for a value whose variable had no value. */
  policyValues: (string | null)[];
  /** The request's value as shown: `the request does not have this key` when it is absent. */
  requestValue: string;
  /** True when the request does not have the key. */
  absent: boolean;
  result: boolean;
  rule: ConditionRule;
  /** One sentence: operator, key, values, and the rule that decided. */
  text: string;
}

/** The reason for one condition event. */
export function conditionReason(e: Of<'condition'>): ConditionReason {
  const rule: ConditionRule = e.rule ?? (e.requestValue === null ? 'missing-key' : 'compare');
  const policy = e.policyValues.map((v) => (v === null ? '(unresolved variable)' : `\`${v}\``)).join(', ');
  const request = e.requestValue === null ? 'does not have this key' : `has \`${showValue(e.requestValue)}\``;
  const how = e.note ?? (e.result ? 'it holds' : 'it does not hold');
  return {
    operator: e.operator,
    key: e.key,
    policyValues: e.policyValues,
    requestValue: showValue(e.requestValue),
    absent: e.requestValue === null,
    result: e.result,
    rule,
    text: `\`${e.operator}\` on \`${e.key}\` ${e.result ? 'holds' : 'fails'} by ${CONDITION_RULE_NAMES[rule]}: the policy has ${policy || 'no value'}, the request ${request}; ${how}`,
  };
}

/** The conditions of a statement that failed, with their reasons (empty when the statement's conditions held). */
export function failedConditions(view: StatementView): ConditionReason[] {
  return view.conditions.filter((c) => !c.result).map(conditionReason);
}

/** The name of an SCP or RCP level as the trace carries it (`root`, the OU's name, `account`), or undefined. */
export function levelName(e: Of<'policy'>): string | undefined {
  if (e.levelName !== undefined) return e.levelName;
  return e.level === undefined ? undefined : `level ${Number(e.level) + 1}`;
}

/** One statement as `iamplay eval --explain` lists it. */
export interface ExplainedStatement {
  policy: string;
  statement: number;
  sid?: string;
  effect: string;
  /** True for every statement that matched, and for every statement that decided. */
  matched: boolean;
  /** True when the statement decided. */
  deciding?: boolean;
  failedOn?: string;
  /** For SCPs and RCPs: the level's name. */
  level?: string;
  /** For a statement that a condition stopped: each condition key that failed, and why. */
  conditions?: ConditionReason[];
}

/** The statements of a decision's trace, in evaluation order, as the CLI lists them. */
export function explainedStatements(trace: TraceEvent[], deciding: StatementRef[]): ExplainedStatement[] {
  const out: ExplainedStatement[] = [];
  for (const p of policyViews(trace, deciding)) {
    const level = levelName(p.event);
    for (const s of p.statements) {
      const e = s.event;
      const item: ExplainedStatement = {
        policy: e.ref.policyId,
        statement: e.ref.statementIndex,
        effect: e.effect,
        matched: e.matched || s.deciding,
      };
      if (e.ref.sid !== undefined) item.sid = e.ref.sid;
      if (s.deciding) item.deciding = true;
      if (e.failedOn && !item.matched) item.failedOn = e.failedOn;
      if (level !== undefined) item.level = level;
      if (!item.matched && e.failedOn === 'condition') item.conditions = failedConditions(s);
      out.push(item);
    }
  }
  return out;
}
