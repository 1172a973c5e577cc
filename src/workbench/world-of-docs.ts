/**
 * The workbench's documents and request as a small world, so the workbench decides through
 * `authorize` like every other path. The principal is a user or role of that world carrying the
 * identity documents (inline or managed, as each is stored) and the boundary; session documents
 * are the session's policies; the resource carries the resource document (a role ARN's is also
 * the role's trust policy, for sts:AssumeRole*); SCPs and RCPs sit on an organization path whose
 * levels are the workbench's levels (root, OUs, account) with the level names the tabs show. An
 * organization with no id adds no `aws:PrincipalOrgID` keys, as the workbench never did.
 *
 * The answer names each document by its workbench id (`policyId`), and the refusal screen judges
 * each by its kind and how it is stored (`screenOfDocs`): a user's inline policies share one limit.
 */
import type { Finding } from '../engine/diagnostics';
import type { Policy } from '../engine/model';
import { parseCaller } from '../engine/caller';
import { arnAccount } from '../engine/arn';
import { inlineSizeFindings } from '../engine/validate';
import type { PolicyKind } from '../engine/validate';
import { UNNAMED_ACCOUNT } from '../world/authorize';
import type { SessionFacts } from '../world/authorize';
import { judge, screenDocument } from '../world/documents';
import { uniqueIdFrom } from '../world/from-case';
import type { Screen, Screened } from '../world/documents';
import type { Account, InlinePolicy, ManagedPolicy, OrgPolicy, OrgUnit, Role, User, World } from '../world/types';
import type { DocInput, DocKind, OrgLevel } from './types';
import { ORG_LEVEL_ORDER, orgLevelName, sizeKind } from './types';

export type ParseFn = (text: string) => { policy?: Policy; findings: Finding[] };
/** Every finding of a document (parse and validation), as the editor shows them; `size`: the size limit it is held to. */
export type ValidateFn = (text: string, kind: DocKind, size?: PolicyKind) => Finding[];

export interface DocsWorld {
  world: World;
  /** How the session was created: its policies are the session documents. */
  session?: SessionFacts;
  /** The workbench document of each world id the gathering gives. */
  docOf: Map<string, DocInput>;
  /** Documents left out before the world is made (a second resource policy or boundary), and why. */
  skipped: { docId: string; name: string; reason: string }[];
}

/** A second document of a kind the request takes once: it is left out, and the person told why. */
function onlyFirst(doc: DocInput, rule: string): DocsWorld['skipped'][number] {
  return { docId: doc.id, name: doc.name, reason: `${rule}; only the first one counts` };
}

const version = (text: string): ManagedPolicy['versions'] => [{ versionId: 'v1', document: text }];

/** `/a/b/` and `name` of an IAM ARN's resource part after `user/` or `role/`. */
function pathAndName(arn: string): { path: string; name: string } {
  const rest = arn.slice(arn.indexOf('/') + 1);
  const cut = rest.lastIndexOf('/');
  return { path: cut < 0 ? '/' : `/${rest.slice(0, cut + 1)}`, name: rest.slice(cut + 1) };
}

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/.+$/;

/**
 * The world of the documents for a request by `principal` on `resource` (owned by
 * `resourceAccount` when given). A principal that cannot be read makes a world without it: the
 * decision then answers with the principal's problem.
 */
