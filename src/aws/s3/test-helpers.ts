/**
 * For the S3 and DynamoDB tests: the default world's callers, a context that resolves the AWS
 * managed policies the default world attaches (AdministratorAccess, ReadOnlyAccess as their
 * essence), and a short way to send a request through a service's `handle`.
 */
import type { ManagedPolicy, World } from '../../world/types';
import { defaultWorld } from '../../world/default-world';
import type { AwsContext, Principal } from '../context';
import type { SimClock } from '../clock';
import type { HttpRequest } from '../http';
import { request, text } from '../http';
import type { Reply, ServiceModule } from '../service';
import { call, testContext, userPrincipal } from '../testing';

export const ACCT = '111122223333';

const MANAGED: Record<string, Record<string, unknown>> = {
  'arn:aws:iam::aws:policy/AdministratorAccess': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
  'arn:aws:iam::aws:policy/ReadOnlyAccess': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'dynamodb:Get*', 'dynamodb:Query'], Resource: '*' }],
  },
};

export function context(world: World = defaultWorld()): AwsContext & { clock: SimClock } {
  const ctx = testContext(world);
  ctx.managedPolicy = (arn) => {
    const doc = MANAGED[arn];
    if (!doc) return undefined;
    const p: ManagedPolicy = { arn, versions: [{ versionId: 'v1', document: doc }], defaultVersion: 'v1' };
    return p;
  };
  return ctx;
}

export const admin = userPrincipal(ACCT, 'admin');
export const alice = userPrincipal(ACCT, 'alice');
export const bob = userPrincipal(ACCT, 'bob');
export const root: Principal = {
  kind: 'root',
  arn: `arn:aws:iam::${ACCT}:root`,
  account: ACCT,
  userId: ACCT,
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
};

export interface Sent {
  reply: Reply;
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function send(
  service: ServiceModule,
  ctx: AwsContext,
  init: {
    method?: string;
    path?: string;
    query?: string;
    headers?: Record<string, string>;
    body?: string | Uint8Array;
  },
  caller?: Principal,
): Promise<Sent> {
  const req: HttpRequest = request(init);
  const reply = await service.handle(call(req, caller), ctx);
  return { reply, status: reply.response.status, headers: reply.response.headers, body: text(reply.response.body) };
}

/** XML text with its entities decoded. */
export function unxml(s: string): string {
  return s
    .split('&quot;')
    .join('"')
    .split('&apos;')
    .join("'")
    .split('&lt;')
    .join('<')
    .split('&gt;')
    .join('>')
    .split('&amp;')
    .join('&');
}

/** The text of the first `<tag>` element of an XML answer, or undefined. */
export function xmlText(xml: string, tag: string): string | undefined {
  const open = xml.indexOf(`<${tag}>`);
  if (open < 0) return undefined;
  const end = xml.indexOf(`</${tag}>`, open);
  return unxml(xml.slice(open + tag.length + 2, end));
}

/** Every `<tag>` element's text, in order. */
export function xmlAll(xml: string, tag: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const open = xml.indexOf(`<${tag}>`, at);
    if (open < 0) return out;
    const end = xml.indexOf(`</${tag}>`, open);
    out.push(unxml(xml.slice(open + tag.length + 2, end)));
    at = end;
  }
}
