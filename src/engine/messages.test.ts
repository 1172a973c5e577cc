import { describe, expect, it } from 'vitest';
import { accessDeniedMessage } from './messages';

const U = 'arn:aws:iam::111122223333:user/alice';
describe('accessDeniedMessage (IAM User Guide, "Troubleshoot access denied error messages")', () => {
  it('implicit deny by identity policies', () => {
    expect(
      accessDeniedMessage({
        principalArn: U,
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::b/k',
        kind: 'implicit',
        policyType: 'identity',
      }),
    ).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::b/k because no identity-based policy allows the s3:PutObject action',
    );
  });
  it('explicit deny in each policy type', () => {
    const m = (policyType: 'identity' | 'resource' | 'boundary' | 'session' | 'scp' | 'rcp') =>
      accessDeniedMessage({ principalArn: U, action: 'ec2:RunInstances', resource: '*', kind: 'explicit', policyType });
    const head =
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:RunInstances with an explicit deny in ';
    expect(m('identity')).toBe(head + 'an identity-based policy');
    expect(m('resource')).toBe(head + 'a resource-based policy');
    expect(m('boundary')).toBe(head + 'a permissions boundary');
    expect(m('session')).toBe(head + 'a session policy');
    expect(m('scp')).toBe(head + 'a service control policy');
    expect(m('rcp')).toBe(head + 'a resource control policy');
  });
  it('implicit deny by a boundary, a session policy and an SCP', () => {
    const m = (policyType: 'boundary' | 'session' | 'scp') =>
      accessDeniedMessage({ principalArn: U, action: 'iam:ListUsers', resource: '*', kind: 'implicit', policyType });
    expect(m('boundary')).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListUsers because no permissions boundary allows the iam:ListUsers action',
    );
    expect(m('session')).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListUsers because no session policy allows the iam:ListUsers action',
    );
    expect(m('scp')).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListUsers because no service control policy allows the iam:ListUsers action',
    );
  });
  it('anonymous callers', () => {
    expect(
      accessDeniedMessage({
        principalArn: '',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        kind: 'implicit',
        policyType: 'resource',
      }),
    ).toBe(
      'User: anonymous is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k because no resource-based policy allows the s3:GetObject action',
    );
  });
  it('STS answers a refused trust policy without a reason (cognito-sts reference 8.3)', () => {
    expect(
      accessDeniedMessage({
        principalArn: U,
        action: 'sts:AssumeRole',
        resource: 'arn:aws:iam::111122223333:role/Admin',
        kind: 'implicit',
        policyType: 'trust',
      }),
    ).toBe(
      'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/Admin',
    );
    expect(
      accessDeniedMessage({
        principalArn: 'cognito-identity.amazonaws.com',
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: 'arn:aws:iam::111122223333:role/R',
        kind: 'implicit',
        policyType: 'trust',
      }),
    ).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });
});
