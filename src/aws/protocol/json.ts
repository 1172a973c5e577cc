/**
 * The JSON protocols (cognito-idp and cognito-identity speak `application/x-amz-json-1.1`,
 * DynamoDB `application/x-amz-json-1.0`): a POST with `X-Amz-Target: Prefix.Operation`, a JSON
 * body, a JSON answer, and errors as `{"__type": "...", "message": "..."}` with `x-amzn-errortype`.
 */
import type { HttpRequest, HttpResponse } from '../http';
import { response, text } from '../http';

export type JsonVersion = '1.0' | '1.1';

export function jsonReply(body: unknown, requestId: string, version: JsonVersion = '1.1', status = 200): HttpResponse {
  return response(
    status,
    { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-requestid': requestId },
    JSON.stringify(body ?? {}),
  );
}

/** An error of a JSON-protocol service: HTTP 400 unless told, `__type` and `message`. */
export function jsonError(
  type: string,
  message: string,
  requestId: string,
  status = 400,
  version: JsonVersion = '1.1',
): HttpResponse {
  return response(
    status,
    {
      'content-type': `application/x-amz-json-${version}`,
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': type,
    },
    JSON.stringify({ __type: type, message }),
  );
}

/** The operation of an `X-Amz-Target` header with the given prefix, or undefined. */
export function targetOperation(req: HttpRequest, prefix: string): string | undefined {
  const t = req.headers['x-amz-target'];
  if (!t || !t.startsWith(`${prefix}.`)) return undefined;
  return t.slice(prefix.length + 1);
}

/** The body as a JSON object; an empty body is `{}`; anything else that is not an object is an error. */
export function jsonBody(
  req: HttpRequest,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  const raw = text(req.body).trim();
  if (raw === '') return { ok: true, value: {} };
  try {
    const v: unknown = JSON.parse(raw);
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      return { ok: false, message: 'the body is not a JSON object' };
    return { ok: true, value: v as Record<string, unknown> };
  } catch {
    return { ok: false, message: 'the body is not valid JSON' };
  }
}
