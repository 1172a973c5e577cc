/**
 * Signs a request as an AWS SDK does (Signature Version 4, the `Authorization` header), for the
 * callers inside the app: the flows' browser, EC2 and Lambda actors sign their calls with the
 * credentials they hold, and the simulator checks them with the same code that checks the real
 * SDK's. Pure and synchronous.
 */
import type { HttpRequest } from '../http';
import {
  ALGORITHM,
  canonicalRequest,
  credentialScope,
  sha256Hex,
  signatureOf,
  signingKey,
  stringToSign,
} from './sigv4';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** `20150830T123600Z` of a time in milliseconds. */
export function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * A copy of `req` with `host`, `x-amz-date`, `x-amz-content-sha256` (S3), `x-amz-security-token`
 * (temporary credentials) and `authorization` set, signing every header it carries.
 */
export function signRequest(
  req: HttpRequest,
  credentials: SigningCredentials,
  scope: { service: string; region: string; now: number; host?: string },
): HttpRequest {
  const date = amzDate(scope.now);
  const headers: Record<string, string> = { ...req.headers };
  delete headers['authorization'];
  headers['host'] ??= scope.host ?? `${scope.service}.${scope.region}.amazonaws.com`;
  headers['x-amz-date'] = date;
  const payloadHash = sha256Hex(req.body);
  if (scope.service === 's3') headers['x-amz-content-sha256'] = payloadHash;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const signedHeaders = Object.keys(headers)
    .map((h) => h.toLowerCase())
    .sort();
  const canonical = canonicalRequest(
    { ...req, headers },
    { service: scope.service, signedHeaders, payloadHash, via: 'header' },
  );
  const credScope = credentialScope(date.slice(0, 8), scope.region, scope.service);
  const signature = signatureOf(
    signingKey(credentials.secretAccessKey, date.slice(0, 8), scope.region, scope.service),
    stringToSign(date, credScope, canonical),
  );
  headers['authorization'] =
    `${ALGORITHM} Credential=${credentials.accessKeyId}/${credScope}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
  return { ...req, headers };
}
