import { describe, it, expect } from 'vitest';
import { loadManagedPolicies } from '../catalog';
import { managedPolicyLookup } from './managed';

const lookup = managedPolicyLookup(await loadManagedPolicies());

describe('managedPolicyLookup', () => {
  it('gives an AWS managed policy by ARN with its default version in effect', () => {
    const p = lookup('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')!;
    expect(p.arn).toBe('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    expect(p.defaultVersion).toBe('v3');
    const inEffect = p.versions.find((v) => v.versionId === p.defaultVersion)!;
    expect(inEffect.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
          Resource: '*',
        },
      ],
    });
  });

  it('keeps the older versions, newest first, for a learner to see', () => {
    const p = lookup('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')!;
    expect(p.versions.map((v) => [v.versionId, v.createDate])).toEqual([
      ['v3', '2023-08-10T21:31:39Z'],
      ['v2', '2021-09-27T20:24:58Z'],
      ['v1', '2015-02-06T18:40:59Z'],
    ]);
    expect(p.versions[2].document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }],
    });
  });

  it('finds policies under a path by their whole ARN, and nothing else', () => {
    expect(lookup('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')?.versions.length).toBe(33);
    expect(lookup('arn:aws:iam::aws:policy/ViewOnlyAccess')).toBeUndefined();
    expect(lookup('arn:aws:iam::111122223333:policy/AmazonS3ReadOnlyAccess')).toBeUndefined();
  });

  it('builds a policy once and gives the same one again', () => {
    const arn = 'arn:aws:iam::aws:policy/AdministratorAccess';
    expect(lookup(arn)).toBe(lookup(arn));
  });
});
