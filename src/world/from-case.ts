/**
 * An evaluation case as `iamplay eval` reads it (issue 3) is a small world: `caseWorld` checks the
 * case's shape and makes the world (the principal as a user or role carrying the identity
 * policies and the boundary, the resource carrying the resource policy or a role's trust policy,
 * the SCPs and RCPs on an organization path of the case's levels, the session policy as a session
 * fact) and `runCase` decides it with `authorize`, answering one plain object. Pure: the CLI and
 * the tests share it.
 *
 * ```
 * { "id": "c1",
 *   "request": { "principal": "<ARN> | anonymous", "action": "s3:GetObject", "resource": "<ARN> | *",
 *                "resourceAccount": "111122223333", "context": { "aws:SourceIp": "10.0.0.1" } },
 *   "identityPolicies": [<policy>], "resourcePolicy": <policy>, "permissionsBoundary": <policy>,
 *   "sessionPolicy": <policy>, "scps": [[<policy>...], ...], "rcps": [[<policy>...], ...],
 *   "scpLevelNames": ["root", "Workloads", "dev"], "rcpLevelNames": [...] }
 * ```
 * `rule`, `description` and `expect` are allowed and ignored (the JSON case files carry them).
 *
 * Documents are read through a cached screen: a document seen twice (same content, same policy
 * type) is read, checked for refusal and compiled once; a document seen once, untraced, is read
 * only as far as the request's action can reach.
 */
import type { Finding } from '../engine/diagnostics';
import type { ContextValue, PolicyType } from '../engine/model';
import type { FlowStep } from '../engine/trace';
import type { Decision, Verdict } from '../engine/decision/types';
import { parseCaller } from '../engine/caller';
import type { Caller } from '../engine/evaluate/types';
import { arnAccount, contextValues } from '../engine/context';
import { defaultLevelName } from '../engine/authorize';
import { parsePolicy } from '../engine/parse';
import { policyFromValue } from '../engine/parse/value';
import { mayBeRefused } from '../engine/refuse-fast';
import { validateParsed } from '../engine/validate';
import { isAssumeRole } from '../engine/decision/applicability';
import { compileWildcard, foldCase } from '../engine/evaluate';
import type { ExplainedStatement } from '../engine/explain';
import { explainedStatements, steps } from '../engine/explain';
import { authorize, UNNAMED_ACCOUNT } from './authorize';
import type { SessionFacts, WorldRequest } from './authorize';
import { judge } from './documents';
import type { DocPlace, Screen, Screened } from './documents';
import type { Account, ManagedPolicy, OrgPolicy, OrgUnit, PolicyDocument, Role, User, World } from './types';

export interface CaseError {
  code: string;
  message: string;
}

export interface DecidingStatement {
  policy: string;
  policyType: PolicyType;
  statement: number;
  sid?: string;
}

export interface CaseExplain {
  message: string;
  deniedBy?: PolicyType;
  deciding: DecidingStatement[];
  byPolicyType: Partial<Record<PolicyType, Verdict>>;
  steps: { step: FlowStep; outcome: string; note: string }[];
  /**
   * Every statement evaluated: whether it matched (deciding statements always do), the first
   * element that failed, the SCP/RCP level's name, and for a condition that failed its reason.
   */
  statements: ExplainedStatement[];
  context: Record<string, ContextValue>;
  errors: CaseError[];
}

export type CaseAnswer =
  | { id: string | null; decision: Decision; deciding: DecidingStatement[]; explain?: CaseExplain }
  | { id: string | null; error: CaseError };

export interface CaseOptions {
  explain?: boolean;
  /** Request time in milliseconds for `aws:CurrentTime` / `aws:EpochTime` when the context has none. */
  now?: number;
  /**
   * Evaluate documents IAM would refuse instead of answering with an error, ignoring their broken
   * statements (`failClosed`: a broken Allow never matches, a broken Deny always applies).
   */
  anyway?: boolean;
}

const CASE_KEYS = new Set([
  'id',
  'request',
  'identityPolicies',
  'resourcePolicy',
  'permissionsBoundary',
  'sessionPolicy',
  'scps',
  'rcps',
  'scpLevelNames',
  'rcpLevelNames',
  'rule',
  'description',
  'expect',
]);
const REQUEST_KEYS = new Set(['principal', 'action', 'resource', 'resourceAccount', 'context']);
const ACTION_RE = /^[A-Za-z0-9-]+:[A-Za-z0-9_-]+$/;
const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]{8,}$/;

