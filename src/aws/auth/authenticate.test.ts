import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultWorld } from '../../world/default-world';
import type { World } from '../../world/types';
import { SimClock } from '../clock';
import { text, utf8 } from '../http';
import type { HttpRequest } from '../http';
import { seededRandom } from '../random';
import { newState } from '../state';
import { issueSession } from '../sessions';
import { SERVICES, Simulator } from '../simulator';
import type { ServiceName } from '../service';
import { authenticateSync } from './authenticate';
import { smithyPresign, smithySign } from './smithy-signer.test-helper';
import type { SmithyInput } from './smithy-signer.test-helper';

const ROOT = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ALICE = { accessKeyId: 'AKIAR7KLMW2QTHX4ALCE', secretAccessKey: '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' };
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

function simulator(world: World = defaultWorld()) {
  const clock = new SimClock(NOW);
  return { sim: new Simulator({ state: newState(world), clock, random: seededRandom('auth') }), clock };
}

const form = 'application/x-www-form-urlencoded; charset=utf-8';
/** One request per service, shaped as the SDK v3 clients send them. */
const CALLS: Record<ServiceName, SmithyInput> = {
  iam: { method: 'POST', path: '/', headers: { 'content-type': form }, body: 'Action=ListUsers&Version=2010-05-08' },
  sts: {
    method: 'POST',
    path: '/',
    headers: { 'content-type': form },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  },
  'cognito-idp': {
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
    },
    body: '{"MaxResults":10}',
  },
  'cognito-identity': {
    method: 'POST',
    path: '/',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityService.ListIdentityPools',
    },
    body: '{"MaxResults":10}',
  },
  dynamodb: {
    method: 'POST',
    path: '/',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' },
    body: '{}',
  },
  s3: { method: 'PUT', path: '/my-bucket/notes/a%20b.txt', headers: { 'content-type': 'text/plain' }, body: 'hello' },
  lambda: {
    method: 'POST',
    path: '/2015-03-31/functions/resize-image/invocations',
    headers: { 'content-type': 'application/octet-stream' },
    body: '{}',
  },
};

function codeOf(res: { body: Uint8Array; headers: Record<string, string> }): string {
  const t = text(res.body);
  const xml = /<Code>([^<]*)<\/Code>/.exec(t);
  if (xml) return xml[1]!;
  return (JSON.parse(t) as { __type: string }).__type;
}

describe('requests signed by @smithy/signature-v4 are authenticated for every service', () => {
  for (const name of Object.keys(CALLS) as ServiceName[]) {
    it(`${name}: the signer's request names root as the caller`, async () => {
      const { sim } = simulator();
      const req = await smithySign(name, CALLS[name], ROOT, new Date(NOW));
      const x = await sim.handle(req);
      expect(x.service).toBe(name);
      expect(x.caller).toBe('arn:aws:iam::111122223333:root');
    });
  }

  const wrongSignature: Record<ServiceName, [string, number]> = {
    iam: ['SignatureDoesNotMatch', 403],
    sts: ['SignatureDoesNotMatch', 403],
    'cognito-idp': ['InvalidSignatureException', 400],
    'cognito-identity': ['InvalidSignatureException', 400],
    dynamodb: ['com.amazon.coral.service#InvalidSignatureException', 400],
    s3: ['SignatureDoesNotMatch', 403],
    lambda: ['InvalidSignatureException', 400],
  };
  for (const name of Object.keys(CALLS) as ServiceName[]) {
    it(`${name}: a tampered body, header or path is refused as the service words it`, async () => {
      const { sim } = simulator();
      const req = await smithySign(name, CALLS[name], ROOT, new Date(NOW));
      const [code, status] = wrongSignature[name];
      const tampered: HttpRequest[] = [
        { ...req, headers: { ...req.headers, 'content-type': 'text/html' } },
        { ...req, path: name === 's3' ? '/my-bucket/notes/b.txt' : '/x' },
        { ...req, query: 'extra=1' },
      ];
      if (name !== 's3') tampered.push({ ...req, body: utf8(text(req.body) + ' ') });
      for (const t of tampered) {
        const x = await sim.handle(t);
        expect([codeOf(x.response), x.response.status]).toEqual([code, status]);
        expect(x.caller).toBe('anonymous');
      }
    });
  }

  it('s3: a body that does not match x-amz-content-sha256 is XAmzContentSHA256Mismatch (400)', async () => {
    const { sim } = simulator();
    const req = await smithySign('s3', CALLS.s3, ROOT, new Date(NOW));
    const x = await sim.handle({ ...req, body: utf8('hellO') });
    expect(x.response.status).toBe(400);
    expect(text(x.response.body)).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
    expect(text(x.response.body)).toContain(
      '<Message>The provided &apos;x-amz-content-sha256&apos; header does not match what was computed.</Message>',
    );
  });

  it('a wrong secret: the Query services answer SignatureDoesNotMatch with AWS text', async () => {
    const { sim } = simulator();
    const req = await smithySign('sts', CALLS.sts, { ...ROOT, secretAccessKey: 'x'.repeat(40) }, new Date(NOW));
    const x = await sim.handle(req);
    expect(x.response.status).toBe(403);
    expect(text(x.response.body)).toContain(
      '<Message>The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.</Message>',
    );
  });

  it('an IAM user signs as the user, with the user id of the world', () => {
    const { sim } = simulator();
    return smithySign('iam', CALLS.iam, ALICE, new Date(NOW)).then((req) => {
      const r = authenticateSync(req, sim.ctx);
      expect(r.kind === 'signed' && r.caller).toEqual({
        kind: 'user',
        arn: 'arn:aws:iam::111122223333:user/alice',
        account: '111122223333',
        userId: 'AIDAR7KLMW2QZ5XBC3N8E',
        accessKeyId: 'AKIAR7KLMW2QTHX4ALCE',
      });
    });
  });
});

