import { describe, expect, it } from 'vitest';
import { runCase } from './from-case';

const ALLOW = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
const base = {
  id: 'c1',
  request: { principal: 'arn:aws:iam::111122223333:user/alice', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
};

describe('runCase: the iamplay eval case format (issue 3)', () => {
  it('evaluates a case', () => {
    expect(runCase({ ...base, identityPolicies: [ALLOW] })).toEqual({
      id: 'c1',
      decision: 'Allow',
      deciding: [{ policy: 'identityPolicies[0]', policyType: 'identity', statement: 0 }],
    });
  });
  it('explains a denial', () => {
    const a = runCase(base, { explain: true, now: Date.UTC(2026, 0, 1) });
    if ('error' in a) throw new Error(a.error.message);
    expect(a.explain?.message).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:GetObject action',
    );
    expect(a.explain?.deniedBy).toBe('identity');
    expect(a.explain?.context['aws:CurrentTime']).toBe('2026-01-01T00:00:00Z');
    expect(a.explain?.statements).toEqual([]);
  });
  it('lists every statement evaluated with the element that failed', () => {
    const deny = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'NoPut', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' }],
    };
    const a = runCase({ ...base, identityPolicies: [ALLOW, deny] }, { explain: true });
    if ('error' in a) throw new Error(a.error.message);
    expect(a.explain?.statements).toEqual([
      { policy: 'identityPolicies[0]', statement: 0, effect: 'Allow', matched: true, deciding: true },
      { policy: 'identityPolicies[1]', statement: 0, sid: 'NoPut', effect: 'Deny', matched: false, failedOn: 'action' },
    ]);
  });
  it('ignores rule, description and expect', () => {
    expect(
      runCase({ ...base, rule: 'r', description: 'd', expect: { decision: 'Allow' }, identityPolicies: [ALLOW] }),
    ).toMatchObject({ decision: 'Allow' });
  });
  it('accepts numbers and booleans in the context as strings', () => {
    const a = runCase(
      { ...base, request: { ...base.request, context: { 's3:max-keys': 5, 'aws:SecureTransport': false } } },
      { explain: true },
    );
    if ('error' in a) throw new Error(a.error.message);
    expect(a.explain?.context['s3:max-keys']).toBe('5');
    expect(a.explain?.context['aws:SecureTransport']).toBe('false');
  });
});

describe('runCase: cases it cannot evaluate get an error with code and message', () => {
  const error = (c: unknown) => {
    const a = runCase(c);
    return 'error' in a ? { id: a.id, ...a.error } : { id: a.id, code: 'none', message: '' };
  };
  it('not an object', () => {
    expect(error(42)).toEqual({
      id: null,
      code: 'evaluate.case.shape',
      message: 'a case must be a JSON object with `id` and `request`',
    });
  });
  it('no id', () => {
    expect(error({ request: base.request })).toEqual({
      id: null,
      code: 'evaluate.case.shape',
      message: 'the case needs an `id` (a string)',
    });
  });
  it('no request', () => {
    expect(error({ id: 'x' })).toEqual({
      id: 'x',
      code: 'evaluate.case.shape',
      message: 'the case needs a `request` object',
    });
  });
  it('unknown keys', () => {
    expect(error({ ...base, identityPolicy: [ALLOW] })).toEqual({
      id: 'c1',
      code: 'evaluate.case.unknown-key',
      message: 'unknown key `identityPolicy` in the case',
    });
    expect(error({ ...base, request: { ...base.request, princpal: 'x' } })).toEqual({
      id: 'c1',
      code: 'evaluate.case.unknown-key',
      message: 'unknown key `princpal` in `request`',
    });
  });
  it('a bad principal', () => {
    expect(error({ ...base, request: { ...base.request, principal: 'arn:aws:iam::111122223333:group/G' } })).toEqual({
      id: 'c1',
      code: 'evaluate.request.principal',
      message: 'a group cannot be a principal: `arn:aws:iam::111122223333:group/G`',
    });
  });
  it('a bad action or resource', () => {
    expect(error({ ...base, request: { ...base.request, action: 's3:Get*' } })).toEqual({
      id: 'c1',
      code: 'evaluate.request.action',
      message: '`s3:Get*` is not an action; write `service:ActionName`, such as `s3:GetObject`',
    });
    expect(error({ ...base, request: { ...base.request, resource: 'bucket/key' } })).toEqual({
      id: 'c1',
      code: 'evaluate.request.resource',
      message: '`bucket/key` is not an ARN; write `arn:partition:service:region:account:resource` or `*`',
    });
  });
  it('a bad context value', () => {
    expect(error({ ...base, request: { ...base.request, context: { 'aws:SourceIp': { ip: 1 } } } })).toEqual({
      id: 'c1',
      code: 'evaluate.request.context',
      message: 'the context key `aws:SourceIp` must have a string or a list of strings',
    });
  });
  it('a policy that is not a policy', () => {
    expect(error({ ...base, identityPolicies: [[1, 2]] })).toMatchObject({ id: 'c1', code: 'parse.not-an-object' });
    expect(error({ ...base, identityPolicies: ALLOW })).toEqual({
      id: 'c1',
      code: 'evaluate.case.shape',
      message: '`identityPolicies` must be a list of policies',
    });
    expect(error({ ...base, scps: [ALLOW] })).toEqual({
      id: 'c1',
      code: 'evaluate.case.shape',
      message: '`scps[0]` must be a list of policies (one level of the organization path)',
    });
  });
  it('a policy nested too deeply to print', () => {
    const deep = JSON.parse('{"a":'.repeat(20000) + '1' + '}'.repeat(20000));
    expect(error({ ...base, resourcePolicy: deep })).toEqual({
      id: 'c1',
      code: 'evaluate.case.shape',
      message: '`resourcePolicy` is nested too deeply',
    });
  });
  it('a policy given as malformed text', () => {
    const e = error({ ...base, identityPolicies: ['{"Version": "2012-10-17", "Statement": ['] });
    expect(e.code.startsWith('parse.')).toBe(true);
    expect(e.message.startsWith('`identityPolicies[0]`: ')).toBe(true);
  });
});

