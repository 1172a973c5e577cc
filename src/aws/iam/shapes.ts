/**
 * The IAM API's XML shapes for the world's entities, element names and order as the botocore
 * model (`iam/2010-05-08/service-2.json`) gives them: `User`, `Group`, `Role`, `Policy`,
 * `PolicyVersion`, `AccessKey`, `InstanceProfile`, and the `*Detail` shapes of
 * GetAccountAuthorizationDetails. Ids the world does not record are derived from the ARN, the
 * same each time.
 */
import { derivedUniqueId } from '../../engine/context';
import { groupArn, roleArn, userArn } from '../../world/edit';
import type { Group, InlinePolicy, ManagedPolicy, Role, Tags, User, World } from '../../world/types';
import { el, members } from '../protocol/xml';
import type { XmlNode } from '../protocol/xml';
import { encodedDocument } from './documents';
import type { InstanceProfileRecord } from './state';

/** The date of an entity the world gives none for (AWS always answers one). */
export const UNKNOWN_DATE = '2020-01-01T00:00:00Z';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable unique id for entities the world keeps no id for (groups, policies, profiles). */
export function derivedId(prefix: string, arn: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (let i = 0; i < arn.length; i++) {
    const c = arn.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  let out = prefix;
  for (let i = 0; i < 17; i++) {
    const h = i % 2 === 0 ? h1 : h2;
    out += ID_CHARS[(h >>> ((i * 5) % 27)) & 31];
    if (i % 2 === 1) {
      h1 = Math.imul(h1 ^ h2, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ h1, 0x5bd1e995) >>> 0;
    }
  }
  return out;
}

/** Dates as IAM writes them: ISO 8601, seconds, `Z`. */
export function iamDate(d: string | undefined): string {
  if (!d) return UNKNOWN_DATE;
  const ms = Date.parse(d);
  return Number.isNaN(ms) ? UNKNOWN_DATE : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const userId = (u: User) => u.id ?? derivedUniqueId('AIDA', userArn(u));
export const roleId = (r: Role) => r.id ?? derivedUniqueId('AROA', roleArn(r));
export const groupId = (g: Group) => derivedId('AGPA', groupArn(g));
export const policyId = (arn: string) => derivedId('ANPA', arn);

/** The path of a managed policy, from its ARN (`arn:aws:iam::ACCT:policy/a/b/NAME` → `/a/b/`). */
export function policyPath(arn: string): string {
  const at = arn.indexOf(':policy/');
  if (at < 0) return '/';
  const rest = arn.slice(at + ':policy'.length);
  return rest.slice(0, rest.lastIndexOf('/') + 1);
}

export function tagsXml(tags: Tags | undefined): XmlNode {
  const entries = Object.entries(tags ?? {});
  if (entries.length === 0) return undefined;
  return members(
    'Tags',
    entries.map(([k, v]) => [el('Key', k), el('Value', v)]),
  );
}

function boundaryXml(arn: string | undefined): XmlNode {
  if (!arn) return undefined;
  return el('PermissionsBoundary', [
    el('PermissionsBoundaryType', 'PermissionsBoundaryPolicy'),
    el('PermissionsBoundaryArn', arn),
  ]);
}

export function userXml(u: User): XmlNode {
  return [
    el('Path', u.path ?? '/'),
    el('UserName', u.name),
    el('UserId', userId(u)),
    el('Arn', userArn(u)),
    el('CreateDate', iamDate(u.createDate)),
    u.loginProfile?.passwordLastUsed ? el('PasswordLastUsed', iamDate(u.loginProfile.passwordLastUsed)) : undefined,
    boundaryXml(u.permissionsBoundary),
    tagsXml(u.tags),
  ];
}

export function groupXml(g: Group): XmlNode {
  return [
    el('Path', g.path ?? '/'),
    el('GroupName', g.name),
    el('GroupId', groupId(g)),
    el('Arn', groupArn(g)),
    el('CreateDate', UNKNOWN_DATE),
  ];
}

export function roleXml(r: Role, withDocument = true): XmlNode {
  return [
    el('Path', r.path ?? '/'),
    el('RoleName', r.name),
    el('RoleId', roleId(r)),
    el('Arn', roleArn(r)),
    el('CreateDate', iamDate(r.createDate)),
    withDocument ? el('AssumeRolePolicyDocument', encodedDocument(r.trustPolicy)) : undefined,
    r.description !== undefined ? el('Description', r.description) : undefined,
    el('MaxSessionDuration', r.maxSessionDuration ?? 3600),
    boundaryXml(r.permissionsBoundary),
    tagsXml(r.tags),
    el('RoleLastUsed', r.lastUsedDate ? el('LastUsedDate', iamDate(r.lastUsedDate)) : ''),
  ];
}

/** How many users, groups and roles have the policy attached, and how many use it as a boundary. */
export function usage(world: World, arn: string): { attachments: number; boundaries: number } {
  let attachments = 0;
  let boundaries = 0;
  for (const x of [...(world.users ?? []), ...(world.groups ?? []), ...(world.roles ?? [])]) {
    if (x.managedPolicies?.includes(arn)) attachments++;
    if ('permissionsBoundary' in x && x.permissionsBoundary === arn) boundaries++;
  }
  return { attachments, boundaries };
}

export function policyXml(world: World, p: ManagedPolicy, withDescription = true): XmlNode {
  const { attachments, boundaries } = usage(world, p.arn);
  const latest = p.versions.reduce<string | undefined>(
    (d, v) => (v.createDate && (!d || v.createDate > d) ? v.createDate : d),
    p.createDate,
  );
  return [
    el('PolicyName', p.arn.slice(p.arn.lastIndexOf('/') + 1)),
    el('PolicyId', policyId(p.arn)),
    el('Arn', p.arn),
    el('Path', policyPath(p.arn)),
    el('DefaultVersionId', p.defaultVersion),
    el('AttachmentCount', attachments),
    el('PermissionsBoundaryUsageCount', boundaries),
    el('IsAttachable', true),
    withDescription && p.description !== undefined ? el('Description', p.description) : undefined,
    el('CreateDate', iamDate(p.createDate)),
    el('UpdateDate', iamDate(latest)),
  ];
}

export function versionXml(p: ManagedPolicy, versionId: string, withDocument: boolean): XmlNode {
  const v = p.versions.find((x) => x.versionId === versionId);
  if (!v) return undefined;
  return [
    withDocument ? el('Document', encodedDocument(v.document)) : undefined,
    el('VersionId', v.versionId),
    el('IsDefaultVersion', v.versionId === p.defaultVersion),
    el('CreateDate', iamDate(v.createDate ?? p.createDate)),
  ];
}

export function instanceProfileXml(world: World, p: InstanceProfileRecord): XmlNode {
  const roles = (world.roles ?? []).filter((r) => r.account === p.account && r.instanceProfiles?.includes(p.name));
  return [
    el('Path', p.path),
    el('InstanceProfileName', p.name),
    el('InstanceProfileId', p.id),
    el('Arn', `arn:aws:iam::${p.account}:instance-profile${p.path}${p.name}`),
    el('CreateDate', iamDate(p.createDate)),
    members(
      'Roles',
      roles.map((r) => roleXml(r)),
    ),
    tagsXml(p.tags),
  ];
}

const attachedXml = (list: string[] | undefined) =>
  members(
    'AttachedManagedPolicies',
    (list ?? []).map((arn) => [el('PolicyName', arn.slice(arn.lastIndexOf('/') + 1)), el('PolicyArn', arn)]),
  );

const inlineXml = (tag: string, list: InlinePolicy[] | undefined) =>
  members(
    tag,
    (list ?? []).map((p) => [el('PolicyName', p.name), el('PolicyDocument', encodedDocument(p.document))]),
  );

export function userDetailXml(u: User): XmlNode {
  return [
    el('Path', u.path ?? '/'),
    el('UserName', u.name),
    el('UserId', userId(u)),
    el('Arn', userArn(u)),
    el('CreateDate', iamDate(u.createDate)),
    inlineXml('UserPolicyList', u.inlinePolicies),
    members(
      'GroupList',
      (u.groups ?? []).map((g) => g),
    ),
    attachedXml(u.managedPolicies),
    boundaryXml(u.permissionsBoundary),
    tagsXml(u.tags),
  ];
}

export function groupDetailXml(g: Group): XmlNode {
  return [
    el('Path', g.path ?? '/'),
    el('GroupName', g.name),
    el('GroupId', groupId(g)),
    el('Arn', groupArn(g)),
    el('CreateDate', UNKNOWN_DATE),
    inlineXml('GroupPolicyList', g.inlinePolicies),
    attachedXml(g.managedPolicies),
  ];
}

export function roleDetailXml(world: World, r: Role, profile: (name: string) => InstanceProfileRecord): XmlNode {
  return [
    el('Path', r.path ?? '/'),
    el('RoleName', r.name),
    el('RoleId', roleId(r)),
    el('Arn', roleArn(r)),
    el('CreateDate', iamDate(r.createDate)),
    el('AssumeRolePolicyDocument', encodedDocument(r.trustPolicy)),
    members(
      'InstanceProfileList',
      (r.instanceProfiles ?? []).map((name) => instanceProfileXml(world, profile(name))),
    ),
    inlineXml('RolePolicyList', r.inlinePolicies),
    attachedXml(r.managedPolicies),
    boundaryXml(r.permissionsBoundary),
    tagsXml(r.tags),
    el('RoleLastUsed', r.lastUsedDate ? el('LastUsedDate', iamDate(r.lastUsedDate)) : ''),
  ];
}

export function policyDetailXml(world: World, p: ManagedPolicy): XmlNode {
  const { attachments, boundaries } = usage(world, p.arn);
  return [
    el('PolicyName', p.arn.slice(p.arn.lastIndexOf('/') + 1)),
    el('PolicyId', policyId(p.arn)),
    el('Arn', p.arn),
    el('Path', policyPath(p.arn)),
    el('DefaultVersionId', p.defaultVersion),
    el('AttachmentCount', attachments),
    el('PermissionsBoundaryUsageCount', boundaries),
    el('IsAttachable', true),
    p.description !== undefined ? el('Description', p.description) : undefined,
    el('CreateDate', iamDate(p.createDate)),
    el('UpdateDate', iamDate(p.createDate)),
    members(
      'PolicyVersionList',
      p.versions.map((v) => versionXml(p, v.versionId, true)),
    ),
  ];
}
