/**
 * S3 over REST, path-style (`/bucket`, `/bucket/key`) or virtual-hosted (`bucket.localhost`):
 * ListBuckets, CreateBucket, HeadBucket, DeleteBucket, PutBucketPolicy, GetBucketPolicy,
 * DeleteBucketPolicy, GetBucketLocation, ListObjectsV2, ListObjects, PutObject, GetObject,
 * HeadObject, DeleteObject. Answers in S3's XML with its element names; errors through
 * `s3Error`. Every operation is authorized by the engine with the action and resource S3 uses
 * (`s3:GetObject` on `arn:aws:s3:::bucket/key`, `s3:ListBucket` on the bucket with `s3:prefix`,
 * `s3:delimiter`, `s3:max-keys`; `s3:ListAllMyBuckets` on `*`), the bucket's account as the
 * resource's, and an unsigned request as `anonymous` (public buckets work, and the world's
 * Block Public Access applies).
 */
import { md5 as md5Of, sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { ContextValue } from '../../engine/model';
import type { S3Bucket, S3Object, World } from '../../world/types';
import { placement } from '../../world/organization';
import type { AwsContext } from '../context';
import type { CallDecision } from '../authz';
import { authorizeCall } from '../authz';
import { isoSeconds } from '../clock';
import type { HttpResponse } from '../http';
import { response, text, utf8 } from '../http';
import { el, xmlDocument } from '../protocol/xml';
import type { XmlNode } from '../protocol/xml';
import { hostId, s3Error } from '../protocol/rest-xml';
import type { Reply, ServiceCall } from '../service';
import { crc32Base64, fromBase64, hex, md5Base64, toBase64 } from './bytes';
import { dechunk } from './chunked';
import { continuationToken, listPage, readToken } from './list';
import { checkBucketPolicy, isPublicPolicy } from './policy';
import {
  bucketAccount,
  bucketArn,
  bucketName,
  findBucket,
  lastModifiedMs,
  objectBytes,
  objectEtag,
  objectsOf,
  remember,
  replaceResource,
  writeObject,
} from './store';
import { readXml } from './xml-body';
import { withVersion } from './lineage';

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Query keys that name a subresource this service does not offer (S3 answers them elsewhere). */
const UNSUPPORTED = new Set([
  'acl',
  'analytics',
  'accelerate',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'lifecycle',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'legal-hold',
  'select',
  'tagging',
  'torrent',
  'uploads',
  'uploadId',
  'versioning',
  'versions',
  'website',
  'attributes',
  'delete',
  'session',
]);

interface Target {
  bucket?: string;
  key?: string;
}

type Parsed = { ok: true; target: Target } | { ok: false };

/** The bucket named by a virtual-hosted `Host` (`photos.localhost:4566`, `photos.s3.amazonaws.com`), if any. */
function hostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const colon = host.lastIndexOf(':');
  const name = (colon > 0 && !host.includes(']') ? host.slice(0, colon) : host).toLowerCase();
  for (const suffix of ['.localhost', '.s3.amazonaws.com', '.s3.localhost.localstack.cloud']) {
    if (name.endsWith(suffix) && name.length > suffix.length) {
      const b = name.slice(0, -suffix.length);
      return b.endsWith('.s3') ? b.slice(0, -3) : b;
    }
  }
  const m = name.indexOf('.s3.');
  if (m > 0 && name.endsWith('.amazonaws.com')) return name.slice(0, m);
  return undefined;
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function parseTarget(call: ServiceCall): Parsed {
  const path = call.request.path || '/';
  const vh = hostBucket(call.request.headers['host']);
  if (vh) {
    const key = decode(path.slice(1));
    if (key === undefined) return { ok: false };
    return { ok: true, target: key === '' ? { bucket: vh } : { bucket: vh, key } };
  }
  const rest = path.startsWith('/') ? path.slice(1) : path;
  if (rest === '') return { ok: true, target: {} };
  const slash = rest.indexOf('/');
  const bucket = decode(slash < 0 ? rest : rest.slice(0, slash));
  if (bucket === undefined) return { ok: false };
  if (slash < 0 || slash === rest.length - 1) return { ok: true, target: { bucket } };
  const key = decode(rest.slice(slash + 1));
  if (key === undefined) return { ok: false };
  return { ok: true, target: { bucket, key } };
}

/** S3's bucket naming rules (S3 User Guide, "General purpose bucket naming rules"). */
export function validBucketName(name: string): boolean {
  if (name.length < 3 || name.length > 63) return false;
  for (const c of name) if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c === '.' || c === '-')) return false;
  const edge = (c: string) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  if (!edge(name[0]) || !edge(name[name.length - 1])) return false;
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return false;
  const parts = name.split('.');
  if (parts.length === 4 && parts.every((p) => p !== '' && p.length <= 3 && [...p].every((c) => c >= '0' && c <= '9')))
    return false;
  for (const p of ['xn--', 'sthree-', 'amzn-s3-demo-']) if (name.startsWith(p)) return false;
  for (const s of ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3']) if (name.endsWith(s)) return false;
  return true;
}

