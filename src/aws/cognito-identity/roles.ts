/**
 * Which IAM role an identity pool gives an identity in the enhanced flow (cognito-sts.md §4.6;
 * Cognito Developer Guide, "Role-based access control"). Pure: the pool's roles and role mappings,
 * the login (its provider key and the ID token's claims) and `CustomRoleArn` in; the role out, with
 * what chose it (the default role, `cognito:preferred_role`, a rule…) so the flows can show it, or
 * why there is none.
 *
 * - A guest gets `Roles.unauthenticated`.
 * - A login whose provider key (`cognito-idp.REGION.amazonaws.com/POOL_ID:CLIENT_ID`) has no role
 *   mapping gets `Roles.authenticated`.
 * - `Token`: `CustomRoleArn` if the token's `cognito:roles` holds it (else denied); otherwise
 *   `cognito:preferred_role` (the user pool sets it from the group with the lowest precedence);
 *   otherwise the only role of `cognito:roles`; otherwise (none, or several and none preferred) the
 *   mapping's `AmbiguousRoleResolution`.
 * - `Rules`: the first rule in order whose claim matches (`Equals`, `Contains`, `StartsWith`,
 *   `NotEqual`; a list claim such as `cognito:groups` matches when one of its values does, and
 *   `NotEqual` when none equals; `NotEqual` on a missing claim does not match); no match → the
 *   `AmbiguousRoleResolution`. A `CustomRoleArn` picks the matching rule that grants it.
 * - `AmbiguousRoleResolution`: `AuthenticatedRole` → `Roles.authenticated`; `Deny` → denied.
 */
import type { IdentityPool, RoleMapping } from '../../world/types';

export type MatchType = 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';

export interface MappingRule {
  claim: string;
  matchType: MatchType;
  value: string;
  roleARN: string;
}

/** What chose the role. */
export type RoleChoice =
  | { kind: 'unauthenticated' }
  /** No role mapping for the provider: the pool's authenticated role. */
  | { kind: 'default' }
  | { kind: 'custom-role'; claim: 'cognito:roles' }
  | { kind: 'preferred-role'; claim: 'cognito:preferred_role' }
  /** The token's only role in `cognito:roles`. */
  | { kind: 'only-role'; claim: 'cognito:roles' }
  /** Rule `index` (from 0) matched: its claim had `claimValue`. */
  | { kind: 'rule'; index: number; rule: MappingRule; claimValue: string }
  /** No rule or token role decided: `AmbiguousRoleResolution: AuthenticatedRole`. */
  | { kind: 'ambiguous'; resolution: 'AuthenticatedRole'; reason: string };

export type RoleResolution =
  | { ok: true; roleArn: string; choice: RoleChoice; providerKey?: string }
  | {
      ok: false;
      /** `no-role`: the pool has no role for this case; `denied`: the mapping (or `CustomRoleArn`) refused. */
      error: 'no-role' | 'denied';
      reason: string;
      providerKey?: string;
    };

export interface Login {
  /** The role-mapping key of the login: `cognito-idp.REGION.amazonaws.com/POOL_ID:CLIENT_ID` for a user pool. */
  providerKey: string;
  /** The ID token's claims. */
  claims: Record<string, unknown>;
}

export interface ResolveInput {
  pool: Pick<IdentityPool, 'roles' | 'roleMappings'>;
  /** Absent for a guest. */
  login?: Login;
  customRoleArn?: string;
}

