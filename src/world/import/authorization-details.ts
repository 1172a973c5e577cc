/**
 * `aws iam get-account-authorization-details` → a world.
 *
 * Reads the command's output (`UserDetailList`, `GroupDetailList`, `RoleDetailList`, `Policies`
 * with `PolicyVersionList`) as text or as an already parsed value, and answers a world: the
 * account (its id taken from the ARNs), users with their groups, inline and attached policies,
 * boundary and tags; groups; roles with their trust policy, instance profiles, last use, the
 * service-linked flag (`/aws-service-role/` path) and `MaxSessionDuration` when present; managed
 * policies with their versions. An AWS managed policy that is attached but not listed in
 * `Policies` stays a reference (its ARN), resolved from the library when evaluated; one that is
 * listed keeps only its default version (IAM keeps the history, the world the policy in effect).
 *
 * Never throws, and stays linear on hostile input: the text's nesting is checked before it is
 * parsed, URL-encoded documents are decoded without regular expressions, and what cannot be read
 * becomes a finding that names where (`RoleDetailList[12].AssumeRolePolicyDocument`). Plain data in,
 * plain data out, so it runs the same in the worker, in Node and in the CLI.
 */
import type { Finding, Severity } from '../../engine/diagnostics';
import { LineIndex } from '../../engine/diagnostics';
import { excessiveNestingAt } from '../../engine/nesting';
import { MAX_JSON_DEPTH } from '../../engine/parse';
import type {
  Account,
  Group,
  InlinePolicy,
  ManagedPolicy,
  PolicyDocument,
  PolicyVersion,
  Role,
  Tags,
  User,
  World,
} from '../types';
import { decodeDocument, jsonError } from './decode';
import type { JsonPath, PathIssue } from './locate';
import { formatPath, locate } from './locate';

/** The import's answer: a world and what could not be read (warnings and left-out parts), or why there is no world. */
export type ImportResult = ({ ok: true; value: World } | { ok: false; errors: Finding[] }) & {
  /** Every finding, also on success: parts left out, references dropped, a truncated page. */
  findings: Finding[];
};

const TOP_KEYS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'];
const AWS_MANAGED = 'arn:aws:iam::aws:policy/';
/** IAM's limit for a customer managed policy's versions. */
const MAX_VERSIONS = 5;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const tick = (s: string) => `\`${s.length > 200 ? `${s.slice(0, 200)}…` : s}\``;

/** `arn:PARTITION:iam::ACCOUNT:…` → ACCOUNT (12 digits), else undefined. */
function arnAccount(arn: string | undefined): string | undefined {
  if (!arn || !arn.startsWith('arn:')) return undefined;
  let colon = -1;
  for (let part = 0; part < 4; part++) {
    colon = arn.indexOf(':', colon + 1);
    if (colon < 0) return undefined;
  }
  const account = arn.slice(colon + 1, colon + 13);
  if (arn[colon + 13] !== ':' || account.length !== 12) return undefined;
  for (let i = 0; i < 12; i++) if (account.charCodeAt(i) < 48 || account.charCodeAt(i) > 57) return undefined;
  return account;
}

/** Sets an own property even for keys such as `__proto__` (a tag key may be any text). */
function put(o: Tags, key: string, value: string): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

class Importer {
  readonly issues: PathIssue[] = [];
  readonly accounts = new Map<string, JsonPath>();
  /** ARNs of the managed policies imported from `Policies`. */
  readonly declared = new Set<string>();
  /** ARNs named in `Policies`, imported or not. */
  readonly listed = new Set<string>();
  readonly groupNames = new Set<string>();
  constructor(readonly checkDepth: boolean) {}

  issue(
    path: JsonPath,
    message: string,
    severity: Severity = 'ERROR',
    code = 'parse.import.unreadable',
    help?: string,
  ) {
    const i: PathIssue = { code, severity, message, path };
    if (help) i.help = help;
    this.issues.push(i);
  }

  list(top: Obj, key: string): unknown[] {
    const v = top[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.issue([key], `\`${key}\` is not a list; it is left out`, 'ERROR', 'parse.import.shape');
      return [];
    }
    return v;
  }

