// The helpers that keep lint linear: the did-you-mean memo, the wildcard index by literal head,
// and the redundancy checks on long lists (they answer every value, not just the first 500).
import { describe, it, expect } from 'vitest';
import { loadCatalog } from '../../catalog';
import { WildcardIndex } from './glob';
import { memoSuggest } from './suggest';
import { validatePolicy } from './validate';

const catalog = await loadCatalog();
const doc = (extra: Record<string, unknown>) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Resource: '*', Action: 's3:GetObject', ...extra }],
  });

describe('lint stays linear', () => {
  it('searches a did-you-mean once per distinct name', () => {
    let calls = 0;
    const compute = () => {
      calls++;
      return ['s3:GetObject'];
    };
    expect(memoSuggest(catalog, 'test\u0000getobjekt', compute)).toEqual(['s3:GetObject']);
    expect(memoSuggest(catalog, 'test\u0000getobjekt', compute)).toEqual(['s3:GetObject']);
    expect(calls).toBe(1);
  });

  it('finds the first pattern that matches a text through its literal head', () => {
    const index = new WildcardIndex(true);
    ['s3:Get*', 'ec2:*', 's3:*Object', 's3:Put*'].forEach((p, i) => index.add(p, i));
    expect(index.find('S3:GETOBJECT')).toBe(0);
    expect(index.find('s3:GetObject', 0)).toBe(2);
    expect(index.find('s3:GetObject', -1, (i) => i !== 0)).toBe(2);
    expect(index.find('ec2:RunInstances')).toBe(1);
    expect(index.find('iam:PassRole')).toBeUndefined();
  });

  it('reports every covered value of a 5,000-value Action list', () => {
    const actions = ['s3:*', ...Array.from({ length: 5000 }, (_, i) => `s3:GetObject${i % 2 ? 'Acl' : 'Zz' + i}`)];
    const found = validatePolicy(doc({ Action: actions }), { catalog });
    const counts: Record<string, number> = {};
    for (const f of found) counts[`${f.code} ${f.severity}`] = (counts[`${f.code} ${f.severity}`] ?? 0) + 1;
    expect(counts).toEqual({
      'validate.unknown-action ERROR': 2500,
      'validate.redundant-action SUGGESTION': 5000,
      'validate.permissions-management-on-star SECURITY_WARNING': 1, // s3:* on "*" includes s3:PutBucketPolicy
    });
    expect(found.find((f) => f.code === 'validate.redundant-action')?.message).toBe(
      '`s3:GetObjectZz0` is already covered by `s3:*`',
    );
  });

  it('reports every covered value of a 5,000-value Resource list', () => {
    const resources = ['arn:aws:s3:::b/*', ...Array.from({ length: 5000 }, (_, i) => `arn:aws:s3:::b/k${i % 2500}`)];
    const found = validatePolicy(doc({ Resource: resources }), { catalog }).filter(
      (f) => f.code === 'validate.redundant-resource',
    );
    expect(found.length).toBe(5000);
    expect(found[0].message).toBe('`arn:aws:s3:::b/k0` is already covered by `arn:aws:s3:::b/*`');
    expect(found[2500].message).toBe('`arn:aws:s3:::b/k0` is listed twice');
  });
});
