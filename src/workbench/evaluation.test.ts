import { beforeAll, describe, it, expect } from 'vitest';
import { parsePolicy } from '../engine/parse';
import { loadCatalog, loadManagedPolicies } from '../catalog';
import { actionProblem, checkContextValue, checkFields, evaluateWorkbench } from './evaluation';
import { validateParsed } from '../engine/validate';
import { analyze, policyTypeOf } from './analysis';
import type { PolicyKind } from '../engine/validate';
import type { DocInput, RequestInput } from './types';

const managed = (await loadManagedPolicies()) as {
  policies: { name: string; document: unknown }[];
};
const s3ReadOnly = JSON.stringify(managed.policies.find((p) => p.name === 'AmazonS3ReadOnlyAccess')!.document, null, 2);

const request = (actions: string[], extra: Partial<RequestInput> = {}): RequestInput => ({
  principal: 'arn:aws:iam::111122223333:user/alice',
  actions,
  resource: 'arn:aws:s3:::reports/2026/q3.csv',
  resourceAccount: '111122223333',
  context: [],
  ...extra,
});

// The catalogue is read once, before the tests: on a busy machine its first load alone can take seconds.
beforeAll(() => loadCatalog().then(() => undefined), 60_000);

const deps = async () => {
  const catalog = await loadCatalog();
  return {
    parse: parsePolicy,
    catalog,
    validate: (text: string, kind: DocInput['kind'], size?: PolicyKind) =>
      validateParsed(text, parsePolicy(text), {
        type: policyTypeOf(kind, text),
        catalog,
        ...(size ? { kind: size } : {}),
      }),
  };
};

