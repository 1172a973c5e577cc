import { describe, expect, it } from 'vitest';
import type { CheckItem } from '../../world/checklist';
import type { World } from '../../world/types';
import { groupBySeverity, subjectHref, subjectLabel } from './checklist-view';

// A tiny local rule (the real rules live in src/world/checklist.ts): a user without MFA.
function usersWithoutMfa(world: World): CheckItem[] {
  return (world.users ?? [])
    .filter((u) => !u.mfaDevices?.length)
    .map((u) => ({
      id: `console-user-mfa:${u.account}:${u.name}`,
      rule: 'console-user-mfa',
      severity: u.loginProfile ? 'medium' : 'low',
      title: `${u.name} has no MFA device`,
      why: 'test rule',
      subject: { kind: 'user', account: u.account, name: u.name },
    }));
}

const world: World = {
  accounts: [{ id: '111122223333' }],
  users: [
    { account: '111122223333', name: 'ann', loginProfile: { createDate: '2026-01-01T00:00:00Z' } },
    { account: '111122223333', name: 'bo' },
    { account: '111122223333', name: 'cy', loginProfile: { createDate: '2026-01-01T00:00:00Z' } },
  ],
};

describe('the checklist panel', () => {
  it('groups items by severity, most severe first, keeping the rules’ order', () => {
    const rootKey: CheckItem = {
      id: 'root-access-key:111122223333:AKIAEXAMPLE',
      rule: 'root-access-key',
      severity: 'high',
      title: 'The root user has an access key',
      why: 'test rule',
      subject: { kind: 'access-key', account: '111122223333', name: 'AKIAEXAMPLE', owner: 'root' },
    };
    const groups = groupBySeverity([...usersWithoutMfa(world), rootKey]);
    expect(groups.map((g) => [g.label, g.items.map((i) => i.title)])).toEqual([
      ['High severity', ['The root user has an access key']],
      ['Medium severity', ['ann has no MFA device', 'cy has no MFA device']],
      ['Low severity', ['bo has no MFA device']],
    ]);
  });

  it('shows no group at all for an empty checklist', () => {
    expect(groupBySeverity([])).toEqual([]);
  });

  it('links each subject to its page in the Account section', () => {
    const a = '111122223333';
    expect(subjectHref({ kind: 'root', account: a })).toBe('/account/root');
    expect(subjectHref({ kind: 'user', account: a, name: 'ann' })).toBe('/account/users/ann');
    expect(subjectHref({ kind: 'role', account: a, name: 'web+app' })).toBe('/account/roles/web%2Bapp');
    expect(subjectHref({ kind: 'access-key', account: a, name: 'AKIA1', owner: 'root' })).toBe('/account/root');
    expect(subjectHref({ kind: 'access-key', account: a, name: 'AKIA1', owner: 'bo' })).toBe('/account/users/bo');
    expect(subjectHref({ kind: 'resource', account: a, name: 'arn:aws:s3:::pics' })).toBe(
      '/account/resources/arn%3Aaws%3As3%3A%3A%3Apics',
    );
    expect(subjectLabel({ kind: 'access-key', account: a, name: 'AKIA1', owner: 'root' })).toBe('Open the root user');
    expect(subjectLabel({ kind: 'role', account: a, name: 'deploy' })).toBe('Open role deploy');
  });
});
