import { describe, expect, it } from 'vitest';
import { accessKey, neededLabel, shortId } from './fix-view';

describe('the fix panel’s words', () => {
  it('names principals and resources short', () => {
    expect(shortId('arn:aws:iam::111122223333:user/alice')).toBe('alice');
    expect(shortId('arn:aws:iam::111122223333:role/service-role/image-resizer')).toBe('image-resizer');
    expect(shortId('arn:aws:iam::111122223333:root')).toBe('root (111122223333)');
    expect(shortId('arn:aws:s3:::playground-photos/public/*')).toBe('playground-photos/public/*');
    expect(shortId('arn:aws:dynamodb:us-east-1:111122223333:table/Notes')).toBe('Notes');
    expect(shortId('admin')).toBe('admin');
    const a = { principal: 'arn:aws:iam::111122223333:user/bob', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' };
    expect(neededLabel(a)).toBe('bob: s3:GetObject on b/k');
    expect(accessKey(a)).toBe('arn:aws:iam::111122223333:user/bob s3:GetObject arn:aws:s3:::b/k');
  });
});
