import { describe, expect, it } from 'vitest';
import { arnAccount, arnRegion, isArn, isKmsKeyArn, isRoleArn, parseArn, principalAccount, splitArn } from './arn';

describe('ARNs (IAM User Guide, "IAM identifiers")', () => {
  it('splits at the first five colons: the resource part keeps its colons', () => {
    expect(splitArn('arn:aws:logs:us-east-1:111122223333:log-group:app:*')).toEqual([
      'arn',
      'aws',
      'logs',
      'us-east-1',
      '111122223333',
      'log-group:app:*',
    ]);
    expect(splitArn('arn:aws:s3')).toBeUndefined();
    expect(parseArn('arn:aws:s3:::bucket/key')).toEqual({
      partition: 'aws',
      service: 's3',
      region: '',
      account: '',
      resource: 'bucket/key',
    });
    expect(parseArn('urn:aws:s3:::bucket')).toBeUndefined();
    expect(isArn('arn:aws:iam::111122223333:root')).toBe(true);
    expect(isArn('111122223333')).toBe(false);
  });

  it('reads the account and the region when the ARN has them', () => {
    expect(arnAccount('arn:aws:sqs:eu-west-1:444455556666:queue')).toBe('444455556666');
    expect(arnAccount('arn:aws:s3:::bucket')).toBeUndefined();
    expect(arnAccount('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(arnRegion('arn:aws:sqs:eu-west-1:444455556666:queue')).toBe('eu-west-1');
    expect(arnRegion('arn:aws:iam::111122223333:role/R')).toBeUndefined();
  });

  it('reads the account a principal value names', () => {
    expect(principalAccount('111122223333')).toBe('111122223333');
    expect(principalAccount('arn:aws:iam::111122223333:root')).toBe('111122223333');
    expect(principalAccount('arn:aws-cn:iam::111122223333:root')).toBe('111122223333');
    expect(principalAccount('arn:aws:iam::111122223333:user/root')).toBeUndefined();
    expect(principalAccount('arn:aws:sts::111122223333:root')).toBeUndefined();
  });

  it('recognises role and KMS key ARNs', () => {
    expect(isRoleArn('arn:aws:iam::111122223333:role/path/Admin')).toBe(true);
    expect(isRoleArn('arn:aws:iam::111122223333:user/Admin')).toBe(false);
    expect(isRoleArn('arn:aws:iam:us-east-1:111122223333:role/Admin')).toBe(false);
    expect(isKmsKeyArn('arn:aws:kms:us-east-1:111122223333:key/k')).toBe(true);
    expect(isKmsKeyArn('arn:aws:kms:us-east-1:111122223333:alias/k')).toBe(false);
  });
});