class CaseProblem {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

// ---------------------------------------------------------------------------------------------
// The cached screen.

const SEEN_SLOTS = 1 << 16;
const MAX_ADMITTED_SIZE = 4_000_000;
const MAX_HASH_DEPTH = 64;

/**
 * How many values a document's hash looks at, at most: the first ones in document order (the
 * start of the first statements). Equality is checked on a hit, so a document that differs only
 * further on costs a comparison, never a wrong answer; a batch of distinct documents is hashed in
 * constant time per document instead of in its length.
 */
const HASH_BUDGET = 256;

/** Values left to look at in the hash being taken. */
let hashLeft = 0;

/** Hash (30 bits: a small integer) of the start of a JSON value; -1 when too deep to cache. */
function hashOf(v: unknown, depth: number): number {
  if (depth > MAX_HASH_DEPTH) return -1;
  hashLeft--;
  switch (typeof v) {
    case 'string': {
      const n = v.length;
      let h = Math.imul(n + 0x9e3779b1, 0x85ebca6b);
      // Every character of short strings, a sample of longer ones: equality is checked on a hit.
      const step = n <= 8 ? 1 : (n >>> 3) | 1;
      for (let i = 0; i < n; i += step) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
      if (n > 0) h = Math.imul(h ^ v.charCodeAt(n - 1), 0x01000193);
      return h & 0x3fffffff;
    }
    case 'number':
      return (Math.imul(Math.trunc(v) ^ 0x27d4eb2f, 0x165667b1) ^ ((v % 1) * 1e9)) & 0x3fffffff;
    case 'boolean':
      return v ? 0x1234567 : 0x7654321;
    case 'object': {
      if (v === null) return 0x5bd1e995;
      let h = Array.isArray(v) ? 0x2545f491 : 0x3c6ef372;
      if (Array.isArray(v)) {
        h = Math.imul(h ^ v.length, 0x01000193);
        for (let i = 0; i < v.length && hashLeft > 0; i++) {
          const x = hashOf(v[i], depth + 1);
          if (x < 0) return -1;
          h = Math.imul(h ^ x, 0x01000193) + 0x7f4a7c15;
        }
      } else {
        for (const k in v) {
          if (hashLeft <= 0) break;
          const x = hashOf((v as Record<string, unknown>)[k], depth + 1);
          if (x < 0) return -1;
          // Keys are few and repeat (element names): their length and ends are enough.
          h = Math.imul(
            h ^ (k.length * 0x10001 + (k.charCodeAt(0) | 0) + (k.charCodeAt(k.length - 1) | 0) * 31),
            0x01000193,
          );
          h = Math.imul(h ^ x, 0x01000193) + 0x7f4a7c15;
        }
      }
      return h & 0x3fffffff;
    }
    default:
      return -1;
  }
}

/** Size of a JSON value (characters of strings, plus one per value); -1 when too deep to cache. */
function sizeOfValue(v: unknown, depth: number): number {
  if (depth > MAX_HASH_DEPTH) return -1;
  if (typeof v === 'string') return 1 + v.length;
  if (typeof v !== 'object' || v === null) return 1;
  let n = 1;
  for (const k in v) {
    const x = sizeOfValue((v as Record<string, unknown>)[k], depth + 1);
    if (x < 0) return -1;
    n += x;
  }
  return n;
}

function sameValue(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  // Too deep to cache (the hash only looks at the start): never taken for the same.
  if (depth > MAX_HASH_DEPTH) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++)
    if (
      ka[i] !== kb[i] ||
      !sameValue((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]], depth + 1)
    )
      return false;
  return true;
}

class DocCache {
  private admitted = new Map<number, { value: unknown; doc: Screened; size: number }>();
  private admittedSize = 0;
  /** Hashes seen once: a direct-mapped table (a newer document takes an older one's slot). */
  private seen = new Int32Array(SEEN_SLOTS).fill(-1);

  /** True (and the hash remembered) when `hash` was not seen before: the document is read for this case only. */
  firstSighting(hash: number): boolean {
    const slot = hash & (SEEN_SLOTS - 1);
    if (this.seen[slot] === hash) return false;
    this.seen[slot] = hash;
    return true;
  }

  get(hash: number, value: unknown): Screened | undefined {
    const hit = this.admitted.get(hash);
    return hit && sameValue(hit.value, value) ? hit.doc : undefined;
  }

