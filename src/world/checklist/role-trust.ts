/**
 * Roles whose trust policy lets anyone (`*`), or every principal of another account, assume them
 * (IAM User Guide, "Security best practices in IAM": "Apply least-privilege permissions", "Verify
 * public and cross-account access to resources with IAM Access Analyzer"; "How to use an external
 * ID when granting access to your AWS resources to a third party").
 *
 * A statement counts when it allows `sts:AssumeRole` to `*` or to a whole account (`OTHER`,
 * `arn:aws:iam::OTHER:root`) and has no condition that narrows who may call: a fixed
 * `sts:ExternalId`, `aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalOrgID`, … A negated
 * operator, an `…IfExists` or `ForAllValues:` operator, `Null` or a bare `*` value does not narrow.
 */
import type { CheckItem, CheckRule } from './types';
import type { PolicyDocument, Role, World } from '../types';
import type { Statement } from '../../engine/model';
import { compileWildcard } from '../../engine/evaluate';
import { tooDeep } from '../../engine/nesting';
import { parseDocument } from '../documents';
import { copy, isDocument, list } from './common';

const NARROWING_KEYS = new Set([
  'sts:externalid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:userid',
  'aws:username',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
]);

function narrows(st: Statement): boolean {
  for (const op of st.condition ?? []) {
    const name = op.operator.value.toLowerCase();
    // Each of these passes for a caller that lacks the key, or for every value but one.
    if (name.endsWith('ifexists') || name.includes('not') || name === 'null' || name.startsWith('forallvalues:'))
      continue;
    for (const k of op.keys) {
      if (!NARROWING_KEYS.has(k.key.value.toLowerCase())) continue;
      if (
        k.values.length > 0 &&
        k.values.every((v) => typeof v.value === 'string' && v.value !== '*' && v.value !== '')
      )
        return true;
    }
  }
  return false;
}

/** Whether an action pattern covers `sts:AssumeRole`, remembered per pattern (a big account has a few dozen). */
const coversAssumeRole = new Map<string, boolean>();
function covers(pattern: string): boolean {
  let hit = coversAssumeRole.get(pattern);
  if (hit === undefined) {
    hit = compileWildcard(pattern, true).test('sts:AssumeRole');
    if (coversAssumeRole.size > 10_000) coversAssumeRole.clear();
    coversAssumeRole.set(pattern, hit);
  }
  return hit;
}

function allowsAssumeRole(st: Statement): boolean {
  if (st.effect?.value !== 'Allow' || st.unreadable?.length) return false;
  const hit = (values: { value: string }[]) => values.some((v) => covers(v.value));
  if (st.action) return hit(st.action.values);
  if (st.notAction) return !hit(st.notAction.values);
  return false;
}

/** The account a whole-account principal names (`111122223333`, `arn:aws:iam::111122223333:root`), else undefined. */
function wholeAccount(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(value);
  return m ? m[1] : undefined;
}

interface TrustHit {
  /** Statement indexes and, for each, the principal values to take away (`*` or the accounts). */
  statements: Map<number, Set<string>>;
  /** For `role-trusts-account`: the other accounts trusted. */
  accounts: Set<string>;
}

function scan(role: Role, kind: 'anyone' | 'account'): TrustHit | undefined {
  if (!isDocument(role.trustPolicy)) return undefined;
  const policy = parseDocument(role.trustPolicy).policy;
  if (!policy) return undefined;
  const hit: TrustHit = { statements: new Map(), accounts: new Set() };
  for (const st of policy.statements) {
    if (!st.principal || !allowsAssumeRole(st) || narrows(st)) continue;
    const take = new Set<string>();
    if (kind === 'anyone') {
      if (st.principal.anyone) take.add('*');
      for (const e of st.principal.entries)
        if (e.type.value === 'AWS') for (const v of e.values.values) if (v.value === '*') take.add('*');
    } else {
      for (const e of st.principal.entries) {
        if (e.type.value !== 'AWS') continue;
        for (const v of e.values.values) {
          const other = wholeAccount(v.value);
          if (other && other !== role.account) {
            take.add(v.value);
            hit.accounts.add(other);
          }
        }
      }
    }
    if (take.size > 0) hit.statements.set(st.index, take);
  }
  return hit.statements.size > 0 ? hit : undefined;
}

type Json = Record<string, unknown>;

/**
 * A fresh copy of the trust policy as a JSON object to edit, or undefined when it is not one. Never
 * the object itself: parsed documents are cached by object identity (`parseDocument`), so a world's
 * document object is replaced, never changed in place.
 */
