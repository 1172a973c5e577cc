/** The policy documents an entity's page shows in its editor, each with how an edit is saved. */
import type { InlinePolicy, World } from '../../world/types';
import {
  isAwsManaged,
  policyName,
  setInlinePolicy,
  setPolicyDocument,
  setTrustPolicy,
  type Target,
} from '../../world/edit';
import type { EditorDoc } from './editor';
import { documentText } from './rows';

type Change = (label: string, fn: (w: World) => World) => void;

/** A managed policy's default document, editable when the account owns it. */
export function managedDoc(world: World, arn: string, change: Change, key = `managed:${arn}`): EditorDoc {
  const p = world.managedPolicies?.find((x) => x.arn === arn);
  const v = p?.versions.find((x) => x.versionId === p.defaultVersion);
  const aws = isAwsManaged(arn);
  const name = policyName(arn);
  if (!p || !v)
    return {
      key,
      label: name,
      sub: aws ? 'AWS managed policy' : 'Managed policy',
      text: '',
      kind: 'identity',
      readonly: aws
        ? 'This AWS managed policy is attached by ARN; the evaluation reads its document from the library.'
        : 'This policy is not in the account.',
    };
  return {
    key,
    label: name,
    sub: aws ? 'AWS managed policy' : `Customer managed policy, ${p.defaultVersion}`,
    text: documentText(v.document),
    kind: 'identity',
    ...(aws
      ? { storedAs: 'aws-managed' as const, readonly: 'AWS writes its managed policies: this one cannot be edited.' }
      : { save: (text: string) => change(`Edited the policy ${name}`, (w) => setPolicyDocument(w, arn, text)) }),
  };
}

function inlineDocs(target: Target, list: InlinePolicy[] | undefined, change: Change): EditorDoc[] {
  return (list ?? []).map((p) => ({
    key: `inline:${p.name}`,
    label: p.name,
    sub: 'Inline policy',
    text: documentText(p.document),
    kind: 'identity',
    ...(target.kind === 'user'
      ? { storedAs: 'user-inline' as const }
      : target.kind === 'role'
        ? { storedAs: 'role-inline' as const }
        : {}),
    save: (text: string) =>
      change(`Edited the inline policy ${p.name} of the ${target.kind} ${target.name}`, (w) =>
        setInlinePolicy(w, target, p.name, text),
      ),
  }));
}

/** A user's, group's or role's documents: a role's trust policy first, then inline, attached, and (for a user) its groups'. */
export function principalDocs(world: World, target: Target, change: Change): EditorDoc[] {
  const out: EditorDoc[] = [];
  if (target.kind === 'role') {
    const r = world.roles?.find((x) => x.account === target.account && x.name === target.name);
    if (!r) return out;
    out.push({
      key: 'trust',
      label: 'Trust policy',
      sub: 'Who may assume the role',
      text: documentText(r.trustPolicy),
      kind: 'resource',
      save: (text) =>
        change(`Edited the trust policy of the role ${r.name}`, (w) => setTrustPolicy(w, r.account, r.name, text)),
    });
    out.push(...inlineDocs(target, r.inlinePolicies, change));
    for (const arn of r.managedPolicies ?? []) out.push(managedDoc(world, arn, change));
    return out;
  }
  const holder =
    target.kind === 'user'
      ? world.users?.find((x) => x.account === target.account && x.name === target.name)
      : world.groups?.find((x) => x.account === target.account && x.name === target.name);
  if (!holder) return out;
  out.push(...inlineDocs(target, holder.inlinePolicies, change));
  for (const arn of holder.managedPolicies ?? []) out.push(managedDoc(world, arn, change));
  if (target.kind === 'user') {
    for (const gname of world.users?.find((u) => u === holder)?.groups ?? []) {
      const g = world.groups?.find((x) => x.account === target.account && x.name === gname);
      for (const p of g?.inlinePolicies ?? [])
        out.push({
          key: `group:${gname}:inline:${p.name}`,
          label: p.name,
          sub: `From the group ${gname}`,
          text: documentText(p.document),
          kind: 'identity',
          readonly: `This inline policy belongs to the group ${gname}: edit it on the group’s page.`,
        });
      for (const arn of g?.managedPolicies ?? []) {
        const d = managedDoc(world, arn, change, `group:${gname}:managed:${arn}`);
        out.push({
          ...d,
          sub: `From the group ${gname}`,
          readonly: d.readonly ?? `Attached to the group ${gname}: edit it on the policy’s page.`,
          save: undefined,
        });
      }
    }
  }
  return out;
}
