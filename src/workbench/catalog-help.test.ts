import { describe, it, expect } from 'vitest';
import { loadDescribedCatalog } from '../catalog';
import { fillTemplate, requestHints, suggestActions } from './catalog-help';

describe('catalogue help for the request builder', () => {
  it('completes service prefixes, then actions with their access level', async () => {
    const catalog = await loadDescribedCatalog();
    const services = suggestActions(catalog, 's3');
    expect(services.map((s) => s.value)).toContain('s3:');
    expect(services.every((s) => s.value.startsWith('s3') && s.detail === 'service')).toBe(true);
    const actions = suggestActions(catalog, 's3:GetOb');
    expect(actions[0]).toEqual({
      value: 's3:GetObject',
      detail: 'Read',
      description: 'Grants permission to retrieve objects from Amazon S3',
    });
    expect(suggestActions(catalog, 'nosuchservice:x')).toEqual([]);
  });

  it('fills partition, region and account of an ARN template', () => {
    expect(fillTemplate('arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}', '444455556666')).toBe(
      'arn:aws:dynamodb:us-east-1:444455556666:table/${TableName}',
    );
    expect(fillTemplate('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', '')).toBe(
      'arn:aws:iam::111122223333:role/${RoleNameWithPath}',
    );
  });

  it('offers the resource types, the condition keys and the key types of a request', async () => {
    const catalog = await loadDescribedCatalog();
    const h = requestHints(catalog, ['s3:ListBucket'], ['aws:SourceIp', 'no:such'], '111122223333');
    expect(h.actions).toEqual([
      {
        action: 's3:ListBucket',
        known: true,
        accessLevel: 'List',
        description: 'Grants permission to list some or all of the objects in an Amazon S3 bucket (up to 1000)',
      },
    ]);
    expect(h.resourceTemplates).toEqual([
      {
        name: 'accesspoint',
        template: 'arn:aws:s3:us-east-1:111122223333:accesspoint/${AccessPointName}',
        required: false,
      },
      { name: 'bucket', template: 'arn:aws:s3:::${BucketName}', required: false },
    ]);
    expect(h.noResource).toBe(false);
    expect(h.contextKeys.map((k) => k.key)).toContain('s3:prefix');
    expect(h.contextKeys.map((k) => k.key)).toContain('aws:SourceIp');
    expect(h.keyTypes).toEqual({ 'aws:SourceIp': 'IPAddress' });
  });

  it('suggests the closest action for a misspelled one, and says when an action takes no resource', async () => {
    const catalog = await loadDescribedCatalog();
    const h = requestHints(catalog, ['s3:GetObjekt', 's3:ListAllMyBuckets'], [], '');
    expect(h.actions[0]).toEqual({ action: 's3:GetObjekt', known: false, suggestion: 's3:GetObject' });
    expect(h.noResource).toBe(true);
    expect(h.resourceTemplates).toEqual([]);
  });

  it('lists each context key once when an action documents global keys as its own (no duplicate keys in the suggestions)', async () => {
    const catalog = await loadDescribedCatalog();
    for (const action of ['sts:AssumeRole', 'ec2:RunInstances', 'ec2:TerminateInstances']) {
      const keys = requestHints(catalog, [action], [], '').contextKeys.map((k) => k.key.toLowerCase());
      expect(keys.length).toBeGreaterThan(10);
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});