describe('the workbench evaluation in the worker', () => {
  it('decides each action with AmazonS3ReadOnlyAccess (IAM User Guide, "Policy evaluation logic")', async () => {
    const docs: DocInput[] = [{ id: 'd1', name: 'AmazonS3ReadOnlyAccess', kind: 'identity', text: s3ReadOnly }];
    const answer = evaluateWorkbench(docs, request(['s3:GetObject', 's3:PutObject']), await deps());
    expect(answer.skipped).toEqual([]);
    expect(answer.rows.map((r) => (r.ok ? r.value.decision : r.error))).toEqual(['Allow', 'ImplicitDeny']);
    const put = answer.rows[1];
    expect(put.ok && put.value.message).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::reports/2026/q3.csv because no identity-based policy allows the s3:PutObject action',
    );
    const get = answer.rows[0];
    expect(get.ok && get.value.deciding.map((d) => [d.policyId, d.statementIndex])).toEqual([['d1', 0]]);
  });

  it('names the Deny statement of an explicit deny', async () => {
    const text = `{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":"s3:*","Resource":"*"},
      {"Sid":"NoDelete","Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}`;
    const answer = evaluateWorkbench(
      [{ id: 'd7', name: 'p', kind: 'identity', text }],
      request(['s3:DeleteObject']),
      await deps(),
    );
    const row = answer.rows[0];
    expect(row.ok && row.value.decision).toBe('ExplicitDeny');
    expect(row.ok && row.value.deciding.map((d) => [d.policyId, d.statementIndex, d.sid])).toEqual([
      ['d7', 1, 'NoDelete'],
    ]);
  });

  it('answers a principal it cannot read with an error row, not an exception', async () => {
    const answer = evaluateWorkbench(
      [],
      request(['s3:GetObject'], { principal: 'arn:aws:iam::111122223333:group/devs' }),
      await deps(),
    );
    expect(answer.rows).toEqual([
      {
        ok: false,
        action: 's3:GetObject',
        error:
          'a group cannot be a principal: `arn:aws:iam::111122223333:group/devs`: groups hold policies for users; requests come from users, roles and sessions',
      },
    ]);
  });

  it('leaves out documents that are not readable policies, and says why', () => {
    const answer = evaluateWorkbench(
      [
        { id: 'd1', name: 'broken', kind: 'identity', text: '{"Version": ' },
        { id: 'd2', name: 'ok', kind: 'scp', level: 'ou', text: '{"Statement":[]}' },
        { id: 'd3', name: 'root scp', kind: 'scp', level: 'root', text: '{"Statement":[]}' },
      ],
      request(['s3:GetObject']),
      { parse: parsePolicy },
      { anyway: true },
    );
    expect(answer.skipped).toEqual([]);
    expect(answer.refused.map((r) => [r.docId, r.unreadable, r.finding.code])).toEqual([
      ['d1', true, 'parse.json-syntax'],
    ]);
    const trace = answer.rows[0].ok ? answer.rows[0].value.trace : [];
    // Left out even when evaluating anyway: the user has no identity policy, and each SCP level has its document.
    expect(trace.flatMap((e) => (e.kind === 'policy' ? [`${e.policyType}:${e.policyId}`] : []))).toEqual([
      'scp:d3',
      'scp:d2',
    ]);
    expect(answer.levels).toEqual({ scp: ['root', 'ou'], rcp: [] });
  });

  it('stacks SCPs from the root through nested OUs to the account, each level needing an allow (Organizations, "SCP evaluation")', async () => {
    const allowAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
    const ec2Only = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}';
    const docs: DocInput[] = [
      { id: 'acct', name: 'account', kind: 'scp', level: 'account', text: allowAll },
      { id: 'ou2', name: 'sandbox OU', kind: 'scp', level: 'ou2', text: ec2Only },
      { id: 'ou', name: 'workloads OU', kind: 'scp', level: 'ou', text: allowAll },
      { id: 'root', name: 'root', kind: 'scp', level: 'root', text: allowAll },
      { id: 'id', name: 'admin', kind: 'identity', text: allowAll },
    ];
    const answer = evaluateWorkbench(docs, request(['s3:GetObject', 'ec2:DescribeInstances']), await deps());
    expect(answer.levels).toEqual({ scp: ['root', 'ou', 'ou2', 'account'], rcp: [] });
    const ec2 = answer.rows[1];
    expect(
      (ec2.ok ? ec2.value.trace : []).flatMap((e) =>
        e.kind === 'policy' && e.policyType === 'scp' ? [`${e.policyId}@${e.levelName}`] : [],
      ),
    ).toEqual(['root@Root', 'ou@OU', 'ou2@OU 2', 'acct@Account']);
    expect(answer.rows.map((r) => (r.ok ? r.value.decision : r.error))).toEqual(['ImplicitDeny', 'Allow']);
    const s3 = answer.rows[0];
    expect(s3.ok && s3.value.message).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::reports/2026/q3.csv because no service control policy allows the s3:GetObject action',
    );
    // The engine's note and the trace name the level as the document tabs do.
    const trace = s3.ok ? s3.value.trace : [];
    expect(trace.flatMap((e) => (e.kind === 'step' && e.step === 'scp' ? [e.note] : []))).toEqual([
      'no service control policy at `OU 2` of the organization path allows the request',
    ]);
    expect(trace.flatMap((e) => (e.kind === 'policy' && e.policyType === 'scp' ? [e.levelName] : []))).toEqual([
      'Root',
      'OU',
      'OU 2',
      'Account',
    ]);
  });

  it('types context values from the catalogue and notes the wrong ones', async () => {
    const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",
      "Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["b"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`;
    const ctx = [
      { key: 'aws:TagKeys', value: 'a, b' },
      { key: 'aws:SourceIp', value: '10.1.2.3' },
    ];
    const answer = evaluateWorkbench(
      [{ id: 'd1', name: 'p', kind: 'identity', text }],
      request(['s3:GetObject'], { context: ctx }),
      await deps(),
    );
    expect(answer.notes).toEqual([]);
    expect(answer.rows[0].ok && answer.rows[0].value.decision).toBe('Allow');
    expect(checkContextValue('aws:SourceIp', 'IPAddress', 'nope')).toBe(
      '`aws:SourceIp` takes an IP address; `nope` is not one',
    );
    expect(checkContextValue('aws:MultiFactorAuthPresent', 'Bool', 'yes')).toBe(
      '`aws:MultiFactorAuthPresent` takes `true` or `false`; `yes` is not one',
    );
    expect(checkContextValue('aws:CurrentTime', 'Date', '2026-01-01T00:00:00Z')).toBe('');
  });
});