const REGION_NAME = (r: string) => {
  const parts = r.split('-');
  return (
    parts.length >= 3 &&
    parts.every((p) => p !== '' && [...p].every((c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
  );
};

class S3Call {
  readonly params: URLSearchParams;
  readonly method: string;
  readonly requestId: string;
  decision?: CallDecision;

  constructor(
    readonly call: ServiceCall,
    readonly ctx: AwsContext,
  ) {
    this.params = new URLSearchParams(call.request.query);
    this.method = call.request.method.toUpperCase();
    this.requestId = ctx.requestId();
  }

  get world(): World {
    return this.ctx.state.world;
  }

  error(code: string, message: string, status: number, extra: Record<string, string> = {}): HttpResponse {
    return s3Error(code, message, this.requestId, status, extra, this.method);
  }

  ok(status: number, headers: Record<string, string>, body: string | Uint8Array = ''): HttpResponse {
    return response(
      status,
      { 'x-amz-request-id': this.requestId, 'x-amz-id-2': hostId(this.requestId), ...headers },
      body,
    );
  }

  xml(root: string, content: XmlNode): HttpResponse {
    return this.ok(200, { 'content-type': 'application/xml' }, xmlDocument(el(root, content, { xmlns: S3_XMLNS })));
  }

  noSuchBucket(name: string): HttpResponse {
    return this.error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
  }

  /** Asks the engine; the decision is kept for the reply. */
  authorize(action: string, resource: string, account: string | undefined, context?: Record<string, ContextValue>) {
    const d = authorizeCall(this.ctx, this.call, action, resource, {
      ...(context ? { context } : {}),
      ...(account ? { resourceAccount: account } : {}),
    });
    this.decision = d;
    return d;
  }

  /** S3's 403: the enriched text (resource ARN in double quotes) for callers of the owner's account or organization, else `Access Denied`. */
  denied(d: CallDecision, account: string | undefined): HttpResponse {
    return this.error('AccessDenied', this.deniedMessage(d, account), 403);
  }

  deniedMessage(d: CallDecision, account: string | undefined): string {
    const caller = this.call.caller;
    if (!caller || !d.message) return 'Access Denied';
    const org = this.world.organization;
    const sameOrg =
      org !== undefined &&
      account !== undefined &&
      placement(org, caller.account) !== undefined &&
      placement(org, account) !== undefined;
    if (caller.account !== account && !sameOrg) return 'Access Denied';
    const on = ` on resource: ${d.resource}`;
    return d.resource === '*' || !d.message.includes(on)
      ? d.message
      : d.message.replace(on, ` on resource: "${d.resource}"`);
  }

  /** The request context S3 adds for signed requests. */
  s3Context(extra: Record<string, ContextValue> = {}): Record<string, ContextValue> {
    const c: Record<string, ContextValue> = { ...extra };
    const h = this.call.request.headers;
    if (this.call.caller) {
      c['s3:authType'] = h['authorization'] ? 'REST-HEADER' : 'REST-QUERY-STRING';
      c['s3:signatureversion'] = 'AWS4-HMAC-SHA256';
    }
    const sha = h['x-amz-content-sha256'];
    if (sha) c['s3:x-amz-content-sha256'] = sha;
    return c;
  }
}

export async function handleS3(call: ServiceCall, ctx: AwsContext): Promise<Reply> {
  const c = new S3Call(call, ctx);
  const parsed = parseTarget(call);
  if (!parsed.ok)
    return { operation: 'Unknown', response: c.error('InvalidURI', "Couldn't parse the specified URI.", 400) };
  const { bucket, key } = parsed.target;
  for (const k of c.params.keys()) {
    if (UNSUPPORTED.has(k))
      return {
        operation: 'Unknown',
        response: c.error('NotImplemented', 'A header you provided implies functionality that is not implemented', 501),
      };
  }
  const reply = (operation: string, res: HttpResponse): Reply => {
    const r: Reply = { operation, response: res };
    if (c.decision) r.decision = c.decision;
    return r;
  };
  const m = c.method;
  const p = c.params;
  if (bucket === undefined) {
    if (m === 'GET') return reply('ListBuckets', listBuckets(c));
    return reply(
      'Unknown',
      c.error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405),
    );
  }
  if (key === undefined) {
    if (m === 'PUT' && p.has('policy')) return reply('PutBucketPolicy', putBucketPolicy(c, bucket));
    if (m === 'GET' && p.has('policy')) return reply('GetBucketPolicy', getBucketPolicy(c, bucket));
    if (m === 'DELETE' && p.has('policy')) return reply('DeleteBucketPolicy', deleteBucketPolicy(c, bucket));
    if (m === 'GET' && p.has('location')) return reply('GetBucketLocation', getBucketLocation(c, bucket));
    if (m === 'PUT') return reply('CreateBucket', createBucket(c, bucket));
    if (m === 'HEAD') return reply('HeadBucket', headBucket(c, bucket));
    if (m === 'DELETE') return reply('DeleteBucket', deleteBucket(c, bucket));
    if (m === 'GET' && p.get('list-type') === '2') return reply('ListObjectsV2', listObjects(c, bucket, 2));
    if (m === 'GET') return reply('ListObjects', listObjects(c, bucket, 1));
    return reply(
      'Unknown',
      c.error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405),
    );
  }
  if (m === 'PUT') {
    if (call.request.headers['x-amz-copy-source'] !== undefined)
      return reply(
        'CopyObject',
        c.error('NotImplemented', 'A header you provided implies functionality that is not implemented', 501),
      );
    return reply('PutObject', putObject(c, bucket, key));
  }
  if (m === 'GET') return reply('GetObject', getObject(c, bucket, key, false));
  if (m === 'HEAD') return reply('HeadObject', getObject(c, bucket, key, true));
  if (m === 'DELETE') return reply('DeleteObject', deleteObject(c, bucket, key));
  return reply(
    'Unknown',
    c.error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405),
  );
}