describe('runCase: a document seen once is read only as far as the action reaches (issue 8)', () => {
  // A fresh document per test (a unique Id), so each one is seen for the first time.
  let n = 0;
  const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Id: `doc${n++}`, Statement });
  const request = (action: string) => ({ ...base.request, action });

  it('keeps the index of the deciding statement when earlier statements name other actions', () => {
    const p = doc(
      { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' },
      { Sid: 'Reads', Effect: 'Allow', Action: ['dynamodb:GetItem', 'S3:get*'], Resource: 'arn:aws:s3:::b/*' },
    );
    expect(runCase({ id: 'c', request: request('s3:GetObject'), identityPolicies: [p] })).toEqual({
      id: 'c',
      decision: 'Allow',
      deciding: [{ policy: 'identityPolicies[0]', policyType: 'identity', statement: 1, sid: 'Reads' }],
    });
  });
  it('a NotAction statement applies to every action it does not list, and not to one it lists', () => {
    const p = doc({ Effect: 'Deny', NotAction: ['iam:*', 's3:Put?bject'], Resource: '*' });
    const allow = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
    const decide = (action: string) => {
      const a = runCase({ id: 'c', request: request(action), identityPolicies: [allow, p] });
      return 'error' in a ? a.error.code : a.decision;
    };
    expect(decide('s3:GetObject')).toBe('ExplicitDeny');
    expect(decide('s3:PutObject')).toBe('Allow');
    expect(decide('iam:GetUser')).toBe('Allow');
  });
  it('answers the same the first time a document is seen, the second, and with --explain', () => {
    const p = doc(
      { Effect: 'Allow', Action: 's3:List*', Resource: '*' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' },
      {
        Effect: 'Deny',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/k' },
    );
    const c = { id: 'c', request: request('s3:GetObject'), identityPolicies: [p] };
    const want = {
      id: 'c',
      decision: 'Allow',
      deciding: [{ policy: 'identityPolicies[0]', policyType: 'identity', statement: 3 }],
    };
    expect(runCase(c)).toEqual(want);
    expect(runCase(c)).toEqual(want);
    expect(runCase(c)).toEqual(want);
    const explained = runCase(c, { explain: true });
    if ('error' in explained) throw new Error(explained.error.message);
    expect(explained.deciding).toEqual(want.deciding);
    expect(explained.explain?.statements.map((s) => [s.statement, s.matched, s.failedOn])).toEqual([
      [0, false, 'action'],
      [1, false, 'resource'],
      [2, false, 'condition'],
      [3, true, undefined],
    ]);
  });
  it('still answers a refused document seen once with its finding', () => {
    const p = doc({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/k',
      Condition: { NoSuchOperator: { 'aws:SourceIp': '10.0.0.1' } },
    });
    const a = runCase({ id: 'c', request: request('ec2:RunInstances'), identityPolicies: [p] });
    expect(a).toEqual({
      id: 'c',
      error: {
        code: 'validate.unknown-operator',
        message:
          '`identityPolicies[0]`: `NoSuchOperator` is not a condition operator (line 10, column 9; IAM refuses such a document)',
      },
    });
  });
});

const NOW = Date.UTC(2026, 0, 15, 12);
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const OBJ = 'arn:aws:s3:::example-bucket/docs/report.pdf';

describe('runCase: the statement list (moved from explain.test.ts)', () => {
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
});
