import { describe, it, expect } from 'vitest';
import { conditionHolds as holds, request, run } from './testing';

describe('String condition operators', () => {
  it('StringEquals is case-sensitive', () => {
    expect(holds({ StringEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' })).toBe(true);
    expect(holds({ StringEquals: { 'aws:username': 'alice' } }, { 'aws:username': 'Alice' })).toBe(false);
  });
  it('condition keys are case-insensitive', () => {
    expect(holds({ StringEquals: { 'AWS:UserName': 'alice' } }, { 'aws:username': 'alice' })).toBe(true);
  });
  it('StringNotEquals with two values means neither', () => {
    const c = { StringNotEquals: { 'aws:username': ['alice', 'bob'] } };
    expect(holds(c, { 'aws:username': 'carol' })).toBe(true);
    expect(holds(c, { 'aws:username': 'bob' })).toBe(false);
  });
  it('several values of one key are OR-ed for positive operators', () => {
    expect(holds({ StringEquals: { 'aws:username': ['alice', 'bob'] } }, { 'aws:username': 'bob' })).toBe(true);
  });
  it('StringEqualsIgnoreCase and StringNotEqualsIgnoreCase ignore case', () => {
    expect(holds({ StringEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'alice' })).toBe(true);
    expect(holds({ StringNotEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'alice' })).toBe(false);
    expect(holds({ StringNotEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, { 'aws:username': 'bob' })).toBe(true);
  });
  it('StringLike uses * and ? and is case-sensitive', () => {
    expect(holds({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/x' })).toBe(true);
    expect(holds({ StringLike: { 's3:prefix': 'home/?' } }, { 's3:prefix': 'home/ab' })).toBe(false);
    expect(holds({ StringLike: { 's3:prefix': 'Home/*' } }, { 's3:prefix': 'home/a' })).toBe(false);
  });
  it('StringNotLike holds when no pattern matches', () => {
    expect(holds({ StringNotLike: { 's3:prefix': ['a*', 'b*'] } }, { 's3:prefix': 'c' })).toBe(true);
    expect(holds({ StringNotLike: { 's3:prefix': ['a*', 'b*'] } }, { 's3:prefix': 'bx' })).toBe(false);
  });
  it('StringEquals compares `*` literally', () => {
    expect(holds({ StringEquals: { 'aws:username': '*' } }, { 'aws:username': 'alice' })).toBe(false);
    expect(holds({ StringEquals: { 'aws:username': '*' } }, { 'aws:username': '*' })).toBe(true);
  });
  it('numbers and booleans in the JSON compare as their text', () => {
    expect(
      holds({ StringEquals: { 'aws:PrincipalAccount': 111122223333 } }, { 'aws:PrincipalAccount': '111122223333' }),
    ).toBe(true);
  });
});

describe('Numeric condition operators', () => {
  const ctx = { 's3:max-keys': '10' };
  it('compares numbers, request value on the left', () => {
    expect(holds({ NumericEquals: { 's3:max-keys': '10' } }, ctx)).toBe(true);
    expect(holds({ NumericEquals: { 's3:max-keys': '10.0' } }, ctx)).toBe(true);
    expect(holds({ NumericNotEquals: { 's3:max-keys': '10' } }, ctx)).toBe(false);
    expect(holds({ NumericLessThan: { 's3:max-keys': '11' } }, ctx)).toBe(true);
    expect(holds({ NumericLessThan: { 's3:max-keys': '10' } }, ctx)).toBe(false);
    expect(holds({ NumericLessThanEquals: { 's3:max-keys': '10' } }, ctx)).toBe(true);
    expect(holds({ NumericGreaterThan: { 's3:max-keys': '9' } }, ctx)).toBe(true);
    expect(holds({ NumericGreaterThan: { 's3:max-keys': 10 } }, ctx)).toBe(false);
    expect(holds({ NumericGreaterThanEquals: { 's3:max-keys': 10 } }, ctx)).toBe(true);
  });
  it('a non-numeric request value is a type mismatch: false, even for a negated operator', () => {
    expect(holds({ NumericLessThan: { 's3:max-keys': '11' } }, { 's3:max-keys': 'ten' })).toBe(false);
    expect(holds({ NumericNotEquals: { 's3:max-keys': '11' } }, { 's3:max-keys': 'ten' })).toBe(false);
  });
  it('a non-numeric policy value is a type mismatch: false', () => {
    expect(holds({ NumericLessThan: { 's3:max-keys': 'eleven' } }, ctx)).toBe(false);
  });
});

describe('Date condition operators', () => {
  const now = { 'aws:CurrentTime': '2026-06-01T12:00:00Z' };
  it('compares ISO 8601 dates', () => {
    expect(holds({ DateLessThan: { 'aws:CurrentTime': '2026-07-01T00:00:00Z' } }, now)).toBe(true);
    expect(holds({ DateGreaterThan: { 'aws:CurrentTime': '2026-07-01' } }, now)).toBe(false);
    expect(holds({ DateEquals: { 'aws:CurrentTime': '2026-06-01T14:00:00+02:00' } }, now)).toBe(true);
    expect(holds({ DateNotEquals: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }, now)).toBe(false);
    expect(holds({ DateLessThanEquals: { 'aws:CurrentTime': '2026-06-01T12:00:00Z' } }, now)).toBe(true);
    expect(holds({ DateGreaterThanEquals: { 'aws:CurrentTime': '2026-06-01T12:00:01Z' } }, now)).toBe(false);
  });
  it('compares epoch seconds with ISO 8601 on either side', () => {
    expect(
      holds({ DateGreaterThan: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } }, { 'aws:EpochTime': '1767225601' }),
    ).toBe(true);
    expect(
      holds({ DateLessThan: { 'aws:CurrentTime': 1767225600 } }, { 'aws:CurrentTime': '2025-12-31T23:59:59Z' }),
    ).toBe(true);
  });
  it('a date operator on a string that is not a date is a type mismatch: false', () => {
    expect(holds({ DateLessThan: { 'aws:username': '2026-01-01' } }, { 'aws:username': 'alice' })).toBe(false);
    expect(holds({ DateNotEquals: { 'aws:username': '2026-01-01' } }, { 'aws:username': 'alice' })).toBe(false);
  });
});

describe('Boolean and Binary condition operators', () => {
  it('Bool compares true/false in any case', () => {
    expect(holds({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'true' })).toBe(true);
    expect(holds({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'TRUE' })).toBe(true);
    expect(holds({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'true' })).toBe(false);
    expect(holds({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': 'yes' })).toBe(false);
  });
  it('BinaryEquals compares base64 values by their bytes', () => {
    expect(
      holds({ BinaryEquals: { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { key: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }),
    ).toBe(true);
    expect(holds({ BinaryEquals: { key: 'QQ==' } }, { key: 'Qg==' })).toBe(false);
    expect(holds({ BinaryEquals: { key: 'not base64' } }, { key: 'QQ==' })).toBe(false);
  });
});

describe('IP address condition operators', () => {
  it('IpAddress matches IPv4 and IPv6 CIDR blocks', () => {
    const c = { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } };
    expect(holds(c, { 'aws:SourceIp': '203.0.113.5' })).toBe(true);
    expect(holds(c, { 'aws:SourceIp': '2001:db8:1234:5678::9' })).toBe(true);
    expect(holds(c, { 'aws:SourceIp': '198.51.100.1' })).toBe(false);
  });
  it('NotIpAddress holds outside every block', () => {
    const c = { NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } };
    expect(holds(c, { 'aws:SourceIp': '192.0.2.1' })).toBe(true);
    expect(holds(c, { 'aws:SourceIp': '198.51.100.9' })).toBe(false);
  });
  it('a request value that is not an address is a type mismatch: false', () => {
    expect(holds({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': 'localhost' })).toBe(false);
  });
});

describe('Amazon Resource Name (ARN) condition operators', () => {
  const src = { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic/a:b' };
  it('ArnEquals and ArnLike match each of the six components, with wildcards', () => {
    expect(holds({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic/a:b' } }, src)).toBe(true);
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, src)).toBe(true);
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-?:111122223333:topic/*' } }, src)).toBe(true);
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:sqs:*:*:*' } }, src)).toBe(false);
  });
  it('a `*` in one component does not swallow the next component', () => {
    expect(holds({ ArnLike: { 'aws:SourceArn': 'arn:aws:*:111122223333:topic/a:b' } }, src)).toBe(false);
  });
  it('ArnNotEquals and ArnNotLike hold when no value matches', () => {
    expect(holds({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sqs:*:*:*' } }, src)).toBe(true);
    expect(holds({ ArnNotEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic/a:b' } }, src)).toBe(
      false,
    );
  });
  it('ARN comparison is case-sensitive', () => {
    expect(holds({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:TOPIC/a:b' } }, src)).toBe(false);
  });
  it('a request value that is not an ARN is a type mismatch: false', () => {
    expect(holds({ ArnLike: { 'aws:SourceArn': '*' } }, { 'aws:SourceArn': 'not-an-arn' })).toBe(false);
  });
  it('a policy value that is not ARN-shaped matches as a whole', () => {
    expect(holds({ ArnLike: { 'aws:SourceArn': '*' } }, src)).toBe(true);
  });
});

describe('Condition operator to check existence of condition keys (Null)', () => {
  it('Null true holds when the key is absent', () => {
    expect(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, {})).toBe(true);
    expect(holds({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' })).toBe(
      false,
    );
  });
  it('Null false holds when the key is present', () => {
    expect(holds({ Null: { 'aws:TokenIssueTime': false } }, { 'aws:TokenIssueTime': 'x' })).toBe(true);
    expect(holds({ Null: { 'aws:TokenIssueTime': false } }, {})).toBe(false);
  });
  it('NullIfExists is not an operator: the condition is false', () => {
    expect(holds({ NullIfExists: { 'aws:TokenIssueTime': 'true' } }, {})).toBe(false);
  });
});

describe('Missing keys (IAM User Guide: condition keys not present in the request)', () => {
  it('a positive operator is false', () => {
    expect(holds({ StringEquals: { 'aws:PrincipalTag/team': 'blue' } }, {})).toBe(false);
  });
  it('a negated operator is true', () => {
    expect(holds({ StringNotEquals: { 'aws:PrincipalTag/team': 'blue' } }, {})).toBe(true);
    expect(holds({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, {})).toBe(true);
  });
  it('…IfExists is true when the key is absent and checks the value when present', () => {
    expect(holds({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, {})).toBe(true);
    expect(
      holds({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 'm5.large' }),
    ).toBe(false);
    expect(holds({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }, {})).toBe(true);
    expect(holds({ NumericLessThanIfExists: { 's3:max-keys': '5' } }, { 's3:max-keys': '3' })).toBe(true);
  });
});

describe('Multivalued context keys: ForAnyValue and ForAllValues', () => {
  it('ForAnyValue holds when any request value matches', () => {
    const c = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a', 'b'] } };
    expect(holds(c, { 'aws:TagKeys': ['x', 'b'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['x', 'y'] })).toBe(false);
  });
  it('ForAnyValue is false when the key is absent or empty', () => {
    const c = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] } };
    expect(holds(c, {})).toBe(false);
    expect(holds(c, { 'aws:TagKeys': [] })).toBe(false);
  });
  it('ForAllValues holds when every request value matches', () => {
    const c = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } };
    expect(holds(c, { 'aws:TagKeys': ['a', 'b'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['a', 'c'] })).toBe(false);
  });
  it('ForAllValues is true when the key is absent or empty (the classic pitfall)', () => {
    const c = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } };
    expect(holds(c, {})).toBe(true);
    expect(holds(c, { 'aws:TagKeys': [] })).toBe(true);
  });
  it('a key whose only value is the empty string is a null data set for the set operators', () => {
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, { 'aws:TagKeys': '' })).toBe(true);
    expect(holds({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a'] } }, { 'aws:TagKeys': [''] })).toBe(true);
    expect(holds({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': [''] } }, { 'aws:TagKeys': '' })).toBe(false);
    // A single-value operator still compares the empty string.
    expect(holds({ StringEquals: { 'aws:TagKeys': [''] } }, { 'aws:TagKeys': '' })).toBe(true);
  });
  it('equality operators with many values on both sides compare every request value', () => {
    const policy = Array.from({ length: 50 }, (_, i) => `tag-${i}`);
    const c = { 'ForAllValues:StringEquals': { 'aws:TagKeys': policy } };
    expect(holds(c, { 'aws:TagKeys': ['tag-0', 'tag-49', 'tag-7'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['tag-0', 'tag-50'] })).toBe(false);
    const ci = { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': policy.map((p) => p.toUpperCase()) } };
    expect(holds(ci, { 'aws:TagKeys': ['x', 'Tag-3'] })).toBe(true);
    const n = { NumericEquals: { 's3:max-keys': ['1', '2', '3', '4', '5', '10.0'] } };
    expect(holds(n, { 's3:max-keys': '10' })).toBe(true);
    expect(holds({ StringNotEquals: { 'aws:username': policy } }, { 'aws:username': 'tag-9' })).toBe(false);
  });
  it('ForAnyValue with a negated operator holds when some value matches none', () => {
    const c = { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } };
    expect(holds(c, { 'aws:TagKeys': ['a', 'z'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['a', 'b'] })).toBe(false);
  });
  it('ForAllValues with a negated operator holds when every value matches none', () => {
    const c = { 'ForAllValues:StringNotLike': { 'aws:TagKeys': ['aws:*'] } };
    expect(holds(c, { 'aws:TagKeys': ['team', 'cost'] })).toBe(true);
    expect(holds(c, { 'aws:TagKeys': ['team', 'aws:x'] })).toBe(false);
  });
  it('qualifiers combine with IfExists and with StringLike', () => {
    expect(holds({ 'ForAnyValue:StringLikeIfExists': { 'aws:TagKeys': 'team*' } }, { 'aws:TagKeys': ['teamA'] })).toBe(
      true,
    );
  });
  it('a single-value operator on a multi-valued key: positive holds if any value matches (our reading)', () => {
    expect(holds({ StringEquals: { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['x', 'a'] })).toBe(true);
    expect(holds({ StringNotEquals: { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['x', 'a'] })).toBe(false);
    expect(holds({ StringNotEquals: { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['x', 'y'] })).toBe(true);
  });
});

describe('Condition blocks: operators and keys are AND-ed', () => {
  it('every operator must hold', () => {
    const c = { StringEquals: { 'aws:username': 'alice' }, Bool: { 'aws:SecureTransport': 'true' } };
    expect(holds(c, { 'aws:username': 'alice', 'aws:SecureTransport': 'true' })).toBe(true);
    expect(holds(c, { 'aws:username': 'alice', 'aws:SecureTransport': 'false' })).toBe(false);
  });
  it('every key of an operator must hold', () => {
    const c = { StringEquals: { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'blue' } };
    expect(holds(c, { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'blue' })).toBe(true);
    expect(holds(c, { 'aws:username': 'alice' })).toBe(false);
  });
  it('an unknown operator makes the condition false', () => {
    expect(holds({ StringEqualz: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' })).toBe(false);
  });
  it('operator names are case-sensitive: a mis-cased operator is unknown and its condition false', () => {
    // IAM JSON policy elements: Condition operators (names as listed; IAM rejects other spellings).
    expect(holds({ stringequals: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' })).toBe(false);
    expect(holds({ 'foranyvalue:StringEquals': { 'aws:TagKeys': 'a' } }, { 'aws:TagKeys': ['a'] })).toBe(false);
    expect(holds({ StringEqualsifexists: { 'aws:username': 'alice' } }, {})).toBe(false);
  });
  it('an empty condition block holds', () => {
    expect(holds({}, {})).toBe(true);
  });
});

describe('Policy variables in condition values', () => {
  it('substitutes variables in string operators', () => {
    const c = { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } };
    expect(holds(c, { 'aws:username': 'alice', 'aws:ResourceTag/owner': 'alice' })).toBe(true);
    expect(holds(c, { 'aws:username': 'alice', 'aws:ResourceTag/owner': 'bob' })).toBe(false);
  });
  it('substitutes variables in StringLike, keeping the substituted text literal', () => {
    const c = { StringLike: { 's3:prefix': 'home/${aws:username}/*' } };
    expect(holds(c, { 'aws:username': 'alice', 's3:prefix': 'home/alice/docs' })).toBe(true);
    expect(holds(c, { 'aws:username': 'a*', 's3:prefix': 'home/alice/docs' })).toBe(false);
  });
  it('substitutes variables in ARN operators', () => {
    const c = { ArnEquals: { 'aws:SourceArn': 'arn:aws:iam::${aws:PrincipalAccount}:user/*' } };
    expect(
      holds(c, { 'aws:PrincipalAccount': '111122223333', 'aws:SourceArn': 'arn:aws:iam::111122223333:user/x' }),
    ).toBe(true);
  });
  it('uses defaults', () => {
    const c = { StringEquals: { 'aws:ResourceTag/team': "${aws:PrincipalTag/team, 'none'}" } };
    expect(holds(c, { 'aws:ResourceTag/team': 'none' })).toBe(true);
  });
  it('a missing variable makes that value match nothing', () => {
    const c = { StringEquals: { 'aws:ResourceTag/owner': ['${aws:username}', 'shared'] } };
    expect(holds(c, { 'aws:ResourceTag/owner': '' })).toBe(false);
    expect(holds(c, { 'aws:ResourceTag/owner': 'shared' })).toBe(true);
  });
  it('a missing variable in a negated operator matches nothing, so the negation holds', () => {
    expect(
      holds({ StringNotEquals: { 'aws:ResourceTag/owner': '${aws:username}' } }, { 'aws:ResourceTag/owner': 'x' }),
    ).toBe(true);
    expect(
      holds(
        { StringNotEquals: { 'aws:ResourceTag/owner': ['${aws:username}', 'x'] } },
        { 'aws:ResourceTag/owner': 'x' },
      ),
    ).toBe(false);
    expect(
      holds(
        { StringNotLike: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}*' } },
        { 'aws:ResourceTag/team': 'web' },
      ),
    ).toBe(true);
  });
  it('variables are literal text under Version 2008-10-17', () => {
    const c = { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } };
    expect(holds(c, { 'aws:username': 'alice', 'aws:ResourceTag/owner': 'alice' }, '2008-10-17')).toBe(false);
    expect(holds(c, { 'aws:username': 'alice', 'aws:ResourceTag/owner': '${aws:username}' }, '2008-10-17')).toBe(true);
  });
  it('variables are not substituted in numeric operators', () => {
    expect(holds({ NumericEquals: { 's3:max-keys': '${aws:x}' } }, { 's3:max-keys': '1', 'aws:x': '1' })).toBe(false);
  });
});

describe('the trace shows what each condition key resolved to', () => {
  it('records request and policy values, result and notes', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' },
            'ForAllValues:StringEquals': { 'aws:TagKeys': 'a' },
          },
        },
      ],
    };
    const { outcomes, trace } = run(
      doc,
      request('s3:GetObject', 'arn:aws:s3:::b/k', { 'aws:username': 'alice', 'aws:ResourceTag/owner': 'bob' }),
      'identity',
      true,
    );
    expect(outcomes[0].matched).toBe(false);
    const conds = trace.events.filter((e) => e.kind === 'condition');
    expect(
      conds.map((e) =>
        e.kind === 'condition' ? [e.operator, e.key, e.requestValue, e.policyValues, e.result, e.note ?? ''] : [],
      ),
    ).toEqual([
      ['StringEquals', 'aws:ResourceTag/owner', 'bob', ['alice'], false, 'no policy value matches the request'],
      ['ForAllValues:StringEquals', 'aws:TagKeys', null, ['a'], true, 'the key is absent: `ForAllValues` is true'],
    ]);
    expect(conds.every((e) => e.parent === outcomes[0].traceId)).toBe(true);
  });
  it('names the rule that decided each key', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: {
          StringNotEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' },
          StringEqualsIfExists: { 'aws:RequestTag/env': 'dev' },
          StringEquals: { 'aws:SourceVpc': 'vpc-1' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] },
          'ForAnyValue:StringNotLike': { 'aws:CalledVia': 'athena.*' },
          NumericLessThan: { 's3:max-keys': '10' },
        },
      },
    };
    const { trace } = run(
      doc,
      request('a:b', '*', {
        'aws:ResourceTag/team': 'web',
        'aws:TagKeys': ['a', 'c'],
        'aws:CalledVia': ['athena.amazonaws.com'],
        's3:max-keys': 'ten',
      }),
      'identity',
      true,
    );
    expect(
      trace.events.flatMap((e) => (e.kind === 'condition' ? [[e.key, e.result, e.rule, e.note ?? '']] : [])),
    ).toEqual([
      [
        'aws:ResourceTag/team',
        true,
        'unresolved-variable',
        'the variable `aws:PrincipalTag/team` has no value in the request, so its value matches nothing: the negated operator is true',
      ],
      ['aws:RequestTag/env', true, 'if-exists', 'the key is absent: `IfExists` is true'],
      ['aws:SourceVpc', false, 'missing-key', 'the key is absent: a positive operator is false'],
      ['aws:TagKeys', false, 'for-all-values', 'request value `c` matches no policy value: `ForAllValues` is false'],
      ['aws:CalledVia', false, 'for-any-value', 'every request value matches a policy value: `ForAnyValue` is false'],
      [
        's3:max-keys',
        false,
        'type-mismatch',
        'request value `ten` is not a number: type mismatch, the condition is false',
      ],
    ]);
  });
  it('shows null for a value whose variable is missing', () => {
    const doc = {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Action: '*',
        Resource: '*',
        Condition: { StringLike: { 'aws:x': ['${aws:username}', 'y'] } },
      },
    };
    const { trace } = run(doc, request('a:b', '*', { 'aws:x': 'y' }), 'identity', true);
    const c = trace.events.find((e) => e.kind === 'condition');
    expect(c?.kind === 'condition' && c.policyValues).toEqual([null, 'y']);
    expect(c?.kind === 'condition' && c.result).toBe(true);
  });
});
