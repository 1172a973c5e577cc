/**
 * Which service a request is for, on one endpoint for all of them (as `iamplay serve` offers):
 * the `X-Amz-Target` prefix for the JSON services, the service of the signature's credential scope,
 * the JWKS path of a user pool, the unsigned STS actions, and S3 for the rest (S3 takes anonymous
 * requests).
 */
import type { HttpRequest } from './http';
import { text } from './http';
import type { ServiceName } from './service';

const TARGETS: [string, ServiceName][] = [
  ['AWSCognitoIdentityProviderService.', 'cognito-idp'],
  ['AWSCognitoIdentityService.', 'cognito-identity'],
  ['DynamoDB_20120810.', 'dynamodb'],
];
const SCOPE_SERVICES = new Set<string>(['iam', 'sts', 's3', 'dynamodb', 'cognito-idp', 'cognito-identity', 'lambda']);
/** Lambda's REST paths (`/2015-03-31/functions/…`). */
const LAMBDA_PATH = '/2015-03-31/functions/';
const CREDENTIAL_RE = /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request/;
const JWKS_RE = /^\/[\w-]+_[0-9a-zA-Z]+\/\.well-known\/(jwks\.json|openid-configuration)$/;
const UNSIGNED_STS = new Set(['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML']);

/** The service of the credential scope of a signed request, from the header or a presigned query. */
export function scopeService(req: HttpRequest): string | undefined {
  const auth = req.headers['authorization'];
  if (auth) return CREDENTIAL_RE.exec(auth)?.[1];
  const cred = new URLSearchParams(req.query).get('X-Amz-Credential');
  return cred?.split('/')[3];
}

export function route(req: HttpRequest): ServiceName {
  const target = req.headers['x-amz-target'];
  if (target) for (const [prefix, name] of TARGETS) if (target.startsWith(prefix)) return name;
  const scoped = scopeService(req);
  if (scoped && SCOPE_SERVICES.has(scoped)) return scoped as ServiceName;
  if (req.method === 'GET' && JWKS_RE.test(req.path)) return 'cognito-idp';
  if (req.path.startsWith(LAMBDA_PATH) && !req.headers['host']?.includes('.s3.')) return 'lambda';
  const type = req.headers['content-type'] ?? '';
  if (req.method === 'POST' && req.path === '/' && type.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(text(req.body));
    const action = params.get('Action') ?? '';
    if (UNSIGNED_STS.has(action) || params.get('Version') === '2011-06-15') return 'sts';
    if (params.get('Version') === '2010-05-08') return 'iam';
  }
  return 's3';
}
