import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadCatalog } from '../../catalog';
import { validatePolicy } from './validate';
import { globMatch, globsIntersect } from './glob';
import { editDistance, suggest } from './suggest';
import { valueProblem } from './values';
import { findVariables } from './variables';

const catalog = await loadCatalog();
const types = ['identity', 'resource', 'trust', 'boundary', 'scp', 'rcp', 'session'] as const;

describe('validation never throws', () => {
  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...types), (text, type) => {
        const findings = validatePolicy(text, { type, catalog });
        expect(Array.isArray(findings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary JSON shaped like a policy', () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
    );
    const statement = fc.record(
      {
        Sid: value,
        Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), value),
        Action: value,
        NotAction: value,
        Resource: value,
        Principal: value,
        Condition: fc.oneof(value, fc.dictionary(fc.string(), fc.dictionary(fc.string(), value))),
      },
      { requiredKeys: [] },
    );
    const policy = fc.record(
      {
        Version: fc.oneof(fc.constant('2012-10-17'), value),
        Statement: fc.oneof(statement, fc.array(statement, { maxLength: 3 }), value),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(policy, fc.constantFrom(...types), (doc, type) => {
        for (const f of validatePolicy(JSON.stringify(doc, null, 2), { type, catalog })) {
          expect(f.code).toMatch(/^(parse|validate)\./);
          expect(f.range.start.offset).toBeLessThanOrEqual(f.range.end.offset);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers hostile sizes (long values, long lists) with findings', () => {
    const longArn = 'arn:aws:s3:::' + 'a*'.repeat(2000);
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ec2:*', 's3:Get*', 'x'.repeat(100_000)],
          Resource: Array.from({ length: 1000 }, (_, i) => `${longArn}${i}`),
        },
      ],
    };
    const findings = validatePolicy(JSON.stringify(doc), { catalog });
    expect(findings.some((f) => f.code === 'validate.action-malformed')).toBe(true);
  });
});

describe('helpers', () => {
  it('globMatch handles stars and question marks', () => {
    expect(globMatch('s3:Get*', 's3:GetObject')).toBe(true);
    expect(globMatch('s3:get*', 's3:GetObject', true)).toBe(true);
    expect(globMatch('s3:get*', 's3:GetObject')).toBe(false);
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('a?c', 'ac')).toBe(false);
    expect(globMatch('*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
  });

  it('globsIntersect finds a common string', () => {
    expect(globsIntersect('arn:*:s3:::*/*', 'arn:aws:s3:::reports/*')).toBe(true);
    expect(globsIntersect('arn:*:s3:::*', 'arn:aws:s3:::reports/*')).toBe(true); // bucket names are any text here
    expect(globsIntersect('arn:*:logs:*:*:log-group:*', 'arn:aws:logs:*:*:*')).toBe(true);
    expect(globsIntersect('arn:*:iam::*:role/*', 'arn:aws:s3:::b')).toBe(false);
    expect(globsIntersect('a?', 'ab')).toBe(true);
    expect(globsIntersect('a?', 'a')).toBe(false);
  });

  it('editDistance and suggest', () => {
    expect(editDistance('getobjekt', 'getobject', 3)).toBe(1);
    expect(editDistance('ab', 'ba', 3)).toBe(1);
    expect(editDistance('abc', 'xyzabc', 2)).toBe(3);
    expect(suggest('s4', ['s3', 'sqs', 'sns', 'ec2'])).toEqual(['s3']);
    expect(suggest('x'.repeat(200), ['x'])).toEqual([]);
  });

  it('valueProblem knows the formats', () => {
    expect(valueProblem('IpAddress', '2001:db8::/32')).toBe(undefined);
    expect(valueProblem('IpAddress', '2001:db8::1::2')?.code).toBe('validate.value-ip');
    expect(valueProblem('IpAddress', '256.0.0.1')?.code).toBe('validate.value-ip');
    expect(valueProblem('Date', '1767225600')).toBe(undefined);
    expect(valueProblem('Date', '2026-01-31T12:00:00.123+01:00')).toBe(undefined);
    expect(valueProblem('Numeric', '-2.5')).toBe(undefined);
    expect(valueProblem('Numeric', 'ten')?.code).toBe('validate.value-numeric');
    expect(valueProblem('Binary', 'QmluYXJ5')).toBe(undefined);
    expect(valueProblem('Binary', 'QmluYXJ')?.code).toBe('validate.value-binary');
    expect(valueProblem('Bool', 'TRUE')).toBe(undefined);
  });

  it('findVariables reads keys, defaults and escapes', () => {
    expect(findVariables("a/${aws:username}/${aws:PrincipalTag/team, 'none'}/${*}")).toEqual([
      { start: 2, length: 15, key: 'aws:username' },
      { start: 18, length: 32, key: 'aws:PrincipalTag/team' },
      { start: 51, length: 4, key: '*' },
    ]);
    expect(findVariables('${}')).toEqual([{ start: 0, length: 3, problem: 'has no key name' }]);
    expect(findVariables('${aws:x, none}')[0].problem).toBe(
      "has a default that is not in single quotes, e.g. ${aws:PrincipalTag/team, 'none'}",
    );
  });
});

describe('`*:*`', () => {
  it('is every action, like `*`', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*:*', Resource: '*' }] };
    const findings = validatePolicy(JSON.stringify(doc), { catalog });
    expect(findings.map((f) => [f.code, f.severity, f.range.start.column])).toEqual([
      ['validate.full-access', 'SECURITY_WARNING', 65],
    ]);
  });
});

describe('ArnEquals', () => {
  it('honours wildcards, so no equals-with-wildcard warning', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::111122223333:role/app',
          Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:lambda:*:*:function:app-*' } },
        },
      ],
    };
    expect(validatePolicy(JSON.stringify(doc), { catalog }).map((f) => f.code)).toEqual([]);
  });
});

describe('without a catalogue', () => {
  it('still runs the checks that do not need one', () => {
    const text = '{"Statement": [{"Effect": "allow", "Action": ["s3:GetObjekt", "s3:*"], "Resource": "bucket"}]}';
    expect(validatePolicy(text).map((f) => [f.code, f.severity, f.range.start.column])).toEqual([
      ['validate.missing-version', 'WARNING', 1],
      ['validate.invalid-effect', 'ERROR', 27],
      ['validate.redundant-action', 'SUGGESTION', 47],
      ['validate.resource-malformed', 'ERROR', 84],
    ]);
  });
});
