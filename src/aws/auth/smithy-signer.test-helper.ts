/**
 * For tests: requests signed by the AWS SDK's own signer (`@smithy/signature-v4`), turned into the
 * simulator's HttpRequest, so that our verification is checked against what real clients send.
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { HttpRequest } from '../http';
import { utf8 } from '../http';
import { uriEscape } from './sigv4';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data): Uint8Array =>
  typeof d === 'string'
    ? utf8(d)
    : d instanceof ArrayBuffer
      ? new Uint8Array(d)
      : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

class NobleSha256 {
  private h: { update(b: Uint8Array): unknown; digest(): Uint8Array };
  constructor(secret?: Data) {
    this.h = secret !== undefined ? hmac.create(sha256, bytes(secret)) : sha256.create();
  }
  update(d: Data): void {
    this.h.update(bytes(d));
  }
  async digest(): Promise<Uint8Array> {
    return this.h.digest();
  }
  reset(): void {
    throw new Error('not needed');
  }
}

export interface SmithyInput {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

export interface SmithyCreds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function signer(service: string, creds: SmithyCreds, region = 'us-east-1'): SignatureV4 {
  return new SignatureV4({
    credentials: creds,
    region,
    service,
    sha256: NobleSha256,
    uriEscapePath: service !== 's3',
    applyChecksum: service === 's3',
  });
}

function toRequest(r: {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}): HttpRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = v;
  const query = Object.entries(r.query ?? {})
    .map(([k, v]) => `${uriEscape(k)}=${uriEscape(String(v ?? ''))}`)
    .join('&');
  const body = typeof r.body === 'string' ? utf8(r.body) : new Uint8Array();
  return { method: r.method, path: r.path, query, headers, body };
}

export async function smithySign(
  service: string,
  input: SmithyInput,
  creds: SmithyCreds,
  at: Date,
  region = 'us-east-1',
): Promise<HttpRequest> {
  const req = {
    method: input.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4566,
    path: input.path,
    query: input.query ?? {},
    headers: { host: '127.0.0.1:4566', ...input.headers } as Record<string, string>,
    body: input.body,
  };
  const signed = await signer(service, creds, region).sign(req, { signingDate: at });
  return toRequest(signed as typeof req);
}

export async function smithyPresign(
  service: string,
  input: SmithyInput,
  creds: SmithyCreds,
  at: Date,
  expiresIn: number,
): Promise<HttpRequest> {
  const req = {
    method: input.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4566,
    path: input.path,
    query: input.query ?? {},
    headers: { host: '127.0.0.1:4566', ...input.headers } as Record<string, string>,
    body: input.body,
  };
  const s = signer(service, creds);
  if (service === 's3') req.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
  // As @aws-sdk/s3-request-presigner does: the payload is UNSIGNED-PAYLOAD, and that header is
  // neither signed nor hoisted into the query.
  const keep = new Set(['x-amz-content-sha256']);
  const signed = await s.presign(req, {
    signingDate: at,
    expiresIn,
    unsignableHeaders: keep,
    unhoistableHeaders: keep,
  });
  const out = toRequest(signed as typeof req);
  delete out.headers['x-amz-content-sha256'];
  return out;
}
