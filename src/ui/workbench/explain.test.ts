import { describe, it, expect } from 'vitest';
import type { TraceEvent } from '../../engine/trace';
import { flowNodes, policyViews, showValue, steps, FLOW_ORDER } from './explain';

const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } };
const ref = { policyId: 'd1', policyType: 'identity' as const, statementIndex: 0, range };

const trace: TraceEvent[] = [
  { id: 1, kind: 'request', principal: 'p', action: 's3:GetObject', resource: 'r', context: {} },
  { id: 2, kind: 'policy', policyId: 'd1', policyType: 'identity' },
  { id: 3, parent: 2, kind: 'statement', ref, effect: 'Allow', matched: true },
  { id: 4, parent: 3, kind: 'element', element: 'action', matched: true, matchedValue: 's3:Get*', range },
  {
    id: 5,
    parent: 3,
    kind: 'condition',
    operator: 'IpAddress',
    key: 'aws:SourceIp',
    requestValue: '10.0.0.1',
    policyValues: ['10.0.0.0/8'],
    result: true,
    range,
  },
  { id: 6, kind: 'step', step: 'explicit-deny', outcome: 'continue', note: 'no deny' },
  { id: 7, kind: 'step', step: 'decision', outcome: 'allow', note: 'Allow' },
];

describe('explain views over the trace', () => {
  it('lists the flowchart steps in emission order', () => {
    expect(steps(trace).map((s) => [s.step, s.outcome])).toEqual([
      ['explicit-deny', 'continue'],
      ['decision', 'allow'],
    ]);
  });

  it('groups statements under policies with their elements and conditions', () => {
    const v = policyViews(trace);
    expect(v.length).toBe(1);
    expect(v[0].event.policyId).toBe('d1');
    expect(v[0].statements.length).toBe(1);
    expect(v[0].statements[0].elements.map((e) => e.matchedValue)).toEqual(['s3:Get*']);
    expect(v[0].statements[0].conditions.map((c) => c.key)).toEqual(['aws:SourceIp']);
  });

  it('shows absent, empty and list values plainly', () => {
    expect(showValue(null)).toBe('absent');
    expect(showValue([])).toBe('[] (empty)');
    expect(showValue(['a', 'b'])).toBe('[a, b]');
    expect(showValue('x')).toBe('x');
  });

  it('draws the flowchart in AWS order', () => {
    expect(FLOW_ORDER.map((f) => f.step)).toEqual([
      'explicit-deny',
      'scp',
      'rcp',
      'resource',
      'boundary',
      'session',
      'identity',
      'decision',
    ]);
  });

  it('orders the boxes as the engine took them, the unreached ones after, the decision last', () => {
    const step = (id: number, s: string) =>
      ({ id, kind: 'step', step: s, outcome: 'continue', note: '' }) as Extract<TraceEvent, { kind: 'step' }>;
    expect(
      flowNodes([
        step(1, 'explicit-deny'),
        step(2, 'rcp'),
        step(3, 'scp'),
        step(4, 'identity'),
        step(5, 'decision'),
      ]).map((n) => n.step),
    ).toEqual(['explicit-deny', 'rcp', 'scp', 'identity', 'resource', 'boundary', 'session', 'decision']);
    expect(flowNodes([]).map((n) => n.step)).toEqual(FLOW_ORDER.map((f) => f.step));
  });
});
