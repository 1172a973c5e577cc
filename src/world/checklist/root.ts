/**
 * The root user: MFA on, and no access keys (IAM User Guide, "Security best practices in IAM":
 * "Require multi-factor authentication (MFA)" and "Follow best practices to protect your root user
 * credentials"; the IAM
 * console's security recommendations: "Add MFA for root user", "Delete your root user access keys").
 */
import type { CheckItem, CheckRule } from './types';
import { copy, list } from './common';

export const rootMfa: CheckRule = (world) => {
  const items: CheckItem[] = [];
  for (const account of list(world.accounts)) {
    if (!account?.root || account.root.mfaEnabled !== false) continue;
    const id = account.id;
    items.push({
      id: `root-mfa:${id}`,
      rule: 'root-mfa',
      severity: 'high',
      title: 'The root user has no MFA device',
      why:
        'Whoever signs in as the root user can do anything in the account, including closing it, and no policy can stop them. ' +
        'AWS recommends an MFA device for the root user, so that a stolen or guessed password alone is not enough to sign in.',
      subject: { kind: 'root', account: id },
      fix: {
        label: 'Assign an MFA device',
        apply: (w) => {
          const out = copy(w);
          const root = list(out.accounts).find((a) => a?.id === id)?.root;
          if (root) root.mfaEnabled = true;
          return out;
        },
      },
    });
  }
  return items;
};

export const rootAccessKey: CheckRule = (world) => {
  const items: CheckItem[] = [];
  for (const account of list(world.accounts)) {
    const id = account?.id;
    for (const key of list(account?.root?.accessKeys)) {
      const keyId = key?.accessKeyId;
      if (typeof keyId !== 'string') continue;
      items.push({
        id: `root-access-key:${id}:${keyId}`,
        rule: 'root-access-key',
        severity: 'high',
        title:
          key.status === 'Inactive' ? 'The root user has an inactive access key' : 'The root user has an access key',
        why:
          'A root access key carries the root user’s unrestricted access to every resource of the account, and no IAM policy can limit it. ' +
          'AWS recommends that the root user has no access keys: do the work with roles or IAM users that have only the permissions it needs, and delete the key.',
        subject: { kind: 'access-key', account: id, name: keyId, owner: 'root' },
        fix: {
          label: 'Delete the root access key',
          apply: (w) => {
            const out = copy(w);
            const root = list(out.accounts).find((a) => a?.id === id)?.root;
            if (root?.accessKeys) {
              root.accessKeys = root.accessKeys.filter((k) => k.accessKeyId !== keyId);
              if (root.accessKeys.length === 0) delete root.accessKeys;
            }
            return out;
          },
        },
      });
    }
  }
  return items;
};