  /** The entry's account, from its ARN; notes each account seen. */
  account(arn: string | undefined, path: JsonPath): string | undefined {
    const account = arnAccount(arn);
    if (!account) {
      this.issue(
        [...path, 'Arn'],
        `\`${formatPath([...path, 'Arn'])}\` is not an IAM ARN with an account; the entry is left out`,
      );
      return undefined;
    }
    if (!this.accounts.has(account)) this.accounts.set(account, [...path, 'Arn']);
    return account;
  }

  document(value: unknown, path: JsonPath, what: string): PolicyDocument | undefined {
    const d = decodeDocument(value, this.checkDepth);
    if (d.ok) return d.value;
    const kept = d.text !== undefined;
    this.issue(
      path,
      `${what} at \`${formatPath(path)}\` cannot be read: ${d.problem}`,
      'ERROR',
      'parse.import.document',
      kept
        ? 'it is kept as text, so the editor shows where; a request that needs it is denied until it is fixed'
        : 'it is left out',
    );
    return kept ? d.text : undefined;
  }

  inline(list: unknown, path: JsonPath, owner: string): InlinePolicy[] | undefined {
    if (list === undefined || list === null) return undefined;
    if (!Array.isArray(list)) {
      this.issue(path, `\`${formatPath(path)}\` is not a list; the inline policies of ${tick(owner)} are left out`);
      return undefined;
    }
    const out: InlinePolicy[] = [];
    list.forEach((p, i) => {
      const name = isObj(p) ? str(p.PolicyName) : undefined;
      if (!isObj(p) || name === undefined) {
        this.issue([...path, i], `\`${formatPath([...path, i])}\` has no \`PolicyName\`; it is left out`);
        return;
      }
      const doc = this.document(p.PolicyDocument, [...path, i, 'PolicyDocument'], `the inline policy ${tick(name)}`);
      if (doc !== undefined) out.push({ name, document: doc });
    });
    return out.length > 0 ? out : undefined;
  }

  /** Attached managed policies' ARNs; a customer managed policy not in `Policies` is dropped with a finding. */
  attached(list: unknown, path: JsonPath, owner: string): string[] | undefined {
    if (list === undefined || list === null) return undefined;
    if (!Array.isArray(list)) {
      this.issue(path, `\`${formatPath(path)}\` is not a list; the managed policies of ${tick(owner)} are left out`);
      return undefined;
    }
    const out: string[] = [];
    list.forEach((p, i) => {
      const arn = isObj(p) ? str(p.PolicyArn) : undefined;
      if (arn === undefined) {
        this.issue([...path, i], `\`${formatPath([...path, i])}\` has no \`PolicyArn\`; it is left out`);
        return;
      }
      if (this.policyRef(arn, [...path, i, 'PolicyArn'], owner) && !out.includes(arn)) out.push(arn);
    });
    return out.length > 0 ? out : undefined;
  }

  /** Whether a reference can be kept: AWS managed (resolved from the library) or listed in `Policies`. */
  policyRef(arn: string, path: JsonPath, owner: string): boolean {
    if (this.declared.has(arn) || isAwsManaged(arn)) return true;
    if (this.listed.has(arn)) {
      this.issue(
        path,
        `the managed policy ${tick(arn)} of ${tick(owner)} could not be read from \`Policies\`; it is left out`,
        'ERROR',
        'parse.import.missing-policy',
        'the finding on the policy itself says why; until it is fixed the permissions of this entity may differ from the account',
      );
      return false;
    }
    this.issue(
      path,
      `the managed policy ${tick(arn)} of ${tick(owner)} is not in \`Policies\`; it is left out`,
      'ERROR',
      'parse.import.missing-policy',
      'run the command without `--filter` so that every customer managed policy is listed; until then the permissions of this entity may differ from the account',
    );
    return false;
  }

  boundary(value: unknown, path: JsonPath, owner: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    const arn = isObj(value) ? str(value.PermissionsBoundaryArn) : undefined;
    if (arn === undefined) {
      this.issue(
        path,
        `\`${formatPath(path)}\` has no \`PermissionsBoundaryArn\`; the boundary of ${tick(owner)} is left out`,
      );
      return undefined;
    }
    return this.policyRef(arn, [...path, 'PermissionsBoundaryArn'], owner) ? arn : undefined;
  }

