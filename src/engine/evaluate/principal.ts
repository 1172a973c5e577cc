/**
 * `Principal` and `NotPrincipal` (IAM User Guide, "AWS JSON policy elements: Principal" and
 * "NotPrincipal"; reference section 3).
 *
 * - `"*"` and `{"AWS": "*"}` match everyone, anonymous callers included.
 * - An account id or `arn:…:iam::ACCT:root` matches every principal of that account (the account
 *   then decides through its own policies).
 * - A user ARN, an assumed-role session ARN or a federated-user ARN matches that caller only.
 * - A role ARN matches every session of that role.
 * - A unique id (`AIDA…`, `AROA…`; IAM User Guide, "IAM identifiers: Unique identifiers") matches the
 *   user or the role (and its sessions) that has it, when the caller carries its id.
 * - `Service`, `Federated` and `CanonicalUser` match callers of that kind with that name.
 * Principal ARNs are compared as text: no wildcards other than the lone `*`.
 *
 * `NotPrincipal` (our reading of the guide's rule that a `Deny` with `NotPrincipal` must list the
 * session, its role and the account to exempt a session): a caller is exempt only when every one of
 * its identities (its own ARN, its role for a session, its account) is listed; otherwise the
 * statement applies.
 */
import type { PrincipalElement } from '../model';
import type { Caller, PrincipalMatch } from './types';
import { principalAccount } from '../arn';

interface CompiledEntry {
  type: string;
  value: string;
}

export interface CompiledPrincipal {
  anyone: boolean;
  entries: CompiledEntry[];
}

export function compilePrincipal(el: PrincipalElement): CompiledPrincipal {
  const entries: CompiledEntry[] = [];
  let anyone = el.anyone;
  for (const e of el.entries) {
    for (const v of e.values.values) {
      if (e.type.value === 'AWS' && v.value === '*') anyone = true;
      entries.push({ type: e.type.value, value: v.value });
    }
  }
  return { anyone, entries };
}

const accountOf = principalAccount;

/** How one principal value matches the caller, if it does. */
function matchEntry(e: CompiledEntry, c: Caller): PrincipalMatch | undefined {
  switch (e.type) {
    case 'AWS': {
      if (e.value === '*') return 'anyone';
      if (c.kind === 'anonymous') return undefined;
      const acct = accountOf(e.value);
      if (acct !== undefined) return c.account === acct && c.kind !== 'service' ? 'account' : undefined;
      if (c.arn !== '' && e.value === c.arn) return c.kind === 'role' ? 'role' : 'exact';
      // A unique id names the user (`AIDA…`) or the role and every session of it (`AROA…`).
      if (c.uniqueId !== undefined && e.value === c.uniqueId)
        return c.kind === 'role' || c.kind === 'assumed-role' ? 'role' : 'exact';
      if (c.kind === 'assumed-role' && c.roleArn && e.value === c.roleArn) return 'role';
      return undefined;
    }
    case 'Service':
      return c.kind === 'service' && c.service !== undefined && c.service.toLowerCase() === e.value.toLowerCase()
        ? 'service'
        : undefined;
    case 'Federated':
      return (c.kind === 'web-identity' || c.kind === 'saml') && c.provider !== undefined && c.provider === e.value
        ? 'federated'
        : undefined;
    case 'CanonicalUser':
      return c.canonicalUser !== undefined && c.canonicalUser === e.value ? 'canonical' : undefined;
    default:
      return undefined;
  }
}

const RANK: Record<PrincipalMatch, number> = {
  exact: 0,
  role: 1,
  service: 2,
  federated: 3,
  canonical: 4,
  account: 5,
  anyone: 6,
};

/** The most specific way the caller is named in `Principal`, or undefined; with the value that matched. */
export function matchPrincipal(p: CompiledPrincipal, c: Caller): { how: PrincipalMatch; value: string } | undefined {
  let best: { how: PrincipalMatch; value: string } | undefined;
  for (const e of p.entries) {
    const how = matchEntry(e, c);
    if (how && (!best || RANK[how] < RANK[best.how])) best = { how, value: e.value };
  }
  if (!best && p.anyone) best = { how: 'anyone', value: '*' };
  return best;
}

/**
 * How many of the caller's identities `NotPrincipal` lists: `all` exempts the caller; `some` (a
 * session listed without its role or account, a user without its account) and `none` do not.
 */
export function notPrincipalListing(p: CompiledPrincipal, c: Caller): 'all' | 'some' | 'none' {
  if (p.anyone) return 'all';
  const listed = (type: string, test: (v: string) => boolean) =>
    p.entries.some((e) => e.type === type && test(e.value));
  const one = (ok: boolean): 'all' | 'none' => (ok ? 'all' : 'none');
  switch (c.kind) {
    case 'anonymous':
      return 'none';
    case 'service':
      return one(listed('Service', (v) => v.toLowerCase() === (c.service ?? '').toLowerCase()));
    case 'web-identity':
    case 'saml':
      return one(listed('Federated', (v) => v === c.provider));
    case 'account':
      return one(c.account !== undefined && listed('AWS', (v) => accountOf(v) === c.account));
    default: {
      const ids: ((v: string) => boolean)[] = [];
      const uid = c.uniqueId;
      if (c.arn) ids.push((v) => v === c.arn || (c.kind !== 'assumed-role' && v === uid));
      if (c.kind === 'assumed-role' && c.roleArn) ids.push((v) => v === c.roleArn || v === uid);
      if (c.account) ids.push((v) => accountOf(v) === c.account);
      const n = ids.filter((id) => listed('AWS', id)).length;
      return ids.length > 0 && n === ids.length ? 'all' : n > 0 ? 'some' : 'none';
    }
  }
}

/** True when the caller is exempted by `NotPrincipal` (every identity of the caller is listed). */
export function exemptByNotPrincipal(p: CompiledPrincipal, c: Caller): boolean {
  return notPrincipalListing(p, c) === 'all';
}