  offer(hash: number, value: unknown, doc: Screened): void {
    const slot = hash & (SEEN_SLOTS - 1);
    if (this.seen[slot] !== hash) {
      this.seen[slot] = hash;
      return;
    }
    const size = sizeOfValue(value, 0);
    if (size < 0 || size > MAX_ADMITTED_SIZE / 4) return;
    if (this.admittedSize + size > MAX_ADMITTED_SIZE) {
      this.admitted.clear();
      this.admittedSize = 0;
    }
    const old = this.admitted.get(hash);
    if (old) this.admittedSize -= old.size;
    this.admitted.set(hash, { value, doc, size });
    this.admittedSize += size;
  }
}
const caches = new Map<PolicyType, DocCache>();

/** Findings that are the case's own wording (`\`where\` is nested too deeply`), not a validator's. */
const SHAPE = new WeakSet<Finding>();
const NO_RANGE = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
function shape(code: string, message: string): Screened {
  const finding: Finding = { code, severity: 'ERROR', message, range: NO_RANGE };
  SHAPE.add(finding);
  return { refusal: { finding, count: 1, unreadable: true, statements: [] } };
}

/**
 * Reads one document for `type`. A JSON value is read straight into the model when the quick
 * screen finds it plainly well formed; otherwise (and for a document given as text) it is parsed
 * with ranges and validated without the catalogue (a case holds no storage, so no size limit).
 */
function readDoc(value: unknown, type: PolicyType): Screened {
  if (typeof value !== 'string' && !mayBeRefused(value, type)) {
    const policy = policyFromValue(value);
    if (policy) return { policy };
  }
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  } catch (e) {
    return shape('evaluate.case.shape', e instanceof RangeError ? 'is nested too deeply' : 'cannot be read as JSON');
  }
  if (text === undefined) return shape('evaluate.case.shape', 'is not a policy document');
  const parsed = parsePolicy(text);
  if (!parsed.policy && parsed.findings.every((f) => f.severity !== 'ERROR'))
    return shape('parse.not-an-object', 'is not a policy document');
  return judge(parsed.policy, parsed.findings, () =>
    validateParsed(text, parsed, { type }).slice(parsed.findings.length),
  );
}

/** The folded action of the case being decided untraced, else '' (a document seen once is then read sparsely). */
let sparseAction = '';

function matchesAction(pattern: unknown, folded: string): boolean {
  if (typeof pattern !== 'string') return false;
  if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0)
    return pattern.length === folded.length && foldCase(pattern) === folded;
  return compileWildcard(pattern, true).testFolded(folded);
}

function listMatchesAction(v: unknown, folded: string): boolean {
  if (!Array.isArray(v)) return matchesAction(v, folded);
  for (const p of v) if (matchesAction(p, folded)) return true;
  return false;
}

/**
 * Whether a statement of a screened document (its `Action` or `NotAction` a string or a list of
 * strings) can apply to the action being evaluated: the same case-insensitive glob the compiled
 * action matcher uses. A statement left out could not have matched.
 */
function actionCanApply(o: Record<string, unknown>): boolean {
  const folded = sparseAction;
  return o.Action !== undefined ? listMatchesAction(o.Action, folded) : !listMatchesAction(o.NotAction, folded);
}

/** The cached screen: a document seen twice is read once; one seen once, untraced, only as far as the action reaches. */
const cachedScreen: Screen = (value: PolicyDocument, place: DocPlace): Screened => {
  const type = place.type;
  let cache = caches.get(type);
  if (!cache) caches.set(type, (cache = new DocCache()));
  hashLeft = HASH_BUDGET;
  const hash = hashOf(value, 0);
  let doc = hash < 0 ? undefined : cache.get(hash, value);
  if (!doc && sparseAction !== '' && hash >= 0 && typeof value !== 'string' && cache.firstSighting(hash)) {
    // Seen for the first time, untraced: only the statements whose Action / NotAction can apply
    // to the request are read into the model (the others cannot match, and the document is not
    // kept for another case).
    if (!mayBeRefused(value, type)) {
      const policy = policyFromValue(value, actionCanApply);
      if (policy) return { policy };
    }
    return readDoc(value, type);
  }
  if (!doc) {
    doc = readDoc(value, type);
    if (hash >= 0) cache.offer(hash, value, doc);
  }
  return doc;
};

