/**
 * What an administrator lists and reads back: ListUserPools, DescribeUserPool,
 * ListUserPoolClients and DescribeUserPoolClient (signed, authorized by the engine like the other
 * admin operations). Pages are `MaxResults` long (1 to 60, as the model says); `NextToken` is
 * opaque to the caller and says where the next page starts.
 */
import type { UserPool } from '../../world/types';
import type { Input } from './input';
import { apiError, isError } from './input';
import type { Operation } from './common';
import { authorizeAdmin, ok, withDecision } from './common';
import { clientView, nowSeconds, poolView, readPoolId } from './admin';
import { poolOf } from './pools';
import { mustNotBeNull } from '../protocol/validation';

/** `MaxResults` and where the page starts, or the error AWS answers for a token it did not issue. */
function page(input: Input): { max?: number; start: number; bad?: boolean } {
  const max = input.int('MaxResults', 1, 60);
  const token = input.str('NextToken', { min: 1, max: 131072 });
  if (token === undefined) return { max, start: 0 };
  const start = /^[0-9]{1,9}$/.test(token) ? Number(token) : NaN;
  return Number.isInteger(start) ? { max, start } : { max, start: 0, bad: true };
}

function paged<T>(items: T[], start: number, max: number): { items: T[]; next?: string } {
  const slice = items.slice(start, start + max);
  return start + max < items.length ? { items: slice, next: String(start + max) } : { items: slice };
}

const BAD_TOKEN = () => apiError('InvalidParameterException', 'Invalid pagination token.');

export const listUserPools: Operation = async (input, ctx, call) => {
  const p = page(input);
  if (!input.has('MaxResults')) input.problem(mustNotBeNull('maxResults'));
  const bad = input.failure();
  if (bad) return bad;
  if (p.bad) return BAD_TOKEN();
  const auth = authorizeAdmin(ctx, call, 'ListUserPools', undefined);
  if (isError(auth)) return auth;
  const now = nowSeconds(ctx);
  const mine = (ctx.state.world.userPools ?? []).filter((u: UserPool) => u.account === auth.account);
  const { items, next } = paged(mine, p.start, p.max!);
  const body: Record<string, unknown> = {
    UserPools: items.map((u) => ({
      Id: u.id,
      Name: u.name,
      LambdaConfig: {},
      LastModifiedDate: now,
      CreationDate: now,
    })),
  };
  if (next) body['NextToken'] = next;
  return withDecision(ok(body), auth.decision);
};

export const describeUserPool: Operation = async (input, ctx, call) => {
  const poolId = readPoolId(input);
  const bad = input.failure();
  if (bad) return bad;
  const auth = authorizeAdmin(ctx, call, 'DescribeUserPool', poolId);
  if (isError(auth)) return auth;
  const pool = poolOf(ctx.state.world, poolId!, auth.account);
  if (isError(pool)) return withDecision(pool, auth.decision);
  return withDecision(ok({ UserPool: poolView(pool, ctx.region, nowSeconds(ctx)) }), auth.decision);
};

export const listUserPoolClients: Operation = async (input, ctx, call) => {
  const poolId = readPoolId(input);
  const p = page(input);
  const bad = input.failure();
  if (bad) return bad;
  if (p.bad) return BAD_TOKEN();
  const auth = authorizeAdmin(ctx, call, 'ListUserPoolClients', poolId);
  if (isError(auth)) return auth;
  const pool = poolOf(ctx.state.world, poolId!, auth.account);
  if (isError(pool)) return withDecision(pool, auth.decision);
  const { items, next } = paged(pool.clients ?? [], p.start, p.max ?? 60);
  const body: Record<string, unknown> = {
    UserPoolClients: items.map((c) => ({ ClientId: c.clientId, UserPoolId: pool.id, ClientName: c.clientName })),
  };
  if (next) body['NextToken'] = next;
  return withDecision(ok(body), auth.decision);
};

export const describeUserPoolClient: Operation = async (input, ctx, call) => {
  const poolId = readPoolId(input);
  const clientId = input.str('ClientId', { required: true, min: 1, max: 128 });
  const bad = input.failure();
  if (bad) return bad;
  const auth = authorizeAdmin(ctx, call, 'DescribeUserPoolClient', poolId);
  if (isError(auth)) return auth;
  const pool = poolOf(ctx.state.world, poolId!, auth.account);
  if (isError(pool)) return withDecision(pool, auth.decision);
  const client = (pool.clients ?? []).find((c) => c.clientId === clientId);
  if (!client)
    return withDecision(
      apiError('ResourceNotFoundException', `User pool client ${clientId!} does not exist.`),
      auth.decision,
    );
  return withDecision(ok({ UserPoolClient: clientView(pool, client, ctx) }), auth.decision);
};
