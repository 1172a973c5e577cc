import { describe, it, expect } from 'vitest';
import type { TraceEvent } from '../../engine/trace';
import { FLOW_ORDER, flowNodes, policyViews, showValue, steps, conditionReason } from './explain';

const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
const ref = { policyId: 'd1', policyType: 'identity' as const, statementIndex: 0, range };
const ref2 = { ...ref, statementIndex: 1 };

const trace: TraceEvent[] = [
  { id: 1, kind: 'request', principal: 'p', action: 's3:GetObject', resource: 'r', context: {} },
  { id: 2, kind: 'policy', policyId: 'd1', policyType: 'identity' },
  { id: 3, parent: 2, kind: 'statement', ref, effect: 'Allow', matched: true },
  { id: 4, parent: 3, kind: 'element', element: 'action', matched: true, matchedValue: 's3:Get*', range },
  { id: 5, parent: 3, kind: 'element', element: 'resource', matched: true, matchedValue: '*', range },
  { id: 6, parent: 2, kind: 'statement', ref: ref2, effect: 'Deny', matched: false, failedOn: 'condition' },
  {
    id: 7,
    parent: 6,
    kind: 'condition',
    operator: 'StringNotEquals',
    key: 'aws:PrincipalTag/team',
    requestValue: null,
    policyValues: ['web'],
    result: false,
    range,
  },
  { id: 8, kind: 'step', step: 'explicit-deny', outcome: 'continue', note: 'no deny' },
  { id: 9, kind: 'step', step: 'decision', outcome: 'allow', note: 'Allow' },
];

describe('the workbench explain views over the trace', () => {
  it('lists the flowchart steps in emission order, without the other events', () => {
    expect(steps(trace).map((s) => [s.id, s.step, s.outcome])).toEqual([
      [8, 'explicit-deny', 'continue'],
      [9, 'decision', 'allow'],
    ]);
  });

  it('groups each statement with its own elements and conditions, and marks the deciding one', () => {
    const v = policyViews(trace, [ref]);
    expect(
      v.map((p) => [
        p.event.policyId,
        p.statements.map((s) => [s.event.id, s.deciding, s.elements.map((e) => e.id), s.conditions.map((c) => c.id)]),
      ]),
    ).toEqual([
      [
        'd1',
        [
          [3, true, [4, 5], []],
          [6, false, [], [7]],
        ],
      ],
    ]);
  });

  it('says in words that the request lacks a key, even without a rule in an old trace', () => {
    const c = trace[6] as Extract<TraceEvent, { kind: 'condition' }>;
    expect([conditionReason(c).rule, conditionReason(c).requestValue, conditionReason(c).absent]).toEqual([
      'missing-key',
      'the request does not have this key',
      true,
    ]);
    expect(showValue(null)).toBe('the request does not have this key');
    expect(showValue([])).toBe('[] (empty)');
    expect(showValue(['a', 'b'])).toBe('[a, b]');
    expect(showValue('x')).toBe('x');
  });

  it('orders the boxes as AWS’s chart does, whatever order the trace took them in, the decision last', () => {
    const step = (id: number, s: string, outcome = 'continue') =>
      ({ id, kind: 'step', step: s, outcome, note: '' }) as Extract<TraceEvent, { kind: 'step' }>;
    const nodes = flowNodes([step(1, 'explicit-deny'), step(2, 'scp'), step(3, 'rcp'), step(4, 'identity', 'allow')]);
    expect(nodes.map((n) => [n.step, n.event?.id ?? 0])).toEqual([
      ['explicit-deny', 1],
      ['rcp', 3],
      ['scp', 2],
      ['resource', 0],
      ['identity', 4],
      ['boundary', 0],
      ['session', 0],
      ['decision', 0],
    ]);
    expect(flowNodes([]).map((n) => n.step)).toEqual(FLOW_ORDER.map((f) => f.step));
    expect(flowNodes([]).map((n) => n.title)[0]).toBe('Explicit deny');
  });
});
