/**
 * The AWS Query protocol (IAM `2010-05-08`, STS `2011-06-15`): a form-encoded POST (or a GET with
 * the same parameters in the query string) with `Action` and `Version`; answers are XML
 * `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata><RequestId>…`; errors are
 * `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code><Message>…</Message></Error><RequestId>…`.
 * Lists are `Name.member.1`, `Name.member.2`; maps `Tags.member.1.Key` / `.Value`.
 */
import type { HttpRequest, HttpResponse } from '../http';
import { response, text } from '../http';
import { el, xmlDocument } from './xml';
import type { XmlNode } from './xml';

export const XMLNS = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
} as const;

/** The parameters of a Query request: the query string, then the form body (POST). */
export function queryParams(req: HttpRequest): Map<string, string> {
  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(req.query)) params.set(k, v);
  const type = req.headers['content-type'] ?? '';
  if (req.method === 'POST' && (type === '' || type.startsWith('application/x-www-form-urlencoded'))) {
    for (const [k, v] of new URLSearchParams(text(req.body))) params.set(k, v);
  }
  return params;
}

/** `Prefix.member.1`, `Prefix.member.2`, … in order, stopping at the first gap. */
export function memberList(params: Map<string, string>, prefix: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${prefix}.member.${i}`); i++) out.push(params.get(`${prefix}.member.${i}`)!);
  return out;
}

/** `Prefix.member.N.Key` / `.Value` pairs (tags) in order. */
export function memberPairs(
  params: Map<string, string>,
  prefix: string,
  key = 'Key',
  value = 'Value',
): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 1; params.has(`${prefix}.member.${i}.${key}`); i++) {
    out.push([params.get(`${prefix}.member.${i}.${key}`)!, params.get(`${prefix}.member.${i}.${value}`) ?? '']);
  }
  return out;
}

export function queryReply(
  service: keyof typeof XMLNS,
  action: string,
  result: XmlNode,
  requestId: string,
): HttpResponse {
  const body = xmlDocument(
    el(
      `${action}Response`,
      [
        result === undefined ? undefined : el(`${action}Result`, result),
        el('ResponseMetadata', el('RequestId', requestId)),
      ],
      { xmlns: XMLNS[service] },
    ),
  );
  return response(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body);
}

export function queryError(
  service: keyof typeof XMLNS,
  code: string,
  message: string,
  requestId: string,
  status = 400,
  type: 'Sender' | 'Receiver' = 'Sender',
): HttpResponse {
  const body = xmlDocument(
    el(
      'ErrorResponse',
      [el('Error', [el('Type', type), el('Code', code), el('Message', message)]), el('RequestId', requestId)],
      { xmlns: XMLNS[service] },
    ),
  );
  return response(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body);
}
