/**
 * The account's security checklist, after the IAM console's security recommendations and AWS's
 * IAM best practices: each rule looks at the world and says what is wrong, why it matters, and
 * offers a fix as a pure function of the world (the UI applies it and can undo it). The rules
 * live in `./checklist/`, one small file per subject; each fix returns a new world and leaves the
 * one it is given untouched.
 */
import type { CheckItem, CheckRule, CheckRuleId } from './checklist/types';
import type { World } from './types';
import { rootAccessKey, rootMfa } from './checklist/root';
import { consoleUserMfa, unusedAccessKey } from './checklist/users';
import { ec2StoredKeys } from './checklist/ec2';
import { publicBucket } from './checklist/public-bucket';
import { roleTrustsAccount, roleTrustsAnyone } from './checklist/role-trust';

export type { CheckItem, CheckRule, CheckRuleId, CheckSubject } from './checklist/types';
export { UNUSED_DAYS } from './checklist/users';

/** Every rule, in the order the checklist lists their items. */
export const CHECK_RULES: Record<CheckRuleId, CheckRule> = {
  'root-mfa': rootMfa,
  'root-access-key': rootAccessKey,
  'unused-access-key': unusedAccessKey,
  'console-user-mfa': consoleUserMfa,
  'ec2-stored-keys': ec2StoredKeys,
  'public-bucket': publicBucket,
  'role-trusts-anyone': roleTrustsAnyone,
  'role-trusts-account': roleTrustsAccount,
};

const ORDER: Record<CheckItem['severity'], number> = { high: 0, medium: 1, low: 2 };

/** Every finding of the checklist for the world, at time `now` (milliseconds; access-key age), most severe first. */
export function checkAccount(world: World, now: number): CheckItem[] {
  const items: CheckItem[] = [];
  for (const rule of Object.values(CHECK_RULES)) items.push(...rule(world, now));
  // A stable sort: within a severity, the rules' order and the world's order stay.
  return items.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
