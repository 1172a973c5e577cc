/**
 * Authentication of a request, before any service sees it: a SigV4 signature (the `Authorization`
 * header, or a presigned query string) is checked against the secret of the access key it names
 * (a world user's or root's `Active` `AKIA…` key, or an `ASIA…` session with its token), and the
 * caller is what AWS would know: the user, root, or the session.
 *
 * The order of the checks follows AWS: a malformed signature first, then the key (unknown or
 * inactive keys, a session token that does not match), the session's expiry, the request time
 * (15 minutes of skew), a presigned URL's expiry, the signature itself, and (S3) the body against
 * its declared `x-amz-content-sha256`.
 */
import type { HttpRequest } from '../http';
import type { AwsContext, Principal } from '../context';
import type { AuthFacts, AuthFailure } from '../service';
import type { World } from '../../world/types';
import { userArn } from '../../world/edit';
import { derivedUniqueId } from '../../engine/context';
import { isoSeconds } from '../clock';
import type { SignedParts } from './sigv4';
import {
  MAX_SKEW_MS,
  UNSIGNED_PAYLOAD,
  constantTimeEqual,
  decodeAwsChunked,
  formatAmzDate,
  parseSigned,
  sha256Hex,
  verifySignature,
} from './sigv4';

export type { AuthFailure } from '../service';

export type AuthResult =
  | { kind: 'unsigned' }
  | {
      kind: 'signed';
      caller: Principal;
      service: string;
      region: string;
      /** The body with its `aws-chunked` framing removed, when the request was sent so. */
      body?: Uint8Array;
    }
  | { kind: 'error'; error: AuthFailure; detail: string; service?: string; facts?: AuthFacts };

interface KeyOwner {
  secret: string;
  principal: Principal;
}

/** Long-term keys of a world, by access key id (built once per world object). */
const KEY_INDEX = new WeakMap<World, Map<string, KeyOwner | 'inactive'>>();

function keyIndex(world: World): Map<string, KeyOwner | 'inactive'> {
  let index = KEY_INDEX.get(world);
  if (index) return index;
  index = new Map();
  for (const account of world.accounts) {
    for (const k of account.root?.accessKeys ?? []) {
      index.set(
        k.accessKeyId,
        k.status === 'Active'
          ? {
              secret: k.secretAccessKey,
              principal: {
                kind: 'root',
                arn: `arn:aws:iam::${account.id}:root`,
                account: account.id,
                userId: account.id,
                accessKeyId: k.accessKeyId,
              },
            }
          : 'inactive',
      );
    }
  }
  for (const u of world.users ?? []) {
    for (const k of u.accessKeys ?? []) {
      const arn = userArn(u);
      index.set(
        k.accessKeyId,
        k.status === 'Active'
          ? {
              secret: k.secretAccessKey,
              principal: {
                kind: 'user',
                arn,
                account: u.account,
                userId: u.id ?? derivedUniqueId('AIDA', arn),
                accessKeyId: k.accessKeyId,
              },
            }
          : 'inactive',
      );
    }
  }
  KEY_INDEX.set(world, index);
  return index;
}

/** The secret and the principal of an access key, or why there is none. */
function findKey(parts: SignedParts, ctx: AwsContext): KeyOwner | { error: 'unknown-key' | 'expired'; detail: string } {
  const id = parts.accessKeyId;
  const session = ctx.state.sts.sessions[id];
  if (session) {
    if (parts.securityToken === undefined || !constantTimeEqual(parts.securityToken, session.sessionToken))
      return { error: 'unknown-key', detail: `the session token does not match the temporary access key ${id}` };
    if (session.expiration <= ctx.clock.now())
      return { error: 'expired', detail: `the temporary credentials expired at ${isoSeconds(session.expiration)}` };
    return {
      secret: session.secretAccessKey,
      principal: {
        kind: session.kind,
        arn: session.arn,
        account: session.account,
        userId: session.userId,
        accessKeyId: id,
        session: {
          ...session.facts,
          issuedAt: session.issuedAt,
          expiration: session.expiration,
          ...(session.roleArn !== undefined ? { roleArn: session.roleArn } : {}),
          ...(session.userArn !== undefined ? { userArn: session.userArn } : {}),
          ...(session.chained !== undefined ? { chained: session.chained } : {}),
          ...(session.sourceIdentity !== undefined ? { sourceIdentity: session.sourceIdentity } : {}),
          ...(session.context !== undefined ? { context: session.context } : {}),
        },
      },
    };
  }
  const owner = keyIndex(ctx.state.world).get(id);
  if (owner === undefined) return { error: 'unknown-key', detail: `no access key ${id} in the world` };
  if (owner === 'inactive') return { error: 'unknown-key', detail: `the access key ${id} is Inactive` };
  // A long-term key with a session token: AWS refuses the token.
  if (parts.securityToken !== undefined && parts.securityToken !== '')
    return { error: 'unknown-key', detail: `a session token was sent with the long-term access key ${id}` };
  return owner;
}

