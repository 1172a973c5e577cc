/**
 * One evaluation case as `iamplay eval` reads it (issue 3): a request and the policies that apply,
 * checked for shape, evaluated, and answered as one plain object. Pure: the CLI and the tests share it.
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
 */
import type { ContextValue, Policy, PolicyType } from '../model';
import type { Caller, EvalRequest } from '../evaluate/types';
import type { FlowStep } from '../trace';
import type { Decision, PolicyEntry, PolicySet, Verdict } from './types';
import { parseCaller } from '../caller';
import { arnAccount, buildContext, contextValues } from '../context';
import { parsePolicy } from '../parse';
import { policyFromValue } from '../parse/value';
import { mayBeRefused } from '../refuse-fast';
import { brokenStatements, failClosed, refusals } from '../refusal';
import { validateParsed } from '../validate';
import { isAssumeRole } from './applicability';
import { evaluate } from '../authorize';
import { compileWildcard, foldCase } from '../evaluate';
import type { ExplainedStatement } from '../explain';
import { explainedStatements, steps } from '../explain';

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
/** A role's resource policy is its trust policy, and is checked as one. */
const ROLE_ARN = /^arn:[a-z-]+:iam::\d{12}:role\//;

class CaseProblem {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

/**
 * Documents already read, by content and policy type. The key is a hash of the JSON value taken
 * in one walk (no printing); a hit is confirmed by comparing the values, so a collision only costs
 * time. A document is admitted on its second sighting, so a batch of distinct documents caches
 * nothing and a batch that repeats a few shares one reading, one refusal check and one
 * compilation (kept on the policy object). Both tables are bounded.
 */
interface Doc {
  policy?: Policy;
  problem?: CaseProblem;
  /** For a refused document: the policy with its broken statements made safe (see `anyway`). */
  failClosed?: Policy;
}
const SEEN_SLOTS = 1 << 16;
const MAX_ADMITTED_SIZE = 4_000_000;
const MAX_HASH_DEPTH = 64;

/** Size (characters of strings, plus one per value) and hash (30 bits: a small integer) of a JSON value; -1 when too deep to cache. */
let hashSize = 0;
function hashOf(v: unknown, depth: number): number {
  if (depth > MAX_HASH_DEPTH) return -1;
  hashSize++;
  switch (typeof v) {
    case 'string': {
      const n = v.length;
      hashSize += n;
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
        for (const item of v) {
          const x = hashOf(item, depth + 1);
          if (x < 0) return -1;
          h = Math.imul(h ^ x, 0x01000193) + 0x7f4a7c15;
        }
      } else {
        for (const k in v) {
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

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++)
    if (ka[i] !== kb[i] || !sameValue((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]]))
      return false;
  return true;
}

class DocCache {
  private admitted = new Map<number, { value: unknown; doc: Doc; size: number }>();
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

  get(hash: number, value: unknown): Doc | undefined {
    const hit = this.admitted.get(hash);
    return hit && sameValue(hit.value, value) ? hit.doc : undefined;
  }

  offer(hash: number, value: unknown, size: number, doc: Doc): void {
    const slot = hash & (SEEN_SLOTS - 1);
    if (this.seen[slot] !== hash) {
      this.seen[slot] = hash;
      return;
    }
    if (size > MAX_ADMITTED_SIZE / 4) return;
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
const docs = new Map<PolicyType, DocCache>();

/**
 * Reads one document for `type`. A JSON value is read straight into the model when the quick
 * screen finds it plainly well formed; otherwise (and for a document given as text) it is parsed
 * with ranges and validated without the catalogue, and a finding IAM refuses answers the case.
 */
function readDoc(value: unknown, where: string, type: PolicyType): Doc {
  if (typeof value !== 'string' && !mayBeRefused(value, type)) {
    const policy = policyFromValue(value);
    if (policy) return { policy };
  }
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  } catch (e) {
    return {
      problem: new CaseProblem(
        'evaluate.case.shape',
        e instanceof RangeError ? `\`${where}\` is nested too deeply` : `\`${where}\` cannot be read as JSON`,
      ),
    };
  }
  if (text === undefined)
    return { problem: new CaseProblem('evaluate.case.shape', `\`${where}\` is not a policy document`) };
  const parsed = parsePolicy(text);
  const findings = validateParsed(text, parsed, { type });
  const bad = refusals(findings)[0];
  if (bad) {
    const at = bad.range.start;
    const doc: Doc = {
      problem: new CaseProblem(
        bad.code,
        `\`${where}\`: ${bad.message} (line ${at.line}, column ${at.column}; IAM refuses such a document)`,
      ),
    };
    if (parsed.policy) doc.failClosed = failClosed(parsed.policy, brokenStatements(parsed.policy, findings));
    return doc;
  }
  if (!parsed.policy)
    return { problem: new CaseProblem('parse.not-an-object', `\`${where}\` is not a policy document`) };
  return { policy: parsed.policy };
}

function policyAt(value: unknown, where: string, type: PolicyType, anyway: boolean): Policy {
  let cache = docs.get(type);
  if (!cache) docs.set(type, (cache = new DocCache()));
  hashSize = 0;
  const hash = hashOf(value, 0);
  const size = hashSize;
  let doc = hash < 0 ? undefined : cache.get(hash, value);
  if (!doc && sparseAction !== undefined && hash >= 0 && typeof value !== 'string' && cache.firstSighting(hash)) {
    // Seen for the first time, untraced: only the statements whose Action / NotAction can apply
    // to the request are read into the model (the others cannot match, and the document is not
    // kept for another case).
    if (!mayBeRefused(value, type)) {
      const policy = policyFromValue(value, actionCanApply);
      if (policy) return policy;
    }
    doc = readDoc(value, where, type);
  }
  if (!doc) {
    doc = readDoc(value, where, type);
    if (hash >= 0) cache.offer(hash, value, size, doc);
  }
  if (doc.problem && anyway && doc.failClosed) return doc.failClosed;
  if (doc.problem) {
    // The message names the policy where this case has it.
    const m = doc.problem.message;
    const tick = m.indexOf('`: ');
    throw m.startsWith('`') && tick > 0 ? new CaseProblem(doc.problem.code, `\`${where}${m.slice(tick)}`) : doc.problem;
  }
  return doc.policy!;
}

/**
 * The folded action of the case being prepared when it is evaluated untraced (set by `prepare`),
 * else undefined: a document seen once is then read only as far as the action can reach.
 */
let sparseAction: string | undefined;

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
  const folded = sparseAction!;
  return o.Action !== undefined ? listMatchesAction(o.Action, folded) : !listMatchesAction(o.NotAction, folded);
}

/** Whether the case being prepared evaluates refused documents anyway (set by `runCase`). */
let evaluateAnyway = false;

function entry(value: unknown, where: string, type: PolicyType): PolicyEntry {
  return { id: where, policy: policyAt(value, where, type, evaluateAnyway) };
}

function levels(value: unknown, where: string, type: PolicyType): PolicyEntry[][] {
  if (!Array.isArray(value))
    throw new CaseProblem(
      'evaluate.case.shape',
      `\`${where}\` must be a list of levels (root first), each a list of policies`,
    );
  return value.map((level, i) => {
    if (!Array.isArray(level))
      throw new CaseProblem(
        'evaluate.case.shape',
        `\`${where}[${i}]\` must be a list of policies (one level of the organization path)`,
      );
    return level.map((p, j) => entry(p, `${where}[${i}][${j}]`, type));
  });
}

function names(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v !== ''))
    throw new CaseProblem('evaluate.case.shape', `\`${where}\` must be a list of level names, root first`);
  return value as string[];
}

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