// ---------------------------------------------------------------------------------------------
// The case as a world.

function str(value: unknown, where: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new CaseProblem('evaluate.case.shape', `\`${where}\` must be a non-empty string`);
  return value;
}

function contextOf(value: unknown): Record<string, ContextValue> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CaseProblem(
      'evaluate.request.context',
      '`request.context` must be an object of condition keys to values',
    );
  }
  const out: Record<string, ContextValue> = {};
  const given = value as Record<string, unknown>;
  for (const k in given) {
    if (!Object.prototype.hasOwnProperty.call(given, k)) continue;
    const v = given[k];
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (
      Array.isArray(v) &&
      v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')
    )
      out[k] = v.map(String);
    else
      throw new CaseProblem(
        'evaluate.request.context',
        `the context key \`${k}\` must have a string or a list of strings`,
      );
  }
  return out;
}

/** Whether an ARN has at least five colons (six parts), as `split(':', 6)` would count, without splitting. */
function hasSixParts(arn: string): boolean {
  let at = -1;
  for (let n = 0; n < 5; n++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return false;
  }
  return true;
}

function levelsOf(value: unknown, where: string): unknown[][] {
  if (!Array.isArray(value))
    throw new CaseProblem(
      'evaluate.case.shape',
      `\`${where}\` must be a list of levels (root first), each a list of policies`,
    );
  value.forEach((level, i) => {
    if (!Array.isArray(level))
      throw new CaseProblem(
        'evaluate.case.shape',
        `\`${where}[${i}]\` must be a list of policies (one level of the organization path)`,
      );
  });
  return value as unknown[][];
}

function names(value: unknown, where: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== ''))
    throw new CaseProblem('evaluate.case.shape', `\`${where}\` must be a list of level names, root first`);
  return value as string[];
}

/** `identityPolicies[i]`, printed once for the first few. */
const IDENTITY_NAMES = Array.from({ length: 32 }, (_, i) => `identityPolicies[${i}]`);
const identityName = (i: number) => IDENTITY_NAMES[i] ?? `identityPolicies[${i}]`;

/** `/a/b/` and `name` of an IAM ARN's resource part after `user/` or `role/`. */
function pathAndName(arn: string): { path: string; name: string } {
  const rest = arn.slice(arn.indexOf('/') + 1);
  const cut = rest.lastIndexOf('/');
  return { path: cut < 0 ? '/' : `/${rest.slice(0, cut + 1)}`, name: rest.slice(cut + 1) };
}

const version = (document: PolicyDocument): ManagedPolicy['versions'] => [{ versionId: 'v1', document }];

/**
 * The unique id (`AIDA…`, `AROA…`) a request's `aws:userid` gives the caller, when it is one of
 * the caller's kind: the world's user or role then has that id, so a `Principal` naming it matches.
 */
export function uniqueIdFrom(caller: Caller, userid: ContextValue | undefined): string | undefined {
  if (typeof userid !== 'string') return undefined;
  if (caller.kind !== 'user' && caller.kind !== 'role' && caller.kind !== 'assumed-role') return undefined;
  const colon = userid.indexOf(':');
  const v = caller.kind === 'assumed-role' && colon >= 0 ? userid.slice(0, colon) : userid;
  return UNIQUE_ID.test(v) && (caller.kind === 'user') === v.startsWith('AIDA') ? v : undefined;
}

export interface CaseWorld {
  world: World;
  request: WorldRequest;
  caller: Caller;
  /** World ids that the case names otherwise (`sessionPolicy`, `resourcePolicy`). */
  rename: Map<string, string>;
}

/** One level path of the organization: the root, OUs, then the account. */
function orgPath(
  root: OrgUnit,
  org: { accountScps: Record<string, string[]>; accountRcps: Record<string, string[]> },
  account: string,
  scps: string[][] | undefined,
  rcps: string[][] | undefined,
  scpNames: string[] | undefined,
  rcpNames: string[] | undefined,
): string | undefined {
  const ns = scps?.length ?? 0;
  const nr = rcps?.length ?? 0;
  const n = Math.max(ns, nr);
  const nameAt = (i: number, count: number, given: string[] | undefined) => given?.[i] ?? defaultLevelName(i, count);
  let node = root;
  for (let i = 1; i < n - 1; i++) {
    const ou: OrgUnit = { id: `ou-case-${account}-${i}` };
    const scp = i < ns - 1 ? scps![i] : undefined;
    const rcp = i < nr - 1 ? rcps![i] : undefined;
    if (scp) ou.scps = scp;
    if (rcp) ou.rcps = rcp;
    ou.name = i < ns - 1 ? nameAt(i, ns, scpNames) : nameAt(i, nr, rcpNames);
    (node.children ??= []).push(ou);
    node = ou;
  }
  (node.accounts ??= []).push(account);
  if (ns >= 2) org.accountScps[account] = scps![ns - 1];
  if (nr >= 2) org.accountRcps[account] = rcps![nr - 1];
  if (ns >= 2) return nameAt(ns - 1, ns, scpNames);
  if (nr >= 2) return nameAt(nr - 1, nr, rcpNames);
  return undefined;
}

