/**
 * Properties of the decision over random policy sets (fast-check): guardrails (boundaries, session
 * policies, SCP levels) never add permissions; a matching Deny always wins; the trace never changes
 * the answer; the answer always carries its reasons.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../authorize';
import { parseCaller } from '../caller';
import { buildContext } from '../context';
import { parsePolicyValue } from '../parse';
import type { EvalRequest } from '../evaluate/types';
import type { PolicyEntry, PolicySet } from './types';

const A = '111122223333';
const PRINCIPALS = [
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:sts::${A}:assumed-role/Dev/s1`,
  'arn:aws:iam::444455556666:user/bob',
  'anonymous',
];
const ACTIONS = ['s3:GetObject', 's3:PutObject', 'ec2:RunInstances', 'iam:CreateUser'];
const RESOURCES = ['arn:aws:s3:::b/k', 'arn:aws:s3:::b/other', '*'];

const statement = (withPrincipal: boolean) =>
  fc.record({
    Effect: fc.constantFrom('Allow', 'Deny'),
    Action: fc.constantFrom('*', 's3:*', 's3:GetObject', 'ec2:*', 'iam:Create*'),
    Resource: fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::b/k'),
    ...(withPrincipal
      ? {
          Principal: fc.constantFrom<unknown>(
            '*',
            { AWS: A },
            { AWS: PRINCIPALS[0] },
            { AWS: `arn:aws:iam::${A}:role/Dev` },
            { AWS: '444455556666' },
          ),
        }
      : {}),
  });
const policy = (withPrincipal = false) =>
  fc
    .array(statement(withPrincipal), { minLength: 0, maxLength: 3 })
    .map((Statement) => ({ Version: '2012-10-17', Statement }));

function entry(id: string, doc: unknown): PolicyEntry {
  const p = parsePolicyValue(doc).policy;
  if (!p) throw new Error('does not parse');
  return { id, policy: p };
}
function request(principal: string, action: string, resource: string): EvalRequest {
  const c = parseCaller(principal);
  if (!c.ok) throw new Error('caller');
  return {
    caller: c.value,
    action,
    resource,
    context: buildContext(c.value, resource, {}, { now: 0, resourceAccount: A }),
  };
}

const scenario = fc.record({
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  identity: fc.array(policy(), { maxLength: 2 }),
  resource_: fc.option(policy(true), { nil: undefined }),
  guard: policy(),
});

function baseSet(s: { identity: unknown[]; resource_?: unknown }): PolicySet {
  const set: PolicySet = { identity: s.identity.map((p, i) => entry(`identityPolicies[${i}]`, p)) };
  if (s.resource_) set.resource = entry('resourcePolicy', s.resource_);
  return set;
}

describe('decision properties', () => {
  it('a boundary, a session policy or an SCP level never turns a denial into an allow', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom('boundary', 'session', 'scp'), (s, kind) => {
        const req = request(s.principal, s.action, s.resource);
        const set = baseSet(s);
        const before = evaluate(set, req, { trace: false }).decision;
        const guard = entry('guard', s.guard);
        const guarded: PolicySet =
          kind === 'boundary'
            ? { ...set, boundary: guard }
            : kind === 'session'
              ? { ...set, session: [guard] }
              : { ...set, scps: [[guard]] };
        const after = evaluate(guarded, req, { trace: false }).decision;
        if (before !== 'Allow') expect(after).not.toBe('Allow');
        if (before === 'ExplicitDeny') expect(after).toBe('ExplicitDeny');
      }),
      { numRuns: 400 },
    );
  });

  it('a matching Deny * in an identity policy always ends in ExplicitDeny for callers with identity policies', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(s.principal !== 'anonymous');
        const req = request(s.principal, s.action, s.resource);
        const set = baseSet(s);
        set.identity = [
          ...(set.identity ?? []),
          entry('deny', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }),
        ];
        const r = evaluate(set, req, { trace: false });
        expect(r.decision).toBe('ExplicitDeny');
        expect(r.message).toContain('with an explicit deny in ');
      }),
      { numRuns: 200 },
    );
  });

  it('the answer carries its reasons, and tracing never changes it', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const req = request(s.principal, s.action, s.resource);
        const set = baseSet(s);
        const traced = evaluate(set, req);
        const plain = evaluate(set, req, { trace: false });
        expect(plain.decision).toBe(traced.decision);
        expect(plain.deciding).toEqual(traced.deciding);
        if (traced.decision === 'Allow') {
          expect(traced.deciding.length).toBeGreaterThan(0);
          expect(traced.message).toBe('');
        } else {
          expect(traced.message).toMatch(/^User: \S+ is not authorized to perform: /);
          expect(traced.deniedBy).toBeDefined();
        }
        if (traced.decision === 'ExplicitDeny') expect(traced.deciding.length).toBeGreaterThan(0);
        if (traced.decision === 'ImplicitDeny') expect(traced.deciding).toEqual([]);
        const steps = traced.trace.filter((e) => e.kind === 'step');
        expect(steps[steps.length - 1]).toMatchObject({ step: 'decision' });
      }),
      { numRuns: 300 },
    );
  });
});
