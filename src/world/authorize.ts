/**
 * `authorize(world, request)`: gathers the policies that apply to a request from the world (the
 * caller's identity policies, boundary and tags, the resource's policy and tags, the SCPs and RCPs
 * of the organization paths, a role's trust policy for sts:AssumeRole*), fills the request
 * context, and decides with the engine's `evaluate`.
 */
import type { Finding, Result } from '../engine/diagnostics';
import type { ContextValue, Request } from '../engine/model';
import type { Caller, EvalRequest } from '../engine/evaluate/types';
import type { DecisionResult, PolicyEntry, PolicySet } from '../engine/decision/types';
import { parseCaller } from '../engine/caller';
import { buildContext, derivedUniqueId } from '../engine/context';
import { arnAccount } from '../engine/arn';
import { evaluate } from '../engine/authorize';
import { isAssumeRole } from '../engine/decision/applicability';
import { parseDocument } from './documents';
import { placement } from './organization';
import { FULL_AWS_ACCESS } from './schema';
import type { InlinePolicy, ManagedPolicy, PolicyDocument, Role, Tags, User, World } from './types';

/** The AWS managed SCP attached by default at every level. */
export const FULL_AWS_ACCESS_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

export interface SessionFacts {
  /** Inline session policy (`Policy`) and managed session policies (`PolicyArns`). */
  policies?: PolicyDocument[];
  policyArns?: string[];
  /** Session tags: they override the role's tags in `aws:PrincipalTag/*`. */
  tags?: Tags;
  /** Whether MFA was used to create the session. */
  mfa?: boolean;
  /** When the session was created, in milliseconds since the epoch. */
  issuedAt?: number;
}

export interface WorldRequest extends Request {
  /** For role sessions and federated users: how the session was created. */
  session?: SessionFacts;
}

export interface AuthorizeOptions {
  trace?: boolean;
  /** The request time in milliseconds (default now): `aws:CurrentTime`, `aws:EpochTime`. */
  now?: number;
  /** Resolves AWS managed policies that the world refers to but does not declare. */
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
}

export interface Authorized extends DecisionResult {
  /** The request as evaluated: the caller and the filled context. */
  request: EvalRequest;
  /** The policies that applied. */
  policies: PolicySet;
}

function issue(code: string, message: string, help?: string): Finding {
  const f: Finding = {
    code,
    severity: 'ERROR',
    message,
    range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
  };
  if (help) f.help = help;
  return f;
}

function arnOf(kind: 'user' | 'role' | 'group', account: string, name: string, path?: string): string {
  return `arn:aws:iam::${account}:${kind}${path ?? '/'}${name}`;
}

class Gatherer {
  readonly errors: Finding[] = [];
  constructor(
    readonly world: World,
    readonly options: AuthorizeOptions,
  ) {}

  entry(id: string, doc: PolicyDocument): PolicyEntry | undefined {
    const parsed = parseDocument(doc);
    for (const f of parsed.findings)
      if (f.severity === 'ERROR') this.errors.push({ ...f, message: `in \`${id}\`: ${f.message}` });
    return parsed.policy ? { id, policy: parsed.policy } : undefined;
  }

  managed(arn: string): PolicyEntry | undefined {
    const m = this.world.managedPolicies?.find((p) => p.arn === arn) ?? this.options.managedPolicy?.(arn);
    if (!m) {
      this.errors.push(
        issue(
          'evaluate.world.unknown-policy',
          `the managed policy \`${arn}\` is not in the world`,
          'it is left out of the evaluation',
        ),
      );
      return undefined;
    }
    const v = m.versions.find((x) => x.versionId === m.defaultVersion);
    if (!v) {
      this.errors.push(
        issue('evaluate.world.unknown-policy', `the managed policy \`${arn}\` has no version \`${m.defaultVersion}\``),
      );
      return undefined;
    }
    return this.entry(arn, v.document);
  }

  inline(owner: string, list: InlinePolicy[] | undefined, out: PolicyEntry[]): void {
    for (const p of list ?? []) {
      const e = this.entry(`${owner}:inline/${p.name}`, p.document);
      if (e) out.push(e);
    }
  }

  managedList(list: string[] | undefined, out: PolicyEntry[]): void {
    for (const arn of list ?? []) {
      const e = this.managed(arn);
      if (e) out.push(e);
    }
  }

  orgLevels(ids: string[][], type: 'SCP' | 'RCP'): PolicyEntry[][] {
    const org = this.world.organization;
    return ids.map((level) => {
      const out: PolicyEntry[] = [];
      for (const id of level) {
        const p = org?.policies?.find((x) => x.id === id && x.type === type);
        if (p) {
          const e = this.entry(id, p.document);
          if (e) out.push(e);
        } else if (type === 'SCP' && id === FULL_AWS_ACCESS) {
          const e = this.entry(FULL_AWS_ACCESS, FULL_AWS_ACCESS_DOCUMENT);
          if (e) out.push(e);
        }
      }
      return out;
    });
  }
}

function findUser(world: World, caller: Caller): User | undefined {
  return world.users?.find((u) => arnOf('user', u.account, u.name, u.path) === caller.arn);
}

function findRole(world: World, caller: Caller): Role | undefined {
  if (caller.kind === 'role') return world.roles?.find((r) => arnOf('role', r.account, r.name, r.path) === caller.arn);
  const name = caller.arn.split('/')[1];
  return world.roles?.find((r) => r.account === caller.account && r.name === name);
}

