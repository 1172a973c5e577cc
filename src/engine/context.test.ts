import { describe, expect, it } from 'vitest';
import { buildContext, contextValues, derivedUniqueId } from './context';
import { parseCaller } from './caller';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
function caller(p: string) {
  const r = parseCaller(p);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value;
}

describe('buildContext (IAM User Guide, "AWS global condition context keys")', () => {
  it('fills the keys of an IAM user request', () => {
    const ctx = buildContext(
      caller('arn:aws:iam::111122223333:user/alice'),
      'arn:aws:s3:::b/k',
      {},
      { now: NOW, uniqueId: 'AIDAEXAMPLE', principalTags: { team: 'web' } },
    );
    expect(contextValues(ctx)).toEqual({
      'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/alice',
      'aws:PrincipalAccount': '111122223333',
      'aws:PrincipalType': 'User',
      'aws:username': 'alice',
      'aws:userid': 'AIDAEXAMPLE',
      'aws:PrincipalIsAWSService': 'false',
      'aws:PrincipalTag/team': 'web',
      'aws:ResourceAccount': '111122223333',
      'aws:RequestedRegion': 'us-east-1',
      'aws:CurrentTime': '2026-01-15T12:00:00Z',
      'aws:EpochTime': '1768478400',
      'aws:SecureTransport': 'true',
      'aws:ViaAWSService': 'false',
    });
  });
  it('fills the keys of a role session: role ARN, role-id:session, MFA false, token time', () => {
    const ctx = contextValues(
      buildContext(
        caller('arn:aws:sts::111122223333:assumed-role/Dev/s1'),
        'arn:aws:dynamodb:eu-west-1:444455556666:table/T',
        {},
        {
          now: NOW,
          uniqueId: 'AROAEXAMPLE',
          principalTags: { team: 'web', env: 'dev' },
          sessionTags: { team: 'data' },
          principalOrgId: 'o-a1b2c3d4e5',
          principalOrgPath: 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/',
        },
      ),
    );
    expect(ctx['aws:PrincipalArn']).toBe('arn:aws:iam::111122223333:role/Dev');
    expect(ctx['aws:PrincipalType']).toBe('AssumedRole');
    expect(ctx['aws:userid']).toBe('AROAEXAMPLE:s1');
    expect(ctx['aws:username']).toBeUndefined();
    expect(ctx['aws:PrincipalTag/team']).toBe('data');
    expect(ctx['aws:PrincipalTag/env']).toBe('dev');
    expect(ctx['aws:PrincipalOrgID']).toBe('o-a1b2c3d4e5');
    expect(ctx['aws:PrincipalOrgPaths']).toEqual(['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/']);
    expect(ctx['aws:ResourceAccount']).toBe('444455556666');
    expect(ctx['aws:RequestedRegion']).toBe('eu-west-1');
    expect(ctx['aws:MultiFactorAuthPresent']).toBe('false');
    expect(ctx['aws:MultiFactorAuthAge']).toBeUndefined();
    expect(ctx['aws:TokenIssueTime']).toBe('2026-01-15T12:00:00Z');
  });
  it('fills MFA age for an MFA session', () => {
    const ctx = contextValues(
      buildContext(
        caller('arn:aws:sts::111122223333:assumed-role/Dev/s1'),
        '*',
        {},
        { now: NOW, mfa: true, tokenIssued: NOW - 90_000 },
      ),
    );
    expect(ctx['aws:MultiFactorAuthPresent']).toBe('true');
    expect(ctx['aws:MultiFactorAuthAge']).toBe('90');
  });
  it('keeps absent what does not apply: anonymous callers', () => {
    const ctx = contextValues(buildContext(caller('anonymous'), 'arn:aws:s3:::b/k', {}, { now: NOW }));
    expect(ctx['aws:PrincipalType']).toBe('Anonymous');
    expect(ctx['aws:PrincipalArn']).toBeUndefined();
    expect(ctx['aws:PrincipalAccount']).toBeUndefined();
    expect(ctx['aws:ResourceAccount']).toBeUndefined();
    expect(ctx['aws:MultiFactorAuthPresent']).toBeUndefined();
  });
  it('fills service principal keys', () => {
    const ctx = contextValues(
      buildContext(caller('sns.amazonaws.com'), 'arn:aws:sqs:us-east-1:111122223333:q', {}, { now: NOW }),
    );
    expect(ctx['aws:PrincipalIsAWSService']).toBe('true');
    expect(ctx['aws:PrincipalServiceName']).toBe('sns.amazonaws.com');
    expect(ctx['aws:PrincipalType']).toBeUndefined();
  });
  it('gives federated users account:name as aws:userid', () => {
    const ctx = contextValues(
      buildContext(caller('arn:aws:sts::111122223333:federated-user/carol'), '*', {}, { now: NOW }),
    );
    expect(ctx['aws:userid']).toBe('111122223333:carol');
    expect(ctx['aws:PrincipalType']).toBe('FederatedUser');
  });
  it('lets a key the caller sets win, whatever its case', () => {
    const ctx = buildContext(
      caller('arn:aws:iam::111122223333:user/alice'),
      '*',
      { 'AWS:PrincipalType': 'Account', 'aws:SourceIp': '10.0.0.1', 'aws:TagKeys': ['a', 'b'] },
      { now: NOW },
    );
    expect(ctx['aws:principaltype']).toEqual({ key: 'AWS:PrincipalType', value: 'Account' });
    expect(ctx['aws:sourceip']).toEqual({ key: 'aws:SourceIp', value: '10.0.0.1' });
    expect(ctx['aws:tagkeys']).toEqual({ key: 'aws:TagKeys', value: ['a', 'b'] });
  });
  it('fills resource tags and resource org keys', () => {
    const ctx = contextValues(
      buildContext(
        caller('111122223333'),
        'arn:aws:s3:::b',
        {},
        { now: NOW, resourceTags: { owner: 'x' }, resourceOrgId: 'o-a1b2c3d4e5', resourceAccount: '444455556666' },
      ),
    );
    expect(ctx['aws:ResourceTag/owner']).toBe('x');
    expect(ctx['aws:ResourceOrgID']).toBe('o-a1b2c3d4e5');
    expect(ctx['aws:ResourceAccount']).toBe('444455556666');
    expect(ctx['aws:PrincipalType']).toBe('Account');
    expect(ctx['aws:userid']).toBe('111122223333');
  });
  it('derives stable AWS-shaped unique ids', () => {
    const a = derivedUniqueId('AIDA', 'arn:aws:iam::111122223333:user/alice');
    expect(a).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(derivedUniqueId('AIDA', 'arn:aws:iam::111122223333:user/alice')).toBe(a);
    expect(derivedUniqueId('AIDA', 'arn:aws:iam::111122223333:user/bob')).not.toBe(a);
  });
  it('derives aws:EpochTime from a given aws:CurrentTime and the other way round; the clock only when neither is given', () => {
    const alice = caller('arn:aws:iam::111122223333:user/alice');
    const fromCurrent = contextValues(
      buildContext(alice, '*', { 'aws:CurrentTime': '2020-02-29T10:00:00Z' }, { now: NOW }),
    );
    expect(fromCurrent['aws:EpochTime']).toBe('1582970400');
    expect(fromCurrent['aws:CurrentTime']).toBe('2020-02-29T10:00:00Z');
    const fromEpoch = contextValues(buildContext(alice, '*', { 'AWS:EpochTime': '1582970400' }, { now: NOW }));
    expect(fromEpoch['aws:CurrentTime']).toBe('2020-02-29T10:00:00Z');
    expect(fromEpoch['AWS:EpochTime']).toBe('1582970400');
    const neither = contextValues(buildContext(alice, '*', {}, { now: NOW }));
    expect([neither['aws:CurrentTime'], neither['aws:EpochTime']]).toEqual(['2026-01-15T12:00:00Z', '1768478400']);
    const session = contextValues(
      buildContext(
        caller('arn:aws:sts::111122223333:assumed-role/Dev/s1'),
        '*',
        { 'aws:EpochTime': '1582970400' },
        {
          now: NOW,
          mfa: true,
          tokenIssued: Date.UTC(2020, 1, 29, 9, 0, 0),
        },
      ),
    );
    expect(session['aws:MultiFactorAuthAge']).toBe('3600');
  });
});
