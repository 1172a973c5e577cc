import { describe, it, expect } from 'vitest';
import type { Caller } from './types';
import { ALICE, request, statementMatches as matches } from './testing';

describe('IAM JSON policy elements: Action', () => {
  it('matches service prefix and action name case-insensitively', () => {
    expect(matches({ Action: 'S3:getobject', Resource: '*' }, request('s3:GetObject', '*'))).toBe(true);
    expect(matches({ Action: 's3:GetObject', Resource: '*' }, request('S3:GETOBJECT', '*'))).toBe(true);
  });
  it('matches wildcards in the action name and the service prefix', () => {
    expect(matches({ Action: 's3:Get*', Resource: '*' }, request('s3:GetObjectAcl', '*'))).toBe(true);
    expect(matches({ Action: 's3:Get*', Resource: '*' }, request('s3:PutObject', '*'))).toBe(false);
    expect(matches({ Action: 'iam:?etUser', Resource: '*' }, request('iam:GetUser', '*'))).toBe(true);
    expect(matches({ Action: '*', Resource: '*' }, request('sts:AssumeRole', '*'))).toBe(true);
    expect(matches({ Action: 's*:List*', Resource: '*' }, request('sqs:ListQueues', '*'))).toBe(true);
    expect(matches({ Action: '*:Describe*', Resource: '*' }, request('ec2:DescribeInstances', '*'))).toBe(true);
  });
  it('a wildcard does not cross into another service', () => {
    expect(matches({ Action: 's3:*', Resource: '*' }, request('s3express:CreateSession', '*'))).toBe(false);
  });
  it('several values are OR-ed', () => {
    expect(
      matches({ Action: ['ec2:StartInstances', 's3:GetObject'], Resource: '*' }, request('s3:GetObject', '*')),
    ).toBe(true);
  });
});

describe('IAM JSON policy elements: NotAction', () => {
  it('matches every action not listed', () => {
    expect(matches({ NotAction: 'iam:*', Resource: '*' }, request('s3:GetObject', '*'))).toBe(true);
    expect(matches({ NotAction: 'iam:*', Resource: '*' }, request('IAM:CreateUser', '*'))).toBe(false);
  });
  it('Allow with NotAction allows everything else (the classic over-grant)', () => {
    expect(
      matches({ NotAction: ['iam:*', 'organizations:*'], Resource: '*' }, request('ec2:TerminateInstances', '*')),
    ).toBe(true);
  });
});

