/**
 * `authorize(world, request)`: the one path from a world to a decision. It gathers the policies
 * that apply to a request (the caller's identity policies, groups, boundary and tags, the
 * resource's policy and tags, the SCPs and RCPs of the organization paths, a role's trust policy
 * for sts:AssumeRole*, the session's policies), screens each document once (a document IAM would
 * refuse is reported in `refused` and left out, or used fail-closed with `anyway`), fills the
 * request context, and decides with the engine's `evaluate`. The workbench and `iamplay eval`
 * make a small world of their documents and come here.
 */
import type { Finding, Result } from '../engine/diagnostics';
import type { ContextValue, PolicyType, Request } from '../engine/model';
import type { Caller, EvalRequest } from '../engine/evaluate/types';
import type { DecisionResult, PolicyEntry, PolicySet } from '../engine/decision/types';
import { parseCaller } from '../engine/caller';
import { buildContext, derivedUniqueId } from '../engine/context';
import { arnAccount } from '../engine/arn';
import { evaluate } from '../engine/authorize';
import { isAssumeRole } from '../engine/decision/applicability';
import { screenDocument } from './documents';
import type { DocPlace, Refusal, Screen, StoredAs } from './documents';
import { placement } from './organization';
import type { OrgPlacement } from './organization';
import { FULL_AWS_ACCESS } from './schema';
import { anonymousVerbs } from './public-access';
import type { InlinePolicy, ManagedPolicy, PolicyDocument, Role, S3Bucket, Tags, User, World } from './types';

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
  /**
   * For a federated user (`GetFederationToken`): the ARN of the IAM user whose credentials created
   * the session. Its identity policies and boundary are the session's, limited by the session policies.
   */
  createdBy?: string;
}

export interface WorldRequest extends Request {
  /** For role sessions and federated users: how the session was created. */
  session?: SessionFacts;
}

export interface AuthorizeOptions {
  trace?: boolean;
  /** Word the AccessDenied message (default true). */
  message?: boolean;
  /** The request time in milliseconds (default now): `aws:CurrentTime`, `aws:EpochTime`. */
  now?: number;
  /**
   * Decide as if no bucket had S3 Block Public Access on: the question "is this bucket policy
   * public?" (asked to apply `RestrictPublicBuckets`, and by the checklist) is about the policy itself.
   */
  ignoreBlockPublicAccess?: boolean;
  /** Resolves AWS managed policies that the world refers to but does not declare. */
  managedPolicy?: (arn: string) => ManagedPolicy | undefined;
  /** Reads and judges each gathered document (default: `screenDocument`); a cache may sit underneath. */
  screen?: Screen;
  /** Decide with refused documents anyway, fail-closed (an unreadable one is still left out). */
  anyway?: boolean;
  /** The id the answer gives a gathered document (default: the gathering's own id). */
  policyId?: (id: string) => string;
  /**
   * Evaluate only the organization levels that have a policy of their own attached. A level with
   * only AWS's default (`FullAWSAccess`, no RCP besides the implied `RCPFullAWSAccess`) allows
   * every request, so the decision is the same; the workbench and eval cases list only the levels
   * they were given.
   */
  attachedLevelsOnly?: boolean;
  /** The request's principal as already parsed (its `arn` is the request's `principal`): it is not parsed again. */
  caller?: Caller;
  /** Record every gathered document in `Gathered.documents` (default false). */
  documents?: boolean;
}

/** A gathered document IAM would refuse: left out, or used fail-closed with `anyway`. */
export interface RefusedDocument extends Refusal {
  id: string;
}

/** A gathered document as the world holds it, and where it came from (for showing it elsewhere). */
export interface GatheredDocument {
  /** The id the answer gives it. */
  id: string;
  type: PolicyType;
  document: PolicyDocument;
  /** Who or what holds it: `alice`, `developers (group)`, `Boundary`, an organization level's name. */
  from: string;
  /** The policy's own name: `inline S3Notes`, a managed policy's name, an SCP's id. */
  name: string;
  /** For SCPs and RCPs: the level (0 = root) of the list the decision gets. */
  level?: number;
  /** For identity policies and boundaries: how IAM stores it. */
  storedAs?: StoredAs;
  /** For SCPs and RCPs: the level on the organization path (0 = root, `of - 1` = the account). */
  pathLevel?: { index: number; of: number };
}

