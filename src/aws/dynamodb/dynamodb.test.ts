import { describe, expect, it } from 'vitest';
import type { AwsContext, Principal } from '../context';
import { crc32 } from '../s3/bytes';
import { ACCT, admin, alice, context, send } from '../s3/test-helpers';
import { dynamodb } from './index';

async function ddb(ctx: AwsContext, op: string, body: unknown, caller: Principal | null = admin) {
  const r = await send(
    dynamodb,
    ctx,
    {
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': `DynamoDB_20120810.${op}`, 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify(body),
    },
    caller ?? undefined,
  );
  return { ...r, json: JSON.parse(r.body) as Record<string, unknown> };
}

const NOTES = 'arn:aws:dynamodb:us-east-1:111122223333:table/Notes';

/** A table `Scores` (partition `player` S, sort `round` N) with rounds 1, 2, 10 and 20 of `ana`. */
async function scores() {
  const ctx = context();
  const created = await ddb(ctx, 'CreateTable', {
    TableName: 'Scores',
    KeySchema: [
      { AttributeName: 'player', KeyType: 'HASH' },
      { AttributeName: 'round', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'player', AttributeType: 'S' },
      { AttributeName: 'round', AttributeType: 'N' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
  });
  expect(created.status).toBe(200);
  for (const round of ['20', '1', '10', '2'])
    await ddb(ctx, 'PutItem', {
      TableName: 'Scores',
      Item: { player: { S: 'ana' }, round: { N: round }, points: { N: round } },
    });
  await ddb(ctx, 'PutItem', { TableName: 'Scores', Item: { player: { S: 'ben' }, round: { N: '5' } } });
  return ctx;
}

async function rounds(
  ctx: AwsContext,
  expression: string,
  values: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const r = await ddb(ctx, 'Query', {
    TableName: 'Scores',
    KeyConditionExpression: expression,
    ExpressionAttributeValues: { ':p': { S: 'ana' }, ...values },
    ...extra,
  });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return (r.json.Items as { round: { N: string } }[]).map((i) => i.round.N);
}

describe('CreateTable', () => {
  it('answers the TableDescription, ACTIVE, with the ARN and the creation time in epoch seconds', async () => {
    const ctx = context();
    const r = await ddb(ctx, 'CreateTable', {
      TableName: 'Orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(r.headers['x-amz-crc32']).toBe(String(crc32(r.reply.response.body)));
    const d = r.json.TableDescription as Record<string, unknown>;
    expect(d.TableName).toBe('Orders');
    expect(d.TableStatus).toBe('ACTIVE');
    expect(d.TableArn).toBe('arn:aws:dynamodb:us-east-1:111122223333:table/Orders');
    expect(d.CreationDateTime).toBe(Date.UTC(2026, 0, 1, 12) / 1000);
    expect(d.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(d.ProvisionedThroughput).toEqual({ NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 2 });
    expect(d.ItemCount).toBe(0);
    expect(ctx.state.world.resources!.some((x) => x.arn === d.TableArn)).toBe(true);
    const again = await ddb(ctx, 'CreateTable', {
      TableName: 'Orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceInUseException',
      message: 'Table already exists: Orders',
    });
  });

  it('refuses bad definitions with ValidationException and DynamoDB’s messages', async () => {
    const ctx = context();
    const base = {
      TableName: 'Orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    };
    const cases: [Record<string, unknown>, string][] = [
      [
        base,
        'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
      ],
      [
        {
          ...base,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'other', AttributeType: 'S' }],
        },
        'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [id], AttributeDefinitions: [other]',
      ],
      [
        { ...base, TableName: 'ab', BillingMode: 'PAY_PER_REQUEST' },
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
      ],
      [
        { ...base, TableName: undefined },
        "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
      ],
    ];
    for (const [body, message] of cases) {
      const r = await ddb(ctx, 'CreateTable', body);
      expect(r.status).toBe(400);
      expect(r.json.__type).toBe('com.amazon.coral.validate#ValidationException');
      expect(r.json.message).toBe(message);
    }
    const wrongType = await ddb(ctx, 'CreateTable', { ...base, TableName: 5 });
    expect(wrongType.json.__type).toBe('com.amazon.coral.service#SerializationException');
  });
});

describe('PutItem, GetItem, DeleteItem', () => {
  it('writes, reads and deletes an item, with ReturnValues ALL_OLD', async () => {
    const ctx = context();
    const key = { userId: { S: 'carol' }, noteId: { S: '1' } };
    const put = await ddb(ctx, 'PutItem', { TableName: 'Notes', Item: { ...key, text: { S: 'first' } } });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({});
    const replace = await ddb(ctx, 'PutItem', {
      TableName: 'Notes',
      Item: { ...key, text: { S: 'second' } },
      ReturnValues: 'ALL_OLD',
    });
    expect(replace.json).toEqual({ Attributes: { ...key, text: { S: 'first' } } });
    const got = await ddb(ctx, 'GetItem', { TableName: 'Notes', Key: key });
    expect(got.json).toEqual({ Item: { ...key, text: { S: 'second' } } });
    const projected = await ddb(ctx, 'GetItem', {
      TableName: 'Notes',
      Key: key,
      ProjectionExpression: '#t',
      ExpressionAttributeNames: { '#t': 'text' },
    });
    expect(projected.json).toEqual({ Item: { text: { S: 'second' } } });
    const del = await ddb(ctx, 'DeleteItem', { TableName: 'Notes', Key: key, ReturnValues: 'ALL_OLD' });
    expect(del.json).toEqual({ Attributes: { ...key, text: { S: 'second' } } });
    const absent = await ddb(ctx, 'GetItem', { TableName: 'Notes', Key: key });
    expect(absent.status).toBe(200);
    expect(absent.json).toEqual({});
  });

  it('refuses an item without its key or with a key of the wrong type', async () => {
    const ctx = context();
    const missing = await ddb(ctx, 'PutItem', { TableName: 'Notes', Item: { userId: { S: 'x' } } });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message: 'One or more parameter values were invalid: Missing the key noteId in the item',
    });
    const typed = await ddb(ctx, 'PutItem', { TableName: 'Notes', Item: { userId: { N: '1' }, noteId: { S: 'a' } } });
    expect(typed.json.message).toBe(
      'One or more parameter values were invalid: Type mismatch for key userId expected: S actual: N',
    );
    const badKey = await ddb(ctx, 'GetItem', { TableName: 'Notes', Key: { userId: { S: 'alice' } } });
    expect(badKey.json.message).toBe('The provided key element does not match the schema');
    const badNumber = await ddb(ctx, 'PutItem', {
      TableName: 'Notes',
      Item: { userId: { S: 'x' }, noteId: { S: 'a' }, n: { N: 'twelve' } },
    });
    expect(badNumber.json.message).toBe('The parameter cannot be converted to a numeric value: twelve');
    const emptySet = await ddb(ctx, 'PutItem', {
      TableName: 'Notes',
      Item: { userId: { S: 'x' }, noteId: { S: 'a' }, s: { SS: [] } },
    });
    expect(emptySet.json.message).toBe('One or more parameter values were invalid: An string set  may not be empty');
  });

  it('checks ConditionExpression: attribute_not_exists refuses an existing item', async () => {
    const ctx = context();
    const item = { userId: { S: 'alice' }, noteId: { S: '2026-11-02#001' }, text: { S: 'overwrite?' } };
    const r = await ddb(ctx, 'PutItem', {
      TableName: 'Notes',
      Item: item,
      ConditionExpression: 'attribute_not_exists(noteId)',
    });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
    });
    const fresh = await ddb(ctx, 'PutItem', {
      TableName: 'Notes',
      Item: { ...item, noteId: { S: 'new' } },
      ConditionExpression: 'attribute_not_exists(noteId)',
    });
    expect(fresh.status).toBe(200);
  });

  it('answers ResourceNotFoundException for a table that does not exist', async () => {
    const r = await ddb(context(), 'GetItem', { TableName: 'Nope', Key: { id: { S: '1' } } });
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: 'Requested resource not found',
    });
    expect(r.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
  });

  it('answers an unknown operation and an unsigned call in DynamoDB’s shapes', async () => {
    const unknown = await ddb(context(), 'Frobnicate', {});
    expect(unknown.json.__type).toBe('com.amazon.coral.service#UnknownOperationException');
    const unsigned = await ddb(context(), 'GetItem', { TableName: 'Notes' }, null);
    expect(unsigned.json).toEqual({
      __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
      message: 'Request is missing Authentication Token',
    });
  });
});

