/**
 * Fills the request context a real AWS request carries (IAM User Guide, "AWS global condition
 * context keys"), from the caller and the resource, unless the caller gives the key: a key the
 * caller sets always wins; a key that does not apply stays absent (absence is meaningful for
 * `…IfExists`, `Null` and the set operators).
 */
import type { ContextValue } from './model';
import type { Caller, Context } from './evaluate/types';
import { sessionName, userName } from './caller';
import { parseDate } from './evaluate/date';
import { arnAccount, arnRegion } from './arn';

export interface ContextFacts {
  /** The account that owns the resource (`aws:ResourceAccount`). */
  resourceAccount?: string;
  /** Tags of the IAM user or role (`aws:PrincipalTag/*`). */
  principalTags?: Record<string, string>;
  /** Session tags: override principal tags with the same key. */
  sessionTags?: Record<string, string>;
  /** Tags on the resource (`aws:ResourceTag/*`). */
  resourceTags?: Record<string, string>;
  /** The caller's organization id (`aws:PrincipalOrgID`) and its path (`aws:PrincipalOrgPaths`). */
  principalOrgId?: string;
  principalOrgPath?: string;
  /** The resource owner's organization id (`aws:ResourceOrgID`) and path (`aws:ResourceOrgPaths`). */
  resourceOrgId?: string;
  resourceOrgPath?: string;
  /** Unique id of the user or role (AIDA…/AROA…); derived from the ARN when absent. */
  uniqueId?: string;
  /** Whether the session was created with MFA (temporary credentials only). */
  mfa?: boolean;
  /** The request time, in milliseconds since the epoch (default: now). */
  now?: number;
  /** When the session's credentials were issued, in milliseconds (default: `now`). */
  tokenIssued?: number;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable, AWS-shaped unique id (`AIDA…`, `AROA…`) derived from an ARN when the world gives none. */
export function derivedUniqueId(prefix: 'AIDA' | 'AROA', arn: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < arn.length; i++) {
    const c = arn.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  let out = prefix;
  for (let i = 0; i < 17; i++) {
    const word = i < 8 ? h1 : h2;
    out += ID_ALPHABET[(word >>> ((i % 6) * 5)) & 31];
    if (i === 7) h1 = Math.imul(h1 ^ h2, 0x01000193) >>> 0;
  }
  return out;
}

/** The account of a resource ARN, if it has one (the ARN module's; kept here for existing importers). */
export { arnAccount };

/** `aws:PrincipalType` values (IAM User Guide, aws:PrincipalType). */
function principalType(caller: Caller): string | undefined {
  switch (caller.kind) {
    case 'account':
      return 'Account';
    case 'user':
      return 'User';
    case 'role':
    case 'assumed-role':
      return 'AssumedRole';
    case 'federated-user':
      return 'FederatedUser';
    case 'anonymous':
      return 'Anonymous';
    default:
      return undefined;
  }
}

/** `aws:userid` (IAM User Guide, "Information available in all requests"). */
function userId(caller: Caller, facts: ContextFacts): string | undefined {
  switch (caller.kind) {
    case 'user':
      return facts.uniqueId ?? derivedUniqueId('AIDA', caller.arn);
    case 'role':
      return facts.uniqueId ?? derivedUniqueId('AROA', caller.arn);
    case 'assumed-role':
      return `${facts.uniqueId ?? derivedUniqueId('AROA', caller.roleArn ?? caller.arn)}:${sessionName(caller)}`;
    case 'federated-user':
      return `${caller.account}:${sessionName(caller)}`;
    case 'account':
      return caller.account;
    case 'anonymous':
      return 'anonymous';
    default:
      return undefined;
  }
}

/**
 * The request context: the filled keys, then the caller's keys on top (they win). `given` is the
 * context the request was sent with (strings or lists of strings).
 */
export function buildContext(
  caller: Caller,
  resource: string,
  given: Record<string, ContextValue> = {},
  facts: ContextFacts = {},
): Context {
  const ctx: Context = {};
  const put = (key: string, value: ContextValue | undefined): void => {
    if (value !== undefined) ctx[key.toLowerCase()] = { key, value };
  };
  // The request time: from the given `aws:CurrentTime` or `aws:EpochTime` when one is given (each
  // derived from the other), the clock (`facts.now`, else now) only when neither is.
  const now = requestTime(given) ?? facts.now ?? Date.now();
  const isSession = caller.kind === 'assumed-role' || caller.kind === 'federated-user';

  if (caller.kind === 'assumed-role' || caller.kind === 'role') put('aws:PrincipalArn', caller.roleArn ?? caller.arn);
  else if (caller.kind === 'user' || caller.kind === 'federated-user') put('aws:PrincipalArn', caller.arn);
  else if (caller.kind === 'account' && caller.account) put('aws:PrincipalArn', `arn:aws:iam::${caller.account}:root`);
  put('aws:PrincipalAccount', caller.kind === 'service' || caller.kind === 'anonymous' ? undefined : caller.account);
  put('aws:PrincipalType', principalType(caller));
  put('aws:username', userName(caller));
  put('aws:userid', userId(caller, facts));
  put('aws:PrincipalIsAWSService', caller.kind === 'service' ? 'true' : 'false');
  if (caller.kind === 'service') put('aws:PrincipalServiceName', caller.service);
  if (caller.kind === 'web-identity' || caller.kind === 'saml') put('aws:FederatedProvider', caller.provider);
  if (caller.kind !== 'anonymous' && caller.kind !== 'service') {
    put('aws:PrincipalOrgID', facts.principalOrgId);
    put('aws:PrincipalOrgPaths', facts.principalOrgPath ? [facts.principalOrgPath] : undefined);
  }
  const tags = { ...(facts.principalTags ?? {}), ...(facts.sessionTags ?? {}) };
  for (const [k, v] of Object.entries(tags)) put(`aws:PrincipalTag/${k}`, v);

  put('aws:ResourceAccount', facts.resourceAccount ?? arnAccount(resource) ?? caller.account);
  put('aws:ResourceOrgID', facts.resourceOrgId);
  put('aws:ResourceOrgPaths', facts.resourceOrgPath ? [facts.resourceOrgPath] : undefined);
  for (const [k, v] of Object.entries(facts.resourceTags ?? {})) put(`aws:ResourceTag/${k}`, v);
  put('aws:RequestedRegion', arnRegion(resource) ?? 'us-east-1');

  put('aws:CurrentTime', isoSeconds(now));
  put('aws:EpochTime', String(Math.floor(now / 1000)));
  put('aws:SecureTransport', 'true');
  put('aws:ViaAWSService', 'false');
  if (isSession) {
    const mfa = facts.mfa ?? false;
    put('aws:MultiFactorAuthPresent', mfa ? 'true' : 'false');
    if (mfa) put('aws:MultiFactorAuthAge', String(Math.max(0, Math.floor((now - (facts.tokenIssued ?? now)) / 1000))));
    put('aws:TokenIssueTime', isoSeconds(facts.tokenIssued ?? now));
  }

  for (const [key, value] of Object.entries(given)) put(key, value);
  return ctx;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The time a request gives in `aws:CurrentTime` or `aws:EpochTime` (the first that parses), in milliseconds. */
function requestTime(given: Record<string, ContextValue>): number | undefined {
  let current: number | undefined;
  let epoch: number | undefined;
  for (const [key, value] of Object.entries(given)) {
    if (typeof value !== 'string') continue;
    const lower = key.toLowerCase();
    if (lower === 'aws:currenttime') current = parseDate(value);
    else if (lower === 'aws:epochtime') epoch = parseDate(value);
  }
  return current ?? epoch;
}

/** A Context as plain key/value pairs with the caller's spelling (for the trace and the CLI). */
export function contextValues(ctx: Context): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const entry of Object.values(ctx)) out[entry.key] = entry.value;
  return out;
}
