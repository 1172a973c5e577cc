/**
 * The checklist's shapes (re-exported by `../checklist.ts`, the contract the Account screen codes
 * against): a rule looks at the world at a time and answers its items, each with a pure fix.
 */
import type { World } from '../types';

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

/** A rule: the world and the time (milliseconds) in, its items out. Pure; never throws on odd data. */
export type CheckRule = (world: World, now: number) => CheckItem[];
