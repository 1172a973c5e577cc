import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parsePolicyValue } from '../parse';
import { TraceBuilder } from '../trace';
import { compilePolicy } from './compile';
import { evaluatePolicy } from './evaluate-policy';
import { request } from './testing';

const text = fc.constantFrom(
  '*',
  '?',
  's3:Get*',
  'arn:aws:s3:::b/*',
  '${aws:username}',
  "${x, 'd'}",
  '${*}',
  '10.0.0.0/8',
  '2026-01-01',
  'true',
  '',
  'QQ==',
  '::1',
);
const operator = fc.constantFrom(
  'StringEquals',
  'StringLike',
  'ForAllValues:StringNotLike',
  'ForAnyValue:ArnLike',
  'NumericLessThan',
  'DateGreaterThanIfExists',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'Null',
  'NullIfExists',
  'Nope',
);
const statement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Deny', 'Maybe'),
    Action: fc.oneof(text, fc.array(text)),
    NotAction: fc.oneof(text, fc.array(text)),
    Resource: fc.oneof(text, fc.array(text)),
    NotResource: fc.array(text),
    Principal: fc.oneof(
      fc.constant('*'),
      fc.dictionary(
        fc.constantFrom('AWS', 'Service', 'Federated', 'CanonicalUser', 'X'),
        fc.oneof(text, fc.array(text)),
      ),
    ),
    NotPrincipal: fc.dictionary(fc.constantFrom('AWS', 'Service'), text),
    Condition: fc.dictionary(
      operator,
      fc.dictionary(
        fc.constantFrom('aws:username', 'aws:TagKeys', 'aws:SourceIp', 'x'),
        fc.oneof(text, fc.array(text), fc.integer()),
      ),
    ),
  },
  { requiredKeys: [] },
);

describe('any statement evaluates to an outcome, never an exception (property)', () => {
  it('random statements, traced and untraced', () => {
    fc.assert(
      fc.property(
        fc.array(statement, { maxLength: 4 }),
        fc.constantFrom('2012-10-17', '2008-10-17'),
        fc.boolean(),
        (sts, version, traced) => {
          const parsed = parsePolicyValue({ Version: version, Statement: sts });
          const c = compilePolicy(parsed.policy!, { policyId: 'p', policyType: 'resource' });
          const ctx = { 'aws:username': 'alice', 'aws:TagKeys': ['a', 'b'], 'aws:SourceIp': '10.1.2.3', x: '5' };
          const out = evaluatePolicy(c, request('s3:GetObject', 'arn:aws:s3:::b/k', ctx), new TraceBuilder(traced));
          expect(out.length).toBe(sts.length);
          // Traced and untraced evaluation agree.
          const again = evaluatePolicy(c, request('s3:GetObject', 'arn:aws:s3:::b/k', ctx), new TraceBuilder(!traced));
          expect(again.map((o) => [o.effect, o.matched, o.principalMatch])).toEqual(
            out.map((o) => [o.effect, o.matched, o.principalMatch]),
          );
        },
      ),
      { numRuns: 1500 },
    );
  });
});
