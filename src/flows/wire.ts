/**
 * The requests a flow's app sends, built as the AWS SDK v3 builds them: each service's endpoint
 * host, protocol headers and body, and (when credentials are given) a SigV4 signature. What the
 * learner sees in a flow is exactly what these put on the wire.
 */
import type { HttpRequest } from '../aws/http';
import { request } from '../aws/http';
import { signRequest } from '../aws/auth/sigv4';
import type { SigningCredentials } from '../aws/auth/sigv4';

export type { SigningCredentials };

export interface SignWith {
  credentials: SigningCredentials;
  /** The request time (ms), from the flow's simulated clock. */
  now: number;
  region: string;
}

const USER_AGENT = 'aws-sdk-js/3 iam-playground-flows';

function sign(req: HttpRequest, service: string, s: SignWith | undefined): HttpRequest {
  return s ? signRequest(req, s.credentials, { service, region: s.region, now: s.now }) : req;
}

/** A Cognito user pools call (`AWSCognitoIdentityProviderService.<op>`, JSON 1.1); public ops go unsigned. */
export function cognitoIdp(op: string, body: unknown, region: string, s?: SignWith): HttpRequest {
  return sign(
    request({
      method: 'POST',
      path: '/',
      headers: {
        host: `cognito-idp.${region}.amazonaws.com`,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${op}`,
        'x-amz-user-agent': USER_AGENT,
      },
      body: JSON.stringify(body),
    }),
    'cognito-idp',
    s,
  );
}

/** A Cognito identity pools call (`AWSCognitoIdentityService.<op>`, JSON 1.1). */
export function cognitoIdentity(op: string, body: unknown, region: string, s?: SignWith): HttpRequest {
  return sign(
    request({
      method: 'POST',
      path: '/',
      headers: {
        host: `cognito-identity.${region}.amazonaws.com`,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityService.${op}`,
        'x-amz-user-agent': USER_AGENT,
      },
      body: JSON.stringify(body),
    }),
    'cognito-identity',
    s,
  );
}

function form(params: Record<string, string | undefined>): string {
  return Object.entries(params)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** An STS Query call (`Action=…&Version=2011-06-15`); AssumeRoleWithWebIdentity goes unsigned. */
export function sts(
  action: string,
  params: Record<string, string | undefined>,
  region: string,
  s?: SignWith,
): HttpRequest {
  return sign(
    request({
      method: 'POST',
      path: '/',
      headers: {
        host: `sts.${region}.amazonaws.com`,
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-amz-user-agent': USER_AGENT,
      },
      body: form({ Action: action, Version: '2011-06-15', ...params }),
    }),
    'sts',
    s,
  );
}

/** An IAM Query call (`Version=2010-05-08`, the global endpoint, signed for us-east-1). */
export function iam(action: string, params: Record<string, string | undefined>, s?: SignWith): HttpRequest {
  return sign(
    request({
      method: 'POST',
      path: '/',
      headers: {
        host: 'iam.amazonaws.com',
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-amz-user-agent': USER_AGENT,
      },
      body: form({ Action: action, Version: '2010-05-08', ...params }),
    }),
    'iam',
    s && { ...s, region: 'us-east-1' },
  );
}

/** S3 keys are sent with each segment percent-encoded, slashes kept. */
function keyPath(key: string): string {
  return key
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** An S3 REST call, virtual-hosted style (`BUCKET.s3.REGION.amazonaws.com/KEY`); unsigned when anonymous. */
export function s3(
  method: string,
  bucket: string,
  key: string,
  region: string,
  s?: SignWith,
  extra: { query?: string; body?: string; headers?: Record<string, string> } = {},
): HttpRequest {
  return sign(
    request({
      method,
      path: `/${keyPath(key)}`,
      query: extra.query ?? '',
      headers: { host: `${bucket}.s3.${region}.amazonaws.com`, 'x-amz-user-agent': USER_AGENT, ...extra.headers },
      body: extra.body,
    }),
    's3',
    s,
  );
}

/** A DynamoDB call (`DynamoDB_20120810.<op>`, JSON 1.0), signed. */
export function dynamodb(op: string, body: unknown, region: string, s: SignWith): HttpRequest {
  return sign(
    request({
      method: 'POST',
      path: '/',
      headers: {
        host: `dynamodb.${region}.amazonaws.com`,
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${op}`,
        'x-amz-user-agent': USER_AGENT,
      },
      body: JSON.stringify(body),
    }),
    'dynamodb',
    s,
  );
}

/** The JSON body of an exchange's response (undefined when it is not JSON). */
export function jsonOf(body: Uint8Array): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(new TextDecoder().decode(body));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The AWS error code and message of a failed response, in any of the services' shapes. */
export function errorOf(res: {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}): { code: string; message: string } | undefined {
  if (res.status < 400) return undefined;
  const raw = new TextDecoder().decode(res.body);
  const json = jsonOf(res.body);
  if (json) {
    const type = String(json['__type'] ?? res.headers['x-amzn-errortype'] ?? 'Error');
    const code = type.slice(type.lastIndexOf('#') + 1).split(':')[0]!;
    return { code, message: String(json['message'] ?? json['Message'] ?? '') };
  }
  const code = /<Code>([^<]*)<\/Code>/.exec(raw)?.[1] ?? `HTTP ${res.status}`;
  const message = /<Message>([^<]*)<\/Message>/.exec(raw)?.[1] ?? raw.slice(0, 200);
  return { code, message: unescapeXml(message) };
}

/** The text of the first `<Name>…</Name>` element of an XML body. */
export function xmlValue(body: Uint8Array, name: string): string | undefined {
  const raw = new TextDecoder().decode(body);
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(raw);
  return m ? unescapeXml(m[1]!) : undefined;
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