/** What applies to one request in a world, before deciding. */
export interface Gathered {
  set: PolicySet;
  /** The request as it will be evaluated: the caller and the filled context. */
  request: EvalRequest;
  resourceAccount: string | undefined;
  /** Gathered documents IAM would refuse, in the order they were gathered. */
  refused: RefusedDocument[];
  /** With the `documents` option: every document gathered (refused ones too), in the order gathered. */
  documents: GatheredDocument[];
  errors: Finding[];
}

export interface Authorized extends DecisionResult {
  /** The request as evaluated: the caller and the filled context. */
  request: EvalRequest;
  /** The policies that applied. */
  policies: PolicySet;
  /** Gathered documents IAM would refuse, in the order they were gathered. */
  refused: RefusedDocument[];
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

/**
 * The organization account of a caller or resource the request gives no account for (an anonymous
 * caller, a bucket ARN): a small world made from documents places its levels there; no real
 * account has this id.
 */
export const UNNAMED_ACCOUNT = '';

const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\//;

const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

class Gatherer {
  readonly errors: Finding[] = [];
  readonly refused: RefusedDocument[] = [];
  readonly documents: GatheredDocument[] = [];
  /** Who holds the documents being gathered (`alice`, `developers (group)`, …). */
  from = '';
  level: number | undefined;
  pathLevel: { index: number; of: number } | undefined;
  private readonly screen: Screen;
  constructor(
    readonly world: World,
    readonly options: AuthorizeOptions,
  ) {
    this.screen = options.screen ?? screenDocument;
  }

  /** Screens one document; `name` (the policy's own name, for `documents`) is worded only when asked for. */
  entry(doc: PolicyDocument, place: DocPlace, name?: () => string): PolicyEntry | undefined {
    const id = this.options.policyId ? this.options.policyId(place.id) : place.id;
    if (this.options.documents) {
      const d: GatheredDocument = {
        id,
        type: place.type,
        document: doc,
        from: this.from,
        name: name ? name() : place.id,
      };
      if (this.level !== undefined) d.level = this.level;
      if (this.pathLevel) d.pathLevel = this.pathLevel;
      if (place.storedAs) d.storedAs = place.storedAs;
      this.documents.push(d);
    }
    const s = this.screen(doc, place);
    if (s.refusal) {
      this.refused.push({ id, ...s.refusal });
      return this.options.anyway && s.failClosed ? { id, policy: s.failClosed } : undefined;
    }
    return s.policy ? { id, policy: s.policy } : undefined;
  }

  managed(arn: string, type: PolicyType): PolicyEntry | undefined {
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
    const storedAs: StoredAs = arn.startsWith('arn:aws:iam::aws:policy/') ? 'aws-managed' : 'managed';
    return this.entry(v.document, { id: arn, type, storedAs }, () => policyName(arn));
  }

  inline(owner: string, list: InlinePolicy[] | undefined, out: PolicyEntry[], storedAs: StoredAs): void {
    if (!list) return;
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      const place: DocPlace = { id: `${owner}:inline/${p.name}`, type: 'identity', storedAs };
      if (storedAs === 'user-inline' && i > 0) place.earlierInline = list.slice(0, i).map((x) => x.document);
      const e = this.entry(p.document, place, () => `inline ${p.name}`);
      if (e) out.push(e);
    }
  }

  managedList(list: string[] | undefined, out: PolicyEntry[], type: PolicyType): void {
    for (const arn of list ?? []) {
      const e = this.managed(arn, type);
      if (e) out.push(e);
    }
  }

  /** The user's own policies and its groups', in IAM's order: inline, managed, then each group's. */
  userPolicies(user: User, out: PolicyEntry[]): void {
    this.from = user.name;
    if (user.inlinePolicies)
      this.inline(`user${user.path ?? '/'}${user.name}`, user.inlinePolicies, out, 'user-inline');
    this.managedList(user.managedPolicies, out, 'identity');
    for (const name of user.groups ?? []) {
      const group = this.world.groups?.find((x) => x.account === user.account && x.name === name);
      if (!group) continue;
      this.from = `${group.name} (group)`;
      if (group.inlinePolicies)
        this.inline(`group${group.path ?? '/'}${group.name}`, group.inlinePolicies, out, 'group-inline');
      this.managedList(group.managedPolicies, out, 'identity');
    }
    this.from = '';
  }

