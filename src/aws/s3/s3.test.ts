import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import type { S3Bucket, World } from '../../world/types';
import { request } from '../http';
import { stateFromJson } from '../persist';
import { call, userPrincipal } from '../testing';
import { s3 } from './index';
import { ACCT, admin, alice, context, root, send, xmlAll, xmlText } from './test-helpers';

const PHOTOS = 'playground-photos';

/** The default world with a user `dave` who has no identity policies (only the bucket policy speaks for him). */
function worldWithDave(): World {
  const w = defaultWorld();
  w.users = [...(w.users ?? []), { account: ACCT, name: 'dave' }];
  return w;
}
const dave = userPrincipal(ACCT, 'dave');

function photos(world: World): S3Bucket {
  return world.resources!.find((r) => r.arn === `arn:aws:s3:::${PHOTOS}`) as S3Bucket;
}

describe('ListBuckets', () => {
  it('lists the caller account’s buckets with the owner', async () => {
    const ctx = context();
    const r = await send(s3, ctx, { method: 'GET', path: '/', query: 'x-id=ListBuckets' }, admin);
    expect(r.status).toBe(200);
    expect(r.reply.operation).toBe('ListBuckets');
    expect(r.body).toContain('<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">');
    expect(xmlAll(r.body, 'Name')).toEqual([PHOTOS]);
    expect(xmlText(r.body, 'BucketRegion')).toBe('us-east-1');
    expect(xmlText(r.body, 'ID')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an anonymous caller with plain Access Denied', async () => {
    const r = await send(s3, context(), { method: 'GET', path: '/' });
    expect(r.status).toBe(403);
    expect(xmlText(r.body, 'Code')).toBe('AccessDenied');
    expect(xmlText(r.body, 'Message')).toBe('Access Denied');
  });
});

describe('CreateBucket', () => {
  it('creates a bucket owned by the caller, with Block Public Access on, and lists it', async () => {
    const ctx = context();
    const before = ctx.state.world;
    const r = await send(s3, ctx, { method: 'PUT', path: '/my-new-bucket' }, admin);
    expect(r.status).toBe(200);
    expect(r.headers['location']).toBe('/my-new-bucket');
    const b = ctx.state.world.resources!.find((x) => x.arn === 'arn:aws:s3:::my-new-bucket') as S3Bucket;
    expect(b.account).toBe(ACCT);
    expect(b.blockPublicAccess).toEqual({
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    });
    expect(before.resources!.some((x) => x.arn === 'arn:aws:s3:::my-new-bucket')).toBe(false);
    const list = await send(s3, ctx, { method: 'GET', path: '/' }, admin);
    expect(xmlAll(list.body, 'Name')).toEqual(['my-new-bucket', PHOTOS]);
    expect(xmlAll(list.body, 'CreationDate')[0]).toBe('2026-01-01T12:00:00.000Z');
  });

  it('keeps the bucket, its objects and its creation date through a saved state', async () => {
    const ctx = context();
    await send(s3, ctx, { method: 'PUT', path: '/kept-bucket' }, admin);
    await send(s3, ctx, { method: 'PUT', path: '/kept-bucket/k', body: 'v' }, admin);
    const r = stateFromJson(JSON.stringify(ctx.state), 'state.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.s3).toEqual({ buckets: { 'kept-bucket': { creationDate: '2026-01-01T12:00:00.000Z' } } });
    const reloaded = context();
    reloaded.state = r.value;
    expect((await send(s3, reloaded, { method: 'GET', path: '/kept-bucket/k' }, admin)).body).toBe('v');
  });

  it('refuses an invalid name with InvalidBucketName', async () => {
    for (const name of ['Upper', 'ab', 'a..b', '192.168.1.1', 'bucket-', 'xn--bucket']) {
      const r = await send(s3, context(), { method: 'PUT', path: `/${name}` }, admin);
      expect(r.status).toBe(400);
      expect(xmlText(r.body, 'Code')).toBe('InvalidBucketName');
      expect(xmlText(r.body, 'Message')).toBe('The specified bucket is not valid.');
      expect(xmlText(r.body, 'BucketName')).toBe(name);
    }
  });

  it('answers BucketAlreadyExists for another account’s bucket', async () => {
    const w = defaultWorld();
    w.accounts.push({ id: '444455556666', name: 'other' });
    w.users!.push({
      account: '444455556666',
      name: 'eve',
      inlinePolicies: [
        {
          name: 'all',
          document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
        },
      ],
    });
    const r = await send(s3, context(w), { method: 'PUT', path: `/${PHOTOS}` }, userPrincipal('444455556666', 'eve'));
    expect(r.status).toBe(409);
    expect(xmlText(r.body, 'Code')).toBe('BucketAlreadyExists');
    expect(xmlText(r.body, 'Message')).toBe(
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
    );
  });

  it('answers BucketAlreadyOwnedByYou outside us-east-1, and 200 again in us-east-1 (legacy)', async () => {
    const ctx = context();
    const body =
      '<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>';
    const req = request({ method: 'PUT', path: '/eu-photos', body });
    const first = await s3.handle({ ...call(req, admin), region: 'eu-west-1' }, ctx);
    expect(first.response.status).toBe(200);
    expect(first.response.headers['location']).toBe('http://eu-photos.s3.amazonaws.com/');
    const again = await s3.handle({ ...call(req, admin), region: 'eu-west-1' }, ctx);
    expect(again.response.status).toBe(409);
    const text = new TextDecoder().decode(again.response.body);
    expect(xmlText(text, 'Code')).toBe('BucketAlreadyOwnedByYou');
    expect(xmlText(text, 'Message')).toBe(
      'Your previous request to create the named bucket succeeded and you already own it.',
    );
    const legacy = await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}` }, admin);
    expect(legacy.status).toBe(200);
  });

  it('refuses a location constraint that does not match the endpoint, and malformed XML', async () => {
    const ctx = context();
    const r = await send(
      s3,
      ctx,
      {
        method: 'PUT',
        path: '/somewhere-else',
        body: '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>',
      },
      admin,
    );
    expect(r.status).toBe(400);
    expect(xmlText(r.body, 'Code')).toBe('IllegalLocationConstraintException');
    expect(xmlText(r.body, 'Message')).toBe(
      'The eu-west-1 location constraint is incompatible for the region specific endpoint this request was sent to.',
    );
    const east = await send(
      s3,
      ctx,
      {
        method: 'PUT',
        path: '/somewhere-else',
        body: '<CreateBucketConfiguration><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>',
      },
      admin,
    );
    expect(xmlText(east.body, 'Code')).toBe('InvalidLocationConstraint');
    expect(xmlText(east.body, 'Message')).toBe('The specified location-constraint is not valid');
    const bad = await send(s3, ctx, { method: 'PUT', path: '/somewhere-else', body: '<Nope' }, admin);
    expect(bad.status).toBe(400);
    expect(xmlText(bad.body, 'Code')).toBe('MalformedXML');
  });

  it('refuses an anonymous caller', async () => {
    const r = await send(s3, context(), { method: 'PUT', path: '/anon-bucket' });
    expect(r.status).toBe(403);
    expect(xmlText(r.body, 'Message')).toBe('Access Denied');
  });
});

describe('PutBucketPolicy and GetBucketPolicy', () => {
  const own = (bucket: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AliceReads',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` },
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${bucket}/*`,
          ...extra,
        },
      ],
    });

  it('stores a policy and reads it back as written; a bucket without one answers NoSuchBucketPolicy', async () => {
    const ctx = context();
    await send(s3, ctx, { method: 'PUT', path: '/policy-bucket' }, admin);
    const none = await send(s3, ctx, { method: 'GET', path: '/policy-bucket', query: 'policy=' }, admin);
    expect(none.status).toBe(404);
    expect(xmlText(none.body, 'Code')).toBe('NoSuchBucketPolicy');
    expect(xmlText(none.body, 'Message')).toBe('The bucket policy does not exist');
    expect(xmlText(none.body, 'BucketName')).toBe('policy-bucket');
    const put = await send(
      s3,
      ctx,
      { method: 'PUT', path: '/policy-bucket', query: 'policy', body: own('policy-bucket') },
      admin,
    );
    expect(put.status).toBe(204);
    expect(put.reply.operation).toBe('PutBucketPolicy');
    const got = await send(s3, ctx, { method: 'GET', path: '/policy-bucket', query: 'policy' }, admin);
    expect(got.status).toBe(200);
    expect(got.body).toBe(own('policy-bucket'));
  });

  it('refuses a policy S3 would refuse with MalformedPolicy and S3’s message', async () => {
    const ctx = context();
    await send(s3, ctx, { method: 'PUT', path: '/policy-bucket' }, admin);
    const cases: [string, string][] = [
      ['not json', "Policies must be valid JSON and the first byte must be '{'"],
      ['{"Version": "2012-10-17", "Statement": [', 'This policy contains invalid Json'],
      ['{"Version": "2012-10-17"}', 'Missing required field Statement'],
      [
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::policy-bucket/*' }],
        }),
        'Missing required field Principal',
      ],
      [own('someone-elses-bucket'), 'Policy has invalid resource'],
      [own('policy-bucket', { Action: 'ec2:RunInstances' }), 'Policy has invalid action'],
      [own('policy-bucket', { Principal: { AWS: 'not-an-arn' } }), 'Invalid principal in policy'],
      [own('policy-bucket', { Effect: 'Permit' }), 'Invalid effect: Permit'],
    ];
    for (const [doc, message] of cases) {
      const r = await send(s3, ctx, { method: 'PUT', path: '/policy-bucket', query: 'policy', body: doc }, admin);
      expect(r.status, doc).toBe(400);
      expect(xmlText(r.body, 'Code')).toBe('MalformedPolicy');
      expect(xmlText(r.body, 'Message'), doc).toBe(message);
    }
    const stored = ctx.state.world.resources!.find((x) => x.arn === 'arn:aws:s3:::policy-bucket');
    expect(stored?.policy).toBeUndefined();
  });

  it('refuses a public policy when the bucket blocks public policies', async () => {
    const ctx = context();
    await send(s3, ctx, { method: 'PUT', path: '/policy-bucket' }, admin);
    const pub = own('policy-bucket', { Principal: '*' });
    const r = await send(s3, ctx, { method: 'PUT', path: '/policy-bucket', query: 'policy', body: pub }, admin);
    expect(r.status).toBe(403);
    expect(xmlText(r.body, 'Code')).toBe('AccessDenied');
    expect(xmlText(r.body, 'Message')).toBe(
      'User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::policy-bucket" because public policies are blocked by the BlockPublicPolicy block public access setting.',
    );
  });

  it('lets the owner’s root user read a policy that denies everyone', async () => {
    const ctx = context();
    const deny = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [`arn:aws:s3:::${PHOTOS}`, `arn:aws:s3:::${PHOTOS}/*`],
        },
      ],
    });
    expect(
      (await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}`, query: 'policy', body: deny }, admin)).status,
    ).toBe(204);
    const byAdmin = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}`, query: 'policy' }, admin);
    expect(byAdmin.status).toBe(403);
    expect(xmlText(byAdmin.body, 'Message')).toBe(
      'User: arn:aws:iam::111122223333:user/admin is not authorized to perform: s3:GetBucketPolicy on resource: "arn:aws:s3:::playground-photos" with an explicit deny in a resource-based policy',
    );
    const byRoot = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}`, query: 'policy' }, root);
    expect(byRoot.status).toBe(200);
    expect(byRoot.body).toBe(deny);
  });
});

describe('objects', () => {
  it('puts, gets, heads and deletes an object with S3’s headers', async () => {
    const ctx = context();
    const put = await send(
      s3,
      ctx,
      {
        method: 'PUT',
        path: `/${PHOTOS}/docs/hello.txt`,
        query: 'x-id=PutObject',
        headers: { 'content-type': 'text/plain' },
        body: 'hello',
      },
      admin,
    );
    expect(put.status).toBe(200);
    expect(put.headers['etag']).toBe('"5d41402abc4b2a76b9719d911017c592"');
    const get = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/docs/hello.txt` }, admin);
    expect(get.status).toBe(200);
    expect(get.body).toBe('hello');
    expect(get.headers['content-type']).toBe('text/plain');
    expect(get.headers['content-length']).toBe('5');
    expect(get.headers['etag']).toBe('"5d41402abc4b2a76b9719d911017c592"');
    expect(get.headers['last-modified']).toBe('Thu, 01 Jan 2026 12:00:00 GMT');
    const head = await send(s3, ctx, { method: 'HEAD', path: `/${PHOTOS}/docs/hello.txt` }, admin);
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe('5');
    expect(head.reply.operation).toBe('HeadObject');
    const range = await send(
      s3,
      ctx,
      { method: 'GET', path: `/${PHOTOS}/docs/hello.txt`, headers: { range: 'bytes=1-3' } },
      admin,
    );
    expect(range.status).toBe(206);
    expect(range.body).toBe('ell');
    expect(range.headers['content-range']).toBe('bytes 1-3/5');
    const del = await send(s3, ctx, { method: 'DELETE', path: `/${PHOTOS}/docs/hello.txt` }, admin);
    expect(del.status).toBe(204);
    const gone = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/docs/hello.txt` }, admin);
    expect(gone.status).toBe(404);
    expect(xmlText(gone.body, 'Code')).toBe('NoSuchKey');
    expect(xmlText(gone.body, 'Message')).toBe('The specified key does not exist.');
    expect(xmlText(gone.body, 'Key')).toBe('docs/hello.txt');
    const headGone = await send(s3, ctx, { method: 'HEAD', path: `/${PHOTOS}/docs/hello.txt` }, admin);
    expect(headGone.status).toBe(404);
    expect(headGone.body).toBe('');
  });

  it('keeps the world as data: the object is in the bucket’s objects, and a world held before is unchanged', async () => {
    const ctx = context();
    const before = ctx.state.world;
    const beforeKeys = photos(before).objects!.map((o) => o.key);
    await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}/a%20b.txt`, body: 'x' }, admin);
    await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}/bin`, body: new Uint8Array([0xff, 0x00, 0x80]) }, admin);
    const after = photos(ctx.state.world).objects!;
    expect(after.map((o) => o.key)).toEqual([...beforeKeys, 'a b.txt', 'bin']);
    expect(after.find((o) => o.key === 'a b.txt')).toEqual({
      key: 'a b.txt',
      body: 'x',
      lastModified: '2026-01-01T12:00:00Z',
    });
    expect(after.find((o) => o.key === 'bin')).toMatchObject({ body: '/wCA', encoding: 'base64' });
    expect(photos(before).objects!.map((o) => o.key)).toEqual(beforeKeys);
    const saved = JSON.parse(JSON.stringify(ctx.state.world)) as World;
    expect(photos(saved).objects!.length).toBe(beforeKeys.length + 2);
  });

  it('answers an older world’s objects as they were after later writes to the newer one', async () => {
    const ctx = context();
    await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}/one`, body: '1' }, admin);
    const held = ctx.state.world;
    await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}/two`, body: '2' }, admin);
    await send(s3, ctx, { method: 'DELETE', path: `/${PHOTOS}/one` }, admin);
    expect(photos(held).objects!.map((o) => o.key)).toContain('one');
    expect(photos(held).objects!.map((o) => o.key)).not.toContain('two');
    // An undo: the held world comes back, and a write to it forks from what it held.
    ctx.state.world = held;
    await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}/three`, body: '3' }, admin);
    const keys = photos(ctx.state.world).objects!.map((o) => o.key);
    expect(keys).toContain('one');
    expect(keys).toContain('three');
    expect(keys).not.toContain('two');
  });

  it('answers NoSuchBucket with the bucket’s name', async () => {
    const r = await send(s3, context(), { method: 'GET', path: '/no-such-bucket/key' }, admin);
    expect(r.status).toBe(404);
    expect(xmlText(r.body, 'Code')).toBe('NoSuchBucket');
    expect(xmlText(r.body, 'Message')).toBe('The specified bucket does not exist');
    expect(xmlText(r.body, 'BucketName')).toBe('no-such-bucket');
  });

  it('decodes an aws-chunked body and checks its trailing CRC32', async () => {
    const ctx = context();
    const chunk = (s: string) => `${s.length.toString(16)};chunk-signature=${'0'.repeat(64)}\r\n${s}\r\n`;
    const body = `${chunk('hello, ')}${chunk('chunked world')}0;chunk-signature=${'0'.repeat(64)}\r\nx-amz-checksum-crc32:XT19kg==\r\n\r\n`;
    const headers = {
      'content-encoding': 'aws-chunked',
      'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': '20',
      'x-amz-trailer': 'x-amz-checksum-crc32',
    };
    const put = await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}/chunked.txt`, headers, body }, admin);
    expect(put.status).toBe(200);
    expect(put.headers['x-amz-checksum-crc32']).toBe('XT19kg==');
    const get = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/chunked.txt` }, admin);
    expect(get.body).toBe('hello, chunked world');
    const wrong = body.replace('XT19kg==', 'AAAAAA==');
    const bad = await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}/chunked.txt`, headers, body: wrong }, admin);
    expect(bad.status).toBe(400);
    expect(xmlText(bad.body, 'Code')).toBe('BadDigest');
    expect(xmlText(bad.body, 'Message')).toBe('The CRC32 you specified did not match the calculated checksum.');
  });

  it('takes a streamed body whose framing the simulator already removed as it is', async () => {
    const ctx = context();
    const headers = {
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': '11',
      'content-length': '11',
    };
    const put = await send(
      s3,
      ctx,
      { method: 'PUT', path: `/${PHOTOS}/decoded.txt`, headers, body: 'hello world' },
      admin,
    );
    expect(put.status).toBe(200);
    expect((await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/decoded.txt` }, admin)).body).toBe('hello world');
  });

  it('refuses a body whose Content-MD5 does not match', async () => {
    const r = await send(
      s3,
      context(),
      {
        method: 'PUT',
        path: `/${PHOTOS}/x`,
        headers: { 'content-md5': 'XUFAKrxLKna5cZ2REBfFkg==' },
        body: 'not hello',
      },
      admin,
    );
    expect(r.status).toBe(400);
    expect(xmlText(r.body, 'Code')).toBe('BadDigest');
    expect(xmlText(r.body, 'Message')).toBe('The Content-MD5 you specified did not match what we received.');
  });
});

describe('authorization', () => {
  it('lets anyone read the public prefix and refuses a private key', async () => {
    const ctx = context();
    const pub = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/public/welcome.txt` });
    expect(pub.status).toBe(200);
    expect(pub.body).toBe('Anyone may read what is under public/.\n');
    expect(pub.reply.decision?.principal).toBe('anonymous');
    const priv = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/home/alice/notes.txt` });
    expect(priv.status).toBe(403);
    expect(xmlText(priv.body, 'Code')).toBe('AccessDenied');
    expect(xmlText(priv.body, 'Message')).toBe('Access Denied');
    expect(priv.reply.decision?.decision).toBe('ImplicitDeny');
  });

  it('applies Block Public Access: RestrictPublicBuckets refuses the anonymous read', async () => {
    const w = defaultWorld();
    photos(w).blockPublicAccess = { ...photos(w).blockPublicAccess, restrictPublicBuckets: true };
    const r = await send(s3, context(w), { method: 'GET', path: `/${PHOTOS}/public/welcome.txt` });
    expect(r.status).toBe(403);
    expect(xmlText(r.body, 'Message')).toBe('Access Denied');
  });

  it('gives each user the home prefix of `${aws:username}` through the bucket policy', async () => {
    const ctx = context(worldWithDave());
    const put = await send(s3, ctx, { method: 'PUT', path: `/${PHOTOS}/home/dave/diary.txt`, body: 'mine' }, dave);
    expect(put.status).toBe(200);
    const own = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/home/dave/diary.txt` }, dave);
    expect(own.body).toBe('mine');
    const other = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/home/alice/notes.txt` }, dave);
    expect(other.status).toBe(403);
    expect(xmlText(other.body, 'Message')).toBe(
      'User: arn:aws:iam::111122223333:user/dave is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::playground-photos/home/alice/notes.txt" because no identity-based policy allows the s3:GetObject action',
    );
    const list = await send(
      s3,
      ctx,
      { method: 'GET', path: `/${PHOTOS}`, query: 'list-type=2&prefix=home%2Fdave%2F' },
      dave,
    );
    expect(list.status).toBe(200);
    expect(xmlAll(list.body, 'Key')).toEqual(['home/dave/diary.txt']);
    const listAll = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}`, query: 'list-type=2' }, dave);
    expect(listAll.status).toBe(403);
    expect(listAll.reply.decision?.action).toBe('s3:ListBucket');
  });

  it('answers a missing key 403 without s3:ListBucket and 404 with it', async () => {
    const ctx = context(worldWithDave());
    const noList = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/home/dave/missing.txt` }, dave);
    expect(noList.status).toBe(403);
    expect(xmlText(noList.body, 'Code')).toBe('AccessDenied');
    expect(noList.reply.decision?.action).toBe('s3:ListBucket');
    const withList = await send(s3, ctx, { method: 'GET', path: `/${PHOTOS}/home/dave/missing.txt` }, alice);
    expect(withList.status).toBe(404);
    expect(xmlText(withList.body, 'Code')).toBe('NoSuchKey');
  });
});

describe('ListObjectsV2', () => {
  async function bucketWith(keys: string[]) {
    const ctx = context();
    await send(s3, ctx, { method: 'PUT', path: '/list-bucket' }, admin);
    for (const k of keys) await send(s3, ctx, { method: 'PUT', path: `/list-bucket/${k}`, body: k }, admin);
    return ctx;
  }

  it('rolls keys up into CommonPrefixes with a delimiter', async () => {
    const ctx = await bucketWith(['b.txt', 'a/1.txt', 'a/2.txt', 'c/x/1', 'c/y', 'a.txt']);
    const r = await send(s3, ctx, { method: 'GET', path: '/list-bucket', query: 'list-type=2&delimiter=%2F' }, admin);
    expect(r.status).toBe(200);
    expect(xmlAll(r.body, 'Key')).toEqual(['a.txt', 'b.txt']);
    expect(xmlAll(r.body, 'Prefix')).toEqual(['', 'a/', 'c/']);
    expect(xmlText(r.body, 'KeyCount')).toBe('4');
    expect(xmlText(r.body, 'Delimiter')).toBe('/');
    expect(xmlText(r.body, 'IsTruncated')).toBe('false');
    const inC = await send(
      s3,
      ctx,
      { method: 'GET', path: '/list-bucket', query: 'list-type=2&delimiter=%2F&prefix=c%2F' },
      admin,
    );
    expect(xmlAll(inC.body, 'Key')).toEqual(['c/y']);
    expect(xmlAll(inC.body, 'Prefix')).toEqual(['c/', 'c/x/']);
  });

  it('pages with max-keys and continuation tokens, counting common prefixes', async () => {
    const ctx = await bucketWith(['k1', 'k2', 'p/1', 'p/2', 'k3']);
    const seen: string[] = [];
    let token: string | undefined;
    const pages: string[] = [];
    for (let i = 0; i < 5; i++) {
      const q = `list-type=2&delimiter=%2F&max-keys=2${token ? `&continuation-token=${encodeURIComponent(token)}` : ''}`;
      const r = await send(s3, ctx, { method: 'GET', path: '/list-bucket', query: q }, admin);
      expect(r.status).toBe(200);
      const keys = xmlAll(r.body, 'Key');
      const prefixes = xmlAll(r.body, 'Prefix').slice(1);
      seen.push(...keys, ...prefixes);
      pages.push(`${xmlText(r.body, 'KeyCount')}:${xmlText(r.body, 'IsTruncated')}`);
      token = xmlText(r.body, 'NextContinuationToken');
      if (!token) break;
    }
    expect(seen).toEqual(['k1', 'k2', 'k3', 'p/']);
    expect(pages).toEqual(['2:true', '2:false']);
  });

  it('refuses a bad contination token and a bad max-keys with InvalidArgument', async () => {
    const ctx = await bucketWith(['a']);
    const tok = await send(
      s3,
      ctx,
      { method: 'GET', path: '/list-bucket', query: 'list-type=2&continuation-token=%21%21' },
      admin,
    );
    expect(tok.status).toBe(400);
    expect(xmlText(tok.body, 'Code')).toBe('InvalidArgument');
    expect(xmlText(tok.body, 'Message')).toBe('The continuation token provided is incorrect');
    const mk = await send(s3, ctx, { method: 'GET', path: '/list-bucket', query: 'list-type=2&max-keys=-1' }, admin);
    expect(mk.status).toBe(400);
    expect(xmlText(mk.body, 'Message')).toBe('Provided max-keys not an integer or within integer range');
  });

  it('sets s3:prefix, s3:delimiter and s3:max-keys in the request context', async () => {
    const ctx = await bucketWith(['a']);
    const r = await send(
      s3,
      ctx,
      { method: 'GET', path: '/list-bucket', query: 'list-type=2&prefix=a&delimiter=%2F&max-keys=5' },
      admin,
    );
    const c = r.reply.decision!.authorized!.request.context;
    expect(c['s3:prefix']).toMatchObject({ value: 'a' });
    expect(c['s3:delimiter']).toMatchObject({ value: '/' });
    expect(c['s3:max-keys']).toMatchObject({ value: '5' });
  });
});