  tags(value: unknown, path: JsonPath): Tags | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.issue(path, `\`${formatPath(path)}\` is not a list of \`{ Key, Value }\`; the tags are left out`);
      return undefined;
    }
    const tags: Tags = {};
    let n = 0;
    value.forEach((t, i) => {
      const key = isObj(t) ? str(t.Key) : undefined;
      const val = isObj(t) ? str(t.Value) : undefined;
      if (key === undefined || val === undefined) {
        this.issue(
          [...path, i],
          `\`${formatPath([...path, i])}\` is not a \`{ Key, Value }\` pair of strings; it is left out`,
        );
        return;
      }
      put(tags, key, val);
      n++;
    });
    return n > 0 ? tags : undefined;
  }

  policy(p: unknown, i: number): ManagedPolicy | undefined {
    const path: JsonPath = ['Policies', i];
    const arn = isObj(p) ? str(p.Arn) : undefined;
    if (!isObj(p) || arn === undefined) {
      this.issue(path, `\`${formatPath(path)}\` has no \`Arn\`; it is left out`);
      return undefined;
    }
    const aws = isAwsManaged(arn);
    if (!aws && !this.account(arn, path)) return undefined;
    const versionsPath: JsonPath = [...path, 'PolicyVersionList'];
    const list = Array.isArray(p.PolicyVersionList) ? p.PolicyVersionList : [];
    let defaultVersion = str(p.DefaultVersionId);
    const versions: PolicyVersion[] = [];
    list.forEach((v, j) => {
      const vp: JsonPath = [...versionsPath, j];
      const id = isObj(v) ? str(v.VersionId) : undefined;
      if (!isObj(v) || id === undefined) {
        this.issue(vp, `\`${formatPath(vp)}\` has no \`VersionId\`; it is left out`);
        return;
      }
      if (v.IsDefaultVersion === true) defaultVersion ??= id;
      if (aws && id !== defaultVersion && v.IsDefaultVersion !== true) return; // AWS managed: the version in effect only
      const doc = this.document(v.Document, [...vp, 'Document'], `version ${tick(id)} of ${tick(arn)}`);
      if (doc === undefined) return;
      const version: PolicyVersion = { versionId: id, document: doc };
      const created = str(v.CreateDate);
      if (created) version.createDate = created;
      versions.push(version);
    });
    if (defaultVersion === undefined || !versions.some((v) => v.versionId === defaultVersion)) {
      this.issue(
        versionsPath,
        `the managed policy ${tick(arn)} has no readable default version; it is left out`,
        'ERROR',
        'parse.import.document',
      );
      return undefined;
    }
    if (versions.length > MAX_VERSIONS) {
      // IAM keeps at most five; keep the default and the newest others.
      const def = versions.find((v) => v.versionId === defaultVersion)!;
      const rest = versions
        .filter((v) => v !== def)
        .sort((a, b) => versionNumber(b.versionId) - versionNumber(a.versionId));
      const kept = [def, ...rest.slice(0, MAX_VERSIONS - 1)];
      this.issue(
        versionsPath,
        `the managed policy ${tick(arn)} lists ${versions.length} versions, more than IAM keeps (${MAX_VERSIONS}); the oldest are left out`,
        'WARNING',
        'parse.import.versions',
      );
      versions.splice(0, versions.length, ...versions.filter((v) => kept.includes(v)));
    }
    const m: ManagedPolicy = { arn, versions, defaultVersion };
    const description = str(p.Description);
    if (description) m.description = description;
    const created = str(p.CreateDate);
    if (created) m.createDate = created;
    return m;
  }

  user(u: unknown, i: number): User | undefined {
    const path: JsonPath = ['UserDetailList', i];
    const name = isObj(u) ? str(u.UserName) : undefined;
    if (!isObj(u) || name === undefined) {
      this.issue(path, `\`${formatPath(path)}\` has no \`UserName\`; it is left out`);
      return undefined;
    }
    const account = this.account(str(u.Arn), path);
    if (!account) return undefined;
    const user: User = { account, name };
    common(user, u);
    const id = str(u.UserId);
    if (id) user.id = id;
    const created = str(u.CreateDate);
    if (created) user.createDate = created;
    const groups = this.memberships(u.GroupList, [...path, 'GroupList'], name);
    if (groups) user.groups = groups;
    const inline = this.inline(u.UserPolicyList, [...path, 'UserPolicyList'], name);
    if (inline) user.inlinePolicies = inline;
    const managed = this.attached(u.AttachedManagedPolicies, [...path, 'AttachedManagedPolicies'], name);
    if (managed) user.managedPolicies = managed;
    const boundary = this.boundary(u.PermissionsBoundary, [...path, 'PermissionsBoundary'], name);
    if (boundary) user.permissionsBoundary = boundary;
    const tags = this.tags(u.Tags, [...path, 'Tags']);
    if (tags) user.tags = tags;
    return user;
  }

  memberships(list: unknown, path: JsonPath, owner: string): string[] | undefined {
    if (list === undefined || list === null) return undefined;
    if (!Array.isArray(list)) {
      this.issue(path, `\`${formatPath(path)}\` is not a list; the groups of ${tick(owner)} are left out`);
      return undefined;
    }
    const out: string[] = [];
    list.forEach((g, i) => {
      if (typeof g !== 'string') {
        this.issue([...path, i], `\`${formatPath([...path, i])}\` is not a group name; it is left out`);
      } else if (!this.groupNames.has(g)) {
        this.issue(
          [...path, i],
          `the group ${tick(g)} of ${tick(owner)} is not among the groups imported from \`GroupDetailList\`; the membership is left out`,
          'WARNING',
          'parse.import.missing-group',
        );
      } else if (!out.includes(g)) out.push(g);
    });
    return out.length > 0 ? out : undefined;
  }

  group(g: unknown, i: number): Group | undefined {
    const path: JsonPath = ['GroupDetailList', i];
    const name = isObj(g) ? str(g.GroupName) : undefined;
    if (!isObj(g) || name === undefined) {
      this.issue(path, `\`${formatPath(path)}\` has no \`GroupName\`; it is left out`);
      return undefined;
    }
    const account = this.account(str(g.Arn), path);
    if (!account) return undefined;
    const group: Group = { account, name };
    common(group, g);
    const inline = this.inline(g.GroupPolicyList, [...path, 'GroupPolicyList'], name);
    if (inline) group.inlinePolicies = inline;
    const managed = this.attached(g.AttachedManagedPolicies, [...path, 'AttachedManagedPolicies'], name);
    if (managed) group.managedPolicies = managed;
    return group;
  }

  role(r: unknown, i: number): Role | undefined {
    const path: JsonPath = ['RoleDetailList', i];
    const name = isObj(r) ? str(r.RoleName) : undefined;
    if (!isObj(r) || name === undefined) {
      this.issue(path, `\`${formatPath(path)}\` has no \`RoleName\`; it is left out`);
      return undefined;
    }
    const account = this.account(str(r.Arn), path);
    if (!account) return undefined;
    const trustPath: JsonPath = [...path, 'AssumeRolePolicyDocument'];
    if (r.AssumeRolePolicyDocument === undefined || r.AssumeRolePolicyDocument === null) {
      this.issue(
        trustPath,
        `the role ${tick(name)} has no trust policy at \`${formatPath(trustPath)}\`; it is left out`,
      );
      return undefined;
    }
    const trust = this.document(r.AssumeRolePolicyDocument, trustPath, `the trust policy of ${tick(name)}`);
    if (trust === undefined) return undefined;
    const role: Role = { account, name, trustPolicy: trust };
    common(role, r);
    const id = str(r.RoleId);
    if (id) role.id = id;
    const description = str(r.Description);
    if (description) role.description = description;
    const created = str(r.CreateDate);
    if (created) role.createDate = created;
    if (typeof r.MaxSessionDuration === 'number') {
      if (Number.isInteger(r.MaxSessionDuration) && r.MaxSessionDuration >= 3600 && r.MaxSessionDuration <= 43200)
        role.maxSessionDuration = r.MaxSessionDuration;
      else
        this.issue(
          [...path, 'MaxSessionDuration'],
          `\`${formatPath([...path, 'MaxSessionDuration'])}\` is ${r.MaxSessionDuration}, not a number of seconds from 3600 to 43200; it is left out`,
          'WARNING',
        );
    }
    const profiles = this.profiles(r.InstanceProfileList, [...path, 'InstanceProfileList']);
    if (profiles) role.instanceProfiles = profiles;
    if (role.path?.startsWith('/aws-service-role/')) role.serviceLinked = true;
    const lastUsed = isObj(r.RoleLastUsed) ? str(r.RoleLastUsed.LastUsedDate) : undefined;
    if (lastUsed) role.lastUsedDate = lastUsed;
    const inline = this.inline(r.RolePolicyList, [...path, 'RolePolicyList'], name);
    if (inline) role.inlinePolicies = inline;
    const managed = this.attached(r.AttachedManagedPolicies, [...path, 'AttachedManagedPolicies'], name);
    if (managed) role.managedPolicies = managed;
    const boundary = this.boundary(r.PermissionsBoundary, [...path, 'PermissionsBoundary'], name);
    if (boundary) role.permissionsBoundary = boundary;
    const tags = this.tags(r.Tags, [...path, 'Tags']);
    if (tags) role.tags = tags;
    return role;
  }

  profiles(list: unknown, path: JsonPath): string[] | undefined {
    if (list === undefined || list === null) return undefined;
    if (!Array.isArray(list)) {
      this.issue(path, `\`${formatPath(path)}\` is not a list; the instance profiles are left out`);
      return undefined;
    }
    const out: string[] = [];
    list.forEach((p, i) => {
      const name = isObj(p) ? str(p.InstanceProfileName) : undefined;
      if (name === undefined)
        this.issue([...path, i], `\`${formatPath([...path, i])}\` has no \`InstanceProfileName\`; it is left out`);
      else if (!out.includes(name)) out.push(name);
    });
    return out.length > 0 ? out : undefined;
  }
}