/** A claim's values as strings: a list claim gives each string of it, a scalar its text; objects give none. */
export function claimValues(claims: Record<string, unknown>, claim: string): string[] | undefined {
  if (!Object.prototype.hasOwnProperty.call(claims, claim)) return undefined;
  const v = claims[claim];
  if (Array.isArray(v)) return v.filter((x): x is string | number | boolean => isScalar(x)).map(String);
  if (isScalar(v)) return [String(v)];
  return undefined;
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** Whether a rule matches the claims; the claim value that matched (or the first, for `NotEqual`). */
export function ruleMatches(rule: MappingRule, claims: Record<string, unknown>): string | undefined {
  const values = claimValues(claims, rule.claim);
  if (values === undefined || values.length === 0) return undefined;
  switch (rule.matchType) {
    case 'Equals':
      return values.find((v) => v === rule.value);
    case 'Contains':
      return values.find((v) => v.includes(rule.value));
    case 'StartsWith':
      return values.find((v) => v.startsWith(rule.value));
    case 'NotEqual':
      return values.every((v) => v !== rule.value) ? values.join(',') : undefined;
  }
}

function authenticatedOr(pool: ResolveInput['pool'], providerKey: string, reason: string): RoleResolution {
  const arn = pool.roles.authenticated;
  if (!arn) return { ok: false, error: 'no-role', reason: 'the identity pool has no authenticated role', providerKey };
  return {
    ok: true,
    roleArn: arn,
    choice: { kind: 'ambiguous', resolution: 'AuthenticatedRole', reason },
    providerKey,
  };
}

function ambiguous(
  pool: ResolveInput['pool'],
  mapping: RoleMapping,
  providerKey: string,
  reason: string,
): RoleResolution {
  if (mapping.ambiguousRoleResolution === 'Deny') return { ok: false, error: 'denied', reason, providerKey };
  return authenticatedOr(pool, providerKey, reason);
}

export function resolveRole(input: ResolveInput): RoleResolution {
  const { pool, login, customRoleArn } = input;
  if (!login) {
    const arn = pool.roles.unauthenticated;
    if (!arn) return { ok: false, error: 'no-role', reason: 'the identity pool has no unauthenticated role' };
    return { ok: true, roleArn: arn, choice: { kind: 'unauthenticated' } };
  }
  const { providerKey, claims } = login;
  const mapping = pool.roleMappings?.[providerKey];
  if (!mapping) {
    const arn = pool.roles.authenticated;
    if (!arn)
      return { ok: false, error: 'no-role', reason: 'the identity pool has no authenticated role', providerKey };
    return { ok: true, roleArn: arn, choice: { kind: 'default' }, providerKey };
  }
  if (mapping.type === 'Token') {
    const roles = claimValues(claims, 'cognito:roles') ?? [];
    if (customRoleArn !== undefined) {
      if (roles.includes(customRoleArn))
        return {
          ok: true,
          roleArn: customRoleArn,
          choice: { kind: 'custom-role', claim: 'cognito:roles' },
          providerKey,
        };
      return {
        ok: false,
        error: 'denied',
        reason: `the token's \`cognito:roles\` does not hold \`${customRoleArn}\``,
        providerKey,
      };
    }
    const preferred = claims['cognito:preferred_role'];
    if (typeof preferred === 'string' && preferred !== '')
      return {
        ok: true,
        roleArn: preferred,
        choice: { kind: 'preferred-role', claim: 'cognito:preferred_role' },
        providerKey,
      };
    if (roles.length === 1)
      return { ok: true, roleArn: roles[0]!, choice: { kind: 'only-role', claim: 'cognito:roles' }, providerKey };
    return ambiguous(
      pool,
      mapping,
      providerKey,
      roles.length === 0
        ? 'the token has no `cognito:roles`'
        : 'the token has several `cognito:roles` and no `cognito:preferred_role`',
    );
  }
  const rules = (mapping.rulesConfiguration?.rules ?? []) as MappingRule[];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (customRoleArn !== undefined && rule.roleARN !== customRoleArn) continue;
    const matched = ruleMatches(rule, claims);
    if (matched !== undefined)
      return {
        ok: true,
        roleArn: rule.roleARN,
        choice: { kind: 'rule', index: i, rule, claimValue: matched },
        providerKey,
      };
  }
  return ambiguous(pool, mapping, providerKey, 'no rule matched the token');
}