const iso = (ms: number): string => isoSeconds(ms);

export async function authenticate(req: HttpRequest, ctx: AwsContext): Promise<AuthResult> {
  return authenticateSync(req, ctx);
}

/** `authenticate` without the promise (the signature work is synchronous). */
export function authenticateSync(req: HttpRequest, ctx: AwsContext): AuthResult {
  const parsed = parseSigned(req);
  if (parsed === undefined) return { kind: 'unsigned' };
  if (!parsed.ok) return { kind: 'error', error: 'malformed', detail: parsed.message };
  const parts = parsed.value;
  const service = parts.service;
  const base: AuthFacts = { accessKeyId: parts.accessKeyId };
  if (parts.amzDate.slice(0, 8) !== parts.scopeDate)
    return {
      kind: 'error',
      error: 'malformed',
      service,
      detail: `Invalid credential date. Date is not the same as X-Amz-Date: the scope says ${parts.scopeDate}, the request ${parts.amzDate}`,
      facts: base,
    };

  const key = findKey(parts, ctx);
  if ('error' in key) return { kind: 'error', error: key.error, detail: key.detail, service, facts: base };

  const now = ctx.clock.now();
  const timeFacts: AuthFacts = { ...base, requestTime: iso(parts.time), serverTime: iso(now) };
  if (parts.via === 'header' || parts.time - now > MAX_SKEW_MS) {
    if (now - parts.time > MAX_SKEW_MS)
      return {
        kind: 'error',
        error: 'skewed',
        service,
        detail: `Signature expired: ${parts.amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`,
        facts: timeFacts,
      };
    if (parts.time - now > MAX_SKEW_MS)
      return {
        kind: 'error',
        error: 'skewed',
        service,
        detail: `Signature not yet current: ${parts.amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`,
        facts: timeFacts,
      };
  }
  if (parts.via === 'query' && parts.expires !== undefined && now > parts.time + parts.expires * 1000)
    return {
      kind: 'error',
      error: 'request-expired',
      service,
      detail: 'Request has expired',
      facts: {
        ...base,
        expiresSeconds: String(parts.expires),
        expires: iso(parts.time + parts.expires * 1000),
        serverTime: iso(now),
      },
    };

  const v = verifySignature(req, parts, key.secret);
  if (!v.ok)
    return {
      kind: 'error',
      error: 'signature',
      service,
      detail: 'the signature does not match the one computed with the secret of the access key',
      facts: {
        ...base,
        stringToSign: v.stringToSign,
        canonicalRequest: v.canonicalRequest,
        signatureProvided: parts.signature,
      },
    };

  // The body against the hash it was signed with.
  let body: Uint8Array | undefined;
  const declared = parts.payloadHash;
  if (declared.startsWith('STREAMING-')) {
    body = decodeAwsChunked(req.body);
    if (body === undefined)
      return {
        kind: 'error',
        error: 'malformed',
        service,
        detail: 'the aws-chunked body is not framed as `SIZE;chunk-signature=…\\r\\nDATA\\r\\n`',
        facts: base,
      };
  } else if (declared !== UNSIGNED_PAYLOAD) {
    const computed = sha256Hex(req.body);
    if (computed !== declared.toLowerCase()) {
      if (service === 's3')
        return {
          kind: 'error',
          error: 'content-sha256',
          service,
          detail: "The provided 'x-amz-content-sha256' header does not match what was computed.",
          facts: { ...base, clientSha256: declared, computedSha256: computed },
        };
      return {
        kind: 'error',
        error: 'signature',
        service,
        detail: 'the body does not match the payload hash it was signed with',
        facts: {
          ...base,
          stringToSign: v.stringToSign,
          canonicalRequest: v.canonicalRequest,
          signatureProvided: parts.signature,
        },
      };
    }
  }
  return {
    kind: 'signed',
    caller: key.principal,
    service,
    region: parts.region,
    ...(body !== undefined ? { body } : {}),
  };
}
