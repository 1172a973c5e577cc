import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { ManagedPolicyLibrary } from './library';

const data = JSON.parse(
  readFileSync(new URL('../../data/aws-managed-policies.json', import.meta.url), 'utf8'),
) as unknown;
const library = ManagedPolicyLibrary.fromData(data);

describe('managed policy library', () => {
  it('holds all 1,645 AWS managed policies', () => {
    expect(library.size).toBe(1645);
  });

  it('ranks the exact name first', () => {
    const r = library.search('AmazonS3ReadOnlyAccess');
    expect(r.hits[0]).toEqual({
      name: 'AmazonS3ReadOnlyAccess',
      arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      version: 'v3',
      deprecated: false,
      group: 'attachable',
    });
  });

  it('ranks policies a person attaches by a word of their name before service-role policies', () => {
    expect(library.search('s3', 3).hits.map((h) => h.name)).toEqual([
      'S3UnlockBucketPolicy',
      'AmazonS3FullAccess',
      'AmazonS3ReadOnlyAccess',
    ]);
    expect(library.search('lambda', 3).hits.map((h) => h.name)).toEqual([
      'AWSLambdaExecute',
      'AWSLambda_FullAccess',
      'AWSLambda_ReadOnlyAccess',
    ]);
  });

  it('matches every word of the query, case-insensitively', () => {
    const r = library.search('s3 READONLY');
    expect(r.hits.map((h) => h.name)).toContain('AmazonS3ReadOnlyAccess');
    expect(r.hits.every((h) => h.arn.toLowerCase().includes('s3') && h.arn.toLowerCase().includes('readonly'))).toBe(
      true,
    );
  });

  it('limits the list but counts every match', () => {
    const r = library.search('', 10);
    expect(r.hits.length).toBe(10);
    expect(r.total).toBe(1645);
  });

  it('lists the whole library by group, job function first, then A–Z within each group', () => {
    const all = library.search('', 200).hits;
    expect(all.slice(0, 11).map((h) => h.name)).toEqual([
      'AmazonODBAutonomousVmClusterAdmin',
      'AmazonODBExadataInfrastructureAdmin',
      'AmazonODBNetworkAdmin',
      'AWSManagementConsoleAdministratorAccess',
      'Billing',
      'DatabaseAdministrator',
      'DataScientist',
      'NetworkAdministrator',
      'SupportUser',
      'SystemAdministrator',
      'ViewOnlyAccess',
    ]);
    expect(all.slice(0, 11).every((h) => h.group === 'job-function')).toBe(true);
    expect(all[11].group).toBe('attachable');
    // Within a group the names are in dictionary order, whatever their case.
    const attachable = all.filter((h) => h.group === 'attachable').map((h) => h.name);
    expect(attachable).toEqual([...attachable].sort((a, b) => a.localeCompare(b, 'en')));
    expect(attachable.slice(0, 2)).toEqual(['AccountManagementFromVercel', 'AdministratorAccess']);
  });

  it('answers an unknown name with nothing', () => {
    expect(library.search('no-such-policy-zzz')).toEqual({ total: 0, size: 1645, hits: [] });
    expect(library.get('no-such-policy-zzz')).toBeUndefined();
  });

  it('gives the document as indented JSON text', () => {
    const p = library.get('amazons3readonlyaccess');
    expect(p?.name).toBe('AmazonS3ReadOnlyAccess');
    expect(JSON.parse(p!.text)).toEqual({
      Statement: [
        {
          Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
          Effect: 'Allow',
          Resource: '*',
        },
      ],
      Version: '2012-10-17',
    });
    expect(p!.text.startsWith('{\n  "Statement"')).toBe(true);
    expect({ version: p!.version, group: p!.group, statements: p!.statements }).toEqual({
      version: 'v3',
      group: 'attachable',
      statements: 1,
    });
    expect(library.get('DataScientist')?.group).toBe('job-function');
  });

  it('skips malformed rows and gives an ARN to rows without one', () => {
    const lib = ManagedPolicyLibrary.fromData({
      policies: [null, { name: 1 }, { name: 'X', document: {} }, { name: 'Y' }],
    });
    expect(lib.size).toBe(1);
    expect(lib.search('x').hits[0]).toEqual({
      name: 'X',
      arn: 'arn:aws:iam::aws:policy/X',
      version: undefined,
      deprecated: false,
      group: 'attachable',
    });
    expect(ManagedPolicyLibrary.fromData('garbage').size).toBe(0);
  });
});