  boundary(arn: string | undefined): PolicyEntry | undefined {
    if (!arn) return undefined;
    this.from = 'Boundary';
    const e = this.managed(arn, 'boundary');
    this.from = '';
    return e;
  }

  /** The SCPs or RCPs per level of a placement; with `attachedLevelsOnly`, the levels of AWS's default are left out. */
  orgLevels(place: OrgPlacement, type: 'SCP' | 'RCP'): { levels: PolicyEntry[][]; names: string[] } {
    const org = this.world.organization;
    const ids = type === 'SCP' ? place.scpLevels : place.rcpLevels;
    const defaults = type === 'SCP' ? place.scpDefault : place.rcpDefault;
    const levels: PolicyEntry[][] = [];
    const names: string[] = [];
    ids.forEach((level, i) => {
      if (this.options.attachedLevelsOnly && defaults[i]) return;
      const out: PolicyEntry[] = [];
      const refusedBefore = this.refused.length;
      this.from = place.levelNames[i];
      this.level = levels.length;
      this.pathLevel = { index: i, of: ids.length };
      for (const id of level) {
        const p = org?.policies?.find((x) => x.id === id && x.type === type);
        const policyType = type === 'SCP' ? 'scp' : 'rcp';
        if (p) {
          const e = this.entry(p.document, { id, type: policyType });
          if (e) out.push(e);
        } else if (type === 'SCP' && id === FULL_AWS_ACCESS) {
          const e = this.entry(FULL_AWS_ACCESS_DOCUMENT, { id: FULL_AWS_ACCESS, type: policyType });
          if (e) out.push(e);
        }
      }
      this.from = '';
      this.level = undefined;
      this.pathLevel = undefined;
      // A level whose only documents are refused and left out is as if nothing were attached there.
      if (this.options.attachedLevelsOnly && out.length === 0 && this.refused.length > refusedBefore) {
        for (const d of this.documents)
          if (d.level === levels.length && d.type === (type === 'SCP' ? 'scp' : 'rcp')) delete d.level;
        return;
      }
      levels.push(out);
      names.push(place.levelNames[i]);
    });
    return { levels, names };
  }
}

/** The world's S3 bucket a request is about (the bucket itself or one of its objects). */
function bucketOf(world: World, resource: string): S3Bucket | undefined {
  if (!resource.startsWith('arn:aws:s3:::')) return undefined;
  const slash = resource.indexOf('/');
  const arn = slash < 0 ? resource : resource.slice(0, slash);
  return world.resources?.find((r): r is S3Bucket => r.type === 's3-bucket' && r.arn === arn);
}

/**
 * S3 Block Public Access, `RestrictPublicBuckets` (S3 User Guide, "Blocking public access to your
 * Amazon S3 storage"; `PublicAccessBlockConfiguration`): when a bucket's policy is public, it
 * grants nothing to anyone but AWS service principals and the bucket owner's account — public and
 * cross-account access within it is blocked, even to named accounts. Its Deny statements still
 * apply, so only they are kept; a note says why.
 */
function restrictPublicBucket(
  world: World,
  request: WorldRequest,
  caller: Caller,
  resourceAccount: string | undefined,
  set: PolicySet,
  g: Gatherer,
): void {
  const bucket = bucketOf(world, request.resource);
  if (bucket?.blockPublicAccess?.restrictPublicBuckets !== true || bucket.policy === undefined) return;
  if (caller.kind === 'service' || (caller.account !== undefined && caller.account === resourceAccount)) return;
  const now = g.options.now;
  const isPublic =
    anonymousVerbs(bucket, (probe) => {
      const r = authorize(world, probe, { trace: false, message: false, now, ignoreBlockPublicAccess: true });
      return r.ok && r.value.decision === 'Allow';
    }).length > 0;
  if (!isPublic || !set.resource) return;
  const { id, policy } = set.resource;
  set.resource = {
    id,
    policy: { ...policy, statements: policy.statements.filter((st) => st.effect?.value === 'Deny') },
  };
  g.errors.push({
    ...issue(
      'evaluate.world.restrict-public-buckets',
      `the bucket \`${bucket.arn.slice('arn:aws:s3:::'.length)}\` blocks public access (\`RestrictPublicBuckets\`): its public policy grants nothing outside account \`${resourceAccount ?? bucket.account ?? ''}\``,
      'S3 Block Public Access keeps a public bucket policy from granting access to anyone but AWS services and the bucket owner’s account; its Deny statements still apply',
    ),
    severity: 'WARNING',
  });
}