export function worldOfDocs(
  docs: DocInput[],
  request: { principal: string; resource: string; resourceAccount?: string; userid?: string },
): DocsWorld {
  const world: World = { accounts: [] };
  const docOf = new Map<string, DocInput>();
  const skipped: DocsWorld['skipped'] = [];
  const parsed = parseCaller(request.principal);
  const caller = parsed.ok ? parsed.value : undefined;
  const account = caller?.account;
  // A unique id the request's `aws:userid` gives the caller is the user's or role's own.
  const id = caller ? uniqueIdFrom(caller, request.userid) : undefined;

  let resourceDoc: DocInput | undefined;
  let boundaryDoc: DocInput | undefined;
  const identity: DocInput[] = [];
  const session: DocInput[] = [];
  const scps = new Map<OrgLevel, DocInput[]>();
  const rcps = new Map<OrgLevel, DocInput[]>();
  for (const doc of docs) {
    switch (doc.kind) {
      case 'identity':
        identity.push(doc);
        break;
      case 'resource':
        if (resourceDoc) skipped.push(onlyFirst(doc, 'a request has one resource policy'));
        else resourceDoc = doc;
        break;
      case 'boundary':
        if (boundaryDoc) skipped.push(onlyFirst(doc, 'a principal has one permissions boundary'));
        else boundaryDoc = doc;
        break;
      case 'session':
        session.push(doc);
        break;
      case 'scp':
      case 'rcp': {
        const map = doc.kind === 'scp' ? scps : rcps;
        const level = doc.level ?? 'root';
        if (!map.has(level)) map.set(level, []);
        map.get(level)!.push(doc);
        break;
      }
    }
  }

  // The principal, holding the identity documents and the boundary.
  const managed: ManagedPolicy[] = [];
  const managedArn = (doc: DocInput) =>
    doc.storedAs === 'aws-managed'
      ? `arn:aws:iam::aws:policy/${doc.id}`
      : `arn:aws:iam::${account ?? '000000000000'}:policy/${doc.id}`;
  const attach = (doc: DocInput): string => {
    const arn = managedArn(doc);
    managed.push({ arn, versions: version(doc.text), defaultVersion: 'v1' });
    docOf.set(arn, doc);
    return arn;
  };
  const holder = (owner: string, inlineKind: 'user-inline' | 'role-inline') => {
    const inlinePolicies: InlinePolicy[] = [];
    const managedPolicies: string[] = [];
    for (const doc of identity) {
      if (doc.storedAs === inlineKind) {
        inlinePolicies.push({ name: doc.id, document: doc.text });
        docOf.set(`${owner}:inline/${doc.id}`, doc);
      } else managedPolicies.push(attach(doc));
    }
    const out: { inlinePolicies?: InlinePolicy[]; managedPolicies?: string[]; permissionsBoundary?: string } = {};
    if (inlinePolicies.length > 0) out.inlinePolicies = inlinePolicies;
    if (managedPolicies.length > 0) out.managedPolicies = managedPolicies;
    if (boundaryDoc) out.permissionsBoundary = attach(boundaryDoc);
    return out;
  };
  const roles: Role[] = [];
  let facts: SessionFacts | undefined;
  if (caller && account && (caller.kind === 'user' || caller.kind === 'federated-user')) {
    const { path, name } = pathAndName(caller.arn);
    const user: User = { account, path, name, ...holder(`user${path}${name}`, 'user-inline') };
    if (id && caller.kind === 'user') user.id = id;
    world.users = [user];
    if (caller.kind === 'federated-user') facts = { createdBy: `arn:aws:iam::${account}:user${path}${name}` };
  } else if (caller && account && (caller.kind === 'role' || caller.kind === 'assumed-role')) {
    const { path, name } = pathAndName(caller.kind === 'role' ? caller.arn : caller.roleArn!);
    const role: Role = { account, path, name, trustPolicy: '', ...holder(`role${path}${name}`, 'role-inline') };
    if (id) role.id = id;
    roles.push(role);
  }
  if (managed.length > 0) world.managedPolicies = managed;
  if (session.length > 0) {
    (facts ??= {}).policies = session.map((d) => d.text);
    session.forEach((d, i) => docOf.set(`session:${i}`, d));
  }

  // The resource and its policy; on a role's ARN, the policy is also the role's trust policy.
  if (resourceDoc) {
    world.resources = [{ arn: request.resource, policy: resourceDoc.text }];
    docOf.set(request.resource, resourceDoc);
    const role = ROLE_ARN.exec(request.resource);
    if (role) {
      const { path, name } = pathAndName(request.resource);
      const target = roles.find((r) => r.account === role[1] && r.name === name && r.path === path);
      if (target) target.trustPolicy = resourceDoc.text;
      else roles.push({ account: role[1], path, name, trustPolicy: resourceDoc.text });
      docOf.set(`role${path}${name}:trust`, resourceDoc);
    }
  }
  if (roles.length > 0) world.roles = roles;

  // The organization: the workbench's levels, root first, on the principal's and the resource's paths.
  const principalAccount = account ?? UNNAMED_ACCOUNT;
  const ownerAccount = request.resourceAccount ?? arnAccount(request.resource) ?? account ?? UNNAMED_ACCOUNT;
  const accounts = new Map<string, Account>();
  for (const a of [principalAccount, ownerAccount]) accounts.set(a, { id: a, name: orgLevelName('account') });
  if (scps.size > 0 || rcps.size > 0) {
    const policies: OrgPolicy[] = [];
    const idsAt = (map: Map<OrgLevel, DocInput[]>, level: OrgLevel, type: 'SCP' | 'RCP') =>
      map.get(level)?.map((doc) => {
        policies.push({ id: doc.id, type, document: doc.text });
        docOf.set(doc.id, doc);
        return doc.id;
      });
    const root: OrgUnit = { id: 'r-workbench', name: orgLevelName('root') };
    const rootScps = idsAt(scps, 'root', 'SCP');
    const rootRcps = idsAt(rcps, 'root', 'RCP');
    if (rootScps) root.scps = rootScps;
    if (rootRcps) root.rcps = rootRcps;
    const org = {
      id: '',
      managementAccount: 'none',
      root,
      policies,
      accountScps: {} as Record<string, string[]>,
      accountRcps: {} as Record<string, string[]>,
    };
    const ous = ORG_LEVEL_ORDER.filter((l) => l !== 'root' && l !== 'account');
    const path = (a: string, withScps: boolean, withRcps: boolean) => {
      let node = root;
      for (const level of ous) {
        const s = withScps ? scps.get(level) : undefined;
        const r = withRcps ? rcps.get(level) : undefined;
        if (!s && !r) continue;
        const ou: OrgUnit = { id: `ou-workbench-${a || 'unnamed'}-${level}`, name: orgLevelName(level) };
        if (s) ou.scps = s.map((d) => d.id);
        if (r) ou.rcps = r.map((d) => d.id);
        (node.children ??= []).push(ou);
        node = ou;
      }
      (node.accounts ??= []).push(a);
      const s = withScps ? scps.get('account') : undefined;
      const r = withRcps ? rcps.get('account') : undefined;
      if (s) org.accountScps[a] = s.map((d) => d.id);
      if (r) org.accountRcps[a] = r.map((d) => d.id);
    };
    for (const level of ORG_LEVEL_ORDER) {
      if (level === 'root') continue;
      idsAt(scps, level, 'SCP');
      idsAt(rcps, level, 'RCP');
    }
    if (principalAccount === ownerAccount) path(principalAccount, true, true);
    else {
      path(principalAccount, true, false);
      path(ownerAccount, false, true);
    }
    world.organization = org;
  }
  world.accounts = [...accounts.values()];
  const out: DocsWorld = { world, docOf, skipped };
  if (facts) out.session = facts;
  return out;
}

