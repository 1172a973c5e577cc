import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog';
import { parseCaller } from '../caller';
import { RCP_SERVICES, isAssumeRole, isKmsKey, rcpsApply } from './applicability';

function caller(p: string) {
  const r = parseCaller(p);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value;
}

describe('which policy types apply (Organizations User Guide, "RCPs"; IAM User Guide, "Policy evaluation logic")', () => {
  it("RCPs govern exactly the catalogue's services that support them", async () => {
    const catalog = await loadCatalog();
    const fromCatalog = catalog.services
      .filter((s) => s.supportsRcp)
      .map((s) => s.prefix)
      .sort();
    expect([...RCP_SERVICES].sort()).toEqual(fromCatalog);
    expect(RCP_SERVICES.size).toBe(62);
  });

  it('RCPs apply to supported services only, and never to service-linked roles', () => {
    const alice = caller('arn:aws:iam::111122223333:user/alice');
    expect(rcpsApply(alice, 'codebuild:StartBuild')).toBe(true);
    expect(rcpsApply(alice, 'S3:GetObject')).toBe(true);
    expect(rcpsApply(alice, 'lambda:InvokeFunction')).toBe(false);
    expect(rcpsApply(alice, 'ec2:RunInstances')).toBe(false);
    const slr = caller(
      'arn:aws:iam::111122223333:role/aws-service-role/elasticmapreduce.amazonaws.com/AWSServiceRoleForEMR',
    );
    expect(rcpsApply(slr, 's3:GetObject')).toBe(false);
  });

  it('the trust policy authorizes sts:AssumeRole*, sts:TagSession, sts:SetSourceIdentity and sts:SetContext on a role', () => {
    const role = 'arn:aws:iam::111122223333:role/Admin';
    for (const a of [
      'sts:AssumeRole',
      'sts:AssumeRoleWithWebIdentity',
      'sts:AssumeRoleWithSAML',
      'sts:TagSession',
      'STS:SetSourceIdentity',
      'sts:SetContext',
    ])
      expect([a, isAssumeRole(a, role)]).toEqual([a, true]);
    expect(isAssumeRole('sts:GetCallerIdentity', role)).toBe(false);
    expect(isAssumeRole('sts:TagSession', 'arn:aws:iam::111122223333:user/alice')).toBe(false);
    expect(isAssumeRole('sts:AssumeRole', 'arn:aws:iam:us-east-1:111122223333:role/Admin')).toBe(false);
  });

  it('KMS actions on a key ARN need the key policy', () => {
    expect(isKmsKey('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd')).toBe(true);
    expect(isKmsKey('kms:Decrypt', 'arn:aws:kms:us-east-1:111122223333:alias/app')).toBe(false);
    expect(isKmsKey('s3:GetObject', 'arn:aws:kms:us-east-1:111122223333:key/1234abcd')).toBe(false);
  });
});
