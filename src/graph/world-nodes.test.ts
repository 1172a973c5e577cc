import { describe, expect, it } from 'vitest';
import { loadCatalog, loadManagedPolicies } from '../catalog';
import { defaultWorld, managedPolicyLookup } from '../world';
import { buildAccess } from './access';
import { arnMatchesTemplate, graphPrincipals, graphResources, resourceTypeOf } from './world-nodes';

describe('the graph nodes of a world', () => {
  it('lists the default account’s principals: users, roles as sessions, root, the services its policies name, anonymous', () => {
    const ps = graphPrincipals(defaultWorld());
    const byKind = (k: string) => ps.filter((p) => p.kind === k).map((p) => p.label);
    expect(byKind('user')).toEqual(['admin', 'alice', 'bob']);
    expect(byKind('root')).toEqual(['root (playground)']);
    expect(byKind('anonymous')).toEqual(['anyone (anonymous)']);
    expect(byKind('service')).toEqual(expect.arrayContaining(['ec2.amazonaws.com', 'lambda.amazonaws.com']));
    const role = ps.find((p) => p.label === 'web-server')!;
    expect(role).toMatchObject({
      id: 'arn:aws:iam::111122223333:role/web-server',
      requestAs: 'arn:aws:sts::111122223333:assumed-role/web-server/graph',
    });
  });

  it('types each resource by the catalogue’s ARN templates, the most specific first', async () => {
    const c = await loadCatalog();
    expect(resourceTypeOf(c, 'arn:aws:s3:::photos')).toBe('s3:bucket');
    expect(resourceTypeOf(c, 'arn:aws:s3:::photos/a/b.png')).toBe('s3:object');
    expect(resourceTypeOf(c, 'arn:aws:dynamodb:us-east-1:111122223333:table/Notes')).toBe('dynamodb:table');
    expect(resourceTypeOf(c, 'arn:aws:iam::111122223333:role/x')).toBe('iam:role');
    expect(arnMatchesTemplate('arn:${Partition}:s3:::${BucketName}', 'arn:aws:s3:::b')).toBe(true);
    expect(arnMatchesTemplate('arn:${Partition}:s3:::${BucketName}/${ObjectName}', 'arn:aws:s3:::b')).toBe(false);
    const rs = graphResources(defaultWorld(), c);
    expect(rs.map((r) => r.arn)).toEqual([...rs.map((r) => r.arn)].sort());
    expect(rs.find((r) => r.label === 'playground-photos')).toMatchObject({ type: 's3:bucket', hasPolicy: true });
    expect(rs.filter((r) => r.type === 's3:object').length).toBeGreaterThan(0);
  });

  it('gives admin every access level on the bucket and bob none of its Write access', async () => {
    const c = await loadCatalog();
    const managedPolicy = managedPolicyLookup(await loadManagedPolicies());
    const rel = buildAccess(defaultWorld(), c, { now: Date.parse('2026-12-01T09:00:00Z'), managedPolicy });
    expect(rel.stats.decisions).toBeGreaterThan(1000);
    const bucket = 'arn:aws:s3:::playground-photos';
    const levels = (p: string) =>
      rel
        .edgesTo(bucket)
        .filter((e) => e.principal === p)
        .map((e) => e.level);
    expect(levels('arn:aws:iam::111122223333:user/admin')).toEqual([
      'List',
      'Read',
      'Write',
      'Permissions management',
      'Tagging',
    ]);
    expect(levels('arn:aws:iam::111122223333:user/bob')).not.toContain('Write');
  });
});
