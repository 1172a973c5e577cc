import { describe, expect, it } from 'vitest';
import { runCase } from './decision/case';
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
  it('marks the deciding statements and never calls them not matched', () => {
    const a = runCase(
      {
        id: 'np',
        request: { principal: ALICE, action: 's3:GetObject', resource: OBJ },
        identityPolicies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
        permissionsBoundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        resourcePolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Deny',
              NotPrincipal: { AWS: [ALICE, 'arn:aws:iam::111122223333:root'] },
              Action: 's3:*',
              Resource: '*',
            },
          ],
        },
      },
      { explain: true, now: NOW },
    );
    if ('error' in a) throw new Error(a.error.message);
    expect(a.decision).toBe('ExplicitDeny');
    expect(a.explain?.statements.filter((s) => s.policy === 'resourcePolicy')).toEqual([
      { policy: 'resourcePolicy', statement: 0, effect: 'Deny', matched: true, deciding: true },
    ]);
  });
  it('lists the failed conditions of a statement with their reasons, and names SCP levels', () => {
    const a = runCase(
      {
        id: 'c',
        request: { principal: ALICE, action: 's3:GetObject', resource: OBJ, context: { 'aws:SourceIp': '192.0.2.1' } },
        scps: [
          [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
          [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }],
        ],
        scpLevelNames: ['root', 'Workloads'],
        identityPolicies: [
          {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 's3:GetObject',
                Resource: '*',
                Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
              },
            ],
          },
        ],
      },
      { explain: true, now: NOW },
    );
    if ('error' in a) throw new Error(a.error.message);
    expect(a.decision).toBe('ImplicitDeny');
    const statements = a.explain!.statements;
    expect(statements.map((s) => [s.policy, s.level ?? '', s.matched])).toEqual([
      ['scps[0][0]', 'root', true],
      ['scps[1][0]', 'Workloads', true],
      ['identityPolicies[0]', '', false],
    ]);
    expect(statements[2].failedOn).toBe('condition');
    expect(statements[2].conditions?.map((c) => [c.operator, c.key, c.policyValues, c.requestValue, c.rule])).toEqual([
      ['IpAddress', 'aws:SourceIp', ['10.0.0.0/8'], '192.0.2.1', 'compare'],
    ]);
    expect(a.explain!.steps.find((s) => s.step === 'identity')?.note).toBe(
      'no identity-based policy allows the request',
    );
  });
  it('rejects level names that are not a list of strings', () => {
    const a = runCase({
      id: 'bad',
      request: { principal: ALICE, action: 's3:GetObject', resource: OBJ },
      scpLevelNames: 'root',
    });
    expect(a).toEqual({
      id: 'bad',
      error: { code: 'evaluate.case.shape', message: '`scpLevelNames` must be a list of level names, root first' },
    });
  });
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