/** Decides a request in a world. Answers `{ ok: false }` only when the request itself is unusable. */
export function authorize(world: World, request: WorldRequest, options: AuthorizeOptions = {}): Result<Authorized> {
  const parsed = parseCaller(request.principal);
  if (!parsed.ok) return parsed;
  let caller = parsed.value;
  const g = new Gatherer(world, options);
  const set: PolicySet = { identity: [] };
  let principalTags: Tags | undefined;
  let uniqueId: string | undefined;

  if (caller.kind === 'user') {
    const user = findUser(world, caller);
    if (!user)
      return {
        ok: false,
        errors: [issue('evaluate.request.unknown-principal', `the user \`${caller.arn}\` is not in the world`)],
      };
    const owner = `user${user.path ?? '/'}${user.name}`;
    g.inline(owner, user.inlinePolicies, set.identity!);
    g.managedList(user.managedPolicies, set.identity!);
    for (const name of user.groups ?? []) {
      const group = world.groups?.find((x) => x.account === user.account && x.name === name);
      if (!group) continue;
      g.inline(`group${group.path ?? '/'}${group.name}`, group.inlinePolicies, set.identity!);
      g.managedList(group.managedPolicies, set.identity!);
    }
    if (user.permissionsBoundary) set.boundary = g.managed(user.permissionsBoundary);
    principalTags = user.tags;
    uniqueId = user.id ?? derivedUniqueId('AIDA', caller.arn);
    caller = { ...caller, uniqueId };
  } else if (caller.kind === 'role' || caller.kind === 'assumed-role') {
    const role = findRole(world, caller);
    if (!role)
      return {
        ok: false,
        errors: [issue('evaluate.request.unknown-principal', `the role of \`${caller.arn}\` is not in the world`)],
      };
    const roleArn = arnOf('role', role.account, role.name, role.path);
    uniqueId = role.id ?? derivedUniqueId('AROA', roleArn);
    caller = { ...caller, roleArn, uniqueId };
    g.inline(`role${role.path ?? '/'}${role.name}`, role.inlinePolicies, set.identity!);
    g.managedList(role.managedPolicies, set.identity!);
    if (role.permissionsBoundary) set.boundary = g.managed(role.permissionsBoundary);
    principalTags = role.tags;
  }

  const session = request.session;
  if (session && (caller.kind === 'assumed-role' || caller.kind === 'federated-user')) {
    const list: PolicyEntry[] = [];
    (session.policies ?? []).forEach((doc, i) => {
      const e = g.entry(`session:${i}`, doc);
      if (e) list.push(e);
    });
    g.managedList(session.policyArns, list);
    if (list.length > 0) set.session = list;
  }

  // The resource: its policy, tags and account; a role's trust policy for sts:AssumeRole*.
  const { action, resource } = request;
  let resourceTags: Tags | undefined;
  let resourceAccount = request.resourceAccount;
  if (isAssumeRole(action, resource)) {
    const target = world.roles?.find((r) => arnOf('role', r.account, r.name, r.path) === resource);
    if (target) {
      set.resource = g.entry(`role${target.path ?? '/'}${target.name}:trust`, target.trustPolicy);
      resourceTags = target.tags;
      resourceAccount ??= target.account;
    }
  } else {
    const exact = world.resources?.find((r) => r.arn === resource);
    const bucket =
      !exact && resource.startsWith('arn:aws:s3:::') && resource.includes('/')
        ? world.resources?.find((r) => r.arn === resource.slice(0, resource.indexOf('/')))
        : undefined;
    const found = exact ?? bucket;
    if (found?.policy !== undefined) set.resource = g.entry(found.arn, found.policy);
    if (exact) resourceTags = exact.tags;
    if (found?.account) resourceAccount ??= found.account;
    if (!exact) {
      const iamRole = world.roles?.find((r) => arnOf('role', r.account, r.name, r.path) === resource);
      const iamUser = world.users?.find((u) => arnOf('user', u.account, u.name, u.path) === resource);
      resourceTags = iamRole?.tags ?? iamUser?.tags ?? resourceTags;
    }
  }
  resourceAccount ??= arnAccount(resource) ?? caller.account;

  // The organization: SCPs of the principal's account, RCPs of the resource's account.
  const accountName = (id: string | undefined) => world.accounts.find((a) => a.id === id)?.name;
  const principalPlace = placement(world.organization, caller.account, accountName(caller.account));
  const resourcePlace = placement(world.organization, resourceAccount, accountName(resourceAccount));
  if (principalPlace && !principalPlace.management) {
    set.scps = g.orgLevels(principalPlace.scpLevels, 'SCP');
    set.scpLevelNames = principalPlace.levelNames;
  }
  if (resourcePlace && !resourcePlace.management) {
    set.rcps = g.orgLevels(resourcePlace.rcpLevels, 'RCP');
    set.rcpLevelNames = resourcePlace.levelNames;
  }

  const now = options.now ?? Date.now();
  const given: Record<string, ContextValue> = request.context ?? {};
  const context = buildContext(caller, resource, given, {
    resourceAccount,
    principalTags,
    sessionTags: session?.tags,
    resourceTags,
    principalOrgId: principalPlace?.orgId,
    principalOrgPath: principalPlace?.path,
    resourceOrgId: resourcePlace?.orgId,
    resourceOrgPath: resourcePlace?.path,
    uniqueId,
    mfa: session?.mfa,
    now,
    tokenIssued: session?.issuedAt,
  });
  const evalRequest: EvalRequest = { caller, action, resource, context };
  const result = evaluate(set, evalRequest, { trace: options.trace, resourceAccount });
  return {
    ok: true,
    value: { ...result, errors: [...g.errors, ...result.errors], request: evalRequest, policies: set },
  };
}