describe('answers that say what they are', () => {
  const allowS3 = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';

  it('refuses a policy IAM would refuse instead of deciding (IAM User Guide, "Validating IAM policies")', async () => {
    const text = `{"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
      {"Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"StringEqualz":{"aws:username":"x"}}}]}`;
    const docs: DocInput[] = [{ id: 'd1', name: 'p', kind: 'identity', text }];
    const answer = evaluateWorkbench(docs, request(['s3:GetObject']), await deps());
    expect(answer.anyway).toBe(false);
    expect(answer.refused.map((r) => [r.docId, r.finding.message, r.finding.range.start.line, r.statements])).toEqual([
      ['d1', '`StringEqualz` is not a condition operator', 3, [1]],
    ]);
    // Evaluated anyway, the broken Deny always applies (fail closed), and the answer says it was evaluated anyway.
    const anyway = evaluateWorkbench(docs, request(['s3:GetObject']), await deps(), { anyway: true });
    expect(anyway.anyway).toBe(true);
    expect(anyway.rows[0].ok && anyway.rows[0].value.decision).toBe('ExplicitDeny');
  });

  it('refuses an identity policy over IAM’s size limit, naming the limit (IAM User Guide, "IAM and AWS STS quotas")', async () => {
    // 180 actions of 35 characters: 6,383 characters without whitespace, with the statement around them.
    const actions = Array.from({ length: 180 }, (_, i) => `s3:GetObject${String(i).padStart(3, '0')}xxxxxxxxxxxxxxxxx`);
    const big = JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
      null,
      2,
    );
    const small = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const refused = (docs: DocInput[]) =>
      evaluateWorkbench(docs, request(['s3:GetObject']), d).refused.flatMap((r) =>
        r.finding.code === 'validate.policy-too-large' ? [[r.docId, r.finding.message]] : [],
      );
    const d = await deps();
    // A customer managed policy (the default): 6,144.
    expect(refused([{ id: 'd1', name: 'big', kind: 'identity', text: big }])).toEqual([
      [
        'd1',
        'the policy has 6,383 characters without whitespace, over the limit of 6,144 for a customer managed policy',
      ],
    ]);
    // A role's inline policy may hold 10,240; an AWS managed policy is not held to the account's limits.
    expect(refused([{ id: 'd1', name: 'big', kind: 'identity', storedAs: 'role-inline', text: big }])).toEqual([]);
    expect(refused([{ id: 'd1', name: 'big', kind: 'identity', storedAs: 'aws-managed', text: big }])).toEqual([]);
    // A user's inline policies share 2,048 in total: the one that goes over, and every one after it, is refused.
    const half = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: actions.slice(0, 40), Resource: '*' }],
    });
    expect(
      refused([
        { id: 'd1', name: 'a', kind: 'identity', storedAs: 'user-inline', text: half },
        { id: 'd2', name: 'b', kind: 'identity', text: small },
        { id: 'd3', name: 'c', kind: 'identity', storedAs: 'user-inline', text: half },
        { id: 'd4', name: 'd', kind: 'identity', storedAs: 'user-inline', text: small },
      ]),
    ).toEqual([
      [
        'd3',
        'the user’s inline policies have 2,966 characters without whitespace, over the limit of 2,048 for a user’s inline policies together',
      ],
      [
        'd4',
        'the user’s inline policies have 3,062 characters without whitespace, over the limit of 2,048 for a user’s inline policies together',
      ],
    ]);
    // Refused, so the workbench does not decide with it (fail closed).
    const answer = evaluateWorkbench(
      [{ id: 'd1', name: 'big', kind: 'identity', text: big }],
      request(['s3:GetObject']),
      d,
    );
    expect([answer.refused.length, answer.anyway]).toEqual([1, false]);
  });

  it('evaluated anyway, a broken Allow never matches', async () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject"}]}';
    const answer = evaluateWorkbench(
      [{ id: 'd1', name: 'p', kind: 'identity', text }],
      request(['s3:GetObject']),
      await deps(),
      { anyway: true },
    );
    expect(answer.refused[0].finding.code).toBe('validate.missing-resource');
    expect(answer.rows[0].ok && answer.rows[0].value.decision).toBe('ImplicitDeny');
  });

  it('answers an action AWS does not have, and a wildcard, as such', async () => {
    const catalog = await loadCatalog();
    expect(actionProblem('s3:GetObjct', catalog)).toEqual({
      kind: 'unknown-action',
      message: 'AWS has no action `s3:GetObjct` in Amazon S3; did you mean `s3:GetObject`?',
      suggestion: 's3:GetObject',
    });
    expect(actionProblem('s3:*', catalog)).toEqual({
      kind: 'wildcard',
      message: '`s3:*` is a wildcard: a request names one action, and AWS has no action called `s3:*`',
    });
    expect(actionProblem('s4:GetObject', catalog)?.suggestion).toBe('s3:GetObject');
    expect(actionProblem('s3:GetObject', catalog)).toBeUndefined();
    const answer = evaluateWorkbench(
      [{ id: 'd1', name: 'p', kind: 'identity', text: allowS3 }],
      request(['s3:GetObjct', 's3:GetObject']),
      await deps(),
    );
    expect(answer.rows.map((r) => r.ok && [r.value.decision, r.value.actionProblem?.kind])).toEqual([
      ['Allow', 'unknown-action'],
      ['Allow', undefined],
    ]);
  });

  it('leaves a session policy out for an IAM user, and applies it to a role session (IAM User Guide, "Session policies")', async () => {
    const denyAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}';
    const docs: DocInput[] = [
      { id: 'd1', name: 'p', kind: 'identity', text: allowS3 },
      { id: 'd2', name: 'only ec2', kind: 'session', text: denyAll },
    ];
    const user = evaluateWorkbench(docs, request(['s3:GetObject']), await deps());
    expect(user.skipped).toEqual([
      {
        docId: 'd2',
        name: 'only ec2',
        reason:
          'session policies apply only to role sessions and federated users, and the principal is an IAM user: it does not apply and is left out of the decision',
      },
    ]);
    expect(user.rows[0].ok && user.rows[0].value.decision).toBe('Allow');
    const session = evaluateWorkbench(
      docs,
      request(['s3:GetObject'], { principal: 'arn:aws:sts::111122223333:assumed-role/Reader/s1' }),
      await deps(),
    );
    expect(session.skipped).toEqual([]);
    expect(session.rows[0].ok && session.rows[0].value.decision).toBe('ImplicitDeny');
  });

  it('flags request fields it cannot take as typed', () => {
    expect(checkFields(request([], { principal: '', resource: 'reports/q3.csv', resourceAccount: 'abc' }))).toEqual({
      principal:
        'the principal is empty, so the request is evaluated as `anonymous`; type an ARN, or `anonymous` for a caller with no credentials',
      resource:
        '`reports/q3.csv` is not an ARN: write one such as `arn:aws:s3:::bucket/key`, or `*` for an action that takes no resource',
      resourceAccount:
        '`abc` is not an account id: it has 12 digits; it is left out, so the owner is the account in the resource ARN',
    });
    expect(checkFields(request([]))).toEqual({});
    expect(checkFields(request([], { resource: 'arn:aws:s3' })).resource).toBe(
      '`arn:aws:s3` is not a valid ARN: an ARN has six parts, `arn:partition:service:region:account:resource`',
    );
    expect(checkFields(request([], { principal: 'arn:aws:iam::111122223333:usr/alice' })).principal).toContain(
      'is not a user, role, provider or root ARN',
    );
  });
});

describe('document analysis in the worker', () => {
  it('checks a resource policy that names sts:AssumeRole as a trust policy', () => {
    expect(policyTypeOf('resource', '{"Action":"sts:AssumeRole"}')).toBe('trust');
    expect(policyTypeOf('resource', '{"Action":"s3:GetObject"}')).toBe('resource');
    expect(policyTypeOf('scp', '{}')).toBe('scp');
  });

  it('says which services it lacks instead of making answers up', () => {
    const a = analyze('{', 'identity', { parse: parsePolicy });
    expect(a.missing).toEqual(['validation', 'summary']);
    expect(a.findings.map((f) => f.code)).toEqual(parsePolicy('{').findings.map((f) => f.code));
  });
});
