/**
 * Pure views over a decision's trace: the flowchart's steps and, per policy, its statements with
 * their elements and conditions. "Explain" views are filters over the flat event list.
 */
import type { FlowStep, TraceEvent } from '../../engine/trace';

type Of<K extends TraceEvent['kind']> = Extract<TraceEvent, { kind: K }>;

export const FLOW_ORDER: { step: FlowStep; title: string; question: string }[] = [
  { step: 'explicit-deny', title: 'Explicit deny', question: 'Does any applicable policy have a matching Deny?' },
  {
    step: 'scp',
    title: 'Service control policies',
    question: 'Does every level of the principal’s organization allow it?',
  },
  {
    step: 'rcp',
    title: 'Resource control policies',
    question: 'Does every level of the resource’s organization allow it?',
  },
  { step: 'resource', title: 'Resource-based policy', question: 'Does the resource’s policy allow this caller?' },
  { step: 'boundary', title: 'Permissions boundary', question: 'Does the principal’s boundary allow it?' },
  { step: 'session', title: 'Session policy', question: 'Does the session policy allow it?' },
  { step: 'identity', title: 'Identity-based policies', question: 'Does a policy of the user or role allow it?' },
  { step: 'decision', title: 'Decision', question: 'What AWS answers' },
];

/**
 * The flowchart's boxes in the order the engine took them (its trace follows AWS's evaluation
 * order), then the boxes it never reached in the flowchart's usual order, and the decision last.
 */
export function flowNodes(events: Of<'step'>[]): (typeof FLOW_ORDER)[number][] {
  const seen: FlowStep[] = [];
  for (const e of events) if (e.step !== 'decision' && !seen.includes(e.step)) seen.push(e.step);
  for (const f of FLOW_ORDER) if (f.step !== 'decision' && !seen.includes(f.step)) seen.push(f.step);
  seen.push('decision');
  return seen.map((step) => FLOW_ORDER.find((f) => f.step === step)!);
}

export function steps(trace: TraceEvent[]): Of<'step'>[] {
  return trace.filter((e): e is Of<'step'> => e.kind === 'step');
}

export interface StatementView {
  event: Of<'statement'>;
  elements: Of<'element'>[];
  conditions: Of<'condition'>[];
}

export interface PolicyView {
  event: Of<'policy'>;
  statements: StatementView[];
}

/** Policies in evaluation order, each with its statements and their element and condition events. */
export function policyViews(trace: TraceEvent[]): PolicyView[] {
  const policies = new Map<number, PolicyView>();
  const statements = new Map<number, StatementView>();
  const out: PolicyView[] = [];
  for (const e of trace) {
    if (e.kind === 'policy') {
      const v: PolicyView = { event: e, statements: [] };
      policies.set(e.id, v);
      out.push(v);
    } else if (e.kind === 'statement') {
      const v: StatementView = { event: e, elements: [], conditions: [] };
      statements.set(e.id, v);
      const p = e.parent !== undefined ? policies.get(e.parent) : undefined;
      if (p) p.statements.push(v);
    } else if (e.kind === 'element' || e.kind === 'condition') {
      const s = findStatement(e.parent, trace, statements);
      if (!s) continue;
      if (e.kind === 'element') s.elements.push(e);
      else s.conditions.push(e);
    }
  }
  return out;
}

/** The statement an element or condition belongs to (conditions may hang under an operator or key event). */
function findStatement(
  parent: number | undefined,
  trace: TraceEvent[],
  statements: Map<number, StatementView>,
): StatementView | undefined {
  let id = parent;
  for (let hops = 0; id !== undefined && hops < 8; hops++) {
    const s = statements.get(id);
    if (s) return s;
    id = trace.find((e) => e.id === id)?.parent;
  }
  return undefined;
}

/** A condition value for display. */
export function showValue(v: string | string[] | null): string {
  if (v === null) return 'absent';
  if (Array.isArray(v)) return v.length === 0 ? '[] (empty)' : `[${v.join(', ')}]`;
  return v;
}
