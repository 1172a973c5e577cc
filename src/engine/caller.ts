/**
 * Turns the principal string of a request into a `Caller`: an IAM user, a role or a role session,
 * a federated user, an account (root), an AWS service principal, a web-identity or SAML provider,
 * or the anonymous caller. Malformed ARNs are answered with a finding, never an exception.
 *
 * ARN formats: IAM User Guide, "IAM identifiers" (reference_identifiers).
 */
import type { Finding, Result } from './diagnostics';
import type { Caller } from './evaluate/types';
import { splitArn } from './arn';

const ACCOUNT_RE = /^\d{12}$/;
const PARTITIONS = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);
/** Web identity providers that appear as `Federated` principals without an ARN. */
const WEB_IDENTITY_PROVIDERS = new Set([
  'cognito-identity.amazonaws.com',
  'cognito-identity.amazonaws.com.cn',
  'accounts.google.com',
  'graph.facebook.com',
  'www.amazon.com',
  'appleid.apple.com',
]);
const SERVICE_RE = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
const CANONICAL_RE = /^[0-9a-f]{64}$/;
const MAX_PRINCIPAL = 2048;

/** Extra facts about a caller that the principal string cannot carry (the world model knows them). */
export interface CallerFacts {
  /** The full role ARN (with its path) of an assumed-role session; the session ARN drops the path. */
  roleArn?: string;
}

function fail(principal: string, message: string, help?: string): Result<Caller> {
  const len = Math.min(principal.length, MAX_PRINCIPAL);
  const finding: Finding = {
    code: 'evaluate.request.principal',
    severity: 'ERROR',
    message,
    range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: len + 1, offset: len } },
  };
  if (help) finding.help = help;
  return { ok: false, errors: [finding] };
}

function show(text: string): string {
  const cut = text.length > 120 ? `${text.slice(0, 120)}…` : text;
  return `\`${cut.replace(/`/g, "'")}\``;
}

const FORMS_HELP =
  'write `anonymous`, an account id (`111122223333`), `arn:aws:iam::111122223333:root`, a user ARN ' +
  '(`arn:aws:iam::111122223333:user/alice`), a role ARN, a role session ARN ' +
  '(`arn:aws:sts::111122223333:assumed-role/ROLE/SESSION`), a federated user ARN, or a service principal (`ec2.amazonaws.com`)';

/** Parses a request's principal. */
export function parseCaller(principal: string, facts: CallerFacts = {}): Result<Caller> {
  if (typeof principal !== 'string' || principal.length === 0) {
    return fail('', 'the request has no principal', FORMS_HELP);
  }
  if (principal.length > MAX_PRINCIPAL)
    return fail(principal, `the principal is longer than ${MAX_PRINCIPAL} characters`);
  if (principal === 'anonymous' || principal === '*') return { ok: true, value: { kind: 'anonymous', arn: '' } };
  if (ACCOUNT_RE.test(principal)) {
    return { ok: true, value: { kind: 'account', arn: `arn:aws:iam::${principal}:root`, account: principal } };
  }
  if (CANONICAL_RE.test(principal)) {
    return { ok: true, value: { kind: 'account', arn: principal, canonicalUser: principal } };
  }
  if (WEB_IDENTITY_PROVIDERS.has(principal)) {
    return { ok: true, value: { kind: 'web-identity', arn: principal, provider: principal } };
  }
  if (SERVICE_RE.test(principal)) return { ok: true, value: { kind: 'service', arn: principal, service: principal } };
  if (!principal.startsWith('arn:')) {
    return fail(principal, `${show(principal)} is not a principal`, FORMS_HELP);
  }
  const parts = splitArn(principal);
  if (!parts)
    return fail(
      principal,
      `${show(principal)} is not a valid ARN`,
      'an ARN has six parts: `arn:partition:service:region:account:resource`',
    );
  const [, partition, service, region, account, resource] = parts;
  if (!PARTITIONS.has(partition))
    return fail(principal, `${show(partition)} is not an AWS partition`, 'use `aws`, `aws-cn` or `aws-us-gov`');
  if (service !== 'iam' && service !== 'sts') {
    return fail(
      principal,
      `${show(principal)} is not an IAM or STS principal`,
      'principals are ARNs of the `iam` or `sts` service',
    );
  }
  if (region !== '')
    return fail(principal, `the principal ${show(principal)} has a region; IAM and STS ARNs have none`);
  if (!ACCOUNT_RE.test(account)) return fail(principal, `${show(account)} is not a 12-digit account id`);
  const slash = resource.indexOf('/');
  const type = slash < 0 ? resource : resource.slice(0, slash);
  const rest = slash < 0 ? '' : resource.slice(slash + 1);
  const name = rest.slice(rest.lastIndexOf('/') + 1);
  if (service === 'iam') {
    if (resource === 'root') return { ok: true, value: { kind: 'account', arn: principal, account } };
    if ((type === 'user' || type === 'role') && name !== '' && !rest.startsWith('/')) {
      if (type === 'user') return { ok: true, value: { kind: 'user', arn: principal, account } };
      return { ok: true, value: { kind: 'role', arn: principal, account, roleArn: principal } };
    }
    if (type === 'group')
      return fail(
        principal,
        `a group cannot be a principal: ${show(principal)}`,
        'groups hold policies for users; requests come from users, roles and sessions',
      );
    if (type === 'oidc-provider' && rest !== '')
      return { ok: true, value: { kind: 'web-identity', arn: principal, account, provider: principal } };
    if (type === 'saml-provider' && name !== '')
      return { ok: true, value: { kind: 'saml', arn: principal, account, provider: principal } };
    return fail(principal, `${show(principal)} is not a user, role, provider or root ARN`, FORMS_HELP);
  }
  // sts
  if (type === 'assumed-role') {
    const cut = rest.indexOf('/');
    const roleName = cut < 0 ? '' : rest.slice(0, cut);
    const session = cut < 0 ? '' : rest.slice(cut + 1);
    if (roleName === '' || session === '' || session.includes('/')) {
      return fail(
        principal,
        `${show(principal)} is not a role session ARN`,
        'a role session ARN is `arn:aws:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION-NAME`',
      );
    }
    const roleArn = facts.roleArn ?? `arn:${partition}:iam::${account}:role/${roleName}`;
    return { ok: true, value: { kind: 'assumed-role', arn: principal, account, roleArn } };
  }
  if (type === 'federated-user' && rest !== '' && !rest.includes('/')) {
    return { ok: true, value: { kind: 'federated-user', arn: principal, account } };
  }
  return fail(principal, `${show(principal)} is not a role session or federated user ARN`, FORMS_HELP);
}

/** The session name of an assumed-role caller, or the name of a federated user. */
export function sessionName(caller: Caller): string | undefined {
  if (caller.kind !== 'assumed-role' && caller.kind !== 'federated-user') return undefined;
  return caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
}

/** The IAM user name (without path) of a user caller. */
export function userName(caller: Caller): string | undefined {
  if (caller.kind !== 'user') return undefined;
  return caller.arn.slice(caller.arn.lastIndexOf('/') + 1);
}

/** True for a service-linked role or its sessions (path `/aws-service-role/`): SCPs and RCPs do not apply. */
export function isServiceLinkedRole(caller: Caller): boolean {
  return caller.roleArn !== undefined && caller.roleArn.includes(':role/aws-service-role/');
}
