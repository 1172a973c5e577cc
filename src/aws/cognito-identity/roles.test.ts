import { describe, expect, it } from 'vitest';
import type { IdentityPool } from '../../world/types';
import { resolveRole } from './roles';

const KEY = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pl4yGr0nd:5ekq2vd8s7rj4ndm0m9ocpga1t';
const AUTH = 'arn:aws:iam::111122223333:role/app-authenticated';
const GUEST = 'arn:aws:iam::111122223333:role/app-guest';
const EDITORS = 'arn:aws:iam::111122223333:role/app-editors';
const ADMINS = 'arn:aws:iam::111122223333:role/app-admins';
const READERS = 'arn:aws:iam::111122223333:role/app-readers';

type Pool = Pick<IdentityPool, 'roles' | 'roleMappings'>;
const roles = { authenticated: AUTH, unauthenticated: GUEST };

function tokenPool(ambiguous: 'AuthenticatedRole' | 'Deny'): Pool {
  return { roles, roleMappings: { [KEY]: { type: 'Token', ambiguousRoleResolution: ambiguous } } };
}

function rulesPool(
  rules: {
    claim: string;
    matchType: 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';
    value: string;
    roleARN: string;
  }[],
  ambiguous: 'AuthenticatedRole' | 'Deny' = 'Deny',
): Pool {
  return {
    roles,
    roleMappings: { [KEY]: { type: 'Rules', ambiguousRoleResolution: ambiguous, rulesConfiguration: { rules } } },
  };
}

const login = (claims: Record<string, unknown>) => ({ providerKey: KEY, claims });