// ---- buckets ----

/** A canonical user id for an account (64 hex digits, as S3's are). */
function canonicalId(account: string): string {
  return hex(sha256(utf8(`canonical-user:${account}`)));
}

function creationDate(c: S3Call, name: string): string {
  return c.ctx.state.s3?.buckets[name]?.creationDate ?? '2025-01-01T00:00:00.000Z';
}

function listBuckets(c: S3Call): HttpResponse {
  const caller = c.call.caller;
  const d = c.authorize('s3:ListAllMyBuckets', '*', caller?.account);
  if (!caller || !d.allowed) return c.denied(d, caller?.account);
  const prefix = c.params.get('prefix') ?? '';
  const buckets = (c.world.resources ?? [])
    .filter((r): r is S3Bucket => r.type === 's3-bucket' && bucketAccount(c.world, r) === caller.account)
    .map((b) => ({ name: bucketName(b), region: b.region ?? 'us-east-1' }))
    .filter((b) => b.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const acct = c.world.accounts.find((a) => a.id === caller.account);
  return c.xml('ListAllMyBucketsResult', [
    el('Owner', [el('DisplayName', acct?.name ?? caller.account), el('ID', canonicalId(caller.account))]),
    el(
      'Buckets',
      buckets.map((b) =>
        el('Bucket', [el('CreationDate', creationDate(c, b.name)), el('Name', b.name), el('BucketRegion', b.region)]),
      ),
    ),
    c.params.has('prefix') ? el('Prefix', prefix) : undefined,
  ]);
}

function createBucket(c: S3Call, name: string): HttpResponse {
  if (!validBucketName(name))
    return c.error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  const caller = c.call.caller;
  const d = c.authorize('s3:CreateBucket', bucketArn(name), caller?.account);
  if (!caller || !d.allowed) return c.denied(d, caller?.account);
  const body = text(c.call.request.body).trim();
  let constraint: string | undefined;
  if (body !== '') {
    const x = readXml(body);
    if (!x.ok || x.root !== 'CreateBucketConfiguration')
      return c.error(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
        400,
      );
    constraint = x.text('LocationConstraint') || undefined;
  }
  const endpoint = c.call.region;
  if (constraint !== undefined && (!REGION_NAME(constraint) || constraint === 'us-east-1'))
    return c.error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: constraint,
    });
  const region = constraint ?? 'us-east-1';
  if (region !== endpoint)
    return c.error(
      'IllegalLocationConstraintException',
      constraint === undefined
        ? 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.'
        : `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
      400,
    );
  const existing = findBucket(c.world, name);
  const location = region === 'us-east-1' ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
  if (existing) {
    if (bucketAccount(c.world, existing) !== caller.account)
      return c.error(
        'BucketAlreadyExists',
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
        409,
        { BucketName: name },
      );
    // For legacy compatibility, S3 answers 200 to re-creating an own bucket in us-east-1.
    if ((existing.region ?? 'us-east-1') === 'us-east-1' && region === 'us-east-1') return c.ok(200, { location });
    return c.error(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: name },
    );
  }
  const bucket: S3Bucket = {
    type: 's3-bucket',
    arn: bucketArn(name),
    account: caller.account,
    region,
    // New buckets block all public access (S3's default since April 2023).
    blockPublicAccess: {
      blockPublicAcls: true,
      ignorePublicAcls: true,
      blockPublicPolicy: true,
      restrictPublicBuckets: true,
    },
  };
  const state = c.ctx.state;
  state.world = { ...c.world, resources: [...(c.world.resources ?? []), bucket] };
  const s3 = state.s3 ?? { buckets: {} };
  state.s3 = { ...s3, buckets: { ...s3.buckets, [name]: { creationDate: new Date(c.ctx.clock.now()).toISOString() } } };
  return c.ok(200, { location });
}

function headBucket(c: S3Call, name: string): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const account = bucketAccount(c.world, bucket);
  const d = c.authorize('s3:ListBucket', bucket.arn, account);
  if (!d.allowed) return c.denied(d, account);
  return c.ok(200, { 'x-amz-bucket-region': bucket.region ?? 'us-east-1', 'x-amz-access-point-alias': 'false' });
}

function deleteBucket(c: S3Call, name: string): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const account = bucketAccount(c.world, bucket);
  const d = c.authorize('s3:DeleteBucket', bucket.arn, account);
  if (!d.allowed) return c.denied(d, account);
  if (objectsOf(bucket).lineage.live.size > 0)
    return c.error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: name });
  const state = c.ctx.state;
  state.world = { ...c.world, resources: (c.world.resources ?? []).filter((r) => r !== bucket) };
  if (state.s3?.buckets[name]) {
    const buckets = { ...state.s3.buckets };
    delete buckets[name];
    state.s3 = { ...state.s3, buckets };
  }
  return c.ok(204, {});
}

function getBucketLocation(c: S3Call, name: string): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const account = bucketAccount(c.world, bucket);
  const d = c.authorize('s3:GetBucketLocation', bucket.arn, account);
  if (!d.allowed) return c.denied(d, account);
  const region = bucket.region ?? 'us-east-1';
  return c.xml('LocationConstraint', region === 'us-east-1' ? '' : region);
}

/**
 * The bucket policy operations: the caller must belong to the owner's account (else 405), and the
 * owner's root user may always use them, even when the policy denies it (S3's lockout safety).
 */
function policyAccess(c: S3Call, bucket: S3Bucket, action: string): HttpResponse | undefined {
  const caller = c.call.caller;
  const account = bucketAccount(c.world, bucket);
  const d = c.authorize(action, bucket.arn, account);
  if (!caller) return c.denied(d, account);
  if (caller.account !== account)
    return c.error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: c.method,
      ResourceType: 'BUCKETPOLICY',
    });
  if (caller.kind === 'root') return undefined;
  return d.allowed ? undefined : c.denied(d, account);
}

function putBucketPolicy(c: S3Call, name: string): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const refused = policyAccess(c, bucket, 's3:PutBucketPolicy');
  if (refused) return refused;
  const body = c.call.request.body;
  const digest = checkDigests(c, body, c.call.request.headers);
  if (digest) return digest;
  const policyText = text(body);
  const check = checkBucketPolicy(policyText, bucket);
  if (!check.ok) return c.error('MalformedPolicy', check.message, 400);
  if (
    bucket.blockPublicAccess?.blockPublicPolicy === true &&
    isPublicPolicy(c.world, bucket, policyText, c.ctx.clock.now())
  ) {
    const caller = c.call.caller!;
    return c.error(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "${bucket.arn}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
      403,
    );
  }
  c.ctx.state.world = replaceResource(c.world, bucket, withField(bucket, 'policy', policyText));
  return c.ok(204, {});
}

function getBucketPolicy(c: S3Call, name: string): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const refused = policyAccess(c, bucket, 's3:GetBucketPolicy');
  if (refused) return refused;
  if (bucket.policy === undefined)
    return c.error('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: name });
  const body = typeof bucket.policy === 'string' ? bucket.policy : JSON.stringify(bucket.policy);
  return c.ok(200, { 'content-type': 'application/json' }, body);
}

function deleteBucketPolicy(c: S3Call, name: string): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const refused = policyAccess(c, bucket, 's3:DeleteBucketPolicy');
  if (refused) return refused;
  if (bucket.policy !== undefined)
    c.ctx.state.world = replaceResource(c.world, bucket, withField(bucket, 'policy', undefined));
  return c.ok(204, {});
}

/** A copy of the bucket with one field set or removed, its objects the same version (never built here). */
function withField(bucket: S3Bucket, field: 'policy', value: string | undefined): S3Bucket {
  const out = withVersion<S3Object, S3Bucket>(bucket, 'objects', objectsOf(bucket).lineage);
  if (value === undefined) delete out[field];
  else out[field] = value;
  return out;
}

// ---- listing ----

function listObjects(c: S3Call, name: string, version: 1 | 2): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const p = c.params;
  const context: Record<string, ContextValue> = {};
  if (p.has('prefix')) context['s3:prefix'] = p.get('prefix')!;
  if (p.has('delimiter')) context['s3:delimiter'] = p.get('delimiter')!;
  if (p.has('max-keys')) context['s3:max-keys'] = p.get('max-keys')!;
  const account = bucketAccount(c.world, bucket);
  const d = c.authorize('s3:ListBucket', bucket.arn, account, c.s3Context(context));
  if (!d.allowed) return c.denied(d, account);

  let maxKeys = 1000;
  const mk = p.get('max-keys');
  if (mk !== null) {
    const n = mk !== '' && [...mk].every((ch) => ch >= '0' && ch <= '9') && mk.length <= 10 ? Number(mk) : NaN;
    if (!Number.isInteger(n) || n > 2147483647)
      return c.error('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400, {
        ArgumentName: 'max-keys',
        ArgumentValue: mk,
      });
    maxKeys = Math.min(n, 1000);
  }
  const encoding = p.get('encoding-type');
  if (encoding !== null && encoding !== 'url')
    return c.error('InvalidArgument', 'Invalid Encoding Method specified in Request', 400, {
      ArgumentName: 'encoding-type',
      ArgumentValue: encoding,
    });
  const enc = (s: string) => {
    if (encoding !== 'url') return s;
    try {
      return encodeURIComponent(s).replace(/%2F/g, '/');
    } catch {
      return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD')).replace(/%2F/g, '/');
    }
  };
  const prefix = p.get('prefix') ?? '';
  const delimiter = p.get('delimiter') || undefined;
  const store = objectsOf(bucket);

  let after: string | undefined;
  let afterPrefix: string | undefined;
  const token = p.get('continuation-token');
  if (version === 2) {
    if (token !== null) {
      const t = readToken(token);
      if (!t)
        return c.error('InvalidArgument', 'The continuation token provided is incorrect', 400, {
          ArgumentName: 'continuation-token',
        });
      if (t.prefix) afterPrefix = t.value;
      else after = t.value;
    } else if (p.get('start-after')) after = p.get('start-after')!;
  } else if (p.get('marker')) after = p.get('marker')!;

  const page = listPage(store, { prefix, delimiter, maxKeys, after, afterPrefix });
  const contents = page.objects.map((o) =>
    el('Contents', [
      el('Key', enc(o.key)),
      el('LastModified', new Date(lastModifiedMs(o)).toISOString()),
      el('ETag', objectEtag(o)),
      el('Size', objectBytes(o).length),
      version === 1 || p.get('fetch-owner') === 'true'
        ? el('Owner', [el('DisplayName', account), el('ID', canonicalId(account))])
        : undefined,
      el('StorageClass', 'STANDARD'),
    ]),
  );
  const prefixes = page.commonPrefixes.map((cp) => el('CommonPrefixes', el('Prefix', enc(cp))));
  if (version === 1) {
    return c.xml('ListBucketResult', [
      el('Name', name),
      el('Prefix', enc(prefix)),
      el('Marker', enc(p.get('marker') ?? '')),
      page.truncated && delimiter && page.last ? el('NextMarker', enc(page.last.value)) : undefined,
      el('MaxKeys', maxKeys),
      delimiter ? el('Delimiter', enc(delimiter)) : undefined,
      el('IsTruncated', page.truncated),
      contents,
      prefixes,
      encoding ? el('EncodingType', encoding) : undefined,
    ]);
  }
  return c.xml('ListBucketResult', [
    el('Name', name),
    el('Prefix', enc(prefix)),
    delimiter ? el('Delimiter', enc(delimiter)) : undefined,
    el('MaxKeys', maxKeys),
    el('KeyCount', page.objects.length + page.commonPrefixes.length),
    el('IsTruncated', page.truncated),
    token !== null ? el('ContinuationToken', token) : undefined,
    page.truncated && page.last ? el('NextContinuationToken', continuationToken(page.last)) : undefined,
    p.has('start-after') ? el('StartAfter', enc(p.get('start-after')!)) : undefined,
    contents,
    prefixes,
    encoding ? el('EncodingType', encoding) : undefined,
  ]);
}

// ---- objects ----

const MAX_KEY_BYTES = 1024;

/** Content-MD5, x-amz-checksum-* and a hex x-amz-content-sha256, checked against the bytes received. */
function checkDigests(c: S3Call, body: Uint8Array, h: Record<string, string>): HttpResponse | undefined {
  const md5 = h['content-md5'];
  if (md5 !== undefined) {
    const raw = fromBase64(md5);
    if (!raw || raw.length !== 16)
      return c.error('InvalidDigest', 'The Content-MD5 you specified is not valid.', 400, { 'Content-MD5': md5 });
    if (md5Base64(body) !== toBase64(raw))
      return c.error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
        ExpectedDigest: md5,
        CalculatedDigest: md5Base64(body),
      });
  }
  const checks: [string, string, (b: Uint8Array) => string][] = [
    ['x-amz-checksum-crc32', 'CRC32', crc32Base64],
    ['x-amz-checksum-sha1', 'SHA1', (b) => toBase64(sha1(b))],
    ['x-amz-checksum-sha256', 'SHA256', (b) => toBase64(sha256(b))],
  ];
  for (const [name, algo, fn] of checks) {
    const given = h[name];
    if (given !== undefined && fn(body) !== given)
      return c.error('BadDigest', `The ${algo} you specified did not match the calculated checksum.`, 400);
  }
  return undefined;
}

function putObject(c: S3Call, name: string, key: string): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const keyBytes = utf8(key).length;
  if (keyBytes > MAX_KEY_BYTES)
    return c.error('KeyTooLongError', 'Your key is too long', 400, { Size: String(keyBytes), MaxSizeAllowed: '1024' });
  const h = c.call.request.headers;
  const context: Record<string, ContextValue> = {};
  for (const k of ['x-amz-acl', 'x-amz-server-side-encryption', 'x-amz-storage-class'])
    if (h[k] !== undefined) context[`s3:${k}`] = h[k];
  const account = bucketAccount(c.world, bucket);
  const resource = `${bucket.arn}/${key}`;
  const d = c.authorize('s3:PutObject', resource, account, c.s3Context(context));
  if (!d.allowed) return c.denied(d, account);

  // The body: decoded from aws-chunked when the SDK streamed it, with its trailing checksums.
  let body = c.call.request.body;
  const digests: Record<string, string> = { ...h };
  const sha = h['x-amz-content-sha256'] ?? '';
  const encoding = (h['content-encoding'] ?? '').split(',').map((s) => s.trim());
  // The simulator may have removed the framing already (SigV4 checks the chunk signatures): then
  // Content-Encoding no longer says aws-chunked and the body is the decoded length.
  const decodedLength = h['x-amz-decoded-content-length'];
  const framed =
    encoding.includes('aws-chunked') ||
    (sha.startsWith('STREAMING-') && decodedLength !== undefined && Number(decodedLength) !== body.length);
  if (framed) {
    const r = dechunk(body);
    if (!r.ok) return c.error('IncompleteBody', `The request body could not be read as aws-chunked: ${r.message}`, 400);
    body = r.body;
    Object.assign(digests, r.trailers);
    if (decodedLength !== undefined && Number(decodedLength) !== body.length)
      return c.error(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header',
        400,
      );
  } else if (sha.length === 64 && [...sha].every((ch) => '0123456789abcdef'.includes(ch))) {
    const computed = hex(sha256(body));
    if (computed !== sha)
      return c.error(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        400,
        {
          ClientComputedContentSHA256: sha,
          S3ComputedContentSHA256: computed,
        },
      );
  }
  const bad = checkDigests(c, body, digests);
  if (bad) return bad;

  const object: S3Object = { key, ...storedBody(body) };
  const contentType = h['content-type'];
  if (contentType) object.contentType = contentType;
  const tagging = h['x-amz-tagging'];
  if (tagging) {
    const tags: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(tagging)) tags[k] = v;
    if (Object.keys(tags).length > 0) object.tags = tags;
  }
  object.lastModified = isoSeconds(c.ctx.clock.now());
  const etag = `"${hex(md5Of(body))}"`;
  remember(object, body, etag);
  c.ctx.state.world = writeObject(c.ctx.state, bucket, key, object);
  const out: Record<string, string> = { etag, 'x-amz-server-side-encryption': 'AES256' };
  for (const k of [
    'x-amz-checksum-crc32',
    'x-amz-checksum-crc32c',
    'x-amz-checksum-sha1',
    'x-amz-checksum-sha256',
    'x-amz-checksum-crc64nvme',
  ])
    if (digests[k] !== undefined) out[k] = digests[k];
  return c.ok(200, out);
}

/** The body as the world keeps it: UTF-8 text when the bytes are exactly that, else base64. */
function storedBody(bytes: Uint8Array): { body: string; encoding?: 'base64' } {
  try {
    return { body: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return { body: toBase64(bytes), encoding: 'base64' };
  }
}

/** The byte range of a `Range: bytes=…` header: undefined to send the whole object, `unsatisfiable`, or the range. */
function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header || !header.startsWith('bytes=')) return undefined;
  const spec = header.slice(6).trim();
  if (spec.includes(',')) return undefined;
  const dash = spec.indexOf('-');
  if (dash < 0) return undefined;
  const a = spec.slice(0, dash).trim();
  const b = spec.slice(dash + 1).trim();
  const digits = (s: string) => s !== '' && s.length <= 16 && [...s].every((ch) => ch >= '0' && ch <= '9');
  if (a === '') {
    if (!digits(b)) return undefined;
    const n = Number(b);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  if (!digits(a) || (b !== '' && !digits(b))) return undefined;
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== '' && Number(b) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

function getObject(c: S3Call, name: string, key: string, head: boolean): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const account = bucketAccount(c.world, bucket);
  const resource = `${bucket.arn}/${key}`;
  const d = c.authorize('s3:GetObject', resource, account, c.s3Context());
  if (!d.allowed) return c.denied(d, account);
  const o = objectsOf(bucket).lineage.live.get(key);
  if (!o) {
    // Without s3:ListBucket the caller may not learn that the key is absent: 403, else 404.
    const list = c.authorize('s3:ListBucket', bucket.arn, account, c.s3Context());
    if (!list.allowed) return c.denied(list, account);
    return c.error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
  }
  const bytes = objectBytes(o);
  const etag = objectEtag(o);
  const modified = lastModifiedMs(o);
  const h = c.call.request.headers;
  const ifMatch = h['if-match'];
  if (ifMatch !== undefined && ifMatch !== '*' && !ifMatch.split(',').some((t) => t.trim() === etag))
    return c.error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: 'If-Match',
    });
  const ifNone = h['if-none-match'];
  if (ifNone !== undefined && (ifNone === '*' || ifNone.split(',').some((t) => t.trim() === etag)))
    return c.ok(304, { etag, 'last-modified': new Date(modified).toUTCString() });

  const headers: Record<string, string> = {
    'content-type': o.contentType ?? 'binary/octet-stream',
    etag,
    'last-modified': new Date(modified).toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  if (o.tags && Object.keys(o.tags).length > 0) headers['x-amz-tagging-count'] = String(Object.keys(o.tags).length);
  for (const [param, header] of [
    ['response-content-type', 'content-type'],
    ['response-content-disposition', 'content-disposition'],
    ['response-content-encoding', 'content-encoding'],
    ['response-content-language', 'content-language'],
    ['response-cache-control', 'cache-control'],
    ['response-expires', 'expires'],
  ] as const) {
    const v = c.params.get(param);
    if (v !== null) headers[header] = v;
  }
  const range = byteRange(h['range'], bytes.length);
  if (range === 'unsatisfiable')
    return c.error('InvalidRange', 'The requested range is not satisfiable', 416, {
      RangeRequested: h['range'] ?? '',
      ActualObjectSize: String(bytes.length),
    });
  if (range) {
    const part = bytes.subarray(range.start, range.end + 1);
    headers['content-range'] = `bytes ${range.start}-${range.end}/${bytes.length}`;
    headers['content-length'] = String(part.length);
    return c.ok(206, headers, head ? new Uint8Array() : part);
  }
  headers['content-length'] = String(bytes.length);
  if (h['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED') {
    headers['x-amz-checksum-crc32'] = crc32Base64(bytes);
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  return c.ok(200, headers, head ? new Uint8Array() : bytes);
}

function deleteObject(c: S3Call, name: string, key: string): HttpResponse {
  const bucket = findBucket(c.world, name);
  if (!bucket) return c.noSuchBucket(name);
  const account = bucketAccount(c.world, bucket);
  const d = c.authorize('s3:DeleteObject', `${bucket.arn}/${key}`, account, c.s3Context());
  if (!d.allowed) return c.denied(d, account);
  if (objectsOf(bucket).lineage.live.has(key)) c.ctx.state.world = writeObject(c.ctx.state, bucket, key, undefined);
  return c.ok(204, {});
}
