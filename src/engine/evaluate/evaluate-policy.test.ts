import { describe, it, expect } from 'vitest';
import { loadManagedPolicies } from '../../catalog';
import { parsePolicyValue } from '../parse';
import { TraceBuilder } from '../trace';
import { compilePolicy } from './compile';
import { evaluatePolicy, matchedOutcomes } from './evaluate-policy';
import type { Caller } from './types';
import { compileValue, request, run } from './testing';

const S3_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: 'arn:aws:s3:::b/*' },
    { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
  ],
};

describe('statements: elements are AND-ed, outcomes name the statement', () => {
  it('reports each statement with its effect and whether it matched', () => {
    const { outcomes } = run(S3_POLICY, request('s3:GetObject', 'arn:aws:s3:::b/k'));
    expect(outcomes.map((o) => [o.ref.sid, o.ref.statementIndex, o.effect, o.matched])).toEqual([
      ['Read', 0, 'Allow', true],
      ['NoDelete', 1, 'Deny', false],
    ]);
    expect(outcomes[0].ref.policyId).toBe('test');
    expect(outcomes[0].ref.policyType).toBe('identity');
    expect(outcomes[0].traceId).toBe(0);
  });
  it('an action match with a resource mismatch does not match', () => {
    const { outcomes } = run(S3_POLICY, request('s3:GetObject', 'arn:aws:s3:::other/k'));
    expect(outcomes[0].matched).toBe(false);
  });
  it('Deny statements match like Allow statements', () => {
    const { outcomes } = run(S3_POLICY, request('s3:DeleteObject', 'arn:aws:s3:::b/k'));
    expect(outcomes[1]).toMatchObject({ effect: 'Deny', matched: true });
  });
});

describe('statements that cannot be evaluated are recorded, not thrown', () => {
  const cases: [string, unknown, string][] = [
    [
      'bad Effect',
      { Effect: 'allow', Action: '*', Resource: '*' },
      '`Effect` must be `Allow` or `Deny`, found `allow`',
    ],
    ['no Effect', { Action: '*', Resource: '*' }, 'the statement has no `Effect`'],
    ['no Action', { Effect: 'Allow', Resource: '*' }, 'the statement has no `Action` or `NotAction`'],
    [
      'Action and NotAction',
      { Effect: 'Allow', Action: '*', NotAction: 'iam:*', Resource: '*' },
      'the statement has both `Action` and `NotAction`',
    ],
    [
      'no Resource in an identity policy',
      { Effect: 'Allow', Action: '*' },
      'the statement has no `Resource` or `NotResource`',
    ],
    [
      'Resource and NotResource',
      { Effect: 'Allow', Action: '*', Resource: '*', NotResource: 'x' },
      'the statement has both `Resource` and `NotResource`',
    ],
  ];
  for (const [name, st, reason] of cases) {
    it(`${name}: invalid, never matches, with an error event`, () => {
      const { outcomes, trace } = run(
        { Version: '2012-10-17', Statement: [st] },
        request('s3:GetObject', '*'),
        'identity',
        true,
      );
      expect(outcomes[0]).toMatchObject({ effect: 'invalid', matched: false });
      const err = trace.events.find((e) => e.kind === 'error');
      expect(err?.kind === 'error' && err.message).toBe(reason);
    });
  }
  it('a trust policy statement needs no Resource', () => {
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
    const ec2: Caller = { kind: 'service', arn: '', service: 'ec2.amazonaws.com' };
    const { outcomes } = run(trust, request('sts:AssumeRole', 'arn:aws:iam::111122223333:role/r', {}, ec2), 'trust');
    expect(outcomes[0]).toMatchObject({ effect: 'Allow', matched: true, principalMatch: 'service' });
  });
});

describe('principalMatch tells how the Principal named the caller', () => {
  const session: Caller = {
    kind: 'assumed-role',
    arn: 'arn:aws:sts::111122223333:assumed-role/R/s',
    account: '111122223333',
    roleArn: 'arn:aws:iam::111122223333:role/R',
  };
  const cases: [unknown, string | undefined][] = [
    ['*', 'anyone'],
    [{ AWS: '111122223333' }, 'account'],
    [{ AWS: 'arn:aws:iam::111122223333:role/R' }, 'role'],
    [{ AWS: 'arn:aws:sts::111122223333:assumed-role/R/s' }, 'exact'],
    [{ AWS: ['111122223333', 'arn:aws:sts::111122223333:assumed-role/R/s'] }, 'exact'],
    [{ AWS: '444455556666' }, undefined],
  ];
  for (const [principal, how] of cases) {
    it(`${JSON.stringify(principal)} -> ${how}`, () => {
      const doc = {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: '*' }],
      };
      const { outcomes } = run(doc, request('s3:GetObject', 'arn:aws:s3:::b/k', {}, session), 'resource');
      expect(outcomes[0].principalMatch).toBe(how);
      expect(outcomes[0].matched).toBe(how !== undefined);
    });
  }
});

