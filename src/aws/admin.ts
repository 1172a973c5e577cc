/**
 * The administrator `iamplay serve` hands out: an IAM user of the world with
 * `arn:aws:iam::aws:policy/AdministratorAccess` attached and an `Active` access key. An existing
 * one is reused (the first such user of the first account, by the world's order); otherwise one
 * named `iamplay-admin` is created, with a fresh key, through `src/world/edit.ts` (the world is
 * replaced, never changed in place).
 */
import type { AccessKey, ManagedPolicy, World } from '../world/types';
import { addUser, attachPolicy, ensurePolicy } from '../world/edit';
import type { AwsContext } from './context';
import { isoSeconds } from './clock';
import { newAccessKeyId, newSecretKey } from './sessions';

export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';
export const ADMIN_USER = 'iamplay-admin';

/** AdministratorAccess as AWS publishes it (v1), for worlds served without the managed-policy library. */
const ADMINISTRATOR_ACCESS_POLICY: ManagedPolicy = {
  arn: ADMINISTRATOR_ACCESS,
  description: 'Provides full access to AWS services and resources.',
  createDate: '2015-02-06T18:39:46Z',
  versions: [
    {
      versionId: 'v1',
      createDate: '2015-02-06T18:39:46Z',
      document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    },
  ],
  defaultVersion: 'v1',
};

export interface AdminCredentials {
  userName: string;
  account: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export function ensureAdmin(ctx: AwsContext): AdminCredentials {
  let world: World = ctx.state.world;
  const account = world.accounts[0]?.id;
  if (account === undefined) throw new Error('the world has no account to create an administrator in');
  for (const u of world.users ?? []) {
    if (u.account !== account || !u.managedPolicies?.includes(ADMINISTRATOR_ACCESS) || u.permissionsBoundary) continue;
    const key = u.accessKeys?.find((k) => k.status === 'Active');
    if (key) return { userName: u.name, account, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
  }
  const taken = new Set((world.users ?? []).filter((u) => u.account === account).map((u) => u.name));
  let name = ADMIN_USER;
  for (let i = 2; taken.has(name); i++) name = `${ADMIN_USER}-${i}`;
  const now = isoSeconds(ctx.clock.now());
  const key: AccessKey = {
    accessKeyId: newAccessKeyId(ctx, 'AKIA'),
    secretAccessKey: newSecretKey(ctx),
    status: 'Active',
    createDate: now,
  };
  world = addUser(world, account, name, now);
  world = attachPolicy(world, { kind: 'user', account, name }, ADMINISTRATOR_ACCESS);
  world = {
    ...world,
    users: world.users!.map((u) => (u.account === account && u.name === name ? { ...u, accessKeys: [key] } : u)),
  };
  if (!ctx.managedPolicy?.(ADMINISTRATOR_ACCESS)) world = ensurePolicy(world, ADMINISTRATOR_ACCESS_POLICY);
  ctx.state.world = world;
  return { userName: name, account, accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey };
}
