/**
 * The account's security checklist, after the IAM console's security recommendations and AWS's
 * IAM best practices: each rule looks at the world and says what is wrong, why it matters, and
 * offers a fix as a pure function of the world (the UI applies it and can undo it).
 * (Contract stub: the checklist work fills the rules.)
 */
import type { World } from './types';

export type CheckRuleId =
  | 'root-mfa'
  | 'root-access-key'
  | 'unused-access-key'
  | 'console-user-mfa'
  | 'ec2-stored-keys'
  | 'public-bucket'
  | 'role-trusts-anyone'
  | 'role-trusts-account';

/** What a check item is about: an entity of the world, named so the UI can link to it. */
export interface CheckSubject {
  kind: 'root' | 'user' | 'role' | 'access-key' | 'resource';
  account: string;
  /** The user's or role's name, the resource's ARN, the access key's id; absent for the root user. */
  name?: string;
  /** For an access key: who holds it (`root` or the user's name). */
  owner?: string;
}

export interface CheckItem {
  /** Stable within one world: rule and subject (`root-access-key:111122223333:AKIA…`). */
  id: string;
  rule: CheckRuleId;
  severity: 'high' | 'medium' | 'low';
  /** One line: "The root user has an access key". */
  title: string;
  /** Why it matters and what AWS recommends, in a sentence or two. */
  why: string;
  subject: CheckSubject;
  /** The one-click fix, when there is one. */
  fix?: { label: string; apply: (world: World) => World };
}

/** Every finding of the checklist for the world, at time `now` (milliseconds; access-key age). */
export function checkAccount(_world: World, _now: number): CheckItem[] {
  return [];
}