describe('the trace: statement, element and condition events', () => {
  it('records every element of a statement, with the first failure', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'A',
          Effect: 'Allow',
          Action: 's3:Get*',
          Resource: 'arn:aws:s3:::other/*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        },
      ],
    };
    const trace = new TraceBuilder(true);
    const parsed = parsePolicyValue(doc);
    const policyEvent = trace.add({ kind: 'policy', policyId: 'p', policyType: 'identity' });
    const outcomes = evaluatePolicy(
      compilePolicy(parsed.policy!, { policyId: 'p', policyType: 'identity' }),
      request('s3:GetObject', 'arn:aws:s3:::b/k', { 'aws:SecureTransport': 'true' }),
      trace,
      policyEvent,
    );
    const kinds = trace.events.map((e) => [e.kind, e.parent ?? 0]);
    expect(kinds).toEqual([
      ['policy', 0],
      ['statement', 1],
      ['element', 2],
      ['element', 2],
      ['condition', 2],
    ]);
    const st = trace.events[1];
    expect(st.kind === 'statement' && [st.matched, st.failedOn, st.ref.sid]).toEqual([false, 'resource', 'A']);
    const [action, resource] = [trace.events[2], trace.events[3]];
    expect(action.kind === 'element' && [action.element, action.matched, action.matchedValue]).toEqual([
      'action',
      true,
      's3:Get*',
    ]);
    expect(resource.kind === 'element' && [resource.element, resource.matched, resource.note]).toEqual([
      'resource',
      false,
      'no value matches `arn:aws:s3:::b/k`',
    ]);
    expect(action.kind === 'element' && parsed.text.slice(action.range.start.offset, action.range.end.offset)).toBe(
      '"s3:Get*"',
    );
    expect(outcomes[0].traceId).toBe(2);
  });
  it('marks a matched statement', () => {
    const { trace } = run(S3_POLICY, request('s3:ListBucket', 'arn:aws:s3:::b/'), 'identity', true);
    const st = trace.events.filter((e) => e.kind === 'statement');
    expect(st.map((e) => e.kind === 'statement' && [e.matched, e.failedOn])).toEqual([
      [true, undefined],
      [false, 'action'],
    ]);
  });
  it('adds nothing when tracing is off', () => {
    const { trace } = run(S3_POLICY, request('s3:ListBucket', 'arn:aws:s3:::b/'));
    expect(trace.events).toEqual([]);
  });
});

describe('hostile input gets an answer', () => {
  it('a long adversarial action pattern against a long action', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: `s3:${'a*'.repeat(2000)}b`, Resource: `${'*a'.repeat(2000)}b` }],
    };
    const { outcomes } = run(doc, request(`s3:${'a'.repeat(50000)}`, 'a'.repeat(50000)));
    expect(outcomes[0].matched).toBe(false);
  });
  it('condition keys named like object properties are just absent', () => {
    const { outcomes } = run(
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: '*',
            Resource: '*',
            Condition: { Null: { constructor: 'true', __proto__x: 'true' } },
          },
        ],
      },
      request('a:b', '*'),
    );
    expect(outcomes[0].matched).toBe(true);
  });
});

const data = await loadManagedPolicies();
describe('every AWS managed policy compiles and evaluates', () => {
  const compiled = data.policies.map((p) => {
    const parsed = parsePolicyValue(p.document);
    return { name: p.name, c: compilePolicy(parsed.policy!, { policyId: p.arn, policyType: 'identity' }) };
  });
  const req = request('s3:GetObject', 'arn:aws:s3:::bucket/key', {
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': '2026-06-01T00:00:00Z',
  });
  const allowing = new Set<string>();
  let invalid = 0;
  for (const { name, c } of compiled) {
    for (const o of evaluatePolicy(c, req, new TraceBuilder(false))) {
      if (o.effect === 'invalid') invalid++;
      if (o.matched && o.effect === 'Allow') allowing.add(name);
    }
  }
  it('compiles all 1,594 with no invalid statement', () => {
    expect(compiled.length).toBe(1594);
    expect(invalid).toBe(0);
  });
  it('allows s3:GetObject through the policies that grant it', () => {
    expect(allowing.has('AdministratorAccess')).toBe(true);
    expect(allowing.has('ReadOnlyAccess')).toBe(true);
    expect(allowing.has('AmazonS3ReadOnlyAccess')).toBe(true);
    expect(allowing.has('AmazonS3FullAccess')).toBe(true);
    expect(allowing.has('AmazonEC2ReadOnlyAccess')).toBe(false);
    expect(allowing.has('IAMReadOnlyAccess')).toBe(false);
  });
  it('evaluates a request against each with tracing on without error events', () => {
    let errors = 0;
    for (const { c } of compiled) {
      const t = new TraceBuilder(true);
      evaluatePolicy(c, request('iam:PassRole', 'arn:aws:iam::111122223333:role/x'), t);
      errors += t.events.filter((e) => e.kind === 'error').length;
    }
    expect(errors).toBe(0);
  });
});

