/**
 * The evaluation trace: a flat list of typed events with parent ids (OPA's tracer style).
 * "Explain" views are pure filters over the list; the UI replays it on AWS's flowchart.
 * Events are plain data (they cross the worker boundary).
 */
import type { Range } from './diagnostics';
import type { PolicyType, StatementRef } from './model';

interface Base {
  /** Unique within one trace, increasing in emission order. */
  id: number;
  /** The enclosing event (a policy for a statement, a statement for an element, …). */
  parent?: number;
}

/** A step of AWS's evaluation flowchart (IAM User Guide, "Policy evaluation logic"). */
export type FlowStep = 'explicit-deny' | 'scp' | 'rcp' | 'resource' | 'boundary' | 'session' | 'identity' | 'decision';

/**
 * The rule that decided a condition key: a comparison of the values (`compare`), `…IfExists` on an
 * absent key, the missing-key rule (positive false, negated true), `Null`, a set operator, an
 * unresolved policy variable, a value that does not parse for the operator (`type-mismatch` for the
 * request's, `invalid` for the policy's or the operator's).
 */
export type ConditionRule =
  | 'compare'
  | 'if-exists'
  | 'missing-key'
  | 'null'
  | 'for-any-value'
  | 'for-all-values'
  | 'unresolved-variable'
  | 'type-mismatch'
  | 'invalid';

export type TraceEvent =
  | (Base & {
      kind: 'request';
      principal: string;
      action: string;
      resource: string;
      context: Record<string, string | string[]>;
    })
  | (Base & {
      kind: 'step';
      step: FlowStep;
      outcome: 'allow' | 'deny' | 'implicit-deny' | 'not-applicable' | 'continue';
      note: string;
    })
  | (Base & {
      kind: 'policy';
      policyId: string;
      policyType: PolicyType;
      /** For SCPs and RCPs: the level of the organization path, 0-based from the root (as text). */
      level?: string;
      /** For SCPs and RCPs: the level's name (`root`, the OU's name, `account` by default). */
      levelName?: string;
    })
  | (Base & {
      kind: 'statement';
      ref: StatementRef;
      effect: 'Allow' | 'Deny' | 'invalid';
      /** True when every element (action, resource, principal, condition) matched. */
      matched: boolean;
      /** The first element that failed, when not matched. */
      failedOn?:
        'effect' | 'action' | 'notAction' | 'resource' | 'notResource' | 'principal' | 'notPrincipal' | 'condition';
    })
  | (Base & {
      kind: 'element';
      element: 'action' | 'notAction' | 'resource' | 'notResource' | 'principal' | 'notPrincipal';
      matched: boolean;
      /** The value in the policy that matched, if any (after variable substitution). */
      matchedValue?: string;
      range: Range;
      note?: string;
    })
  | (Base & {
      kind: 'condition';
      operator: string;
      key: string;
      /** The request's value(s) for the key; `null` when the key is absent from the request. */
      requestValue: string | string[] | null;
      /** The policy values after variable substitution (`null` for a value whose variable was missing). */
      policyValues: (string | null)[];
      result: boolean;
      /** Which rule decided the key (absent for old traces). */
      rule?: ConditionRule;
      range: Range;
      note?: string;
    })
  | (Base & { kind: 'error'; message: string; range?: Range });

export type TraceKind = TraceEvent['kind'];

/** Collects events and hands out ids. */
export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private next = 1;
  constructor(readonly enabled = true) {}
  /** Adds an event and returns its id (0 when tracing is off). */
  add(event: DistributiveOmit<TraceEvent, 'id'>): number {
    if (!this.enabled) return 0;
    const id = this.next++;
    this.events.push({ ...event, id } as TraceEvent);
    return id;
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