/** The small world a case describes, and the request in it. Throws (a `CaseProblem`) for a case it cannot evaluate. */
export function caseWorld(c: Record<string, unknown>): CaseWorld {
  for (const k of Object.keys(c))
    if (!CASE_KEYS.has(k)) throw new CaseProblem('evaluate.case.unknown-key', `unknown key \`${k}\` in the case`);
  const rq = c.request;
  if (typeof rq !== 'object' || rq === null || Array.isArray(rq))
    throw new CaseProblem('evaluate.case.shape', 'the case needs a `request` object');
  const r = rq as Record<string, unknown>;
  for (const k of Object.keys(r))
    if (!REQUEST_KEYS.has(k)) throw new CaseProblem('evaluate.case.unknown-key', `unknown key \`${k}\` in \`request\``);
  const principal = str(r.principal, 'request.principal', true)!;
  const action = str(r.action, 'request.action', true)!;
  const resource = str(r.resource, 'request.resource', true)!;
  const resourceAccount = str(r.resourceAccount, 'request.resourceAccount', false);
  if (!ACTION_RE.test(action)) {
    throw new CaseProblem(
      'evaluate.request.action',
      `\`${action.slice(0, 100)}\` is not an action; write \`service:ActionName\`, such as \`s3:GetObject\``,
    );
  }
  if (resource !== '*' && !(resource.startsWith('arn:') && hasSixParts(resource))) {
    throw new CaseProblem(
      'evaluate.request.resource',
      `\`${resource.slice(0, 100)}\` is not an ARN; write \`arn:partition:service:region:account:resource\` or \`*\``,
    );
  }
  if (resourceAccount !== undefined && !/^\d{12}$/.test(resourceAccount)) {
    throw new CaseProblem(
      'evaluate.request.resource',
      `\`request.resourceAccount\` must be a 12-digit account id, found \`${resourceAccount.slice(0, 40)}\``,
    );
  }
  const given = contextOf(r.context);
  const parsed = parseCaller(principal);
  if (!parsed.ok) throw new CaseProblem(parsed.errors[0].code, parsed.errors[0].message);
  const caller = parsed.value;

  if (c.identityPolicies !== undefined && !Array.isArray(c.identityPolicies))
    throw new CaseProblem('evaluate.case.shape', '`identityPolicies` must be a list of policies');
  const scps = c.scps === undefined ? undefined : levelsOf(c.scps, 'scps');
  const rcps = c.rcps === undefined ? undefined : levelsOf(c.rcps, 'rcps');
  const scpNames = names(c.scpLevelNames, 'scpLevelNames');
  const rcpNames = names(c.rcpLevelNames, 'rcpLevelNames');

  const world: World = { accounts: [] };
  const managed: ManagedPolicy[] = [];
  const identity: string[] = [];
  const list = (c.identityPolicies ?? []) as PolicyDocument[];
  for (let i = 0; i < list.length; i++) {
    const arn = identityName(i);
    managed.push({ arn, versions: version(list[i]), defaultVersion: 'v1' });
    identity.push(arn);
  }
  let boundary: string | undefined;
  if (c.permissionsBoundary !== undefined) {
    boundary = 'permissionsBoundary';
    managed.push({ arn: boundary, versions: version(c.permissionsBoundary as PolicyDocument), defaultVersion: 'v1' });
  }
  world.managedPolicies = managed;
  const rename = new Map<string, string>(); // filled only when the case has a session or resource policy
  const request: WorldRequest = { principal, action, resource, context: given };
  if (resourceAccount !== undefined) request.resourceAccount = resourceAccount;

  // The principal: a user or role of the world holding the identity policies.
  const account = caller.account;
  const id = uniqueIdFrom(caller, given['aws:userid']);
  const roles: Role[] = [];
  if (caller.kind === 'user' || caller.kind === 'federated-user') {
    const user: User = { account: account!, ...pathAndName(caller.arn), managedPolicies: identity };
    if (caller.kind === 'user' && id) user.id = id;
    if (boundary) user.permissionsBoundary = boundary;
    world.users = [user];
    if (caller.kind === 'federated-user')
      request.session = { createdBy: `arn:aws:iam::${account}:user${user.path}${user.name}` };
  } else if (caller.kind === 'role' || caller.kind === 'assumed-role') {
    // A session ARN drops the role's path; the context's `aws:PrincipalArn` may give the full role ARN.
    let roleArn = caller.kind === 'role' ? caller.arn : caller.roleArn!;
    if (caller.kind === 'assumed-role') {
      for (const k in given)
        if (k.length === 16 && k.toLowerCase() === 'aws:principalarn') {
          const pa = given[k];
          const name = caller.arn.split('/')[1];
          if (typeof pa === 'string' && pa.startsWith(`arn:aws:iam::${account}:role/`) && pa.endsWith(`/${name}`))
            roleArn = pa;
          break;
        }
    }
    const role: Role = { account: account!, ...pathAndName(roleArn), trustPolicy: {}, managedPolicies: identity };
    if (id) role.id = id;
    if (boundary) role.permissionsBoundary = boundary;
    roles.push(role);
  }
  if (c.sessionPolicy !== undefined) {
    (request.session ??= {} as SessionFacts).policies = [c.sessionPolicy as PolicyDocument];
    rename.set('session:0', 'sessionPolicy');
  }

  // The resource: its policy, or for sts:AssumeRole* the role's trust policy.
  if (c.resourcePolicy !== undefined) {
    const doc = c.resourcePolicy as PolicyDocument;
    if (isAssumeRole(action, resource)) {
      const { path, name } = pathAndName(resource);
      const owner = arnAccount(resource)!;
      const target = roles.find((x) => x.account === owner && x.name === name && (x.path ?? '/') === path);
      if (target) target.trustPolicy = doc;
      else roles.push({ account: owner, path, name, trustPolicy: doc });
      rename.set(`role${path}${name}:trust`, 'resourcePolicy');
    } else {
      world.resources = [
        resourceAccount ? { arn: resource, account: resourceAccount, policy: doc } : { arn: resource, policy: doc },
      ];
      rename.set(resource, 'resourcePolicy');
    }
  }
  if (roles.length > 0) world.roles = roles;

  // The organization: each level's policies attached at the root, OUs and the account.
  // A caller or resource with no account (anonymous, a bucket ARN) sits at the unnamed account.
  // Accounts are named only as organization levels: a case without SCPs or RCPs needs none.
  const accounts: Account[] = [];
  if ((scps && scps.length > 0) || (rcps && rcps.length > 0)) {
    const principalAccount = account ?? UNNAMED_ACCOUNT;
    const ownerAccount = resourceAccount ?? arnAccount(resource) ?? account ?? UNNAMED_ACCOUNT;
    const accountOf = (a: string) => {
      let x = accounts.find((y) => y.id === a);
      if (!x) accounts.push((x = { id: a }));
      return x;
    };
    if (account !== undefined) accountOf(account);
    if (ownerAccount !== UNNAMED_ACCOUNT) accountOf(ownerAccount);
    const policies: OrgPolicy[] = [];
    const ids = (levels: unknown[][] | undefined, where: string, type: 'SCP' | 'RCP') =>
      levels?.map((level, i) =>
        level.map((document, j) => {
          const pid = `${where}[${i}][${j}]`;
          policies.push({ id: pid, type, document: document as PolicyDocument });
          return pid;
        }),
      );
    const scpIds = ids(scps, 'scps', 'SCP');
    const rcpIds = ids(rcps, 'rcps', 'RCP');
    const root: OrgUnit = { id: 'r-case', name: scpNames?.[0] ?? rcpNames?.[0] ?? 'root' };
    if (scpIds && scpIds.length > 0) root.scps = scpIds[0];
    if (rcpIds && rcpIds.length > 0) root.rcps = rcpIds[0];
    const org = { id: '', managementAccount: 'none', root, policies, accountScps: {}, accountRcps: {} };
    const named = (a: string, name: string | undefined) => {
      if (name !== undefined) accountOf(a).name = name;
    };
    if (principalAccount === ownerAccount)
      named(principalAccount, orgPath(root, org, principalAccount, scpIds, rcpIds, scpNames, rcpNames));
    else {
      named(principalAccount, orgPath(root, org, principalAccount, scpIds, undefined, scpNames, undefined));
      named(ownerAccount, orgPath(root, org, ownerAccount, undefined, rcpIds, undefined, rcpNames));
    }
    world.organization = org;
  }
  world.accounts = accounts;
  return { world, request, caller, rename };
}

