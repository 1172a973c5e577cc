import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { s3 } from '../s3/index';
import { admin, context, send } from '../s3/test-helpers';
import { dynamodb } from './index';

const OPS = ['CreateTable', 'DescribeTable', 'PutItem', 'GetItem', 'DeleteItem', 'Query'];

/** JSON values shaped a little like requests: table names, attribute values, expressions. */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('Notes', 'userId', 'noteId', ':u', '#n', 'S', 'N', 'HASH', 'ALL_OLD', 'userId = :u', '(', 'a.b[1]'),
    fc.string(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('any'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom('S', 'N', 'M', 'L', 'SS', 'BOOL', 'NULL', 'userId', 'noteId', ':u', '#n'),
      tie('any'),
      {
        maxKeys: 3,
      },
    ),
  ),
})).any;

const request = fc.record(
  {
    TableName: fc.oneof(fc.constant('Notes'), value),
    Key: value,
    Item: value,
    KeySchema: value,
    AttributeDefinitions: value,
    KeyConditionExpression: fc.oneof(
      fc.constantFrom(
        'userId = :u',
        'userId = :u AND begins_with(noteId, :u)',
        'userId = :u AND noteId BETWEEN :u AND :u',
      ),
      fc.string(),
    ),
    FilterExpression: fc.oneof(fc.constantFrom('size(a) > :u', 'NOT contains(#n, :u) OR a IN (:u)'), fc.string()),
    ProjectionExpression: fc.oneof(fc.constantFrom('#n, a.b[1]', 'a'), fc.string()),
    ConditionExpression: fc.oneof(
      fc.constantFrom('attribute_not_exists(userId)', 'attribute_type(a, :u)'),
      fc.string(),
    ),
    ExpressionAttributeValues: value,
    ExpressionAttributeNames: value,
    ExclusiveStartKey: value,
    Limit: value,
    ReturnValues: value,
  },
  { requiredKeys: [] },
);

describe('robustness', () => {
  it('DynamoDB answers any request body with 200 or an error shape, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPS), request, async (op, body) => {
        const ctx = context();
        const r = await send(
          dynamodb,
          ctx,
          {
            method: 'POST',
            path: '/',
            headers: { 'x-amz-target': `DynamoDB_20120810.${op}` },
            body: JSON.stringify(body),
          },
          admin,
        );
        expect([200, 400]).toContain(r.status);
        const json = JSON.parse(r.body) as Record<string, unknown>;
        if (r.status === 400) expect(typeof json.__type).toBe('string');
      }),
      { numRuns: 300, seed: 11 },
    );
  }, 60_000);

  it('S3 answers any path, query and headers with an S3 answer, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'HEAD', 'DELETE', 'POST'),
        fc.oneof(
          fc.constantFrom('/', '/playground-photos', '/playground-photos/public/welcome.txt', '/%E0%A4%A'),
          fc.string(),
        ),
        fc.oneof(
          fc.constantFrom('list-type=2&max-keys=x', 'policy', 'continuation-token=zz', 'list-type=2&delimiter=%2F'),
          fc.string(),
        ),
        fc.dictionary(
          fc.constantFrom(
            'range',
            'content-md5',
            'x-amz-content-sha256',
            'content-encoding',
            'x-amz-checksum-crc32',
            'host',
            'if-match',
          ),
          fc.string(),
          { maxKeys: 3 },
        ),
        fc.string(),
        async (method, path, query, headers, body) => {
          const r = await send(s3, context(), { method, path, query, headers, body }, admin);
          expect(r.status).toBeGreaterThanOrEqual(200);
          expect(r.status).toBeLessThan(600);
        },
      ),
      { numRuns: 300, seed: 12 },
    );
  }, 60_000);
});
