/** Test setup that goes through the service itself: app clients and pools made by an admin. */
import { expect } from 'vitest';
import type { AwsContext } from '../context';
import { admin, POOL, send } from './test-support';

/** A new app client of the default pool (or `poolId`); its id. */
export async function createClient(ctx: AwsContext, extra: Record<string, unknown>, poolId = POOL): Promise<string> {
  const a = await send(ctx, 'CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'tests', ...extra }, admin);
  expect(a.status).toBe(200);
  return (a.json['UserPoolClient'] as { ClientId: string }).ClientId;
}
