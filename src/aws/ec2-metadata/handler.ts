/**
 * The EC2 instance metadata service (IMDS) of one instance, at `http://169.254.169.254`: plain
 * HTTP, no SigV4. IMDSv2 first asks for a session token with `PUT /latest/api/token` and the
 * header `X-aws-ec2-metadata-token-ttl-seconds` (1 to 21600 seconds), then sends it as
 * `X-aws-ec2-metadata-token` on every `GET`. IMDSv1 (a `GET` without a token) is answered only
 * when the instance's `HttpTokens` is `optional`; with `required` it gets `401`. A `PUT` carrying
 * `X-Forwarded-For` is refused (`403`), as the real service refuses token requests relayed by a
 * proxy. The role credentials under `iam/security-credentials/ROLE` are real temporary
 * credentials (`issueSession`), issued to `arn:aws:sts::ACCOUNT:assumed-role/ROLE/INSTANCE-ID`
 * and rotated: a new set is issued every hour, long before the old one (valid six hours)
 * expires; the service promises new credentials at least five minutes before the old expire.
 *
 * Errors are the service's short XHTML pages (`401 - Unauthorized`), `Content-Type: text/html`.
 * The simulator does not route this host: flows call `imdsHandle` and record the exchange.
 */
import type { HttpRequest, HttpResponse } from '../http';
import { response } from '../http';
import type { AwsContext } from '../context';
import type { Ec2Instance, Role } from '../../world/types';
import { roleArn } from '../../world/edit';
import { roleId } from '../iam/shapes';
import { issueSession } from '../sessions';
import type { TemporarySession } from '../sessions';
import { authorizeCall } from '../authz';
import type { CallDecision } from '../authz';
import { isoSeconds } from '../clock';
import { randomString, SECRET_CHARS } from '../random';

export const IMDS_HOST = '169.254.169.254';
export const TOKEN_PATH = '/latest/api/token';
export const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/';
export const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';
export const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
/** The longest token lifetime IMDSv2 grants: six hours. */
export const MAX_TOKEN_TTL = 21600;
/** How long one set of role credentials is valid. */
export const CREDENTIALS_SECONDS = 6 * 3600;
/** How old a set may get before IMDS hands out a new one. */
export const ROTATE_AFTER_SECONDS = 3600;
/** IMDS has new credentials ready at least this long before the old expire. */
export const REFRESH_BEFORE_EXPIRY_SECONDS = 5 * 60;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
};

interface TokenRecord {
  instanceArn: string;
  expires: number;
}

interface InstanceCredentials {
  session: TemporarySession;
  lastUpdated: number;
}

interface ImdsState {
  tokens: Map<string, TokenRecord>;
  credentials: Map<string, InstanceCredentials>;
}

/** IMDS keeps its tokens and current credentials per simulator state (they are not part of the world). */
const STATES = new WeakMap<object, ImdsState>();

function imdsState(ctx: AwsContext): ImdsState {
  let s = STATES.get(ctx.state);
  if (!s) STATES.set(ctx.state, (s = { tokens: new Map(), credentials: new Map() }));
  return s;
}

/** The service's error page for a status. */
export function errorPage(status: number): HttpResponse {
  const title = `${status} - ${REASONS[status] ?? 'Error'}`;
  const body = `<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
	"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
 <head>
  <title>${title}</title>
 </head>
 <body>
  <h1>${title}</h1>
 </body>
</html>
`;
  return response(status, { 'content-type': 'text/html', server: 'EC2ws', connection: 'close' }, body);
}

function textReply(body: string, extra: Record<string, string> = {}): HttpResponse {
  return response(200, { 'content-type': 'text/plain', server: 'EC2ws', ...extra }, body);
}

export function findInstance(ctx: AwsContext, instanceArn: string): Ec2Instance | undefined {
  return ctx.state.world.resources?.find((r): r is Ec2Instance => r.type === 'ec2-instance' && r.arn === instanceArn);
}

/** The role in the instance's profile (same account, named in the role's `instanceProfiles`). */
export function profileRole(ctx: AwsContext, instance: Ec2Instance): Role | undefined {
  const arn = instance.instanceProfile;
  if (!arn) return undefined;
  const account = arn.split(':')[4];
  const name = arn.slice(arn.lastIndexOf('/') + 1);
  return ctx.state.world.roles?.find((r) => r.account === account && (r.instanceProfiles ?? []).includes(name));
}

export function instanceIdOf(instanceArn: string): string {
  return instanceArn.slice(instanceArn.lastIndexOf('/') + 1);
}

/** Whether the EC2 service may take on the role for the instance (the role's trust policy, by the engine). */
export function ec2Trust(ctx: AwsContext, role: Role): CallDecision {
  return authorizeCall(ctx, { sourceIp: '127.0.0.1', secure: true }, 'sts:AssumeRole', roleArn(role), {
    principal: 'ec2.amazonaws.com',
  });
}

