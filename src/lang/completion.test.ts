import { describe, it, expect } from 'vitest';
import { loadDescribedCatalog } from '../catalog';
import { afterClosedString, complete } from './completion';

const catalog = await loadDescribedCatalog();
/** Completes at the end of the text (which is on one line). */
const at = (text: string) => complete(text, { line: 1, column: text.length + 1 }, catalog);

describe('complete', () => {
  it('offers actions with their access level for `s3:GetOb`', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetOb';
    const items = at(text);
    const item = items.find((i) => i.label === 's3:GetObject');
    expect(item).toEqual({
      label: 's3:GetObject',
      kind: 'action',
      detail: 'Read',
      documentation: 'Grants permission to retrieve objects from Amazon S3',
      insertText: 's3:GetObject',
      range: { start: { line: 1, column: 72, offset: 71 }, end: { line: 1, column: 80, offset: 79 } },
    });
    expect(items.every((i) => i.label.toLowerCase().startsWith('s3:getob'))).toBe(true);
    expect(items.map((i) => i.label)).toContain('s3:GetObjectAcl');
  });

  it('offers service prefixes before the colon', () => {
    const items = at('{"Statement": [{"Action": ["dynam');
    expect(items.map((i) => [i.label, i.kind, i.detail])).toEqual([['dynamodb:', 'service', 'Amazon DynamoDB']]);
  });

  it("offers the keys of the statement's actions plus the global ones", () => {
    const text =
      '{"Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"StringLike": {"';
    const labels = at(text).map((i) => i.label);
    expect(labels).toContain('s3:prefix');
    expect(labels).toContain('s3:delimiter');
    expect(labels).toContain('aws:SourceIp');
    expect(labels).not.toContain('s3:x-amz-acl');
    const typed = at(text + 's3:p');
    expect(typed.map((i) => [i.label, i.detail])).toEqual([['s3:prefix', 'String']]);
  });

  it('offers Effect values with quotes when the cursor is not in a string', () => {
    const items = at('{"Statement": [{"Effect": ');
    expect(items.map((i) => i.insertText)).toEqual(['"Allow"', '"Deny"']);
    expect(items[0].range).toEqual({
      start: { line: 1, column: 27, offset: 26 },
      end: { line: 1, column: 27, offset: 26 },
    });
  });

  it('offers element names at a key position', () => {
    expect(at('{"Statement": [{"No').map((i) => i.label)).toEqual(['NotPrincipal', 'NotAction', 'NotResource']);
    expect(at('{"Ver').map((i) => i.label)).toEqual(['Version']);
    expect(at('{"Statement": {"Principal": {"S').map((i) => i.label)).toEqual(['Service']);
  });

  it("offers ARN templates for the statement's actions", () => {
    const items = at('{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "');
    expect(items.map((i) => i.label)).toEqual([
      '*',
      'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}',
      'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
    ]);
  });

  it('offers operators, and values for Bool', () => {
    const ops = at('{"Statement": [{"Condition": {"IpA').map((i) => i.label);
    expect(ops).toEqual(['IpAddress', 'IpAddressIfExists']);
    expect(at('{"Statement": [{"Condition": {"Bool": {"aws:SecureTransport": "').map((i) => i.label)).toEqual([
      'true',
      'false',
    ]);
  });

  it('answers nothing, without throwing, on hostile input', () => {
    expect(at('')).toEqual([]);
    expect(at('[[[[[[[[')).toEqual([]);
    expect(complete('{"Statement": 5}', { line: 99, column: 99 }, catalog)).toEqual([]);
  });
});

describe('completion after a closed string', () => {
  const policy = (line: string) => `{\n  "Statement": [\n    {\n${line}`;
  it('offers nothing right after a string value the learner closed, spaces allowed', () => {
    expect(
      at('{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"'),
    ).toEqual([]);
    expect(at('{"Statement": [{"Effect": "Allow", "Resource": "*"  ')).toEqual([]);
    const text = policy('      "Sid": "a \\" quote"');
    expect(afterClosedString(text, text.length)).toBe(true);
  });

  it('still offers inside the string, after a colon or a comma, and on the next line', () => {
    expect(at('{"Statement": [{"Effect": "Allow", "Resource": "').map((i) => i.label)).toEqual(['*']);
    expect(at('{"Statement": [{"Effect": "').map((i) => i.label)).toEqual(['Allow', 'Deny']);
    expect(at('{"Statement": [{"Effect": ').map((i) => i.insertText)).toEqual(['"Allow"', '"Deny"']);
    expect(at('{"Statement": [{"Action": ["s3:GetObject", "dynam').map((i) => i.label)).toEqual(['dynamodb:']);
    const next = policy('      "Effect": "Allow",\n      "');
    expect(afterClosedString(next, next.length)).toBe(false);
    expect(afterClosedString('', 0)).toBe(false);
  });
});