describe('expressions', () => {
  it('words syntax errors, undefined and unused substitutions, and reserved words as DynamoDB does', async () => {
    const ctx = context();
    const q = (body: Record<string, unknown>) => ddb(ctx, 'Query', { TableName: 'Notes', ...body });
    const syntax = await q({
      KeyConditionExpression: 'userId = = :u',
      ExpressionAttributeValues: { ':u': { S: 'a' } },
    });
    expect(syntax.json.message).toBe('Invalid KeyConditionExpression: Syntax error; token: "=", near: "= = :u"');
    const undef = await q({ KeyConditionExpression: 'userId = :u' });
    expect(undef.json.message).toBe(
      'Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :u',
    );
    const unused = await q({
      KeyConditionExpression: 'userId = :u',
      ExpressionAttributeValues: { ':u': { S: 'a' }, ':x': { S: 'b' } },
    });
    expect(unused.json.message).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}');
    const reserved = await q({
      KeyConditionExpression: 'userId = :u',
      FilterExpression: 'text = :u',
      ExpressionAttributeValues: { ':u': { S: 'a' } },
    });
    expect(reserved.json.message).toBe(
      'Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: text',
    );
    const missed = await q({ KeyConditionExpression: 'noteId = :u', ExpressionAttributeValues: { ':u': { S: 'a' } } });
    expect(missed.json.message).toBe('Query condition missed key schema element: userId');
    const or = await q({
      KeyConditionExpression: 'userId = :u OR noteId = :u',
      ExpressionAttributeValues: { ':u': { S: 'a' } },
    });
    expect(or.json.message).toBe('Invalid operator used in KeyConditionExpression: OR');
    const deep = await q({
      KeyConditionExpression: `${'('.repeat(5000)}userId = :u${')'.repeat(5000)}`,
      ExpressionAttributeValues: { ':u': { S: 'a' } },
    });
    expect(deep.json.message).toBe(
      'Invalid KeyConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 10011',
    );
    const junk = await ddb(ctx, 'CreateTable', { TableName: 'Junk', KeySchema: [null], AttributeDefinitions: [] });
    expect(junk.json.__type).toBe('com.amazon.coral.service#SerializationException');
  });
});