/**
 * The refusal screen for the workbench's documents, by the document each world id is: parse and
 * validate (with the catalogue) once per document, holding it to the size limit of how it is
 * stored; a user's inline policies share 2,048 characters, in the order they are listed.
 */
export function screenOfDocs(
  docs: DocInput[],
  docOf: Map<string, DocInput>,
  parse: ParseFn,
  validate: ValidateFn | undefined,
): Screen {
  const totals = new Map<string, Finding[]>();
  if (validate) {
    const userInline = docs.filter((d) => d.kind === 'identity' && d.storedAs === 'user-inline');
    inlineSizeFindings(
      userInline.map((d) => d.text),
      'user-inline',
    ).forEach((f, i) => totals.set(userInline[i].id, f));
  }
  const screened = new Map<string, Screened>();
  return (_document, place) => {
    const doc = docOf.get(place.id);
    if (!doc) return screenDocument(_document, place);
    let s = screened.get(doc.id);
    if (!s) {
      const p = parse(doc.text);
      s = judge(p.policy, p.findings, () => {
        if (!validate) return [];
        const total = totals.get(doc.id);
        const size = total ? undefined : sizeKind(doc.kind, doc.storedAs);
        return [...validate(doc.text, doc.kind, size), ...(total ?? [])];
      });
      screened.set(doc.id, s);
    }
    return s;
  };
}
