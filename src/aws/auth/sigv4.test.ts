import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@noble/hashes/utils.js';
import { request } from '../http';
import type { HttpRequest } from '../http';
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  constantTimeEqual,
  decodeAwsChunked,
  parseAmzDate,
  parseSigned,
  sha256Hex,
  signRequest,
  signingKey,
  verifySignature,
} from './sigv4';

const DOC_KEY = 'AKIDEXAMPLE';
const DOC_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const S3_KEY = 'AKIAIOSFODNN7EXAMPLE';
const S3_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function parts(req: HttpRequest) {
  const p = parseSigned(req);
  if (!p || !p.ok) throw new Error(`not signed: ${JSON.stringify(p)}`);
  return p.value;
}

// IAM User Guide, "Create a signed AWS API request" / "Examples of signed Signature Version 4 requests"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html):
// GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08 at 20150830T123600Z.
describe('the IAM ListUsers example of the IAM User Guide', () => {
  const req = request({
    method: 'GET',
    path: '/',
    query: 'Action=ListUsers&Version=2010-05-08',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: 'iam.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${DOC_KEY}/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7`,
    },
  });

  it('builds the canonical request the guide prints and hashes it to its value', () => {
    const canonical = canonicalRequest(req, parts(req));
    expect(canonical).toBe(
      [
        'GET',
        '/',
        'Action=ListUsers&Version=2010-05-08',
        'content-type:application/x-www-form-urlencoded; charset=utf-8',
        'host:iam.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'content-type;host;x-amz-date',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(sha256Hex(canonical)).toBe('f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59');
  });

  it('derives the signing key and signature of the guide', () => {
    expect(bytesToHex(signingKey(DOC_SECRET, '20150830', 'us-east-1', 'iam'))).toBe(
      'c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9',
    );
    const v = verifySignature(req, parts(req), DOC_SECRET);
    expect(v.stringToSign).toBe(
      'AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\nf536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59',
    );
    expect(v.expected).toBe('5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
    expect(v.ok).toBe(true);
  });

  it('refuses the same request with another secret or a changed query', () => {
    expect(verifySignature(req, parts(req), 'x' + DOC_SECRET.slice(1)).ok).toBe(false);
    const tampered = { ...req, query: 'Action=ListRoles&Version=2010-05-08' };
    expect(verifySignature(tampered, parts(tampered), DOC_SECRET).ok).toBe(false);
  });
});

// S3 API Reference, "Authenticating Requests: Using the Authorization Header (AWS Signature Version 4)"
// → "Signature Calculations for the Authorization Header: Transferring Payload in a Single Chunk"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html), examplebucket.
describe('the S3 examples of the S3 API Reference', () => {
  it('GET Object with a Range header', () => {
    const req = request({
      method: 'GET',
      path: '/test.txt',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date': '20130524T000000Z',
        authorization: `AWS4-HMAC-SHA256 Credential=${S3_KEY}/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41`,
      },
    });
    const v = verifySignature(req, parts(req), S3_SECRET);
    expect(sha256Hex(v.canonicalRequest)).toBe('7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972');
    expect(v.expected).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
    expect(v.ok).toBe(true);
  });

  it('PUT Object of `test$file.text`: the path is signed as sent, encoded once', () => {
    const req = request({
      method: 'PUT',
      path: '/test%24file.text',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-date': '20130524T000000Z',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
        authorization: `AWS4-HMAC-SHA256 Credential=${S3_KEY}/20130524/us-east-1/s3/aws4_request,SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd`,
      },
      body: 'Welcome to Amazon S3.',
    });
    expect(sha256Hex(req.body)).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const v = verifySignature(req, parts(req), S3_SECRET);
    expect(v.canonicalRequest.split('\n')[1]).toBe('/test%24file.text');
    expect(v.expected).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  // S3 API Reference, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)"
  // (https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
  it('the presigned GET of test.txt valid for 86400 seconds', () => {
    const req = request({
      method: 'GET',
      path: '/test.txt',
      query:
        'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      headers: { host: 'examplebucket.s3.amazonaws.com' },
    });
    const p = parts(req);
    expect(p.via).toBe('query');
    expect(p.expires).toBe(86400);
    expect(p.payloadHash).toBe('UNSIGNED-PAYLOAD');
    const v = verifySignature(req, p, S3_SECRET);
    expect(v.canonicalRequest).toBe(
      [
        'GET',
        '/test.txt',
        'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host',
        'host:examplebucket.s3.amazonaws.com',
        '',
        'host',
        'UNSIGNED-PAYLOAD',
      ].join('\n'),
    );
    expect(v.expected).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
    expect(v.ok).toBe(true);
  });
});

describe('canonical parts', () => {
  it('S3 keeps the sent path; the other services encode it again after removing dot segments', () => {
    expect(canonicalUri('/my-bucket/a%20b.txt', 's3')).toBe('/my-bucket/a%20b.txt');
    expect(canonicalUri('/my-bucket/a%20b.txt', 'iam')).toBe('/my-bucket/a%2520b.txt');
    expect(canonicalUri('/a/./b/../c//', 'sts')).toBe('/a/c/');
    expect(canonicalUri('', 'iam')).toBe('/');
  });

  it('sorts the query by encoded name then value, and encodes what RFC 3986 reserves', () => {
    expect(canonicalQuery('b=2&a=z&a=y&c', false)).toBe('a=y&a=z&b=2&c=');
    expect(canonicalQuery("x=a b!'()*~", false)).toBe('x=a%20b%21%27%28%29%2A~');
    expect(canonicalQuery('X-Amz-Signature=abc&q=1', true)).toBe('q=1');
  });

  it('reads the dates of the basic ISO 8601 format only', () => {
    expect(parseAmzDate('20150830T123600Z')).toBe(Date.UTC(2015, 7, 30, 12, 36, 0));
    expect(parseAmzDate('2015-08-30T12:36:00Z')).toBeUndefined();
    expect(parseAmzDate('20150231T123600Z')).toBeUndefined();
  });

  it('compares signatures whole', () => {
    expect(constantTimeEqual('abcd', 'abcd')).toBe(true);
    expect(constantTimeEqual('abcd', 'abce')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});

describe('malformed signatures', () => {
  const at = { host: 'localhost', 'x-amz-date': '20260101T120000Z' };
  function problem(headers: Record<string, string>, query = ''): string {
    const p = parseSigned(request({ method: 'GET', query, headers }));
    if (!p || p.ok) throw new Error('expected a malformed signature');
    return p.message;
  }

  it('names the missing parts of the Authorization header', () => {
    expect(
      problem({ ...at, authorization: 'AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/iam/aws4_request' }),
    ).toBe(
      "Authorization header requires 'SignedHeaders' parameter. Authorization header requires 'Signature' parameter.",
    );
    expect(
      problem({
        host: 'localhost',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=ab',
      }),
    ).toBe("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    expect(problem({ ...at, authorization: 'AWS AKIAX:abc' })).toBe(
      'Unsupported Authorization Type: `AWS`; only AWS4-HMAC-SHA256 is accepted',
    );
    expect(
      problem({
        ...at,
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/iam/aws5, SignedHeaders=host, Signature=ab',
      }),
    ).toBe("credential should be scoped with a valid terminator: 'aws4_request', not 'aws5'");
  });

  it('refuses presigned URLs longer than a week', () => {
    expect(
      problem(
        { host: 'localhost' },
        'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T120000Z&X-Amz-Expires=604801&X-Amz-SignedHeaders=host&X-Amz-Signature=ab',
      ),
    ).toBe('X-Amz-Expires must be less than a week (in seconds) that is 604800');
  });

  it('takes an unsigned request as unsigned', () => {
    expect(
      parseSigned(request({ method: 'GET', path: '/bucket/key', headers: { host: 'localhost' } })),
    ).toBeUndefined();
  });
});

describe('signRequest and aws-chunked bodies', () => {
  it('signs requests that verify, and a changed body no longer verifies', () => {
    const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: S3_SECRET };
    const req = signRequest(
      request({
        method: 'POST',
        path: '/',
        headers: { host: 'localhost:4566', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      }),
      creds,
      { service: 'sts', region: 'us-east-1', now: Date.UTC(2026, 0, 1) },
    );
    expect(req.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20260101\/us-east-1\/sts\/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(verifySignature(req, parts(req), S3_SECRET).ok).toBe(true);
    const changed = { ...req, body: new TextEncoder().encode('Action=GetCallerIdentity&Version=2011-06-16') };
    expect(verifySignature(changed, parts(changed), S3_SECRET).ok).toBe(false);
  });

  it('decodes an aws-chunked body and refuses a broken one', () => {
    const enc = new TextEncoder();
    const body = enc.encode(
      '5;chunk-signature=ab\r\nhello\r\n6;chunk-signature=cd\r\n world\r\n0;chunk-signature=ef\r\n\r\n',
    );
    expect(new TextDecoder().decode(decodeAwsChunked(body))).toBe('hello world');
    expect(
      new TextDecoder().decode(decodeAwsChunked(enc.encode('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:AAAA\r\n\r\n'))),
    ).toBe('abc');
    expect(decodeAwsChunked(enc.encode('9\r\nabc\r\n0\r\n\r\n'))).toBeUndefined();
    expect(decodeAwsChunked(enc.encode('zz\r\n'))).toBeUndefined();
  });
});