/** Where a case names a document, in the order a case is read: the first refused one is answered. */
function caseOrder(name: string): number {
  if (name.startsWith('identityPolicies[')) return Number(name.slice(17, -1));
  if (name === 'resourcePolicy') return 1e7;
  if (name === 'permissionsBoundary') return 1e7 + 1;
  if (name === 'sessionPolicy') return 1e7 + 2;
  const m = /^(scps|rcps)\[(\d+)\]\[(\d+)\]$/.exec(name);
  if (m) return (m[1] === 'scps' ? 2e7 : 3e7) + Number(m[2]) * 1e5 + Number(m[3]);
  return 4e7;
}

function refusalError(where: string, finding: Finding): CaseProblem {
  if (SHAPE.has(finding)) return new CaseProblem(finding.code, `\`${where}\` ${finding.message}`);
  const at = finding.range.start;
  return new CaseProblem(
    finding.code,
    `\`${where}\`: ${finding.message} (line ${at.line}, column ${at.column}; IAM refuses such a document)`,
  );
}

/** Evaluates one case value. Never throws. */
export function runCase(value: unknown, options: CaseOptions = {}): CaseAnswer {
  let id: string | null = null;
  try {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return {
        id,
        error: { code: 'evaluate.case.shape', message: 'a case must be a JSON object with `id` and `request`' },
      };
    }
    const c = value as Record<string, unknown>;
    if (typeof c.id === 'string' || typeof c.id === 'number') id = String(c.id);
    else return { id, error: { code: 'evaluate.case.shape', message: 'the case needs an `id` (a string)' } };
    const { world, request, caller, rename } = caseWorld(c);
    const traced = options.explain === true;
    const anyway = options.anyway === true;
    sparseAction = traced ? '' : foldCase(request.action);
    const r = authorize(world, request, {
      trace: traced,
      message: traced,
      now: options.now,
      screen: cachedScreen,
      caller,
      anyway,
      attachedLevelsOnly: true,
      policyId: rename.size > 0 ? (x) => rename.get(x) ?? x : undefined,
    });
    sparseAction = '';
    if (!r.ok) throw new CaseProblem(r.errors[0].code, r.errors[0].message);
    const result = r.value;
    // A refused document answers the case (an unreadable one even when evaluating anyway).
    let first: (typeof result.refused)[number] | undefined;
    for (const x of result.refused)
      if ((!anyway || x.unreadable) && (!first || caseOrder(x.id) < caseOrder(first.id))) first = x;
    if (first) throw refusalError(first.id, first.finding);
    const deciding = result.deciding.map((ref) => {
      const d: DecidingStatement = { policy: ref.policyId, policyType: ref.policyType, statement: ref.statementIndex };
      if (ref.sid !== undefined) d.sid = ref.sid;
      return d;
    });
    if (!traced) return { id, decision: result.decision, deciding };
    const explain: CaseExplain = {
      message: result.message,
      deciding,
      byPolicyType: result.byPolicyType,
      steps: [],
      statements: [],
      context: contextValues(result.request.context),
      errors: result.errors.map((f) => ({ code: f.code, message: f.message })),
    };
    if (result.deniedBy) explain.deniedBy = result.deniedBy;
    for (const e of steps(result.trace)) explain.steps.push({ step: e.step, outcome: e.outcome, note: e.note });
    explain.statements = explainedStatements(result.trace, result.deciding);
    return { id, decision: result.decision, deciding, explain };
  } catch (e) {
    sparseAction = '';
    if (e instanceof CaseProblem) return { id, error: { code: e.code, message: e.message } };
    return {
      id,
      error: {
        code: 'evaluate.internal',
        message: `the case could not be evaluated: ${e instanceof Error ? e.message : String(e)}`,
      },
    };
  }
}
