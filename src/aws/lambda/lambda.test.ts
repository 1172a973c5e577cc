import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import type { World } from '../../world/types';
import { newState } from '../state';
import { SimClock } from '../clock';
import { seededRandom } from '../random';
import { Simulator } from '../simulator';
import { signRequest } from '../auth/sigv4';
import { request, text } from '../http';
import { invocationRecord, ROLE_NOT_ASSUMABLE } from './index';

const ALICE = { accessKeyId: 'AKIAR7KLMW2QTHX4ALCE', secretAccessKey: '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' };
const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
const FN = 'arn:aws:lambda:us-east-1:111122223333:function:resize-image';
const NOTE_KEY = { userId: { S: 'alice' }, noteId: { S: '2026-11-02#001' } };

/** The resizer may read Notes; a Billing table it may not. */
function world(edit?: (w: World) => void): World {
  const w = defaultWorld();
  const role = w.roles!.find((r) => r.name === 'image-resizer')!;
  role.inlinePolicies = [
    ...(role.inlinePolicies ?? []),
    {
      name: 'read-jobs',
      document: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: 'dynamodb:GetItem',
            Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/Notes',
          },
        ],
      },
    },
  ];
  w.resources!.push({
    type: 'dynamodb-table',
    arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/Billing',
    keySchema: [{ attributeName: 'invoiceId', keyType: 'HASH' }],
    attributeDefinitions: [{ attributeName: 'invoiceId', attributeType: 'S' }],
    items: [{ invoiceId: { S: 'INV-1' }, total: { N: '99' } }],
  });
  edit?.(w);
  return w;
}

function invokeRequest(name: string, payload: unknown, creds = ALICE, headers: Record<string, string> = {}) {
  return signRequest(
    request({
      method: 'POST',
      path: `/2015-03-31/functions/${encodeURIComponent(name)}/invocations`,
      headers: { host: 'lambda.us-east-1.amazonaws.com', 'content-type': 'application/octet-stream', ...headers },
      body: JSON.stringify(payload),
    }),
    creds,
    { service: 'lambda', region: 'us-east-1', now: NOW },
  );
}

function sim(w: World) {
  const state = newState(w);
  return { state, sim: new Simulator({ state, clock: new SimClock(NOW), random: seededRandom('lambda') }) };
}

