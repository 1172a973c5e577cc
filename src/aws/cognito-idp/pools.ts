/**
 * Finding pools, clients and users in the world, and replacing them without mutating it (a new
 * world shares every part that did not change). Also the password policy with AWS's
 * `InvalidPasswordException` texts, the SECRET_HASH check, and masked delivery destinations.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { hmac } from '@noble/hashes/hmac.js';
import type { PasswordPolicy, UserPool, UserPoolClient, UserPoolUser, World } from '../../world/types';
import type { AwsContext } from '../context';
import type { ApiError } from './input';
import { apiError } from './input';

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: true,
  temporaryPasswordValidityDays: 7,
};

export function findPool(world: World, poolId: string): UserPool | undefined {
  return world.userPools?.find((p) => p.id === poolId);
}

/** The pool of the caller's account, or AWS's ResourceNotFoundException. */
export function poolOf(world: World, poolId: string, account: string): UserPool | ApiError {
  const pool = findPool(world, poolId);
  if (!pool || pool.account !== account)
    return apiError('ResourceNotFoundException', `User pool ${poolId} does not exist.`);
  return pool;
}

export function clientOf(world: World, clientId: string): { pool: UserPool; client: UserPoolClient } | ApiError {
  for (const pool of world.userPools ?? [])
    for (const client of pool.clients ?? []) if (client.clientId === clientId) return { pool, client };
  return apiError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
}

export function attr(user: UserPoolUser, name: string): string | undefined {
  return user.attributes.find((a) => a.name === name)?.value;
}

/** The user by user name, or by email / phone number when the pool signs in with them. */
export function findUser(pool: UserPool, name: string): UserPoolUser | undefined {
  const users = pool.users ?? [];
  const exact = users.find((u) => u.username === name);
  if (exact) return exact;
  for (const a of pool.usernameAttributes ?? []) {
    const want = a === 'email' ? name.toLowerCase() : name;
    const u = users.find((x) => {
      const v = attr(x, a);
      return v !== undefined && (a === 'email' ? v.toLowerCase() : v) === want;
    });
    if (u) return u;
  }
  return undefined;
}

export function replacePool(world: World, pool: UserPool): World {
  return { ...world, userPools: (world.userPools ?? []).map((p) => (p.id === pool.id ? pool : p)) };
}

export function replaceUser(world: World, poolId: string, user: UserPoolUser): World {
  const pool = findPool(world, poolId);
  if (!pool) return world;
  const users = (pool.users ?? []).map((u) => (u.username === user.username ? user : u));
  return replacePool(world, { ...pool, users });
}

/** Replaces the user in the context's world (a new world), returning the new user. */
export function updateUser(
  ctx: AwsContext,
  poolId: string,
  username: string,
  change: (u: UserPoolUser) => UserPoolUser,
): UserPoolUser | undefined {
  const pool = findPool(ctx.state.world, poolId);
  const user = pool?.users?.find((u) => u.username === username);
  if (!user) return undefined;
  const next = change(user);
  ctx.state.world = replaceUser(ctx.state.world, poolId, next);
  return next;
}

export function setAttr(user: UserPoolUser, name: string, value: string): UserPoolUser {
  const has = user.attributes.some((a) => a.name === name);
  const attributes = has
    ? user.attributes.map((a) => (a.name === name ? { name, value } : a))
    : [...user.attributes, { name, value }];
  return { ...user, attributes };
}

const SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';

/** The first rule of the pool's policy the password breaks, in AWS's words, or undefined. */
export function passwordProblem(pool: UserPool, password: string): ApiError | undefined {
  const p = pool.passwordPolicy ?? DEFAULT_PASSWORD_POLICY;
  const fail = (why: string) => apiError('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  const chars = [...password];
  if (chars.length < p.minimumLength) return fail('Password not long enough');
  if (p.requireUppercase && !chars.some((c) => c >= 'A' && c <= 'Z'))
    return fail('Password must have uppercase characters');
  if (p.requireLowercase && !chars.some((c) => c >= 'a' && c <= 'z'))
    return fail('Password must have lowercase characters');
  if (p.requireNumbers && !chars.some((c) => c >= '0' && c <= '9'))
    return fail('Password must have numeric characters');
  if (p.requireSymbols && !chars.some((c) => SYMBOLS.includes(c))) return fail('Password must have symbol characters');
  return undefined;
}

/** `Base64(HMAC-SHA256(clientSecret, username + clientId))`. */
export function secretHash(secret: string, username: string, clientId: string): string {
  const enc = new TextEncoder();
  const mac = hmac(sha256, enc.encode(secret), enc.encode(username + clientId));
  return btoa(String.fromCharCode(...mac));
}

/**
 * The SECRET_HASH check of a client with a secret: any of the names may be the one hashed (the
 * name the caller typed, or the internal user name).
 */
export function checkSecretHash(
  client: UserPoolClient,
  given: string | undefined,
  names: string[],
): ApiError | undefined {
  if (!client.clientSecret) return undefined;
  if (given === undefined)
    return apiError(
      'NotAuthorizedException',
      `Client ${client.clientId} is configured for secret but secret was not received`,
    );
  for (const n of names) if (secretHash(client.clientSecret, n, client.clientId) === given) return undefined;
  return apiError('NotAuthorizedException', `Unable to verify secret hash for client ${client.clientId}`);
}

/** `m***@e***` as Cognito shows where a code went; phone numbers keep their last four digits. */
export function maskDestination(kind: 'email' | 'phone_number', value: string): string {
  if (kind === 'phone_number') return `+${'*'.repeat(Math.max(0, value.length - 5))}${value.slice(-4)}`;
  const at = value.indexOf('@');
  if (at < 1) return '***';
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${value[0]}***@${domain[0] ?? ''}***${tld}`;
}

export function isEmail(s: string): boolean {
  const at = s.indexOf('@');
  return at > 0 && at === s.lastIndexOf('@') && s.indexOf('.', at) > at + 1 && !s.endsWith('.') && !/\s/.test(s);
}

/** Epoch seconds of an AWS date in the world (`2025-06-03T12:00:00Z`). */
export function epochSeconds(iso: string | undefined, fallbackMs: number): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Math.floor((Number.isNaN(t) ? fallbackMs : t) / 1000);
}

/** `UserType` / `AdminGetUser` style view of a user. */
export function userView(user: UserPoolUser, nowMs: number): Record<string, unknown> {
  const created = epochSeconds(user.userCreateDate, nowMs);
  return {
    Username: user.username,
    Attributes: user.attributes.map((a) => ({ Name: a.name, Value: a.value })),
    UserCreateDate: created,
    UserLastModifiedDate: created,
    Enabled: user.enabled !== false,
    UserStatus: user.userStatus,
  };
}
