/**
 * AWS Signature Version 4, as the IAM User Guide ("Create a signed AWS API request") and the S3 API
 * Reference ("Authenticating Requests: Using the Authorization Header / Query Parameters") define
 * it: the canonical request, the string to sign, the signing key and the signature. Pure and
 * synchronous (`@noble/hashes`), so it runs in Node and in the worker alike.
 *
 * - S3 signs the path as sent (URI-encoded once); every other service encodes the sent path again
 *   (double encoding) after removing `.`/`..` segments and empty segments.
 * - `X-Amz-Content-Sha256` may be a hex hash, `UNSIGNED-PAYLOAD`, or a `STREAMING-*` value: the
 *   streaming values are taken as the payload hash; the chunk signatures inside an `aws-chunked`
 *   body are NOT checked (see `decodeAwsChunked`).
 * - Signatures are compared in constant time.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { HttpRequest } from '../http';
import { utf8 } from '../http';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** The clock skew AWS allows between the request's time and its own: 15 minutes. */
export const MAX_SKEW_MS = 15 * 60 * 1000;
/** Presigned URLs live at most seven days. */
export const MAX_EXPIRES_SECONDS = 604800;

/** What a signed request says about its signature, before any key is looked up. */
export interface SignedParts {
  via: 'header' | 'query';
  accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** `YYYYMMDDTHHMMSSZ`. */
  amzDate: string;
  /** The request time in milliseconds. */
  time: number;
  securityToken?: string;
  /** Presigned: seconds the URL is valid from `amzDate`. */
  expires?: number;
  /** The payload hash to sign with (`UNSIGNED-PAYLOAD`, `STREAMING-…`, or hex). */
  payloadHash: string;
}

export type ParseResult = { ok: true; value: SignedParts } | { ok: false; message: string } | undefined;

const hex = (b: Uint8Array): string => bytesToHex(b);

export function sha256Hex(data: Uint8Array | string): string {
  return hex(sha256(typeof data === 'string' ? utf8(data) : data));
}

/** `encodeURIComponent` with `!'()*` encoded too: the URI encoding SigV4 uses (RFC 3986 unreserved kept). */
export function uriEscape(s: string): string {
  return encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** Percent-decoding that never throws: a string with an invalid sequence is kept as it is. */
function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The query string as decoded pairs, in order (`a&b=1` → `[['a',''],['b','1']]`). */
export function queryPairs(query: string): [string, string][] {
  const out: [string, string][] = [];
  if (query === '') return out;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    out.push([safeDecode(k), safeDecode(v)]);
  }
  return out;
}

/** The canonical URI: the path as sent for S3, encoded again (after normalization) for the others. */
export function canonicalUri(path: string, service: string): string {
  if (service === 's3') return path === '' ? '/' : path;
  const segments: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const normalized =
    (path.startsWith('/') ? '/' : '') + segments.join('/') + (segments.length > 0 && path.endsWith('/') ? '/' : '');
  return uriEscape(normalized === '' ? '/' : normalized).replace(/%2F/g, '/');
}