describe('role resolution (enhanced flow)', () => {
  it('gives a guest the unauthenticated role', () => {
    expect(resolveRole({ pool: { roles } })).toEqual({
      ok: true,
      roleArn: GUEST,
      choice: { kind: 'unauthenticated' },
    });
  });

  it('refuses a guest when the pool has no unauthenticated role', () => {
    const r = resolveRole({ pool: { roles: { authenticated: AUTH } } });
    expect(r).toEqual({ ok: false, error: 'no-role', reason: 'the identity pool has no unauthenticated role' });
  });

  it('gives the default authenticated role when the provider has no role mapping', () => {
    const r = resolveRole({ pool: { roles }, login: login({ sub: 'u1' }) });
    expect(r).toEqual({ ok: true, roleArn: AUTH, choice: { kind: 'default' }, providerKey: KEY });
  });

  it('takes cognito:preferred_role from the token (the group with the lowest precedence)', () => {
    const r = resolveRole({
      pool: tokenPool('Deny'),
      login: login({ 'cognito:roles': [ADMINS, EDITORS], 'cognito:preferred_role': EDITORS }),
    });
    expect(r.ok && r.roleArn).toBe(EDITORS);
    expect(r.ok && r.choice).toEqual({ kind: 'preferred-role', claim: 'cognito:preferred_role' });
  });

  it('takes the only role of cognito:roles when none is preferred', () => {
    const r = resolveRole({ pool: tokenPool('Deny'), login: login({ 'cognito:roles': [ADMINS] }) });
    expect(r.ok && r.roleArn).toBe(ADMINS);
    expect(r.ok && r.choice.kind).toBe('only-role');
  });

  it('takes a CustomRoleArn that the token holds, and refuses one it does not', () => {
    const claims = { 'cognito:roles': [ADMINS, EDITORS], 'cognito:preferred_role': EDITORS };
    const yes = resolveRole({ pool: tokenPool('AuthenticatedRole'), login: login(claims), customRoleArn: ADMINS });
    expect(yes.ok && yes.roleArn).toBe(ADMINS);
    expect(yes.ok && yes.choice.kind).toBe('custom-role');
    const no = resolveRole({ pool: tokenPool('AuthenticatedRole'), login: login(claims), customRoleArn: READERS });
    expect(no).toEqual({
      ok: false,
      error: 'denied',
      reason: `the token's \`cognito:roles\` does not hold \`${READERS}\``,
      providerKey: KEY,
    });
  });

  it('resolves an ambiguous token (several roles, none preferred) to the authenticated role', () => {
    const r = resolveRole({
      pool: tokenPool('AuthenticatedRole'),
      login: login({ 'cognito:roles': [ADMINS, EDITORS] }),
    });
    expect(r).toEqual({
      ok: true,
      roleArn: AUTH,
      choice: {
        kind: 'ambiguous',
        resolution: 'AuthenticatedRole',
        reason: 'the token has several `cognito:roles` and no `cognito:preferred_role`',
      },
      providerKey: KEY,
    });
  });

  it('denies an ambiguous token when the mapping says Deny', () => {
    const r = resolveRole({ pool: tokenPool('Deny'), login: login({ sub: 'u1' }) });
    expect(r).toEqual({ ok: false, error: 'denied', reason: 'the token has no `cognito:roles`', providerKey: KEY });
  });

  it('matches a rule with Equals on a string claim', () => {
    const pool = rulesPool([{ claim: 'custom:tier', matchType: 'Equals', value: 'gold', roleARN: ADMINS }]);
    const r = resolveRole({ pool, login: login({ 'custom:tier': 'gold' }) });
    expect(r.ok && r.choice).toEqual({
      kind: 'rule',
      index: 0,
      rule: { claim: 'custom:tier', matchType: 'Equals', value: 'gold', roleARN: ADMINS },
      claimValue: 'gold',
    });
    expect(resolveRole({ pool, login: login({ 'custom:tier': 'golden' }) }).ok).toBe(false);
  });

  it('matches a rule with Equals on one value of cognito:groups', () => {
    const pool = rulesPool([{ claim: 'cognito:groups', matchType: 'Equals', value: 'editors', roleARN: EDITORS }]);
    const r = resolveRole({ pool, login: login({ 'cognito:groups': ['readers', 'editors'] }) });
    expect(r.ok && r.roleArn).toBe(EDITORS);
  });

  it('matches a rule with Contains', () => {
    const pool = rulesPool([{ claim: 'email', matchType: 'Contains', value: '@example.com', roleARN: READERS }]);
    expect(resolveRole({ pool, login: login({ email: 'maria@example.com' }) }).ok).toBe(true);
    expect(resolveRole({ pool, login: login({ email: 'maria@example.org' }) }).ok).toBe(false);
  });

  it('matches a rule with StartsWith', () => {
    const pool = rulesPool([{ claim: 'cognito:groups', matchType: 'StartsWith', value: 'admin', roleARN: ADMINS }]);
    const r = resolveRole({ pool, login: login({ 'cognito:groups': ['administrators'] }) });
    expect(r.ok && r.roleArn).toBe(ADMINS);
    expect(resolveRole({ pool, login: login({ 'cognito:groups': ['sysadmin'] }) }).ok).toBe(false);
  });

  it('matches a rule with NotEqual, and not on a missing claim', () => {
    const pool = rulesPool([{ claim: 'custom:dept', matchType: 'NotEqual', value: 'sales', roleARN: READERS }]);
    expect(resolveRole({ pool, login: login({ 'custom:dept': 'support' }) }).ok).toBe(true);
    expect(resolveRole({ pool, login: login({ 'custom:dept': 'sales' }) }).ok).toBe(false);
    expect(resolveRole({ pool, login: login({}) }).ok).toBe(false);
  });

  it('takes the first matching rule in order', () => {
    const pool = rulesPool([
      { claim: 'cognito:groups', matchType: 'Equals', value: 'admins', roleARN: ADMINS },
      { claim: 'cognito:groups', matchType: 'Equals', value: 'editors', roleARN: EDITORS },
      { claim: 'email_verified', matchType: 'Equals', value: 'true', roleARN: READERS },
    ]);
    const r = resolveRole({ pool, login: login({ 'cognito:groups': ['editors', 'admins'], email_verified: true }) });
    expect(r.ok && r.roleArn).toBe(ADMINS);
    const second = resolveRole({ pool, login: login({ 'cognito:groups': ['editors'], email_verified: true }) });
    expect(second.ok && second.choice.kind === 'rule' && second.choice.index).toBe(1);
    const third = resolveRole({ pool, login: login({ email_verified: true }) });
    expect(third.ok && third.roleArn).toBe(READERS);
  });

  it('resolves no matching rule to the authenticated role with AmbiguousRoleResolution AuthenticatedRole', () => {
    const pool = rulesPool(
      [{ claim: 'cognito:groups', matchType: 'Equals', value: 'admins', roleARN: ADMINS }],
      'AuthenticatedRole',
    );
    const r = resolveRole({ pool, login: login({ 'cognito:groups': ['editors'] }) });
    expect(r.ok && r.roleArn).toBe(AUTH);
    expect(r.ok && r.choice).toEqual({
      kind: 'ambiguous',
      resolution: 'AuthenticatedRole',
      reason: 'no rule matched the token',
    });
  });

  it('denies when no rule matches and the mapping says Deny', () => {
    const pool = rulesPool([{ claim: 'cognito:groups', matchType: 'Equals', value: 'admins', roleARN: ADMINS }]);
    expect(resolveRole({ pool, login: login({ 'cognito:groups': ['editors'] }) })).toEqual({
      ok: false,
      error: 'denied',
      reason: 'no rule matched the token',
      providerKey: KEY,
    });
  });

  it('reports a missing authenticated role as no role', () => {
    const pool: Pool = { roles: { unauthenticated: GUEST }, roleMappings: tokenPool('AuthenticatedRole').roleMappings };
    expect(resolveRole({ pool, login: login({}) })).toEqual({
      ok: false,
      error: 'no-role',
      reason: 'the identity pool has no authenticated role',
      providerKey: KEY,
    });
  });
});