/** The instance's current credentials, issuing a new set when there is none or the current one is due. */
function currentCredentials(ctx: AwsContext, instance: Ec2Instance, role: Role): InstanceCredentials {
  const s = imdsState(ctx);
  const now = ctx.clock.now();
  const held = s.credentials.get(instance.arn);
  const due =
    !held ||
    now >= held.lastUpdated + ROTATE_AFTER_SECONDS * 1000 ||
    now >= held.session.expiration - REFRESH_BEFORE_EXPIRY_SECONDS * 1000;
  if (!due) return held;
  const instanceId = instanceIdOf(instance.arn);
  const session = issueSession(ctx, {
    kind: 'assumed-role',
    arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${instanceId}`,
    account: role.account,
    userId: `${roleId(role)}:${instanceId}`,
    roleArn: roleArn(role),
    facts: {},
    context: { 'ec2:SourceInstanceARN': instance.arn },
    durationSeconds: CREDENTIALS_SECONDS,
  });
  const fresh = { session, lastUpdated: now };
  s.credentials.set(instance.arn, fresh);
  return fresh;
}

function credentialsJson(c: InstanceCredentials): string {
  // The real service writes `"Key" : "value"`, one per line.
  const fields: [string, string][] = [
    ['Code', 'Success'],
    ['LastUpdated', isoSeconds(c.lastUpdated)],
    ['Type', 'AWS-HMAC'],
    ['AccessKeyId', c.session.accessKeyId],
    ['SecretAccessKey', c.session.secretAccessKey],
    ['Token', c.session.sessionToken],
    ['Expiration', isoSeconds(c.session.expiration)],
  ];
  return `{\n${fields.map(([k, v]) => `  "${k}" : ${JSON.stringify(v)}`).join(',\n')}\n}`;
}

function putToken(ctx: AwsContext, instanceArn: string, req: HttpRequest): HttpResponse {
  if (req.path !== TOKEN_PATH) return errorPage(404);
  if (req.headers['x-forwarded-for'] !== undefined) return errorPage(403);
  const raw = req.headers[TTL_HEADER];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return errorPage(400);
  const ttl = Number(raw.trim());
  if (ttl < 1 || ttl > MAX_TOKEN_TTL) return errorPage(400);
  const token = `AQAEA${randomString(ctx.random, SECRET_CHARS, 51)}==`;
  imdsState(ctx).tokens.set(token, { instanceArn, expires: ctx.clock.now() + ttl * 1000 });
  return textReply(token, { [TTL_HEADER]: String(ttl) });
}

/** Whether the GET may be answered: a valid token for this instance, or IMDSv1 on an `optional` instance. */
function tokenCheck(
  ctx: AwsContext,
  instance: Ec2Instance,
  req: HttpRequest,
): { ok: true; ttlLeft?: number } | { ok: false } {
  const token = req.headers[TOKEN_HEADER];
  if (token === undefined) return instance.httpTokens === 'optional' ? { ok: true } : { ok: false };
  const record = imdsState(ctx).tokens.get(token);
  const now = ctx.clock.now();
  if (!record || record.instanceArn !== instance.arn || record.expires <= now) return { ok: false };
  return { ok: true, ttlLeft: Math.max(1, Math.floor((record.expires - now) / 1000)) };
}

/** Answers one request to the metadata service of the instance `instanceArn`. */
export function imdsHandle(ctx: AwsContext, instanceArn: string, req: HttpRequest): HttpResponse {
  const instance = findInstance(ctx, instanceArn);
  if (!instance) return errorPage(404);
  if (req.method === 'PUT') return putToken(ctx, instanceArn, req);
  if (req.method !== 'GET') return errorPage(405);
  const check = tokenCheck(ctx, instance, req);
  if (!check.ok) return errorPage(401);
  const extra: Record<string, string> = check.ttlLeft !== undefined ? { [TTL_HEADER]: String(check.ttlLeft) } : {};
  const path = req.path;
  if (path === '/latest/meta-data/instance-id') return textReply(instanceIdOf(instance.arn), extra);
  const role = profileRole(ctx, instance);
  const trusted = role ? ec2Trust(ctx, role).allowed : false;
  if (path === CREDENTIALS_PATH) return role && trusted ? textReply(role.name, extra) : errorPage(404);
  if (path.startsWith(CREDENTIALS_PATH)) {
    const name = decodeURIComponent(path.slice(CREDENTIALS_PATH.length));
    if (!role || !trusted || name !== role.name) return errorPage(404);
    return textReply(credentialsJson(currentCredentials(ctx, instance, role)), extra);
  }
  if (path === '/latest/meta-data/iam/info') {
    if (!role || !trusted) return errorPage(404);
    const c = currentCredentials(ctx, instance, role);
    const body = [
      ['Code', 'Success'],
      ['LastUpdated', isoSeconds(c.lastUpdated)],
      ['InstanceProfileArn', instance.instanceProfile!],
      ['InstanceProfileId', `AIPA${roleId(role).slice(4, 21)}`],
    ];
    return textReply(`{\n${body.map(([k, v]) => `  "${k}" : ${JSON.stringify(v)}`).join(',\n')}\n}`, extra);
  }
  return errorPage(404);
}

/** A request to IMDS as an SDK or `curl` on the instance sends it. */
export function imdsRequest(method: 'GET' | 'PUT', path: string, headers: Record<string, string> = {}): HttpRequest {
  const h: Record<string, string> = { host: IMDS_HOST, 'user-agent': 'aws-sdk-js/3 iam-playground-flows' };
  for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
  return { method, path, query: '', headers: h, body: new Uint8Array() };
}