/** The canonical query string: names and values encoded, sorted by name then value; the signature left out. */
export function canonicalQuery(query: string, omitSignature: boolean): string {
  const pairs: string[][] = [];
  for (const [k, v] of queryPairs(query)) {
    if (omitSignature && k === 'X-Amz-Signature') continue;
    pairs.push([uriEscape(k), uriEscape(v)]);
  }
  pairs.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : a[1]! > b[1]! ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** A header value as it is signed: line breaks to spaces, runs of spaces and tabs to one, trimmed. */
export function canonicalHeaderValue(value: string): string {
  let out = '';
  let space = false;
  for (const c of value) {
    const ws = c === ' ' || c === '\t' || c === '\r' || c === '\n';
    if (ws) {
      space = true;
      continue;
    }
    if (space && out !== '') out += ' ';
    space = false;
    out += c;
  }
  return out;
}

export function canonicalRequest(
  req: Pick<HttpRequest, 'method' | 'path' | 'query' | 'headers'>,
  parts: Pick<SignedParts, 'service' | 'signedHeaders' | 'payloadHash' | 'via'>,
): string {
  const headers = parts.signedHeaders.map((h) => `${h}:${canonicalHeaderValue(req.headers[h] ?? '')}\n`).join('');
  return [
    req.method.toUpperCase(),
    canonicalUri(req.path, parts.service),
    canonicalQuery(req.query, parts.via === 'query'),
    headers,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

export function signingKey(secret: string, date: string, region: string, service: string): Uint8Array {
  const kDate = hmac(sha256, utf8(`AWS4${secret}`), utf8(date));
  const kRegion = hmac(sha256, kDate, utf8(region));
  const kService = hmac(sha256, kRegion, utf8(service));
  return hmac(sha256, kService, utf8('aws4_request'));
}

/** Signing keys last derived (they change once a day per key, region and service), at most 256. */
const KEYS = new Map<string, Uint8Array>();
function cachedSigningKey(secret: string, date: string, region: string, service: string): Uint8Array {
  const id = `${secret}\n${date}\n${region}\n${service}`;
  let k = KEYS.get(id);
  if (k === undefined) {
    k = signingKey(secret, date, region, service);
    if (KEYS.size >= 256) KEYS.delete(KEYS.keys().next().value!);
    KEYS.set(id, k);
  }
  return k;
}

export function signatureOf(key: Uint8Array, toSign: string): string {
  return hex(hmac(sha256, key, utf8(toSign)));
}

/** Equal strings, in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i % (a.length || 1)) | 0) ^ (b.charCodeAt(i % (b.length || 1)) | 0);
  return diff === 0;
}

/** `20150830T123600Z` → milliseconds, or undefined. */
export function parseAmzDate(s: string): number | undefined {
  if (s.length !== 16 || s[8] !== 'T' || s[15] !== 'Z') return undefined;
  const digits = s.slice(0, 8) + s.slice(9, 15);
  for (const c of digits) if (c < '0' || c > '9') return undefined;
  const [y, mo, d, h, mi, se] = [
    +s.slice(0, 4),
    +s.slice(4, 6),
    +s.slice(6, 8),
    +s.slice(9, 11),
    +s.slice(11, 13),
    +s.slice(13, 15),
  ] as const;
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(ms);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return undefined;
  return ms;
}

/** `Date` → `20150830T123600Z`. */
export function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseCredential(
  cred: string,
): { accessKeyId: string; scopeDate: string; region: string; service: string } | string {
  const p = cred.split('/');
  if (p.length !== 5) return `credential \`${cred}\` is not ACCESS_KEY/DATE/REGION/SERVICE/aws4_request`;
  const [accessKeyId, scopeDate, region, service, term] = p as [string, string, string, string, string];
  if (term !== 'aws4_request')
    return `credential should be scoped with a valid terminator: 'aws4_request', not '${term}'`;
  if (accessKeyId === '') return 'credential has no access key id';
  if (scopeDate.length !== 8 || !/^\d{8}$/.test(scopeDate)) return `credential date \`${scopeDate}\` is not YYYYMMDD`;
  if (region === '' || service === '') return 'credential has no region or service';
  return { accessKeyId, scopeDate, region, service };
}

/** The payload hash a header-signed request declares (or the body's, when it does not). */
function declaredPayloadHash(req: HttpRequest): string {
  const h = req.headers['x-amz-content-sha256'];
  return h !== undefined ? h.trim() : sha256Hex(req.body);
}

/**
 * Reads the signature parts of a request: `undefined` when it carries none (unsigned), an error
 * message when it carries a malformed one.
 */
export function parseSigned(req: HttpRequest): ParseResult {
  const auth = req.headers['authorization'];
  const params = new Map<string, string>();
  for (const [k, v] of queryPairs(req.query)) if (!params.has(k)) params.set(k, v);
  if (auth !== undefined && auth.trim() !== '') return parseHeader(req, auth.trim());
  if (params.has('X-Amz-Algorithm') || params.has('X-Amz-Credential') || params.has('X-Amz-Signature'))
    return parseQuery(req, params);
  return undefined;
}

function parseHeader(req: HttpRequest, auth: string): ParseResult {
  if (!auth.startsWith(`${ALGORITHM} `)) {
    const algo = auth.split(' ')[0] ?? '';
    return { ok: false, message: `Unsupported Authorization Type: \`${algo}\`; only ${ALGORITHM} is accepted` };
  }
  const fields = new Map<string, string>();
  for (const raw of auth.slice(ALGORITHM.length + 1).split(',')) {
    const f = raw.trim();
    if (f === '') continue;
    const eq = f.indexOf('=');
    if (eq < 0) return { ok: false, message: `Authorization header field \`${f}\` has no \`=\`` };
    fields.set(f.slice(0, eq), f.slice(eq + 1));
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !fields.has(k));
  if (missing.length > 0)
    return { ok: false, message: missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ') };
  const cred = parseCredential(fields.get('Credential')!);
  if (typeof cred === 'string') return { ok: false, message: cred };
  const amzDate = req.headers['x-amz-date'] ?? req.headers['date'];
  if (amzDate === undefined)
    return {
      ok: false,
      message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    };
  const time = parseAmzDate(amzDate.trim());
  if (time === undefined)
    return {
      ok: false,
      message: `the request date \`${amzDate}\` is not in ISO 8601 basic format (YYYYMMDD'T'HHMMSS'Z')`,
    };
  const signedHeaders = fields.get('SignedHeaders')!.split(';');
  const check = checkSignedHeaders(signedHeaders);
  if (check) return { ok: false, message: check };
  const token = req.headers['x-amz-security-token'];
  return {
    ok: true,
    value: {
      via: 'header',
      ...cred,
      signedHeaders,
      signature: fields.get('Signature')!,
      amzDate: amzDate.trim(),
      time,
      ...(token !== undefined ? { securityToken: token } : {}),
      payloadHash: declaredPayloadHash(req),
    },
  };
}

function checkSignedHeaders(names: string[]): string | undefined {
  for (const n of names) if (n === '' || n !== n.toLowerCase()) return `signed header \`${n}\` is not a lowercase name`;
  for (let i = 1; i < names.length; i++) if (names[i - 1]! >= names[i]!) return 'signed headers are not sorted';
  if (!names.includes('host')) return "signed headers must include 'host'";
  return undefined;
}

function parseQuery(req: HttpRequest, params: Map<string, string>): ParseResult {
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders'];
  const missing = required.filter((k) => !params.has(k));
  if (missing.length > 0)
    return {
      ok: false,
      message: `Query-string authentication requires the ${required.join(', ')} parameters; missing ${missing.join(', ')}`,
    };
  if (params.get('X-Amz-Algorithm') !== ALGORITHM)
    return { ok: false, message: `X-Amz-Algorithm only supports "${ALGORITHM}"` };
  const cred = parseCredential(params.get('X-Amz-Credential')!);
  if (typeof cred === 'string') return { ok: false, message: cred };
  const amzDate = params.get('X-Amz-Date')!;
  const time = parseAmzDate(amzDate);
  if (time === undefined)
    return { ok: false, message: "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"" };
  let expires: number | undefined;
  const e = params.get('X-Amz-Expires');
  if (e !== undefined) {
    if (!/^\d{1,7}$/.test(e)) return { ok: false, message: 'X-Amz-Expires should be a number' };
    expires = Number(e);
    if (expires > MAX_EXPIRES_SECONDS)
      return { ok: false, message: 'X-Amz-Expires must be less than a week (in seconds) that is 604800' };
  } else if (cred.service === 's3') return { ok: false, message: 'X-Amz-Expires is required for a presigned URL' };
  const signedHeaders = params.get('X-Amz-SignedHeaders')!.split(';');
  const check = checkSignedHeaders(signedHeaders);
  if (check) return { ok: false, message: check };
  const token = params.get('X-Amz-Security-Token') ?? req.headers['x-amz-security-token'];
  const declared = params.get('X-Amz-Content-Sha256') ?? req.headers['x-amz-content-sha256'];
  return {
    ok: true,
    value: {
      via: 'query',
      ...cred,
      signedHeaders,
      signature: params.get('X-Amz-Signature')!,
      amzDate,
      time,
      ...(token !== undefined ? { securityToken: token } : {}),
      ...(expires !== undefined ? { expires } : {}),
      payloadHash: declared ?? (cred.service === 's3' ? UNSIGNED_PAYLOAD : sha256Hex(req.body)),
    },
  };
}

export interface Verification {
  ok: boolean;
  canonicalRequest: string;
  stringToSign: string;
  expected: string;
}

/** Recomputes the signature with the key's secret and compares it (constant time). */
export function verifySignature(req: HttpRequest, parts: SignedParts, secret: string): Verification {
  const canonical = canonicalRequest(req, parts);
  const sts = stringToSign(parts.amzDate, credentialScope(parts.scopeDate, parts.region, parts.service), canonical);
  const expected = signatureOf(cachedSigningKey(secret, parts.scopeDate, parts.region, parts.service), sts);
  return {
    ok: constantTimeEqual(expected, parts.signature.toLowerCase()),
    canonicalRequest: canonical,
    stringToSign: sts,
    expected,
  };
}

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignOptions {
  service: string;
  region: string;
  /** Milliseconds. */
  now: number;
  /** Presign for this many seconds instead of adding an Authorization header. */
  expiresIn?: number;
  /** S3: send `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD` instead of the body's hash. */
  unsignedPayload?: boolean;
}

/**
 * Signs a request as the AWS SDKs do (for the app's flows, tests and the bench): `host` and every
 * `x-amz-*` and `content-*` header are signed. The request must carry a `host` header.
 */
export function signRequest(req: HttpRequest, creds: SigningCredentials, o: SignOptions): HttpRequest {
  const amzDate = formatAmzDate(o.now);
  const date = amzDate.slice(0, 8);
  const scope = credentialScope(date, o.region, o.service);
  const headers: Record<string, string> = { ...req.headers };
  if (o.expiresIn !== undefined) {
    const extra: [string, string][] = [
      ['X-Amz-Algorithm', ALGORITHM],
      ['X-Amz-Credential', `${creds.accessKeyId}/${scope}`],
      ['X-Amz-Date', amzDate],
      ['X-Amz-Expires', String(o.expiresIn)],
      ['X-Amz-SignedHeaders', 'host'],
    ];
    if (creds.sessionToken) extra.push(['X-Amz-Security-Token', creds.sessionToken]);
    const query = [req.query, ...extra.map(([k, v]) => `${uriEscape(k)}=${uriEscape(v)}`)]
      .filter((q) => q !== '')
      .join('&');
    const unsigned: HttpRequest = { ...req, headers, query };
    const parts = {
      via: 'query' as const,
      service: o.service,
      signedHeaders: ['host'],
      payloadHash: o.service === 's3' ? UNSIGNED_PAYLOAD : sha256Hex(req.body),
    };
    const sig = signatureOf(
      signingKey(creds.secretAccessKey, date, o.region, o.service),
      stringToSign(amzDate, scope, canonicalRequest(unsigned, parts)),
    );
    return { ...unsigned, query: `${query}&X-Amz-Signature=${sig}` };
  }
  headers['x-amz-date'] = amzDate;
  if (creds.sessionToken) headers['x-amz-security-token'] = creds.sessionToken;
  const payloadHash = o.unsignedPayload ? UNSIGNED_PAYLOAD : sha256Hex(req.body);
  if (o.service === 's3') headers['x-amz-content-sha256'] = payloadHash;
  const signedHeaders = Object.keys(headers)
    .filter((h) => h === 'host' || h.startsWith('x-amz-') || h.startsWith('content-'))
    .sort();
  const parts = { via: 'header' as const, service: o.service, signedHeaders, payloadHash };
  const signed: HttpRequest = { ...req, headers };
  const sig = signatureOf(
    signingKey(creds.secretAccessKey, date, o.region, o.service),
    stringToSign(amzDate, scope, canonicalRequest(signed, parts)),
  );
  headers['authorization'] =
    `${ALGORITHM} Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${sig}`;
  return signed;
}

/**
 * Decodes an `aws-chunked` body (`Content-Encoding: aws-chunked`, `X-Amz-Content-Sha256:
 * STREAMING-…`): `HEXSIZE[;chunk-signature=…]\r\n DATA \r\n … 0[;…]\r\n [trailers]\r\n`. The chunk
 * signatures are not checked. Returns undefined when the framing is broken.
 */
export function decodeAwsChunked(body: Uint8Array): Uint8Array | undefined {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let i = 0;
  for (;;) {
    let eol = -1;
    for (let j = i; j + 1 < body.length; j++)
      if (body[j] === 13 && body[j + 1] === 10) {
        eol = j;
        break;
      }
    if (eol < 0) return undefined;
    let size = 0;
    let digits = 0;
    for (let j = i; j < eol; j++) {
      const c = body[j]!;
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      size = size * 16 + d;
      if (++digits > 8) return undefined;
    }
    if (digits === 0) return undefined;
    const start = eol + 2;
    if (size === 0) break;
    if (start + size + 2 > body.length) return undefined;
    chunks.push(body.subarray(start, start + size));
    total += size;
    i = start + size + 2;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
