import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileWildcard, wildcardMatch } from './wildcard';

/** The reference: a plain dynamic-programming glob matcher. */
function reference(pattern: string, text: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let prev = new Array<boolean>(t.length + 1).fill(false);
  prev[0] = true;
  for (let i = 1; i <= p.length; i++) {
    const cur = new Array<boolean>(t.length + 1).fill(false);
    const c = p[i - 1];
    if (c === '*') cur[0] = prev[0];
    for (let j = 1; j <= t.length; j++) {
      if (c === '*') cur[j] = prev[j] || cur[j - 1];
      else if (c === '?' || c === t[j - 1]) cur[j] = prev[j - 1];
    }
    prev = cur;
  }
  return prev[t.length];
}

describe('wildcards in Action (IAM JSON policy elements: Action, case-insensitive)', () => {
  it('matches a prefix wildcard', () => {
    expect(wildcardMatch('s3:Get*', 's3:GetObject', true)).toBe(true);
    expect(wildcardMatch('s3:Get*', 'S3:GETOBJECT', true)).toBe(true);
    expect(wildcardMatch('s3:Get*', 's3:PutObject', true)).toBe(false);
  });
  it('matches `?` as exactly one character', () => {
    expect(wildcardMatch('iam:?etUser', 'iam:GetUser', true)).toBe(true);
    expect(wildcardMatch('iam:?etUser', 'iam:etUser', true)).toBe(false);
    expect(wildcardMatch('iam:Get?', 'iam:GetUser', true)).toBe(false);
  });
  it('matches middle wildcards', () => {
    expect(wildcardMatch('ec2:*Security*Ingress', 'ec2:AuthorizeSecurityGroupIngress', true)).toBe(true);
    expect(wildcardMatch('ec2:*Security*Egress', 'ec2:AuthorizeSecurityGroupIngress', true)).toBe(false);
    expect(wildcardMatch('*:*', 'sts:AssumeRole', true)).toBe(true);
    expect(wildcardMatch('*', '', true)).toBe(true);
    expect(wildcardMatch('', '', true)).toBe(true);
    expect(wildcardMatch('', 'a', true)).toBe(false);
  });
});

describe('wildcards in Resource (IAM JSON policy elements: Resource, case-sensitive)', () => {
  it('is case-sensitive', () => {
    expect(wildcardMatch('arn:aws:s3:::Bucket/*', 'arn:aws:s3:::bucket/key', false)).toBe(false);
    expect(wildcardMatch('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/key', false)).toBe(true);
  });
  it('lets `*` cross `/`', () => {
    expect(wildcardMatch('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a/b/c', false)).toBe(true);
  });
  it('lets `*` cross `:`', () => {
    expect(wildcardMatch('arn:aws:*', 'arn:aws:s3:::bucket', false)).toBe(true);
    expect(
      wildcardMatch(
        'arn:aws:logs:*:*:log-group:*',
        'arn:aws:logs:us-east-1:111122223333:log-group:a:log-stream:b',
        false,
      ),
    ).toBe(true);
  });
  it('uses `?` with a multi-word segment longer than 32 characters', () => {
    const seg = 'abcdefghijklmnopqrstuvwxyz0123456789?x';
    expect(wildcardMatch(`*${seg}*`, `zz${seg.replace('?', 'Q')}zz`, false)).toBe(true);
    expect(wildcardMatch(`*${seg}*`, `zz${seg.replace('?', '')}zz`, false)).toBe(false);
  });
});

describe('compiled matchers', () => {
  it('reports literal and match-all patterns', () => {
    expect(compileWildcard('s3:GetObject', true).literal).toBe(true);
    expect(compileWildcard('**', true).matchesAll).toBe(true);
    expect(compileWildcard('s3:*', true).literal).toBe(false);
  });
  it('testFolded expects a folded text', () => {
    const m = compileWildcard('S3:Get*', true);
    expect(m.testFolded('s3:getobject')).toBe(true);
    expect(m.test('S3:GetObject')).toBe(true);
  });
  it('stays fast on adversarial patterns (a correctness check: the answer is false)', () => {
    const text = 'a'.repeat(200000);
    expect(wildcardMatch(`${'a*'.repeat(1000)}b`, text, false)).toBe(false);
    expect(wildcardMatch(`*${'a?'.repeat(40)}b*`, text, false)).toBe(false);
    expect(wildcardMatch(`*${'a'.repeat(500)}b*`, text, false)).toBe(false);
  });
});

