/**
 * The real AWS SDK for JavaScript v3 against the S3 and DynamoDB handlers, with no network: the
 * clients get a `requestHandler` whose `handle()` turns the SDK's request into ours, calls the
 * service's `handle` as the world's admin (SigV4 is checked before `handle`, elsewhere), and gives
 * the answer back. The SDK's own serializers, checksum middleware and parsers do the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { AwsContext, Principal } from '../context';
import type { ServiceModule } from '../service';
import { Simulator } from '../simulator';
import { newState } from '../state';
import { defaultWorld } from '../../world/default-world';
import { dynamodb } from '../dynamodb/index';
import { s3 } from './index';
import { ACCT, admin, context } from './test-helpers';
import { serviceHandler, simulatorHandler } from '../sdk.test-helper';
import type { HttpRequest } from '../http';

/** What the SDK sent, for the tests to look at. */
const sent: HttpRequest[] = [];

const handlerFor = (service: ServiceModule, ctx: AwsContext, caller: Principal) =>
  serviceHandler(
    service,
    ctx,
    () => caller,
    (req) => sent.push(req),
  );

const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

function s3Client(
  ctx: AwsContext,
  caller: Principal = admin,
  forcePathStyle = true,
  endpoint = 'http://localhost:4566',
) {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle,
    credentials,
    requestHandler: handlerFor(s3, ctx, caller),
  });
}

async function refusal(p: Promise<unknown>): Promise<S3ServiceException | DynamoDBServiceException> {
  try {
    await p;
  } catch (e) {
    return e as S3ServiceException;
  }
  throw new Error('the call succeeded');
}

