import { describe, it, expect } from 'vitest';
import { loadDescribedCatalog } from '../catalog';
import { hover } from './hover';

const catalog = await loadDescribedCatalog();
const text = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [{',
  '    "Effect": "Allow",',
  '    "Action": ["s3:ListBucket", "s3:Get*"],',
  '    "Resource": "arn:aws:s3:::reports",',
  '    "Condition": {"StringLikeIfExists": {"s3:prefix": "home/*"}}',
  '  }]',
  '}',
].join('\n');

describe('hover', () => {
  it('documents an action', () => {
    const h = hover(text, { line: 5, column: 18 }, catalog)!;
    expect(h.contents.split('\n')[0]).toBe('**s3:ListBucket** · List');
    expect(h.contents).toContain('Grants permission to list some or all of the objects in an Amazon S3 bucket');
    expect(h.contents).toContain('Condition keys: ');
    expect(h.range).toEqual({ start: { line: 5, column: 16, offset: 85 }, end: { line: 5, column: 31, offset: 100 } });
  });

  it('says how many actions a wildcard matches', () => {
    const h = hover(text, { line: 5, column: 36 }, catalog)!;
    const count = catalog.service('s3')!.actions.filter((a) => a.name.startsWith('Get')).length;
    expect(h.contents.startsWith(`\`s3:Get*\` matches ${count} actions: \`s3:Get`)).toBe(true);
  });

  it('documents operators and condition keys', () => {
    const op = hover(text, { line: 7, column: 22 }, catalog)!;
    expect(op.contents).toBe(
      '**StringLikeIfExists**: Case-sensitive match with `*` and `?` wildcards\n\n`…IfExists`: also true when the key is absent from the request.',
    );
    const key = hover(text, { line: 7, column: 45 }, catalog)!;
    expect(key.contents).toBe('**s3:prefix** · String\n\nFilters access by key name prefix');
  });

  it('documents element names, and answers nothing elsewhere', () => {
    expect(hover(text, { line: 4, column: 7 }, catalog)!.contents).toBe(
      '**Effect**: `"Allow"` or `"Deny"`. An explicit Deny always wins.',
    );
    expect(hover(text, { line: 1, column: 1 }, catalog)).toBe(undefined);
    expect(hover('not json', { line: 1, column: 2 }, catalog)).toBe(undefined);
  });
});