describe('the trace explains NotAction, NotResource, NotPrincipal and missing variables', () => {
  const elementsOf = (doc: unknown, req: ReturnType<typeof request>, type: 'identity' | 'resource' = 'identity') =>
    run(doc, req, type, true)
      .trace.events.filter((e) => e.kind === 'element')
      .map((e) => (e.kind === 'element' ? [e.element, e.matched, e.matchedValue ?? null, e.note ?? null] : []));
  it('NotAction and NotResource', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: { Effect: 'Deny', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::safe/*' },
    };
    expect(elementsOf(doc, request('iam:CreateUser', 'arn:aws:s3:::other/k'))).toEqual([
      ['notAction', false, 'iam:*', '`iam:CreateUser` is excluded by `NotAction`'],
      ['notResource', true, null, '`arn:aws:s3:::other/k` is not listed, so `NotResource` applies'],
    ]);
  });
  it('NotPrincipal', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: { Effect: 'Deny', NotPrincipal: { AWS: '111122223333' }, Action: '*', Resource: '*' },
    };
    expect(elementsOf(doc, request('s3:GetObject', '*'), 'resource')).toEqual([
      ['action', true, '*', null],
      ['resource', true, '*', null],
      [
        'notPrincipal',
        true,
        null,
        'only some identities of the caller are listed (a session needs its session ARN, its role ARN and its account; a user its ARN and its account), so `NotPrincipal` applies',
      ],
    ]);
    const other = { ...doc, Statement: { ...doc.Statement, NotPrincipal: { AWS: '444455556666' } } };
    expect(elementsOf(other, request('s3:GetObject', '*'), 'resource')[2]).toEqual([
      'notPrincipal',
      true,
      null,
      'the caller is not listed, so `NotPrincipal` applies',
    ]);
  });
  it('a Resource variable with no value in the request', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/${aws:username}/*' },
    };
    const req = request(
      's3:GetObject',
      'arn:aws:s3:::b/x/k',
      {},
      { kind: 'assumed-role', arn: 'arn:aws:sts::111122223333:assumed-role/R/s', account: '111122223333' },
    );
    expect(elementsOf(doc, req)).toEqual([
      ['action', true, '*', null],
      [
        'resource',
        false,
        null,
        'no value matches `arn:aws:s3:::b/x/k`; variable `aws:username` has no value in the request',
      ],
    ]);
  });
  it('the substituted Resource value that matched', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/${aws:username}/*' },
    };
    expect(elementsOf(doc, request('s3:GetObject', 'arn:aws:s3:::b/alice/k', { 'aws:username': 'alice' }))).toEqual([
      ['action', true, '*', null],
      ['resource', true, 'arn:aws:s3:::b/alice/*', null],
    ]);
  });
});

describe('matchedOutcomes: only the statements that decide (issue 8)', () => {
  // 10,000 statements, one service each in turn; statement 7,001 names the action with a Deny.
  const services = ['s3', 'ec2', 'dynamodb', 'sqs', 'kms'];
  const Statement: object[] = Array.from({ length: 10_000 }, (_, i) => ({
    Sid: `S${i}`,
    Effect: 'Allow',
    Action: `${services[i % 5]}:Get${i}`,
    Resource: '*',
  }));
  Statement[7001] = { Sid: 'NoDelete', Effect: 'Deny', Action: 'S3:Delete*', Resource: 'arn:aws:s3:::b/*' };
  Statement.push({ Sid: 'Everything', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
  const tall = compileValue({ Version: '2012-10-17', Statement });

  it('lists the matching statements of a 10,000-statement policy in statement order, and nothing else', () => {
    const got = matchedOutcomes(tall, request('s3:DeleteObject', 'arn:aws:s3:::b/k'));
    expect(got.map((o) => [o.ref.statementIndex, o.ref.sid, o.effect, o.matched])).toEqual([
      [7001, 'NoDelete', 'Deny', true],
      [10000, 'Everything', 'Allow', true],
    ]);
  });
  it('agrees with evaluatePolicy on which statements match', () => {
    for (const [action, resource] of [
      ['s3:DeleteObject', 'arn:aws:s3:::other/k'],
      ['ec2:Get6', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1'],
      ['iam:GetUser', 'arn:aws:iam::111122223333:user/bob'],
    ]) {
      const r = request(action, resource);
      const all = evaluatePolicy(tall, r, new TraceBuilder(false)).filter((o) => o.matched);
      expect(matchedOutcomes(tall, r)).toEqual(all);
    }
    expect(matchedOutcomes(tall, request('ec2:Get6', '*')).map((o) => o.ref.sid)).toEqual(['S6', 'Everything']);
  });
  it('keeps a statement that cannot be evaluated, so its error is still reported', () => {
    const c = compileValue({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Allow', Action: 's3:GetObject' },
      ],
    });
    expect(matchedOutcomes(c, request('s3:GetObject', '*')).map((o) => [o.ref.statementIndex, o.effect])).toEqual([
      [0, 'Allow'],
      [1, 'invalid'],
    ]);
  });
});