describe('IAM JSON policy elements: Resource', () => {
  it('ARNs are case-sensitive', () => {
    expect(
      matches(
        { Action: '*', Resource: 'arn:aws:iam::111122223333:user/Bob' },
        request('iam:GetUser', 'arn:aws:iam::111122223333:user/bob'),
      ),
    ).toBe(false);
    expect(
      matches(
        { Action: '*', Resource: 'arn:aws:iam::111122223333:user/Bob' },
        request('iam:GetUser', 'arn:aws:iam::111122223333:user/Bob'),
      ),
    ).toBe(true);
  });
  it('`*` expands to replace everything within a segment, including `/`', () => {
    expect(
      matches(
        { Action: '*', Resource: 'arn:aws:s3:::bucket/*' },
        request('s3:GetObject', 'arn:aws:s3:::bucket/a/b/c.txt'),
      ),
    ).toBe(true);
    expect(
      matches(
        { Action: '*', Resource: 'arn:aws:iam::111122223333:user/accounting/*' },
        request('iam:GetUser', 'arn:aws:iam::111122223333:user/accounting/eng/jo'),
      ),
    ).toBe(true);
  });
  it('a `*` that ends a segment can match beyond the colon boundaries', () => {
    const r = 'arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1';
    expect(
      matches(
        { Action: '*', Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:*' },
        request('logs:PutLogEvents', r),
      ),
    ).toBe(true);
    expect(matches({ Action: '*', Resource: 'arn:aws:logs:*' }, request('logs:PutLogEvents', r))).toBe(true);
  });
  it('`*` in the region and account segments', () => {
    expect(
      matches(
        { Action: '*', Resource: 'arn:aws:sqs:*:*:queue1' },
        request('sqs:SendMessage', 'arn:aws:sqs:us-east-2:111122223333:queue1'),
      ),
    ).toBe(true);
    expect(
      matches(
        { Action: '*', Resource: 'arn:aws:sqs:*:*:queue1' },
        request('sqs:SendMessage', 'arn:aws:sqs:us-east-2:111122223333:queue2'),
      ),
    ).toBe(false);
  });
  it('`?` matches one character', () => {
    expect(
      matches({ Action: '*', Resource: 'arn:aws:s3:::log-202?' }, request('s3:ListBucket', 'arn:aws:s3:::log-2026')),
    ).toBe(true);
    expect(
      matches({ Action: '*', Resource: 'arn:aws:s3:::log-202?' }, request('s3:ListBucket', 'arn:aws:s3:::log-20266')),
    ).toBe(false);
  });
  it('`"*"` alone matches every resource, including actions that take none', () => {
    expect(matches({ Action: '*', Resource: '*' }, request('s3:ListAllMyBuckets', '*'))).toBe(true);
    expect(matches({ Action: '*', Resource: 'arn:aws:s3:::*' }, request('s3:ListAllMyBuckets', '*'))).toBe(false);
  });
  it('substitutes policy variables; substituted values are literal', () => {
    const st = { Action: '*', Resource: 'arn:aws:s3:::b/home/${aws:username}/*' };
    expect(matches(st, request('s3:GetObject', 'arn:aws:s3:::b/home/alice/x', { 'aws:username': 'alice' }))).toBe(true);
    expect(matches(st, request('s3:GetObject', 'arn:aws:s3:::b/home/bob/x', { 'aws:username': 'alice' }))).toBe(false);
    expect(matches(st, request('s3:GetObject', 'arn:aws:s3:::b/home/alice/x', { 'aws:username': '*' }))).toBe(false);
  });
  it('a missing variable makes that value not match', () => {
    const st = { Action: '*', Resource: ['arn:aws:s3:::b/home/${aws:username}/*', 'arn:aws:s3:::b/public/*'] };
    expect(matches(st, request('s3:GetObject', 'arn:aws:s3:::b/home//x'))).toBe(false);
    expect(matches(st, request('s3:GetObject', 'arn:aws:s3:::b/public/x'))).toBe(true);
  });
  it('escapes ${*} ${?} ${$} stand for literal characters', () => {
    const st = { Action: '*', Resource: 'arn:aws:s3:::b/${*}${?}${$}' };
    expect(matches(st, request('s3:GetObject', 'arn:aws:s3:::b/*?$'))).toBe(true);
    expect(matches(st, request('s3:GetObject', 'arn:aws:s3:::b/abc'))).toBe(false);
  });
  it('variables are literal text under Version 2008-10-17 and with no Version', () => {
    const st = { Action: '*', Resource: 'arn:aws:s3:::b/${aws:username}' };
    const req = request('s3:GetObject', 'arn:aws:s3:::b/${aws:username}', { 'aws:username': 'alice' });
    expect(matches(st, req, 'identity', '2008-10-17')).toBe(true);
    expect(
      matches(
        st,
        request('s3:GetObject', 'arn:aws:s3:::b/alice', { 'aws:username': 'alice' }),
        'identity',
        '2008-10-17',
      ),
    ).toBe(false);
    expect(matches(st, req, 'identity', '')).toBe(true);
  });
});

describe('IAM JSON policy elements: NotResource', () => {
  it('matches every resource not listed', () => {
    expect(
      matches({ Action: '*', NotResource: 'arn:aws:s3:::secret/*' }, request('s3:GetObject', 'arn:aws:s3:::public/x')),
    ).toBe(true);
    expect(
      matches({ Action: '*', NotResource: 'arn:aws:s3:::secret/*' }, request('s3:GetObject', 'arn:aws:s3:::secret/x')),
    ).toBe(false);
  });
});

const ACCT = '111122223333';
const BOB: Caller = { kind: 'user', arn: 'arn:aws:iam::444455556666:user/bob', account: '444455556666' };
const SESSION: Caller = {
  kind: 'assumed-role',
  arn: `arn:aws:sts::${ACCT}:assumed-role/Admin/jo`,
  account: ACCT,
  roleArn: `arn:aws:iam::${ACCT}:role/ops/Admin`,
};
const ANON: Caller = { kind: 'anonymous', arn: '' };
const EC2: Caller = { kind: 'service', arn: '', service: 'ec2.amazonaws.com' };
const WEB: Caller = { kind: 'web-identity', arn: '', provider: 'cognito-identity.amazonaws.com' };
const FED: Caller = { kind: 'federated-user', arn: `arn:aws:sts::${ACCT}:federated-user/ann`, account: ACCT };
const ROOT: Caller = { kind: 'account', arn: `arn:aws:iam::${ACCT}:root`, account: ACCT };

function principalOf(principal: unknown, caller: Caller): boolean {
  return matches(
    { Principal: principal, Action: '*', Resource: '*' },
    request('s3:GetObject', '*', {}, caller),
    'resource',
  );
}
function notPrincipalOf(notPrincipal: unknown, caller: Caller): boolean {
  return matches(
    { NotPrincipal: notPrincipal, Action: '*', Resource: '*' },
    request('s3:GetObject', '*', {}, caller),
    'resource',
  );
}

describe('AWS JSON policy elements: Principal', () => {
  it('`"*"` and `{"AWS": "*"}` match everyone, anonymous callers included', () => {
    for (const c of [ALICE, BOB, SESSION, ANON, EC2]) {
      expect(principalOf('*', c)).toBe(true);
      expect(principalOf({ AWS: '*' }, c)).toBe(true);
    }
  });
  it('an account id or the :root ARN matches every principal of that account', () => {
    expect(principalOf({ AWS: ACCT }, ALICE)).toBe(true);
    expect(principalOf({ AWS: `arn:aws:iam::${ACCT}:root` }, SESSION)).toBe(true);
    expect(principalOf({ AWS: `arn:aws:iam::${ACCT}:root` }, ROOT)).toBe(true);
    expect(principalOf({ AWS: `arn:aws:iam::${ACCT}:root` }, FED)).toBe(true);
    expect(principalOf({ AWS: ACCT }, BOB)).toBe(false);
    expect(principalOf({ AWS: ACCT }, ANON)).toBe(false);
  });
  it('a user ARN matches that user only', () => {
    expect(principalOf({ AWS: ALICE.arn }, ALICE)).toBe(true);
    expect(principalOf({ AWS: [ALICE.arn] }, BOB)).toBe(false);
  });
  it('a role ARN matches every session of the role', () => {
    expect(principalOf({ AWS: `arn:aws:iam::${ACCT}:role/ops/Admin` }, SESSION)).toBe(true);
    expect(principalOf({ AWS: `arn:aws:iam::${ACCT}:role/Admin` }, SESSION)).toBe(false);
  });
  it('an assumed-role session ARN matches that session only', () => {
    expect(principalOf({ AWS: SESSION.arn }, SESSION)).toBe(true);
    expect(principalOf({ AWS: `arn:aws:sts::${ACCT}:assumed-role/Admin/other` }, SESSION)).toBe(false);
  });
  it('a federated-user ARN matches that federated user', () => {
    expect(principalOf({ AWS: FED.arn }, FED)).toBe(true);
  });
  it('Service principals match the service', () => {
    expect(principalOf({ Service: 'ec2.amazonaws.com' }, EC2)).toBe(true);
    expect(principalOf({ Service: ['lambda.amazonaws.com'] }, EC2)).toBe(false);
    expect(principalOf({ Service: 'ec2.amazonaws.com' }, ALICE)).toBe(false);
  });
  it('Federated principals match web identity and SAML callers of that provider', () => {
    expect(principalOf({ Federated: 'cognito-identity.amazonaws.com' }, WEB)).toBe(true);
    expect(principalOf({ Federated: 'accounts.google.com' }, WEB)).toBe(false);
    const saml: Caller = { kind: 'saml', arn: '', provider: `arn:aws:iam::${ACCT}:saml-provider/Okta` };
    expect(principalOf({ Federated: `arn:aws:iam::${ACCT}:saml-provider/Okta` }, saml)).toBe(true);
  });
  it('CanonicalUser principals match the canonical user id', () => {
    expect(principalOf({ CanonicalUser: 'abc123' }, { ...ALICE, canonicalUser: 'abc123' })).toBe(true);
    expect(principalOf({ CanonicalUser: 'abc123' }, ALICE)).toBe(false);
  });
  it('a group cannot be a principal: a group ARN matches nobody', () => {
    expect(principalOf({ AWS: `arn:aws:iam::${ACCT}:group/devs` }, ALICE)).toBe(false);
  });
  it('a wildcard inside a principal ARN is not a wildcard', () => {
    expect(principalOf({ AWS: `arn:aws:iam::${ACCT}:user/*` }, ALICE)).toBe(false);
  });
});

describe('AWS JSON policy elements: NotPrincipal', () => {
  it('applies to every caller not listed', () => {
    expect(notPrincipalOf({ AWS: ALICE.arn }, BOB)).toBe(true);
    expect(notPrincipalOf({ AWS: ALICE.arn }, ANON)).toBe(true);
  });
  it('a user is exempt only with both its ARN and its account listed', () => {
    expect(notPrincipalOf({ AWS: [ALICE.arn, ACCT] }, ALICE)).toBe(false);
    expect(notPrincipalOf({ AWS: ALICE.arn }, ALICE)).toBe(true);
  });
  it('a session is exempt only with the session, its role and the account listed', () => {
    expect(notPrincipalOf({ AWS: [SESSION.arn, SESSION.roleArn, `arn:aws:iam::${ACCT}:root`] }, SESSION)).toBe(false);
    expect(notPrincipalOf({ AWS: [SESSION.roleArn, `arn:aws:iam::${ACCT}:root`] }, SESSION)).toBe(true);
  });
  it('`"*"` exempts everyone', () => {
    expect(notPrincipalOf('*', ALICE)).toBe(false);
  });
  it('a service is exempt when listed', () => {
    expect(notPrincipalOf({ Service: 'ec2.amazonaws.com' }, EC2)).toBe(false);
  });
});