function isAwsManaged(arn: string): boolean {
  if (arn.startsWith(AWS_MANAGED)) return true;
  // Other partitions: arn:aws-cn:iam::aws:policy/…, arn:aws-us-gov:iam::aws:policy/…
  return arn.startsWith('arn:aws-') && arn.includes(':iam::aws:policy/');
}

function versionNumber(id: string): number {
  const n = Number(id.slice(1));
  return Number.isFinite(n) ? n : 0;
}

/** `Path` when it is not the default `/`. */
function common(target: { path?: string }, source: Obj): void {
  const path = str(source.Path);
  if (path && path !== '/') target.path = path;
}

const START = { line: 1, column: 1, offset: 0 };

function fatal(
  message: string,
  help?: string,
  code = 'parse.import.shape',
  at = { start: START, end: START },
): ImportResult {
  const f: Finding = { code, severity: 'ERROR', message, range: at };
  if (help) f.help = help;
  return { ok: false, errors: [f], findings: [f] };
}

const NOT_DETAILS_HELP =
  'paste the JSON that `aws iam get-account-authorization-details` prints: an object with `UserDetailList`, `GroupDetailList`, `RoleDetailList` and `Policies`';

function importValue(input: unknown, text: string | undefined): ImportResult {
  if (!isObj(input) || !TOP_KEYS.some((k) => k in input)) {
    return fatal('this is not the output of `aws iam get-account-authorization-details`', NOT_DETAILS_HELP);
  }
  const im = new Importer(text === undefined);
  const policiesIn = im.list(input, 'Policies');
  for (const p of policiesIn) if (isObj(p) && typeof p.Arn === 'string') im.listed.add(p.Arn);
  const groupsIn = im.list(input, 'GroupDetailList');

  const managedPolicies: ManagedPolicy[] = [];
  const seenPolicies = new Set<string>();
  policiesIn.forEach((p, i) => {
    const m = im.policy(p, i);
    if (!m) return;
    if (seenPolicies.has(m.arn)) {
      im.issue(['Policies', i], `the managed policy ${tick(m.arn)} is listed twice; the second is left out`, 'WARNING');
      return;
    }
    seenPolicies.add(m.arn);
    managedPolicies.push(m);
  });
  // References are checked against what was imported: a policy or group left out is no target.
  for (const m of managedPolicies) im.declared.add(m.arn);
  const dedupe = <T extends { name: string; account: string }>(
    list: unknown[],
    key: string,
    read: (v: unknown, i: number) => T | undefined,
    what: string,
  ): T[] => {
    const out: T[] = [];
    const seen = new Set<string>();
    list.forEach((v, i) => {
      const x = read(v, i);
      if (!x) return;
      const id = `${x.account}/${x.name}`;
      if (seen.has(id)) {
        im.issue([key, i], `the ${what} ${tick(x.name)} is listed twice; the second is left out`, 'WARNING');
        return;
      }
      seen.add(id);
      out.push(x);
    });
    return out;
  };
  const groups = dedupe(groupsIn, 'GroupDetailList', (g, i) => im.group(g, i), 'group');
  for (const g of groups) im.groupNames.add(g.name);
  const users = dedupe(im.list(input, 'UserDetailList'), 'UserDetailList', (u, i) => im.user(u, i), 'user');
  const roles = dedupe(im.list(input, 'RoleDetailList'), 'RoleDetailList', (r, i) => im.role(r, i), 'role');

  if (input.IsTruncated === true) {
    im.issue(
      ['IsTruncated'],
      'the output is one page of several (`IsTruncated` is true); what the other pages hold is missing',
      'WARNING',
      'parse.import.truncated',
      'run the command without `--max-items`, or with `--no-paginate` left off, so that the AWS CLI gathers every page',
    );
  }
  const accountIds = [...im.accounts.keys()];
  if (accountIds.length > 1) {
    const [first, ...others] = accountIds;
    im.issue(
      im.accounts.get(others[0])!,
      `the ARNs name more than one account (${tick(first)} and ${others.map(tick).join(', ')}); the world has one per account`,
      'WARNING',
      'parse.import.accounts',
    );
  }
  const findings = locate(im.issues, text);
  if (accountIds.length === 0) {
    const f: Finding = {
      code: 'parse.import.no-account',
      severity: 'ERROR',
      message: 'no ARN in the file names an account, so there is no account to import',
      help: 'an account with no users, groups, roles or customer managed policies has nothing to import',
      range: { start: START, end: START },
    };
    return { ok: false, errors: [...findings.filter((x) => x.severity === 'ERROR'), f], findings: [...findings, f] };
  }
  const accounts: Account[] = accountIds.map((id) => ({ id }));
  const world: World = { accounts };
  if (users.length) world.users = users;
  if (groups.length) world.groups = groups;
  if (roles.length) world.roles = roles;
  if (managedPolicies.length) world.managedPolicies = managedPolicies;
  return { ok: true, value: world, findings };
}

/**
 * Reads the command's JSON output (text or a parsed value) into a world; never throws. On success
 * `findings` lists what was left out or looks wrong, each naming where it sits.
 */
export function importAuthorizationDetails(input: string | unknown): ImportResult {
  try {
    if (typeof input !== 'string') return importValue(input, undefined);
    const text = input.charCodeAt(0) === 0xfeff ? ' ' + input.slice(1) : input;
    const deep = excessiveNestingAt(text);
    if (deep >= 0) {
      return fatal(
        `the file nests deeper than ${MAX_JSON_DEPTH} levels`,
        'the output of `get-account-authorization-details` nests about a dozen levels; check for a runaway bracket',
        'parse.too-deep',
        new LineIndex(text).range(deep, 1),
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const e = jsonError(text);
      return fatal(
        `the file is not valid JSON: ${e.message}`,
        undefined,
        'parse.json-syntax',
        new LineIndex(text).range(e.offset, 1),
      );
    }
    return importValue(value, text);
  } catch (e) {
    return fatal('the file could not be read', String(e), 'parse.import.internal');
  }
}
