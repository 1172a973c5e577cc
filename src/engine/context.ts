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
  const codes = ID_CODES;
  for (let i = 0; i < 17; i++) {
    const word = i < 8 ? h1 : h2;
    codes[i] = ID_ALPHABET.charCodeAt((word >>> ((i % 6) * 5)) & 31);
    if (i === 7) h1 = Math.imul(h1 ^ h2, 0x01000193) >>> 0;
  }
  return prefix + String.fromCharCode.apply(null, codes);
}
const ID_CODES: number[] = new Array<number>(17).fill(0);

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
  // The request time: from the given `aws:CurrentTime` or `aws:EpochTime` when one is given (each
  // derived from the other), the clock (`facts.now`, else now) only when neither is.
  const now = requestTime(given) ?? facts.now ?? Date.now();
  const isSession = caller.kind === 'assumed-role' || caller.kind === 'federated-user';

  if (caller.kind === 'assumed-role' || caller.kind === 'role')
    put(ctx, 'aws:PrincipalArn', caller.roleArn ?? caller.arn);
  else if (caller.kind === 'user' || caller.kind === 'federated-user') put(ctx, 'aws:PrincipalArn', caller.arn);
  else if (caller.kind === 'account' && caller.account)
    put(ctx, 'aws:PrincipalArn', `arn:aws:iam::${caller.account}:root`);
  put(
    ctx,
    'aws:PrincipalAccount',
    caller.kind === 'service' || caller.kind === 'anonymous' ? undefined : caller.account,
  );
  put(ctx, 'aws:PrincipalType', principalType(caller));
  put(ctx, 'aws:username', userName(caller));
  put(ctx, 'aws:userid', userId(caller, facts));
  put(ctx, 'aws:PrincipalIsAWSService', caller.kind === 'service' ? 'true' : 'false');
  if (caller.kind === 'service') put(ctx, 'aws:PrincipalServiceName', caller.service);
  if (caller.kind === 'web-identity' || caller.kind === 'saml') put(ctx, 'aws:FederatedProvider', caller.provider);
  if (caller.kind !== 'anonymous' && caller.kind !== 'service') {
    put(ctx, 'aws:PrincipalOrgID', facts.principalOrgId);
    put(ctx, 'aws:PrincipalOrgPaths', facts.principalOrgPath ? [facts.principalOrgPath] : undefined);
  }
  if (facts.principalTags || facts.sessionTags) {
    const tags = { ...(facts.principalTags ?? {}), ...(facts.sessionTags ?? {}) };
    for (const [k, v] of Object.entries(tags)) put(ctx, `aws:PrincipalTag/${k}`, v);
  }

  put(ctx, 'aws:ResourceAccount', facts.resourceAccount ?? arnAccount(resource) ?? caller.account);
  put(ctx, 'aws:ResourceOrgID', facts.resourceOrgId);
  put(ctx, 'aws:ResourceOrgPaths', facts.resourceOrgPath ? [facts.resourceOrgPath] : undefined);
  if (facts.resourceTags) for (const [k, v] of Object.entries(facts.resourceTags)) put(ctx, `aws:ResourceTag/${k}`, v);
  put(ctx, 'aws:RequestedRegion', arnRegion(resource) ?? 'us-east-1');

  put(ctx, 'aws:CurrentTime', isoSeconds(now));
  put(ctx, 'aws:EpochTime', String(Math.floor(now / 1000)));
  put(ctx, 'aws:SecureTransport', 'true');
  put(ctx, 'aws:ViaAWSService', 'false');
  if (isSession) {
    const mfa = facts.mfa ?? false;
    put(ctx, 'aws:MultiFactorAuthPresent', mfa ? 'true' : 'false');
    if (mfa)
      put(ctx, 'aws:MultiFactorAuthAge', String(Math.max(0, Math.floor((now - (facts.tokenIssued ?? now)) / 1000))));
    put(ctx, 'aws:TokenIssueTime', isoSeconds(facts.tokenIssued ?? now));
  }

  for (const key in given) if (Object.prototype.hasOwnProperty.call(given, key)) put(ctx, key, given[key]);
  return ctx;
}

/** Sets a key (found by its lowercase name, kept with its spelling) unless the value is undefined. */
function put(ctx: Context, key: string, value: ContextValue | undefined): void {
  if (value !== undefined) ctx[lower(key)] = { key, value };
}

/** Lowercase names of the keys filled for every request (they repeat request after request). */
const LOWER = new Map<string, string>();
function lower(key: string): string {
  let l = LOWER.get(key);
  if (l === undefined) {
    l = key.toLowerCase();
    if (key.length <= 64 && LOWER.size < 4096) LOWER.set(key, l);
  }
  return l;
}

/** The last time printed (a batch evaluates at one time). */
let lastMs = NaN;
let lastIso = '';
function isoSeconds(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    lastMs = ms;
  }
  return lastIso;
}

/** The time a request gives in `aws:CurrentTime` or `aws:EpochTime` (the first that parses), in milliseconds. */
function requestTime(given: Record<string, ContextValue>): number | undefined {
  let current: number | undefined;
  let epoch: number | undefined;
  for (const key in given) {
    if (!Object.prototype.hasOwnProperty.call(given, key)) continue;
    const value = given[key];
    // Only keys of that length can name either (a cheap test before folding).
    if (typeof value !== 'string' || (key.length !== 15 && key.length !== 13)) continue;
    const folded = key.toLowerCase();
    if (folded === 'aws:currenttime') current = parseDate(value);
    else if (folded === 'aws:epochtime') epoch = parseDate(value);
  }
  return current ?? epoch;
}

/** A Context as plain key/value pairs with the caller's spelling (for the trace and the CLI). */
export function contextValues(ctx: Context): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const entry of Object.values(ctx)) out[entry.key] = entry.value;
  return out;
}