function editable(doc: PolicyDocument): Json | undefined {
  if (typeof doc !== 'string') return typeof doc === 'object' && doc !== null ? structuredClone(doc) : undefined;
  if (tooDeep(doc)) return undefined;
  try {
    const v: unknown = JSON.parse(doc);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Rewrites a statement's principal: each value in `take` is replaced by `by` (when given) or taken
 * away. Returns false when no principal is left (the statement is then removed).
 */
function rewrite(st: Json, take: Set<string>, by: string | undefined): boolean {
  if (st.Principal === '*') {
    if (by === undefined) return false;
    st.Principal = { AWS: by };
    return true;
  }
  const principal = st.Principal as Json | undefined;
  if (typeof principal !== 'object' || principal === null) return true;
  const aws = principal.AWS;
  const values = typeof aws === 'string' ? [aws] : Array.isArray(aws) ? (aws as unknown[]) : [];
  const kept: unknown[] = [];
  for (const v of values) {
    const next = typeof v === 'string' && take.has(v) ? by : v;
    if (next !== undefined && !kept.includes(next)) kept.push(next);
  }
  if (kept.length === 0) delete principal.AWS;
  else principal.AWS = kept.length === 1 && typeof aws === 'string' ? kept[0] : kept;
  return Object.keys(principal).length > 0;
}

function fixTrust(w: World, account: string, name: string, kind: 'anyone' | 'account'): World {
  const out = copy(w);
  const role = list(out.roles).find((r) => r?.account === account && r?.name === name);
  if (!role) return out;
  const hit = scan(role, kind);
  const doc = hit && editable(role.trustPolicy);
  if (!hit || !doc) return out;
  const by = kind === 'anyone' ? `arn:aws:iam::${account}:root` : undefined;
  const single = !Array.isArray(doc.Statement);
  const statements = (single ? [doc.Statement] : (doc.Statement as unknown[])).map((st, i) => {
    const take = hit.statements.get(i);
    if (!take || typeof st !== 'object' || st === null) return st;
    return rewrite(st as Json, take, by) ? st : undefined;
  });
  const kept = statements.filter((s) => s !== undefined);
  doc.Statement = single && kept.length === 1 ? kept[0] : kept;
  role.trustPolicy = typeof role.trustPolicy === 'string' ? JSON.stringify(doc, null, 2) : doc;
  return out;
}

function rule(kind: 'anyone' | 'account'): CheckRule {
  return (world) => {
    const items: CheckItem[] = [];
    for (const role of list(world.roles)) {
      if (typeof role?.name !== 'string' || role.serviceLinked) continue;
      const hit = scan(role, kind);
      if (!hit) continue;
      const { account, name } = role;
      const others = [...hit.accounts].sort();
      const named = others.map((a) => `\`${a}\``).join(', ');
      items.push(
        kind === 'anyone'
          ? {
              id: `role-trusts-anyone:${account}:${name}`,
              rule: 'role-trusts-anyone',
              severity: 'high',
              title: `Any AWS account can assume the role \`${name}\``,
              why:
                'Its trust policy allows `*` to call sts:AssumeRole with no condition, so a principal of any AWS account in the world whose own policies allow it can take on this role and its permissions. ' +
                'AWS recommends trusting only the principals that need the role, and narrowing the rest with conditions such as aws:PrincipalOrgID.',
              subject: { kind: 'role', account, name },
              fix: { label: 'Trust only this account', apply: (w) => fixTrust(w, account, name, 'anyone') },
            }
          : {
              id: `role-trusts-account:${account}:${name}`,
              rule: 'role-trusts-account',
              severity: 'medium',
              title: `Every principal of ${others.length === 1 ? 'account' : 'accounts'} ${named} can assume the role \`${name}\``,
              why:
                'Its trust policy names a whole account with no condition, so whoever administers that account decides who in it takes on this role. ' +
                'AWS recommends naming the exact role that needs access (aws:PrincipalArn), and for a third party requiring the external ID it was given (sts:ExternalId).',
              subject: { kind: 'role', account, name },
              fix: {
                label: `Remove the trust in ${others.length === 1 ? 'account' : 'accounts'} ${named}`,
                apply: (w) => fixTrust(w, account, name, 'account'),
              },
            },
      );
    }
    return items;
  };
}

export const roleTrustsAnyone: CheckRule = rule('anyone');
export const roleTrustsAccount: CheckRule = rule('account');
