import { describe, expect, it } from 'vitest';
import { evaluate } from './authorize';
import { parseCaller } from './caller';
import { buildContext } from './context';
import { parsePolicyValue } from './parse';
import { conditionReason, explainedStatements, policyViews, steps } from './explain';
import type { TraceEvent } from './trace';

const NOW = Date.UTC(2026, 0, 15, 12);
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const OBJ = 'arn:aws:s3:::example-bucket/docs/report.pdf';

function decide(doc: unknown, context: Record<string, string | string[]> = {}) {
  const c = parseCaller(ALICE);
  if (!c.ok) throw new Error('caller');
  const policy = parsePolicyValue(doc).policy!;
  return evaluate(
    { identity: [{ id: 'p', policy }] },
    {
      caller: c.value,
      action: 's3:GetObject',
      resource: OBJ,
      context: buildContext(c.value, OBJ, context, { now: NOW }),
    },
  );
}
const conditionEvents = (trace: TraceEvent[]) =>
  trace.filter((e): e is Extract<TraceEvent, { kind: 'condition' }> => e.kind === 'condition');

describe('reasons for a condition a learner can act on', () => {
  it('names operator, key, policy values, request value and the missing-key rule', () => {
    const r = decide({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } },
        },
      ],
    });
    expect(conditionEvents(r.trace).map((e) => conditionReason(e))).toEqual([
      {
        operator: 'StringEquals',
        key: 'aws:SourceVpc',
        policyValues: ['vpc-1'],
        requestValue: 'the request does not have this key',
        absent: true,
        result: false,
        rule: 'missing-key',
        text: '`StringEquals` on `aws:SourceVpc` fails by the missing-key rule: the policy has `vpc-1`, the request does not have this key; the key is absent: a positive operator is false',
      },
    ]);
  });
  it('names IfExists, a set operator and an unresolved variable', () => {
    const r = decide(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:GetObject',
            Resource: '*',
            Condition: {
              StringEqualsIfExists: { 'aws:RequestTag/env': 'dev' },
              'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] },
              StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' },
            },
          },
        ],
      },
      { 'aws:TagKeys': ['env', 'owner'], 'aws:ResourceTag/team': 'web' },
    );
    expect(conditionEvents(r.trace).map((e) => conditionReason(e).text)).toEqual([
      '`StringEqualsIfExists` on `aws:RequestTag/env` holds by IfExists: the policy has `dev`, the request does not have this key; the key is absent: `IfExists` is true',
      '`ForAllValues:StringEquals` on `aws:TagKeys` fails by the ForAllValues set operator: the policy has `env`, the request has `[env, owner]`; request value `owner` matches no policy value: `ForAllValues` is false',
      '`StringEquals` on `aws:ResourceTag/team` fails by an unresolved policy variable: the policy has (unresolved variable), the request has `web`; the variable `aws:PrincipalTag/team` has no value in the request, so its value matches nothing: the condition is false',
    ]);
  });
});

describe('the statement list', () => {
  it('groups conditions under their statement and keeps policies in evaluation order', () => {
    const r = decide({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
        { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
      ],
    });
    const views = policyViews(r.trace, r.deciding);
    expect(
      views.map((v) => v.statements.map((s) => [s.event.ref.statementIndex, s.deciding, s.conditions.length])),
    ).toEqual([
      [
        [0, false, 0],
        [1, true, 1],
      ],
    ]);
    expect(explainedStatements(r.trace, r.deciding).map((s) => [s.statement, s.matched, s.failedOn ?? ''])).toEqual([
      [0, false, 'action'],
      [1, true, ''],
    ]);
    expect(steps(r.trace).at(-1)?.note).toBe('Allow');
  });
});
