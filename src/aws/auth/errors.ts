/**
 * Authentication failures worded as each protocol's services word them (the codes, messages and
 * HTTP statuses of the services' Common Errors pages and of what the real endpoints answer):
 *
 * - Query (IAM, STS): `SignatureDoesNotMatch` 403, `InvalidClientTokenId` 403, `ExpiredToken` 400,
 *   `MissingAuthenticationToken` 403, `IncompleteSignature` 400; a skewed clock is a
 *   `SignatureDoesNotMatch` whose message says "Signature expired: …".
 * - JSON (Cognito, DynamoDB): `InvalidSignatureException`, `UnrecognizedClientException`,
 *   `ExpiredTokenException`, `MissingAuthenticationTokenException`, `IncompleteSignatureException`,
 *   all 400 (DynamoDB prefixes its types with `com.amazon.coral.service#`, as it does on the wire).
 * - S3: `SignatureDoesNotMatch` 403, `InvalidAccessKeyId` 403 (with `<AWSAccessKeyId>`),
 *   `ExpiredToken` 400, `RequestTimeTooSkewed` 403, `AccessDenied` "Request has expired" 403,
 *   `AuthorizationHeaderMalformed` / `AuthorizationQueryParametersError` 400,
 *   `XAmzContentSHA256Mismatch` 400.
 */
import type { HttpRequest, HttpResponse } from '../http';
import type { AwsContext } from '../context';
import type { AuthFacts, AuthFailure } from '../service';
import { queryError } from '../protocol/query';
import type { JsonVersion } from '../protocol/json';
import { jsonError } from '../protocol/json';
import { s3Error } from '../protocol/rest-xml';

export const SIGNATURE_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';
export const MISSING_TOKEN_MESSAGE = 'Request is missing Authentication Token';
export const S3_SIGNATURE_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

export function queryAuthError(
  service: 'iam' | 'sts',
  kind: AuthFailure,
  detail: string,
  ctx: AwsContext,
): HttpResponse {
  const id = ctx.requestId();
  switch (kind) {
    case 'signature':
      return queryError(service, 'SignatureDoesNotMatch', SIGNATURE_MESSAGE, id, 403);
    case 'skewed':
    case 'request-expired':
      return queryError(service, 'SignatureDoesNotMatch', detail, id, 403);
    case 'unknown-key':
      return queryError(service, 'InvalidClientTokenId', INVALID_TOKEN_MESSAGE, id, 403);
    case 'expired':
      return queryError(service, 'ExpiredToken', EXPIRED_TOKEN_MESSAGE, id, 400);
    case 'missing':
      return queryError(service, 'MissingAuthenticationToken', MISSING_TOKEN_MESSAGE, id, 403);
    case 'malformed':
    case 'content-sha256':
      return queryError(service, 'IncompleteSignature', detail, id, 400);
  }
}

export function jsonAuthError(
  kind: AuthFailure,
  detail: string,
  ctx: AwsContext,
  version: JsonVersion,
  typePrefix = '',
): HttpResponse {
  const id = ctx.requestId();
  const err = (type: string, message: string) => jsonError(typePrefix + type, message, id, 400, version);
  switch (kind) {
    case 'signature':
      return err('InvalidSignatureException', SIGNATURE_MESSAGE);
    case 'skewed':
    case 'request-expired':
      return err('InvalidSignatureException', detail);
    case 'unknown-key':
      return err('UnrecognizedClientException', INVALID_TOKEN_MESSAGE);
    case 'expired':
      return err('ExpiredTokenException', EXPIRED_TOKEN_MESSAGE);
    case 'missing':
      return err('MissingAuthenticationTokenException', MISSING_TOKEN_MESSAGE);
    case 'malformed':
    case 'content-sha256':
      return err('IncompleteSignatureException', detail);
  }
}

export function s3AuthError(
  kind: AuthFailure,
  detail: string,
  ctx: AwsContext,
  request: HttpRequest,
  facts: AuthFacts = {},
): HttpResponse {
  const id = ctx.requestId();
  const key: Record<string, string> = facts.accessKeyId !== undefined ? { AWSAccessKeyId: facts.accessKeyId } : {};
  const presigned = request.headers['authorization'] === undefined;
  switch (kind) {
    case 'signature':
      return s3Error(
        'SignatureDoesNotMatch',
        S3_SIGNATURE_MESSAGE,
        id,
        403,
        {
          ...key,
          ...(facts.stringToSign !== undefined ? { StringToSign: facts.stringToSign } : {}),
          ...(facts.signatureProvided !== undefined ? { SignatureProvided: facts.signatureProvided } : {}),
          ...(facts.canonicalRequest !== undefined ? { CanonicalRequest: facts.canonicalRequest } : {}),
        },
        request.method,
      );
    case 'unknown-key':
      return s3Error(
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
        id,
        403,
        key,
        request.method,
      );
    case 'expired':
      return s3Error('ExpiredToken', 'The provided token has expired.', id, 400, {}, request.method);
    case 'skewed':
      return s3Error(
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
        id,
        403,
        {
          ...(facts.requestTime !== undefined ? { RequestTime: facts.requestTime } : {}),
          ...(facts.serverTime !== undefined ? { ServerTime: facts.serverTime } : {}),
          MaxAllowedSkewMilliseconds: '900000',
        },
        request.method,
      );
    case 'request-expired':
      return s3Error(
        'AccessDenied',
        'Request has expired',
        id,
        403,
        {
          ...(facts.expiresSeconds !== undefined ? { 'X-Amz-Expires': facts.expiresSeconds } : {}),
          ...(facts.expires !== undefined ? { Expires: facts.expires } : {}),
          ...(facts.serverTime !== undefined ? { ServerTime: facts.serverTime } : {}),
        },
        request.method,
      );
    case 'missing':
      return s3Error('AccessDenied', 'Access Denied', id, 403, {}, request.method);
    case 'malformed':
      return presigned
        ? s3Error('AuthorizationQueryParametersError', detail, id, 400, {}, request.method)
        : s3Error(
            'AuthorizationHeaderMalformed',
            `The authorization header is malformed; ${detail}`,
            id,
            400,
            {},
            request.method,
          );
    case 'content-sha256':
      return s3Error(
        'XAmzContentSHA256Mismatch',
        "The provided 'x-amz-content-sha256' header does not match what was computed.",
        id,
        400,
        {
          ...(facts.clientSha256 !== undefined ? { ClientComputedContentSHA256: facts.clientSha256 } : {}),
          ...(facts.computedSha256 !== undefined ? { S3ComputedContentSHA256: facts.computedSha256 } : {}),
        },
        request.method,
      );
  }
}
