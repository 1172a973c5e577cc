import { describe, expect, it } from 'vitest';
import { isServiceLinkedRole, parseCaller, sessionName, userName } from './caller';

function ok(principal: string) {
  const r = parseCaller(principal);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value;
}
function err(principal: string) {
  const r = parseCaller(principal);
  if (r.ok) throw new Error(`expected an error for ${principal}`);
  return r.errors[0];
}

describe('parseCaller (IAM User Guide, "IAM identifiers")', () => {
  it('reads anonymous', () => {
    expect(ok('anonymous')).toEqual({ kind: 'anonymous', arn: '' });
  });
  it('reads an account id as the account', () => {
    expect(ok('111122223333')).toEqual({
      kind: 'account',
      arn: 'arn:aws:iam::111122223333:root',
      account: '111122223333',
    });
  });
  it('reads the root ARN', () => {
    expect(ok('arn:aws:iam::111122223333:root')).toEqual({
      kind: 'account',
      arn: 'arn:aws:iam::111122223333:root',
      account: '111122223333',
    });
  });
  it('reads a user with a path', () => {
    const c = ok('arn:aws:iam::111122223333:user/division/alice');
    expect(c).toEqual({ kind: 'user', arn: 'arn:aws:iam::111122223333:user/division/alice', account: '111122223333' });
    expect(userName(c)).toBe('alice');
  });
  it('reads a role', () => {
    expect(ok('arn:aws:iam::111122223333:role/Dev')).toEqual({
      kind: 'role',
      arn: 'arn:aws:iam::111122223333:role/Dev',
      account: '111122223333',
      roleArn: 'arn:aws:iam::111122223333:role/Dev',
    });
  });
  it('reads an assumed-role session and derives the role ARN', () => {
    const c = ok('arn:aws:sts::111122223333:assumed-role/Dev/alice-session');
    expect(c).toEqual({
      kind: 'assumed-role',
      arn: 'arn:aws:sts::111122223333:assumed-role/Dev/alice-session',
      account: '111122223333',
      roleArn: 'arn:aws:iam::111122223333:role/Dev',
    });
    expect(sessionName(c)).toBe('alice-session');
  });
  it('takes the role path from the facts', () => {
    const r = parseCaller('arn:aws:sts::111122223333:assumed-role/Dev/s', {
      roleArn: 'arn:aws:iam::111122223333:role/team/Dev',
    });
    expect(r.ok && r.value.roleArn).toBe('arn:aws:iam::111122223333:role/team/Dev');
  });
  it('reads a federated user', () => {
    expect(ok('arn:aws:sts::111122223333:federated-user/carol')).toEqual({
      kind: 'federated-user',
      arn: 'arn:aws:sts::111122223333:federated-user/carol',
      account: '111122223333',
    });
  });
  it('reads service principals', () => {
    expect(ok('ec2.amazonaws.com')).toEqual({
      kind: 'service',
      arn: 'ec2.amazonaws.com',
      service: 'ec2.amazonaws.com',
    });
    expect(ok('states.cn-north-1.amazonaws.com.cn').kind).toBe('service');
  });
  it('reads web identity and SAML providers', () => {
    expect(ok('cognito-identity.amazonaws.com')).toEqual({
      kind: 'web-identity',
      arn: 'cognito-identity.amazonaws.com',
      provider: 'cognito-identity.amazonaws.com',
    });
    expect(ok('accounts.google.com').kind).toBe('web-identity');
    expect(ok('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com').kind).toBe('web-identity');
    expect(ok('arn:aws:iam::111122223333:saml-provider/Okta')).toEqual({
      kind: 'saml',
      arn: 'arn:aws:iam::111122223333:saml-provider/Okta',
      account: '111122223333',
      provider: 'arn:aws:iam::111122223333:saml-provider/Okta',
    });
  });
  it('reads other partitions', () => {
    expect(ok('arn:aws-cn:iam::111122223333:user/a').kind).toBe('user');
  });
  it('knows service-linked roles by their path', () => {
    expect(
      isServiceLinkedRole(ok('arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX')),
    ).toBe(true);
    expect(isServiceLinkedRole(ok('arn:aws:iam::111122223333:role/Dev'))).toBe(false);
  });
});

describe('parseCaller: malformed principals get clear findings', () => {
  it('rejects a group', () => {
    const f = err('arn:aws:iam::111122223333:group/Admins');
    expect(f.code).toBe('evaluate.request.principal');
    expect(f.message).toBe('a group cannot be a principal: `arn:aws:iam::111122223333:group/Admins`');
  });
  it('rejects a short account id', () => {
    expect(err('arn:aws:iam::1111:user/a').message).toBe('`1111` is not a 12-digit account id');
  });
  it('rejects a region on an IAM ARN', () => {
    expect(err('arn:aws:iam:us-east-1:111122223333:user/a').message).toBe(
      'the principal `arn:aws:iam:us-east-1:111122223333:user/a` has a region; IAM and STS ARNs have none',
    );
  });
  it('rejects other services', () => {
    expect(err('arn:aws:s3:::bucket').message).toBe('`arn:aws:s3:::bucket` is not an IAM or STS principal');
  });
  it('rejects a session ARN without a session name', () => {
    expect(err('arn:aws:sts::111122223333:assumed-role/Dev').message).toBe(
      '`arn:aws:sts::111122223333:assumed-role/Dev` is not a role session ARN',
    );
  });
  it('rejects an unknown partition', () => {
    expect(err('arn:aws-mars:iam::111122223333:user/a').message).toBe('`aws-mars` is not an AWS partition');
  });
  it('rejects plain words and empty strings', () => {
    expect(err('alice').message).toBe('`alice` is not a principal');
    expect(err('').message).toBe('the request has no principal');
  });
  it('answers hostile input with a finding, not an exception', () => {
    expect(err('arn:' + ':'.repeat(5000)).code).toBe('evaluate.request.principal');
    expect(err('x`y').message).toBe("`x'y` is not a principal");
  });
});