describe('property: the matcher agrees with a reference DP matcher', () => {
  const alphabet = fc.constantFrom('a', 'b', 'A', ':', '/', '?', '*');
  const textAlphabet = fc.constantFrom('a', 'b', 'A', ':', '/', '?', '*');
  it('on small alphabets (case-sensitive and not)', () => {
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 12 }).map((a) => a.join('')),
        fc.array(textAlphabet, { maxLength: 16 }).map((a) => a.join('')),
        fc.boolean(),
        (p, t, ic) => wildcardMatch(p, t, ic) === reference(p, t, ic),
      ),
      { numRuns: 5000 },
    );
  });
  it('on texts built from the pattern (many positives)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '?', '*'), { maxLength: 10 }).map((a) => a.join('')),
        fc.array(fc.constantFrom('', 'a', 'b', 'ab', 'ba'), { maxLength: 10 }),
        (p, fills) => {
          let k = 0;
          const t = [...p]
            .map((c) => (c === '*' ? (fills[k++ % Math.max(fills.length, 1)] ?? '') : c === '?' ? 'b' : c))
            .join('');
          return wildcardMatch(p, t, false) === reference(p, t, false) && wildcardMatch(p, t, false);
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('with long `?` segments that need several bitap words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '?'), { minLength: 30, maxLength: 70 }).map((a) => a.join('')),
        fc.array(fc.constantFrom('a', 'b'), { maxLength: 120 }).map((a) => a.join('')),
        (seg, t) => wildcardMatch(`*${seg}*`, t, false) === reference(`*${seg}*`, t, false),
      ),
      { numRuns: 2000 },
    );
  });
  it('with `?` segments longer than 256 characters (searched by convolution)', () => {
    // Texts built around the segment, so matches, near misses and several candidates all occur.
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', '?'), { minLength: 257, maxLength: 400 }).map((a) => a.join('')),
        fc.array(fc.constantFrom('a', 'b'), { maxLength: 300 }).map((a) => a.join('')),
        fc.nat(3),
        fc.string({ maxLength: 5 }),
        (seg, noise, flip, tail) => {
          const fill = seg.replace(/\?/g, 'b');
          const hit = flip === 0 ? fill.slice(0, -1) + 'x' : fill; // one mismatch, or a match
          const texts = [noise + hit + tail, noise, hit + noise + hit, noise + noise + tail];
          return texts.every(
            (t) => wildcardMatch(`a*${seg}*`, 'a' + t, false) === reference(`a*${seg}*`, 'a' + t, false),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
  it('finds the leftmost occurrence of a long `?` segment, so the next segment still fits', () => {
    const seg = 'ab?'.repeat(200);
    const text = 'x' + 'abz'.repeat(200) + 'abz'.repeat(200) + 'END';
    expect(wildcardMatch(`x*${seg}*${seg}*END`, text, false)).toBe(true);
    expect(wildcardMatch(`x*${seg}*${seg}*${seg}*END`, text, false)).toBe(false);
  });
});

describe('literal pieces (policy variables ${*} and ${?} stand for the characters themselves)', () => {
  it('treats literal `*` and `?` as characters', async () => {
    const { compilePieces } = await import('./wildcard');
    const m = compilePieces(
      [
        { text: 'a/', glob: true },
        { text: '*?', glob: false },
        { text: '*', glob: true },
      ],
      false,
    );
    expect(m.test('a/*?x')).toBe(true);
    expect(m.test('a/xyx')).toBe(false);
    expect(m.literal).toBe(false);
    expect(compilePieces([{ text: 'a*', glob: false }], false).literal).toBe(true);
    const mid = compilePieces(
      [
        { text: '*', glob: true },
        { text: '?', glob: false },
        { text: '*', glob: true },
      ],
      false,
    );
    expect(mid.test('ab?cd')).toBe(true);
    expect(mid.test('abcd')).toBe(false);
  });
});

describe('case folding keeps lengths (one `?` is one character)', () => {
  it('folds non-ASCII letters one by one', async () => {
    const { foldCase } = await import('./fold-case');
    expect(foldCase('ÉTÉ')).toBe('été');
    expect(foldCase('İx').length).toBe(2);
    expect(wildcardMatch('?x', 'İX', true)).toBe(true);
    expect(wildcardMatch('s3:GET*', 'S3:getObject', true)).toBe(true);
  });
});
