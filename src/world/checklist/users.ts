/**
 * IAM users' credentials: active access keys unused for 90 days (IAM User Guide, "Security best
 * practices in IAM": "Regularly review and remove unused users, roles, permissions, policies, and
 * credentials"; "Finding unused AWS credentials"), and console users without MFA ("Require
 * multi-factor authentication (MFA)").
 */
import type { CheckItem, CheckRule } from './types';
import type { User, World } from '../types';
import { copy, DAY_MS, isoSeconds, list, time } from './common';

/** How long an active key may go unused before the checklist flags it (the IAM console's threshold). */
export const UNUSED_DAYS = 90;

const findUser = (w: World, account: string, name: string): User | undefined =>
  list(w.users).find((u) => u?.account === account && u?.name === name);

export const unusedAccessKey: CheckRule = (world, now) => {
  const items: CheckItem[] = [];
  for (const user of list(world.users)) {
    for (const key of list(user?.accessKeys)) {
      if (key?.status !== 'Active' || typeof key.accessKeyId !== 'string') continue;
      const used = time(key.lastUsedDate);
      const since = used ?? time(key.createDate);
      if (since === undefined) continue;
      const days = Math.floor((now - since) / DAY_MS);
      if (days < UNUSED_DAYS) continue;
      const { account, name } = user;
      const keyId = key.accessKeyId;
      items.push({
        id: `unused-access-key:${account}:${keyId}`,
        rule: 'unused-access-key',
        severity: 'medium',
        title:
          used === undefined
            ? `The access key \`${keyId}\` of \`${name}\` has never been used in the ${days} days since it was created`
            : `The access key \`${keyId}\` of \`${name}\` has not been used for ${days} days`,
        why:
          'An active key that nobody uses still works for whoever finds it: in a leaked script, an old laptop, a public repository. ' +
          `AWS recommends removing credentials that are not needed; a key unused for ${UNUSED_DAYS} days can be deactivated, and deleted once nothing has missed it.`,
        subject: { kind: 'access-key', account, name: keyId, owner: name },
        fix: {
          label: 'Deactivate the key',
          apply: (w) => {
            const out = copy(w);
            const k = findUser(out, account, name)?.accessKeys?.find((x) => x?.accessKeyId === keyId);
            if (k) k.status = 'Inactive';
            return out;
          },
        },
      });
    }
  }
  return items;
};

/** A virtual MFA device's serial number, `arn:aws:iam::ACCT:mfa/NAME`, with a name no other device of the account has. */
function mfaSerial(w: World, account: string, name: string): string {
  const taken = new Set<string>();
  for (const u of list(w.users))
    for (const d of list(u?.mfaDevices)) if (typeof d?.serialNumber === 'string') taken.add(d.serialNumber);
  const base = `arn:aws:iam::${account}:mfa/${name}`;
  let serial = base;
  for (let i = 2; taken.has(serial); i++) serial = `${base}-${i}`;
  return serial;
}

export const consoleUserMfa: CheckRule = (world, now) => {
  const items: CheckItem[] = [];
  for (const user of list(world.users)) {
    if (!user?.loginProfile || list(user.mfaDevices).length > 0) continue;
    const { account, name } = user;
    items.push({
      id: `console-user-mfa:${account}:${name}`,
      rule: 'console-user-mfa',
      severity: 'medium',
      title: `\`${name}\` signs in to the console without MFA`,
      why:
        'With only a password, a phished or reused password is all it takes to act as this user. ' +
        'AWS recommends MFA for every user who signs in to the console, so that a second factor is needed as well.',
      subject: { kind: 'user', account, name },
      fix: {
        label: 'Assign an MFA device',
        apply: (w) => {
          const out = copy(w);
          const u = findUser(out, account, name);
          if (u)
            u.mfaDevices = [
              ...list(u.mfaDevices),
              { serialNumber: mfaSerial(out, account, name), enableDate: isoSeconds(now) },
            ];
          return out;
        },
      },
    });
  }
  return items;
};