describe('keys, sessions and time', () => {
  it('an unknown key and an Inactive key are InvalidClientTokenId / UnrecognizedClientException / InvalidAccessKeyId', async () => {
    const world = defaultWorld();
    const inactive: World = {
      ...world,
      users: world.users!.map((u) =>
        u.name === 'alice'
          ? { ...u, accessKeys: u.accessKeys!.map((k) => ({ ...k, status: 'Inactive' as const })) }
          : u,
      ),
    };
    for (const [w, creds] of [
      [world, { accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ', secretAccessKey: ALICE.secretAccessKey }],
      [inactive, ALICE],
    ] as const) {
      const { sim } = simulator(w);
      const sts = await sim.handle(await smithySign('sts', CALLS.sts, creds, new Date(NOW)));
      expect([codeOf(sts.response), sts.response.status]).toEqual(['InvalidClientTokenId', 403]);
      expect(text(sts.response.body)).toContain(
        '<Message>The security token included in the request is invalid.</Message>',
      );
      const idp = await sim.handle(await smithySign('cognito-idp', CALLS['cognito-idp'], creds, new Date(NOW)));
      expect([codeOf(idp.response), idp.response.status]).toEqual(['UnrecognizedClientException', 400]);
      const s3 = await sim.handle(await smithySign('s3', CALLS.s3, creds, new Date(NOW)));
      expect([codeOf(s3.response), s3.response.status]).toEqual(['InvalidAccessKeyId', 403]);
      expect(text(s3.response.body)).toContain(`<AWSAccessKeyId>${creds.accessKeyId}</AWSAccessKeyId>`);
    }
  });

  it('a role session signs with its token, and is refused with another token or once expired', async () => {
    const { sim, clock } = simulator();
    const s = issueSession(sim.ctx, {
      kind: 'assumed-role',
      arn: 'arn:aws:sts::111122223333:assumed-role/ReadOnly/demo',
      account: '111122223333',
      userId: 'AROAEXAMPLE123456789:demo',
      roleArn: 'arn:aws:iam::111122223333:role/ReadOnly',
      facts: { mfa: true },
      durationSeconds: 900,
    });
    const creds = { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, sessionToken: s.sessionToken };
    const ok = authenticateSync(await smithySign('dynamodb', CALLS.dynamodb, creds, new Date(NOW)), sim.ctx);
    expect(ok.kind === 'signed' && ok.caller.arn).toBe('arn:aws:sts::111122223333:assumed-role/ReadOnly/demo');
    expect(ok.kind === 'signed' && ok.caller.session).toEqual({
      mfa: true,
      issuedAt: NOW,
      expiration: NOW + 900_000,
      roleArn: 'arn:aws:iam::111122223333:role/ReadOnly',
    });

    const wrongToken = await sim.handle(
      await smithySign('sts', CALLS.sts, { ...creds, sessionToken: 'IQoJb3JpZ2luX2VjWRONG' }, new Date(NOW)),
    );
    expect(codeOf(wrongToken.response)).toBe('InvalidClientTokenId');
    const noToken = await sim.handle(
      await smithySign('sts', CALLS.sts, { ...creds, sessionToken: undefined }, new Date(NOW)),
    );
    expect(codeOf(noToken.response)).toBe('InvalidClientTokenId');

    clock.advance(901_000);
    const later = new Date(clock.now());
    const sts = await sim.handle(await smithySign('sts', CALLS.sts, creds, later));
    expect([codeOf(sts.response), sts.response.status]).toEqual(['ExpiredToken', 400]);
    expect(text(sts.response.body)).toContain(
      '<Message>The security token included in the request is expired</Message>',
    );
    const ddb = await sim.handle(await smithySign('dynamodb', CALLS.dynamodb, creds, later));
    expect([codeOf(ddb.response), ddb.response.status]).toEqual([
      'com.amazon.coral.service#ExpiredTokenException',
      400,
    ]);
    const s3 = await sim.handle(await smithySign('s3', CALLS.s3, creds, later));
    expect([codeOf(s3.response), s3.response.status]).toEqual(['ExpiredToken', 400]);
  });

  it('a request time more than 15 minutes off is refused; 14 minutes is accepted', async () => {
    const { sim } = simulator();
    const old = await sim.handle(await smithySign('sts', CALLS.sts, ROOT, new Date(NOW - 16 * 60_000)));
    expect([codeOf(old.response), old.response.status]).toEqual(['SignatureDoesNotMatch', 403]);
    expect(text(old.response.body)).toContain(
      '<Message>Signature expired: 20260101T114400Z is now earlier than 20260101T114500Z (20260101T120000Z - 15 min.)</Message>',
    );
    const future = await sim.handle(await smithySign('dynamodb', CALLS.dynamodb, ROOT, new Date(NOW + 16 * 60_000)));
    expect(JSON.parse(text(future.response.body))).toEqual({
      __type: 'com.amazon.coral.service#InvalidSignatureException',
      message:
        'Signature not yet current: 20260101T121600Z is still later than 20260101T121500Z (20260101T120000Z + 15 min.)',
    });
    const s3 = await sim.handle(await smithySign('s3', CALLS.s3, ROOT, new Date(NOW - 16 * 60_000)));
    expect([codeOf(s3.response), s3.response.status]).toEqual(['RequestTimeTooSkewed', 403]);
    expect(text(s3.response.body)).toContain('<MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds>');
    const near = await sim.handle(await smithySign('sts', CALLS.sts, ROOT, new Date(NOW - 14 * 60_000)));
    expect(near.caller).toBe('arn:aws:iam::111122223333:root');
  });

  it('a presigned S3 URL works until it expires, then is AccessDenied "Request has expired"', async () => {
    const { sim, clock } = simulator();
    const get: SmithyInput = { method: 'GET', path: '/my-bucket/notes/a%20b.txt', headers: {} };
    const url = await smithyPresign('s3', get, ROOT, new Date(NOW), 60);
    expect(url.query).toContain('X-Amz-Expires=60');
    expect(url.headers['authorization']).toBeUndefined();
    expect((await sim.handle(url)).caller).toBe('arn:aws:iam::111122223333:root');
    const wrong = await sim.handle({ ...url, path: '/my-bucket/notes/other.txt' });
    expect(codeOf(wrong.response)).toBe('SignatureDoesNotMatch');
    clock.advance(61_000);
    const x = await sim.handle(url);
    expect(x.response.status).toBe(403);
    const body = text(x.response.body);
    expect(body).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
    expect(body).toContain(
      '<X-Amz-Expires>60</X-Amz-Expires><Expires>2026-01-01T12:01:00Z</Expires><ServerTime>2026-01-01T12:01:01Z</ServerTime>',
    );
  });

  it('a presigned STS URL (double-encoded path rules) is accepted', async () => {
    const { sim } = simulator();
    const url = await smithyPresign(
      'sts',
      { method: 'GET', path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: {} },
      ROOT,
      new Date(NOW),
      900,
    );
    const x = await sim.handle(url);
    expect([x.service, x.caller]).toEqual(['sts', 'arn:aws:iam::111122223333:root']);
  });

  it('a malformed Authorization header is IncompleteSignature / AuthorizationHeaderMalformed (400)', async () => {
    const { sim } = simulator();
    const req = await smithySign('iam', CALLS.iam, ROOT, new Date(NOW));
    const broken = {
      ...req,
      headers: {
        ...req.headers,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request',
      },
    };
    const x = await sim.handle(broken);
    expect([codeOf(x.response), x.response.status]).toEqual(['IncompleteSignature', 400]);
    expect(text(x.response.body)).toContain(
      '<Message>Authorization header requires &apos;SignedHeaders&apos; parameter. Authorization header requires &apos;Signature&apos; parameter.</Message>',
    );
    const s3req = await smithySign('s3', CALLS.s3, ROOT, new Date(NOW));
    const s3 = await sim.handle({
      ...s3req,
      headers: {
        ...s3req.headers,
        authorization: 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/s3/aws4_request',
      },
    });
    expect([codeOf(s3.response), s3.response.status]).toEqual(['AuthorizationHeaderMalformed', 400]);
  });

  it('an aws-chunked S3 body (STREAMING-… payload hash) is authenticated and reaches S3 as sent', async () => {
    const { sim } = simulator();
    const spy = vi.spyOn(SERVICES.s3, 'handle');
    const chunked = '5;chunk-signature=00\r\nhello\r\n0;chunk-signature=00\r\n\r\n';
    const req = await smithySign(
      's3',
      {
        method: 'PUT',
        path: '/my-bucket/k',
        headers: {
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': '5',
        },
        body: chunked,
      },
      ROOT,
      new Date(NOW),
    );
    await sim.handle(req);
    const seen = spy.mock.calls[0]![0];
    expect(seen.caller?.arn).toBe('arn:aws:iam::111122223333:root');
    expect(text(seen.request.body)).toBe(chunked);
    expect(seen.request.headers['content-encoding']).toBe('aws-chunked');
    spy.mockRestore();
  });
});

describe('the simulator never crashes on a handler', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers a thrown exception as a 500 in the service shape and records it', async () => {
    const { sim } = simulator();
    vi.spyOn(SERVICES.iam, 'handle').mockRejectedValue(new TypeError('boom'));
    vi.spyOn(SERVICES.dynamodb, 'handle').mockImplementation(() => {
      throw new RangeError('sync boom');
    });
    vi.spyOn(SERVICES.s3, 'handle').mockRejectedValue('not an error');
    const iam = await sim.handle(await smithySign('iam', CALLS.iam, ROOT, new Date(NOW)));
    expect(iam.response.status).toBe(500);
    expect(text(iam.response.body)).toContain(
      '<Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>The request processing has failed because of an unknown error, exception or failure.</Message></Error>',
    );
    expect(iam.failure).toBe('TypeError: boom');
    const ddb = await sim.handle(await smithySign('dynamodb', CALLS.dynamodb, ROOT, new Date(NOW)));
    expect([ddb.response.status, codeOf(ddb.response)]).toEqual([
      500,
      'com.amazonaws.dynamodb.v20120810#InternalServerError',
    ]);
    const s3 = await sim.handle(await smithySign('s3', CALLS.s3, ROOT, new Date(NOW)));
    expect([s3.response.status, codeOf(s3.response)]).toEqual([500, 'InternalError']);
    expect(sim.history.map((x) => x.failure)).toEqual(['TypeError: boom', 'RangeError: sync boom', 'not an error']);
  });

  it('refuses a body over the limit in each shape', async () => {
    const { sim } = simulator();
    const s3 = await sim.refuseTooLarge(
      { method: 'PUT', path: '/b/k', query: '', headers: {}, body: new Uint8Array() },
      6_000_000,
      5_242_880,
    );
    expect(s3.response.status).toBe(400);
    expect(text(s3.response.body)).toContain(
      '<Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed object size.</Message><ProposedSize>6000000</ProposedSize><MaxSizeAllowed>5242880</MaxSizeAllowed>',
    );
    const ddb = await sim.refuseTooLarge(
      {
        method: 'POST',
        path: '/',
        query: '',
        headers: { 'x-amz-target': 'DynamoDB_20120810.PutItem' },
        body: new Uint8Array(),
      },
      6_000_000,
      5_242_880,
    );
    expect([ddb.response.status, codeOf(ddb.response)]).toEqual([413, 'RequestEntityTooLargeException']);
  });
});