describe('Query', () => {
  it('matches the sort key with each operator, in numeric order', async () => {
    const ctx = await scores();
    expect(await rounds(ctx, 'player = :p', {})).toEqual(['1', '2', '10', '20']);
    expect(await rounds(ctx, 'player = :p AND round = :r', { ':r': { N: '10' } })).toEqual(['10']);
    expect(await rounds(ctx, 'player = :p AND round < :r', { ':r': { N: '10' } })).toEqual(['1', '2']);
    expect(await rounds(ctx, 'player = :p AND round <= :r', { ':r': { N: '10' } })).toEqual(['1', '2', '10']);
    expect(await rounds(ctx, 'player = :p AND round > :r', { ':r': { N: '2' } })).toEqual(['10', '20']);
    expect(await rounds(ctx, 'player = :p AND round >= :r', { ':r': { N: '2' } })).toEqual(['2', '10', '20']);
    expect(
      await rounds(ctx, 'player = :p AND round BETWEEN :a AND :b', { ':a': { N: '2' }, ':b': { N: '10' } }),
    ).toEqual(['2', '10']);
    expect(await rounds(ctx, 'player = :p', {}, { ScanIndexForward: false })).toEqual(['20', '10', '2', '1']);
  });

  it('matches begins_with on a string sort key', async () => {
    const ctx = context();
    const r = await ddb(ctx, 'Query', {
      TableName: 'Notes',
      KeyConditionExpression: 'userId = :u AND begins_with(noteId, :month)',
      ExpressionAttributeValues: { ':u': { S: 'alice' }, ':month': { S: '2026-11-1' } },
    });
    expect((r.json.Items as { noteId: { S: string } }[]).map((i) => i.noteId.S)).toEqual(['2026-11-15#002']);
    expect(r.json.Count).toBe(1);
  });

  it('pages with Limit, LastEvaluatedKey and ExclusiveStartKey', async () => {
    const ctx = await scores();
    const first = await ddb(ctx, 'Query', {
      TableName: 'Scores',
      KeyConditionExpression: 'player = :p',
      ExpressionAttributeValues: { ':p': { S: 'ana' } },
      Limit: 3,
    });
    expect(first.json.Count).toBe(3);
    expect(first.json.LastEvaluatedKey).toEqual({ player: { S: 'ana' }, round: { N: '10' } });
    const rest = await ddb(ctx, 'Query', {
      TableName: 'Scores',
      KeyConditionExpression: 'player = :p',
      ExpressionAttributeValues: { ':p': { S: 'ana' } },
      Limit: 3,
      ExclusiveStartKey: first.json.LastEvaluatedKey,
    });
    expect((rest.json.Items as { round: { N: string } }[]).map((i) => i.round.N)).toEqual(['20']);
    expect(rest.json.LastEvaluatedKey).toBeUndefined();
    const outside = await ddb(ctx, 'Query', {
      TableName: 'Scores',
      KeyConditionExpression: 'player = :p',
      ExpressionAttributeValues: { ':p': { S: 'ana' } },
      ExclusiveStartKey: { player: { S: 'ben' }, round: { N: '5' } },
    });
    expect(outside.json.message).toBe(
      'The provided starting key is outside query boundaries based on provided conditions',
    );
  });

  it('filters after the key condition, and counts what it scanned', async () => {
    const ctx = await scores();
    const r = await ddb(ctx, 'Query', {
      TableName: 'Scores',
      KeyConditionExpression: 'player = :p',
      FilterExpression: 'points > :min',
      ExpressionAttributeValues: { ':p': { S: 'ana' }, ':min': { N: '5' } },
    });
    expect(r.json.Count).toBe(2);
    expect(r.json.ScannedCount).toBe(4);
  });
});