function findUser(world: World, caller: Caller): User | undefined {
  return world.users?.find((u) => arnOf('user', u.account, u.name, u.path) === caller.arn);
}

function findRole(world: World, caller: Caller): Role | undefined {
  if (caller.kind === 'role') return world.roles?.find((r) => arnOf('role', r.account, r.name, r.path) === caller.arn);
  const name = caller.arn.split('/')[1];
  return world.roles?.find((r) => r.account === caller.account && r.name === name);
}

/** What applies to a request in a world. Answers `{ ok: false }` only when the request itself is unusable. */
export function gather(world: World, request: WorldRequest, options: AuthorizeOptions = {}): Result<Gathered> {
  let caller: Caller;
  if (options.caller && options.caller.arn === request.principal) caller = options.caller;
  else {
    const parsed = parseCaller(request.principal);
    if (!parsed.ok) return parsed;
    caller = parsed.value;
  }
  const g = new Gatherer(world, options);
  const set: PolicySet = { identity: [] };
  let principalTags: Tags | undefined;
  let uniqueId: string | undefined;
  const session = request.session;

  if (caller.kind === 'user') {
    const user = findUser(world, caller);
    if (!user)
      return {
        ok: false,
        errors: [issue('evaluate.request.unknown-principal', `the user \`${caller.arn}\` is not in the world`)],
      };
    g.userPolicies(user, set.identity!);
    if (user.permissionsBoundary) {
      const b = g.boundary(user.permissionsBoundary);
      if (b) set.boundary = b;
    }
    principalTags = user.tags;
    // The caller carries a unique id the world gives; a derived one is the context's `aws:userid`,
    // which the engine reads when a resource policy may name it (the caller keeps its parsed shape).
    uniqueId = user.id ?? derivedUniqueId('AIDA', caller.arn);
    if (user.id) caller = { ...caller, uniqueId };
  } else if (caller.kind === 'role' || caller.kind === 'assumed-role') {
    const role = findRole(world, caller);
    if (!role)
      return {
        ok: false,
        errors: [issue('evaluate.request.unknown-principal', `the role of \`${caller.arn}\` is not in the world`)],
      };
    const roleArn = arnOf('role', role.account, role.name, role.path);
    uniqueId = role.id ?? derivedUniqueId('AROA', roleArn);
    if (role.id) caller = { ...caller, roleArn, uniqueId };
    else if (caller.roleArn !== roleArn) caller = { ...caller, roleArn };
    g.from = role.name;
    if (role.inlinePolicies)
      g.inline(`role${role.path ?? '/'}${role.name}`, role.inlinePolicies, set.identity!, 'role-inline');
    g.managedList(role.managedPolicies, set.identity!, 'identity');
    g.from = '';
    if (role.permissionsBoundary) {
      const b = g.boundary(role.permissionsBoundary);
      if (b) set.boundary = b;
    }
    principalTags = role.tags;
  } else if (caller.kind === 'federated-user' && session?.createdBy !== undefined) {
    // GetFederationToken: the IAM user's policies, limited by the session policies.
    const by = session.createdBy;
    const user = world.users?.find((u) => arnOf('user', u.account, u.name, u.path) === by);
    if (!user)
      return {
        ok: false,
        errors: [issue('evaluate.request.unknown-principal', `the user \`${by}\` is not in the world`)],
      };
    g.userPolicies(user, set.identity!);
    if (user.permissionsBoundary) {
      const b = g.boundary(user.permissionsBoundary);
      if (b) set.boundary = b;
    }
    principalTags = user.tags;
  }

  // Session policies limit role sessions and federated users (and a role acting as itself).
  if (session && (caller.kind === 'assumed-role' || caller.kind === 'federated-user' || caller.kind === 'role')) {
    const list: PolicyEntry[] = [];
    g.from = 'Session';
    (session.policies ?? []).forEach((doc, i) => {
      const e = g.entry(doc, { id: `session:${i}`, type: 'session' }, () => `policy ${i + 1}`);
      if (e) list.push(e);
    });
    g.managedList(session.policyArns, list, 'session');
    g.from = '';
    if (list.length > 0) set.session = list;
  }

  // The resource: its policy, tags and account; a role's trust policy for sts:AssumeRole*.
  const { action, resource } = request;
  let resourceTags: Tags | undefined;
  let resourceAccount = request.resourceAccount;
  if (isAssumeRole(action, resource)) {
    const target = world.roles?.find((r) => arnOf('role', r.account, r.name, r.path) === resource);
    if (target) {
      g.from = target.name;
      const e = g.entry(
        target.trustPolicy,
        { id: `role${target.path ?? '/'}${target.name}:trust`, type: 'trust' },
        () => 'trust policy',
      );
      if (e) set.resource = e;
      g.from = '';
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
    // A policy on a role's ARN is held to a trust policy's rules.
    if (found?.policy !== undefined) {
      g.from = found.arn;
      const e = g.entry(
        found.policy,
        { id: found.arn, type: ROLE_ARN.test(found.arn) ? 'trust' : 'resource' },
        () => 'resource policy',
      );
      if (e) set.resource = e;
      g.from = '';
    }
    if (exact) resourceTags = exact.tags;
    if (found?.account) resourceAccount ??= found.account;
    if (!exact && resource.startsWith('arn:aws:iam::')) {
      const iamRole = world.roles?.find((r) => arnOf('role', r.account, r.name, r.path) === resource);
      const iamUser = world.users?.find((u) => arnOf('user', u.account, u.name, u.path) === resource);
      resourceTags = iamRole?.tags ?? iamUser?.tags ?? resourceTags;
    }
  }
  resourceAccount ??= arnAccount(resource) ?? caller.account;
  if (set.resource && !options.ignoreBlockPublicAccess)
    restrictPublicBucket(world, request, caller, resourceAccount, set, g);

  // The organization: SCPs of the principal's account, RCPs of the resource's account.
  const accountName = (id: string | undefined) => world.accounts.find((a) => a.id === id)?.name;
  const principalAccount = caller.account ?? UNNAMED_ACCOUNT;
  const ownerAccount = resourceAccount ?? UNNAMED_ACCOUNT;
  const org = world.organization;
  const principalPlace = org ? placement(org, principalAccount, accountName(principalAccount)) : undefined;
  const resourcePlace =
    !org || ownerAccount === principalAccount
      ? principalPlace
      : placement(org, ownerAccount, accountName(ownerAccount));
  if (principalPlace && !principalPlace.management) {
    const { levels, names } = g.orgLevels(principalPlace, 'SCP');
    if (levels.length > 0) {
      set.scps = levels;
      set.scpLevelNames = names;
    }
  }
  if (resourcePlace && !resourcePlace.management) {
    const { levels, names } = g.orgLevels(resourcePlace, 'RCP');
    if (levels.length > 0) {
      set.rcps = levels;
      set.rcpLevelNames = names;
    }
  }

  const now = options.now ?? Date.now();
  const given: Record<string, ContextValue> = request.context ?? {};
  // An organization without an id (a small world made from documents) adds no organization keys.
  const context = buildContext(caller, resource, given, {
    resourceAccount,
    principalTags,
    sessionTags: session?.tags,
    resourceTags,
    principalOrgId: principalPlace?.orgId || undefined,
    principalOrgPath: principalPlace?.orgId ? principalPlace.path : undefined,
    resourceOrgId: resourcePlace?.orgId || undefined,
    resourceOrgPath: resourcePlace?.orgId ? resourcePlace.path : undefined,
    uniqueId,
    mfa: session?.mfa,
    now,
    tokenIssued: session?.issuedAt,
  });
  return {
    ok: true,
    value: {
      set,
      request: { caller, action, resource, context },
      resourceAccount,
      refused: g.refused,
      documents: g.documents,
      errors: g.errors,
    },
  };
}

/** Decides a request in a world. Answers `{ ok: false }` only when the request itself is unusable. */
export function authorize(world: World, request: WorldRequest, options: AuthorizeOptions = {}): Result<Authorized> {
  const gathered = gather(world, request, options);
  if (!gathered.ok) return gathered;
  const { set, request: evalRequest, resourceAccount, refused, errors } = gathered.value;
  // The engine's answer is new: it is completed in place.
  const value = evaluate(set, evalRequest, {
    trace: options.trace,
    message: options.message,
    resourceAccount,
  }) as Authorized;
  if (errors.length > 0) value.errors = [...errors, ...value.errors];
  value.request = evalRequest;
  value.policies = set;
  value.refused = refused;
  return { ok: true, value };
}
