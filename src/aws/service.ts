/**
 * The shape of one simulated service: a handler from a call (the HTTP request, the caller the
 * signature proved, the transport) to a reply (the HTTP response, the operation's name, the
 * engine's decision when one was asked, and notes for the app and the serve log).
 */
import type { HttpRequest, HttpResponse } from './http';
import type { AwsContext, Principal } from './context';
import type { CallDecision } from './authz';

export type ServiceName = 'iam' | 'sts' | 'cognito-idp' | 'cognito-identity' | 's3' | 'dynamodb' | 'lambda';
export type Protocol = 'json' | 'query' | 'rest-xml' | 'rest-json';

export interface ServiceCall {
  request: HttpRequest;
  /** The caller proved by a valid SigV4 signature; absent for an unsigned request. */
  caller?: Principal;
  /** The region of the signature's scope, else the endpoint's. */
  region: string;
  /** The caller's address (`aws:SourceIp`); `127.0.0.1` by default. */
  sourceIp: string;
  /** Whether the request came over TLS (`aws:SecureTransport`). */
  secure: boolean;
}

/** Something the learner should see that is not in the HTTP exchange (no mail: the code is shown). */
export interface Note {
  kind: 'confirmation-code' | 'temporary-password' | 'info';
  message: string;
  data?: Record<string, string>;
}

export interface Reply {
  response: HttpResponse;
  /** The operation as AWS names it (`AssumeRole`, `GetObject`, `InitiateAuth`), or `Unknown`. */
  operation: string;
  /** The engine's decision, when the operation asked one (the denial's trace is in it). */
  decision?: CallDecision;
  notes?: Note[];
}

export interface ServiceModule {
  name: ServiceName;
  protocol: Protocol;
  handle(call: ServiceCall, ctx: AwsContext): Promise<Reply>;
  /**
   * An authentication failure in this service's error shape (SigV4 checks happen before `handle`):
   * `code` is the generic kind; each service words it as AWS does.
   */
  authError(kind: AuthFailure, detail: string, ctx: AwsContext, request: HttpRequest, facts?: AuthFacts): HttpResponse;
}

/**
 * Why a signed request was refused: a wrong signature, a key nobody has (or a session token that
 * does not match), an expired session, no signature where one is needed, a malformed one, a
 * request time more than 15 minutes off the clock, a presigned URL past its expiry, or (S3) a body
 * that does not match its declared `x-amz-content-sha256`.
 */
export type AuthFailure =
  'signature' | 'unknown-key' | 'expired' | 'missing' | 'malformed' | 'skewed' | 'request-expired' | 'content-sha256';

/** The facts some services put in their authentication errors (S3's extra elements). */
export interface AuthFacts {
  accessKeyId?: string;
  stringToSign?: string;
  canonicalRequest?: string;
  signatureProvided?: string;
  /** ISO 8601 (`2026-01-01T12:00:00Z`). */
  requestTime?: string;
  serverTime?: string;
  /** Presigned: the `X-Amz-Expires` seconds and the expiry instant (ISO 8601). */
  expiresSeconds?: string;
  expires?: string;
  clientSha256?: string;
  computedSha256?: string;
}