describe('the AWS SDK v3 S3 client', () => {
  it('creates a bucket, sets and reads its policy, and lists buckets', async () => {
    const ctx = context();
    const client = s3Client(ctx);
    await client.send(new CreateBucketCommand({ Bucket: 'sdk-bucket' }));
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` },
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::sdk-bucket/*',
        },
      ],
    });
    await client.send(new PutBucketPolicyCommand({ Bucket: 'sdk-bucket', Policy: policy }));
    const got = await client.send(new GetBucketPolicyCommand({ Bucket: 'sdk-bucket' }));
    expect(got.Policy).toBe(policy);
    const list = await client.send(new ListBucketsCommand({}));
    expect(list.Buckets?.map((b) => b.Name)).toEqual(['playground-photos', 'sdk-bucket']);
    expect(list.Buckets?.[1].CreationDate?.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(list.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it('puts with the SDK’s default checksum, gets, heads, ranges, lists and deletes objects', async () => {
    const ctx = context();
    const client = s3Client(ctx);
    sent.length = 0;
    const put = await client.send(
      new PutObjectCommand({
        Bucket: 'playground-photos',
        Key: 'sdk/hello world.txt',
        Body: 'hello',
        ContentType: 'text/plain',
      }),
    );
    expect(put.ETag).toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect(sent[0].headers['x-amz-checksum-crc32']).toBe('NhCmhg==');
    const get = await client.send(new GetObjectCommand({ Bucket: 'playground-photos', Key: 'sdk/hello world.txt' }));
    expect(await get.Body!.transformToString()).toBe('hello');
    expect(get.ContentType).toBe('text/plain');
    expect(get.ContentLength).toBe(5);
    expect(get.ETag).toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect(get.LastModified?.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    const range = await client.send(
      new GetObjectCommand({ Bucket: 'playground-photos', Key: 'sdk/hello world.txt', Range: 'bytes=0-1' }),
    );
    expect(await range.Body!.transformToString()).toBe('he');
    expect(range.ContentRange).toBe('bytes 0-1/5');
    const head = await client.send(new HeadObjectCommand({ Bucket: 'playground-photos', Key: 'sdk/hello world.txt' }));
    expect(head.ContentLength).toBe(5);
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: 'playground-photos', Delimiter: '/', MaxKeys: 2 }),
    );
    expect(listed.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['home/', 'public/']);
    expect(listed.KeyCount).toBe(2);
    expect(listed.IsTruncated).toBe(true);
    const next = await client.send(
      new ListObjectsV2Command({
        Bucket: 'playground-photos',
        Delimiter: '/',
        MaxKeys: 2,
        ContinuationToken: listed.NextContinuationToken,
      }),
    );
    expect(next.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['sdk/']);
    expect(next.IsTruncated).toBe(false);
    await client.send(new DeleteObjectCommand({ Bucket: 'playground-photos', Key: 'sdk/hello world.txt' }));
    const missing = await refusal(
      client.send(new GetObjectCommand({ Bucket: 'playground-photos', Key: 'sdk/hello world.txt' })),
    );
    expect(missing.name).toBe('NoSuchKey');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    const headMissing = await refusal(client.send(new HeadObjectCommand({ Bucket: 'playground-photos', Key: 'nope' })));
    expect(headMissing.name).toBe('NotFound');
  });

  it('takes a virtual-hosted request (bucket.localhost)', async () => {
    const ctx = context();
    const client = s3Client(ctx, admin, false);
    sent.length = 0;
    await client.send(new PutObjectCommand({ Bucket: 'playground-photos', Key: 'sdk/vh.txt', Body: 'virtual host' }));
    expect(sent[0].headers['host']).toBe('playground-photos.localhost:4566');
    expect(sent[0].path).toBe('/sdk/vh.txt');
    const get = await client.send(new GetObjectCommand({ Bucket: 'playground-photos', Key: 'sdk/vh.txt' }));
    expect(await get.Body!.transformToString()).toBe('virtual host');
  });

  it('gives the SDK S3’s errors: AccessDenied, NoSuchBucketPolicy, MalformedPolicy, NoSuchBucket', async () => {
    const ctx = context();
    const anonymousLike: Principal = { ...admin, arn: `arn:aws:iam::${ACCT}:user/bob`, userId: 'AIDABOB' };
    const bob = s3Client(ctx, anonymousLike);
    const denied = await refusal(bob.send(new PutObjectCommand({ Bucket: 'playground-photos', Key: 'x', Body: 'x' })));
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata.httpStatusCode).toBe(403);
    expect(denied.message).toContain(
      'is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::playground-photos/x"',
    );
    const client = s3Client(ctx);
    await client.send(new CreateBucketCommand({ Bucket: 'no-policy' }));
    const none = await refusal(client.send(new GetBucketPolicyCommand({ Bucket: 'no-policy' })));
    expect(none.name).toBe('NoSuchBucketPolicy');
    const bad = await refusal(
      client.send(new PutBucketPolicyCommand({ Bucket: 'no-policy', Policy: '{"Version":"2012-10-17"}' })),
    );
    expect(bad.name).toBe('MalformedPolicy');
    expect(bad.message).toBe('Missing required field Statement');
    const noBucket = await refusal(client.send(new GetObjectCommand({ Bucket: 'not-a-bucket-here', Key: 'k' })));
    expect(noBucket.name).toBe('NoSuchBucket');
  });
});

function ddbClient(ctx: AwsContext, caller: Principal = admin) {
  return new DynamoDBClient({
    region: 'us-east-1',
    endpoint: 'http://localhost:4566',
    credentials,
    requestHandler: handlerFor(dynamodb, ctx, caller),
  });
}

describe('the AWS SDK v3 DynamoDB client', () => {
  it('creates a table, puts, gets, queries and deletes items', async () => {
    const ctx = context();
    const client = ddbClient(ctx);
    const created = await client.send(
      new CreateTableCommand({
        TableName: 'Games',
        KeySchema: [
          { AttributeName: 'player', KeyType: 'HASH' },
          { AttributeName: 'round', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'player', AttributeType: 'S' },
          { AttributeName: 'round', AttributeType: 'N' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    expect(created.TableDescription?.TableStatus).toBe('ACTIVE');
    expect(created.TableDescription?.CreationDateTime?.toISOString()).toBe('2026-01-01T12:00:00.000Z');
    expect(created.TableDescription?.TableArn).toBe('arn:aws:dynamodb:us-east-1:111122223333:table/Games');
    for (const round of ['3', '1', '2'])
      await client.send(
        new PutItemCommand({ TableName: 'Games', Item: { player: { S: 'ana' }, round: { N: round } } }),
      );
    const old = await client.send(
      new PutItemCommand({
        TableName: 'Games',
        Item: { player: { S: 'ana' }, round: { N: '2' }, won: { BOOL: true } },
        ReturnValues: 'ALL_OLD',
      }),
    );
    expect(old.Attributes).toEqual({ player: { S: 'ana' }, round: { N: '2' } });
    const got = await client.send(
      new GetItemCommand({ TableName: 'Games', Key: { player: { S: 'ana' }, round: { N: '2' } } }),
    );
    expect(got.Item).toEqual({ player: { S: 'ana' }, round: { N: '2' }, won: { BOOL: true } });
    const absent = await client.send(
      new GetItemCommand({ TableName: 'Games', Key: { player: { S: 'ana' }, round: { N: '9' } } }),
    );
    expect(absent.Item).toBeUndefined();
    const q = await client.send(
      new QueryCommand({
        TableName: 'Games',
        KeyConditionExpression: 'player = :p AND round BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':p': { S: 'ana' }, ':a': { N: '2' }, ':b': { N: '3' } },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    expect(q.Items).toEqual([{ player: { S: 'ana' }, round: { N: '3' } }]);
    expect(q.LastEvaluatedKey).toEqual({ player: { S: 'ana' }, round: { N: '3' } });
    await client.send(new DeleteItemCommand({ TableName: 'Games', Key: { player: { S: 'ana' }, round: { N: '1' } } }));
    const d = await client.send(new DescribeTableCommand({ TableName: 'Games' }));
    expect(d.Table?.ItemCount).toBe(2);
  });

  it('gives the SDK DynamoDB’s errors as their exception classes', async () => {
    const ctx = context();
    const client = ddbClient(ctx);
    const cond = await refusal(
      client.send(
        new PutItemCommand({
          TableName: 'Notes',
          Item: { userId: { S: 'alice' }, noteId: { S: '2026-11-02#001' } },
          ConditionExpression: 'attribute_not_exists(userId)',
        }),
      ),
    );
    expect(cond).toBeInstanceOf(ConditionalCheckFailedException);
    expect(cond.message).toBe('The conditional request failed');
    const missing = await refusal(client.send(new GetItemCommand({ TableName: 'Nope', Key: { id: { S: '1' } } })));
    expect(missing.name).toBe('ResourceNotFoundException');
    const invalid = await refusal(
      client.send(new GetItemCommand({ TableName: 'Notes', Key: { userId: { S: 'alice' } } })),
    );
    expect(invalid.name).toBe('ValidationException');
    expect(invalid.message).toBe('The provided key element does not match the schema');
    const bob: Principal = { ...admin, arn: `arn:aws:iam::${ACCT}:user/bob`, userId: 'AIDABOB' };
    const denied = await refusal(
      ddbClient(ctx, bob).send(
        new PutItemCommand({ TableName: 'Notes', Item: { userId: { S: 'bob' }, noteId: { S: '1' } } }),
      ),
    );
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      'User: arn:aws:iam::111122223333:user/bob is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Notes because no identity-based policy allows the dynamodb:PutItem action',
    );
  });
});

describe('signed calls through the simulator (SigV4 checked)', () => {
  it('lets alice write and read her own home prefix, and refuses bob’s', async () => {
    const sim = new Simulator({ state: newState(defaultWorld()) });
    const alice = new S3Client({
      region: 'us-east-1',
      endpoint: 'http://localhost:4566',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAR7KLMW2QTHX4ALCE', secretAccessKey: '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' },
      requestHandler: simulatorHandler(sim),
    });
    await alice.send(
      new PutObjectCommand({ Bucket: 'playground-photos', Key: 'home/alice/signed.txt', Body: 'signed' }),
    );
    const got = await alice.send(new GetObjectCommand({ Bucket: 'playground-photos', Key: 'home/alice/signed.txt' }));
    expect(await got.Body!.transformToString()).toBe('signed');
    expect(sim.history.map((x) => [x.operation, x.caller, x.response.status])).toEqual([
      ['PutObject', 'arn:aws:iam::111122223333:user/alice', 200],
      ['GetObject', 'arn:aws:iam::111122223333:user/alice', 200],
    ]);
    const ddb = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: 'http://localhost:4566',
      credentials: { accessKeyId: 'AKIAR7KLMW2QTHX4ALCE', secretAccessKey: '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' },
      requestHandler: simulatorHandler(sim),
    });
    const q = await ddb.send(
      new QueryCommand({
        TableName: 'Notes',
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': { S: 'alice' } },
      }),
    );
    expect(q.Count).toBe(2);
  });
});
