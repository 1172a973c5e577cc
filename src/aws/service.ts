/**
 * The shape of one simulated service: a handler from a call (the HTTP request, the caller the
 * signature proved, the transport) to a reply (the HTTP response, the operation's name, the
 * engine's decision when one was asked, and notes for the app and the serve log).
 */
import type { HttpRequest, HttpResponse } from './http';
import type { AwsContext, Principal } from './context';
import type { CallDecision } from './authz';

export type ServiceName = 'iam' | 'sts' | 'cognito-idp' | 'cognito-identity' | 's3' | 'dynamodb';
export type Protocol = 'json' | 'query' | 'rest-xml';

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
  authError(
    kind: 'signature' | 'unknown-key' | 'expired' | 'missing' | 'malformed',
    detail: string,
    ctx: AwsContext,
    request: HttpRequest,
  ): HttpResponse;
}