describe('Lambda Invoke', () => {
  it('alice invokes the resizer: Lambda assumes the execution role, the code reads Notes', async () => {
    const { sim: s, state } = sim(world());
    const x = await s.handle(invokeRequest('resize-image', { reads: [{ TableName: 'Notes', Key: NOTE_KEY }] }));
    expect(x.service).toBe('lambda');
    expect(x.operation).toBe('Invoke');
    expect(x.decision?.action).toBe('lambda:InvokeFunction');
    expect(x.decision?.decision).toBe('Allow');
    expect(x.response.status).toBe(200);
    expect(x.response.headers['x-amz-executed-version']).toBe('$LATEST');
    expect(x.response.headers['x-amz-function-error']).toBeUndefined();
    const body = JSON.parse(text(x.response.body)) as { items: Record<string, { S: string }>[] };
    expect(body.items[0]!['text']).toEqual({ S: 'Resize the new banner' });
    const rec = invocationRecord(state, x.response.headers['x-amzn-requestid']!)!;
    expect(rec.trust.principal).toBe('lambda.amazonaws.com');
    expect(rec.trust.decision).toBe('Allow');
    expect(rec.session?.arn).toBe('arn:aws:sts::111122223333:assumed-role/image-resizer/resize-image');
    expect(rec.session?.userId).toBe('AROAX9BCD4EF6GH8JK2LM:resize-image');
    expect(rec.calls.map((c) => `${c.service} ${c.operation} ${c.response.status}`)).toEqual([
      'sts AssumeRole 200',
      'dynamodb GetItem 200',
    ]);
    expect(text(rec.calls[0]!.request.body)).toBe(
      'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fservice-role%2Fimage-resizer&RoleSessionName=resize-image&DurationSeconds=3600',
    );
  });

  it('a table the role may not read: the code’s error is unhandled, with DynamoDB’s AccessDeniedException', async () => {
    const { sim: s, state } = sim(world());
    const x = await s.handle(
      invokeRequest('resize-image', {
        reads: [
          { TableName: 'Notes', Key: NOTE_KEY },
          { TableName: 'Billing', Key: { invoiceId: { S: 'INV-1' } } },
        ],
      }),
    );
    expect(x.response.status).toBe(200);
    expect(x.response.headers['x-amz-function-error']).toBe('Unhandled');
    const body = JSON.parse(text(x.response.body)) as { errorType: string; errorMessage: string };
    expect(body.errorType).toBe('AccessDeniedException');
    expect(body.errorMessage).toBe(
      'User: arn:aws:sts::111122223333:assumed-role/image-resizer/resize-image is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:111122223333:table/Billing because no identity-based policy allows the dynamodb:GetItem action',
    );
    const rec = invocationRecord(state, x.response.headers['x-amzn-requestid']!)!;
    expect(rec.calls[2]!.decision?.decision).toBe('ImplicitDeny');
  });

  it('a trust policy that names another service: InvalidParameterValueException', async () => {
    const { sim: s, state } = sim(
      world((w) => {
        w.roles!.find((r) => r.name === 'image-resizer')!.trustPolicy = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        };
      }),
    );
    const x = await s.handle(invokeRequest('resize-image', {}));
    expect(x.response.status).toBe(400);
    expect(x.response.headers['x-amzn-errortype']).toBe('InvalidParameterValueException');
    expect(JSON.parse(text(x.response.body))).toEqual({ Type: 'User', Message: ROLE_NOT_ASSUMABLE });
    const rec = invocationRecord(state, x.response.headers['x-amzn-requestid']!)!;
    expect(rec.trust.decision).toBe('ImplicitDeny');
    expect(rec.calls[0]!.response.status).toBe(403);
  });

  it('a caller without lambda:InvokeFunction gets AccessDeniedException (403)', async () => {
    const w = world();
    w.users!.find((u) => u.name === 'bob')!.accessKeys = [
      {
        accessKeyId: 'AKIAT2VNQ8JH4MDKBOB1',
        secretAccessKey: 'b0b5ecretb0b5ecretb0b5ecretb0b5ecretb0b5',
        status: 'Active',
        createDate: '2026-11-01T10:00:00Z',
      },
    ];
    // bob's ReadOnlyAccess does not include lambda:InvokeFunction.
    const { sim: s } = sim(w);
    const x = await s.handle(
      invokeRequest(
        'resize-image',
        {},
        { accessKeyId: 'AKIAT2VNQ8JH4MDKBOB1', secretAccessKey: 'b0b5ecretb0b5ecretb0b5ecretb0b5ecretb0b5' },
      ),
    );
    expect(x.response.status).toBe(403);
    expect(x.response.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect((JSON.parse(text(x.response.body)) as { Message: string }).Message).toBe(
      `User: arn:aws:iam::111122223333:user/bob is not authorized to perform: lambda:InvokeFunction on resource: ${FN} because no identity-based policy allows the lambda:InvokeFunction action`,
    );
  });

  it('an unknown function is ResourceNotFoundException; the ARN form works too', async () => {
    const { sim: s } = sim(world());
    const missing = await s.handle(invokeRequest('arn:aws:lambda:us-east-1:111122223333:function:nope', {}, ROOT()));
    expect(missing.response.status).toBe(404);
    expect(JSON.parse(text(missing.response.body))).toEqual({
      Type: 'User',
      Message: 'Function not found: arn:aws:lambda:us-east-1:111122223333:function:nope',
    });
    const byArn = await s.handle(invokeRequest(FN, {}));
    expect(byArn.response.status).toBe(200);
    expect(JSON.parse(text(byArn.response.body))).toEqual({ statusCode: 200, items: [] });
  });
});

function ROOT() {
  return { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
}
