import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parsePolicy } from './parse-policy';

const SAMPLE = `{
  "Version": "2012-10-17",
  "Statement": [{"Sid": "A", "Effect": "Allow", "Action": ["s3:Get*"], "Resource": "*",
    "Condition": {"StringEquals": {"aws:username": ["a", 1, true, null]}}}]
}`;

function checkRanges(text: string): void {
  const r = parsePolicy(text);
  for (const f of r.findings) {
    expect(f.code.startsWith('parse.')).toBe(true);
    expect(f.range.start.offset).toBeGreaterThanOrEqual(0);
    expect(f.range.end.offset).toBeLessThanOrEqual(text.length);
    expect(f.range.start.offset).toBeLessThanOrEqual(f.range.end.offset);
    expect(f.message.endsWith('.')).toBe(false);
  }
}

describe('bad input gets findings, never an exception (property)', () => {
  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => checkRanges(s)),
      { numRuns: 2000 },
    );
  });
  it('a real policy with random edits', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.nat(SAMPLE.length),
            fc.nat(3),
            fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', "'", '\\', '/', 'x', ' '),
          ),
          { maxLength: 5 },
        ),
        (edits) => {
          let text = SAMPLE;
          for (const [at, del, ins] of edits) text = text.slice(0, at) + ins + text.slice(at + del);
          checkRanges(text);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('arbitrary JSON values as policies', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => checkRanges(JSON.stringify(v) ?? '')),
      { numRuns: 1000 },
    );
  });
});