describe('authorization', () => {
  const identity = 'us-east-1:11111111-2222-4333-8444-555555555555';
  const appUser: Principal = {
    kind: 'assumed-role',
    arn: `arn:aws:sts::${ACCT}:assumed-role/photos-app-authenticated/CognitoIdentityCredentials`,
    account: ACCT,
    userId: 'AROAY3MNP5QR7ST9UV2WX:CognitoIdentityCredentials',
    accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
    session: {
      expiration: Date.UTC(2026, 0, 1, 13),
      issuedAt: Date.UTC(2026, 0, 1, 12),
      context: {
        'cognito-identity.amazonaws.com:sub': identity,
        'cognito-identity.amazonaws.com:aud': 'us-east-1:7b0e4c1a-3f2d-4e6b-9a8c-5d1e2f3a4b6c',
        'cognito-identity.amazonaws.com:amr': ['authenticated'],
      },
    },
  };

  it('restricts a caller to its own partition with dynamodb:LeadingKeys', async () => {
    const ctx = context();
    const own = await ddb(
      ctx,
      'PutItem',
      { TableName: 'Notes', Item: { userId: { S: identity }, noteId: { S: '1' } } },
      appUser,
    );
    expect(own.status).toBe(200);
    expect(own.reply.decision?.allowed).toBe(true);
    const mine = await ddb(
      ctx,
      'Query',
      {
        TableName: 'Notes',
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': { S: identity } },
      },
      appUser,
    );
    expect(mine.json.Count).toBe(1);
    const theirs = await ddb(
      ctx,
      'Query',
      {
        TableName: 'Notes',
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': { S: 'alice' } },
      },
      appUser,
    );
    expect(theirs.status).toBe(400);
    expect(theirs.json).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      message: `User: arn:aws:sts::111122223333:assumed-role/photos-app-authenticated/CognitoIdentityCredentials is not authorized to perform: dynamodb:Query on resource: ${NOTES} because no identity-based policy allows the dynamodb:Query action`,
    });
    const c = theirs.reply.decision!.authorized!.request.context;
    expect(c['dynamodb:leadingkeys'] ?? c['dynamodb:LeadingKeys']).toMatchObject({ value: ['alice'] });
  });

  it('refuses a missing table with AccessDeniedException to a caller who may not use it', async () => {
    const r = await ddb(context(), 'GetItem', { TableName: 'Secret', Key: { id: { S: '1' } } }, alice);
    expect(r.status).toBe(400);
    expect(r.json).toEqual({
      __type: 'com.amazon.coral.service#AccessDeniedException',
      message:
        'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Secret because no identity-based policy allows the dynamodb:GetItem action',
    });
  });

  it('refuses an action the caller’s policies do not grant', async () => {
    const r = await ddb(
      context(),
      'DeleteItem',
      { TableName: 'Notes', Key: { userId: { S: 'alice' }, noteId: { S: '2026-11-02#001' } } },
      alice,
    );
    expect(r.status).toBe(400);
    expect(r.json.message).toBe(
      `User: arn:aws:iam::111122223333:user/alice is not authorized to perform: dynamodb:DeleteItem on resource: ${NOTES} because no identity-based policy allows the dynamodb:DeleteItem action`,
    );
  });
});

describe('ListTables', () => {
  it('lists the account’s tables by name, a page at a time, and refuses a caller not allowed', async () => {
    const ctx = await scores();
    const all = await ddb(ctx, 'ListTables', {});
    expect(all.status).toBe(200);
    expect(all.json).toEqual({ TableNames: ['Notes', 'Scores'] });
    const first = await ddb(ctx, 'ListTables', { Limit: 1 });
    expect(first.json).toEqual({ TableNames: ['Notes'], LastEvaluatedTableName: 'Notes' });
    const next = await ddb(ctx, 'ListTables', { Limit: 1, ExclusiveStartTableName: 'Notes' });
    expect(next.json).toEqual({ TableNames: ['Scores'] });
    const big = await ddb(ctx, 'ListTables', { Limit: 101 });
    expect(big.status).toBe(400);
    expect(big.json.message).toBe(
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
    const denied = await ddb(ctx, 'ListTables', {}, alice);
    expect(denied.status).toBe(400);
    expect(String(denied.json.__type)).toMatch(/AccessDeniedException$/);
  });
});
