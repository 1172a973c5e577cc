/**
 * S3's REST-XML errors: `<Error><Code>…</Code><Message>…</Message><RequestId>…</RequestId><HostId>…</HostId></Error>`,
 * with extra elements some codes carry (`<BucketName>`, `<Key>`, `<AWSAccessKeyId>`).
 */
import type { HttpResponse } from '../http';
import { response } from '../http';
import { el, xmlDocument } from './xml';

export function s3Error(
  code: string,
  message: string,
  requestId: string,
  status: number,
  extra: Record<string, string> = {},
  method = 'GET',
): HttpResponse {
  const headers = { 'content-type': 'application/xml', 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) };
  // A HEAD answer has no body: the SDK reads the status alone.
  if (method === 'HEAD') return response(status, headers, '');
  const body = xmlDocument(
    el('Error', [
      el('Code', code),
      el('Message', message),
      ...Object.entries(extra).map(([k, v]) => el(k, v)),
      el('RequestId', requestId),
      el('HostId', hostId(requestId)),
    ]),
  );
  return response(status, headers, body);
}

/** A stable `x-amz-id-2` for a request id. */
export function hostId(requestId: string): string {
  return btoa(requestId.replace(/-/g, '')).replace(/=+$/, '');
}