/** `identityPolicies[i]`, printed once for the first few. */
const IDENTITY_NAMES = Array.from({ length: 32 }, (_, i) => `identityPolicies[${i}]`);
const identityName = (i: number) => IDENTITY_NAMES[i] ?? `identityPolicies[${i}]`;

/** Builds the policy set and the request of a case; throws CaseProblem for a case it cannot evaluate. */
function prepare(
  c: Record<string, unknown>,
  now: number | undefined,
  traced: boolean,
): { set: PolicySet; request: EvalRequest; resourceAccount?: string } {
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
  sparseAction = traced ? undefined : foldCase(action);
  const given = contextOf(r.context);
  const parsed = parseCaller(principal);
  if (!parsed.ok) throw new CaseProblem(parsed.errors[0].code, parsed.errors[0].message);
  let caller: Caller = parsed.value;
  // A session ARN drops the role's path; the context's aws:PrincipalArn may give the full role ARN.
  let given_pa: ContextValue | undefined;
  if (caller.kind === 'assumed-role')
    for (const k in given)
      if (k.length === 16 && k.toLowerCase() === 'aws:principalarn') {
        given_pa = given[k];
        break;
      }
  if (
    caller.kind === 'assumed-role' &&
    typeof given_pa === 'string' &&
    given_pa.startsWith(`arn:aws:iam::${caller.account}:role/`)
  ) {
    caller = { ...caller, roleArn: given_pa };
  }

  const set: PolicySet = {};
  if (c.identityPolicies !== undefined) {
    if (!Array.isArray(c.identityPolicies))
      throw new CaseProblem('evaluate.case.shape', '`identityPolicies` must be a list of policies');
    const list = c.identityPolicies;
    set.identity = [];
    for (let i = 0; i < list.length; i++) set.identity.push(entry(list[i], identityName(i), 'identity'));
  }
  if (c.resourcePolicy !== undefined)
    set.resource = entry(
      c.resourcePolicy,
      'resourcePolicy',
      isAssumeRole(action, resource) || ROLE_ARN.test(resource) ? 'trust' : 'resource',
    );
  if (c.permissionsBoundary !== undefined)
    set.boundary = entry(c.permissionsBoundary, 'permissionsBoundary', 'boundary');
  if (c.sessionPolicy !== undefined) set.session = [entry(c.sessionPolicy, 'sessionPolicy', 'session')];
  if (c.scps !== undefined) set.scps = levels(c.scps, 'scps', 'scp');
  if (c.rcps !== undefined) set.rcps = levels(c.rcps, 'rcps', 'rcp');
  if (c.scpLevelNames !== undefined) set.scpLevelNames = names(c.scpLevelNames, 'scpLevelNames');
  if (c.rcpLevelNames !== undefined) set.rcpLevelNames = names(c.rcpLevelNames, 'rcpLevelNames');

  const account = resourceAccount ?? arnAccount(resource) ?? caller.account;
  const context = buildContext(caller, resource, given, { resourceAccount: account, now });
  return { set, request: { caller, action, resource, context }, resourceAccount: account };
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
    evaluateAnyway = options.anyway === true;
    const { set, request, resourceAccount } = prepare(c, options.now, options.explain === true);
    const result = evaluate(set, request, {
      trace: options.explain === true,
      message: options.explain === true,
      resourceAccount,
    });
    const deciding = result.deciding.map((ref) => {
      const d: DecidingStatement = { policy: ref.policyId, policyType: ref.policyType, statement: ref.statementIndex };
      if (ref.sid !== undefined) d.sid = ref.sid;
      return d;
    });
    if (!options.explain) return { id, decision: result.decision, deciding };
    const explain: CaseExplain = {
      message: result.message,
      deciding,
      byPolicyType: result.byPolicyType,
      steps: [],
      statements: [],
      context: contextValues(request.context),
      errors: result.errors.map((f) => ({ code: f.code, message: f.message })),
    };
    if (result.deniedBy) explain.deniedBy = result.deniedBy;
    for (const e of steps(result.trace)) explain.steps.push({ step: e.step, outcome: e.outcome, note: e.note });
    explain.statements = explainedStatements(result.trace, result.deciding);
    return { id, decision: result.decision, deciding, explain };
  } catch (e) {
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
